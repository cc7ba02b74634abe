//! Where a setting is written in book.toml, from the TOML parser's own spans, so a problem with
//! a value points at its key (`[safety] max-grade` in a table, a dotted key or an inline table).

use crate::diagnostics::Location;
use crate::source::SourceFile;
use toml::de::{DeTable, DeValue};

/// The location of the key at `path` (e.g. `["safety", "max-grade"]`), if it is written.
pub fn key_location(source: &SourceFile, path: &[&str]) -> Option<Location> {
    let document = DeTable::parse(&source.text).ok()?;
    let (last, parents) = path.split_last()?;
    let mut table = document.get_ref();
    for name in parents {
        let (_, value) = table.iter().find(|(k, _)| k.get_ref().as_ref() == *name)?;
        match value.get_ref() {
            DeValue::Table(inner) => table = inner,
            _ => return None,
        }
    }
    let (key, _) = table.iter().find(|(k, _)| k.get_ref().as_ref() == *last)?;
    let span = key.span();
    Some(source.locate(span.start, span.end))
}

/// [`key_location`], or the start of the file when the key is not written there.
pub fn key_or_start(source: &SourceFile, path: &[&str]) -> Location {
    key_location(source, path).unwrap_or_else(|| source.locate(0, 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_found_in_their_own_table() {
        let text = "[book]\ntitle = \"T\"\n\n[site]\nurl = \"x\"\n\n[safety]\nsafety.x = 1\nmax-grade = 8\n[safety.headings]\nurgent = \"u\"\n";
        let source = SourceFile::new("book.toml", text.into());
        let line = |path: &[&str]| key_location(&source, path).map(|l| (l.line, l.col));
        assert_eq!(line(&["site", "url"]), Some((5, 1)));
        assert_eq!(line(&["safety", "max-grade"]), Some((9, 1)));
        assert_eq!(line(&["safety", "headings", "urgent"]), Some((11, 1)));
        assert_eq!(line(&["book", "url"]), None);
    }
}
