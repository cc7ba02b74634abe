//! Markdown to HTML: one parser set-up, then small passes over the event stream
//! (callouts, headings, links, code, raw HTML), then pulldown-cmark's HTML writer.

mod callouts;
mod code;
mod directives;
mod fragments;
mod headings;
pub mod highlight;
mod html_tokens;
mod links;
mod markup;
mod page;
pub mod parser;
mod raw_html;
pub mod scheme;
mod text;
mod text_html;

pub use callouts::{CalloutHeadings, CalloutKind, care_card_id};
pub use directives::{Placed, Placement};
pub use headings::{Heading, slug as heading_slug};
pub use highlight::Highlighter;
pub use links::{LinkRecord, LinkTarget, relative_source_path, root_prefix as links_root_prefix};
pub use markup::Markup;
pub(crate) use page::Draft;
pub use page::{CardParts, PageFacts, PageText, RenderedPage};
pub use text::{BlockRole, CalloutRecord, TextBlock};

use crate::content::{Guide, Page, PageId, PerPage};
use pulldown_cmark::Event;
use std::collections::HashMap;
use std::ops::Range;

/// The events of one page, each with its byte range in the page body.
pub(crate) type Events<'a> = Vec<(Event<'a>, Range<usize>)>;

/// What a page's Markdown needs to know about the rest of the guide.
pub struct RenderContext<'a> {
    pub guide: &'a Guide,
    pub page: &'a Page,
    /// Which page of the guide `page` is.
    pub index: PageId,
    pub highlighter: &'a Highlighter,
    /// HTML inserted right after the heading with this id (cross-links built from the model).
    pub after_heading: &'a HashMap<String, String>,
    pub callout_headings: &'a callouts::CalloutHeadings,
    /// The theme's markup around headings and callouts.
    pub markup: &'a Markup,
    /// Set when rendering for the one-document print handout.
    pub print: Option<&'a PrintMode>,
}

impl RenderContext<'_> {
    /// The index of the page being rendered.
    pub fn page_index(&self) -> PageId {
        self.index
    }
}

/// Rendering for the print handout, where every page is a chapter of one document: heading ids
/// are prefixed with the page's anchor, links to pages become links inside the document, and
/// headings move down a level under the chapter title.
#[derive(Debug, Clone)]
pub struct PrintMode {
    /// The anchor of each page's chapter.
    pub anchors: PerPage<String>,
    pub heading_shift: u8,
}

impl PrintMode {
    pub fn new(guide: &Guide) -> Self {
        let anchors = guide
            .pages
            .iter()
            .map(|p| {
                format!(
                    "chapter-{}",
                    p.url.trim_end_matches(".html").replace('/', "-")
                )
            })
            .collect();
        PrintMode {
            anchors,
            heading_shift: 1,
        }
    }

    /// `#chapter-x` for a page, or `#chapter-x--fragment` for a heading on it.
    pub fn href(&self, page: PageId, fragment: Option<&str>) -> String {
        match fragment {
            Some(f) => format!("#{}", self.id(page, f)),
            None => format!("#{}", self.anchors[page]),
        }
    }

    pub fn id(&self, page: PageId, id: &str) -> String {
        format!("{}--{id}", self.anchors[page])
    }
}

/// Render one page's body.
pub fn render(ctx: &RenderContext<'_>) -> RenderedPage {
    let mut out = Draft::default();
    let (events, has_raw_html) = shared_passes(ctx, &mut out);
    finish(events, has_raw_html, ctx, &mut out);
    out.finish()
}

/// Render one page's body for the site (`site`) and for the print handout (`print`) from one
/// parse: the passes that do not depend on the mode run once.
pub fn render_pair(site: &RenderContext<'_>, print: &RenderContext<'_>) -> (RenderedPage, String) {
    let mut out = Draft::default();
    let (events, has_raw_html) = shared_passes(site, &mut out);
    let mut printed = Draft::default();
    finish(events.clone(), has_raw_html, print, &mut printed);
    finish(events, has_raw_html, site, &mut out);
    (out.finish(), printed.html)
}

