//! What changed since the sign-off that could weaken the advice. Additions need no new
//! sign-off (a red flag, a word, a referral phrase or a condition added, a level raised);
//! anything removed, lowered or reworded does, because carebook cannot tell a harmless
//! rewording from one that adds "for more than a few days" to an emergency sign.

use super::{Lock, LockedCondition, LockedFlag, Settings};
use crate::content::registry::CareLevel;
use std::collections::{BTreeMap, HashMap, HashSet};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    FlagRemoved {
        id: String,
    },
    LevelLowered {
        id: String,
        from: String,
        to: String,
    },
    SignReworded {
        id: String,
    },
    /// A red flag moved to another card of its level: off the main card, it is no longer on
    /// the technique pages and step cards.
    CardMoved {
        id: String,
        from: Option<String>,
        to: Option<String>,
    },
    WordsRemoved {
        id: String,
        words: Vec<String>,
    },
    ConditionRemoved {
        id: String,
    },
    ConditionReworded {
        id: String,
    },
    HeadingChanged {
        level: String,
        from: String,
        to: String,
    },
    ReferralsRemoved {
        level: String,
        phrases: Vec<String>,
    },
    /// Phrases of a list (`wording`, `push-through`, `unlimited-dose`, `delays`, `hedges`,
    /// `dismissals`, `symptoms`) no longer checked.
    WordingRemoved {
        list: &'static str,
        phrases: Vec<String>,
    },
    NegationAdded {
        words: Vec<String>,
    },
    ConceptTermsRemoved {
        concept: String,
        terms: Vec<String>,
    },
    /// A dose limit raised, or dropped (`to` is none): a larger dose passes.
    DoseLimitRaised {
        name: String,
        from: u32,
        to: Option<u32>,
    },
    CatchAllChanged,
    EmergencyUrlChanged {
        from: String,
        to: String,
    },
}

