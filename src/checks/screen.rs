//! The screen in front of the stemmer: most texts hold no red flag's words at all, and one
//! cheap pass over their words says so, so only the rest are stemmed and searched.

use super::fold;
use super::stems::{SHORTEST_START, Stems, ascii_words, head, lower_short, word_key, words};
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
    /// What each word of the texts met so far stands for, and room to mark what a text has
    /// shown: one of each per thread (pages are checked in parallel, and a guide's words
    /// repeat from page to page).
    scratch: thread_local::ThreadLocal<std::cell::RefCell<Scratch>>,
    /// The first three letters (a to z) of the longer forms, one bit each: most words of a
    /// text begin like no form, and this tells so without the automaton.
    starts: Starts,
    /// Each alternative's term and part, and how many words it needs (1 or 2).
    alternatives: Vec<(usize, usize, u8)>,
    /// Each term's number of parts.
    parts: Vec<usize>,
}

/// The most words a [`Screen`] remembers across pages, on each thread.
const MOST_MET: usize = 200_000;

/// What a form stands for: an alternative, which of its (up to two) words, and that word's
/// stem (an id of [`Screen`]'s `stem_ids`).
type Owner = (usize, u8, u32);

/// A [`Screen`]'s room on one thread: what each word met stands for ([`Screen::stands_for`],
/// by [`word_key`]), and what the text being read has shown.
#[derive(Default)]
struct Scratch {
    met: rustc_hash::FxHashMap<u128, Met>,
    seen: Seen,
    /// How many texts this thread has screened: the number of the one being read.
    texts: u64,
}

/// A word met: what it stands for, and the number of the last text it was met in.
struct Met {
    stands_for: Box<[(usize, u8)]>,
    last: u64,
}

/// The words of each alternative, and the parts of each term, a text has shown so far: one
/// bit each, with which were set, so the next text starts from nothing at the cost of what
/// this one set.
#[derive(Default)]
struct Seen {
    words: Vec<u8>,
    parts: Vec<u32>,
    set_words: Vec<usize>,
    set_parts: Vec<usize>,
}

impl Seen {
    fn prepare(&mut self, alternatives: usize, terms: usize) {
        self.words.resize(alternatives, 0);
        self.parts.resize(terms, 0);
    }

    /// Marks word `k` of alternative `a`; whether the alternative now has the `needed` words.
    fn word(&mut self, a: usize, k: u8, needed: u8) -> bool {
        if self.words[a] == 0 {
            self.set_words.push(a);
        }
        self.words[a] |= 1 << k;
        self.words[a].count_ones() >= u32::from(needed)
    }

    /// Marks part `p` of term `t`; how many of its parts are marked.
    fn part(&mut self, t: usize, p: usize) -> usize {
        if self.parts[t] == 0 {
            self.set_parts.push(t);
        }
        self.parts[t] |= 1 << p.min(31);
        self.parts[t].count_ones() as usize
    }

    fn clear(&mut self) {
        for a in self.set_words.drain(..) {
            self.words[a] = 0;
        }
        for t in self.set_parts.drain(..) {
            self.parts[t] = 0;
        }
    }
}

