//! The screen in front of the stemmer: most texts hold no red flag's words at all, and one
//! cheap pass over their words says so, so only the rest are stemmed and searched.

use super::stems::{SHORTEST_START, Stems, words};
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
    /// For each of them, the (alternative, word) pairs it and every shorter form it begins
    /// with stand for.
    owners: Vec<Vec<(usize, u8)>>,
    /// The shorter forms ("an"), which must be whole words, and what they stand for.
    short: rustc_hash::FxHashMap<String, Vec<(usize, u8)>>,
    /// Each alternative's term and part, and how many words it needs (1 or 2).
    alternatives: Vec<(usize, usize, u8)>,
    /// Each term's number of parts.
    parts: Vec<usize>,
}

impl Screen {
    /// `terms`: each term's parts, each part's alternatives (folded phrases).
    pub fn new(stems: &Stems, terms: &[Vec<Vec<String>>]) -> Screen {
        let mut by_form: std::collections::BTreeMap<String, Vec<(usize, u8)>> =
            std::collections::BTreeMap::new();
        let mut alternatives = Vec::new();
        for (t, parts) in terms.iter().enumerate() {
            for (p, phrases) in parts.iter().enumerate() {
                for phrase in phrases {
                    let anchors = longest_words(phrase);
                    let a = alternatives.len();
                    alternatives.push((t, p, anchors.len() as u8));
                    for (k, anchor) in anchors.into_iter().enumerate() {
                        for form in stems.forms(anchor) {
                            by_form.entry(form).or_default().push((a, k as u8));
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
            alternatives,
            parts: terms.iter().map(Vec::len).collect(),
        }
    }

    /// Whether `folded` could hold a term.
    pub fn may_hold(&self, folded: &str) -> bool {
        if !folded.is_ascii() {
            return true;
        }
        // The words of each alternative, and the parts of each term, seen so far: one bit each.
        let (mut found, mut parts): (Vec<u8>, Vec<u32>) = (Vec::new(), Vec::new());
        for (_, word) in words(folded) {
            let Some(owners) = self.owners_of(word) else {
                continue;
            };
            if found.is_empty() {
                (found, parts) = (vec![0; self.alternatives.len()], vec![0; self.parts.len()]);
            }
            for &(a, k) in owners {
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

    /// What a word of the text may stand for: the forms it begins with.
    fn owners_of(&self, word: &str) -> Option<&[(usize, u8)]> {
        if word.len() < SHORTEST_START {
            return self
                .short
                .get(&word.to_ascii_lowercase())
                .map(Vec::as_slice);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn screen(terms: &[&[&[&str]]]) -> Screen {
        let terms: Vec<Vec<Vec<String>>> = (terms.iter())
            .map(|t| {
                t.iter()
                    .map(|p| p.iter().map(|a| a.to_string()).collect())
                    .collect()
            })
            .collect();
        let words: Vec<String> = terms.iter().flatten().flatten().cloned().collect();
        Screen::new(&Stems::new("en-GB", &words), &terms)
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
}
