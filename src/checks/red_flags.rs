//! Rule 3: every red flag appears in a care card of exactly its own level, and no red flag sign
//! is sent to a lower level of care, neither in a care card nor in plain text ("see a GP if you
//! lose control of your bladder" must fail the build), nor split from the referral between a
//! list and its lead-in, a table row and its header, or a sentence and its footnote.

use super::CheckContext;
use super::locate_in_block;
use super::matcher::{FlagMatcher, Match, Phrases};
use super::triage::{Qualifiers, Weakening};
use super::units::{self, Context};
use crate::codes::Code;
use crate::config::{CareCardHeadings, SafetyConfig};
use crate::content::registry::{CareLevel, Entry};
use crate::content::{FlagId, Page};
use crate::diagnostics::Diagnostic;
use crate::markdown::{BlockRole, PageFacts, PageText, Placed, TextBlock};
use std::collections::HashMap;
use typed_index_collections::TiVec;

/// A red flag's sign sent to a lower level of care on one page.
pub(super) fn check_page(
    page: &Page,
    text: &PageText,
    matcher: &FlagMatcher<'_>,
    referrals: &ReferralMatcher,
) -> Vec<Diagnostic> {
    if matcher.is_empty() {
        return Vec::new();
    }
    let mut found = Found::default();
    in_cards(text, matcher, &mut found);
    in_plain_text(text, matcher, referrals, &mut found);
    in_warnings(text, matcher, referrals, &mut found);
    let mut problems = found.diagnostics(page, referrals);
    problems.extend(in_front_matter(page, matcher, referrals));
    problems
}

/// A sign sent to a lower level of care in the page's title or summary, which search results,
/// the home page's lists and the cards show on their own.
fn in_front_matter(
    page: &Page,
    matcher: &FlagMatcher<'_>,
    referrals: &ReferralMatcher,
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for (field, text) in [
        ("title", &page.front.title),
        ("summary", &page.front.summary),
    ] {
        for (_, sentence) in units::sentences(text.as_deref().unwrap_or("")) {
            let signs = matcher.flags_in(sentence);
            if signs.is_empty() {
                continue;
            }
            let weakened = referrals.weakened_in(sentence).map(|(how, phrase)| {
                let why = format!("text that {} (\"{phrase}\")", how.says());
                (CareLevel::SeeGp, why)
            });
            let lower = || {
                let (level, phrase) = referrals.referral_in(sentence)?;
                Some((level, format!("text that says \"{phrase}\"")))
            };
            let Some((level, why)) = weakened.or_else(lower) else {
                continue;
            };
            for m in signs.into_iter().filter(|m| m.flag.level > level) {
                let action = referrals.action(m.flag.level);
                problems.push(
                    Diagnostic::error(Code::RedFlagUnderGraded, format!("\"{}\" is a sign of the {} red flag `{}` (\"{action}\"), but the page's {field} puts it in {why}", m.phrase, m.flag.level.name(), m.flag.id))
                        .at(crate::content::field_location(page, field))
                        .help(format!("say \"{action}\" for this sign, or leave it out of the {field} and place it with `{{{{ red-flags {} }}}}`", m.flag.level.name())),
                );
            }
        }
    }
    problems
}

/// The red flags (indices into the registry) a page places in a care card of their own level,
/// by directive or by hand.
pub(super) fn placed_on_page(
    text: &PageText,
    facts: &PageFacts,
    matcher: &FlagMatcher<'_>,
) -> Vec<FlagId> {
    let flags = matcher.flags();
    let mut placed: Vec<FlagId> = flags
        .keys()
        .filter(|&f| {
            let level = flags[f].level;
            facts.placements.iter().any(|p| {
                p.what == Placed::RedFlags(level)
                    && p.callout.and_then(|k| k.care_level()) == Some(level)
            })
        })
        .collect();
    for block in &text.blocks {
        if let Some(level) = card_level(text, block) {
            placed.extend(
                matcher
                    .flag_indices_in(&block.text)
                    .into_iter()
                    .filter(|&f| flags[f].level == level),
            );
        }
    }
    placed.sort_unstable();
    placed.dedup();
    placed
}

