//! Headings: stable unique ids (an explicit `{#id}` wins), a visible anchor link, the list used
//! for "on this page", and the class on the technique's steps list.

use super::fragments::{self, Fragment};
use super::{Draft, Events, RenderContext, locate};
use crate::codes::Code;
use crate::diagnostics::Diagnostic;
use pulldown_cmark::{Event, Tag, TagEnd};
use std::collections::{HashMap, HashSet};
use std::ops::Range;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
    /// Byte range in the page body.
    pub range: Range<usize>,
}

/// GitHub-style heading slug: lowercase, spaces to hyphens, punctuation dropped.
pub fn slug(text: &str) -> String {
    text.trim()
        .chars()
        .flat_map(char::to_lowercase)
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// The heading under which a technique's numbered steps are written.
const STEPS_HEADING: &str = "steps";

pub(super) fn apply<'a>(
    mut events: Events<'a>,
    ctx: &RenderContext<'_>,
    out: &mut Draft,
) -> Events<'a> {
    let mut ids = Ids::new(explicit_ids(&events, ctx, out));
    let mut result = Vec::with_capacity(events.len() + 8);
    let mut steps = StepsState::default();
    let mut i = 0;
    while i < events.len() {
        let range = events[i].1.clone();
        if matches!(events[i].0, Event::Start(Tag::Heading { .. })) {
            let (level, text, end) = heading(&mut events, i, ctx, out, &mut ids, &mut result);
            steps.on_heading(level, &text);
            i = end + 1;
            continue;
        }
        if let Some((replaced, opening)) = steps.on_event(&events[i].0, out) {
            if opening {
                out.facts.steps_at.get_or_insert(range.start);
                result.push((fragments::mark(Fragment::Steps, true), range.clone()));
            }
            result.push((Event::Html(replaced.into()), range.clone()));
            if !opening {
                result.push((fragments::mark(Fragment::Steps, false), range));
            }
            i += 1;
            continue;
        }
        result.push(take(&mut events[i]));
        i += 1;
    }
    result
}

/// The heading starting at event `i`: its HTML with id and anchor link (and what goes after
/// it), recorded in `out.facts.headings`. Returns its level, its text and its last event.
fn heading<'a>(
    events: &mut Events<'a>,
    i: usize,
    ctx: &RenderContext<'_>,
    out: &mut Draft,
    ids: &mut Ids,
    result: &mut Events<'a>,
) -> (u8, String, usize) {
    let range = events[i].1.clone();
    // Classes from `{.class}` are left out: they could borrow the look of carebook's own
    // markup (a heading styled as a care card).
    let Event::Start(Tag::Heading { level, id, .. }) = &events[i].0 else {
        return (0, String::new(), i);
    };
    let end = heading_end(events, i);
    let text = plain_text(&events[i + 1..end]);
    let level = *level as u8;
    if level == 1 {
        out.diagnostics.push(extra_h1(ctx, &range));
    }
    let id = match id {
        Some(explicit) => explicit.to_string(),
        None => ids.unique(slug(&text)),
    };
    let (out_id, out_level) = match ctx.print {
        Some(print) => (
            print.id(ctx.page_index(), &id),
            (level + print.heading_shift).min(6),
        ),
        None => (id.clone(), level),
    };
    let wrap = ctx.markup.heading(out_level);
    let open = wrap.open(&[&out_id, &text]);
    result.push((Event::Html(open.into()), range.clone()));
    result.extend(events[i + 1..end].iter_mut().map(take));
    let close = wrap.close(&[&out_id, &text]);
    result.push((Event::Html(close.into()), events[end].1.clone()));
    if let Some(extra) = ctx.after_heading.get(&id) {
        result.push((Event::Html(extra.clone().into()), events[end].1.clone()));
    }
    out.facts.headings.push(Heading {
        level,
        id,
        text: text.clone(),
        range,
    });
    (level, text, end)
}

/// Move an event out of the list (each is read once), leaving a cheap stand-in.
fn take<'a>(slot: &mut (Event<'a>, std::ops::Range<usize>)) -> (Event<'a>, std::ops::Range<usize>) {
    (
        std::mem::replace(&mut slot.0, Event::SoftBreak),
        slot.1.clone(),
    )
}

