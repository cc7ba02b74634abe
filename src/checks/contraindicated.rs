//! What a technique page says about the people it is not for, against its front matter's
//! `contraindications`, sentence by sentence:
//!
//! - praise for a condition it lists ("great during pregnancy" on a technique that lists
//!   pregnancy) contradicts its own safety advice (`praises-contraindicated`);
//! - telling readers with a registry condition not to do it ("If you are pregnant, skip this
//!   stretch") when the front matter does not list that condition is advice the cards, the
//!   handout and the conditions page leave out (`contraindication-unlisted`);
//! - advice that is not the condition's grade ([`crate::content::graded`]) contradicts the
//!   card (`contradicts-grade`): telling readers with an `adapt` condition not to do it, or
//!   with an `ask-first` one without sending them to anyone; or telling readers with a
//!   condition to avoid how to do it ("If you are pregnant, spread your knees wide": the
//!   condition after a conditional word, with no avoid or ask word).
//!
//! A condition is named by its name, the term in its brackets or its `words` in the
//! registry, found by their stems and with parts, as red flags are ([`super::terms`]). Praise
//! and avoidance words are locale data (`[safety] praise`, `avoid`); a negated one ("not
//! suitable" is avoidance, "do not skip" is not) is left alone.

use super::locate_in_block;
use super::negation::Negation;
use super::terms::{TermIndex, TermMatch};
use super::units;
use crate::codes::Code;
use crate::config::SafetyConfig;
use crate::content::graded::{Grade, Graded, grade_of};
use crate::content::registry::Registry;
use crate::content::{Page, PageKind};
use crate::diagnostics::Diagnostic;
use crate::markdown::{BlockRole, PageText};

pub(super) struct Contraindicated {
    praise: TermIndex,
    avoid: TermIndex,
    ask: TermIndex,
    conditionals: TermIndex,
    /// Each condition's words, grouped by condition (its index in the registry).
    conditions: TermIndex,
    /// Each condition's id, and whether it applies to self-care in general.
    ids: Vec<(String, bool)>,
    negation: Negation,
}

/// One sentence of a technique page, with what it names.
struct Said<'s> {
    sentence: &'s str,
    /// Where the sentence starts in its block.
    offset: usize,
    conditions: Vec<TermMatch>,
}

impl Contraindicated {
    pub(super) fn new(safety: &SafetyConfig, registry: &Registry, language: &str) -> Self {
        let terms: Vec<(usize, String)> = (registry.conditions.iter().enumerate())
            .flat_map(|(i, c)| c.terms().into_iter().map(move |t| (i, t)))
            .collect();
        let plain = |list: &[String]| {
            TermIndex::new(
                list.iter().map(|p| (0, p.as_str())).collect::<Vec<_>>(),
                language,
                &safety.common_words,
            )
        };
        Contraindicated {
            praise: plain(&safety.praise),
            avoid: plain(&safety.avoid),
            ask: plain(&safety.ask),
            conditionals: plain(&safety.conditionals),
            conditions: TermIndex::new(
                terms.iter().map(|(i, t)| (*i, t.as_str())),
                language,
                &safety.common_words,
            ),
            ids: (registry.conditions.iter())
                .map(|c| (c.id.clone(), c.general))
                .collect(),
            negation: Negation::new(&safety.negation),
        }
    }

    pub(super) fn check(&self, page: &Page, text: &PageText) -> Vec<Diagnostic> {
        if page.kind() != PageKind::Technique {
            return Vec::new();
        }
        let mut problems = Vec::new();
        let mut reported: Vec<usize> = Vec::new();
        let graded = page.graded();
        for block in &text.blocks {
            for (range, sentence) in units::sentences(&block.text) {
                let conditions = self.conditions.find(sentence);
                if conditions.is_empty() {
                    continue;
                }
                let said = Said {
                    sentence,
                    offset: range.start,
                    conditions,
                };
                let at = |m: &TermMatch| {
                    let at = said.offset + m.at.start..said.offset + m.at.end;
                    locate_in_block(page, block, &at)
                };
                // A care card or STOP-IF callout is not where a technique praises itself.
                if block.callout.is_none()
                    && let Some((id, m, praise)) = self.praised(&said, &graded)
                {
                    // Praise is the sharper report of the same contradiction.
                    reported.push(m.group);
                    problems.push(praises(id, &praise).at(at(m)));
                }
                let advice = block.callout.is_none() && block.role != BlockRole::Heading;
                for (c, m, d) in self.misgraded(&said, &graded, advice) {
                    if !reported.contains(&c) {
                        reported.push(c);
                        problems.push(d.at(at(m)));
                    }
                }
            }
        }
        problems
    }

