//! The screen in front of the stemmer: most texts hold no red flag's words at all, and one
//! cheap pass over their words says so, so only the rest are stemmed and searched.

use super::stems::{SHORTEST_START, Stems, words};
use super::terms::Known;
use aho_corasick::{AhoCorasick, AhoCorasickKind, Anchored, Input, MatchKind, StartKind};

/// A quick test that a text could hold a pattern at all. A term (a phrase, or a term of
/// several parts: [`super::composite`]) has parts, a part has alternatives, and an alternative
/// stands for itself by its two longest words ("fall" and "from"; the short words every text
/// has, "a" and "your", would only slow the screen). A text holds a term only if, for every
/// part, it holds both words of some alternative in one of their forms ([`Stems`]); a text
/// that holds no term this way is not stemmed. Text with letters outside ASCII is always read
/// in full, as stemmers for other languages change letters ("Rücken" is "ruck").
pub struct Screen {
    /// The forms of three letters or more, found anchored at a word's start, longest first.
    automaton: Option<AhoCorasick>,
    /// For each of them, the (alternative, word, stem) triples it and every shorter form it
    /// begins with stand for.
    owners: Vec<Vec<Owner>>,
    /// The shorter forms ("an"), which must be whole words, and what they stand for.
    short: rustc_hash::FxHashMap<String, Vec<Owner>>,
    /// The stem of each anchor word, by number: a word of the text that begins like a form
    /// counts only when its stem is its anchor's ("weekly" begins like "wee" but is not it).
    stem_ids: rustc_hash::FxHashMap<String, u32>,
    /// The anchor stem of each word of the texts met so far ([`NOT_AN_ANCHOR`] for none).
    met: std::sync::RwLock<rustc_hash::FxHashMap<String, u32>>,
    /// The first three letters (a to z) of the longer forms, one bit each: most words of a
    /// text begin like no form, and this tells so without the automaton.
    starts: Starts,
    /// Each alternative's term and part, and how many words it needs (1 or 2).
    alternatives: Vec<(usize, usize, u8)>,
    /// Each term's number of parts.
    parts: Vec<usize>,
}

/// The most words a [`Screen`] remembers across pages.
const MOST_MET: usize = 200_000;

/// What [`Screen`]'s `met` holds for a word whose stem is no anchor's.
const NOT_AN_ANCHOR: u32 = u32::MAX;

/// What a form stands for: an alternative, which of its (up to two) words, and that word's
/// stem (an id of [`Screen`]'s `stem_ids`).
type Owner = (usize, u8, u32);

impl Screen {
    /// `terms`: each term's parts, each part's alternatives (folded phrases).
    pub fn new(stems: &Stems, terms: &[Vec<Vec<String>>]) -> Screen {
        let mut by_form: std::collections::BTreeMap<String, Vec<Owner>> =
            std::collections::BTreeMap::new();
        let mut stem_ids = rustc_hash::FxHashMap::default();
        let mut alternatives = Vec::new();
        for (t, parts) in terms.iter().enumerate() {
            for (p, phrases) in parts.iter().enumerate() {
                for phrase in phrases {
                    let anchors = longest_words(phrase);
                    let a = alternatives.len();
                    alternatives.push((t, p, anchors.len() as u8));
                    for (k, anchor) in anchors.into_iter().enumerate() {
                        let next = stem_ids.len() as u32;
                        let id = *stem_ids.entry(stems.stem_word(anchor)).or_insert(next);
                        for form in stems.forms(anchor) {
                            by_form.entry(form).or_default().push((a, k as u8, id));
                        }
                    }
                }
            }
        }
        let (short, long): (Vec<_>, Vec<_>) =
            (by_form.iter()).partition(|(form, _)| form.len() < SHORTEST_START);
        // The longest form at a word's start stands for the shorter ones it begins with too.
        let owners = (long.iter())
            .map(|(form, _)| {
                (SHORTEST_START..=form.len())
                    .filter_map(|k| form.get(..k).and_then(|p| by_form.get(p)))
                    .flatten()
                    .copied()
                    .collect()
            })
            .collect();
        let starts = Starts::new(long.iter().map(|(form, _)| form.as_str()));
        let automaton = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .start_kind(StartKind::Anchored)
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .build(long.iter().map(|(form, _)| form.as_str()))
            .ok();
        let short = (short.into_iter())
            .map(|(form, owners)| (form.clone(), owners.clone()))
            .collect();
        Screen {
            automaton,
            owners,
            short,
            stem_ids,
            met: Default::default(),
            starts,
            alternatives,
            parts: terms.iter().map(Vec::len).collect(),
        }
    }

    /// Whether `folded` could hold a term. A word that begins like a form is stemmed (once a
    /// page: `known`) to tell whether it is one.
    pub fn may_hold(&self, folded: &str, stems: &Stems, known: &mut Known) -> bool {
        if !folded.is_ascii() {
            return true;
        }
        // The words of each alternative, and the parts of each term, seen so far: one bit each.
        let (mut found, mut parts): (Vec<u8>, Vec<u32>) = (Vec::new(), Vec::new());
        for word in ascii_words(folded) {
            let Some(owners) = self.owners_of(word) else {
                continue;
            };
            let Some(stem) = self.stem_id(word, stems, known) else {
                continue;
            };
            if found.is_empty() {
                (found, parts) = (vec![0; self.alternatives.len()], vec![0; self.parts.len()]);
            }
            for &(a, k, _) in owners.iter().filter(|o| o.2 == stem) {
                found[a] |= 1 << k;
                let (t, p, needed) = self.alternatives[a];
                if found[a].count_ones() < u32::from(needed) {
                    continue;
                }
                parts[t] |= 1 << p.min(31);
                if parts[t].count_ones() as usize >= self.parts[t].min(32) {
                    return true;
                }
            }
        }
        false
    }