impl Screen {
    /// `terms`: each term's parts, each part's alternatives (folded phrases); `common`: the
    /// language's most common words, which stand for an alternative only when it has fewer
    /// than two other words ([`anchor_words`]).
    pub fn new(stems: &Stems, terms: &[Vec<Vec<String>>], common: &[String]) -> Screen {
        let common: rustc_hash::FxHashSet<String> =
            common.iter().map(|w| fold::phrase(w)).collect();
        let mut by_form: std::collections::BTreeMap<String, Vec<Owner>> =
            std::collections::BTreeMap::new();
        let mut stem_ids = rustc_hash::FxHashMap::default();
        let mut alternatives = Vec::new();
        for (t, parts) in terms.iter().enumerate() {
            for (p, phrases) in parts.iter().enumerate() {
                for phrase in phrases.iter() {
                    let anchors = anchor_words(phrase, &common);
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
            scratch: Default::default(),
            starts,
            alternatives,
            parts: terms.iter().map(Vec::len).collect(),
        }
    }

    /// Whether `folded` could hold a term. A word that begins like a form is stemmed (once a
    /// build: what it stands for is remembered) to tell whether it is one.
    pub fn may_hold(&self, folded: &str, stems: &Stems) -> bool {
        if !folded.is_ascii() {
            return true;
        }
        let mut scratch = self.scratch.get_or_default().borrow_mut();
        let Scratch { met, seen, texts } = &mut *scratch;
        seen.prepare(self.alternatives.len(), self.parts.len());
        // A word met twice in one text shows nothing new the second time.
        *texts = texts.wrapping_add(1);
        let mut held = false;
        for word in ascii_words(folded).map(|r| &folded[r]) {
            if word.len() >= SHORTEST_START && !self.starts.may_begin(word) {
                continue;
            }
            let key = word_key(word);
            held = match key.and_then(|k| met.get_mut(&k)) {
                Some(Met { last, .. }) if *last == *texts => false,
                Some(Met { stands_for, last }) => {
                    *last = *texts;
                    self.see(stands_for, seen)
                }
                None => {
                    let stands_for = self.stands_for(word, stems);
                    let held = self.see(&stands_for, seen);
                    if let Some(k) = key.filter(|_| met.len() < MOST_MET) {
                        let last = *texts;
                        met.insert(k, Met { stands_for, last });
                    }
                    held
                }
            };
            if held {
                break;
            }
        }
        seen.clear();
        held
    }

    /// The words of alternatives (alternative, which word) that a word of the text is: those
    /// of the forms it begins with whose anchor has its stem ("weekly" begins like "wee" but
    /// is not it).
    fn stands_for(&self, word: &str, stems: &Stems) -> Box<[(usize, u8)]> {
        // "GP's" may stand for "gp": its head's forms count too.
        let head = Some(head(word)).filter(|h| h.len() < word.len());
        let owners = self
            .owners_of(word)
            .into_iter()
            .chain(head.and_then(|h| self.owners_of(h)));
        let mut owners = owners.flatten().peekable();
        if owners.peek().is_none() {
            return Box::default();
        }
        let Some(&stem) = self.stem_ids.get(&stems.stem_word(word)) else {
            return Box::default();
        };
        (owners.filter(|o| o.2 == stem))
            .map(|&(a, k, _)| (a, k))
            .collect()
    }

    /// Marks the words of alternatives a word of the text is; whether that completes a term.
    fn see(&self, stands_for: &[(usize, u8)], seen: &mut Seen) -> bool {
        for &(a, k) in stands_for {
            let (t, p, needed) = self.alternatives[a];
            if !seen.word(a, k, needed) {
                continue;
            }
            if seen.part(t, p) >= self.parts[t].min(32) {
                return true;
            }
        }
        false
    }

    /// What a word of the text may stand for: the forms it begins with.
    fn owners_of(&self, word: &str) -> Option<&[Owner]> {
        if word.len() < SHORTEST_START {
            let mut buffer = [0u8; SHORTEST_START];
            return self
                .short
                .get(lower_short(word, &mut buffer)?)
                .map(Vec::as_slice);
        }
        if !self.starts.may_begin(word) {
            return None;
        }
        let ac = self.automaton.as_ref()?;
        let found = ac.find(Input::new(word).anchored(Anchored::Yes))?;
        Some(&self.owners[found.pattern().as_usize()])
    }
}

/// The two words that stand for a phrase in a [`Screen`]: its longest words that are not
/// common words, then its longest common words (of equals, the first written). Common words
/// are in nearly every text, and each word of a text that may be an anchor costs a look-up.
fn anchor_words<'p>(phrase: &'p str, common: &rustc_hash::FxHashSet<String>) -> Vec<&'p str> {
    let mut all: Vec<&str> = words(phrase).map(|(_, w)| w).collect();
    all.sort_by_key(|w| (common.contains(*w), std::cmp::Reverse(w.len())));
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

    /// Whether a word could begin with one of the forms, or has a short head that could be
    /// one ("GP's": [`head`]).
    fn may_begin(&self, word: &str) -> bool {
        match index(word) {
            Some(i) => self.bits[i / 64] & (1 << (i % 64)) != 0,
            None => {
                let start = word.as_bytes().get(..SHORTEST_START);
                self.others || start.is_none_or(|s| s.contains(&b'\''))
            }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn screen(terms: &[&[&[&str]]]) -> Tested {
        screen_with(terms, &[])
    }

    fn screen_with(terms: &[&[&[&str]]], common: &[&str]) -> Tested {
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
            screen: Screen::new(
                &stems,
                &terms,
                &common.iter().map(|w| w.to_string()).collect::<Vec<_>>(),
            ),
            stems,
        }
    }

    struct Tested {
        screen: Screen,
        stems: Stems,
    }

    impl Tested {
        fn may_hold(&self, text: &str) -> bool {
            (self.screen).may_hold(text, &self.stems)
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
    fn common_words_stand_for_a_phrase_only_after_its_other_words() {
        let s = screen_with(&[&[&["no risk at all"]]], &["no", "at", "all"]);
        assert!(s.may_hold("There is no risk at all."));
        assert!(
            s.may_hold("All in all, a risk."),
            "the longest common word stands second"
        );
        assert!(!s.may_hold("No, not at all."), "common words alone");
        assert!(
            !s.may_hold("A low risk."),
            "a common word still stands second"
        );
    }

    #[test]
    fn a_word_met_in_an_earlier_text_counts_again_in_the_next() {
        let s = screen(&[&[&["fall from"]]]);
        assert!(!s.may_hold("A fall. Another fall."));
        assert!(
            s.may_hold("A fall from a chair."),
            "the same words, a new text"
        );
        assert!(s.may_hold("From a fall."), "and again");
    }

    #[test]
    fn ascii_words_are_the_stemmer_words() {
        let text = "Don't  wee' legs'' 999 a&e numb-ish, x";
        let ours: Vec<&str> = ascii_words(text).map(|r| &text[r]).collect();
        let theirs: Vec<&str> = words(text).map(|(_, w)| w).collect();
        assert_eq!(ours, theirs);
    }
}
