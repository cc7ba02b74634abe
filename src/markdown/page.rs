//! What rendering one page's Markdown gives: one type for each stage that reads it. The build
//! takes a [`RenderedPage`] apart as it goes: the HTML is written at once and dropped, the
//! text goes to the page rules and is dropped, and only the facts (and a technique's card
//! parts) are kept for the whole-guide rules, the templates and the step cards.

use super::{CalloutRecord, Heading, LinkRecord, Placement, TextBlock};
use crate::content::SourceRef;
use crate::diagnostics::Diagnostic;

/// One page's rendering.
#[derive(Debug, Default, Clone)]
pub struct RenderedPage {
    /// The page's body as HTML.
    pub html: String,
    pub text: PageText,
    pub facts: PageFacts,
    pub card: CardParts,
    /// Problems found while rendering (broken links, unknown callouts...).
    pub diagnostics: Vec<Diagnostic>,
}

/// The words the page rules read. A [`TextBlock`] is a unit of text with what introduces it
/// (a list item's lead-in, a table row's header, a footnote's references): new kinds of unit
/// are new fields there.
#[derive(Debug, Default, Clone)]
pub struct PageText {
    /// Every paragraph, list item, heading and table cell, raw HTML's included.
    pub blocks: Vec<TextBlock>,
    pub callouts: Vec<CalloutRecord>,
}

/// What the whole-guide rules and the templates need of a page.
#[derive(Debug, Default, Clone)]
pub struct PageFacts {
    pub headings: Vec<Heading>,
    /// Every internal link, for the anchor and help-page checks.
    pub links: Vec<LinkRecord>,
    /// Registry content placed by directives.
    pub placements: Vec<Placement>,
    /// Sources of the registry entries placed on this page.
    pub extra_sources: Vec<SourceRef>,
    /// Number of items in the ordered list under the `Steps` heading.
    pub step_count: usize,
    /// Where in the body (a byte offset) that list starts.
    pub steps_at: Option<usize>,
    /// Whether the page has a stop-if callout.
    pub has_stop_if: bool,
    /// On a technique page, when the registry has emergency signs: the id of the card after
    /// its body that lists them (the page template places it; headings never take its id).
    pub signs_card_id: Option<String>,
}

/// The parts of a technique page its step card prints again.
#[derive(Debug, Default, Clone)]
pub struct CardParts {
    /// The steps list as HTML (`<ol class="steps">...</ol>`).
    pub steps_html: Option<String>,
    /// The content of the page's first stop-if callout as HTML.
    pub stop_if_html: Option<String>,
    /// The text of each step, and of each item of the stop-if callout, for estimating how tall
    /// the card is.
    pub steps: Vec<String>,
    pub stop_if: Vec<String>,
}

/// What the passes fill in as they run over one page's events; [`Draft::finish`] takes it
/// apart into a [`RenderedPage`].
#[derive(Debug, Default)]
pub(crate) struct Draft {
    pub(crate) html: String,
    pub(crate) text: PageText,
    pub(crate) facts: PageFacts,
    pub(crate) card: CardParts,
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// Ids given before headings get theirs (care cards'), which no heading may take.
    pub(crate) ids: Vec<String>,
}

impl Draft {
    pub(crate) fn finish(mut self) -> RenderedPage {
        self.facts.has_stop_if = self
            .text
            .callouts
            .iter()
            .any(|c| c.kind == super::CalloutKind::StopIf);
        RenderedPage {
            html: self.html,
            text: self.text,
            facts: self.facts,
            card: self.card,
            diagnostics: self.diagnostics,
        }
    }
}