    /// The anchor stem a word of the text is, if any: remembered for the whole build (pages
    /// are checked in parallel), as a guide's words repeat from page to page.
    fn stem_id(&self, word: &str, stems: &Stems, known: &mut Known) -> Option<u32> {
        if let Some(&id) = self.met.read().ok()?.get(word) {
            return (id != NOT_AN_ANCHOR).then_some(id);
        }
        let stem = match known.get(word) {
            Some(stem) => stem.clone(),
            None => {
                let stem = stems.stem_word(word);
                known.insert(word.to_string(), stem.clone());
                stem
            }
        };
        let id = self.stem_ids.get(&stem).copied().unwrap_or(NOT_AN_ANCHOR);
        if let Ok(mut met) = self.met.write()
            && met.len() < MOST_MET
        {
            met.insert(word.to_string(), id);
        }
        (id != NOT_AN_ANCHOR).then_some(id)
    }

    /// What a word of the text may stand for: the forms it begins with.
    fn owners_of(&self, word: &str) -> Option<&[Owner]> {
        if word.len() < SHORTEST_START {
            let mut lower = [0u8; SHORTEST_START];
            lower[..word.len()].copy_from_slice(word.as_bytes());
            lower.make_ascii_lowercase();
            let lower = std::str::from_utf8(&lower[..word.len()]).ok()?;
            return self.short.get(lower).map(Vec::as_slice);
        }
        if !self.starts.may_begin(word) {
            return None;
        }
        let ac = self.automaton.as_ref()?;
        let found = ac.find(Input::new(word).anchored(Anchored::Yes))?;
        Some(&self.owners[found.pattern().as_usize()])
    }
}

/// The two longest words of a phrase, which stand for it in a [`Screen`] (longest first; of
/// equals, the first written).
fn longest_words(phrase: &str) -> Vec<&str> {
    let mut all: Vec<&str> = words(phrase).map(|(_, w)| w).collect();
    all.sort_by_key(|w| std::cmp::Reverse(w.len()));
    all.truncate(2);
    all
}

/// Three-letter starts, as a bit set over a to z (26 × 26 × 26 bits); a form that does not
/// begin with three such letters makes every word go to the automaton.
struct Starts {
    bits: Vec<u64>,
    others: bool,
}

impl Starts {
    fn new<'f>(forms: impl Iterator<Item = &'f str>) -> Self {
        let mut starts = Starts {
            bits: vec![0; (26 * 26 * 26usize).div_ceil(64)],
            others: false,
        };
        for form in forms {
            match index(form) {
                Some(i) => starts.bits[i / 64] |= 1 << (i % 64),
                None => starts.others = true,
            }
        }
        starts
    }

    /// Whether a word could begin with one of the forms.
    fn may_begin(&self, word: &str) -> bool {
        match index(word) {
            Some(i) => self.bits[i / 64] & (1 << (i % 64)) != 0,
            None => self.others || word.len() < SHORTEST_START,
        }
    }
}

/// The place of a word's first three letters (any case), when they are a to z.
fn index(word: &str) -> Option<usize> {
    let b = word.as_bytes().get(..3)?;
    b.iter().try_fold(0usize, |at, &c| {
        let c = c.to_ascii_lowercase();
        c.is_ascii_lowercase()
            .then(|| at * 26 + usize::from(c - b'a'))
    })
}

/// The words of an ASCII text as [`super::stems::words`] finds them (letters and digits, an
/// apostrophe inside a word kept), read byte by byte: the screen reads every text.
fn ascii_words(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() && !bytes[i].is_ascii_alphanumeric() {
            i += 1;
        }
        if i == bytes.len() {
            return None;
        }
        let start = i;
        while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'\'') {
            i += 1;
        }
        let mut end = i;
        while bytes[end - 1] == b'\'' {
            end -= 1;
        }
        text.get(start..end)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn screen(terms: &[&[&[&str]]]) -> Tested {
        let terms: Vec<Vec<Vec<String>>> = (terms.iter())
            .map(|t| {
                t.iter()
                    .map(|p| p.iter().map(|a| a.to_string()).collect())
                    .collect()
            })
            .collect();
        let words: Vec<String> = terms.iter().flatten().flatten().cloned().collect();
        let stems = Stems::new("en-GB", &words);
        Tested {
            screen: Screen::new(&stems, &terms),
            stems,
        }
    }

    struct Tested {
        screen: Screen,
        stems: Stems,
    }

    impl Tested {
        fn may_hold(&self, text: &str) -> bool {
            (self.screen).may_hold(text, &self.stems, &mut Known::default())
        }
    }

    #[test]
    fn a_text_passes_only_with_every_part_of_some_term() {
        let s = screen(&[
            &[&["fall from"]],
            &[&["numb", "tingling"], &["bottom", "groin"]],
        ]);
        assert!(s.may_hold("She had a fall from a ladder."));
        assert!(!s.may_hold("Falls are common."), "one word of two");
        assert!(s.may_hold("Tingling around the groin."));
        assert!(
            s.may_hold("Numbness in your bottom."),
            "another form of the word"
        );
        assert!(!s.may_hold("Sit on your bottom."), "one part of two");
        assert!(
            s.may_hold("Пример: numb"),
            "text outside ASCII is always read"
        );
    }

    #[test]
    fn ascii_words_are_the_stemmer_words() {
        let text = "Don't  wee' legs'' 999 a&e numb-ish, x";
        let ours: Vec<&str> = ascii_words(text).collect();
        let theirs: Vec<&str> = words(text).map(|(_, w)| w).collect();
        assert_eq!(ours, theirs);
    }
}
