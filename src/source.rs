//! A source file's text with a line index, so any byte offset can become file:line:col.

use crate::diagnostics::Location;
use std::path::PathBuf;
use std::sync::OnceLock;

/// Longest part of a line shown under a diagnostic, in characters: a long line is cut to a
/// window around the column, so a problem on a 100,000-character line prints a short excerpt.
pub const MAX_EXCERPT: usize = 160;

/// Bytes per block of the character index.
const BLOCK: usize = 256;

#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path as shown to the contributor (relative to the guide root where possible).
    pub display_path: PathBuf,
    pub text: String,
    line_starts: Vec<usize>,
    /// How many characters come before each block of [`BLOCK`] bytes, made the first time a
    /// column is needed: any column is then found by reading at most one block, so locating
    /// thousands of problems on one long line stays linear.
    chars_before: OnceLock<Vec<usize>>,
}

impl SourceFile {
    pub fn new(display_path: impl Into<PathBuf>, text: String) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self {
            display_path: display_path.into(),
            text,
            line_starts,
            chars_before: OnceLock::new(),
        }
    }

    /// 1-based line number of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }

    /// The text of a 1-based line, without its line ending.
    pub fn line_text(&self, line: usize) -> &str {
        let Some(&start) = self.line_starts.get(line.wrapping_sub(1)) else {
            return "";
        };
        let end = self
            .line_starts
            .get(line)
            .copied()
            .unwrap_or(self.text.len());
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }

    /// Byte offset where a 1-based line starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts
            .get(line.wrapping_sub(1))
            .copied()
            .unwrap_or(self.text.len())
    }

    /// How many characters the text has before byte `offset`.
    fn chars_to(&self, offset: usize) -> usize {
        let index = self.chars_before.get_or_init(|| {
            let mut before = Vec::with_capacity(self.text.len() / BLOCK + 1);
            let mut count = 0;
            for block in self.text.as_bytes().chunks(BLOCK) {
                before.push(count);
                count += starts_of_chars(block);
            }
            before
        });
        let block = offset / BLOCK;
        let counted = index.get(block).copied().unwrap_or(0);
        counted + starts_of_chars(&self.text.as_bytes()[block * BLOCK..offset])
    }

    /// The byte offset of the character `n` characters after byte `from` (or the end).
    fn byte_after(&self, from: usize, n: usize) -> usize {
        let wanted = self.chars_to(from) + n;
        let index = self.chars_before.get().map(Vec::as_slice).unwrap_or(&[]);
        let block = index.partition_point(|&c| c <= wanted).saturating_sub(1);
        let mut count = index.get(block).copied().unwrap_or(0);
        for (i, &b) in self.text.as_bytes().iter().enumerate().skip(block * BLOCK) {
            if b & 0xC0 != 0x80 {
                if count == wanted {
                    return i.max(from);
                }
                count += 1;
            }
        }
        self.text.len()
    }

    /// The 1-based column (in characters) of byte `offset` on its 1-based `line`.
    fn column(&self, line: usize, offset: usize) -> usize {
        self.chars_to(offset) - self.chars_to(self.line_start(line)) + 1
    }

    /// Location of the byte range `start..end` (the underline stops at the end of the line).
    pub fn locate(&self, start: usize, end: usize) -> Location {
        let start = floor_char_boundary(&self.text, start.min(self.text.len()));
        let line = self.line_of(start).max(1);
        let col = self.column(line, start);
        let span = self.text.get(start..end.max(start)).unwrap_or("");
        let width = span
            .chars()
            .take_while(|c| *c != '\n')
            .take(MAX_EXCERPT)
            .count()
            .max(1);
        self.excerpt(line, col, width)
    }

    /// Location of a 1-based line and column (column in characters).
    pub fn locate_line_col(&self, line: usize, col: usize, width: usize) -> Location {
        let line = line.clamp(1, self.line_starts.len());
        self.excerpt(line, col.max(1), width.max(1))
    }

    /// A location whose shown line is cut to at most [`MAX_EXCERPT`] characters around `col`,
    /// with `…` where text was left out, and the underline kept inside what is shown.
    fn excerpt(&self, line: usize, col: usize, width: usize) -> Location {
        let text = self.line_text(line);
        let start = self.line_start(line);
        let chars = self.chars_to(start + text.len()) - self.chars_to(start);
        let (shown, caret, room) = if chars <= MAX_EXCERPT {
            let room = chars.saturating_sub(col - 1).max(1);
            (text.to_string(), col, room)
        } else {
            let first = (col - 1)
                .saturating_sub(MAX_EXCERPT / 3)
                .min(chars - MAX_EXCERPT);
            let from = self.byte_after(start, first);
            let to = self.byte_after(start, first + MAX_EXCERPT);
            let head = if first > 0 { "…" } else { "" };
            let tail = if first + MAX_EXCERPT < chars {
                "…"
            } else {
                ""
            };
            let caret = col - first + usize::from(first > 0);
            let room = (first + MAX_EXCERPT + 1).saturating_sub(col).max(1);
            (format!("{head}{}{tail}", &self.text[from..to]), caret, room)
        };
        Location {
            file: self.display_path.clone(),
            line,
            col,
            source_line: Some(shown),
            caret,
            width: width.clamp(1, room),
        }
    }
}

/// How many characters start in these bytes (every byte that is not a UTF-8 continuation).
fn starts_of_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count()
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_lines_and_columns() {
        let f = SourceFile::new("a.md", "one\ntwo three\nfour".into());
        let loc = f.locate(8, 13);
        assert_eq!((loc.line, loc.col, loc.width), (2, 5, 5));
        assert_eq!(loc.source_line.as_deref(), Some("two three"));
        assert_eq!(f.line_of(0), 1);
        assert_eq!(f.line_of(4), 2);
        assert_eq!(f.line_text(3), "four");
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let f = SourceFile::new("a.md", "é x\nab".into());
        assert_eq!(f.locate(3, 4).col, 3);
        assert_eq!(f.locate(6, 7).col, 2);
        let long = format!("{}x", "é".repeat(1000));
        let f = SourceFile::new("a.md", long);
        assert_eq!(f.locate(2000, 2001).col, 1001);
    }

    #[test]
    fn long_lines_show_a_window_around_the_column() {
        for filler in ["a", "é"] {
            let line = format!("{}target{}", filler.repeat(5000), filler.repeat(5000));
            let f = SourceFile::new("a.md", line.clone());
            let at = line.find("target").unwrap();
            let loc = f.locate(at, at + 6);
            assert_eq!((loc.line, loc.col, loc.width), (1, 5001, 6));
            let shown = loc.source_line.unwrap();
            assert!(shown.chars().count() <= MAX_EXCERPT + 2, "{shown}");
            assert!(shown.starts_with('…') && shown.ends_with('…'));
            let under: String = shown.chars().skip(loc.caret - 1).take(6).collect();
            assert_eq!(under, "target");
        }
    }
}
