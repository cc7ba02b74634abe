//! Step cards: every technique's card must fit its paper, on one side or, failing that, two.
//! A card whose front (the steps) or back (the safety content) cannot fit is an error that
//! says which card and by how much.

use super::CheckContext;
use crate::card_fit::{CardText, Fit, layout};
use crate::codes::Code;
use crate::content::PageId;
use crate::content::registry::CareLevel;
use crate::diagnostics::Diagnostic;

pub(super) fn check(ctx: &CheckContext<'_>) -> Vec<Diagnostic> {
    let cards = &ctx.config.cards;
    if !cards.enable {
        return Vec::new();
    }
    let techniques: Vec<PageId> = ctx.guide.techniques().collect();
    let mut problems = Vec::new();
    let has_emergency_signs = ctx
        .guide
        .registry
        .registry
        .flags_in(CareLevel::Emergency, None)
        .next()
        .is_some();
    if let (Some(&first), false) = (techniques.first(), has_emergency_signs) {
        problems.push(
            Diagnostic::error(Code::CardNoEmergencySigns, "step cards need the emergency signs, but the registry has no emergency red flags")
                .at(ctx.guide.pages[first].source.locate(0, 3))
                .help("add red flags with `level: emergency` to the registry (safety.yaml); every card ends with them"),
        );
    }
    let heading = &ctx.config.safety.headings.emergency;
    let overflows = techniques
        .into_iter()
        .filter_map(|p| match layout(cards, &CardText::of(ctx.guide, p, &ctx.cards[p], heading)).1 {
            Fit::Overflow(mm) => Some(
                Diagnostic::error(Code::CardOverflow, format!("the step card for \"{}\" is about {mm:.0} mm too tall for a {} card, even on two sides", ctx.guide.pages[p].title, cards.size.name()))
                    .at(ctx.guide.pages[p].source.locate(0, 3))
                    .help("shorten or merge steps, or set a larger [cards] size in book.toml (A5 or half-letter)"),
            ),
            _ => None,
        });
    problems.extend(overflows);
    problems
}
