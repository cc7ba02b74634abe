//! Word forms: red flags' words are matched by their stems (Snowball, for the guide's language),
//! so "chest pains" finds `chest pain`, "numbness" finds `numb` and "legs" finds `leg`. Text is
//! folded first ([`super::fold`]), then cut into words; a word is stemmed only when it could
//! begin like a flag word's stem, so the common words of a page cost a byte comparison, not a
//! stemmer call. Punctuation between words is not read: "pee, or poo" is "pee or poo".

use rust_stemmers::{Algorithm, Stemmer};
use std::collections::HashSet;
use std::ops::Range;

/// A guide language's stemmer (none for a language Snowball has no algorithm for).
pub struct Stems {
    stemmer: Option<Stemmer>,
    /// The first [`PREFIX`] bytes of every stemmed word of the patterns.
    prefixes: HashSet<Vec<u8>>,
}

/// How many leading bytes of a word decide whether it is stemmed. Snowball stems nearly always
/// keep the start of a word, so a word that could stem to a pattern's word starts with its
/// stem's first bytes, or with the pattern word's own.
const PREFIX: usize = 3;

/// What stands for a word that no pattern can match, so no pattern spans it.
const GAP: &str = "\u{1}";

/// Text cut into words and stemmed: `text` is the stems joined by spaces, `words` where each
/// is in it and in the folded text.
pub struct Stemmed {
    pub text: String,
    words: Vec<(Range<usize>, Range<usize>)>,
}

impl Stems {
    /// The stemmer for a BCP 47 language tag (`en-GB`, `fr`...), and the patterns it will look
    /// for (already folded).
    pub fn new(language: &str, patterns: &[String]) -> Stems {
        let stemmer = algorithm(language).map(Stemmer::create);
        let mut stems = Stems {
            stemmer,
            prefixes: HashSet::new(),
        };
        for pattern in patterns {
            for (_, word) in words(pattern) {
                let stem = stems.stem_word(word);
                stems.prefixes.insert(prefix(&stem));
                // A stem need not keep a short word's start ("any" is "ani", "lying" is
                // "lie"): the word's own form is stemmed too, or it could never match.
                stems.prefixes.insert(prefix(&word.to_lowercase()));
            }
        }
        stems
    }

    /// A pattern as the stemmed text writes it.
    pub fn pattern(&self, folded: &str) -> String {
        words(folded)
            .map(|(_, w)| self.stem_word(w))
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn stem_word(&self, word: &str) -> String {
        let lower = word.to_lowercase();
        match &self.stemmer {
            Some(s) => s.stem(&lower).into_owned(),
            None => lower,
        }
    }

    /// `folded` cut into words, each stemmed if a pattern could hold it.
    pub fn stemmed(&self, folded: &str) -> Stemmed {
        let mut text = String::with_capacity(folded.len());
        let mut words_at = Vec::new();
        for (range, word) in words(folded) {
            if !text.is_empty() {
                text.push(' ');
            }
            let start = text.len();
            let lead = prefix(word);
            let lead_lower: Vec<u8> = lead.to_ascii_lowercase();
            if self.prefixes.contains(&lead_lower) || !word.is_ascii() {
                text.push_str(&self.stem_word(word));
            } else {
                text.push_str(GAP);
            }
            words_at.push((start..text.len(), range));
        }
        Stemmed {
            text,
            words: words_at,
        }
    }
}

impl Stemmed {
    /// The folded range of stemmed `start..end`, when it begins and ends on whole words.
    pub fn folded_range(&self, start: usize, end: usize) -> Option<Range<usize>> {
        let first = self
            .words
            .binary_search_by_key(&start, |(s, _)| s.start)
            .ok()?;
        let last = self.words.binary_search_by_key(&end, |(s, _)| s.end).ok()?;
        Some(self.words[first].1.start..self.words[last].1.end)
    }
}

/// The words of a text (runs of letters and digits, with an apostrophe inside a word kept:
/// "don't"), with their byte ranges.
fn words(text: &str) -> impl Iterator<Item = (Range<usize>, &str)> {
    let is_word = |c: char| c.is_alphanumeric() || c == '\'' || c == '\u{2019}';
    let mut rest = 0;
    std::iter::from_fn(move || {
        let start = rest + text[rest..].find(|c: char| c.is_alphanumeric())?;
        let len = text[start..]
            .find(|c: char| !is_word(c))
            .unwrap_or(text.len() - start);
        rest = start + len;
        let word = text[start..rest].trim_end_matches(['\'', '\u{2019}']);
        Some((start..start + word.len(), word))
    })
}

fn prefix(word: &str) -> Vec<u8> {
    let bytes = word.as_bytes();
    bytes[..bytes.len().min(PREFIX)].to_vec()
}

/// Snowball's algorithm for a language tag's primary language.
fn algorithm(language: &str) -> Option<Algorithm> {
    let primary = language.split(['-', '_']).next()?.to_ascii_lowercase();
    Some(match primary.as_str() {
        "ar" => Algorithm::Arabic,
        "da" => Algorithm::Danish,
        "nl" => Algorithm::Dutch,
        "en" => Algorithm::English,
        "fi" => Algorithm::Finnish,
        "fr" => Algorithm::French,
        "de" => Algorithm::German,
        "el" => Algorithm::Greek,
        "hu" => Algorithm::Hungarian,
        "it" => Algorithm::Italian,
        "no" | "nb" | "nn" => Algorithm::Norwegian,
        "pt" => Algorithm::Portuguese,
        "ro" => Algorithm::Romanian,
        "ru" => Algorithm::Russian,
        "es" => Algorithm::Spanish,
        "sv" => Algorithm::Swedish,
        "ta" => Algorithm::Tamil,
        "tr" => Algorithm::Turkish,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_forms_meet_at_their_stem_and_map_back_to_the_text() {
        let stems = Stems::new("en-GB", &["chest pain".into(), "numb".into()]);
        assert_eq!(stems.pattern("chest pain"), "chest pain");
        let text = "You have chest pains and numbness.";
        let stemmed = stems.stemmed(text);
        let at = stemmed.text.find("chest pain").unwrap();
        let range = stemmed.folded_range(at, at + "chest pain".len()).unwrap();
        assert_eq!(&text[range], "chest pains");
        assert!(stemmed.text.contains("numb"));
        assert!(
            !stemmed.text.contains("you"),
            "a word no pattern holds is not stemmed"
        );
    }

    #[test]
    fn a_word_whose_stem_changes_its_start_still_matches() {
        // Snowball stems "any" to "ani" and "lying" to "lie".
        let stems = Stems::new("en-GB", &["put any weight".into(), "lying down".into()]);
        for (text, pattern) in [
            ("You cannot put any weight on it.", "put any weight"),
            ("It hurts when lying down.", "lying down"),
        ] {
            let stemmed = stems.stemmed(text);
            assert!(stemmed.text.contains(&stems.pattern(pattern)), "{text}");
        }
    }

    #[test]
    fn a_language_without_a_stemmer_matches_words_as_written() {
        let stems = Stems::new("xx", &["pains".into()]);
        assert_eq!(stems.pattern("pains"), "pains");
        assert!(stems.stemmed("chest pains").text.ends_with("pains"));
    }
}