/// Parsing, directives, raw HTML and the words for the checks (not in print mode).
fn shared_passes<'a>(ctx: &RenderContext<'a>, out: &mut Draft) -> (Events<'a>, bool) {
    // Directives first, so the registry's text is rewritten like the author's own.
    let events = directives::apply(limited_events(ctx, out), ctx, out);
    let (events, has_raw_html) = raw_html::apply(events, ctx, out);
    if ctx.print.is_none() {
        // The words are for the checks and search, which read the site rendering.
        text::collect(&events, ctx, out);
    }
    (events, has_raw_html)
}

/// The page's events; none, with the error, when the page goes over a limit of
/// [`parser::page_events`] (then no pass spends time on it).
fn limited_events<'a>(ctx: &RenderContext<'a>, out: &mut Draft) -> Events<'a> {
    match parser::page_events(ctx.page.body()) {
        Ok(events) => events,
        Err(limit) => {
            out.diagnostics.push(limit.diagnostic(ctx.page));
            Vec::new()
        }
    }
}

/// Callouts, headings, links and code, which depend on the mode (their ids are the
/// chapter's in print), then HTML.
fn finish(events: Events<'_>, has_raw_html: bool, ctx: &RenderContext<'_>, out: &mut Draft) {
    let size = ctx.page.body().len() * 3 / 2;
    let events = callouts::apply(events, ctx, out);
    callouts::reserve_signs_card(ctx, out);
    let events = headings::apply(events, ctx, out);
    let events = links::apply(events, ctx, out);
    let events = code::apply(events, ctx);
    if !events.iter().any(|(e, _)| fragments::is_mark(e)) {
        out.html = to_html(events.into_iter().map(|(e, _)| e), has_raw_html, size);
        return;
    }
    let (events, fragments) = fragments::split(events);
    if let Some(steps) = fragments.steps {
        out.card.steps = fragments::item_texts(&steps);
        out.card.steps_html = Some(to_html(steps.into_iter(), has_raw_html, 0));
    }
    if let Some(stop_if) = fragments.stop_if {
        out.card.stop_if = fragments::item_texts(&stop_if);
        out.card.stop_if_html = Some(to_html(stop_if.into_iter(), has_raw_html, 0));
    }
    out.html = to_html(events.into_iter(), has_raw_html, size);
}

/// Only the links of one page's body (registry content placed by directives included) and the
/// sources of the registry entries placed on it, without rendering it: what "pages that link
/// here" and the print handout's chapters need before any page is rendered.
pub fn page_refs(ctx: &RenderContext<'_>) -> (Vec<LinkRecord>, Vec<crate::content::SourceRef>) {
    let mut out = Draft::default();
    let body = ctx.page.body();
    let events = if body.contains("{{") {
        let events = directives::apply(limited_events(ctx, &mut out), ctx, &mut out);
        raw_html::apply(events, ctx, &mut out).0
    } else {
        // Without a directive, only the parser's link events matter.
        parser::link_events(body)
    };
    links::apply(events, ctx, &mut out);
    (out.facts.links, out.facts.extra_sources)
}

fn to_html<'a>(events: impl Iterator<Item = Event<'a>>, sanitize: bool, capacity: usize) -> String {
    let mut html = String::with_capacity(capacity);
    pulldown_cmark::html::push_html(&mut html, events);
    if sanitize {
        raw_html::sanitize(&html)
    } else {
        html
    }
}

/// Turn a byte range of the body into a diagnostic location in the file.
pub(crate) fn locate(page: &Page, range: &Range<usize>) -> crate::diagnostics::Location {
    page.source
        .locate(page.body_start + range.start, page.body_start + range.end)
}

/// Escape text for HTML.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