/// Every red flag must be placed in a care card of its level somewhere in the guide.
pub(super) fn check(ctx: &CheckContext<'_>) -> Vec<Diagnostic> {
    let flags = &ctx.guide.registry.registry.red_flags;
    let mut placed: TiVec<FlagId, bool> = flags.iter().map(|_| false).collect();
    for &f in ctx.pages.iter().flat_map(|p| &p.flags_placed) {
        placed[f] = true;
    }
    let registry = &ctx.guide.registry;
    flags
        .iter_enumerated()
        .filter(|&(f, _)| !placed[f])
        .map(|(f, flag)| {
            let d = Diagnostic::error(Code::RedFlagMissing, format!("the red flag `{}` is not in any {} care card", flag.id, flag.level.name()))
                .help(format!("place it with `{{{{ red-flags {0} }}}}` inside a `> [!{1}]` card, usually on the help page", flag.level.name(), flag.level.name().to_uppercase()));
            match registry.at(Entry::Flag(f), "id") {
                Some(l) => d.at(l),
                None => d,
            }
        })
        .collect()
}

/// The referral phrases of each level of care, most urgent first, and what each level asks of
/// the reader (its care card's heading).
pub(super) struct ReferralMatcher {
    levels: [(CareLevel, Phrases); 3],
    headings: CareCardHeadings,
    qualifiers: Qualifiers,
}

impl ReferralMatcher {
    pub(super) fn new(safety: &SafetyConfig) -> Self {
        let referrals = &safety.referrals;
        ReferralMatcher {
            levels: [
                (CareLevel::Emergency, Phrases::new(&referrals.emergency)),
                (CareLevel::Urgent, Phrases::new(&referrals.urgent)),
                (CareLevel::SeeGp, Phrases::new(&referrals.see_gp)),
            ],
            headings: safety.headings.clone(),
            qualifiers: Qualifiers::new(safety),
        }
    }

    /// How `text` weakens the care it refers to: a delay, a hedge, or a referral it negates.
    fn weakened_in(&self, text: &str) -> Option<(Weakening, String)> {
        if let Some(found) = self.qualifiers.in_text(text) {
            return Some(found);
        }
        // A referral the text also makes is a contrast, not a dismissal: "you do not need to
        // see a GP for most back pain, but call 999 if...".
        if self.referral_in(text).is_some() {
            return None;
        }
        let negation = &self.qualifiers.negation;
        self.levels.iter().find_map(|(_, phrases)| {
            let negated = phrases.find_where(text, |start| negation.negates(text, start));
            let first = negated.first()?;
            Some((Weakening::Negated, text[first.at.clone()].to_string()))
        })
    }

    /// The card heading configured for `level`.
    pub(super) fn heading(&self, level: CareLevel) -> &str {
        match level {
            CareLevel::Emergency => &self.headings.emergency,
            CareLevel::Urgent => &self.headings.urgent,
            CareLevel::SeeGp => &self.headings.see_gp,
        }
    }

    /// Why `heading` cannot head a card of `level`: it names none of the level's referral
    /// phrases, or it puts off or hedges the care.
    pub(super) fn heading_problem(&self, level: CareLevel, heading: &str) -> Option<String> {
        if let Some((how, phrase)) = self.qualifiers.in_text(heading) {
            return Some(format!("{} (\"{phrase}\")", how.says()));
        }
        let (_, phrases) = self.levels.iter().find(|(l, _)| *l == level)?;
        let named = phrases
            .find_where(heading, |start| {
                !self.qualifiers.negation.negates(heading, start)
            })
            .is_empty();
        named.then(|| format!("does not name the {} level's service", level.name()))
    }

