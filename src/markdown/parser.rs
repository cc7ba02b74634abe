//! The one place that sets up pulldown-cmark. Pages, the print handout, cards, checks and search
//! all see the same events.

use pulldown_cmark::{Event, Options, Parser, TextMergeWithOffset};
use std::ops::Range;

/// GitHub-flavoured Markdown: tables, footnotes, strikethrough, task lists, heading attributes.
/// Alerts (`> [!NOTE]`) are recognised by our own callout pass so that every marker, GitHub's
/// and carebook's, is read the same way.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Only the events that start a link or an image, with their byte ranges.
pub fn link_events(markdown: &str) -> Vec<(Event<'_>, Range<usize>)> {
    use pulldown_cmark::Tag;
    Parser::new_ext(markdown, options())
        .into_offset_iter()
        .filter(|(e, _)| matches!(e, Event::Start(Tag::Link { .. } | Tag::Image { .. })))
        .collect()
}

/// Parse Markdown into events with their byte ranges; adjacent text is merged.
pub fn events(markdown: &str) -> Vec<(Event<'_>, Range<usize>)> {
    let parser = Parser::new_ext(markdown, options()).into_offset_iter();
    TextMergeWithOffset::new(parser).collect()
}
