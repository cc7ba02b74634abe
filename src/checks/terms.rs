//! Terms found by their words' stems ([`super::stems`]) in one Aho-Corasick pass: plain
//! phrases ("cures" finds "cure" and "cured") and terms of several parts ([`composite`]:
//! "never + again" is found where both are near). Each term belongs to a group (a red flag,
//! a wording rule); a match inside a longer match, or inside another match of its own group
//! at the same place, is one finding, not two. Built once per build and shared by every page.

use super::composite;
use super::fold::{self, Folded};
use super::screen::Screen;
use super::stems::Stems;
use aho_corasick::{AhoCorasick, AhoCorasickKind};
use std::cell::RefCell;
use std::ops::Range;

pub struct TermIndex {
    /// Each word as the term writes it (folded), for messages.
    words: Vec<String>,
    stems: Stems,
    automaton: Option<AhoCorasick>,
    /// The term each word belongs to.
    term_of: Vec<usize>,
    /// For a word that is one alternative of a part of a term: which composite and which part.
    part_of: Vec<Option<(usize, usize)>>,
    composites: Vec<composite::Term>,
    /// The group of each term.
    groups: Vec<usize>,
    /// Tells the texts that hold no term's words without stemming them.
    screen: Screen,
}

/// One term found in a text: its index, its group, the phrase that found it and where (a
/// byte range of the original text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermMatch {
    pub term: usize,
    pub group: usize,
    pub phrase: String,
    pub at: Range<usize>,
    /// For a term of parts, the text after its first part up to the part that completed it
    /// (original bytes): a negation there turns the term round ("anyone ... is not safe"),
    /// as one before its start does. Empty for a plain phrase.
    pub between: Range<usize>,
}

impl TermIndex {
    /// An index of `terms` (group, term) in text of `language` (a BCP 47 tag, for the
    /// stemmer), whose `common` words the [`Screen`] does not look for.
    pub fn new<'a>(
        terms: impl IntoIterator<Item = (usize, &'a str)>,
        language: &str,
        common: &[String],
    ) -> Self {
        let (mut words, mut term_of, mut part_of) = (vec![], vec![], vec![]);
        let (mut composites, mut groups, mut screened) = (vec![], vec![], vec![]);
        for (t, (group, term)) in terms.into_iter().enumerate() {
            groups.push(group);
            let parts = composite::parts(term);
            screened.push(screened_parts(term, parts.as_deref()));
            let alternatives: Vec<(&str, Option<(usize, usize)>)> = match &parts {
                Some(parts) => {
                    let c = composites.len();
                    composites.push(composite::Term {
                        term: t,
                        parts: parts.len(),
                    });
                    let each = parts.iter().enumerate();
                    each.flat_map(|(p, alts)| alts.iter().map(move |a| (*a, Some((c, p)))))
                        .collect()
                }
                None => vec![(term, None)],
            };
            for (word, part) in alternatives {
                let word = fold::phrase(word);
                if !word.is_empty() {
                    words.push(word);
                    term_of.push(t);
                    part_of.push(part);
                }
            }
        }
        let stems = Stems::new(language, &words);
        let screen = Screen::new(&stems, &screened, common);
        let patterns: Vec<String> = words.iter().map(|w| stems.pattern(w)).collect();
        let automaton = (!patterns.is_empty())
            .then(|| {
                // Not a DFA: it reads only the texts the screen lets through, and a DFA of
                // every term's stems takes longer to build than those searches take.
                AhoCorasick::builder()
                    .kind(Some(AhoCorasickKind::ContiguousNFA))
                    .build(&patterns)
            })
            .and_then(Result::ok);
        TermIndex {
            words,
            stems,
            automaton,
            term_of,
            part_of,
            composites,
            groups,
            screen,
        }
    }

