//! Rule 7 and the technique wording rules: phrases that promise more than self-care advice can
//! ("completely safe", "cures"), that let the reader carry on through warning signs ("push
//! through the pain"), or that set no limit on a dose ("hold it as long as you can"). Each list
//! is locale data that book.toml extends or replaces. They are read in the page's title and
//! summary, every block of text and every callout's heading. A phrase with a negation just
//! before it in the same clause ("do not push through the pain") says the opposite, and passes.

use super::locate_in_block;
use super::matcher::FlagMatcher;
use super::matcher::Phrases;
use super::negation::Negation;
use super::terms::TermMatch;
use super::units;
use crate::codes::Code;
use crate::config::{SafetyConfig, Wording};
use crate::content::{Page, field_location};
use crate::diagnostics::{Diagnostic, Location};
use crate::markdown::{PageText, locate};

/// Every phrase rule, with all their phrases in one index grouped by rule (so a text is
/// searched once for all of them, by word stems: "cures" finds "cured"), and the words that
/// negate a phrase.
pub(super) struct PhraseRules {
    rules: Vec<PhraseRule>,
    negation: Negation,
}

struct PhraseRule {
    code: Code,
    phrases: Vec<String>,
    /// Words that, elsewhere in the sentence, turn a phrase round ([`Wording::unless`]).
    unless: Phrases,
    /// What is wrong with the phrase, e.g. "promises more than self-care advice can".
    problem: &'static str,
    help: &'static str,
}

impl PhraseRule {
    fn new(code: Code, list: &Wording, problem: &'static str, help: &'static str) -> Self {
        PhraseRule {
            code,
            phrases: list.phrases(),
            unless: Phrases::new(&list.unless),
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
        PhraseRules {
            rules,
            negation: Negation::new(&safety.negation),
        }
    }

    /// Every rule's phrases, grouped by rule, for the page's one term index
    /// ([`super::matcher::FlagIndex::with`]).
    pub(super) fn terms(&self) -> impl Iterator<Item = (usize, &str)> + '_ {
        (self.rules.iter().enumerate())
            .flat_map(|(r, rule)| rule.phrases.iter().map(move |p| (r, p.as_str())))
    }

    /// How many groups [`PhraseRules::terms`] uses: the next rule's terms can follow.
    pub(super) fn groups(&self) -> usize {
        self.rules.len()
    }

    pub(super) fn check(
        &self,
        page: &Page,
        text: &PageText,
        terms: &FlagMatcher<'_, '_>,
    ) -> Vec<Diagnostic> {
        let mut found = Found {
            terms,
            problems: Vec::new(),
            first: std::collections::HashMap::new(),
        };
        for (field, value) in page.front.texts() {
            let at = |_| field_location(page, field);
            self.find(value, at, &mut found);
        }
        for block in &text.blocks {
            let at = |at| locate_in_block(page, block, &at);
            self.find(&block.text, at, &mut found);
        }
        for callout in &text.callouts {
            let at = |_| locate(page, &callout.range);
            self.find(&callout.heading, at, &mut found);
        }
        found.problems
    }

    /// Settings readers see (the about page's texts), each reported at its place.
    pub(super) fn check_settings(
        &self,
        texts: &[(&str, Location)],
        terms: &FlagMatcher<'_, '_>,
    ) -> Vec<Diagnostic> {
        let mut found = Found {
            terms,
            problems: Vec::new(),
            first: std::collections::HashMap::new(),
        };
        for (text, at) in texts {
            self.find(text, |_| at.clone(), &mut found);
        }
        found.problems
    }

    /// Each rule's phrases in `text` that no negation turns round, each phrase reported once
    /// per page (with how often it is used) at `at(range of its first use)`.
    fn find(
        &self,
        text: &str,
        at: impl Fn(std::ops::Range<usize>) -> Location,
        found: &mut Found<'_, '_, '_>,
    ) {
        let all = found.terms.others_in(text, |g| g < self.rules.len());
        let kept = all.into_iter().filter(|m| {
            !self.negation.negates(text, m.at.start)
                && !self.negation.negates_between(text, &m.between)
                && !self.turned_round(text, m)
        });
        let mut taken: Vec<&TermMatch> = Vec::new();
        let kept: Vec<TermMatch> = kept.collect();
        for m in &kept {
            // "completely safe for everyone" is one overpromise, not two.
            let overlaps = |t: &&TermMatch| {
                t.group == m.group && t.at.start < m.at.end && m.at.start < t.at.end
            };
            if taken.iter().any(overlaps) {
                continue;
            }
            taken.push(m);
            if let Some(&i) = found.first.get(&m.term) {
                found.problems[i].more += 1;
                continue;
            }
            let rule = &self.rules[m.group];
            let phrase = &m.phrase;
            let d = Diagnostic::error(rule.code, format!("\"{phrase}\" {}", rule.problem))
                .at(at(m.at.clone()))
                .help(rule.help);
            found.first.insert(m.term, found.problems.len());
            found.problems.push(d);
        }
    }
}

impl PhraseRules {
    /// Whether the sentence of `m` holds, outside `m`, a word of its rule's `unless`.
    fn turned_round(&self, text: &str, m: &TermMatch) -> bool {
        let unless = &self.rules[m.group].unless;
        let Some((range, sentence)) =
            units::sentences(text).find(|(r, _)| r.start <= m.at.start && m.at.start < r.end)
        else {
            return false;
        };
        (unless.places(sentence).into_iter())
            .map(|p| range.start + p.start..range.start + p.end)
            .any(|p| p.end <= m.at.start || m.at.end <= p.start)
    }
}

/// What the phrase rules found on one page so far: each phrase once, with how often.
struct Found<'m, 'i, 'r> {
    /// The page's terms ([`FlagMatcher::others_in`] holds the phrases').
    terms: &'m FlagMatcher<'i, 'r>,
    problems: Vec<Diagnostic>,
    /// The problem each phrase (term index) was first reported as.
    first: std::collections::HashMap<usize, usize>,
}