    /// The first word of `index` in the sentence that no negation turns round.
    fn kept(&self, index: &TermIndex, sentence: &str) -> Option<TermMatch> {
        (index.find(sentence).into_iter()).find(|m| {
            !self.negation.negates(sentence, m.at.start)
                && !self.negation.negates_between(sentence, &m.between)
        })
    }

    /// A condition the page grades (a reason for care) that the sentence praises the
    /// technique for, and the praise: not praise where the sentence first sends the reader to
    /// someone ([safety] ask) who will say what suits them.
    fn praised<'m>(
        &self,
        said: &'m Said<'_>,
        graded: &[Graded<'_>],
    ) -> Option<(&str, &'m TermMatch, String)> {
        let named =
            (said.conditions.iter()).find(|m| grade_of(graded, &self.ids[m.group].0).is_some())?;
        let praise = self.kept(&self.praise, said.sentence)?;
        // "Ask a physiotherapist which moves suit you" sends the reader to someone who judges.
        let asked = (self.ask.find(said.sentence).iter()).any(|a| a.at.end <= praise.at.start);
        (!asked).then(|| (self.ids[named.group].0.as_str(), named, praise.phrase))
    }

    /// The conditions the sentence gives other advice for than the page's grade (none for a
    /// general condition), with the problem. `advice`: whether the sentence is in the page's
    /// own text, where it can tell a group how to do the technique.
    fn misgraded<'m>(
        &self,
        said: &'m Said<'_>,
        graded: &[Graded<'_>],
        advice: bool,
    ) -> Vec<(usize, &'m TermMatch, Diagnostic)> {
        let avoid = self.kept(&self.avoid, said.sentence).is_some();
        let ask = std::cell::OnceCell::new();
        let ask = || *ask.get_or_init(|| self.kept(&self.ask, said.sentence).is_some());
        // Where the first conditional word ends, read once per sentence.
        let first = std::cell::OnceCell::new();
        let opened = |m: &TermMatch| {
            let first = first.get_or_init(|| {
                (self.conditionals.find(said.sentence).iter())
                    .map(|c| c.at.end)
                    .min()
            });
            first.is_some_and(|end| end <= m.at.start)
        };
        let mut found = Vec::new();
        for m in &said.conditions {
            let (id, general) = (&self.ids[m.group].0, self.ids[m.group].1);
            let problem = match grade_of(graded, id) {
                None if avoid && !general => Some(unlisted(id)),
                Some(Grade::Avoid) if advice && !avoid && !ask() && opened(m) => {
                    Some(adapted_yet_avoided(id))
                }
                Some(Grade::Adapt(how)) if avoid => Some(avoided_yet_adapted(id, how)),
                Some(Grade::AskFirst(whom)) if avoid && !ask() => Some(avoided_yet_asked(id, whom)),
                _ => None,
            };
            found.extend(problem.map(|d| (m.group, m, d)));
        }
        found
    }
}

fn praises(id: &str, praise: &str) -> Diagnostic {
    Diagnostic::error(
        Code::PraisesContraindicated,
        format!("this page says \"{praise}\" about `{id}`, which its front matter names as a reason not to do this technique, or to take care"),
    )
    .help(format!("say what people with `{id}` should do instead, as its grade does (or remove `{id}` from the front matter if a clinician agrees it needs no care)"))
}

fn unlisted(id: &str) -> Diagnostic {
    Diagnostic::error(
        Code::ContraindicationUnlisted,
        format!("this page tells people with `{id}` not to do this technique, but its `contraindications` do not list `{id}`"),
    )
    .help(format!("add `{id}` to the page's `contraindications`, so the step card, the handout and the conditions page say it too"))
}

fn adapted_yet_avoided(id: &str) -> Diagnostic {
    Diagnostic::error(
        Code::ContradictsGrade,
        format!("this sentence tells people with `{id}` how to do this technique, but its `contraindications` tell them not to do it"),
    )
    .help(format!("if a clinician agrees it suits them done this way, move `{id}` to `adapt: {{{id}: \"how\"}}`; otherwise tell them not to do it here too"))
}

fn avoided_yet_adapted(id: &str, how: &str) -> Diagnostic {
    Diagnostic::error(
        Code::ContradictsGrade,
        format!("this page tells people with `{id}` not to do this technique, but its `adapt` tells them how: \"{how}\""),
    )
    .help(format!("say how to do it differently here, as `adapt` does, or move `{id}` to `contraindications` if they should not do it at all"))
}

fn avoided_yet_asked(id: &str, whom: &str) -> Diagnostic {
    Diagnostic::error(
        Code::ContradictsGrade,
        format!("this page tells people with `{id}` not to do this technique, but its `ask-first` sends them to {whom} first"),
    )
    .help(format!("say to ask {whom} before starting, as `ask-first` does, or move `{id}` to `contraindications` if they should not do it at all"))
}
