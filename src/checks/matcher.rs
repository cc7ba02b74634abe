//! Finding phrases and red flags' words in text: whole words, any case, in text folded by
//! [`super::fold`] (so soft hyphens, zero-width characters and look-alike letters change
//! nothing), in one pass however many phrases there are. A flag's match that lies inside a
//! longer match of another flag is ignored, so "sneeze or poo" (urgent) is not read as "poo"
//! (emergency). Every search is linear in the text.

use super::fold::{self, Folded};
use super::terms::{Finder, TermIndex, TermMatch};
use crate::content::FlagId;
use crate::content::registry::RedFlag;
use aho_corasick::{AhoCorasick, AhoCorasickKind};
use std::ops::Range;
use typed_index_collections::TiSlice;

/// A set of phrases found as whole words, case-insensitively, in one pass over a text
/// (Aho-Corasick), however many phrases there are.
pub struct Phrases {
    phrases: Vec<String>,
    /// Built on first use: many lists are read only where a text names a sign, which most
    /// guides' pages never do.
    automaton: std::sync::OnceLock<Option<AhoCorasick>>,
    /// The phrase index of each pattern in the automaton (empty phrases are left out).
    ids: Vec<usize>,
}

/// A phrase found in a text: which, where first (a byte range of the original text), and how
/// many times.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub index: usize,
    pub at: Range<usize>,
    pub count: usize,
}

impl Phrases {
    pub fn new<S: AsRef<str>>(phrases: impl IntoIterator<Item = S>) -> Self {
        let phrases: Vec<String> = phrases
            .into_iter()
            .map(|p| fold::phrase(p.as_ref()))
            .collect();
        let ids: Vec<usize> = (0..phrases.len())
            .filter(|&i| !phrases[i].is_empty())
            .collect();
        Phrases {
            phrases,
            automaton: std::sync::OnceLock::new(),
            ids,
        }
    }

    fn automaton(&self) -> Option<&AhoCorasick> {
        let build = || {
            (!self.ids.is_empty())
                .then(|| {
                    // A full DFA: the phrase lists are small, and a list in use is searched
                    // in every block of text.
                    AhoCorasick::builder()
                        .kind(Some(AhoCorasickKind::DFA))
                        .ascii_case_insensitive(true)
                        .build(self.ids.iter().map(|&i| &self.phrases[i]))
                })
                .and_then(Result::ok)
        };
        self.automaton.get_or_init(build).as_ref()
    }

    /// Every whole-word occurrence in `folded` (text from [`Folded`]): (phrase index, start,
    /// end) in folded bytes.
    fn find_in<'t>(&'t self, folded: &'t str) -> impl Iterator<Item = (usize, usize, usize)> + 't {
        let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
        self.automaton()
            .into_iter()
            .flat_map(move |ac| ac.find_overlapping_iter(folded))
            .filter(move |m| {
                boundary(folded[..m.start()].chars().next_back())
                    && boundary(folded[m.end()..].chars().next())
            })
            .map(|m| (self.ids[m.pattern().as_usize()], m.start(), m.end()))
    }

    /// The phrases `text` contains, in list order, each with its first place and its count.
    pub fn find(&self, text: &str) -> Vec<Found> {
        self.find_where(text, |_| true)
    }

    /// As [`Phrases::find`], counting only the uses for which `keep(start byte in text)` holds.
    pub fn find_where(&self, text: &str, keep: impl Fn(usize) -> bool) -> Vec<Found> {
        let folded = Folded::new(text);
        let mut found: Vec<Found> = Vec::new();
        let mut slot: Vec<Option<usize>> = vec![None; self.phrases.len()];
        for (index, start, end) in self.find_in(&folded.text) {
            let at = folded.original_range(text, start, end);
            if !keep(at.start) {
                continue;
            }
            match slot[index] {
                Some(f) => found[f].count += 1,
                None => {
                    slot[index] = Some(found.len());
                    found.push(Found {
                        index,
                        at,
                        count: 1,
                    });
                }
            }
        }
        found.sort_by_key(|f| f.index);
        found
    }

    /// Where in `text` every use of every phrase is, in order (byte ranges of `text`).
    pub fn places(&self, text: &str) -> Vec<Range<usize>> {
        let folded = Folded::new(text);
        let mut places: Vec<Range<usize>> = self
            .find_in(&folded.text)
            .map(|(_, start, end)| folded.original_range(text, start, end))
            .collect();
        places.sort_by_key(|r| r.start);
        places
    }

