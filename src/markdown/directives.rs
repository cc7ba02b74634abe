//! Placement directives: a paragraph that is exactly `{{ red-flags emergency }}` or
//! `{{ condition osteoporosis }}` is replaced by registry content, so pages place the registry's
//! words instead of retyping them. The expansion is Markdown, parsed with the same parser, so
//! every later pass (callouts, headings, links) treats it like hand-written text.

use super::callouts::{CalloutKind, marker_heading, marker_kind, strip_marker};
use super::{Draft, Events, RenderContext, locate, parser};
use crate::codes::Code;
use crate::content::registry::CareLevel;
use crate::diagnostics::{Diagnostic, did_you_mean};
use pulldown_cmark::{Event, Tag, TagEnd};
use std::ops::Range;

/// Registry content placed on a page.
#[derive(Debug, Clone, PartialEq)]
pub struct Placement {
    pub what: Placed,
    /// Byte range of the directive in the page body.
    pub range: Range<usize>,
    /// The innermost callout the directive sits in.
    pub callout: Option<CalloutKind>,
    /// That callout's own heading, when it has one (`> [!URGENT] Call your midwife now if:`).
    pub heading: Option<String>,
}

/// The callout a directive sits in: its kind and its own heading.
type InCallout<'e> = Option<(CalloutKind, Option<&'e str>)>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Placed {
    /// A level's red flags: its main card (`None`) or one of its named cards.
    RedFlags(CareLevel, Option<String>),
    Condition(String),
}

impl Placed {
    /// It places the red flags of `level` in `card` (`None`: the level's main card).
    pub fn places(&self, level: CareLevel, card: Option<&str>) -> bool {
        matches!(self, Placed::RedFlags(l, c) if *l == level && c.as_deref() == card)
    }
}

const DIRECTIVES: [&str; 2] = ["red-flags", "condition"];

/// `{{ name argument }}` -> (name, argument); `None` when the text is not a directive at all.
fn parse(text: &str) -> Option<Result<(&str, &str), ()>> {
    let inner = text.trim().strip_prefix("{{")?;
    let Some(inner) = inner.strip_suffix("}}") else {
        return Some(Err(()));
    };
    // The name, then its arguments: one word, or two for a red-flags card of its own.
    let words: Vec<&str> = inner.split_whitespace().collect();
    Some(match words.as_slice() {
        [name, arg] => Ok((name, arg)),
        [name, _, _] => Ok((name, inner.trim_start()[name.len()..].trim())),
        _ => Err(()),
    })
}

pub(super) fn apply<'a>(
    events: Events<'a>,
    ctx: &RenderContext<'_>,
    out: &mut Draft,
) -> Events<'a> {
    if !events
        .iter()
        .any(|(e, _)| matches!(e, Event::Text(t) if t.contains("{{")))
    {
        // Most paragraphs place nothing; a page without a directive passes through untouched.
        return events;
    }
    let mut result: Events<'a> = Vec::with_capacity(events.len());
    let mut quotes: Vec<InCallout<'_>> = Vec::new();
    let mut i = 0;
    while i < events.len() {
        match &events[i].0 {
            Event::Start(Tag::BlockQuote(_)) => {
                quotes.push(marker_kind(&events, i).map(|kind| (kind, marker_heading(&events, i))))
            }
            Event::End(TagEnd::BlockQuote(_)) => {
                quotes.pop();
            }
            Event::Start(Tag::Paragraph) => {
                let callout = quotes.iter().rev().flatten().next().copied();
                if let Some(next) = directive_paragraph(&events, i, callout, ctx, out, &mut result)
                {
                    i = next;
                    continue;
                }
            }
            _ => {}
        }
        result.push(events[i].clone());
        i += 1;
    }
    result
}

