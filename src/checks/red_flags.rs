//! Rule 3: every red flag appears in a care card of exactly its own level, and no red flag sign
//! is sent to a lower level of care, neither in a care card nor in plain text ("see a GP if you
//! lose control of your bladder" must fail the build), nor split from the referral between a
//! list and its lead-in, a table row and its header, or a sentence and its footnote.

use super::CheckContext;
use super::locate_in_block;
use super::matcher::{FlagMatcher, Match, Phrases};
use super::plain_text;
use super::triage::{Qualifiers, Weakening};
use super::units;
use super::unregistered::Unregistered;
use crate::codes::Code;
use crate::config::{CareCardHeadings, SafetyConfig};
use crate::content::registry::{CareLevel, Entry};
use crate::content::{FlagId, Page};
use crate::diagnostics::Diagnostic;
use crate::markdown::{PageFacts, PageText, TextBlock};
use std::collections::HashMap;
use typed_index_collections::TiVec;

/// A red flag's sign sent to a lower level of care on one page.
pub(super) fn check_page(
    page: &Page,
    text: &PageText,
    matcher: &FlagMatcher<'_, '_>,
    referrals: &ReferralMatcher,
) -> Vec<Diagnostic> {
    if matcher.is_empty() {
        return Vec::new();
    }
    let mut found = Found::default();
    in_cards(text, matcher, &mut found);
    plain_text::check(text, matcher, referrals, &mut found);
    in_warnings(text, matcher, referrals, &mut found);
    let mut problems = found.diagnostics(page, referrals);
    problems.extend(in_front_matter(page, matcher, referrals));
    problems
}

