//! Rule 4 and 5: care cards hold 1 to 5 signs (6 on an urgent card whose last sign is a
//! catch-all), emergency cards hold no link but the one to find emergency care, and a page has
//! at most `max-warnings` warning-style callouts.

use super::matcher::Phrases;
use crate::codes::Code;
use crate::config::SafetyConfig;
use crate::content::Page;
use crate::diagnostics::Diagnostic;
use crate::markdown::{CalloutKind, CalloutRecord, PageText, locate};

/// NHS care cards stay short: at most this many signs.
pub const MAX_SIGNS: usize = 5;

pub(super) fn check(page: &Page, text: &PageText, safety: &SafetyConfig) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for card in text.callouts.iter().filter(|c| c.kind.is_care_card()) {
        problems.extend(signs(page, card, text, safety));
        problems.extend(heading(page, card));
        if card.kind == CalloutKind::Emergency {
            problems.extend(emergency_links(page, card, safety));
        }
    }
    problems.extend(warnings(page, text, safety.max_warnings));
    problems
}

fn signs(
    page: &Page,
    card: &CalloutRecord,
    text: &PageText,
    safety: &SafetyConfig,
) -> Vec<Diagnostic> {
    let signs: Vec<&str> = card
        .signs
        .iter()
        .map(|&b| text.blocks[b].text.as_str())
        .filter(|t| !t.is_empty())
        .collect();
    if signs.is_empty() {
        return vec![
            Diagnostic::error(Code::CareCardEmpty, format!("the care card \"{}\" lists no signs", card.heading))
                .at(locate(page, &card.range))
                .help("list the signs as bullets (`> - sign`), or place them with `{{ red-flags LEVEL }}`"),
        ];
    }
    let catch_all = signs
        .last()
        .is_some_and(|s| Phrases::new(&safety.catch_all).first_in(s).is_some());
    let allowed = if card.kind == CalloutKind::Urgent && catch_all {
        MAX_SIGNS + 1
    } else {
        MAX_SIGNS
    };
    if signs.len() <= allowed {
        return Vec::new();
    }
    vec![
        Diagnostic::error(Code::CareCardTooLong, format!("the care card \"{}\" lists {} signs; the most is {MAX_SIGNS}", card.heading, signs.len()))
            .at(locate(page, &card.range))
            .help("if a sign here was moved from a more urgent level, put it back (never lower a level to make room); otherwise merge related signs, or split them between cards: long cards are hard to act on quickly (an urgent card may add a sixth, catch-all sign such as \"you're worried\")"),
    ]
}

/// A care card's heading is one call to action ending in "if:", followed by its signs.
fn heading(page: &Page, card: &CalloutRecord) -> Option<Diagnostic> {
    (!card.heading.trim_end().ends_with("if:")).then(|| {
        Diagnostic::warning(Code::CareCardHeading, format!("the care card heading \"{}\" does not end with \"if:\"", card.heading))
            .at(locate(page, &card.range))
            .help("write one call to action that leads into the signs, e.g. `> [!URGENT] Get help today if:`")
    })
}

fn emergency_links(page: &Page, card: &CalloutRecord, safety: &SafetyConfig) -> Vec<Diagnostic> {
    let allowed = safety.emergency_care_url.trim_end_matches('/');
    let others: Vec<&String> = card
        .links
        .iter()
        .filter(|l| l.trim_end_matches('/') != allowed)
        .collect();
    let too_many_finders = card.links.len() - others.len() > 1;
    if others.is_empty() && !too_many_finders {
        return Vec::new();
    }
    let what = others
        .first()
        .map(|l| format!("links to `{l}`"))
        .unwrap_or_else(|| "has more than one link".into());
    vec![
        Diagnostic::error(Code::EmergencyCardLink, format!("the emergency card \"{}\" {what}", card.heading))
            .at(locate(page, &card.range))
            .help(format!("emergency cards send people to act now, not to read more: remove the link (only one link to {allowed} is allowed)")),
    ]
}

/// One error for a page with too many warnings, at the first one over the limit: a page of
/// 5,000 warnings has one problem, not 4,998.
fn warnings(page: &Page, text: &PageText, max: usize) -> Option<Diagnostic> {
    let warnings: Vec<&CalloutRecord> = text
        .callouts
        .iter()
        .filter(|c| c.kind.is_warning())
        .collect();
    let extra = warnings.get(max)?;
    Some(
        Diagnostic::error(Code::TooManyWarnings, format!("this page has {} warning callouts; the most is {max}", crate::diagnostics::thousands(warnings.len())))
            .at(locate(page, &extra.range))
            .help("keep warnings for what could affect someone's health; turn the others into plain text or a `> [!NOTE]`"),
    )
}
