//! The words of raw HTML, for the checks: a list under "See a GP if:" written as `<ul>`, a
//! `<details>` whose `<summary>` sends the reader somewhere, or a table row in `<tr>` must be
//! read like their Markdown forms, or raw HTML would be a way around the safety rules. Each
//! block-level element starts a block of the walk in [`super::text`]; text inside `<script>`
//! and `<style>`, which the sanitiser removes, is not read.

use super::Rendered;
use super::html_tokens::{Piece, is_void, pieces};
use super::text::{BlockRole, HtmlEffect, Open, Origin, Walk, append, open_block};
use std::ops::Range;

/// How an element's start changes the walk.
enum Kind {
    Block(BlockRole),
    List,
    Details,
    Summary,
    Hidden,
    Break,
    Inline,
}

fn kind(name: &str) -> Kind {
    match name {
        "li" | "dt" | "dd" => Kind::Block(BlockRole::Item { depth: 0 }),
        "td" | "th" => Kind::Block(BlockRole::Cell),
        "ul" | "ol" | "dl" | "menu" => Kind::List,
        "details" => Kind::Details,
        "summary" => Kind::Summary,
        "script" | "style" => Kind::Hidden,
        "br" => Kind::Break,
        "p" | "div" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "blockquote" | "section"
        | "article" | "aside" | "header" | "footer" | "address" | "center" | "main" | "nav"
        | "pre" | "figure" | "figcaption" | "caption" | "legend" | "fieldset" | "table" | "tr"
        | "hgroup" | "search" | "form" => Kind::Block(BlockRole::Paragraph),
        _ => Kind::Inline,
    }
}

/// Read one raw HTML event into the walk.
pub(super) fn read(w: &mut Walk, html: &str, range: &Range<usize>, out: &mut Rendered) {
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
            Piece::Text(text) if w.hidden == 0 => {
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
            Piece::Text(_) => {}
        }
    }
    end_loose(w, out);
}

/// The name of the stand-in element that holds loose text until a block-level tag.
const LOOSE: &str = "#text";

fn end_loose(w: &mut Walk, out: &mut Rendered) {
    close(w, LOOSE, out);
}

fn open(w: &mut Walk, name: String, range: &Range<usize>, out: &mut Rendered) {
    let (effect, block) = match kind(&name) {
        Kind::Break => {
            append(out, w, " ");
            return;
        }
        Kind::Inline => (HtmlEffect::None, None),
        Kind::List => {
            w.list_depth += 1;
            (HtmlEffect::List, None)
        }
        Kind::Details => {
            w.summaries.push(None);
            (HtmlEffect::Details, None)
        }
        Kind::Hidden => {
            w.hidden += 1;
            (HtmlEffect::Hidden, None)
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
                out.callouts[c].signs.push(block);
            }
            (HtmlEffect::None, Some(block))
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
fn close(w: &mut Walk, name: &str, out: &mut Rendered) {
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