/// Collect explicit ids first, so automatic ids never take them; report duplicates.
fn explicit_ids(events: &Events<'_>, ctx: &RenderContext<'_>, out: &mut Draft) -> HashSet<String> {
    let mut ids: HashSet<String> = out.ids.iter().cloned().collect();
    for (event, range) in events {
        if let Event::Start(Tag::Heading { id: Some(id), .. }) = event
            && !ids.insert(id.to_string())
        {
            let card = out.ids.iter().any(|c| c == id.as_ref());
            let message = if card {
                format!("the id `{id}` is a care card's on this page, so a heading cannot use it")
            } else {
                format!("the id `{id}` is used by two headings on this page")
            };
            out.diagnostics.push(
                Diagnostic::error(Code::DuplicateId, message)
                    .at(locate(ctx.page, range))
                    .help("give each heading its own `{#id}`; links to the page use these ids"),
            );
        }
    }
    ids
}

/// The ids used on a page, and for each automatic id the next number to try after it, so a
/// page of thousands of headings with the same text numbers them in linear time.
struct Ids {
    used: HashSet<String>,
    next: HashMap<String, usize>,
}

impl Ids {
    fn new(used: HashSet<String>) -> Ids {
        Ids {
            used,
            next: HashMap::new(),
        }
    }

    fn unique(&mut self, base: String) -> String {
        let base = if base.is_empty() {
            "section".to_string()
        } else {
            base
        };
        let n = self.next.entry(base.clone()).or_insert(0);
        let mut candidate = if *n == 0 {
            base.clone()
        } else {
            format!("{base}-{n}")
        };
        while self.used.contains(&candidate) {
            *n += 1;
            candidate = format!("{base}-{n}");
        }
        *n += 1;
        self.used.insert(candidate.clone());
        candidate
    }
}

fn heading_end(events: &Events<'_>, start: usize) -> usize {
    (start + 1..events.len())
        .find(|&j| matches!(events[j].0, Event::End(TagEnd::Heading(_))))
        .unwrap_or(events.len() - 1)
}

/// The visible text of a run of inline events.
pub(crate) fn plain_text(events: &[(Event<'_>, std::ops::Range<usize>)]) -> String {
    let mut text = String::new();
    for (event, _) in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text.trim().to_string()
}

fn extra_h1(ctx: &RenderContext<'_>, range: &std::ops::Range<usize>) -> Diagnostic {
    let mut at = locate(ctx.page, range);
    at.width = 1;
    Diagnostic::error(
        Code::ExtraH1,
        "a page has one top-level heading, and it comes from `title`",
    )
    .at(at)
    .help("start headings in the page body at `##`")
}

/// Finds the first ordered list after the `Steps` heading and marks it as the steps list.
#[derive(Default)]
struct StepsState {
    armed: bool,
    depth: usize,
    inside: bool,
}

impl StepsState {
    fn on_heading(&mut self, _level: u8, text: &str) {
        self.armed = text.eq_ignore_ascii_case(STEPS_HEADING);
    }

    /// The HTML replacing `event`, and whether it opens the steps list.
    fn on_event(&mut self, event: &Event<'_>, out: &mut Draft) -> Option<(String, bool)> {
        match event {
            Event::Start(Tag::List(start)) => {
                self.depth += 1;
                if self.armed && self.depth == 1 && start.is_some() {
                    self.armed = false;
                    self.inside = true;
                    let start_attr = match start {
                        Some(n) if *n != 1 => format!(" start=\"{n}\""),
                        _ => String::new(),
                    };
                    return Some((format!("<ol class=\"steps\"{start_attr}>\n"), true));
                }
            }
            Event::End(TagEnd::List(_)) => {
                self.depth = self.depth.saturating_sub(1);
                if self.inside && self.depth == 0 {
                    self.inside = false;
                    return Some(("</ol>\n".into(), false));
                }
            }
            Event::Start(Tag::Item) if self.inside && self.depth == 1 => out.facts.step_count += 1,
            _ => {}
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_match_github() {
        assert_eq!(
            slug("Is it bad to crack my own back?"),
            "is-it-bad-to-crack-my-own-back"
        );
        assert_eq!(slug("Weak bones (osteoporosis)"), "weak-bones-osteoporosis");
        assert_eq!(slug("What you'll feel"), "what-youll-feel");
    }

    #[test]
    fn duplicates_get_numbered() {
        let mut ids = Ids {
            used: HashSet::from(["a-2".to_string()]),
            next: HashMap::new(),
        };
        assert_eq!(ids.unique("a".into()), "a");
        assert_eq!(ids.unique("a".into()), "a-1");
        assert_eq!(ids.unique("a".into()), "a-3");
        assert_eq!(ids.unique("a-1".into()), "a-1-1");
        assert_eq!(ids.unique(String::new()), "section");
    }
}
