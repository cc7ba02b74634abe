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
use super::{Draft, Events, RenderContext, escape, locate};
use crate::codes::Code;
use crate::diagnostics::Diagnostic;
use pulldown_cmark::{CowStr, Event};
use std::ops::Range;
use std::sync::OnceLock;

/// The most raw HTML elements that may be open inside one another on a page. Real pages nest a
/// handful; tens of thousands make the sanitiser's parser slow, so such a page is refused.
pub const MAX_DEPTH: usize = 64;

/// Elements author HTML may use: formatting and structure that never change how a browser
/// reads what comes after them. Any other tag is dropped (its text stays).
const ALLOWED: &[&str] = &[
    "a",
    "abbr",
    "article",
    "aside",
    "b",
    "bdi",
    "bdo",
    "blockquote",
    "br",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "main",
    "mark",
    "nav",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "samp",
    "section",
    "small",
    "span",
    "strike",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "tt",
    "u",
    "ul",
    "var",
    "wbr",
];

/// Elements whose content a browser reads as text, not markup, up to their end tag: left in,
/// one left open would swallow everything after it (a care card too). They are dropped whole.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];

/// Rewrite author HTML and drop comments; report whether any raw HTML remains. Runs after
/// directives (so registry text is rewritten too) and before the passes that emit carebook's
/// own HTML.
pub(super) fn apply<'a>(
    events: Events<'a>,
    ctx: &RenderContext<'_>,
    out: &mut Draft,
) -> (Events<'a>, bool) {
    if !events
        .iter()
        .any(|(e, _)| matches!(e, Event::Html(_) | Event::InlineHtml(_)))
    {
        return (events, false);
    }
    let mut open = Open::default();
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
        let rewritten = rewrite(&html, &mut open);
        if let Some(name) = open.removed.take() {
            out.diagnostics.push(removed_error(ctx, &range, &name));
        }
        if std::mem::take(&mut open.no_alt) {
            out.diagnostics.push(super::links::no_alt(ctx, &range));
        }
        if open.deepest > MAX_DEPTH && too_deep.is_none() {
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
/// read whole. Each run is joined once, so this stays linear however long the block.
fn merge_blocks(events: Events<'_>) -> Events<'_> {
    let mut merged: Events<'_> = Vec::with_capacity(events.len());
    let mut run: Option<(String, Range<usize>)> = None;
    for (event, range) in events {
        if let Event::Html(html) = &event {
            match &mut run {
                Some((text, at)) if at.end == range.start => {
                    text.push_str(html);
                    at.end = range.end;
                    continue;
                }
                _ => {
                    if let Some((text, at)) = run.take() {
                        merged.push((Event::Html(text.into()), at));
                    }
                    run = Some((html.to_string(), range));
                    continue;
                }
            }
        }
        if let Some((text, at)) = run.take() {
            merged.push((Event::Html(text.into()), at));
        }
        merged.push((event, range));
    }
    if let Some((text, at)) = run {
        merged.push((Event::Html(text.into()), at));
    }
    merged
}

/// The author elements open across the page's runs of HTML, and the most there have been.
#[derive(Default)]
struct Open {
    names: Vec<String>,
    deepest: usize,
    /// A raw-text element the last run held, which was removed with its content.
    removed: Option<String>,
    /// Whether the last run held an `<img>` with no alt text.
    no_alt: bool,
}

/// One run of author HTML, as the tokenizer read it: only allowed elements, without comments,
/// without the attributes only carebook's own markup may carry, and without raw-text elements.
/// An end tag with nothing to close is dropped, so nesting is counted as a browser counts it.
fn rewrite(html: &str, open: &mut Open) -> String {
    let mut out = String::with_capacity(html.len());
    let mut skipping: Option<String> = None;
    for piece in pieces(html) {
        if let Some(name) = &skipping {
            if matches!(&piece, Piece::Close(n) if n == name) {
                skipping = None;
            }
            continue;
        }
        match piece {
            Piece::Open {
                name, self_closing, ..
            } if RAW_TEXT.contains(&name.as_str()) => {
                open.removed.get_or_insert_with(|| name.clone());
                if !self_closing {
                    skipping = Some(name);
                }
            }
            Piece::Open {
                name,
                attrs,
                self_closing,
            } if ALLOWED.contains(&name.as_str()) => {
                if name == "img"
                    && !attrs
                        .iter()
                        .any(|(k, v)| k == "alt" && !v.trim().is_empty())
                {
                    open.no_alt = true;
                }
                out.push('<');
                out.push_str(&name);
                for (key, value) in attrs.iter().filter(|(k, _)| kept(k)) {
                    out.push_str(&format!(" {key}=\"{}\"", escape(value)));
                }
                out.push_str(if self_closing { " />" } else { ">" });
                if !self_closing && !is_void(&name) {
                    open.names.push(name);
                    open.deepest = open.deepest.max(open.names.len());
                    if open.deepest > MAX_DEPTH {
                        // The page is refused: read no further (each end tag would search a
                        // deeper stack).
                        return out;
                    }
                }
            }
            Piece::Close(name) => {
                if let Some(at) = open.names.iter().rposition(|n| *n == name) {
                    open.names.truncate(at);
                    out.push_str(&format!("</{name}>"));
                }
            }
            Piece::Text(text) => out.push_str(&escape_text(&text)),
            Piece::Open { .. } => {}
        }
    }
    out
}

/// Attributes author HTML keeps (ammonia then applies its own allow-list to these).
fn kept(key: &str) -> bool {
    key.starts_with(|c: char| c.is_ascii_alphabetic())
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && !matches!(key, "class" | "id" | "role" | "hidden" | "style")
        && !key.starts_with("aria-")
        && !key.starts_with("on")
}

fn escape_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn removed_error(ctx: &RenderContext<'_>, range: &Range<usize>, name: &str) -> Diagnostic {
    let mut at = locate(ctx.page, range);
    at.width = 1;
    Diagnostic::error(
        Code::UnsafeHtml,
        format!("raw HTML `<{name}>` is removed from the page, with everything up to its end tag"),
    )
    .at(at)
    .help(format!("remove the `<{name}>`: a guide's pages hold no scripts, styles or embedded frames, and one left open would swallow the rest of the page"))
}

fn too_deep_error(ctx: &RenderContext<'_>, range: &Range<usize>) -> Diagnostic {
    let mut at = locate(ctx.page, range);
    at.width = 1;
    Diagnostic::error(
        Code::NestingTooDeep,
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
        let mut open = Open::default();
        let html = "<div class=\"care-card care-card--see-gp\" CLASS=\"x\" id=\"main-content\" role=\"alert\" aria-hidden=\"true\" title=\"t\"><!-- note -->See a GP &amp; more</div><div\"onmouseover=x>";
        assert_eq!(
            rewrite(html, &mut open),
            "<div title=\"t\">See a GP &amp; more</div>"
        );
        assert_eq!(open.deepest, 1);
    }

    #[test]
    fn raw_text_and_unknown_elements_are_dropped_and_stray_end_tags_do_not_count() {
        let mut open = Open::default();
        let html = "<style>p { display: none }<select><option>x</option></select><noscript>shown</noscript>";
        assert_eq!(rewrite(html, &mut open), "");
        let mut open = Open::default();
        assert_eq!(
            rewrite(
                "<select><option>a</option></select><noscript>b</noscript>",
                &mut open
            ),
            "ab"
        );
        let mut open = Open::default();
        let nested = "<div></i>".repeat(100);
        rewrite(&nested, &mut open);
        assert!(open.deepest > MAX_DEPTH, "a stray end tag closes nothing");
    }

    #[test]
    fn comments_are_not_raw_html() {
        let events = crate::markdown::parser::events("<!-- note to editors -->\n\ntext\n");
        let mut open = Open::default();
        let kept: Vec<_> = merge_blocks(events)
            .into_iter()
            .filter_map(|(e, _)| match e {
                Event::Html(h) => Some(rewrite(&h, &mut open)),
                _ => None,
            })
            .collect();
        assert!(kept.iter().all(|h| h.trim().is_empty()), "{kept:?}");
    }
}
