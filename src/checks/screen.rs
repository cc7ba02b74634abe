//! The screen in front of the stemmer: most texts hold no red flag's words at all, and one
//! cheap pass over their words says so, so only the rest are stemmed and searched.

use super::fold;
use super::stems::{SHORTEST_START, Stems, ascii_words, head, lower_short, word_key_at, words};
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
    /// Each alternative's term and part, and the stem of its second word if it has one.
    alternatives: Vec<(usize, usize, Option<u32>)>,
    /// Each term's number of parts.
    parts: Vec<usize>,
}

/// The most words a [`Screen`] remembers across pages, on each thread.
const MOST_MET: usize = 200_000;

/// What a form stands for: an alternative, which of its (up to two) words, and that word's
/// stem (an id of [`Screen`]'s `stem_ids`).
type Owner = (usize, u8, u32);

/// What a word of the text stands for: its stem (an id of [`Screen`]'s `stem_ids`), when it
/// is an anchor's, and the alternatives whose first word it is. Every form a word begins
/// with counts only when its anchor has the word's stem, so a word has one stem, and being
/// an alternative's second word is only that stem shown.
#[derive(Default)]
struct Stands {
    stem: Option<u32>,
    leads: Box<[u32]>,
}

/// A [`Screen`]'s room on one thread: what each word met stands for ([`Screen::stands_for`],
/// by [`word_key_at`]), and what the text being read has shown.
#[derive(Default)]
struct Scratch {
    met: rustc_hash::FxHashMap<u128, Met>,
    seen: Seen,
    /// How many texts this thread has screened: the number of the one being read.
    texts: u64,
}

/// A word met: what it stands for, and the number of the last text it was met in.
struct Met {
    stands: Stands,
    last: u64,
}

/// The anchor stems, and the parts of each term, a text has shown so far, with the
/// alternatives whose first word came before their second ("on" stands second for dozens of
/// alternatives, and is in most texts: it costs a look-up only when one of them waits for
/// it). Each with which were set, so the next text starts from nothing at the cost of what
/// this one set.
#[derive(Default)]
struct Seen {
    stems: Vec<bool>,
    waiting: Vec<Vec<u32>>,
    parts: Vec<u32>,
    set_stems: Vec<u32>,
    set_waiting: Vec<u32>,
    set_parts: Vec<usize>,
}

impl Seen {
    fn prepare(&mut self, stems: usize, terms: usize) {
        self.stems.resize(stems, false);
        self.waiting.resize_with(stems, Vec::new);
        self.parts.resize(terms, 0);
    }

    /// Marks stem `s` as shown; the alternatives that waited for it, when it is new.
    fn show(&mut self, s: u32) -> Option<Vec<u32>> {
        let shown = &mut self.stems[s as usize];
        if *shown {
            return None;
        }
        *shown = true;
        self.set_stems.push(s);
        Some(std::mem::take(&mut self.waiting[s as usize])).filter(|w| !w.is_empty())
    }

    /// Alternative `a` waits for its second word, of stem `s`.
    fn wait(&mut self, s: u32, a: u32) {
        let waiting = &mut self.waiting[s as usize];
        if waiting.is_empty() {
            self.set_waiting.push(s);
        }
        waiting.push(a);
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
        for s in self.set_stems.drain(..) {
            self.stems[s as usize] = false;
        }
        for s in self.set_waiting.drain(..) {
            self.waiting[s as usize].clear();
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
                    let a = alternatives.len();
                    let mut second = None;
                    for (k, anchor) in anchor_words(phrase, &common).into_iter().enumerate() {
                        let next = stem_ids.len() as u32;
                        let id = *stem_ids.entry(stems.stem_word(anchor)).or_insert(next);
                        second = Some(id).filter(|_| k == 1);
                        for form in stems.forms(anchor) {
                            by_form.entry(form).or_default().push((a, k as u8, id));
                        }
                    }
                    alternatives.push((t, p, second));
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
        seen.prepare(self.stem_ids.len(), self.parts.len());
        // A word met twice in one text shows nothing new the second time.
        *texts = texts.wrapping_add(1);
        let mut held = false;
        for range in ascii_words(folded) {
            let word = &folded[range.clone()];
            if word.len() >= SHORTEST_START && !self.starts.may_begin(word) {
                continue;
            }
            let key = word_key_at(folded.as_bytes(), range);
            held = match key.and_then(|k| met.get_mut(&k)) {
                Some(Met { last, .. }) if *last == *texts => false,
                Some(Met { stands, last }) => {
                    *last = *texts;
                    self.see(stands, seen)
                }
                None => {
                    let stands = self.stands_for(word, stems);
                    let held = self.see(&stands, seen);
                    if let Some(k) = key.filter(|_| met.len() < MOST_MET) {
                        let last = *texts;
                        met.insert(k, Met { stands, last });
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

    /// What a word of the text stands for: of the forms it begins with, those whose anchor
    /// has its stem ("weekly" begins like "wee" but is not it).
    fn stands_for(&self, word: &str, stems: &Stems) -> Stands {
        // "GP's" may stand for "gp": its head's forms count too.
        let head = Some(head(word)).filter(|h| h.len() < word.len());
        let owners = self
            .owners_of(word)
            .into_iter()
            .chain(head.and_then(|h| self.owners_of(h)));
        let mut owners = owners.flatten().peekable();
        if owners.peek().is_none() {
            return Stands::default();
        }
        let Some(&stem) = self.stem_ids.get(&stems.stem_word(word)) else {
            return Stands::default();
        };
        let mut leads: Vec<u32> = (owners.filter(|o| o.2 == stem && o.1 == 0))
            .map(|&(a, ..)| a as u32)
            .collect();
        leads.dedup();
        Stands {
            stem: Some(stem),
            leads: leads.into(),
        }
    }

    /// Marks what a word of the text stands for; whether that completes a term: an
    /// alternative is complete when its first word has come and its second (if it has one)
    /// has come before or comes now.
    fn see(&self, stands: &Stands, seen: &mut Seen) -> bool {
        let Some(stem) = stands.stem else {
            return false;
        };
        if let Some(waited) = seen.show(stem)
            && waited.iter().any(|&a| self.complete(a, seen))
        {
            return true;
        }
        for &a in &stands.leads {
            match self.alternatives[a as usize].2 {
                Some(second) if !seen.stems[second as usize] => seen.wait(second, a),
                _ if self.complete(a, seen) => return true,
                _ => {}
            }
        }
        false
    }

    /// Marks alternative `a` as shown; whether that completes its term.
    fn complete(&self, a: u32, seen: &mut Seen) -> bool {
        let (t, p, _) = self.alternatives[a as usize];
        seen.part(t, p) >= self.parts[t].min(32)
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
    let [x, y, z] = [0, 1, 2].map(|i| LETTER_PLACE[usize::from(b[i])]);
    (x < 26 && y < 26 && z < 26)
        .then(|| (usize::from(x) * 26 + usize::from(y)) * 26 + usize::from(z))
}

/// Each byte's place in the alphabet (any case), 26 for the rest.
const LETTER_PLACE: [u8; 256] = {
    let mut places = [26; 256];
    let mut c = 0;
    while c < 26 {
        places[(b'a' + c) as usize] = c;
        places[(b'A' + c) as usize] = c;
        c += 1;
    }
    places
};

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
