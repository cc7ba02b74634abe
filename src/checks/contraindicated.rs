//! What a technique page says about the people it is not for, against its front matter's
//! `contraindications`, sentence by sentence:
//!
//! - praise for a condition it lists ("great during pregnancy" on a technique that lists
//!   pregnancy) contradicts its own safety advice (`praises-contraindicated`);
//! - telling readers with a registry condition not to do it ("If you are pregnant, skip this
//!   stretch") when the front matter does not list that condition is advice the cards, the
//!   handout and the conditions page leave out (`contraindication-unlisted`).
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
use crate::content::registry::Registry;
use crate::content::{Page, PageKind};
use crate::diagnostics::Diagnostic;
use crate::markdown::PageText;

pub(super) struct Contraindicated {
    praise: TermIndex,
    avoid: TermIndex,
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
        let listed = page.front.contraindications.as_deref().unwrap_or_default();
        let mut problems = Vec::new();
        let mut reported: Vec<usize> = Vec::new();
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
                    && let Some((id, m, praise)) = self.praised(&said, listed)
                {
                    problems.push(praises(id, &praise).at(at(m)));
                }
                for (c, m) in self.avoided(&said, listed) {
                    if !reported.contains(&c) {
                        reported.push(c);
                        problems.push(unlisted(&self.ids[c].0).at(at(m)));
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

    /// A listed condition the sentence praises the technique for, and the praise.
    fn praised<'m>(
        &self,
        said: &'m Said<'_>,
        listed: &[String],
    ) -> Option<(&str, &'m TermMatch, String)> {
        let named = (said.conditions.iter()).find(|m| listed.contains(&self.ids[m.group].0))?;
        let praise = self.kept(&self.praise, said.sentence)?;
        Some((&self.ids[named.group].0, named, praise.phrase))
    }

    /// The registry conditions, not listed and not general, that the sentence tells the
    /// reader to avoid the technique for.
    fn avoided<'m>(&self, said: &'m Said<'_>, listed: &[String]) -> Vec<(usize, &'m TermMatch)> {
        let unlisted: Vec<(usize, &TermMatch)> = (said.conditions.iter())
            .map(|m| (m.group, m))
            .filter(|(c, _)| !self.ids[*c].1 && !listed.contains(&self.ids[*c].0))
            .collect();
        if unlisted.is_empty() || self.kept(&self.avoid, said.sentence).is_none() {
            return Vec::new();
        }
        unlisted
    }
}

fn praises(id: &str, praise: &str) -> Diagnostic {
    Diagnostic::error(
        Code::PraisesContraindicated,
        format!("this page says \"{praise}\" about `{id}`, which it lists as a reason not to do this technique"),
    )
    .help(format!("say what people with `{id}` should do instead (or remove it from `contraindications` if a clinician agrees it is safe for them)"))
}

fn unlisted(id: &str) -> Diagnostic {
    Diagnostic::error(
        Code::ContraindicationUnlisted,
        format!("this page tells people with `{id}` not to do this technique, but its `contraindications` do not list `{id}`"),
    )
    .help(format!("add `{id}` to the page's `contraindications`, so the step card, the handout and the conditions page say it too"))
}