    /// The first phrase, in list order, that `text` contains.
    pub fn first_in(&self, text: &str) -> Option<&str> {
        let folded = Folded::new(text);
        // Most texts hold none of the phrases even inside a word: one search that stops at
        // the first hit says so, without reading overlapping matches and word boundaries.
        if !self.automaton()?.is_match(folded.text.as_ref()) {
            return None;
        }
        let first = self.find_in(&folded.text).map(|(p, _, _)| p).min()?;
        Some(self.phrases[first].as_str())
    }

    pub fn phrase(&self, index: usize) -> &str {
        &self.phrases[index]
    }

    /// The phrases, folded.
    pub fn phrases(&self) -> impl Iterator<Item = &str> {
        self.phrases.iter().map(String::as_str)
    }
}

/// Every occurrence of `phrase` in `text` at word boundaries (folded byte offsets).
#[cfg(test)]
pub fn find_phrase(text: &str, phrase: &str) -> Vec<(usize, usize)> {
    Phrases::new([phrase])
        .find_in(text)
        .map(|(_, s, e)| (s, e))
        .collect()
}

/// One flag phrase found in a text: which flag, which phrase, and where (a byte range of the
/// original text).
#[derive(Debug, Clone, PartialEq)]
pub struct Match<'r> {
    pub flag: &'r RedFlag,
    /// Which of the registry's flags it is.
    pub index: FlagId,
    pub phrase: String,
    pub at: Range<usize>,
}

/// Concepts and the lay terms for each (`[safety.concepts]`).
pub type Lexicon = std::collections::BTreeMap<String, Vec<String>>;

/// The registry's red flags, ready to be found in text by their words' stems: each flag's
/// words and the lay terms of the concepts it names, in one [`TermIndex`] grouped by flag,
/// with the other page rules' terms after them ([`FlagIndex::with`]) so a text is searched
/// once for all. Built once per build, shared by every page.
pub struct FlagIndex<'r> {
    flags: &'r TiSlice<FlagId, RedFlag>,
    terms: TermIndex,
}

impl<'r> FlagIndex<'r> {
    /// A matcher for `flags` in text of `language` (a BCP 47 tag, for the stemmer): each
    /// flag's words, and the lay terms of the concepts it names (`lexicon`).
    #[cfg(test)]
    pub fn new(flags: &'r TiSlice<FlagId, RedFlag>, language: &str, lexicon: &Lexicon) -> Self {
        Self::with(flags, (language, &[]), lexicon, std::iter::empty())
    }

    /// A matcher for `flags` in text of `language` (a BCP 47 tag, for the stemmer, and its
    /// common words: [`TermIndex::new`]): each flag's words, the lay terms of the concepts it
    /// names (`lexicon`), and `others` (group, term), the other rules' terms, found by
    /// [`FlagMatcher::others_in`].
    pub fn with<'t>(
        flags: &'r TiSlice<FlagId, RedFlag>,
        (language, common): (&str, &[String]),
        lexicon: &Lexicon,
        others: impl Iterator<Item = (usize, &'t str)>,
    ) -> Self {
        let n = flags.len();
        let terms = flags.iter_enumerated().flat_map(|(i, flag)| {
            let lay = (flag.concepts.iter())
                .filter_map(|c| lexicon.get(c))
                .flatten();
            (flag.words.iter().chain(lay)).map(move |t| (usize::from(i), t.as_str()))
        });
        let others = others.map(|(group, term)| (n + group, term));
        FlagIndex {
            flags,
            terms: TermIndex::new(terms.chain(others), language, common),
        }
    }

    /// A matcher for one page (or any run of texts).
    pub fn matcher(&self) -> FlagMatcher<'_, 'r> {
        FlagMatcher {
            flags: self.flags,
            finder: Finder::new(&self.terms),
        }
    }
}

/// Finds the registry's red flags, and the other rules' terms, in the texts of one page
/// ([`Finder`]: each word stemmed once, each text searched once).
pub struct FlagMatcher<'i, 'r> {
    flags: &'r TiSlice<FlagId, RedFlag>,
    finder: Finder<'i>,
}