/// Where a change is written now: a red flag's field, a condition, or a book.toml key (the
/// first of these keys that book.toml has).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place<'a> {
    Flag(&'a str, &'static str),
    Condition(&'a str),
    Setting(Vec<Vec<&'a str>>),
    /// Gone from the registry: only the sign-off file still names it.
    Registry,
}

impl Change {
    /// What changed, in words.
    pub fn message(&self) -> String {
        let list = |items: &[String]| {
            items
                .iter()
                .map(|i| format!("`{i}`"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        match self {
            Change::FlagRemoved { id } => {
                format!("the red flag `{id}` was removed since the sign-off")
            }
            Change::LevelLowered { id, from, to } => format!(
                "the red flag `{id}` was lowered from `{from}` to `{to}` since the sign-off"
            ),
            Change::SignReworded { id } => {
                format!("the sign of the red flag `{id}` was reworded since the sign-off")
            }
            Change::CardMoved { id, from, to } => {
                let name = |c: &Option<String>| match c {
                    Some(c) => format!("the `{c}` card"),
                    None => "the main card".to_string(),
                };
                format!(
                    "the red flag `{id}` moved from {} to {} since the sign-off",
                    name(from),
                    name(to)
                )
            }
            Change::WordsRemoved { id, words } => format!(
                "words were removed from the red flag `{id}` since the sign-off: {}",
                list(words)
            ),
            Change::ConditionRemoved { id } => {
                format!("the condition `{id}` was removed since the sign-off")
            }
            Change::ConditionReworded { id } => {
                format!("the condition `{id}` was reworded since the sign-off")
            }
            Change::HeadingChanged { level, from, to } => format!(
                "the {level} care card heading changed since the sign-off, from \"{from}\" to \"{to}\""
            ),
            Change::ReferralsRemoved { level, phrases } => format!(
                "referral phrases for `{level}` are no longer checked since the sign-off: {}",
                list(phrases)
            ),
            Change::WordingRemoved {
                list: name,
                phrases,
            } => format!(
                "[safety.{name}] phrases are no longer reported since the sign-off: {}",
                list(phrases)
            ),
            Change::ConceptTermsRemoved { concept, terms } => format!(
                "terms were removed from the concept `{concept}` since the sign-off: {}",
                list(terms)
            ),
            Change::NegationAdded { words } => format!(
                "words were added to [safety.negation] since the sign-off, so more wording passes: {}",
                list(words)
            ),
            Change::DoseLimitRaised { name, from, to } => match to {
                Some(to) => format!(
                    "[safety.dose] {name} was raised since the sign-off, from {from} to {to}"
                ),
                None => {
                    format!("[safety.dose] {name} ({from}) is no longer checked since the sign-off")
                }
            },
            Change::CatchAllChanged => "the catch-all words changed since the sign-off".to_string(),
            Change::EmergencyUrlChanged { from, to } => format!(
                "the emergency care address changed since the sign-off, from {from} to {to}"
            ),
        }
    }

    pub fn place(&self) -> Place<'_> {
        match self {
            Change::FlagRemoved { .. } | Change::ConditionRemoved { .. } => Place::Registry,
            Change::LevelLowered { id, .. } => Place::Flag(id, "level"),
            Change::SignReworded { id } => Place::Flag(id, "sign"),
            Change::CardMoved { id, .. } => Place::Flag(id, "card"),
            Change::WordsRemoved { id, .. } => Place::Flag(id, "words"),
            Change::ConditionReworded { id } => Place::Condition(id),
            Change::HeadingChanged { level, .. } => {
                Place::Setting(vec![vec!["safety", "headings", level]])
            }
            Change::ReferralsRemoved { level, .. } => {
                Place::Setting(vec![vec!["safety", "referrals", level]])
            }
            Change::WordingRemoved { list, .. } => Place::Setting(vec![
                vec!["safety", list, "replace-defaults"],
                vec!["safety", list],
            ]),
            Change::NegationAdded { .. } => Place::Setting(vec![vec!["safety", "negation"]]),
            Change::ConceptTermsRemoved { concept, .. } => {
                Place::Setting(vec![vec!["safety", "concepts", concept]])
            }
            Change::DoseLimitRaised { name, .. } => {
                Place::Setting(vec![vec!["safety", "dose", name], vec!["safety", "dose"]])
            }
            Change::CatchAllChanged => Place::Setting(vec![vec!["safety", "catch-all"]]),
            Change::EmergencyUrlChanged { .. } => {
                Place::Setting(vec![vec!["safety", "emergency-care-url"]])
            }
        }
    }
}

/// Every change from `signed` to `now` that needs a new sign-off, in registry order, then the
/// settings.
pub fn changes(signed: &Lock, now: &Lock) -> Vec<Change> {
    let mut found = flags(&signed.flags, &now.flags);
    found.extend(conditions(&signed.conditions, &now.conditions));
    found.extend(settings(&signed.settings, &now.settings));
    found
}

fn flags(signed: &[LockedFlag], now: &[LockedFlag]) -> Vec<Change> {
    let by_id: HashMap<&str, &LockedFlag> = now.iter().map(|f| (f.id.as_str(), f)).collect();
    let mut found = Vec::new();
    for was in signed {
        let Some(is) = by_id.get(was.id.as_str()) else {
            found.push(Change::FlagRemoved { id: was.id.clone() });
            continue;
        };
        let rank = |level: &str| CareLevel::from_name(level);
        if rank(&is.level) < rank(&was.level) {
            found.push(Change::LevelLowered {
                id: was.id.clone(),
                from: was.level.clone(),
                to: is.level.clone(),
            });
        }
        if is.sign != was.sign {
            found.push(Change::SignReworded { id: was.id.clone() });
        }
        if is.card != was.card {
            found.push(Change::CardMoved {
                id: was.id.clone(),
                from: was.card.clone(),
                to: is.card.clone(),
            });
        }
        let mut words = removed(&was.words, &is.words);
        let concepts = removed(&was.concepts, &is.concepts);
        words.extend(concepts.into_iter().map(|c| format!("concept {c}")));
        if !words.is_empty() {
            found.push(Change::WordsRemoved {
                id: was.id.clone(),
                words,
            });
        }
    }
    found
}

fn conditions(signed: &[LockedCondition], now: &[LockedCondition]) -> Vec<Change> {
    let by_id: HashMap<&str, &LockedCondition> = now.iter().map(|c| (c.id.as_str(), c)).collect();
    signed
        .iter()
        .filter_map(|was| match by_id.get(was.id.as_str()) {
            None => Some(Change::ConditionRemoved { id: was.id.clone() }),
            Some(is)
                if is.name != was.name
                    || is.advice != was.advice
                    || !removed(&was.words, &is.words).is_empty() =>
            {
                Some(Change::ConditionReworded { id: was.id.clone() })
            }
            Some(_) => None,
        })
        .collect()
}

fn settings(signed: &Settings, now: &Settings) -> Vec<Change> {
    let mut found = Vec::new();
    for (level, from) in &signed.headings {
        let to = now.headings.get(level).cloned().unwrap_or_default();
        if *from != to {
            let (level, from) = (level.clone(), from.clone());
            found.push(Change::HeadingChanged { level, from, to });
        }
    }
    for (name, &from) in &signed.dose_limits {
        let to = now.dose_limits.get(name).copied();
        // Most repetitions, longest hold, most times a day: larger is weaker. Fewer waking
        // hours count "every hour" as fewer times a day: smaller is weaker.
        let weaker = match (name.as_str() == "waking-hours", to) {
            (_, None) => true,
            (true, Some(to)) => to < from,
            (false, Some(to)) => to > from,
        };
        if weaker {
            found.push(Change::DoseLimitRaised {
                name: name.clone(),
                from,
                to,
            });
        }
    }
    for (concept, terms) in lists_removed(&signed.concepts, &now.concepts) {
        found.push(Change::ConceptTermsRemoved { concept, terms });
    }
    for (level, phrases) in lists_removed(&signed.referrals, &now.referrals) {
        found.push(Change::ReferralsRemoved { level, phrases });
    }
    let lists = [
        ("wording", &signed.wording, &now.wording),
        ("push-through", &signed.push_through, &now.push_through),
        (
            "unlimited-dose",
            &signed.unlimited_dose,
            &now.unlimited_dose,
        ),
        ("delays", &signed.delays, &now.delays),
        ("hedges", &signed.hedges, &now.hedges),
        ("dismissals", &signed.dismissals, &now.dismissals),
        ("symptoms", &signed.symptoms, &now.symptoms),
        ("praise", &signed.praise, &now.praise),
        ("avoid", &signed.avoid, &now.avoid),
        ("ask", &signed.ask, &now.ask),
        ("conditionals", &signed.conditionals, &now.conditionals),
        ("dose", &signed.dose_words, &now.dose_words),
        (
            "on-someone-else",
            &signed.on_someone_else,
            &now.on_someone_else,
        ),
    ];
    for (list, was, is) in lists {
        let phrases = removed(was, is);
        if !phrases.is_empty() {
            found.push(Change::WordingRemoved { list, phrases });
        }
    }
    let words = removed(&now.negation, &signed.negation);
    if !words.is_empty() {
        found.push(Change::NegationAdded { words });
    }
    if signed.catch_all != now.catch_all {
        found.push(Change::CatchAllChanged);
    }
    if signed.emergency_care_url != now.emergency_care_url {
        let (from, to) = (
            signed.emergency_care_url.clone(),
            now.emergency_care_url.clone(),
        );
        found.push(Change::EmergencyUrlChanged { from, to });
    }
    found
}

fn lists_removed(
    signed: &BTreeMap<String, Vec<String>>,
    now: &BTreeMap<String, Vec<String>>,
) -> Vec<(String, Vec<String>)> {
    signed
        .iter()
        .map(|(key, was)| {
            (
                key.clone(),
                removed(was, now.get(key).map_or(&[][..], Vec::as_slice)),
            )
        })
        .filter(|(_, gone)| !gone.is_empty())
        .collect()
}

/// The items of `was` that `is` no longer has (compared without case), in `was`'s order.
fn removed(was: &[String], is: &[String]) -> Vec<String> {
    let kept: HashSet<String> = is.iter().map(|w| w.to_lowercase()).collect();
    was.iter()
        .filter(|w| !kept.contains(&w.to_lowercase()))
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signoff::Signed;

    fn flag(id: &str, level: &str, sign: &str, words: &[&str]) -> LockedFlag {
        LockedFlag {
            id: id.into(),
            level: level.into(),
            sign: sign.into(),
            words: words.iter().map(|w| w.to_string()).collect(),
            concepts: Vec::new(),
            card: None,
        }
    }

    fn lock(flags: Vec<LockedFlag>) -> Lock {
        Lock {
            signed: Signed {
                reviewer: "R".into(),
                date: "2026-12-01".into(),
            },
            settings: Settings::default(),
            flags,
            conditions: Vec::new(),
        }
    }

    #[test]
    fn removals_lowerings_and_rewordings_need_a_sign_off_and_additions_do_not() {
        let signed = lock(vec![
            flag("a", "emergency", "h1", &["bladder", "bowel"]),
            flag("b", "urgent", "h2", &["fever"]),
            flag("c", "see-gp", "h3", &["stiff"]),
        ]);
        let now = lock(vec![
            flag("a", "urgent", "h1", &["Bladder", "new word"]),
            flag("c", "emergency", "h3-changed", &["stiff", "more"]),
            flag("d", "emergency", "h4", &["added"]),
        ]);
        assert_eq!(
            changes(&signed, &now),
            [
                Change::LevelLowered {
                    id: "a".into(),
                    from: "emergency".into(),
                    to: "urgent".into()
                },
                Change::WordsRemoved {
                    id: "a".into(),
                    words: vec!["bowel".into()]
                },
                Change::FlagRemoved { id: "b".into() },
                Change::SignReworded { id: "c".into() },
            ]
        );
        assert!(changes(&signed, &signed).is_empty());
    }
}
