//! Finding a red flag's words in text: whole words, case-insensitive, and a match that lies
//! inside a longer match of another flag is ignored, so "sneeze or poo" (urgent) is not read as
//! "poo" (emergency).

use crate::content::registry::RedFlag;

/// One flag phrase found in a text: which flag, which phrase, where (byte range of the lowercase text).
#[derive(Debug, Clone, PartialEq)]
pub struct Match<'r> {
    pub flag: &'r RedFlag,
    pub phrase: String,
    pub start: usize,
    pub end: usize,
}

/// Every occurrence of `phrase` in `text` (both lowercase) at word boundaries.
pub fn find_phrase(text: &str, phrase: &str) -> Vec<(usize, usize)> {
    let phrase = phrase.trim();
    if phrase.is_empty() {
        return Vec::new();
    }
    let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
    text.match_indices(phrase)
        .filter(|(at, _)| {
            boundary(text[..*at].chars().next_back())
                && boundary(text[at + phrase.len()..].chars().next())
        })
        .map(|(at, _)| (at, at + phrase.len()))
        .collect()
}

/// The flags identified in `text`, after dropping matches nested inside longer matches of
/// another flag.
pub fn flags_in<'r>(text: &str, flags: &'r [RedFlag]) -> Vec<Match<'r>> {
    let lower = text.to_lowercase();
    let mut all: Vec<Match<'r>> = Vec::new();
    for flag in flags {
        for word in &flag.words {
            let word = word.to_lowercase();
            for (start, end) in find_phrase(&lower, &word) {
                all.push(Match {
                    flag,
                    phrase: word.clone(),
                    start,
                    end,
                });
            }
        }
    }
    let kept: Vec<Match<'r>> = all
        .iter()
        .filter(|m| {
            !all.iter().any(|o| {
                o.flag.id != m.flag.id
                    && o.start <= m.start
                    && m.end <= o.end
                    && (o.end - o.start) > (m.end - m.start)
            })
        })
        .cloned()
        .collect();
    kept
}

/// Whether `text` (any case) contains any of `phrases` as whole words.
pub fn contains_any(text: &str, phrases: &[String]) -> Option<String> {
    let lower = text.to_lowercase();
    phrases
        .iter()
        .find(|p| !find_phrase(&lower, &p.to_lowercase()).is_empty())
        .cloned()
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
        let found = flags_in("Pain is worse when you cough, sneeze or poo", &flags);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].flag.id, "cough");
        let found = flags_in("You cannot control when you poo", &flags);
        assert_eq!(found[0].flag.id, "bowel");
    }
}
