//! The words of raw HTML, for the checks: a list under "See a GP if:" written as `<ul>`, a
//! `<details>` whose `<summary>` sends the reader somewhere, or a table row in `<tr>` must be
//! read like their Markdown forms, or raw HTML would be a way around the safety rules. Each
//! block-level element starts a block of the walk in [`super::text`]. (`<script>`, `<style>`
//! and the like never get here: [`super::raw_html`] drops them whole.)

use super::Draft;
use super::html_tokens::{Piece, is_void, pieces};
use super::text::{BlockRole, HtmlEffect, Open, Origin, Walk, append, open_block};
use std::ops::Range;

/// How an element's start changes the walk.
enum Kind {
    Block(BlockRole),
    Row,
    Table,
    Head,
    List,
    Details,
    Summary,
    Break,
    Inline,
}

fn kind(name: &str) -> Kind {
    match name {
        "li" | "dt" | "dd" => Kind::Block(BlockRole::Item { depth: 0 }),
        "td" | "th" => Kind::Block(BlockRole::Cell),
        "tr" => Kind::Row,
        "table" => Kind::Table,
        "thead" => Kind::Head,
        "ul" | "ol" | "dl" | "menu" => Kind::List,
        "details" => Kind::Details,
        "summary" => Kind::Summary,
        "br" => Kind::Break,
        "p" | "div" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "blockquote" | "section"
        | "article" | "aside" | "header" | "footer" | "address" | "center" | "main" | "nav"
        | "pre" | "figure" | "figcaption" | "caption" | "legend" | "fieldset" | "hgroup"
        | "search" | "form" => Kind::Block(BlockRole::Paragraph),
        _ => Kind::Inline,
    }
}

/// Read one raw HTML event into the walk.
pub(super) fn read(w: &mut Walk, html: &str, range: &Range<usize>, out: &mut Draft) {
    for piece in pieces(html) {
        match piece {
            Piece::Open {
                name, self_closing, ..
            } => {
                let block_level = !matches!(kind(&name), Kind::Inline | Kind::Break);
                if block_level {
                    end_loose(w, out);
                }
                if !(self_closing || is_void(&name)) || name == "br" {
                    open(w, name, range, out);
                }
            }
            Piece::Close(name) => {
                if !matches!(kind(&name), Kind::Inline) {
                    end_loose(w, out);
                }
                close(w, &name, out);
            }
            Piece::Text(text) => {
                if w.current().is_none() && !text.trim().is_empty() {
                    // Text of an HTML block outside any element that starts a block.
                    let block = open_block(out, w, BlockRole::Paragraph, range);
                    w.open.push(Open {
                        origin: Origin::Html(HtmlEffect::None),
                        block: Some(block),
                        name: LOOSE.into(),
                    });
                }
                append(out, w, &text);
            }
        }
    }
    end_loose(w, out);
}

/// The name of the stand-in element that holds loose text until a block-level tag.
const LOOSE: &str = "#text";

fn end_loose(w: &mut Walk, out: &mut Draft) {
    close(w, LOOSE, out);
}

fn open(w: &mut Walk, name: String, range: &Range<usize>, out: &mut Draft) {
    let kind = kind(&name);
    if !matches!(kind, Kind::Inline | Kind::Break) {
        w.lead_in_so_far(out);
    }
    let (effect, block) = match kind {
        Kind::Break => {
            append(out, w, " ");
            return;
        }
        Kind::Inline => (HtmlEffect::None, None),
        Kind::Row => {
            w.start_row();
            (HtmlEffect::Row, None)
        }
        Kind::Table => {
            w.start_table(false);
            (HtmlEffect::None, None)
        }
        Kind::Head => {
            w.start_table(true);
            (HtmlEffect::Head, None)
        }
        Kind::List => {
            w.list_depth += 1;
            (HtmlEffect::List, None)
        }
        Kind::Details => {
            w.summaries.push(None);
            (HtmlEffect::Details, None)
        }
        Kind::Summary => {
            let block = open_block(out, w, BlockRole::Paragraph, range);
            if let Some(slot) = w.summaries.last_mut() {
                slot.get_or_insert(block);
            }
            (HtmlEffect::None, Some(block))
        }
        Kind::Block(BlockRole::Item { .. }) => {
            let depth = w.list_depth.saturating_sub(w.base_depth()).max(1);
            let block = open_block(out, w, BlockRole::Item { depth }, range);
            if let (Some(c), 1) = (w.callout(), depth) {
                out.text.callouts[c].signs.push(block);
            }
            (HtmlEffect::None, Some(block))
        }
        Kind::Block(BlockRole::Cell) => {
            if name == "th" {
                w.header_cell();
            }
            (
                HtmlEffect::None,
                Some(open_block(out, w, BlockRole::Cell, range)),
            )
        }
        Kind::Block(role) => (HtmlEffect::None, Some(open_block(out, w, role, range))),
    };
    w.open.push(Open {
        origin: Origin::Html(effect),
        block,
        name,
    });
}

/// Close the innermost open raw HTML element of this name, and any opened inside it; an end
/// tag with nothing to close is ignored, as a browser ignores it.
fn close(w: &mut Walk, name: &str, out: &mut Draft) {
    let Some(at) = w
        .open
        .iter()
        .rposition(|o| o.name == name && matches!(o.origin, Origin::Html(_)))
    else {
        return;
    };
    if w.open[at + 1..]
        .iter()
        .any(|o| o.origin == Origin::Markdown)
    {
        // A Markdown element opened since is still open: it closes what is inside it first.
        return;
    }
    while w.open.len() > at {
        if let Some(open) = w.open.pop() {
            w.closed(open, out);
        }
    }
}
