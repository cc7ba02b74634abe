//! Callouts: `> [!KIND] optional heading` blockquotes become care cards, warning callouts or
//! inset text. One table maps each kind to its class, heading and screen-reader urgency text.

use super::fragments::{self, Fragment};
use super::{Draft, Events, RenderContext, locate};
use crate::codes::Code;
use crate::content::PageKind;
use crate::content::registry::CareLevel;
use crate::diagnostics::{Diagnostic, did_you_mean};
use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};
use std::collections::HashMap;
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CalloutKind {
    Emergency,
    Urgent,
    SeeGp,
    StopIf,
    Caution,
    Warning,
    Important,
    Note,
    Tip,
}

/// How a kind looks: the style family, the CSS modifier, the default heading, the hidden urgency.
struct Style {
    family: Family,
    marker: &'static str,
    heading: &'static str,
    hidden: &'static str,
}

#[derive(PartialEq)]
enum Family {
    CareCard,
    Warning,
    Inset,
}

impl CalloutKind {
    pub const ALL: [CalloutKind; 9] = [
        CalloutKind::Emergency,
        CalloutKind::Urgent,
        CalloutKind::SeeGp,
        CalloutKind::StopIf,
        CalloutKind::Caution,
        CalloutKind::Warning,
        CalloutKind::Important,
        CalloutKind::Note,
        CalloutKind::Tip,
    ];

    fn style(self) -> Style {
        use Family::*;
        let (family, marker, heading, hidden) = match self {
            // Care card headings come from [safety.headings]; these are only fallbacks.
            CalloutKind::Emergency => (
                CareCard,
                "emergency",
                "Get emergency help if:",
                "Immediate action required: ",
            ),
            CalloutKind::Urgent => (CareCard, "urgent", "Get urgent help if:", "Urgent advice: "),
            CalloutKind::SeeGp => (CareCard, "see-gp", "Get advice if:", "Non-urgent advice: "),
            CalloutKind::StopIf => (Warning, "stop-if", "Stop if", "Important: "),
            CalloutKind::Caution => (Warning, "caution", "Caution", "Important: "),
            CalloutKind::Warning => (Warning, "warning", "Warning", "Important: "),
            CalloutKind::Important => (Warning, "important", "Important", "Important: "),
            CalloutKind::Note => (Inset, "note", "Note", "Information: "),
            CalloutKind::Tip => (Inset, "tip", "Tip", "Information: "),
        };
        Style {
            family,
            marker,
            heading,
            hidden,
        }
    }

    /// The marker as written in Markdown, e.g. `SEE-GP`.
    pub fn marker(self) -> String {
        self.style().marker.to_uppercase()
    }

    pub fn class(self) -> &'static str {
        self.style().marker
    }

    pub fn is_care_card(self) -> bool {
        self.style().family == Family::CareCard
    }

    /// The level of care a care card sends the reader to.
    pub fn care_level(self) -> Option<crate::content::registry::CareLevel> {
        use crate::content::registry::CareLevel;
        match self {
            CalloutKind::Emergency => Some(CareLevel::Emergency),
            CalloutKind::Urgent => Some(CareLevel::Urgent),
            CalloutKind::SeeGp => Some(CareLevel::SeeGp),
            _ => None,
        }
    }

    pub fn is_warning(self) -> bool {
        self.style().family == Family::Warning
    }

    /// What `callout.html` knows of a callout besides its heading and body: its kind (as the
    /// CSS modifier), its family (`care-card`, `warning` or `inset`), the words read out before
    /// the heading to say how urgent it is, and the heading's level.
    pub(super) fn context(self, level: u8) -> tera::Context {
        let style = self.style();
        let family = match style.family {
            Family::CareCard => "care-card",
            Family::Warning => "warning",
            Family::Inset => "inset",
        };
        let mut context = tera::Context::new();
        context.insert("kind", style.marker);
        context.insert("family", family);
        context.insert("hidden", style.hidden);
        context.insert("level", &level);
        context
    }

    fn from_marker(marker: &str) -> Option<CalloutKind> {
        Self::ALL
            .into_iter()
            .find(|k| k.style().marker.eq_ignore_ascii_case(marker))
    }
}

/// Care card headings come from the guide's `[safety.headings]` (for other countries' numbers).
#[derive(Debug, Clone, Default)]
pub struct CalloutHeadings {
    pub overrides: HashMap<CalloutKind, String>,
}

impl CalloutHeadings {
    pub fn from_config(headings: &crate::config::CareCardHeadings) -> Self {
        let overrides = [
            (CalloutKind::Emergency, &headings.emergency),
            (CalloutKind::Urgent, &headings.urgent),
            (CalloutKind::SeeGp, &headings.see_gp),
        ];
        Self {
            overrides: overrides.into_iter().map(|(k, h)| (k, h.clone())).collect(),
        }
    }
}

