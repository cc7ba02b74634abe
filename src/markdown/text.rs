//! A read-only pass that records the guide's words for the checks: every paragraph, list item,
//! heading and table cell as a [`TextBlock`], and every callout with its signs and links.
//! It runs before the callouts pass turns quotes into HTML.

use super::callouts::{CalloutKind, marker_kind, strip_marker};
use super::{Events, RenderContext, Rendered};
use pulldown_cmark::{Event, Tag, TagEnd};
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockRole {
    Paragraph,
    /// A list item, with its depth counted from the enclosing callout (or the page).
    Item {
        depth: usize,
    },
    Heading,
    Cell,
}

#[derive(Debug, Clone)]
pub struct TextBlock {
    pub role: BlockRole,
    pub text: String,
    /// Byte range in the page body (for generated text, the directive's range).
    pub range: Range<usize>,
    /// Index into [`Rendered::callouts`] of the innermost callout holding this block.
    pub callout: Option<usize>,
}

/// One callout on a page, for the safety checks.
#[derive(Debug, Clone)]
pub struct CalloutRecord {
    pub kind: CalloutKind,
    pub heading: String,
    /// Byte range of the callout in the page body.
    pub range: Range<usize>,
    /// Blocks that are the callout's top-level list items: a care card's signs.
    pub signs: Vec<usize>,
    /// Destinations of every link inside the callout.
    pub links: Vec<String>,
}

#[derive(Default)]
struct Walk {
    quotes: Vec<(Option<usize>, usize)>,
    list_depth: usize,
    open: Vec<Option<usize>>,
    skip_marker: bool,
}

impl Walk {
    fn callout(&self) -> Option<usize> {
        self.quotes.iter().rev().find_map(|(c, _)| *c)
    }

    fn base_depth(&self) -> usize {
        self.quotes
            .iter()
            .rev()
            .find(|(c, _)| c.is_some())
            .map(|(_, d)| *d)
            .unwrap_or(0)
    }

    fn current(&self) -> Option<usize> {
        self.open.iter().rev().flatten().next().copied()
    }
}

pub(super) fn collect(events: &Events<'_>, ctx: &RenderContext<'_>, out: &mut Rendered) {
    let mut w = Walk::default();
    for (i, (event, range)) in events.iter().enumerate() {
        match event {
            Event::Start(Tag::BlockQuote(_)) => {
                let record = marker_kind(events, i).map(|kind| {
                    out.callouts.push(record(events, i, kind, ctx, range));
                    w.skip_marker = true;
                    out.callouts.len() - 1
                });
                w.quotes.push((record, w.list_depth));
            }
            Event::End(TagEnd::BlockQuote(_)) => {
                w.quotes.pop();
            }
            Event::Start(Tag::List(_)) => w.list_depth += 1,
            Event::End(TagEnd::List(_)) => w.list_depth = w.list_depth.saturating_sub(1),
            Event::Start(Tag::Item) => {
                let depth = w.list_depth - w.base_depth();
                let block = open_block(out, &w, BlockRole::Item { depth }, range);
                if let (Some(c), 1) = (w.callout(), depth) {
                    out.callouts[c].signs.push(block);
                }
                w.open.push(Some(block));
            }
            Event::Start(Tag::Paragraph) => {
                let in_item = matches!(
                    w.current().map(|b| out.blocks[b].role),
                    Some(BlockRole::Item { .. })
                ) && w.open.last().is_some_and(Option::is_some);
                let block = (!in_item).then(|| open_block(out, &w, BlockRole::Paragraph, range));
                w.open.push(block);
            }
            Event::Start(Tag::Heading { .. }) => {
                w.open
                    .push(Some(open_block(out, &w, BlockRole::Heading, range)))
            }
            Event::Start(Tag::TableCell) => {
                w.open
                    .push(Some(open_block(out, &w, BlockRole::Cell, range)))
            }
            Event::End(
                TagEnd::Item | TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::TableCell,
            ) => {
                w.open.pop();
            }
            Event::Text(text) | Event::Code(text) => {
                if std::mem::take(&mut w.skip_marker) && strip_marker(text).is_some() {
                    continue;
                }
                append(out, &w, text);
            }
            Event::SoftBreak | Event::HardBreak => append(out, &w, " "),
            Event::Start(Tag::Link { dest_url, .. }) => {
                if let Some(c) = w.callout() {
                    out.callouts[c].links.push(dest_url.to_string());
                }
            }
            _ => {}
        }
    }
    for block in &mut out.blocks {
        if block.text.ends_with(' ') {
            block.text.pop();
        }
    }
}

fn record(
    events: &Events<'_>,
    i: usize,
    kind: CalloutKind,
    ctx: &RenderContext<'_>,
    range: &Range<usize>,
) -> CalloutRecord {
    let custom = match events.get(i + 2) {
        Some((Event::Text(t), _)) => strip_marker(t).unwrap_or("").to_string(),
        _ => String::new(),
    };
    let heading = if custom.is_empty() {
        ctx.callout_headings.heading(kind).to_string()
    } else {
        custom
    };
    CalloutRecord {
        kind,
        heading,
        range: range.clone(),
        signs: Vec::new(),
        links: Vec::new(),
    }
}

fn open_block(out: &mut Rendered, w: &Walk, role: BlockRole, range: &Range<usize>) -> usize {
    out.blocks.push(TextBlock {
        role,
        text: String::new(),
        range: range.clone(),
        callout: w.callout(),
    });
    out.blocks.len() - 1
}

/// Add `text` to the open block with its whitespace collapsed: a block's text is its words
/// joined by single spaces (the trailing space is dropped when the walk ends).
fn append(out: &mut Rendered, w: &Walk, text: &str) {
    let Some(b) = w.current() else { return };
    let block = &mut out.blocks[b].text;
    for (i, piece) in text.split(char::is_whitespace).enumerate() {
        if i > 0 && !block.is_empty() && !block.ends_with(' ') {
            block.push(' ');
        }
        block.push_str(piece);
    }
}
