//! Step cards: every technique's card must fit its paper, on one side or, failing that, two.
//! A card whose front (the steps) or back (the safety content) cannot fit is an error that
//! says which card and by how much.

use super::CheckContext;
use crate::diagnostics::Diagnostic;
use crate::render::cards::{fit::Fit, layout, techniques};

pub(super) fn check(ctx: &CheckContext<'_>) -> Vec<Diagnostic> {
    let cards = &ctx.config.cards;
    if !cards.enable {
        return Vec::new();
    }
    techniques(ctx.guide)
        .into_iter()
        .filter_map(|p| match layout(cards, ctx.guide, p, &ctx.rendered[p]).1 {
            Fit::Overflow(mm) => Some(
                Diagnostic::error("card-overflow", format!("the step card for \"{}\" is about {mm:.0} mm too tall for a {} card, even on two sides", ctx.guide.pages[p].title, cards.size.name()))
                    .at(ctx.guide.pages[p].source.locate(0, 3))
                    .help("shorten or merge steps, or set a larger [cards] size in book.toml (A5 or half-letter)"),
            ),
            _ => None,
        })
        .collect()
}
