//! Rule 7 and the technique wording rules: phrases that promise more than self-care advice can
//! ("completely safe", "cures"), that let the reader carry on through warning signs ("push
//! through the pain"), or that set no limit on a dose ("hold it as long as you can"). Each list
//! is locale data that book.toml extends or replaces. They are read in the page's title and
//! summary, every block of text and every callout's heading. A phrase with a negation just
//! before it in the same clause ("do not push through the pain") says the opposite, and passes.

use super::locate_in_block;
use super::matcher::Phrases;
use super::negation::Negation;
use crate::codes::Code;
use crate::config::{SafetyConfig, Wording};
use crate::content::{Page, field_location};
use crate::diagnostics::{Diagnostic, Location};
use crate::markdown::{PageText, locate};

/// Every phrase rule, with all their phrases in one automaton (so a text is searched once
/// for all of them), and the words that negate a phrase.
pub(super) struct PhraseRules {
    rules: Vec<PhraseRule>,
    phrases: Phrases,
    /// The rule each phrase belongs to.
    owner: Vec<usize>,
    negation: Negation,
}

struct PhraseRule {
    code: Code,
    phrases: Vec<String>,
    /// What is wrong with the phrase, e.g. "promises more than self-care advice can".
    problem: &'static str,
    help: &'static str,
}

impl PhraseRule {
    fn new(code: Code, list: &Wording, problem: &'static str, help: &'static str) -> Self {
        PhraseRule {
            code,
            phrases: list.phrases(),
            problem,
            help,
        }
    }
}

impl PhraseRules {
    pub(super) fn new(safety: &SafetyConfig) -> Self {
        let rules = vec![
            PhraseRule::new(
                Code::Overpromise,
                &safety.wording,
                "promises more than self-care advice can",
                "say what is known instead, e.g. \"low-risk for most people\", and name who should not do it",
            ),
            PhraseRule::new(
                Code::PushThrough,
                &safety.push_through,
                "tells the reader to carry on through pain or warning signs",
                "tell the reader to stop, and when to get help: a technique never continues through pain",
            ),
            PhraseRule::new(
                Code::UnlimitedDose,
                &safety.unlimited_dose,
                "sets no limit on how long, how many or how often",
                "give a number a clinician would give, e.g. \"hold for 10 to 20 seconds\", \"5 times, up to 3 times a day\"",
            ),
            PhraseRule::new(
                Code::OnSomeoneElse,
                &safety.on_someone_else,
                "has someone else do the technique to the reader (or the reader to someone else)",
                "self-care moves are done by the reader, within their own comfort: someone pressing or pulling cannot feel when to stop",
            ),
        ];
        let owner = (rules.iter().enumerate())
            .flat_map(|(r, rule)| rule.phrases.iter().map(move |_| r))
            .collect();
        PhraseRules {
            phrases: Phrases::new(rules.iter().flat_map(|r| &r.phrases)),
            owner,
            rules,
            negation: Negation::new(&safety.negation),
        }
    }

    pub(super) fn check(&self, page: &Page, text: &PageText) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        for field in ["title", "summary"] {
            let value = match field {
                "title" => page.front.title.as_deref(),
                _ => page.front.summary.as_deref(),
            };
            let at = |_| field_location(page, field);
            problems.extend(self.find(value.unwrap_or(""), at));
        }
        for block in &text.blocks {
            problems.extend(self.find(&block.text, |at| locate_in_block(page, block, &at)));
        }
        for callout in &text.callouts {
            problems.extend(self.find(&callout.heading, |_| locate(page, &callout.range)));
        }
        problems
    }

    /// Each rule's phrases in `text`, each reported once (with how often it is used) at
    /// `at(range of its first use)`.
    fn find(&self, text: &str, at: impl Fn(std::ops::Range<usize>) -> Location) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        let kept = |start: usize| !self.negation.negates(text, start);
        let mut all = self.phrases.find_where(text, kept);
        if all.is_empty() {
            return problems;
        }
        all.sort_by_key(|f| (self.owner[f.index], f.at.start, std::cmp::Reverse(f.at.end)));
        let mut taken: Vec<(usize, std::ops::Range<usize>)> = Vec::new();
        for found in all {
            let r = self.owner[found.index];
            let rule = &self.rules[r];
            // "completely safe for everyone" is one overpromise, not two.
            let overlaps = |(o, t): &(usize, std::ops::Range<usize>)| {
                *o == r && t.start < found.at.end && found.at.start < t.end
            };
            if taken.iter().any(overlaps) {
                continue;
            }
            taken.push((r, found.at.clone()));
            let phrase = self.phrases.phrase(found.index);
            let mut d = Diagnostic::error(rule.code, format!("\"{phrase}\" {}", rule.problem))
                .at(at(found.at))
                .help(rule.help);
            d.more = found.count - 1;
            problems.push(d);
        }
        problems
    }
}