impl CalloutHeadings {
    pub(crate) fn heading(&self, kind: CalloutKind) -> &str {
        self.overrides
            .get(&kind)
            .map(String::as_str)
            .unwrap_or(kind.style().heading)
    }
}

/// A `[!...]` marker at the start of a blockquote: the normalised name and the rest of the line.
fn parse_marker(text: &str) -> Option<(String, &str)> {
    let rest = text.trim_start().strip_prefix("[!")?;
    let end = rest.find(']')?;
    let name: String = rest[..end]
        .trim()
        .chars()
        .map(|c| {
            if c == '_' || c.is_whitespace() {
                '-'
            } else {
                c
            }
        })
        .collect();
    Some((name, rest[end + 1..].trim()))
}

pub(super) fn apply<'a>(
    mut events: Events<'a>,
    ctx: &RenderContext<'_>,
    out: &mut Draft,
) -> Events<'a> {
    if !events
        .iter()
        .any(|(e, _)| matches!(e, Event::Start(Tag::BlockQuote(_))))
    {
        return events;
    }
    let mut result = Vec::with_capacity(events.len());
    let mut stack: Vec<Option<(CalloutKind, u8, String, String)>> = Vec::new();
    let mut cards = HashMap::new();
    let mut last_heading = 1;
    let mut i = 0;
    while i < events.len() {
        let (event, range) = &events[i];
        match event {
            Event::Start(Tag::Heading { level, .. }) => last_heading = heading_number(*level),
            Event::Start(Tag::BlockQuote(_)) => {
                if let Some((kind, heading, skip)) = marker_at(&events, i, ctx, out) {
                    let level = (last_heading + 1).clamp(2, 6);
                    let id = card_id(kind, &mut cards, ctx, out);
                    let open = ctx.markup.callout(kind, level).open(&[&heading, &id]);
                    result.push((Event::Html(open.into()), range.clone()));
                    if kind == CalloutKind::StopIf {
                        result.push((fragments::mark(Fragment::StopIf, true), range.clone()));
                    }
                    stack.push(Some((kind, level, heading, id)));
                    let (emit, next) = rest_of_first_paragraph(&events, i + 1, skip);
                    result.extend(emit);
                    i = next;
                    continue;
                }
                stack.push(None);
            }
            Event::End(TagEnd::BlockQuote(_)) => {
                if let Some(Some((kind, level, heading, id))) = stack.pop() {
                    if kind == CalloutKind::StopIf {
                        result.push((fragments::mark(Fragment::StopIf, false), range.clone()));
                    }
                    let close = ctx.markup.callout(kind, level).close(&[&heading, &id]);
                    result.push((Event::Html(close.into()), range.clone()));
                    i += 1;
                    continue;
                }
            }
            _ => {}
        }
        // Each event is read once: move it out, leaving a cheap stand-in.
        let event = std::mem::replace(&mut events[i].0, Event::SoftBreak);
        result.push((event, events[i].1.clone()));
        i += 1;
    }
    result
}

/// The id of a care card: [`care_card_id`], numbered by the cards of its kind so far on the
/// page (`cards`), and kept from headings (`out.ids`); other callouts have none.
fn card_id(
    kind: CalloutKind,
    cards: &mut HashMap<CalloutKind, usize>,
    ctx: &RenderContext<'_>,
    out: &mut Draft,
) -> String {
    if !kind.is_care_card() {
        return String::new();
    }
    let n = cards.entry(kind).or_insert(0);
    *n += 1;
    let id = care_card_id(kind, *n);
    out.ids.push(id.clone());
    match ctx.print {
        Some(print) => print.id(ctx.page_index(), &id),
        None => id,
    }
}

/// A technique page lists the registry's emergency signs in a card of its own after its body,
/// so they are on the page and not only on its step card: its id is the next emergency card's.
pub(super) fn reserve_signs_card(ctx: &RenderContext<'_>, out: &mut Draft) {
    let flags = &ctx.guide.registry.registry.red_flags;
    let emergency = flags
        .iter()
        .any(|f| f.level == CareLevel::Emergency && f.card().is_none());
    if ctx.print.is_some() || ctx.page.kind() != PageKind::Technique || !emergency {
        return;
    }
    let mut n = 1;
    while out.ids.contains(&care_card_id(CalloutKind::Emergency, n)) {
        n += 1;
    }
    let id = care_card_id(CalloutKind::Emergency, n);
    out.ids.push(id.clone());
    out.facts.signs_card_id = Some(id);
}

/// The id of the `n`th care card of `kind` on a page (from 1): `care-card-emergency`, then
/// `care-card-emergency-2`. The header's help link leads to the help page's first emergency
/// card.
pub fn care_card_id(kind: CalloutKind, n: usize) -> String {
    match n {
        0 | 1 => format!("care-card-{}", kind.class()),
        n => format!("care-card-{}-{n}", kind.class()),
    }
}

