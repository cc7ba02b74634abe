//! Word forms: red flags' words are matched by their stems (Snowball, for the guide's language),
//! so "chest pains" finds `chest pain`, "numbness" finds `numb` and "legs" finds `leg`. Text is
//! folded first ([`super::fold`]), then cut into words; a word is stemmed only when it begins
//! with a flag word's stem (or the stem less its last letter, for "hoping" and `hope`) or with
//! the flag word itself (for "any", whose stem is "ani"), so the common words of a page cost a
//! few set lookups, not a stemmer call. Punctuation between words is not read: "pee, or poo"
//! is "pee or poo".

use aho_corasick::{AhoCorasick, AhoCorasickKind, Anchored, Input, StartKind};
use rust_stemmers::{Algorithm, Stemmer};
use std::cell::RefCell;
use std::ops::Range;
use thread_local::ThreadLocal;

/// A guide language's stemmer (none for a language Snowball has no algorithm for).
pub struct Stems {
    stemmer: Option<Stemmer>,
    /// What a word that could stem to a pattern's word begins with, found anchored at a word's
    /// start in one automaton walk.
    starts: Option<AhoCorasick>,
    /// Pattern words of one or two letters ("a", "in"), which match only themselves.
    short: rustc_hash::FxHashSet<String>,
    /// How each word met so far stands in [`Stemmed`] text (its stem, or nothing when no
    /// pattern can hold it), by [`word_key`]; one cache per thread (pages are checked in
    /// parallel): a guide's words repeat from page to page, and each is read once.
    known: ThreadLocal<RefCell<Known>>,
}

/// How each word met stands in [`Stemmed`] text, by [`word_key`].
type Known = rustc_hash::FxHashMap<u128, Option<Box<str>>>;

/// The most words a [`Stems`] remembers, on each thread.
const MOST_KNOWN: usize = 200_000;

/// Starts shorter than this match only a whole word: "a" would otherwise let every word that
/// begins with an "a" through.
pub(super) const SHORTEST_START: usize = 3;

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
            starts: None,
            short: Default::default(),
            known: ThreadLocal::new(),
        };
        let mut starts = std::collections::HashSet::new();
        for pattern in patterns {
            for (_, word) in words(pattern) {
                for form in stems.forms(word) {
                    match form.len() < SHORTEST_START {
                        true => stems.short.insert(form),
                        false => starts.insert(form),
                    };
                }
            }
        }
        stems.starts = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .start_kind(StartKind::Anchored)
            .ascii_case_insensitive(true)
            .build(&starts)
            .ok();
        stems
    }

    /// A pattern as the stemmed text writes it.
    pub fn pattern(&self, folded: &str) -> String {
        words(folded)
            .map(|(_, w)| self.stem_word(w))
            .collect::<Vec<_>>()
            .join(" ")
    }

    pub(super) fn stem_word(&self, word: &str) -> String {
        let lower = word.to_lowercase();
        match &self.stemmer {
            Some(s) => s.stem(&lower).into_owned(),
            None => lower,
        }
    }

    /// Writes how `word` stands in [`Stemmed`] text at the end of `out`: its stem if a
    /// pattern could hold it, else [`GAP`]; from this thread's cache when it has met the word.
    fn push_stand_in(&self, word: &str, out: &mut String, known: &mut Known) {
        let key = word_key(word);
        if let Some(known) = key.and_then(|k| known.get(&k)) {
            out.push_str(known.as_deref().unwrap_or(GAP));
            return;
        }
        let stem = (!word.is_ascii() || self.could_match(word)).then(|| self.stem_word(word));
        out.push_str(stem.as_deref().unwrap_or(GAP));
        if let Some(k) = key.filter(|_| known.len() < MOST_KNOWN) {
            known.insert(k, stem.map(String::into_boxed_str));
        }
    }

    /// What a word that could stem as `word` does begins with: the word, its stem, and the
    /// stem less its last letter where Snowball changes it ([`shortened`]).
    pub(super) fn forms(&self, word: &str) -> Vec<String> {
        let stem = self.stem_word(word);
        let mut forms = vec![word.to_lowercase()];
        forms.extend(shortened(&stem));
        forms.push(stem);
        forms.retain(|f| !f.is_empty());
        forms
    }

    /// Whether an ASCII word begins as a pattern's word could, or its head does ("GP's" may
    /// stem to "gp").
    fn could_match(&self, word: &str) -> bool {
        let head = head(word);
        self.could_begin(word) || (head.len() < word.len() && self.could_begin(head))
    }

    fn could_begin(&self, word: &str) -> bool {
        if word.len() < SHORTEST_START {
            let mut buffer = [0u8; SHORTEST_START];
            return lower_short(word, &mut buffer).is_some_and(|w| self.short.contains(w));
        }
        let anchored = Input::new(word).anchored(Anchored::Yes);
        self.starts.as_ref().is_some_and(|ac| ac.is_match(anchored))
    }

    /// `folded` cut into words, each stemmed if a pattern could hold it.
    pub fn stemmed(&self, folded: &str) -> Stemmed {
        let mut known = self.known.get_or_default().borrow_mut();
        let mut stemmed = Stemmed {
            text: String::with_capacity(folded.len()),
            words: Vec::with_capacity(folded.len() / 4),
        };
        if folded.is_ascii() {
            for range in ascii_words(folded) {
                self.push_word(&folded[range.clone()], range, &mut stemmed, &mut known);
            }
        } else {
            for (range, word) in words(folded) {
                self.push_word(word, range, &mut stemmed, &mut known);
            }
        }
        stemmed
    }

    /// Writes `word` (at `range` of the folded text) at the end of `stemmed`.
    fn push_word(&self, word: &str, range: Range<usize>, stemmed: &mut Stemmed, known: &mut Known) {
        if !stemmed.text.is_empty() {
            stemmed.text.push(' ');
        }
        let start = stemmed.text.len();
        self.push_stand_in(word, &mut stemmed.text, known);
        stemmed.words.push((start..stemmed.text.len(), range));
    }
}

