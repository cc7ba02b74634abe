//! What can weaken a referral without naming a lower level of care: a delay ("wait and see",
//! "if it has not settled"), a hedge ("you might want to") or a negation ("you do not need to
//! call 999"). Next to an emergency or urgent sign, each sends it to a lower level however
//! urgent the service the sentence names. A dismissal ("probably just a trapped nerve") does
//! so when no referral goes with it. And a word for a symptom in general ("pain", "fever") next
//! to a referral is triage, which only the registry may do. The vocabularies are small, closed
//! and per language: locale data (`[safety] delays`, `hedges`, `dismissals`, `symptoms`,
//! `[safety.negation]`).

use super::matcher::Phrases;
use super::negation::Negation;
use crate::config::SafetyConfig;

/// How a sentence weakens the care it refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Weakening {
    Delay,
    Hedge,
    Dismissed,
    Negated,
}

impl Weakening {
    /// "text that ...", in the diagnostic.
    pub(super) fn says(self) -> &'static str {
        match self {
            Weakening::Delay => "puts it off",
            Weakening::Hedge => "makes it optional",
            Weakening::Dismissed => "says it is nothing to act on",
            Weakening::Negated => "says it is not needed",
        }
    }
}

pub(super) struct Qualifiers {
    delays: Phrases,
    hedges: Phrases,
    dismissals: Phrases,
    symptoms: Phrases,
    pub(super) negation: Negation,
}

impl Qualifiers {
    pub(super) fn new(safety: &SafetyConfig) -> Self {
        Qualifiers {
            delays: Phrases::new(&safety.delays),
            hedges: Phrases::new(&safety.hedges),
            dismissals: Phrases::new(&safety.dismissals),
            symptoms: Phrases::new(&safety.symptoms),
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

    /// The first dismissal in `text` that is not itself negated ("this is not normal").
    pub(super) fn dismissal_in(&self, text: &str) -> Option<String> {
        let kept = |start: usize| !self.negation.negates_any(text, start);
        let found = self.dismissals.find_where(text, kept);
        let first = found.iter().min_by_key(|f| f.at.start)?;
        Some(text[first.at.clone()].to_string())
    }

    /// The first word for a symptom in `text`, with its byte range.
    pub(super) fn symptom_in(&self, text: &str) -> Option<std::ops::Range<usize>> {
        let found = self.symptoms.find(text);
        Some(found.iter().min_by_key(|f| f.at.start)?.at.clone())
    }
}
