//! A read-only pass that records the guide's words for the checks: every paragraph, list item,
//! heading and table cell as a [`TextBlock`] (raw HTML's text included, read by
//! [`super::text_html`]), each with what introduces it, and every callout with its signs and
//! links. It runs before the callouts pass turns quotes into HTML.

use super::callouts::{CalloutKind, marker_kind, strip_marker};
use super::{Draft, Events, RenderContext};
use crate::codes::Code;
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
    /// Index into [`PageText::callouts`](super::PageText) of the innermost callout holding this
    /// block.
    pub callout: Option<usize>,
    /// The block that introduces this one: for a list item, the paragraph before the list when
    /// it ends with `:`; for what a `<details>` holds, its `<summary>`; for a table's body
    /// cell, the first cell of the table's header row.
    pub lead_in: Option<usize>,
    /// The table row a cell belongs to (numbered from 0 on the page).
    pub row: Option<usize>,
    /// The label of the footnote whose definition holds this block.
    pub note: Option<String>,
    /// Footnote references in the text: (byte offset in `text`, label).
    pub note_refs: Vec<(usize, String)>,
}

impl TextBlock {
    /// A block of `text` that nothing introduces, outside callouts, tables and footnotes.
    pub fn plain(role: BlockRole, text: &str) -> TextBlock {
        TextBlock {
            role,
            text: text.to_string(),
            range: 0..0,
            callout: None,
            lead_in: None,
            row: None,
            note: None,
            note_refs: Vec::new(),
        }
    }
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

/// Where an open element came from, so each closes only what it opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Origin {
    Markdown,
    /// A raw HTML element, with what it changes while open.
    Html(HtmlEffect),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum HtmlEffect {
    None,
    List,
    Details,
    /// A table row (`<tr>`), or a table's head (`<thead>`).
    Row,
    Head,
}

#[derive(Debug)]
pub(super) struct Open {
    pub(super) origin: Origin,
    pub(super) block: Option<usize>,
    /// The element's name, for raw HTML.
    pub(super) name: String,
}

/// The walk's state. Stacks hold only what they need, so every step is constant time however
/// deeply the page nests.
#[derive(Default)]
pub(super) struct Walk {
    /// Each open quote: whether it is a callout.
    quotes: Vec<bool>,
    /// Each open callout: its index and the list depth where it opened.
    callouts: Vec<(usize, usize)>,
    pub(super) list_depth: usize,
    pub(super) open: Vec<Open>,
    skip_marker: bool,
    /// A block outside callouts ending with `:` that introduces the list that follows.
    lead: Option<usize>,
    /// The `<summary>` of each open `<details>`.
    pub(super) summaries: Vec<Option<usize>>,
    row: Option<usize>,
    /// The current row is a table's head row (its cells are `<th>`).
    row_is_head: bool,
    rows: usize,
    header: Option<usize>,
    in_head: bool,
    note: Option<String>,
}

impl Walk {
    pub(super) fn callout(&self) -> Option<usize> {
        self.callouts.last().map(|(c, _)| *c)
    }

    pub(super) fn base_depth(&self) -> usize {
        self.callouts.last().map(|(_, d)| *d).unwrap_or(0)
    }

    /// A table row starts: its cells are read together.
    pub(super) fn start_row(&mut self) {
        self.row = Some(self.rows);
        self.rows += 1;
    }

    /// A table (or its head) starts: the next header row introduces the rows after it.
    pub(super) fn start_table(&mut self, head: bool) {
        if head {
            self.in_head = true;
        } else {
            self.header = None;
        }
    }

    /// A `<th>` cell of a table without a head row yet makes its row the head.
    pub(super) fn header_cell(&mut self) {
        if self.header.is_none() {
            self.row_is_head = true;
        }
    }

    /// A block that introduces what is opened inside it ("See a GP if:" in a `<div>` holding
    /// a list) counts as a lead-in from when its first child opens.
    pub(super) fn lead_in_so_far(&mut self, out: &Draft) {
        if let Some(b) = self.current() {
            let block = &out.text.blocks[b];
            let item = matches!(block.role, BlockRole::Item { .. });
            if block.callout.is_none() && !item && introduces(block) {
                self.lead = Some(b);
            }
        }
    }