/// A word's head: what comes before its first apostrophe (the whole word when it has none).
/// Stemmers drop what follows it ("'s"), so a pattern's short word can end there.
pub(super) fn head(word: &str) -> &str {
    word.split(['\'', '\u{2019}']).next().unwrap_or(word)
}

/// A word shorter than [`SHORTEST_START`] in lower case, written in `buffer` (no allocation:
/// the screen and the stemmer look up every short word of a text).
pub(super) fn lower_short<'b>(word: &str, buffer: &'b mut [u8; SHORTEST_START]) -> Option<&'b str> {
    let lower = buffer.get_mut(..word.len())?;
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    std::str::from_utf8(lower).ok()
}

/// A word of up to 16 bytes as one number (its bytes, then zeros: a word holds no zero byte),
/// a cheap key for the words met; longer words are not remembered.
pub(super) fn word_key(word: impl AsRef<[u8]>) -> Option<u128> {
    let bytes = word.as_ref();
    let mut key = [0u8; 16];
    key.get_mut(..bytes.len())?.copy_from_slice(bytes);
    Some(u128::from_le_bytes(key))
}

/// [`word_key`] of `bytes[range]`, read as one load where 16 bytes follow its start (the
/// screen keys every word of every text).
pub(super) fn word_key_at(bytes: &[u8], range: Range<usize>) -> Option<u128> {
    let len = range.len();
    if len > 16 {
        return None;
    }
    match bytes.get(range.start..range.start + 16) {
        Some(sixteen) => {
            let all = u128::from_le_bytes(sixteen.try_into().ok()?);
            Some(all & (u128::MAX >> (8 * (16 - len))))
        }
        None => word_key(&bytes[range]),
    }
}

/// A stem less its last letter, where other forms of its word do not begin with the whole
/// stem: Snowball writes "hoping" as "hope" and "cries" as "cri".
pub(super) fn shortened(stem: &str) -> Option<String> {
    let last = stem.chars().last()?;
    let cut = stem.len() - last.len_utf8();
    (matches!(last, 'e' | 'i') && cut >= SHORTEST_START).then(|| stem[..cut].to_string())
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
/// "don't"), with their byte ranges. ASCII bytes are read as bytes, the rest as characters.
pub(super) fn words(text: &str) -> impl Iterator<Item = (Range<usize>, &str)> {
    let bytes = text.as_bytes();
    let mut rest = 0;
    std::iter::from_fn(move || {
        let start = rest + next_char(text, rest, |c| c.is_alphanumeric())?;
        let len = next_char(text, start, |c| !is_word(c)).unwrap_or(text.len() - start);
        rest = start + len;
        let mut end = rest;
        // A closing apostrophe ends the word: "legs'".
        while end > start && (bytes[end - 1] == b'\'' || text[..end].ends_with('\u{2019}')) {
            end -= if bytes[end - 1] == b'\'' {
                1
            } else {
                '\u{2019}'.len_utf8()
            };
        }
        Some((start..end, &text[start..end]))
    })
}

/// The words of an ASCII text as [`words`] finds them (letters and digits, an apostrophe
/// inside a word kept), read byte by byte through a table: the screen reads every text.
pub(super) fn ascii_words(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while WORD_BYTE[usize::from(*bytes.get(i)?)] != LETTER {
            i += 1;
        }
        let start = i;
        // The end of the last letter or digit: a closing apostrophe ends the word ("legs'").
        let mut end = i + 1;
        i += 1;
        while let Some(&b) = bytes.get(i) {
            match WORD_BYTE[usize::from(b)] {
                LETTER => end = i + 1,
                APOSTROPHE => {}
                _ => break,
            }
            i += 1;
        }
        Some(start..end)
    })
}

const OTHER: u8 = 0;
const LETTER: u8 = 1;
const APOSTROPHE: u8 = 2;

/// What each byte is to [`ascii_words`]: a letter or digit, an apostrophe, or neither.
const WORD_BYTE: [u8; 256] = {
    let mut kinds = [OTHER; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        kinds[b] = match c {
            b'\'' => APOSTROPHE,
            _ if c.is_ascii_alphanumeric() => LETTER,
            _ => OTHER,
        };
        b += 1;
    }
    kinds
};

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '\'' || c == '\u{2019}'
}

/// How far past `from` the first character that `wanted` is lies, in bytes.
fn next_char(text: &str, from: usize, wanted: impl Fn(char) -> bool) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = from;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii() {
            if wanted(b as char) {
                return Some(i - from);
            }
            i += 1;
        } else {
            let c = text[i..].chars().next()?;
            if wanted(c) {
                return Some(i - from);
            }
            i += c.len_utf8();
        }
    }
    None
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
    fn a_word_read_in_place_has_the_key_of_its_copy() {
        let text = "a numbness, incontinence-of-the-bladder x";
        for range in ascii_words(text) {
            let key = word_key_at(text.as_bytes(), range.clone());
            assert_eq!(key, word_key(&text[range.clone()]), "{}", &text[range]);
        }
        assert_eq!(word_key_at(b"abcdefghijklmnopq", 0..17), None);
    }

    #[test]
    fn a_language_without_a_stemmer_matches_words_as_written() {
        let stems = Stems::new("xx", &["pains".into()]);
        assert_eq!(stems.pattern("pains"), "pains");
        assert!(stems.stemmed("chest pains").text.ends_with("pains"));
    }
}
