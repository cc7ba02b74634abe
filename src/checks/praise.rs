//! A technique page that praises itself for the people it lists as contraindicated ("great
//! during pregnancy" on a technique that lists pregnancy) contradicts its own safety advice
//! (`praises-contraindicated`). A sentence that names one of the page's contraindications (the
//! registry condition's name, its bracketed term, or its `words`) and a praise word
//! (`[safety] praise`) that is not negated is an error.

use super::locate_in_block;
use super::matcher::Phrases;
use super::negation::Negation;
use super::units;
use crate::codes::Code;
use crate::config::SafetyConfig;
use crate::content::registry::Registry;
use crate::content::{Page, PageKind};
use crate::diagnostics::Diagnostic;
use crate::markdown::PageText;

pub(super) struct Praise {
    praise: Phrases,
    negation: Negation,
    /// Each condition's id and the words that name it.
    conditions: Vec<(String, Phrases)>,
}

impl Praise {
    pub(super) fn new(safety: &SafetyConfig, registry: &Registry) -> Self {
        Praise {
            praise: Phrases::new(&safety.praise),
            negation: Negation::new(&safety.negation),
            conditions: registry
                .conditions
                .iter()
                .map(|c| (c.id.clone(), Phrases::new(c.terms())))
                .collect(),
        }
    }

    pub(super) fn check(&self, page: &Page, text: &PageText) -> Vec<Diagnostic> {
        let listed = page.front.contraindications.as_deref().unwrap_or_default();
        if page.kind() != PageKind::Technique || listed.is_empty() {
            return Vec::new();
        }
        let ruled_out: Vec<&(String, Phrases)> = self
            .conditions
            .iter()
            .filter(|(id, _)| listed.contains(id))
            .collect();
        let mut problems = Vec::new();
        for block in text.blocks.iter().filter(|b| b.callout.is_none()) {
            for (range, sentence) in units::sentences(&block.text) {
                let kept = |start: usize| !self.negation.negates(sentence, start);
                let Some(word) = self.praise.find_where(sentence, kept).into_iter().next() else {
                    continue;
                };
                let named = ruled_out.iter().find_map(|(id, terms)| {
                    terms.find(sentence).first().map(|f| (id, f.at.clone()))
                });
                let Some((id, at)) = named else {
                    continue;
                };
                let praise = self.praise.phrase(word.index);
                let at = range.start + at.start..range.start + at.end;
                problems.push(
                    Diagnostic::error(Code::PraisesContraindicated, format!("this page says \"{praise}\" about `{id}`, which it lists as a reason not to do this technique"))
                        .at(locate_in_block(page, block, &at))
                        .help(format!("say what people with `{id}` should do instead (or remove it from `contraindications` if a clinician agrees it is safe for them)")),
                );
            }
        }
        problems
    }
}
