//! A source file's text with a line index, so any byte offset can become file:line:col.

use crate::diagnostics::Location;
use std::path::PathBuf;

#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path as shown to the contributor (relative to the guide root where possible).
    pub display_path: PathBuf,
    pub text: String,
    line_starts: Vec<usize>,
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

    /// Location of the byte range `start..end` (the underline stops at the end of the line).
    pub fn locate(&self, start: usize, end: usize) -> Location {
        let start = floor_char_boundary(&self.text, start.min(self.text.len()));
        let line = self.line_of(start).max(1);
        let line_start = self.line_start(line);
        let line_text = self.line_text(line);
        let col = self.text[line_start..start].chars().count() + 1;
        let rest = line_text.chars().count().saturating_sub(col - 1);
        let span = self.text.get(start..end.max(start)).unwrap_or("");
        let width = span
            .chars()
            .take_while(|c| *c != '\n')
            .count()
            .clamp(1, rest.max(1));
        Location {
            file: self.display_path.clone(),
            line,
            col,
            source_line: Some(line_text.to_string()),
            width,
        }
    }

    /// Location of a 1-based line and column (column in characters).
    pub fn locate_line_col(&self, line: usize, col: usize, width: usize) -> Location {
        let line = line.clamp(1, self.line_starts.len());
        let text = self.line_text(line);
        Location {
            file: self.display_path.clone(),
            line,
            col: col.max(1),
            source_line: Some(text.to_string()),
            width: width.max(1),
        }
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
        let f = SourceFile::new("a.md", "é x".into());
        assert_eq!(f.locate(3, 4).col, 3);
    }
}
