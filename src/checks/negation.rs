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
    after: Phrases,
}

impl Negation {
    pub(super) fn new(settings: &Settings) -> Self {
        Negation {
            triggers: Phrases::new(&settings.triggers),
            pseudo: Phrases::new(&settings.pseudo),
            after: Phrases::new(&settings.after),
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

    /// Whether a trigger inside `text[between]` negates what follows it: the later part of
    /// a term of parts ("anyone can do this, but it is **not** safe").
    pub(super) fn negates_between(&self, text: &str, between: &std::ops::Range<usize>) -> bool {
        let Some(inside) = text.get(between.start..between.end) else {
            return false;
        };
        !inside.is_empty() && self.before(inside, inside.len(), true)
    }

    fn negates_with(&self, text: &str, start: usize, pseudo: bool) -> bool {
        self.before(text, start, pseudo) || self.after_it(text, start)
    }

    /// A trigger before the phrase, in its clause. A trigger inside a pseudo-trigger ("do
    /// not" in "do not hesitate") does not count, unless that is inside a longer trigger ("do
    /// not wait for" a GP appointment).
    fn before(&self, text: &str, start: usize, pseudo: bool) -> bool {
        let before = &text[..start];
        let clause = before
            .rfind(CLAUSE_ENDS)
            .map_or(before, |i| &before[i + 1..]);
        let words: Vec<&str> = clause.split_whitespace().collect();
        // A trigger of several words ("no need to") is read whole, and negates when fewer
        // than REACH words lie between it and the phrase ("no need to go to A&E").
        let near = words[words.len().saturating_sub(REACH + 3)..].join(" ");
        let triggers = self.triggers.places(&near);
        let within = |outer: &std::ops::Range<usize>, inner: &std::ops::Range<usize>| {
            outer.start <= inner.start && inner.end <= outer.end && outer != inner
        };
        let pseudos: Vec<_> = match pseudo {
            true => self.pseudo.places(&near),
            false => Vec::new(),
        };
        let blocking: Vec<_> = pseudos
            .iter()
            .filter(|p| !triggers.iter().any(|t| within(t, p)))
            .collect();
        triggers.iter().any(|t| {
            near[t.end..].split_whitespace().count() < REACH
                && !blocking
                    .iter()
                    .any(|p| p.start <= t.start && t.end <= p.end)
        })
    }

    /// A trigger that follows the phrase closely, in its clause: "A&E is not the place for
    /// this".
    fn after_it(&self, text: &str, start: usize) -> bool {
        let rest = &text[start..];
        let clause = rest.find(CLAUSE_ENDS).map_or(rest, |i| &rest[..i]);
        let words: Vec<&str> = clause.split_whitespace().take(REACH + 3).collect();
        let near = words.join(" ");
        self.after.places(&near).iter().any(|t| {
            let between = near[..t.start].split_whitespace().count();
            // The phrase itself is one word or more; fewer than REACH words follow it.
            between <= REACH
        })
    }
}

/// What ends a clause: a trigger on one side of these negates nothing on the other.
const CLAUSE_ENDS: [char; 7] = ['.', ',', ';', ':', '!', '?', '\n'];

#[cfg(test)]
mod tests {
    use super::*;

    fn negation() -> Negation {
        Negation::new(&Settings {
            triggers: vec![
                "not".into(),
                "do not".into(),
                "never".into(),
                "do not wait for".into(),
            ],
            pseudo: vec!["do not hesitate".into(), "do not wait".into()],
            after: vec!["is not needed".into(), "is not the place".into()],
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
        // A pseudo-trigger inside a longer trigger: "do not wait for" turns the GP down.
        assert!(at("Do not wait for a GP appointment.", "GP"));
        assert!(at("A&E is not the place for this.", "A&E"));
        assert!(at("An ambulance is not needed.", "ambulance"));
        assert!(!at("Call 999. A GP is not needed.", "999"));
        let n = Negation::new(&Settings {
            triggers: vec!["no need to".into()],
            pseudo: vec![],
            after: vec![],
        });
        let text = "There is no need to go to A&E.";
        assert!(n.negates(text, text.find("A&E").unwrap()));
    }
}