/// A paragraph whose every line is a directive, maybe after a callout's marker line
/// (`> [!EMERGENCY]` then `> {{ red-flags emergency }}`). Emits the expansions in order and
/// returns the index to continue from. A directive sharing its paragraph with other text is
/// an error: it would otherwise be printed as it is.
fn directive_paragraph(
    events: &Events<'_>,
    i: usize,
    callout: InCallout<'_>,
    ctx: &RenderContext<'_>,
    out: &mut Draft,
    result: &mut Events<'_>,
) -> Option<usize> {
    let mut lines = Vec::new();
    let mut j = i + 1;
    loop {
        match events.get(j)? {
            (Event::End(TagEnd::Paragraph), _) => break,
            (Event::Text(t), r) => lines.push((t, r)),
            (Event::SoftBreak | Event::HardBreak, _) => {}
            _ => return None,
        }
        j += 1;
    }
    let marker = lines
        .first()
        .filter(|(t, _)| strip_marker(t).is_some())
        .copied();
    let rest = &lines[usize::from(marker.is_some())..];
    let directives = rest.iter().filter(|(t, _)| parse(t).is_some()).count();
    if directives == 0 {
        return None;
    }
    if directives < rest.len() {
        let (_, range) = rest.iter().find(|(t, _)| parse(t).is_some())?;
        out.diagnostics.push(not_alone(ctx, range));
        return None;
    }
    if let Some((text, range)) = marker {
        result.push((Event::Start(Tag::Paragraph), events[i].1.clone()));
        result.push((Event::Text(text.to_string().into()), range.clone()));
        result.push((Event::End(TagEnd::Paragraph), events[j].1.clone()));
    }
    for (text, range) in rest {
        let parsed = parse(text)?;
        // The events expansions have added so far: the result holds the page's own up to `i`.
        let placed_already = result.len().saturating_sub(i);
        if placed_already > MAX_PLACED_EVENTS {
            out.diagnostics.push(too_much(ctx, range));
            return Some(j + 1);
        }
        if let Some(expanded) = expand(parsed, text, range, callout, ctx, out) {
            result.extend(expanded);
        }
    }
    Some(j + 1)
}

/// Most events the directives of one page may add: placing the registry cannot make a page
/// far larger than any page may be.
const MAX_PLACED_EVENTS: usize = 200_000;

fn too_much(ctx: &RenderContext<'_>, range: &Range<usize>) -> Diagnostic {
    Diagnostic::error(
        Code::PageTooLarge,
        "the registry content placed on this page makes it too large to build",
    )
    .at(locate(ctx.page, range))
    .help("place each condition and each level of red flags once; split the page if it needs more")
}

fn not_alone(ctx: &RenderContext<'_>, range: &Range<usize>) -> Diagnostic {
    Diagnostic::error(
        Code::UnknownDirective,
        "this `{{ ... }}` directive shares its paragraph with other text, so it would be printed as it is",
    )
    .at(locate(ctx.page, range))
    .help("put the directive on a line of its own, with a blank line between it and the text around it")
}

/// Markdown that a directive expands to, what it places, and the sources of what it places.
type Expansion = (String, Placed, Vec<crate::content::SourceRef>);

fn expand(
    parsed: Result<(&str, &str), ()>,
    text: &str,
    range: &Range<usize>,
    callout: InCallout<'_>,
    ctx: &RenderContext<'_>,
    out: &mut Draft,
) -> Option<Events<'static>> {
    let location = locate(ctx.page, range);
    let expansion = match parsed {
        Ok(("red-flags", arg)) => red_flags(arg, ctx),
        Ok(("condition", id)) => condition(id, ctx),
        Ok((name, _)) => {
            let help = match did_you_mean(name, DIRECTIVES) {
                Some(best) => format!("did you mean `{{{{ {best} ... }}}}`?"),
                None => "carebook places registry content with `{{ red-flags LEVEL }}` or `{{ condition ID }}`".into(),
            };
            Err(Diagnostic::error(Code::UnknownDirective, format!("unknown directive `{name}`")).help(help))
        }
        Err(()) => Err(Diagnostic::error(Code::UnknownDirective, format!("`{}` is not a directive carebook understands", text.trim()))
            .help("write `{{ red-flags emergency }}` (or urgent, see-gp) or `{{ condition ID }}` alone on its line")),
    };
    let (markdown, what, sources) = match expansion {
        Ok(expansion) => expansion,
        Err(problem) => {
            out.diagnostics.push(problem.at(location));
            return None;
        }
    };
    out.facts.placements.push(Placement {
        what,
        range: range.clone(),
        callout: callout.map(|(kind, _)| kind),
        heading: callout.and_then(|(_, heading)| heading).map(str::to_string),
    });
    out.facts.extra_sources.extend(sources);
    let generated = parser::events(&markdown)
        .into_iter()
        .map(|(e, _)| (e.into_static(), range.clone()))
        .collect();
    Some(generated)
}