    /// What a level asks of the reader: its card heading without the "if:" that leads into the
    /// signs ("Call 999 or go to A&E now").
    fn action(&self, level: CareLevel) -> &str {
        let heading = self.heading(level).trim().trim_end_matches(':');
        heading.strip_suffix(" if").unwrap_or(heading)
    }

    /// The most urgent level of care a text refers to (and does not negate), with the phrase
    /// that says so.
    fn referral_in(&self, text: &str) -> Option<(CareLevel, String)> {
        let negation = &self.qualifiers.negation;
        self.levels.iter().find_map(|(level, phrases)| {
            let found = phrases.find_where(text, |start| !negation.negates(text, start));
            let first = found.first()?;
            Some((*level, phrases.phrase(first.index).to_string()))
        })
    }
}

/// The signs found sent to a lower level of care, one entry per block, flag and reason, with
/// how often: a paragraph that repeats a sign 40,000 times is one problem, located once.
#[derive(Default)]
struct Found<'r> {
    order: Vec<(&'r TextBlock, Match<'r>, String, usize)>,
    seen: HashMap<(usize, FlagId, String), usize>,
}

impl<'r> Found<'r> {
    fn add(&mut self, block: &'r TextBlock, m: Match<'r>, why: String) {
        let key = (block.range.start, m.index, why);
        match self.seen.get(&key) {
            Some(&at) => self.order[at].3 += 1,
            None => {
                let why = key.2.clone();
                self.seen.insert(key, self.order.len());
                self.order.push((block, m, why, 0));
            }
        }
    }

    fn diagnostics(self, page: &Page, referrals: &ReferralMatcher) -> Vec<Diagnostic> {
        self.order
            .into_iter()
            .map(|(block, m, why, more)| {
                let action = referrals.action(m.flag.level);
                let mut d = under_graded(page, block, &m, &why, action);
                d.more = more;
                d
            })
            .collect()
    }
}

/// The care level of the card holding a block, if it is in a care card.
fn card_level(text: &PageText, block: &TextBlock) -> Option<CareLevel> {
    block
        .callout
        .and_then(|c| text.callouts[c].kind.care_level())
}

/// A sign inside a care card of a lower level than its flag.
fn in_cards<'r>(text: &'r PageText, matcher: &FlagMatcher<'r>, found: &mut Found<'r>) {
    for block in &text.blocks {
        let Some(level) = card_level(text, block) else {
            continue;
        };
        for m in matcher
            .flags_in(&block.text)
            .into_iter()
            .filter(|m| m.flag.level > level)
        {
            let card = &text.callouts[block.callout.unwrap_or_default()];
            found.add(block, m, format!("a card headed \"{}\"", card.heading));
        }
    }
}

