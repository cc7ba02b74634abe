//! Raw HTML in Markdown is sanitised, not trusted: HTML comments are dropped, and a page that
//! contains any other raw HTML has its rendered body passed through ammonia with an allow-list
//! that keeps carebook's own classes, ids and ARIA attributes. Pages without raw HTML skip
//! the sanitiser entirely (it is the slowest step of rendering).

use super::Events;
use pulldown_cmark::Event;
use std::sync::OnceLock;

/// Drop comments; report whether any other raw HTML remains. Runs first, before the passes
/// that emit carebook's own HTML.
pub(super) fn apply(events: Events<'_>) -> (Events<'_>, bool) {
    let mut has_raw = false;
    let events = events
        .into_iter()
        .filter(|(event, _)| match event {
            Event::Html(html) | Event::InlineHtml(html) => {
                let t = html.trim();
                let comment = t.starts_with("<!--") && t.ends_with("-->");
                has_raw |= !comment && !t.is_empty();
                !comment
            }
            _ => true,
        })
        .collect();
    (events, has_raw)
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
    fn comments_are_not_raw_html() {
        let events = crate::markdown::parser::events("<!-- note to editors -->\n\ntext\n");
        let (events, raw) = apply(events);
        assert!(!raw);
        assert!(events.iter().all(|(e, _)| !matches!(e, Event::Html(_))));
    }
}
