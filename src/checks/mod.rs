//! The rules. Page rules ([`PageRules`]) read one page's words and run as each page renders;
//! whole-guide rules ([`run`]) run after every page is rendered. Each rule is a small module
//! returning diagnostics; none stops at the first problem. A person changing the safety rules
//! only needs this folder.

mod about;
mod anchors;
mod card_truth;
mod cards;
mod care_cards;
mod composite;
mod conditions;
mod contraindicated;
mod dose;
mod fold;
mod matcher;
mod negation;
mod plain_text;
pub mod readability;
mod red_flags;
mod review;
mod screen;
pub mod signoff;
mod sources;
mod stems;
mod stop_if;
mod techniques;
mod terms;
mod triage;
mod units;
mod unregistered;
mod wording;

use crate::config::Config;
use crate::content::{Date, FlagId, Guide, Page, PerPage};
use crate::diagnostics::{Diagnostic, Location};
use crate::markdown::{CardParts, PageFacts, PageText, TextBlock};
use std::ops::Range;

/// Everything the whole-guide rules read. `facts[i]`, `cards[i]` and `pages[i]` belong to
/// `guide.pages[i]`; the pages' words were read by the page rules (see [`PageRules`]).
pub struct CheckContext<'a> {
    pub config: &'a Config,
    pub guide: &'a Guide,
    pub facts: &'a PerPage<PageFacts>,
    /// Each technique's card parts (empty for other pages).
    pub cards: &'a PerPage<CardParts>,
    /// What the page rules found on each page.
    pub pages: &'a PerPage<PageFindings>,
    /// The date reviews are judged against.
    pub today: Date,
    /// Report overdue reviews as warnings (local previews).
    pub allow_overdue: bool,
    /// book.toml as written, to point at a setting's line (None when it could not be read).
    pub book: Option<&'a crate::source::SourceFile>,
}

/// One rule over the whole guide.
type Rule = fn(&CheckContext<'_>) -> Vec<Diagnostic>;

/// Every whole-guide rule. They only read the guide, so they run in parallel.
const RULES: [Rule; 10] = [
    |ctx| anchors::check(ctx.guide, ctx.facts),
    techniques::check,
    conditions::check,
    red_flags::check,
    cards::check,
    review::check,
    sources::check,
    card_truth::check,
    about::check,
    about::certainty,
];

/// Run every whole-guide rule; the report is sorted afterwards, so order does not matter.
pub fn run(ctx: &CheckContext<'_>) -> Vec<Diagnostic> {
    use rayon::prelude::*;
    RULES.par_iter().flat_map_iter(|rule| rule(ctx)).collect()
}

/// The rules that read a page's words: wording, readability, red flags sent to a lower level of
/// care, and care cards. They run on each page as soon as it is rendered, so a large guide
/// never holds the words of every page at once.
pub struct PageRules<'a> {
    config: &'a Config,
    flags: matcher::FlagIndex<'a>,
    referrals: red_flags::ReferralMatcher,
    wording: wording::PhraseRules,
    contraindicated: contraindicated::Contraindicated,
    doses: dose::Doses,
    syllables: readability::Syllables,
}

/// What the page rules found on one page.
#[derive(Debug, Clone)]
pub struct PageFindings {
    pub diagnostics: Vec<Diagnostic>,
    pub readability: readability::Readability,
    /// Registry indices of the red flags placed in a care card of their own level.
    pub flags_placed: Vec<FlagId>,
}

impl<'a> PageRules<'a> {
    pub fn new(config: &'a Config, guide: &'a Guide) -> Self {
        let wording = wording::PhraseRules::new(&config.safety);
        // The emergency and urgent services are looked for in the same one pass as the
        // wording rules' phrases, in the group after theirs.
        let mut referrals = red_flags::ReferralMatcher::new(&config.safety);
        let flags = matcher::FlagIndex::with(
            &guide.registry.registry.red_flags,
            (&config.book.language, &config.safety.common_words),
            &config.safety.concepts,
            wording
                .terms()
                .chain(referrals.serious_terms(wording.groups())),
        );
        PageRules {
            config,
            flags,
            referrals,
            wording,
            contraindicated: contraindicated::Contraindicated::new(
                &config.safety,
                &guide.registry.registry,
                &config.book.language,
            ),
            doses: dose::Doses::new(&config.safety.dose, &config.book.language),
            syllables: readability::Syllables::default(),
        }
    }

    /// The wording rules over what the about page says from book.toml (`book`, as written, to
    /// point at each key): it promises no more than the pages may.
    pub fn about(&self, book: Option<&crate::source::SourceFile>) -> Vec<Diagnostic> {
        let texts = about::texts(&self.config.about, book);
        let mut problems = self.wording.check_settings(&texts, &self.flags.matcher());
        let safety = &self.config.safety;
        problems.extend(readability::check_about(&texts, &self.syllables, safety));
        problems
    }

    pub fn check(&self, page: &Page, text: &PageText, facts: &PageFacts) -> PageFindings {
        let safety = &self.config.safety;
        let flags = self.flags.matcher();
        let score = readability::measure(text, &self.syllables);
        let mut diagnostics = self.wording.check(page, text, &flags);
        diagnostics.extend(readability::check(page, &score, safety));
        diagnostics.extend(red_flags::check_page(page, text, &flags, &self.referrals));
        diagnostics.extend(care_cards::check(page, text, safety));
        diagnostics.extend(stop_if::check(page, text, facts));
        diagnostics.extend(self.contraindicated.check(page, text));
        diagnostics.extend(self.doses.check(page, text));
        let cards = (&self.referrals, &flags);
        diagnostics.extend(card_truth::check_page(page, text, facts, cards));
        PageFindings {
            diagnostics,
            readability: score,
            flags_placed: red_flags::placed_on_page(text, facts, &flags),
        }
    }
}

/// The location of byte range `at` of a block's text in the page's source, found by
/// searching the block's source for that text as matching reads it (any case, folded), nearest
/// where it is in the block; or the block's start.
pub(crate) fn locate_in_block(page: &Page, block: &TextBlock, at: &Range<usize>) -> Location {
    let needle = block.text.get(at.clone()).unwrap_or("");
    let body = page.body();
    let found = body
        .get(block.range.clone())
        .and_then(|span| find_folded(span, needle, at.start));
    match found {
        Some(r) => {
            let start = page.body_start + block.range.start;
            page.source.locate(start + r.start, start + r.end)
        }
        None => crate::markdown::locate(page, &block.range),
    }
}

/// The place of `needle` in `haystack` nearest byte `near`, ignoring case and spelling as the
/// matcher does.
fn find_folded(haystack: &str, needle: &str, near: usize) -> Option<Range<usize>> {
    let wanted = fold::phrase(needle);
    if wanted.is_empty() {
        return None;
    }
    let folded = fold::Folded::new(haystack);
    let lower = folded.text.to_ascii_lowercase();
    let start = lower
        .match_indices(&wanted)
        .map(|(i, _)| i)
        .min_by_key(|&i| folded.original(i).abs_diff(near))?;
    Some(folded.original_range(haystack, start, start + wanted.len()))
}