    /// Every word's match on whole words in `folded`: (word index, start, end) in folded bytes.
    fn matches_in(&self, folded: &str) -> Vec<(usize, usize, usize)> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let stemmed = self.stems.stemmed(folded);
        automaton
            .find_overlapping_iter(&stemmed.text)
            .filter_map(|m| {
                let at = stemmed.folded_range(m.start(), m.end())?;
                Some((m.pattern().as_usize(), at.start, at.end))
            })
            .collect()
    }

    /// The terms found in `text`, in order of position: whole words, and terms of several
    /// parts where all their parts are near; then without matches nested in longer ones.
    pub fn find(&self, text: &str) -> Vec<TermMatch> {
        self.outermost(&self.raw(text), |_| true)
    }

    /// The terms found in `text`, nested ones too, in order of position (then longest first).
    pub fn raw(&self, text: &str) -> Vec<TermMatch> {
        let folded = Folded::new(text);
        if !self.screen.may_hold(&folded.text, &self.stems) {
            return Vec::new();
        }
        let mut all = self.matches_in(&folded.text);
        all.sort_by_key(|&(_, start, end)| (start, std::cmp::Reverse(end)));
        let mut found: Vec<Found> = Vec::new();
        let mut parts = composite::Tracker::new(&self.composites);
        for &(word, start, end) in &all {
            match self.part_of[word] {
                None => found.push((self.term_of[word], Some(word), start, end, (end, end))),
                Some(part) => {
                    if let Some((from, to, first)) = parts.see(&folded.text, part, start, end) {
                        found.push((self.composites[part.0].term, None, from, to, (first, start)));
                    }
                }
            }
        }
        found.sort_by_key(|&(_, _, start, end, _)| (start, std::cmp::Reverse(end)));
        (found.into_iter())
            .map(|(term, word, start, end, last)| TermMatch {
                term,
                group: self.groups[term],
                phrase: match word {
                    Some(w) => self.words[w].clone(),
                    None => fold::phrase(&folded.text[start..end]),
                },
                at: folded.original_range(text, start, end),
                between: folded.original_range(text, last.0.min(last.1), last.1),
            })
            .collect()
    }

    /// The matches of the groups `keep` holds, less those inside a longer one or inside
    /// another of their own group at the same place ("numb" and "numbness" both stem to
    /// "numb"; "bladder" in "control your bladder"): one sweep in order of position, as a
    /// match can only be inside one that starts no later and has not yet ended.
    pub fn outermost(&self, raw: &[TermMatch], keep: impl Fn(usize) -> bool) -> Vec<TermMatch> {
        let mut open: Vec<(usize, usize, usize)> = Vec::new();
        let mut kept = Vec::new();
        for m in raw.iter().filter(|m| keep(m.group)) {
            let (start, end) = (m.at.start, m.at.end);
            open.retain(|&(_, _, e)| e > start);
            let inside = (open.iter())
                .any(|&(g, s, e)| s <= start && end <= e && (e - s > end - start || g == m.group));
            open.push((m.group, start, end));
            if !inside {
                kept.push(m.clone());
            }
        }
        kept
    }
}

/// Finds the terms of an index in the texts of one page: each text is searched once however
/// many rules read it (the red-flag and the wording rules read the same blocks).
pub struct Finder<'i> {
    index: &'i TermIndex,
    seen: RefCell<rustc_hash::FxHashMap<String, Vec<TermMatch>>>,
}

impl<'i> Finder<'i> {
    pub fn new(index: &'i TermIndex) -> Self {
        Finder {
            index,
            seen: RefCell::default(),
        }
    }

    /// The outermost matches of the groups `keep` holds in `text` ([`TermIndex::outermost`]).
    pub fn find(&self, text: &str, keep: impl Fn(usize) -> bool) -> Vec<TermMatch> {
        if let Some(raw) = self.seen.borrow().get(text) {
            return self.index.outermost(raw, keep);
        }
        let raw = self.index.raw(text);
        let found = self.index.outermost(&raw, keep);
        self.seen.borrow_mut().insert(text.to_string(), raw);
        found
    }
}

/// A term found in folded text: (term, the word it was found by if it is a plain phrase,
/// start, end, (end of its first part, start of the part that completed it)).
type Found = (usize, Option<usize>, usize, usize, (usize, usize));

/// A term's parts and their alternatives (folded), for the [`Screen`]: a plain phrase is one
/// part of one alternative.
fn screened_parts(term: &str, parts: Option<&[Vec<&str>]>) -> Vec<Vec<String>> {
    match parts {
        None => vec![vec![fold::phrase(term)]],
        Some(parts) => (parts.iter())
            .map(|p| p.iter().map(|a| fold::phrase(a)).collect())
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_forms_and_parts_are_found() {
        let index = TermIndex::new([(0, "cures"), (1, "will never + again")], "en", &[]);
        let found = index.find("It cured me. You will never feel stiff again.");
        let terms: Vec<usize> = found.iter().map(|m| m.term).collect();
        assert_eq!(terms, [0, 1]);
        assert_eq!(found[0].phrase, "cures");
        assert!(index.find("It is secure.").is_empty());
    }
}
