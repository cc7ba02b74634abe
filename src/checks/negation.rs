//! Negation, NegEx-style: a trigger ("not", "never", "do not", "no need to"...) with fewer
//! than [`REACH`] words between it and a phrase, in the same clause, says the opposite of it
//! ("do **not** push through the pain", "you do **not** need to call 999"). Pseudo-triggers
//! hold a trigger word without negating what follows ("do not hesitate to call 999", "do not
//! wait"). Both lists are locale data (`[safety.negation]`).

use super::matcher::Phrases;
use crate::config::Negation as Settings;

/// A trigger negates a phrase when fewer words than this lie between them.
pub(super) const REACH: usize = 4;

pub(super) struct Negation {
    triggers: Phrases,
    pseudo: Phrases,
}

impl Negation {
    pub(super) fn new(settings: &Settings) -> Self {
        Negation {
            triggers: Phrases::new(&settings.triggers),
            pseudo: Phrases::new(&settings.pseudo),
        }
    }

    /// Whether the phrase starting at byte `start` of `text` is negated.
    pub(super) fn negates(&self, text: &str, start: usize) -> bool {
        self.negates_with(text, start, true)
    }

    /// As [`Negation::negates`], but a pseudo-trigger negates too: "do not wait for your next
    /// appointment" negates the delay, though "do not wait: call 999" negates no referral.
    pub(super) fn negates_any(&self, text: &str, start: usize) -> bool {
        self.negates_with(text, start, false)
    }

    fn negates_with(&self, text: &str, start: usize, pseudo: bool) -> bool {
        let before = &text[..start];
        let clause = before
            .rfind(['.', ',', ';', ':', '!', '?', '\n'])
            .map_or(before, |i| &before[i + 1..]);
        let words: Vec<&str> = clause.split_whitespace().collect();
        let tail = |n: usize| words[words.len().saturating_sub(n)..].join(" ");
        // A trigger of several words ("no need to") is read whole, and negates when fewer
        // than REACH words lie between it and the phrase ("no need to go to A&E").
        let near = tail(REACH + 3);
        let close = self
            .triggers
            .places(&near)
            .iter()
            .any(|t| near[t.end..].split_whitespace().count() < REACH);
        // A pseudo-trigger is read a little further back, so "do not hesitate to call" is
        // seen whole.
        close && (!pseudo || self.pseudo.find(&tail(REACH + 2)).is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn negation() -> Negation {
        Negation::new(&Settings {
            triggers: vec!["not".into(), "do not".into(), "never".into()],
            pseudo: vec!["do not hesitate".into(), "do not wait".into()],
        })
    }

    #[test]
    fn a_trigger_close_before_in_the_same_clause_negates() {
        let n = negation();
        let at = |text: &str, phrase: &str| n.negates(text, text.find(phrase).unwrap());
        assert!(at("Do not push through the pain.", "push through"));
        assert!(at("It is not completely safe.", "completely safe"));
        assert!(!at(
            "Do not stop, it is completely safe.",
            "completely safe"
        ));
        assert!(!at(
            "You must not worry about anything because it is completely safe.",
            "completely safe"
        ));
        assert!(!at("Do not hesitate to call 999.", "999"));
        assert!(!at("Do not wait: call 999.", "999"));
        assert!(!at("Do not wait for a GP appointment.", "GP"));
        let n = Negation::new(&Settings {
            triggers: vec!["no need to".into()],
            pseudo: vec![],
        });
        let text = "There is no need to go to A&E.";
        assert!(n.negates(text, text.find("A&E").unwrap()));
    }
}