/// The callout kind of the blockquote starting at event `i`, if it starts with a known marker.
/// Shared by every pass that needs to know where callouts are.
pub(crate) fn marker_kind(events: &Events<'_>, i: usize) -> Option<CalloutKind> {
    let (Event::Start(Tag::Paragraph), _) = events.get(i + 1)? else {
        return None;
    };
    let (Event::Text(text), _) = events.get(i + 2)? else {
        return None;
    };
    let (name, _) = parse_marker(text)?;
    CalloutKind::from_marker(&name)
}

/// The heading written after the marker of the blockquote at `i`, when it has one
/// (`> [!URGENT] Call your midwife now if:`).
pub(crate) fn marker_heading<'e>(events: &'e Events<'_>, i: usize) -> Option<&'e str> {
    let (Event::Text(text), _) = events.get(i + 2)? else {
        return None;
    };
    let (_, heading) = parse_marker(text)?;
    (!heading.is_empty()).then_some(heading)
}

/// If `text` starts with a marker, the rest of the text after it.
pub(crate) fn strip_marker(text: &str) -> Option<&str> {
    parse_marker(text).map(|(_, rest)| rest)
}

fn heading_number(level: HeadingLevel) -> u8 {
    level as u8
}

/// If the blockquote at `i` starts with a marker, return its kind, heading and the index of the
/// first event after the marker line.
fn marker_at(
    events: &Events<'_>,
    i: usize,
    ctx: &RenderContext<'_>,
    out: &mut Draft,
) -> Option<(CalloutKind, String, usize)> {
    let (Event::Start(Tag::Paragraph), _) = events.get(i + 1)? else {
        return None;
    };
    let (Event::Text(text), range) = events.get(i + 2)? else {
        return None;
    };
    let Some((name, custom)) = parse_marker(text) else {
        if text.trim_start().starts_with("[!") {
            out.diagnostics.push(unclosed_marker(ctx, range));
        }
        return None;
    };
    let Some(kind) = CalloutKind::from_marker(&name) else {
        out.diagnostics.push(unknown_kind(&name, ctx, range));
        return None;
    };
    let heading = if custom.is_empty() {
        ctx.callout_headings.heading(kind).to_string()
    } else {
        custom.to_string()
    };
    Some((kind, heading, i + 3))
}

fn unknown_kind(name: &str, ctx: &RenderContext<'_>, range: &Range<usize>) -> Diagnostic {
    let markers: Vec<String> = CalloutKind::ALL.iter().map(|k| k.marker()).collect();
    let list = markers
        .iter()
        .map(|m| format!("[!{m}]"))
        .collect::<Vec<_>>()
        .join(", ");
    let help = match did_you_mean(name, markers.iter().map(String::as_str)) {
        Some(best) => format!("did you mean `[!{best}]`? Callout kinds: {list}"),
        None => format!("use one of {list}"),
    };
    let mut at = locate(ctx.page, range);
    at.width = name.chars().count() + 3;
    Diagnostic::error(
        Code::UnknownCallout,
        format!("unknown callout kind `[!{name}]`"),
    )
    .at(at)
    .help(help)
}

fn unclosed_marker(ctx: &RenderContext<'_>, range: &Range<usize>) -> Diagnostic {
    let mut at = locate(ctx.page, range);
    at.width = 2;
    Diagnostic::error(
        Code::UnknownCallout,
        "this quote starts like a callout, but its marker has no closing `]`",
    )
    .at(at)
    .help("write the marker as `[!KIND]`, e.g. `> [!STOP-IF]`")
}

/// The first paragraph held the marker line. Returns the events to emit for whatever followed
/// the marker in that paragraph, and the index to continue from.
fn rest_of_first_paragraph<'a>(
    events: &Events<'a>,
    para: usize,
    after_marker: usize,
) -> (Events<'a>, usize) {
    let mut j = after_marker;
    if matches!(
        events.get(j),
        Some((Event::SoftBreak | Event::HardBreak, _))
    ) {
        j += 1;
    }
    if matches!(events.get(j), Some((Event::End(TagEnd::Paragraph), _))) {
        return (Vec::new(), j + 1);
    }
    (vec![events[para].clone()], j)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_are_normalised() {
        assert_eq!(
            parse_marker("[!see gp] Book a visit if:"),
            Some(("see-gp".into(), "Book a visit if:"))
        );
        assert_eq!(parse_marker("[! note ]"), Some(("note".into(), "")));
        assert_eq!(parse_marker("not a marker"), None);
        assert_eq!(
            CalloutKind::from_marker("STOP-IF"),
            Some(CalloutKind::StopIf)
        );
        assert_eq!(
            CalloutKind::from_marker("stop_if".replace('_', "-").as_str()),
            Some(CalloutKind::StopIf)
        );
    }
}