/// `{{ red-flags LEVEL }}`: the registry's signs of that level's main card, as a list;
/// `{{ red-flags LEVEL CARD }}`: those of one of its named cards.
fn red_flags(arg: &str, ctx: &RenderContext<'_>) -> Result<Expansion, Diagnostic> {
    let (level_name, card) = match arg.split_once(char::is_whitespace) {
        Some((level, card)) => (level, Some(card.trim())),
        None => (arg, None),
    };
    let Some(level) = CareLevel::from_name(level_name) else {
        let levels = CareLevel::ALL.iter().map(|l| l.name()).collect();
        return Err(bad_argument(level_name, "level", levels));
    };
    let registry = &ctx.guide.registry.registry;
    if let Some(card) = card.filter(|c| !registry.cards_of(level).contains(c)) {
        let what = format!("card of the {} level", level.name());
        return Err(bad_argument(card, &what, registry.cards_of(level)));
    }
    let flags: Vec<_> = registry.flags_in(level, card).collect();
    if flags.is_empty() {
        return Err(Diagnostic::error(
            Code::UnknownDirective,
            format!(
                "the registry has no {} red flags to place here",
                level.name()
            ),
        )
        .help("add red flags of this level to the registry, or remove this line"));
    }
    let md: String = flags
        .iter()
        .map(|f| format!("- {}\n", f.sign.trim()))
        .collect();
    let sources = flags
        .iter()
        .flat_map(|f| f.sources.iter().cloned())
        .collect();
    Ok((
        md,
        Placed::RedFlags(level, card.map(str::to_string)),
        sources,
    ))
}

/// `{{ condition ID }}`: the condition's heading, what it means and what to do instead.
fn condition(id: &str, ctx: &RenderContext<'_>) -> Result<Expansion, Diagnostic> {
    let registry = &ctx.guide.registry.registry;
    let Some(c) = registry.condition(id) else {
        let ids = registry.conditions.iter().map(|c| c.id.as_str()).collect();
        return Err(bad_argument(id, "condition", ids));
    };
    let md = format!(
        "## {} {{#{}}}\n\n{}\n\n**What to do instead:** {}\n",
        c.name.trim(),
        c.id,
        c.meaning.trim(),
        c.instead.trim()
    );
    Ok((md, Placed::Condition(c.id.clone()), c.sources.clone()))
}

fn bad_argument(arg: &str, what: &str, valid: Vec<&str>) -> Diagnostic {
    let list = valid
        .iter()
        .map(|v| format!("`{v}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let help = match did_you_mean(arg, valid.iter().copied()) {
        Some(best) => format!("did you mean `{best}`? Known: {list}"),
        None => format!("use one of {list}"),
    };
    let code = if what == "condition" {
        Code::UnknownCondition
    } else {
        Code::UnknownDirective
    };
    Diagnostic::error(code, format!("`{arg}` is not a {what} in the registry")).help(help)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directives_are_recognised() {
        assert_eq!(
            parse("{{ red-flags emergency }}"),
            Some(Ok(("red-flags", "emergency")))
        );
        assert_eq!(
            parse("{{condition osteoporosis}}"),
            Some(Ok(("condition", "osteoporosis")))
        );
        assert_eq!(
            parse("{{ red-flags  urgent   pregnancy }}"),
            Some(Ok(("red-flags", "urgent   pregnancy")))
        );
        assert_eq!(parse("{{ red-flags }}"), Some(Err(())));
        assert_eq!(parse("{{ red-flags a b c }}"), Some(Err(())));
        assert_eq!(parse("plain text"), None);
    }
}
