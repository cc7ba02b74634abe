//! A source file's text with a line index, so any byte offset can become file:line:col.

use crate::diagnostics::Location;
use std::path::PathBuf;

/// Longest part of a line shown under a diagnostic, in characters: a long line is cut to a
/// window around the column, so a problem on a 100,000-character line prints a short excerpt.
pub const MAX_EXCERPT: usize = 160;

#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path as shown to the contributor (relative to the guide root where possible).
    pub display_path: PathBuf,
    pub text: String,
    line_starts: Vec<usize>,
    /// Whether each line is ASCII, so columns on it are byte offsets (found in constant time).
    ascii_lines: Vec<bool>,
}

impl SourceFile {
    pub fn new(display_path: impl Into<PathBuf>, text: String) -> Self {
        let line_starts: Vec<usize> = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let ascii_lines = line_starts
            .iter()
            .zip(line_starts.iter().skip(1).chain([&text.len()]))
            .map(|(&start, &end)| text.as_bytes()[start..end.max(start)].is_ascii())
            .collect();
        Self {
            display_path: display_path.into(),
            text,
            line_starts,
            ascii_lines,
        }
    }

    /// 1-based line number of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }

    /// The number of lines.
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
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

    /// The 1-based column (in characters) of byte `offset` on its 1-based `line`.
    fn column(&self, line: usize, offset: usize) -> usize {
        let start = self.line_start(line);
        if self.ascii_lines.get(line - 1).copied().unwrap_or(false) {
            return offset - start + 1;
        }
        self.text[start..offset].chars().count() + 1
    }

    /// Location of the byte range `start..end` (the underline stops at the end of the line).
    pub fn locate(&self, start: usize, end: usize) -> Location {
        let start = floor_char_boundary(&self.text, start.min(self.text.len()));
        let line = self.line_of(start).max(1);
        let col = self.column(line, start);
        let line_text = self.line_text(line);
        let span = self.text.get(start..end.max(start)).unwrap_or("");
        let width = span
            .chars()
            .take_while(|c| *c != '\n')
            .take(MAX_EXCERPT)
            .count()
            .max(1);
        excerpt(self.display_path.clone(), line, col, width, line_text)
    }

    /// Location of a 1-based line and column (column in characters).
    pub fn locate_line_col(&self, line: usize, col: usize, width: usize) -> Location {
        let line = line.clamp(1, self.line_starts.len());
        let text = self.line_text(line);
        excerpt(
            self.display_path.clone(),
            line,
            col.max(1),
            width.max(1),
            text,
        )
    }
}

/// A location whose shown line is cut to at most [`MAX_EXCERPT`] characters around `col`, with
/// `…` where text was left out, and the underline kept inside what is shown.
pub fn excerpt(file: PathBuf, line: usize, col: usize, width: usize, text: &str) -> Location {
    let chars = if text.is_ascii() {
        text.len()
    } else {
        text.chars().count()
    };
    if chars <= MAX_EXCERPT {
        let rest = chars.saturating_sub(col - 1).max(1);
        return Location {
            file,
            line,
            col,
            source_line: Some(text.to_string()),
            caret: col,
            width: width.clamp(1, rest),
        };
    }
    let before = MAX_EXCERPT / 3;
    let first = col
        .saturating_sub(1)
        .saturating_sub(before)
        .min(chars - MAX_EXCERPT);
    let shown: String = text.chars().skip(first).take(MAX_EXCERPT).collect();
    let (head, caret) = if first > 0 {
        ("…", col - first + 1)
    } else {
        ("", col)
    };
    let tail = if first + MAX_EXCERPT < chars {
        "…"
    } else {
        ""
    };
    let room = (first + MAX_EXCERPT + 1).saturating_sub(col).max(1);
    Location {
        file,
        line,
        col,
        source_line: Some(format!("{head}{shown}{tail}")),
        caret,
        width: width.clamp(1, room),
    }
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
    }

    #[test]
    fn long_lines_show_a_window_around_the_column() {
        let line = format!("{}target{}", "a".repeat(5000), "b".repeat(5000));
        let f = SourceFile::new("a.md", line);
        let loc = f.locate(5000, 5006);
        assert_eq!((loc.line, loc.col, loc.width), (1, 5001, 6));
        let shown = loc.source_line.unwrap();
        assert!(shown.chars().count() <= MAX_EXCERPT + 2, "{shown}");
        assert!(shown.starts_with('…') && shown.ends_with('…'));
        let at: String = shown.chars().skip(loc.caret - 1).take(6).collect();
        assert_eq!(at, "target");
    }
}
