//! Raw HTML in Markdown is rewritten and sanitised, never trusted.
//!
//! First, each run of author HTML is read by a browser's tokenizer and written out again
//! without comments and without the attributes that give carebook's own markup its meaning
//! (`class`, `id`, `role`, `aria-*`, `hidden`), so author HTML can neither forge a care card
//! nor hide one from screen readers. Then a page that has any raw HTML has its rendered body
//! passed through ammonia with an allow-list (common formatting tags, and the attributes and
//! address schemes carebook's own markup uses). Pages without raw HTML skip the sanitiser
//! entirely (it is the slowest step of rendering).

use super::html_tokens::{Piece, is_void, pieces};
use super::{Events, RenderContext, Rendered, escape, locate};
use crate::diagnostics::Diagnostic;
use pulldown_cmark::{CowStr, Event};
use std::ops::Range;
use std::sync::OnceLock;

/// The most raw HTML elements that may be open inside one another on a page. Real pages nest a
/// handful; tens of thousands make the sanitiser's parser slow, so such a page is refused.
pub const MAX_DEPTH: usize = 64;

/// Rewrite author HTML and drop comments; report whether any raw HTML remains. Runs first,
/// before the passes that emit carebook's own HTML.
pub(super) fn apply<'a>(
    events: Events<'a>,
    ctx: &RenderContext<'_>,
    out: &mut Rendered,
) -> (Events<'a>, bool) {
    if !events
        .iter()
        .any(|(e, _)| matches!(e, Event::Html(_) | Event::InlineHtml(_)))
    {
        return (events, false);
    }
    let mut depth = Depth::default();
    let mut too_deep: Option<Range<usize>> = None;
    let mut result: Events<'a> = Vec::with_capacity(events.len());
    for (event, range) in merge_blocks(events) {
        let (html, inline) = match event {
            Event::Html(html) => (html, false),
            Event::InlineHtml(html) => (html, true),
            other => {
                result.push((other, range));
                continue;
            }
        };
        let rewritten = rewrite(&html, &mut depth);
        if depth.deepest > MAX_DEPTH && too_deep.is_none() {
            too_deep = Some(range.clone());
        }
        if rewritten.trim().is_empty() {
            continue;
        }
        let event = match inline {
            true => Event::InlineHtml(CowStr::from(rewritten)),
            false => Event::Html(CowStr::from(rewritten)),
        };
        result.push((event, range));
    }
    let Some(range) = too_deep else {
        let has_raw = result
            .iter()
            .any(|(e, _)| matches!(e, Event::Html(_) | Event::InlineHtml(_)));
        return (result, has_raw);
    };
    out.diagnostics.push(too_deep_error(ctx, &range));
    // Nothing of it is kept: the page is refused, and nothing slow runs on it.
    result.retain(|(e, _)| !matches!(e, Event::Html(_) | Event::InlineHtml(_)));
    (result, false)
}