/// A sign in a unit of plain text (a sentence, with what introduces it and the footnotes it
/// refers to) that refers the reader to a lower level.
fn in_plain_text<'r>(
    text: &'r PageText,
    matcher: &FlagMatcher<'r>,
    referrals: &ReferralMatcher,
    found: &mut Found<'r>,
) {
    let page = units::read(text);
    let mut contexts = Contexts::new(&page, text, referrals);
    for (u, unit) in page.units.iter().enumerate() {
        let mut refs = &unit.refs[..];
        // A heading is read with what follows it: "What if I cannot control my bladder?"
        // answered by "See your GP".
        let answer = || {
            let heading = unit.blocks.first()?.role == BlockRole::Heading;
            let next = page.units.get(u + 1).filter(|_| heading)?;
            referrals.referral_in(&next.text)
        };
        // The sentence before, when it names no sign: "Some signs need a GP. Losing control
        // of your bladder is one." reads the second with the first.
        let mut before: Option<&str> = None;
        let sentences = unit.sentences();
        for (k, &(ref range, sentence)) in sentences.iter().enumerate() {
            // The sentence after, when it names no sign: "Lost feeling down below? Ask your
            // pharmacist."
            let after = || {
                let (_, next) = sentences.get(k + 1)?;
                let plain = matcher.flags_in(next).is_empty();
                plain.then(|| referrals.referral_in(next)).flatten()
            };
            // The footnotes this sentence refers to (references are in order, like sentences).
            let skip = refs.iter().take_while(|(at, _)| *at < range.start).count();
            refs = &refs[skip..];
            let here = refs.iter().take_while(|(at, _)| *at <= range.end).count();
            let (notes, rest) = refs.split_at(here);
            refs = rest;
            // Most sentences name no red flag: look for flags first, referrals only then.
            let signs = matcher.flags_in(sentence);
            if signs.is_empty() {
                before = Some(sentence);
                continue;
            }
            let previous = before.take();
            if let Some((how, phrase)) = referrals.weakened_in(sentence) {
                for mut m in signs
                    .into_iter()
                    .filter(|m| m.flag.level > CareLevel::SeeGp)
                {
                    let (block, at) =
                        unit.place(&(range.start + m.at.start..range.start + m.at.end));
                    m.at = at;
                    found.add(block, m, format!("text that {} (\"{phrase}\")", how.says()));
                }
                continue;
            }
            let referral = referrals
                .referral_in(sentence)
                .or_else(|| contexts.of_notes(notes))
                .or_else(|| unit.context.and_then(|c| contexts.of(c)))
                .or_else(|| previous.and_then(|p| referrals.referral_in(p)))
                .or_else(after)
                .or_else(answer);
            let Some((level, phrase)) = referral else {
                continue;
            };
            for mut m in signs.into_iter().filter(|m| m.flag.level > level) {
                let (block, at) = unit.place(&(range.start + m.at.start..range.start + m.at.end));
                m.at = at;
                found.add(block, m, format!("text that says \"{phrase}\""));
            }
        }
    }
}

type Referral = Option<(CareLevel, String)>;

/// The referral each context makes, found once however many units it introduces.
struct Contexts<'p, 'r> {
    page: &'p units::Page<'r>,
    text: &'r PageText,
    referrals: &'p ReferralMatcher,
    found: HashMap<usize, Referral>,
    /// The referral in each footnote's own text.
    in_notes: Vec<Option<Referral>>,
    /// The most urgent referral among the sentences that refer to each footnote.
    to_notes: Option<Vec<Referral>>,
}

impl<'p, 'r> Contexts<'p, 'r> {
    fn new(page: &'p units::Page<'r>, text: &'r PageText, referrals: &'p ReferralMatcher) -> Self {
        Contexts {
            page,
            text,
            referrals,
            found: HashMap::new(),
            in_notes: vec![None; page.notes.len()],
            to_notes: None,
        }
    }

    fn of(&mut self, context: Context) -> Referral {
        match context {
            Context::Block(lead) => {
                if let Some(known) = self.found.get(&lead) {
                    return known.clone();
                }
                let text = units::lead_text(&self.text.blocks, lead);
                let referral = self.referrals.referral_in(&text);
                self.found.insert(lead, referral.clone());
                referral
            }
            // A footnote is introduced by the sentences that refer to it: the most urgent.
            Context::Note(n) => self.referring_notes().get(n).cloned().flatten(),
        }
    }

    /// For each footnote, the most urgent referral of the sentences that refer to it, each
    /// sentence read once.
    fn referring_notes(&mut self) -> &[Referral] {
        let (page, referrals) = (self.page, self.referrals);
        self.to_notes.get_or_insert_with(|| {
            let mut to: Vec<Referral> = vec![None; page.notes.len()];
            for r in &page.referring {
                let Some(referral) = referrals.referral_in(r.sentence) else {
                    continue;
                };
                for &n in &r.notes {
                    if to[n].as_ref().is_none_or(|(level, _)| *level < referral.0) {
                        to[n] = Some(referral.clone());
                    }
                }
            }
            to
        })
    }

