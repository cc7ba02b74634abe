//! Text folded for matching, so a sign cannot hide behind how it is spelt: each character is
//! put in its compatibility form (NFKC: `ﬁ` is `fi`, a full-width `ａ` is `a`, a no-break
//! space is a space) and lowercased; invisible characters (soft hyphens, zero-width spaces
//! and joiners, direction marks, variation selectors: Unicode's default-ignorable code points)
//! are dropped; and a letter from another script that looks like a Latin letter (Cyrillic
//! `а`, Greek `ο`) becomes that letter, by the confusable prototypes of Unicode's security
//! mechanisms (UTS #39). Phrases are folded the same way, so matching stays exact.
//!
//! ASCII text is left as it is: the matcher ignores ASCII case itself, and nearly all text is
//! ASCII, so it costs nothing.

use std::borrow::Cow;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::canonical_combining_class;

/// Folded text, with where each of its bytes came from in the original.
pub struct Folded<'t> {
    pub text: Cow<'t, str>,
    /// For each byte of `text`, the original byte offset of the character it came from (only
    /// when folding changed anything).
    origin: Option<Vec<usize>>,
    original_len: usize,
}

impl<'t> Folded<'t> {
    pub fn new(text: &'t str) -> Folded<'t> {
        if text.is_ascii() {
            return Folded {
                text: Cow::Borrowed(text),
                origin: None,
                original_len: text.len(),
            };
        }
        let mut folded = String::with_capacity(text.len());
        let mut origin = Vec::with_capacity(text.len());
        let mut scratch = Scratch::default();
        for (start, cluster) in clusters(text) {
            let before = folded.len();
            fold_cluster(cluster, &mut folded, &mut scratch);
            origin.resize(origin.len() + folded.len() - before, start);
        }
        Folded {
            text: Cow::Owned(folded),
            origin: Some(origin),
            original_len: text.len(),
        }
    }

    /// The original byte offset of folded byte `at` (the end for `at` past the last byte).
    pub fn original(&self, at: usize) -> usize {
        match &self.origin {
            None => at.min(self.original_len),
            Some(origin) => origin.get(at).copied().unwrap_or(self.original_len),
        }
    }

    /// The original byte range of the folded range `start..end`, in `original` (the text
    /// this was folded from).
    pub fn original_range(
        &self,
        original: &str,
        start: usize,
        end: usize,
    ) -> std::ops::Range<usize> {
        let from = self.original(start);
        let mut to = if end >= self.text.len() {
            self.original_len
        } else {
            self.original(end)
        };
        if to <= from {
            // The match ends inside one character (a ligature folded to two letters).
            to = original[from..]
                .chars()
                .next()
                .map_or(from, |c| from + c.len_utf8());
        }
        from..to
    }
}

/// Fold a phrase for matching (lowercase, like the text it is matched against).
pub fn phrase(text: &str) -> String {
    Folded::new(text.trim()).text.to_ascii_lowercase()
}

/// Each character with the combining marks that follow it, and where it starts.
fn clusters(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut starts = text
        .char_indices()
        .filter(|&(i, c)| i == 0 || canonical_combining_class(c) == 0)
        .map(|(i, _)| i)
        .peekable();
    std::iter::from_fn(move || {
        let start = starts.next()?;
        let end = starts.peek().copied().unwrap_or(text.len());
        Some((start, &text[start..end]))
    })
}

/// Buffers reused from one character to the next.
#[derive(Default)]
struct Scratch {
    normal: String,
    prototype: String,
}

fn fold_cluster(cluster: &str, out: &mut String, scratch: &mut Scratch) {
    if cluster.is_ascii() {
        out.push_str(cluster);
        return;
    }
    scratch.normal.clear();
    scratch
        .normal
        .extend(cluster.nfkc().flat_map(char::to_lowercase));
    for c in scratch.normal.chars() {
        if c.is_ascii() {
            out.push(c);
            continue;
        }
        scratch.prototype.clear();
        scratch
            .prototype
            .extend(unicode_security::skeleton(c.encode_utf8(&mut [0; 4])));
        if scratch.prototype.is_empty() {
            // Invisible: not part of the word.
            continue;
        }
        if scratch.prototype.is_ascii() {
            out.extend(scratch.prototype.chars().map(|p| p.to_ascii_lowercase()));
        } else {
            out.push(c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_and_look_alike_spellings_fold_to_the_plain_word() {
        for spelt in [
            "blad\u{ad}der",
            "bla\u{200b}dder",
            "bl\u{200d}adder",
            "bl\u{0430}dder",
            "BL\u{0410}DDER",
            "ｂｌａｄｄｅｒ",
            "b\u{2060}ladder\u{fe0f}",
        ] {
            assert_eq!(
                Folded::new(spelt).text.to_lowercase(),
                "bladder",
                "{spelt:?}"
            );
        }
        assert_eq!(phrase("You\u{2019}re worried"), "you're worried");
        assert_eq!(phrase("café"), "café");
        assert_eq!(phrase("cafe\u{301}"), "café");
    }

    #[test]
    fn folded_offsets_lead_back_to_the_original() {
        let text = "é then blа\u{ad}dder";
        let folded = Folded::new(text);
        let at = folded.text.find("bladder").unwrap();
        let range = folded.original_range(text, at, at + "bladder".len());
        assert_eq!(&text[range], "blа\u{ad}dder");
        let plain = Folded::new("see bladder");
        assert_eq!(plain.original_range("see bladder", 4, 11), 4..11);
    }
}
