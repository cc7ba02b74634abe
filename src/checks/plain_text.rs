//! Red flags in plain text (outside callouts): a sign in a sentence, read with what goes with
//! it, that sends the reader to a lower level of care, puts care off, makes it optional, says
//! it is nothing or says it is not needed. What goes with a sentence: the footnotes it refers
//! to, what introduces its unit (a list's lead-in, a table's header), the sentence before and
//! after it, a heading's answer, and the items a lead-in introduces. A sentence that sends a
//! symptom in general to care, but names no red flag, is noted for `unregistered-triage`.

use super::matcher::{FlagMatcher, Match};
use super::red_flags::{Found, ReferralMatcher};
use super::triage::Weakening;
use super::units::{self, Context, Unit};
use crate::content::FlagId;
use crate::content::registry::CareLevel;
use crate::markdown::{BlockRole, PageText};
use std::collections::HashMap;
use std::ops::Range;

type Referral = Option<(CareLevel, String)>;

/// What a sentence that names signs says about care.
enum Verdict {
    /// It puts care off, makes it optional, says it is nothing or not needed; a negation is
    /// let pass `unless` what goes with the sentence sends the sign high enough.
    Weakened {
        how: Weakening,
        phrase: String,
        unless: Option<CareLevel>,
    },
    /// It sends the reader to this level.
    Referred(CareLevel, String),
}

impl Verdict {
    fn weakened((how, phrase): (Weakening, String)) -> Self {
        Verdict::Weakened {
            how,
            phrase,
            unless: None,
        }
    }

    fn referred((level, phrase): (CareLevel, String)) -> Self {
        Verdict::Referred(level, phrase)
    }
}

/// What reads one page's units: the page's flags, referrals and the contexts found so far.
struct Reader<'p, 'r> {
    matcher: &'p FlagMatcher<'p, 'r>,
    referrals: &'p ReferralMatcher,
    contexts: Contexts<'p, 'r>,
}

/// One sentence of a unit, with what goes with it.
struct Sentence<'u> {
    range: Range<usize>,
    text: &'u str,
    /// The sentence before, when it names no sign.
    previous: Option<&'u str>,
    /// The sentences after, up to the next that names a sign.
    rest: Vec<&'u str>,
    /// The footnotes this sentence refers to.
    notes: &'u [(usize, usize)],
}

pub(super) fn check<'r>(
    text: &'r PageText,
    matcher: &FlagMatcher<'_, 'r>,
    referrals: &ReferralMatcher,
    found: &mut Found<'r>,
) {
    let page = units::read(text);
    let contexts = Contexts::new(&page, text, referrals);
    let mut reader = Reader {
        matcher,
        referrals,
        contexts,
    };
    for (u, unit) in page.units.iter().enumerate() {
        // A heading is read with what follows it: "What if I cannot control my bladder?"
        // answered by "See your GP".
        let heading = unit
            .blocks
            .first()
            .is_some_and(|b| b.role == BlockRole::Heading);
        let answer = page.units.get(u + 1).filter(|_| heading);
        reader.unit(unit, answer, found);
    }
}

impl<'p, 'r> Reader<'p, 'r> {
    fn unit(&mut self, unit: &'p Unit<'r>, answer: Option<&'p Unit<'r>>, found: &mut Found<'r>) {
        // Most units name no sign and no emergency or urgent service: one search of the whole
        // unit says so, and it is not cut into sentences.
        let signs = !self.matcher.flags_in(&unit.text).is_empty();
        if !signs
            && !self
                .referrals
                .names_serious_care_in(&unit.text, self.matcher)
        {
            return;
        }
        let sentences = unit.sentences();
        let signs: Vec<Vec<Match<'r>>> = sentences
            .iter()
            .map(|(_, s)| self.matcher.flags_in(s))
            .collect();
        let elsewhere = self.elsewhere(&sentences, &signs);
        let mut refs = &unit.refs[..];
        for (k, (range, text)) in sentences.iter().enumerate() {
            // The footnotes this sentence refers to (references are in order, like sentences).
            let skip = refs.iter().take_while(|(at, _)| *at < range.start).count();
            refs = &refs[skip..];
            let here = refs.iter().take_while(|(at, _)| *at <= range.end).count();
            let (notes, later) = refs.split_at(here);
            refs = later;
            if signs[k].is_empty() {
                if let Some((at, level, phrase)) = self.referrals.unregistered_in(text) {
                    // A lead-in to a list of registered signs ("Call 999 if you have back
                    // pain and:") is the registry's triage.
                    if !self.leads_to_signs(unit.index) {
                        let at = unit.place(&(range.start + at.start..range.start + at.end));
                        found.unregistered.add(at, level, &phrase);
                    }
                }
                continue;
            }
            let plain = |i: usize| signs[i].is_empty().then_some(sentences[i].1);
            let sentence = Sentence {
                range: range.clone(),
                text,
                previous: k.checked_sub(1).and_then(plain),
                rest: (k + 1..sentences.len()).map_while(plain).collect(),
                notes,
            };
            let signs = signs[k].clone();
            self.sentence(unit, (answer, &elsewhere), &sentence, signs, found);
        }
    }