    /// The most urgent referral in the footnotes a sentence refers to.
    fn of_notes(&mut self, notes: &[(usize, usize)]) -> Referral {
        notes
            .iter()
            .map(|&(_, n)| n)
            .filter_map(|n| {
                let referrals = self.referrals;
                let text = &self.page.notes[n].text;
                self.in_notes[n]
                    .get_or_insert_with(|| referrals.referral_in(text))
                    .clone()
            })
            .max_by_key(|(level, _)| *level)
    }
}

/// An emergency or urgent sign inside a warning or inset callout ("Stop if...") that does not
/// itself send the reader to that level of care: stopping is not enough.
fn in_warnings<'r>(
    text: &'r PageText,
    matcher: &FlagMatcher<'r>,
    referrals: &ReferralMatcher,
    found: &mut Found<'r>,
) {
    let mut by_callout: HashMap<usize, Vec<&TextBlock>> = HashMap::new();
    for block in &text.blocks {
        if let Some(c) = block.callout {
            by_callout.entry(c).or_default().push(block);
        }
    }
    for (index, callout) in text
        .callouts
        .iter()
        .enumerate()
        .filter(|(_, c)| c.kind.care_level().is_none())
    {
        let blocks = by_callout.remove(&index).unwrap_or_default();
        let all_text: String = blocks
            .iter()
            .map(|b| b.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let referred = referrals.referral_in(&all_text).map(|(level, _)| level);
        // A sign in the callout's own heading ("> [!NOTE] Losing bladder control").
        if let Some(first) = blocks.first() {
            let in_heading = matcher.flags_in(&callout.heading).into_iter();
            for mut m in in_heading.filter(|m| {
                m.flag.level > CareLevel::SeeGp && referred.is_none_or(|r| m.flag.level > r)
            }) {
                m.at = 0..0;
                let why = format!(
                    "the heading of a \"{}\" callout that does not say where to get help",
                    callout.kind.marker()
                );
                found.add(first, m, why);
            }
        }
        for block in blocks {
            let matches = matcher.flags_in(&block.text).into_iter();
            for m in matches.filter(|m| {
                m.flag.level > CareLevel::SeeGp && referred.is_none_or(|r| m.flag.level > r)
            }) {
                let why = format!(
                    "a \"{}\" callout that does not say where to get help",
                    callout.heading
                );
                found.add(block, m, why);
            }
        }
    }
}

fn under_graded(
    page: &Page,
    block: &TextBlock,
    m: &Match<'_>,
    where_: &str,
    action: &str,
) -> Diagnostic {
    let level = m.flag.level;
    Diagnostic::error(
        Code::RedFlagUnderGraded,
        format!(
            "\"{}\" is a sign of the {} red flag `{}` (\"{action}\"), but it is in {where_}",
            m.phrase,
            level.name(),
            m.flag.id,
        ),
    )
    .at(locate_in_block(page, block, &m.at))
    .help(format!(
        "move it to a `> [!{}]` care card, e.g. with `{{{{ red-flags {} }}}}`; a lower level of care could delay treatment",
        level.name().to_uppercase(),
        level.name()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn referrals_pick_the_most_urgent_level() {
        let source = crate::source::SourceFile::new(
            "book.toml",
            "[book]\ntitle = \"T\"\nlanguage = \"en-GB\"\n".into(),
        );
        let config = crate::config::Config::parse(&source).unwrap();
        let r = ReferralMatcher::new(&config.safety);
        assert_eq!(r.action(CareLevel::Emergency), "Call 999 or go to A&E now");
        assert_eq!(
            r.referral_in("See a GP, or call 999 if it is worse")
                .unwrap()
                .0,
            CareLevel::Emergency
        );
        assert_eq!(
            r.referral_in("Book an appointment with your GP").unwrap().0,
            CareLevel::SeeGp
        );
        assert!(r.referral_in("Keep moving").is_none());
    }
}