/// Join the lines of one HTML block (each line is an event) so a tag written across lines is
/// read whole.
fn merge_blocks(events: Events<'_>) -> Events<'_> {
    let mut merged: Events<'_> = Vec::with_capacity(events.len());
    for (event, range) in events {
        if let (Event::Html(next), Some((Event::Html(previous), previous_range))) =
            (&event, merged.last_mut())
            && previous_range.end == range.start
        {
            *previous = CowStr::from(format!("{previous}{next}"));
            previous_range.end = range.end;
            continue;
        }
        merged.push((event, range));
    }
    merged
}

/// How deeply raw HTML elements are open, across the page's runs of HTML.
#[derive(Default)]
struct Depth {
    now: usize,
    deepest: usize,
}

/// One run of author HTML, as the tokenizer read it, without comments or the attributes only
/// carebook's own markup may carry.
fn rewrite(html: &str, depth: &mut Depth) -> String {
    let mut out = String::with_capacity(html.len());
    for piece in pieces(html) {
        match piece {
            Piece::Open {
                name,
                attrs,
                self_closing,
            } if plain_name(&name) => {
                out.push('<');
                out.push_str(&name);
                for (key, value) in attrs.iter().filter(|(k, _)| kept(k)) {
                    out.push_str(&format!(" {key}=\"{}\"", escape(value)));
                }
                out.push_str(if self_closing { " />" } else { ">" });
                if !self_closing && !is_void(&name) {
                    depth.now += 1;
                    depth.deepest = depth.deepest.max(depth.now);
                }
            }
            Piece::Close(name) if plain_name(&name) => {
                out.push_str(&format!("</{name}>"));
                depth.now = depth.now.saturating_sub(1);
            }
            Piece::Text(text) => out.push_str(&escape_text(&text)),
            _ => {}
        }
    }
    out
}

/// An element or attribute name that is only letters, digits and `-` (anything else is not a
/// real element, and is dropped).
fn plain_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// Attributes author HTML keeps (ammonia then applies its own allow-list to these).
fn kept(key: &str) -> bool {
    plain_name(key)
        && !matches!(key, "class" | "id" | "role" | "hidden" | "style")
        && !key.starts_with("aria-")
        && !key.starts_with("on")
}

fn escape_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn too_deep_error(ctx: &RenderContext<'_>, range: &Range<usize>) -> Diagnostic {
    let mut at = locate(ctx.page, range);
    at.width = 1;
    Diagnostic::error(
        "nesting-too-deep",
        format!("raw HTML on this page nests more than {MAX_DEPTH} elements inside one another"),
    )
    .at(at)
    .help("close each HTML element you open (`<div>` needs `</div>`), or write the content in Markdown")
}

fn cleaner() -> &'static ammonia::Builder<'static> {
    static CLEANER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    CLEANER.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        b.add_generic_attributes([
            "class",
            "id",
            "aria-label",
            "aria-hidden",
            "aria-current",
            "role",
            "lang",
        ])
        .add_tag_attributes("a", ["rel"])
        .add_tag_attributes("ol", ["start"])
        .add_tag_attributes("input", ["type", "checked", "disabled"])
        .add_tags(["input", "details", "summary", "figure", "figcaption"])
        .url_schemes(super::scheme::ALLOWED.into())
        .link_rel(None);
        b
    })
}

/// Remove scripts, event handlers, styles and unknown tags from a rendered body.
pub(super) fn sanitize(html: &str) -> String {
    cleaner().clean(html).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_and_handlers_are_removed_classes_kept() {
        let out = sanitize(
            "<p class=\"x\" onclick=\"e()\">Hi<script>alert(1)</script></p><kbd>Ctrl</kbd>",
        );
        assert_eq!(out, "<p class=\"x\">Hi</p><kbd>Ctrl</kbd>");
    }

    #[test]
    fn author_html_loses_the_attributes_of_carebooks_own_markup() {
        let mut depth = Depth::default();
        let html = "<div class=\"care-card care-card--see-gp\" CLASS=\"x\" id=\"main-content\" role=\"alert\" aria-hidden=\"true\" title=\"t\"><!-- note -->See a GP &amp; more</div><div\"onmouseover=x>";
        assert_eq!(
            rewrite(html, &mut depth),
            "<div title=\"t\">See a GP &amp; more</div>"
        );
        assert_eq!(depth.deepest, 1);
    }

    #[test]
    fn comments_are_not_raw_html() {
        let events = crate::markdown::parser::events("<!-- note to editors -->\n\ntext\n");
        let mut depth = Depth::default();
        let kept: Vec<_> = merge_blocks(events)
            .into_iter()
            .filter_map(|(e, _)| match e {
                Event::Html(h) => Some(rewrite(&h, &mut depth)),
                _ => None,
            })
            .collect();
        assert!(kept.iter().all(|h| h.trim().is_empty()), "{kept:?}");
    }
}
