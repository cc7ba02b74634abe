//! Care cards that tell the truth. A card's heading is what the reader acts on, so each
//! level's heading (book.toml's `[safety.headings]`, the locale's, or a card's own) must name
//! that level's service (one of its `[safety.referrals]` phrases: 999 or A&E, 111, a GP) and
//! must not put it off or hedge it (`card-heading-service`). The help page holds a card placed
//! from the registry for every level that has red flags (`help-page-cards`). A sign typed by
//! hand into a card that matches a registry flag is a warning (`hand-typed-sign`): it drifts
//! from the registry, and search never finds it.

use super::CheckContext;
use super::matcher::FlagMatcher;
use super::red_flags::ReferralMatcher;
use crate::codes::Code;
use crate::content::Page;
use crate::content::registry::CareLevel;
use crate::diagnostics::Diagnostic;
use crate::markdown::{PageFacts, PageText, locate};

/// A card's own heading (text after its marker) that misleads; the configured headings are
/// checked once per guide by [`check`].
pub(super) fn check_page(
    page: &Page,
    text: &PageText,
    facts: &PageFacts,
    (referrals, matcher): (&ReferralMatcher, &FlagMatcher<'_, '_>),
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for (i, card) in text.callouts.iter().enumerate() {
        let Some(level) = card.kind.care_level() else {
            continue;
        };
        if card.heading != referrals.heading(level)
            && let Some(why) = referrals.heading_problem(level, &card.heading)
        {
            problems.push(
                Diagnostic::error(
                    Code::CardHeadingService,
                    format!(
                        "the {} care card heading \"{}\" {why}",
                        level.name(),
                        card.heading
                    ),
                )
                .at(locate(page, &card.range))
                .help(format!(
                    "start the card with the {} level's own call to action, e.g. \"{}\"",
                    level.name(),
                    referrals.heading(level)
                )),
            );
        }
        problems.extend(hand_typed(page, text, facts, (i, level), matcher));
    }
    problems
}

/// Signs of the card's own level typed by hand instead of placed from the registry.
fn hand_typed(
    page: &Page,
    text: &PageText,
    facts: &PageFacts,
    (card, level): (usize, CareLevel),
    matcher: &FlagMatcher<'_, '_>,
) -> Option<Diagnostic> {
    let placed = |at: usize| facts.placements.iter().any(|p| p.range.contains(&at));
    let block = text.blocks.iter().find(|b| {
        b.callout == Some(card)
            && !placed(b.range.start)
            && matcher
                .flags_in(&b.text)
                .iter()
                .any(|m| m.flag.level == level)
    })?;
    let flag = matcher
        .flags_in(&block.text)
        .into_iter()
        .find(|m| m.flag.level == level)?;
    Some(
        Diagnostic::warning(Code::HandTypedSign, format!("this {} card types the registry's sign `{}` by hand", level.name(), flag.flag.id))
            .at(locate(page, &block.range))
            .help(format!("place the registry's signs with `{{{{ red-flags {} }}}}`, so the card keeps up with the registry and search finds them", level.name())),
    )
}

/// The configured headings, once per guide, and the help page's cards.
pub(super) fn check(ctx: &CheckContext<'_>) -> Vec<Diagnostic> {
    let referrals = ReferralMatcher::new(&ctx.config.safety);
    let mut problems: Vec<Diagnostic> = CareLevel::ALL
        .into_iter()
        .filter_map(|level| {
            let heading = referrals.heading(level);
            let why = referrals.heading_problem(level, heading)?;
            let d = Diagnostic::error(Code::CardHeadingService, format!("[safety.headings] {} = \"{heading}\" {why}", level.name()))
                .help("give each level's heading its own service, e.g. emergency = \"Call 999 or go to A&E now if:\"");
            let key = ["safety", "headings", level.name()];
            let at = ctx.book.and_then(|book| crate::config::key_location(book, &key));
            Some(match at {
                Some(at) => d.at(at),
                None => d.at_file(std::path::Path::new(crate::config::CONFIG_FILE)),
            })
        })
        .collect();
    problems.extend(help_page_cards(ctx));
    problems
}

fn help_page_cards(ctx: &CheckContext<'_>) -> Vec<Diagnostic> {
    let Some(help) = ctx.guide.safety_pages.help else {
        return Vec::new();
    };
    let page = &ctx.guide.pages[help];
    let placements = &ctx.facts[help].placements;
    let registry = &ctx.guide.registry.registry;
    CareLevel::ALL
        .into_iter()
        .filter(|&level| registry.flags_in(level, None).next().is_some())
        .filter(|&level| {
            !placements.iter().any(|p| {
                p.what.places(level, None)
                    && p.callout.and_then(|k| k.care_level()) == Some(level)
            })
        })
        .map(|level| {
            Diagnostic::error(Code::HelpPageCards, format!("the help page has no {} care card placed from the registry", level.name()))
                .at(crate::content::field_location(page, "title"))
                .help(format!("add `> [!{}]` with `> {{{{ red-flags {} }}}}` under it: readers sent here look for it", level.name().to_uppercase(), level.name()))
        })
        .collect()
}
