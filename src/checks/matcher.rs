//! Finding a red flag's words in text: whole words, case-insensitive, and a match that lies
//! inside a longer match of another flag is ignored, so "sneeze or poo" (urgent) is not read as
//! "poo" (emergency).

use crate::content::registry::RedFlag;
use aho_corasick::{AhoCorasick, AhoCorasickKind};

/// A set of phrases found as whole words, case-insensitively, in one pass over a text
/// (Aho-Corasick), however many phrases there are.
pub struct Phrases {
    phrases: Vec<String>,
    automaton: Option<AhoCorasick>,
    /// The phrase index of each pattern in the automaton (empty phrases are left out).
    ids: Vec<usize>,
}

impl Phrases {
    pub fn new<S: AsRef<str>>(phrases: impl IntoIterator<Item = S>) -> Self {
        let phrases: Vec<String> = phrases
            .into_iter()
            .map(|p| p.as_ref().trim().to_lowercase())
            .collect();
        let ids: Vec<usize> = (0..phrases.len())
            .filter(|&i| !phrases[i].is_empty())
            .collect();
        let automaton = (!ids.is_empty())
            .then(|| {
                // A full DFA: the phrase lists are small, and every block of text is searched.
                AhoCorasick::builder()
                    .kind(Some(AhoCorasickKind::DFA))
                    .ascii_case_insensitive(true)
                    .build(ids.iter().map(|&i| &phrases[i]))
            })
            .and_then(Result::ok);
        Phrases {
            phrases,
            automaton,
            ids,
        }
    }

    /// Every whole-word occurrence in `lower` (lowercase, or ASCII in any case): (phrase index,
    /// start, end).
    pub fn find_in_lowercase<'t>(
        &'t self,
        lower: &'t str,
    ) -> impl Iterator<Item = (usize, usize, usize)> + 't {
        let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
        self.automaton
            .iter()
            .flat_map(move |ac| ac.find_overlapping_iter(lower))
            .filter(move |m| {
                boundary(lower[..m.start()].chars().next_back())
                    && boundary(lower[m.end()..].chars().next())
            })
            .map(|m| (self.ids[m.pattern().as_usize()], m.start(), m.end()))
    }

    /// The indices of the phrases that `text` (any case) contains, in list order.
    pub fn found_in(&self, text: &str) -> Vec<usize> {
        let lower = searchable(text);
        let mut found: Vec<usize> = self.find_in_lowercase(&lower).map(|(p, _, _)| p).collect();
        found.sort_unstable();
        found.dedup();
        found
    }

    /// The first phrase, in list order, that `text` (any case) contains.
    pub fn first_in(&self, text: &str) -> Option<&str> {
        self.found_in(text)
            .first()
            .map(|&p| self.phrases[p].as_str())
    }

    pub fn phrase(&self, index: usize) -> &str {
        &self.phrases[index]
    }
}

/// `text` ready for [`Phrases::find_in_lowercase`]: the automaton ignores ASCII case, so ASCII
/// text (nearly all of it) is searched as it is; other text is lowercased first.
fn searchable(text: &str) -> std::borrow::Cow<'_, str> {
    if text.is_ascii() {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(text.to_lowercase())
    }
}

/// Every occurrence of `phrase` in `text` (both lowercase) at word boundaries.
#[cfg(test)]
pub fn find_phrase(text: &str, phrase: &str) -> Vec<(usize, usize)> {
    Phrases::new([phrase])
        .find_in_lowercase(text)
        .map(|(_, s, e)| (s, e))
        .collect()
}

/// One flag phrase found in a text: which flag, which phrase, where (byte range of the lowercase text).
#[derive(Debug, Clone, PartialEq)]
pub struct Match<'r> {
    pub flag: &'r RedFlag,
    /// The flag's index in the registry.
    pub index: usize,
    pub phrase: String,
    pub start: usize,
    pub end: usize,
}

/// Finds the registry's red flags in text, by their words.
pub struct FlagMatcher<'r> {
    flags: &'r [RedFlag],
    words: Phrases,
    /// The flag each word belongs to.
    owner: Vec<usize>,
}

impl<'r> FlagMatcher<'r> {
    pub fn new(flags: &'r [RedFlag]) -> Self {
        let mut owner = Vec::new();
        let mut words = Vec::new();
        for (i, flag) in flags.iter().enumerate() {
            for word in &flag.words {
                owner.push(i);
                words.push(word.as_str());
            }
        }
        FlagMatcher {
            flags,
            words: Phrases::new(words),
            owner,
        }
    }

    pub fn flags(&self) -> &'r [RedFlag] {
        self.flags
    }

    pub fn is_empty(&self) -> bool {
        self.flags.is_empty()
    }

    /// The registry indices of the flags identified in `text`.
    pub fn flag_indices_in(&self, text: &str) -> Vec<usize> {
        self.flags_in(text).iter().map(|m| m.index).collect()
    }

    /// The flags identified in `text`, after dropping matches nested inside longer matches of
    /// another flag.
    pub fn flags_in(&self, text: &str) -> Vec<Match<'r>> {
        let lower = searchable(text);
        let all: Vec<Match<'r>> = self
            .words
            .find_in_lowercase(&lower)
            .map(|(w, start, end)| Match {
                flag: &self.flags[self.owner[w]],
                index: self.owner[w],
                phrase: self.words.phrase(w).to_string(),
                start,
                end,
            })
            .collect();
        all.iter()
            .filter(|m| {
                !all.iter().any(|o| {
                    o.flag.id != m.flag.id
                        && o.start <= m.start
                        && m.end <= o.end
                        && (o.end - o.start) > (m.end - m.start)
                })
            })
            .cloned()
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::registry::CareLevel;

    fn flag(id: &str, level: CareLevel, words: &[&str]) -> RedFlag {
        RedFlag {
            id: id.into(),
            sign: String::new(),
            level,
            words: words.iter().map(|w| w.to_string()).collect(),
            sources: Vec::new(),
        }
    }

    #[test]
    fn any_case_ascii_or_not() {
        let phrases = Phrases::new(["completely safe", "über gut"]);
        assert_eq!(phrases.found_in("It is COMPLETELY Safe."), [0]);
        assert_eq!(
            phrases.found_in("Das ist ÜBER GUT, completely safe"),
            [0, 1]
        );
        assert!(phrases.found_in("completely safely").is_empty());
        assert_eq!(phrases.first_in("ÜBER gut"), Some("über gut"));
    }

    #[test]
    fn whole_words_only() {
        assert_eq!(find_phrase("a bladder issue", "bladder"), vec![(2, 9)]);
        assert!(find_phrase("bladders", "bladder").is_empty());
        assert!(find_phrase("secure", "cure").is_empty());
    }

    #[test]
    fn nested_matches_of_other_flags_are_ignored() {
        let flags = vec![
            flag("bowel", CareLevel::Emergency, &["poo"]),
            flag("cough", CareLevel::Urgent, &["sneeze or poo"]),
        ];
        let matcher = FlagMatcher::new(&flags);
        let found = matcher.flags_in("Pain is worse when you cough, sneeze or poo");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].flag.id, "cough");
        let matcher = FlagMatcher::new(&flags);
        let found = matcher.flags_in("You cannot control when you poo");
        assert_eq!(found[0].flag.id, "bowel");
    }
}
