//! Rules over the whole guide, run after every page is rendered. Each rule is a small module
//! returning diagnostics; none stops at the first problem. A person changing the safety rules
//! only needs this folder.

mod anchors;
mod cards;
mod care_cards;
mod conditions;
mod matcher;
pub mod readability;
mod red_flags;
mod review;
mod techniques;
mod wording;

pub use techniques::{conditions_page, page_at};

use crate::config::Config;
use crate::content::{Date, Guide, Page};
use crate::diagnostics::{Diagnostic, Location};
use crate::markdown::{Rendered, TextBlock};

/// Everything the rules read. `rendered[i]` belongs to `guide.pages[i]`.
pub struct CheckContext<'a> {
    pub config: &'a Config,
    pub guide: &'a Guide,
    pub rendered: &'a [Rendered],
    /// Each page's readability, measured once.
    pub readability: &'a [readability::Readability],
    /// The date reviews are judged against.
    pub today: Date,
    /// Report overdue reviews as warnings (local previews).
    pub allow_overdue: bool,
}

/// One rule over the whole guide.
type Rule = fn(&CheckContext<'_>) -> Vec<Diagnostic>;

/// Every rule. They only read the guide, so they run in parallel.
const RULES: [Rule; 9] = [
    |ctx| anchors::check(ctx.guide, ctx.rendered),
    techniques::check,
    conditions::check,
    red_flags::check,
    care_cards::check,
    cards::check,
    review::check,
    wording::check,
    readability::check,
];

/// Run every whole-guide rule; the report is sorted afterwards, so order does not matter.
pub fn run(ctx: &CheckContext<'_>) -> Vec<Diagnostic> {
    use rayon::prelude::*;
    RULES.par_iter().flat_map_iter(|rule| rule(ctx)).collect()
}

/// The location of `needle` inside a block's source text, or the block's start.
pub(crate) fn locate_in_block(page: &Page, block: &TextBlock, needle: &str) -> Location {
    let body = page.body();
    let Some(span) = body.get(block.range.clone()) else {
        return crate::markdown::locate(page, &block.range);
    };
    match span
        .to_lowercase()
        .find(&needle.to_lowercase())
        .filter(|_| span.len() == span.to_lowercase().len())
    {
        Some(at) => {
            let start = page.body_start + block.range.start + at;
            page.source.locate(start, start + needle.len())
        }
        None => crate::markdown::locate(page, &block.range),
    }
}