impl<'r> FlagMatcher<'_, 'r> {
    pub fn flags(&self) -> &'r TiSlice<FlagId, RedFlag> {
        self.flags
    }

    pub fn is_empty(&self) -> bool {
        self.flags.is_empty()
    }

    /// The flags identified in `text`, by id.
    pub fn flag_indices_in(&self, text: &str) -> Vec<FlagId> {
        self.flags_in(text).iter().map(|m| m.index).collect()
    }

    /// The flags identified in `text` (see [`TermIndex::outermost`]).
    pub fn flags_in(&self, text: &str) -> Vec<Match<'r>> {
        let n = self.flags.len();
        (self.finder.find(text, |g| g < n).into_iter())
            .map(|m| {
                let index = FlagId::from(m.group);
                Match {
                    flag: &self.flags[index],
                    index,
                    phrase: m.phrase,
                    at: m.at,
                }
            })
            .collect()
    }

    /// The other rules' terms in `text` whose group (their own number) `keep` holds.
    pub fn others_in(&self, text: &str, keep: impl Fn(usize) -> bool) -> Vec<TermMatch> {
        let n = self.flags.len();
        let mut found = self.finder.find(text, |g| g >= n && keep(g - n));
        found.iter_mut().for_each(|m| m.group -= n);
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::registry::CareLevel;
    use typed_index_collections::TiVec;

    fn flag(id: &str, level: CareLevel, words: &[&str]) -> RedFlag {
        RedFlag {
            card: None,
            id: id.into(),
            sign: String::new(),
            level,
            words: words.iter().map(|w| w.to_string()).collect(),
            concepts: Vec::new(),
            sources: Vec::new(),
        }
    }

    fn indices(found: Vec<Found>) -> Vec<usize> {
        found.into_iter().map(|f| f.index).collect()
    }

    #[test]
    fn any_case_ascii_or_not() {
        let phrases = Phrases::new(["completely safe", "über gut"]);
        assert_eq!(indices(phrases.find("It is COMPLETELY Safe.")), [0]);
        assert_eq!(
            indices(phrases.find("Das ist ÜBER GUT, completely safe")),
            [0, 1]
        );
        assert!(phrases.find("completely safely").is_empty());
        assert_eq!(phrases.first_in("ÜBER gut"), Some("über gut"));
    }

    #[test]
    fn whole_words_only() {
        assert_eq!(find_phrase("a bladder issue", "bladder"), vec![(2, 9)]);
        assert!(find_phrase("bladders", "bladder").is_empty());
        assert!(find_phrase("secure", "cure").is_empty());
    }

    #[test]
    fn hidden_and_look_alike_letters_do_not_hide_a_sign() {
        let flags: TiVec<FlagId, RedFlag> =
            vec![flag("bladder", CareLevel::Emergency, &["bladder"])].into();
        let index = FlagIndex::new(&flags, "en", &Lexicon::new());
        let matcher = index.matcher();
        for text in [
            "your blad\u{ad}der",
            "your bl\u{0430}dder",
            "your bla\u{200b}dder",
        ] {
            let found = matcher.flags_in(text);
            assert_eq!(found.len(), 1, "{text:?}");
            assert_eq!(&text[found[0].at.clone()], &text[5..], "{text:?}");
        }
    }

    #[test]
    fn a_short_word_is_found_before_an_apostrophe() {
        let flags: TiVec<FlagId, RedFlag> =
            vec![flag("ae", CareLevel::Emergency, &["a&e", "gp"])].into();
        let index = FlagIndex::new(&flags, "en", &Lexicon::new());
        let matcher = index.matcher();
        for text in [
            "at the A&E's door",
            "your GP's advice",
            "the GP\u{2019}s list",
        ] {
            assert_eq!(matcher.flags_in(text).len(), 1, "{text}");
        }
        assert!(matcher.flags_in("gpx's note").is_empty());
    }

    #[test]
    fn places_and_counts_are_kept() {
        let phrases = Phrases::new(["guaranteed"]);
        let found = phrases.find("é guaranteed, GUARANTEED, guaranteed");
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].at.clone(), found[0].count), (3..13, 3));
    }

    #[test]
    fn nested_matches_of_other_flags_are_ignored() {
        let flags: TiVec<FlagId, RedFlag> = vec![
            flag("bowel", CareLevel::Emergency, &["poo"]),
            flag("cough", CareLevel::Urgent, &["sneeze or poo"]),
        ]
        .into();
        let index = FlagIndex::new(&flags, "en", &Lexicon::new());
        let matcher = index.matcher();
        let found = matcher.flags_in("Pain is worse when you cough, sneeze or poo");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].flag.id, "cough");
        let found = matcher.flags_in("You cannot control when you poo");
        assert_eq!(found[0].flag.id, "bowel");
    }

    #[test]
    fn two_words_of_one_flag_at_one_place_are_one_sign() {
        let flags: TiVec<FlagId, RedFlag> = vec![flag(
            "numb",
            CareLevel::Urgent,
            &["numb", "numbness", "numb foot"],
        )]
        .into();
        let index = FlagIndex::new(&flags, "en", &Lexicon::new());
        let matcher = index.matcher();
        assert_eq!(
            matcher.flags_in("See a GP if your foot feels numb.").len(),
            1
        );
        assert_eq!(matcher.flags_in("You have a numb foot.").len(), 1);
    }
}
