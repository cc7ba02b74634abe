//! Parts of a page that other outputs reuse (the steps list and the stop-if callout, for step
//! cards). Passes mark them with sentinel events; the last step lifts them out while keeping
//! them in the page.

use super::Events;
use pulldown_cmark::{CowStr, Event};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fragment {
    Steps,
    StopIf,
}

const MARK: &str = "\u{0}carebook-fragment:";

/// The sentinel event that opens (`start`) or closes a fragment.
pub(crate) fn mark(fragment: Fragment, start: bool) -> Event<'static> {
    let name = match fragment {
        Fragment::Steps => "steps",
        Fragment::StopIf => "stop-if",
    };
    Event::Html(CowStr::from(format!(
        "{MARK}{name}:{}",
        if start { "start" } else { "end" }
    )))
}

/// Whether an event is a fragment's sentinel.
pub(crate) fn is_mark(event: &Event<'_>) -> bool {
    matches!(event, Event::Html(html) if html.starts_with(MARK))
}

fn read_mark(event: &Event<'_>) -> Option<(Fragment, bool)> {
    let Event::Html(html) = event else {
        return None;
    };
    let rest = html.strip_prefix(MARK)?;
    let (name, edge) = rest.split_once(':')?;
    let fragment = match name {
        "steps" => Fragment::Steps,
        "stop-if" => Fragment::StopIf,
        _ => return None,
    };
    Some((fragment, edge == "start"))
}

#[derive(Default)]
pub(crate) struct Fragments<'a> {
    pub steps: Option<Vec<Event<'a>>>,
    pub stop_if: Option<Vec<Event<'a>>>,
}

/// Remove the sentinels; return the page's events and a copy of the first of each fragment.
pub(crate) fn split(events: Events<'_>) -> (Vec<Event<'_>>, Fragments<'_>) {
    let mut page = Vec::with_capacity(events.len());
    let mut found = Fragments::default();
    let mut open: Option<(Fragment, Vec<Event<'_>>)> = None;
    for (event, _) in events {
        if let Some((fragment, start)) = read_mark(&event) {
            match (start, open.take()) {
                (true, _) => open = Some((fragment, Vec::new())),
                (false, Some((f, captured))) => {
                    let slot = match f {
                        Fragment::Steps => &mut found.steps,
                        Fragment::StopIf => &mut found.stop_if,
                    };
                    slot.get_or_insert(captured);
                }
                (false, None) => {}
            }
            continue;
        }
        if let Some((_, captured)) = &mut open {
            captured.push(event.clone());
        }
        page.push(event);
    }
    (page, found)
}

/// The text of each list item in a fragment, as the step card's height estimate reads it: an
/// item starts at every item's start (a nested item is one of its own), and what follows an
/// item until the next is counted with it. Text is counted as the HTML writes it (`&` as
/// `&amp;`), so the estimate matches the printed card.
pub(crate) fn item_texts(events: &[Event<'_>]) -> Vec<String> {
    let mut items: Vec<String> = Vec::new();
    for event in events {
        if matches!(event, Event::Start(pulldown_cmark::Tag::Item)) {
            items.push(String::new());
            continue;
        }
        let Some(item) = items.last_mut() else {
            continue;
        };
        match event {
            Event::Text(t) | Event::Code(t) => item.push_str(
                &t.replace('&', "&amp;")
                    .replace('<', "&lt;")
                    .replace('>', "&gt;"),
            ),
            Event::Html(html) | Event::InlineHtml(html) => item.push_str(&strip_tags(html)),
            Event::SoftBreak | Event::HardBreak => item.push('\n'),
            _ => {}
        }
    }
    items.retain(|t| !t.trim().is_empty());
    items
}

/// HTML without its tags.
fn strip_tags(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_are_counted_as_their_html_reads() {
        let events =
            crate::markdown::parser::events("1. Sit *tall* & breathe.\n2. Turn.\n   - gently\n");
        let events: Vec<Event<'_>> = events.into_iter().map(|(e, _)| e).collect();
        assert_eq!(
            item_texts(&events),
            ["Sit tall &amp; breathe.", "Turn.", "gently"]
        );
    }
}