    /// The most urgent level each sign is sent to by a sentence of the unit that names it: "Most
    /// lumps are not serious. But a new lump needs checking the same day."
    fn elsewhere(
        &self,
        sentences: &[(Range<usize>, &str)],
        signs: &[Vec<Match<'r>>],
    ) -> HashMap<FlagId, CareLevel> {
        let mut levels: HashMap<FlagId, CareLevel> = HashMap::new();
        for ((_, text), signs) in sentences.iter().zip(signs).filter(|(_, s)| !s.is_empty()) {
            // Only a sentence that sends the sign plainly: not put off, hedged or played down.
            if self.referrals.weakened_in(text).is_some() {
                continue;
            }
            let Some((level, _)) = self.referrals.referral_in(text) else {
                continue;
            };
            for m in signs {
                let known = levels.entry(m.index).or_insert(level);
                *known = (*known).max(level);
            }
        }
        levels
    }

    /// Whether the items the block at `lead` introduces name a sign.
    fn leads_to_signs(&mut self, lead: usize) -> bool {
        let (matcher, text) = (self.matcher, self.contexts.text);
        (self.contexts.items_of(lead).iter())
            .any(|&i| !matcher.flags_in(&text.blocks[i].text).is_empty())
    }

    /// A sentence that names signs, judged by what it says about care ([`Reader::verdict`]).
    fn sentence(
        &mut self,
        unit: &Unit<'r>,
        (answer, elsewhere): (Option<&Unit<'r>>, &HashMap<FlagId, CareLevel>),
        sentence: &Sentence<'_>,
        signs: Vec<Match<'r>>,
        found: &mut Found<'r>,
    ) {
        let Some(verdict) = self.verdict(unit, answer, sentence) else {
            return;
        };
        for m in signs {
            let level = m.flag.level;
            let why = match &verdict {
                Verdict::Weakened {
                    how,
                    phrase,
                    unless,
                } => {
                    // Played down or turned down here, but sent high enough by another
                    // sentence that names it: a delay still puts it off.
                    let sent = elsewhere.get(&m.index).is_some_and(|&l| l >= level);
                    let kept =
                        unless.is_some_and(|l| l >= level) || (sent && *how != Weakening::Delay);
                    if level == CareLevel::SeeGp || kept {
                        continue;
                    }
                    format!("text that {} (\"{phrase}\")", how.says())
                }
                Verdict::Referred(to, phrase) => {
                    if level <= *to {
                        continue;
                    }
                    format!("text that says \"{phrase}\"")
                }
            };
            let range = &sentence.range;
            let (block, at) = unit.place(&(range.start + m.at.start..range.start + m.at.end));
            found.add(block, Match { at, ..m }, why);
        }
    }

    /// What a sentence that names signs says about care: a question by its answer ("Should I
    /// call 999? No, see your GP."), then its own words, then what goes with it, then whether
    /// what follows puts care off or plays it down.
    fn verdict(
        &mut self,
        unit: &Unit<'r>,
        answer: Option<&Unit<'r>>,
        s: &Sentence<'_>,
    ) -> Option<Verdict> {
        let referrals = self.referrals;
        let question = is_question(s.text);
        let reply = s.rest.first().copied().or(answer.map(|a| a.text.as_ref()));
        if let Some(reply) = reply.filter(|_| question) {
            let judged = referrals.weakened_in(reply).map(Verdict::weakened);
            if let Some(v) = judged.or_else(|| referrals.referral_in(reply).map(Verdict::referred))
            {
                return Some(v);
            }
        }
        match referrals.weakened_in(s.text) {
            // "Do not book a GP appointment for this. Call 999." turns down a lower level.
            Some((Weakening::Negated, phrase)) => Some(Verdict::Weakened {
                how: Weakening::Negated,
                phrase,
                unless: self.with(unit, answer, s).map(|(level, _)| level),
            }),
            Some(weakened) => Some(Verdict::weakened(weakened)),
            None => {
                if let Some(own) = referrals.referral_in(s.text) {
                    return Some(Verdict::referred(own));
                }
                // The next sentence's referral, put off: "Lie down for an hour. Call 999 if
                // it has not gone by then."
                let next = s.rest.first().and_then(|n| referrals.qualifiers.in_text(n));
                if let Some(delay) = next.filter(|(how, _)| *how == Weakening::Delay) {
                    return Some(Verdict::weakened(delay));
                }
                self.with(unit, answer, s)
                    .map(Verdict::referred)
                    .or_else(|| self.after(unit, answer, s).map(Verdict::weakened))
            }
        }
    }

    /// The referral made by what goes with a sentence, nearest first.
    fn with(&mut self, unit: &Unit<'r>, answer: Option<&Unit<'r>>, s: &Sentence<'_>) -> Referral {
        let referrals = self.referrals;
        self.contexts
            .of_notes(s.notes)
            .or_else(|| unit.context.and_then(|c| self.contexts.of(c)))
            // A question proposes a service; its answer says whether to use it.
            .or_else(|| {
                s.previous
                    .filter(|p| !is_question(p))
                    .and_then(|p| referrals.referral_in(p))
            })
            .or_else(|| {
                let next = s.rest.first().filter(|n| !is_question(n));
                next.and_then(|n| referrals.referral_in(n))
            })
            .or_else(|| answer.and_then(|a| referrals.referral_in(&a.text)))
            .or_else(|| self.contexts.of_items(unit.index))
    }

    /// How the sentences after a sign (up to the next sign), a heading's answer, or the items
    /// a lead-in introduces put the care off or play it down: "Chest pain? Rest, and try a
    /// heat pack. It is usually just a strain."
    fn after(
        &mut self,
        unit: &Unit<'r>,
        answer: Option<&Unit<'r>>,
        s: &Sentence<'_>,
    ) -> Option<(Weakening, String)> {
        let referrals = self.referrals;
        s.rest
            .iter()
            .find_map(|t| referrals.weakened_in(t))
            .or_else(|| answer.and_then(|a| referrals.weakened_in(&a.text)))
            .or_else(|| self.contexts.weakened_items(unit.index))
    }
}

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
    /// The blocks each lead-in introduces.
    items: Option<HashMap<usize, Vec<usize>>>,
    /// What the items of each lead-in say: the most urgent referral, and the first weakening.
    led: HashMap<usize, (Referral, Option<(Weakening, String)>)>,
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
            items: None,
            led: HashMap::new(),
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

    /// The blocks the block at `lead` introduces (the items of a list after it), each page's
    /// map made once.
    fn items_of(&mut self, lead: usize) -> &[usize] {
        let blocks = &self.text.blocks;
        let items = self.items.get_or_insert_with(|| {
            let mut items: HashMap<usize, Vec<usize>> = HashMap::new();
            for (i, block) in blocks.iter().enumerate() {
                if let Some(lead) = block.lead_in {
                    items.entry(lead).or_default().push(i);
                }
            }
            items
        });
        items.get(&lead).map_or(&[], Vec::as_slice)
    }

    /// What the items a lead-in introduces say, read once: the most urgent referral ("If you
    /// have a high temperature:" then "- call 111"), and the first item that puts care off
    /// or plays it down.
    fn led(&mut self, lead: usize) -> &(Referral, Option<(Weakening, String)>) {
        if !self.led.contains_key(&lead) {
            let (text, referrals) = (self.text, self.referrals);
            let items = self.items_of(lead);
            let referral = items
                .iter()
                .filter_map(|&i| referrals.referral_in(&text.blocks[i].text))
                .max_by_key(|(level, _)| *level);
            let weakened = items
                .iter()
                .find_map(|&i| referrals.weakened_in(&text.blocks[i].text));
            self.led.insert(lead, (referral, weakened));
        }
        &self.led[&lead]
    }

    fn of_items(&mut self, lead: usize) -> Referral {
        self.led(lead).0.clone()
    }

    fn weakened_items(&mut self, lead: usize) -> Option<(Weakening, String)> {
        self.led(lead).1.clone()
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

/// Whether a sentence asks (a question mark, in any of the scripts' forms).
pub(super) fn is_question(text: &str) -> bool {
    text.trim_end().ends_with(['?', '\u{ff1f}', '\u{61f}'])
}