    /// An open raw HTML element that would hide a callout inside it, or change how it reads
    /// (collapsed, struck through, shrunk, or made a link).
    fn hiding_element(&self) -> Option<&str> {
        const HIDING: &[&str] = &[
            "details", "summary", "del", "s", "strike", "sub", "sup", "small", "a", "q",
        ];
        self.open
            .iter()
            .filter(|o| matches!(o.origin, Origin::Html(_)))
            .map(|o| o.name.as_str())
            .find(|name| HIDING.contains(name))
    }

    /// The innermost open block.
    pub(super) fn current(&self) -> Option<usize> {
        self.open.iter().rev().find_map(|o| o.block)
    }

    fn push(&mut self, origin: Origin, block: Option<usize>) {
        self.open.push(Open {
            origin,
            block,
            name: String::new(),
        });
    }

    /// Close the innermost Markdown element, and any raw HTML left open inside it.
    fn pop_markdown(&mut self, out: &mut Draft) {
        while let Some(open) = self.open.pop() {
            let markdown = open.origin == Origin::Markdown;
            self.closed(open, out);
            if markdown {
                break;
            }
        }
    }

    /// Undo what a closing element did, and note a block that introduces what follows.
    pub(super) fn closed(&mut self, open: Open, out: &mut Draft) {
        match open.origin {
            Origin::Html(HtmlEffect::List) => self.list_depth = self.list_depth.saturating_sub(1),
            Origin::Html(HtmlEffect::Details) => {
                self.summaries.pop();
            }
            Origin::Html(HtmlEffect::Row) => {
                self.row = None;
                self.row_is_head = false;
            }
            Origin::Html(HtmlEffect::Head) => self.in_head = false,
            _ => {}
        }
        if let Some(b) = open.block {
            let block = &out.text.blocks[b];
            let item = matches!(block.role, BlockRole::Item { .. });
            if block.callout.is_none() && !item {
                self.lead = introduces(block).then_some(b);
            }
        }
    }
}

pub(super) fn collect(events: &Events<'_>, ctx: &RenderContext<'_>, out: &mut Draft) {
    let mut w = Walk::default();
    for (i, (event, range)) in events.iter().enumerate() {
        match event {
            Event::Start(tag) => start(&mut w, events, i, tag, range, ctx, out),
            Event::End(tag) => end(&mut w, tag, out),
            Event::Text(text) | Event::Code(text) => {
                if std::mem::take(&mut w.skip_marker) && strip_marker(text).is_some() {
                    continue;
                }
                append(out, &w, text);
            }
            Event::SoftBreak | Event::HardBreak => append(out, &w, " "),
            Event::Html(html) | Event::InlineHtml(html) => {
                super::text_html::read(&mut w, html, range, out)
            }
            Event::FootnoteReference(label) => {
                if let Some(b) = w.current() {
                    let at = out.text.blocks[b].text.len();
                    out.text.blocks[b].note_refs.push((at, label.to_string()));
                }
            }
            _ => {}
        }
    }
    for block in &mut out.text.blocks {
        if block.text.ends_with(' ') {
            block.text.pop();
        }
    }
}

fn start(
    w: &mut Walk,
    events: &Events<'_>,
    i: usize,
    tag: &Tag<'_>,
    range: &Range<usize>,
    ctx: &RenderContext<'_>,
    out: &mut Draft,
) {
    match tag {
        Tag::BlockQuote(_) => {
            let kind = marker_kind(events, i);
            if let Some(kind) = kind {
                if let Some(name) = w.hiding_element() {
                    out.diagnostics.push(hidden_callout(ctx, range, kind, name));
                }
                out.text.callouts.push(record(events, i, kind, ctx, range));
                w.skip_marker = true;
                w.callouts.push((out.text.callouts.len() - 1, w.list_depth));
            }
            w.quotes.push(kind.is_some());
        }
        Tag::List(_) => w.list_depth += 1,
        Tag::Item => {
            let depth = w.list_depth.saturating_sub(w.base_depth());
            let block = open_block(out, w, BlockRole::Item { depth }, range);
            if let (Some(c), 1) = (w.callout(), depth) {
                out.text.callouts[c].signs.push(block);
            }
            w.push(Origin::Markdown, Some(block));
        }
        Tag::Paragraph => {
            let in_item = w
                .open
                .last()
                .and_then(|o| o.block)
                .is_some_and(|b| matches!(out.text.blocks[b].role, BlockRole::Item { .. }));
            let block = (!in_item).then(|| open_block(out, w, BlockRole::Paragraph, range));
            w.push(Origin::Markdown, block);
        }
        Tag::Heading { .. } => {
            let block = open_block(out, w, BlockRole::Heading, range);
            w.push(Origin::Markdown, Some(block));
        }
        Tag::TableHead | Tag::TableRow => {
            w.in_head = matches!(tag, Tag::TableHead);
            w.row = Some(w.rows);
            w.rows += 1;
        }
        Tag::TableCell => {
            let block = open_block(out, w, BlockRole::Cell, range);
            w.push(Origin::Markdown, Some(block));
        }
        Tag::Table(_) => w.header = None,
        Tag::FootnoteDefinition(label) => w.note = Some(label.to_string()),
        Tag::Link { dest_url, .. } => {
            if let Some(c) = w.callout() {
                out.text.callouts[c].links.push(dest_url.to_string());
            }
        }
        _ => {}
    }
}

fn end(w: &mut Walk, tag: &TagEnd, out: &mut Draft) {
    match tag {
        TagEnd::BlockQuote(_) => {
            let was_callout = w.quotes.pop() == Some(true);
            if was_callout {
                w.callouts.pop();
            }
        }
        TagEnd::List(_) => w.list_depth = w.list_depth.saturating_sub(1),
        TagEnd::Item | TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::TableCell => {
            w.pop_markdown(out)
        }
        TagEnd::TableHead | TagEnd::TableRow => {
            w.row = None;
            w.in_head = false;
        }
        TagEnd::FootnoteDefinition => w.note = None,
        _ => {}
    }
}

fn hidden_callout(
    ctx: &RenderContext<'_>,
    range: &Range<usize>,
    kind: CalloutKind,
    element: &str,
) -> crate::diagnostics::Diagnostic {
    let mut at = super::locate(ctx.page, range);
    at.width = 1;
    crate::diagnostics::Diagnostic::error(
        Code::CalloutInHtml,
        format!(
            "this `[!{}]` callout is inside an open `<{element}>`, which would hide it or change how it reads",
            kind.marker()
        ),
    )
    .at(at)
    .help(format!("close the `<{element}>` before the callout: care cards and warnings must show as they are"))
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

/// Whether a block introduces the list after it: it ends with `:` ("See a GP if:"), or it is
/// a paragraph that does not end a sentence ("See a GP about these").
fn introduces(block: &TextBlock) -> bool {
    let text = block.text.trim_end();
    text.ends_with(':')
        || (block.role == BlockRole::Paragraph
            && !text.is_empty()
            && !text.ends_with(['.', '!', '?', ')', '"', '\u{201d}']))
}

/// Start a block, with what introduces it.
pub(super) fn open_block(
    out: &mut Draft,
    w: &mut Walk,
    role: BlockRole,
    range: &Range<usize>,
) -> usize {
    let index = out.text.blocks.len();
    let callout = w.callout();
    let item = matches!(role, BlockRole::Item { .. });
    if callout.is_none() && !item {
        w.lead = None;
    }
    let summary = w.summaries.iter().rev().flatten().next().copied();
    let lead_in = match role {
        BlockRole::Cell if w.in_head || w.row_is_head => {
            w.header.get_or_insert(index);
            None
        }
        BlockRole::Cell => w.header,
        BlockRole::Item { .. } => w.lead.or(summary),
        _ => summary,
    };
    out.text.blocks.push(TextBlock {
        role,
        text: String::new(),
        range: range.clone(),
        callout,
        lead_in,
        row: w.row.filter(|_| role == BlockRole::Cell),
        note: w.note.clone(),
        note_refs: Vec::new(),
    });
    index
}

/// Add `text` to the open block with its whitespace collapsed: a block's text is its words
/// joined by single spaces (the trailing space is dropped when the walk ends).
pub(super) fn append(out: &mut Draft, w: &Walk, text: &str) {
    let Some(b) = w.current() else { return };
    let block = &mut out.text.blocks[b].text;
    for (i, piece) in text.split(char::is_whitespace).enumerate() {
        if i > 0 && !block.is_empty() && !block.ends_with(' ') {
            block.push(' ');
        }
        block.push_str(piece);
    }
}