/// A sign sent to a lower level of care in a front matter text (title, summary, a dose): what
/// search results, the home page's lists and the cards show on their own.
fn in_front_matter(
    page: &Page,
    matcher: &FlagMatcher<'_, '_>,
    referrals: &ReferralMatcher,
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for (field, whole) in page.front.texts() {
        if matcher.flags_in(whole).is_empty() {
            continue;
        }
        for (_, sentence) in units::sentences(whole) {
            let signs = matcher.flags_in(sentence);
            if signs.is_empty() {
                continue;
            }
            let weakened = referrals.weakened_in(sentence).map(|(how, phrase)| {
                let why = format!("text that {} (\"{phrase}\")", how.says());
                (CareLevel::SeeGp, why)
            });
            // A title or summary is read whole: "Numb down below? Book a GP check-up."
            let lower = || {
                let (level, phrase) = referrals
                    .referral_in(sentence)
                    .or_else(|| referrals.referral_in(whole))?;
                Some((level, format!("text that says \"{phrase}\"")))
            };
            let Some((level, why)) = weakened.or_else(lower) else {
                continue;
            };
            for m in signs.into_iter().filter(|m| m.flag.level > level) {
                let say = match m.flag.card() {
                    None => format!("say \"{}\"", referrals.action(m.flag.level)),
                    Some(card) => format!("send readers where the `{card}` card does"),
                };
                problems.push(
                    Diagnostic::error(Code::RedFlagUnderGraded, format!("{}, but the page's {field} puts it in {why}", sign_of(&m, referrals)))
                        .at(crate::content::field_location(page, field))
                        .help(format!("{say} for this sign, or leave it out of the {field} and place it with `{}`", directive(m.flag))),
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
    matcher: &FlagMatcher<'_, '_>,
) -> Vec<FlagId> {
    let flags = matcher.flags();
    let mut placed: Vec<FlagId> = flags
        .keys()
        .filter(|&f| {
            let level = flags[f].level;
            facts.placements.iter().any(|p| {
                p.what.places(level, flags[f].card())
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
            let level = flag.level.name();
            let (what, args) = match flag.card() {
                Some(card) => (format!("{level} care card `{card}`"), format!("{level} {card}")),
                None => (format!("{level} care card"), level.to_string()),
            };
            let d = Diagnostic::error(Code::RedFlagMissing, format!("the red flag `{}` is not in its {what}", flag.id))
                .help(format!("place it with `{{{{ red-flags {args} }}}}` inside a `> [!{}]` card, usually on the help page", level.to_uppercase()));
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
    /// The emergency and urgent phrases together, to tell in one search that a text names
    /// neither.
    serious: Phrases,
    /// The group of the pages' term index ([`FlagMatcher::others_in`]) that holds the
    /// `serious` phrases by their stems, if one does.
    serious_group: Option<usize>,
    pub(super) qualifiers: Qualifiers,
    /// The registry's file name, for the help of `unregistered-triage`.
    registry: String,
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
            serious: Phrases::new(referrals.emergency.iter().chain(&referrals.urgent)),
            serious_group: None,
            qualifiers: Qualifiers::new(safety),
            registry: safety.registry.display().to_string(),
        }
    }

    /// How `text` weakens the care it refers to: a delay, a hedge, or a referral it negates.
    pub(super) fn weakened_in(&self, text: &str) -> Option<(Weakening, String)> {
        if let Some(found) = self.qualifiers.in_text(text) {
            return Some(found);
        }
        // A referral the text also makes is a contrast, not a dismissal: "you do not need to
        // see a GP for most back pain, but call 999 if...".
        if self.referral_in(text).is_some() {
            return None;
        }
        if let Some(phrase) = self.qualifiers.dismissal_in(text) {
            return Some((Weakening::Dismissed, phrase));
        }
        let negation = &self.qualifiers.negation;
        self.levels.iter().find_map(|(_, phrases)| {
            let negated = phrases.find_where(text, |start| negation.negates(text, start));
            let first = negated.first()?;
            Some((Weakening::Negated, text[first.at.clone()].to_string()))
        })
    }

    /// A symptom in general that `text` sends to emergency or urgent care, with the level and
    /// phrase. Routine advice ("talk to your GP if the pain lasts") is everywhere, and a
    /// routine sign missing from a card delays nothing, so it is not reported.
    pub(super) fn unregistered_in(
        &self,
        text: &str,
    ) -> Option<(std::ops::Range<usize>, CareLevel, String)> {
        // A question is answered by what follows it, which is read on its own.
        if plain_text::is_question(text) {
            return None;
        }
        let at = self.qualifiers.symptom_in(text)?;
        // Most sentences name no emergency or urgent service: say so before reading negation.
        let (level, phrase) = self
            .names_serious_care(text)
            .then(|| self.referral_in(text))
            .flatten()
            .filter(|(l, _)| *l > CareLevel::SeeGp)?;
        Some((at, level, phrase))
    }

    /// Whether `text` names an emergency or urgent service at all (negated or not).
    pub(super) fn names_serious_care(&self, text: &str) -> bool {
        self.serious.first_in(text).is_some()
    }

    /// [`ReferralMatcher::names_serious_care`], told first by the page's one search of
    /// `text`: a text whose words' stems hold no serious phrase holds none of them as written.
    pub(super) fn names_serious_care_in(&self, text: &str, matcher: &FlagMatcher) -> bool {
        let held = |group| !matcher.others_in(text, |g| g == group).is_empty();
        self.serious_group.is_none_or(held) && self.names_serious_care(text)
    }

    /// The emergency and urgent phrases, to be searched for as group `group` of the pages'
    /// term index, with the other rules' terms.
    pub(super) fn serious_terms(&mut self, group: usize) -> impl Iterator<Item = (usize, &str)> {
        self.serious_group = Some(group);
        self.serious.phrases().map(move |p| (group, p))
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
    pub(super) fn referral_in(&self, text: &str) -> Option<(CareLevel, String)> {
        let negation = &self.qualifiers.negation;
        // A phrase inside a negated one is negated with it: "GP" in "do not need to see a GP".
        let negated: Vec<std::ops::Range<usize>> = self
            .levels
            .iter()
            .flat_map(|(_, phrases)| phrases.places(text))
            .filter(|r| negation.negates(text, r.start))
            .collect();
        let kept = |start: usize| {
            !negation.negates(text, start) && !negated.iter().any(|r| r.contains(&start))
        };
        self.levels.iter().find_map(|(level, phrases)| {
            let found = phrases.find_where(text, kept);
            let first = found.first()?;
            Some((*level, phrases.phrase(first.index).to_string()))
        })
    }
}

/// The signs found sent to a lower level of care, one entry per block, flag and reason, with
/// how often: a paragraph that repeats a sign 40,000 times is one problem, located once.
#[derive(Default)]
pub(super) struct Found<'r> {
    order: Vec<(&'r TextBlock, Match<'r>, String, usize)>,
    seen: HashMap<(usize, FlagId, String), usize>,
    pub(super) unregistered: Unregistered<'r>,
}

impl<'r> Found<'r> {
    pub(super) fn add(&mut self, block: &'r TextBlock, m: Match<'r>, why: String) {
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
        let mut problems: Vec<Diagnostic> = self
            .order
            .into_iter()
            .map(|(block, m, why, more)| {
                let mut d = under_graded(page, block, &m, &why, referrals);
                d.more = more;
                d
            })
            .collect();
        problems.extend(self.unregistered.diagnostics(page, &referrals.registry));
        problems
    }
}

/// The care level of the card holding a block, if it is in a care card.
fn card_level(text: &PageText, block: &TextBlock) -> Option<CareLevel> {
    block
        .callout
        .and_then(|c| text.callouts[c].kind.care_level())
}

/// A sign inside a care card of a lower level than its flag.
fn in_cards<'r>(text: &'r PageText, matcher: &FlagMatcher<'_, 'r>, found: &mut Found<'r>) {
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

/// An emergency or urgent sign inside a warning or inset callout ("Stop if...") that does not
/// itself send the reader to that level of care: stopping is not enough.
fn in_warnings<'r>(
    text: &'r PageText,
    matcher: &FlagMatcher<'_, 'r>,
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
        // Read only when the callout names a serious sign: most callouts name none.
        let referred = std::cell::OnceCell::new();
        let referred = || {
            *referred.get_or_init(|| {
                let all_text = blocks.iter().map(|b| b.text.as_str());
                let all_text = all_text.collect::<Vec<_>>().join(" ");
                referrals.referral_in(&all_text).map(|(level, _)| level)
            })
        };
        // A sign in the callout's own heading ("> [!NOTE] Losing bladder control").
        if let Some(first) = blocks.first() {
            let in_heading = matcher.flags_in(&callout.heading).into_iter();
            for mut m in in_heading.filter(|m| {
                m.flag.level > CareLevel::SeeGp && referred().is_none_or(|r| m.flag.level > r)
            }) {
                m.at = 0..0;
                let why = format!(
                    "the heading of a \"{}\" callout that does not say where to get help",
                    callout.kind.marker()
                );
                found.add(first, m, why);
            }
        }
        for &block in &blocks {
            let matches = matcher.flags_in(&block.text).into_iter();
            for m in matches.filter(|m| {
                m.flag.level > CareLevel::SeeGp && referred().is_none_or(|r| m.flag.level > r)
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
    referrals: &ReferralMatcher,
) -> Diagnostic {
    let level = m.flag.level;
    Diagnostic::error(
        Code::RedFlagUnderGraded,
        format!("{}, but it is in {where_}", sign_of(m, referrals)),
    )
    .at(locate_in_block(page, block, &m.at))
    .help(format!(
        "move it to a `> [!{}]` care card, e.g. with `{}`; a lower level of care could delay treatment",
        level.name().to_uppercase(),
        directive(m.flag),
    ))
}

/// What a message says a matched sign is: its flag, its level and what that asks of the
/// reader. A flag on a card of its own is sent where that card sends readers (the midwife, the
/// cancer team), not to its level's usual service, so the message names the card.
fn sign_of(m: &Match<'_>, referrals: &ReferralMatcher) -> String {
    let flag = m.flag;
    let asks = match flag.card() {
        None => format!("\"{}\"", referrals.action(flag.level)),
        Some(card) => format!("it belongs on the `{card}` card"),
    };
    format!(
        "\"{}\" is a sign of the {} red flag `{}` ({asks})",
        m.phrase,
        flag.level.name(),
        flag.id
    )
}

/// The directive that places a flag's card: `{{ red-flags urgent }}` or, for a card of its
/// own, `{{ red-flags urgent pregnancy }}`.
fn directive(flag: &crate::content::registry::RedFlag) -> String {
    match flag.card() {
        None => format!("{{{{ red-flags {} }}}}", flag.level.name()),
        Some(card) => format!("{{{{ red-flags {} {card} }}}}", flag.level.name()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::matcher::FlagIndex;

    /// A guide's settings with only the en-GB locale's defaults.
    fn en_gb() -> crate::config::Config {
        let source = crate::source::SourceFile::new(
            "book.toml",
            "[book]\ntitle = \"T\"\nlanguage = \"en-GB\"\n".into(),
        );
        crate::config::Config::parse(&source).unwrap()
    }

    #[test]
    fn referrals_pick_the_most_urgent_level() {
        let config = en_gb();
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

    #[test]
    fn the_one_search_finds_every_serious_service_the_phrases_find() {
        let config = en_gb();
        let mut r = ReferralMatcher::new(&config.safety);
        let flags = TiVec::new();
        let lexicon = Default::default();
        let index = FlagIndex::with(&flags, ("en-GB", &[]), &lexicon, r.serious_terms(0));
        let matcher = index.matcher();
        let texts = [
            "Call 999 now.",
            "Go to A&E.",
            "go to a&e's front desk",
            "Ring １１１ or an ambulance",
            "Get a same-day appointment",
            "an URGENT GP visit",
            "an EMERGENCY",
            "Ca\u{ad}ll 999",
            "Keep moving and rest",
            "9999 steps",
        ];
        for text in texts {
            let exact = r.names_serious_care(text);
            assert_eq!(r.names_serious_care_in(text, &matcher), exact, "{text}");
        }
        assert!(r.names_serious_care("Go to A&E."));
        assert!(!r.names_serious_care("9999 steps"));
    }
}
