//! What can weaken a referral without naming a lower level of care: a delay ("wait and see",
//! "if it has not settled"), a hedge ("you might want to") or a negation ("you do not need to
//! call 999"). Next to an emergency or urgent sign, each sends it to a lower level however
//! urgent the service the sentence names. The vocabularies are small, closed and per
//! language: locale data (`[safety] delays`, `hedges`, `[safety.negation]`).

use super::matcher::Phrases;
use super::negation::Negation;
use crate::config::SafetyConfig;

/// How a sentence weakens the care it refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Weakening {
    Delay,
    Hedge,
    Negated,
}

impl Weakening {
    /// "text that ...", in the diagnostic.
    pub(super) fn says(self) -> &'static str {
        match self {
            Weakening::Delay => "puts it off",
            Weakening::Hedge => "makes it optional",
            Weakening::Negated => "says it is not needed",
        }
    }
}

pub(super) struct Qualifiers {
    delays: Phrases,
    hedges: Phrases,
    pub(super) negation: Negation,
}

impl Qualifiers {
    pub(super) fn new(safety: &SafetyConfig) -> Self {
        Qualifiers {
            delays: Phrases::new(&safety.delays),
            hedges: Phrases::new(&safety.hedges),
            negation: Negation::new(&safety.negation),
        }
    }

    /// The first delay or hedge in `text` that is not itself negated ("do not wait and see").
    pub(super) fn in_text(&self, text: &str) -> Option<(Weakening, String)> {
        let kept = |start: usize| !self.negation.negates_any(text, start);
        [
            (Weakening::Delay, &self.delays),
            (Weakening::Hedge, &self.hedges),
        ]
        .into_iter()
        .find_map(|(how, phrases)| {
            let found = phrases.find_where(text, kept);
            let first = found.iter().min_by_key(|f| f.at.start)?;
            Some((how, text[first.at.clone()].to_string()))
        })
    }
}
