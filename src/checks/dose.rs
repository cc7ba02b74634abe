//! Doses no clinician would give (`dose-too-high`): a technique page, or its `hold` and
//! `repetitions`, that asks for more repetitions, a longer hold or more goes a day than
//! `[safety.dose]` allows ("100 repetitions", "stay in the pose for 10 minutes", "every 10
//! minutes", which is many times a day). A number is digits, an amount of the locale ("a dozen",
//! "half an") or number words, read by the text2num crate for the guide's language; its
//! unit is one of the next few words. The words are locale data; every pass is linear.

use super::locate_in_block;
use super::units;
use crate::codes::Code;
use crate::config::Dose;
use crate::content::{Page, PageKind, field_location};
use crate::diagnostics::{Diagnostic, Location};
use crate::markdown::PageText;
use std::borrow::Cow;
use std::ops::Range;

/// How many words after a number its unit may be ("10 to 20 seconds", "50 back bends").
const UNIT_REACH: usize = 3;

pub(super) struct Doses {
    limits: Limits,
    words: Words,
    numbers: Option<text2num::Language>,
}

struct Limits {
    repetitions: Option<f64>,
    hold_seconds: Option<f64>,
    times_a_day: Option<f64>,
    waking_hours: Option<f64>,
}

/// Each list as word sequences, lower case.
struct Words {
    repetitions: Phrases,
    counts_after: Phrases,
    seconds: Phrases,
    minutes: Phrases,
    hours: Phrases,
    holds: Phrases,
    per_day: Phrases,
    per_hour: Phrases,
    every: Phrases,
    amounts: Vec<(Vec<String>, f64)>,
}

struct Phrases(Vec<Vec<String>>);

impl Phrases {
    fn new(list: &[String]) -> Self {
        Phrases(
            list.iter()
                .map(|p| split(p))
                .filter(|p| !p.is_empty())
                .collect(),
        )
    }

    /// The length of the longest phrase at `tokens[i..]`, in words.
    fn at(&self, tokens: &[Tok], i: usize) -> Option<usize> {
        let rest = tokens.get(i..)?;
        (self.0.iter())
            .filter(|p| p.len() <= rest.len() && p.iter().zip(rest).all(|(w, t)| *w == t.word))
            .map(Vec::len)
            .max()
    }

    fn anywhere(&self, tokens: &[Tok]) -> bool {
        (0..tokens.len()).any(|i| self.at(tokens, i).is_some())
    }

    /// Whether a phrase ends just before `tokens[i]`.
    fn ends_at(&self, tokens: &[Tok], i: usize) -> bool {
        (self.0.iter()).any(|p| i >= p.len() && self.at(tokens, i - p.len()) == Some(p.len()))
    }
}

fn split(phrase: &str) -> Vec<String> {
    phrase.split_whitespace().map(str::to_lowercase).collect()
}

/// A word of the text: where, and its lower case.
struct Tok {
    at: Range<usize>,
    word: String,
}

impl text2num::Token for &Tok {
    fn text(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.word)
    }

    fn text_lowercase(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.word)
    }
}

/// What a text's context says its bare numbers are: a `hold` or `repetitions` field.
#[derive(Clone, Copy, Default)]
struct Context {
    hold: bool,
    count: bool,
}

/// A number with its words: token range and value.
struct Quantity {
    tokens: Range<usize>,
    value: f64,
}

/// What a number counts.
enum Unit {
    Repetitions,
    Seconds(f64),
}

/// A dose over a limit: where (bytes of the text), what, how much, and the limit.
struct Excess {
    at: Range<usize>,
    what: &'static str,
    amount: f64,
    limit: f64,
}

impl Doses {
    pub(super) fn new(dose: &Dose, language: &str) -> Self {
        let primary = language.split(['-', '_']).next().unwrap_or("");
        Doses {
            limits: Limits {
                repetitions: dose.most_repetitions.map(f64::from),
                hold_seconds: dose.longest_hold_seconds.map(f64::from),
                times_a_day: dose.most_times_a_day.map(f64::from),
                waking_hours: dose.waking_hours.map(f64::from),
            },
            words: Words {
                repetitions: Phrases::new(&dose.repetitions),
                counts_after: Phrases::new(&dose.counts_after),
                seconds: Phrases::new(&dose.seconds),
                minutes: Phrases::new(&dose.minutes),
                hours: Phrases::new(&dose.hours),
                holds: Phrases::new(&dose.holds),
                per_day: Phrases::new(&dose.per_day),
                per_hour: Phrases::new(&dose.per_hour),
                every: Phrases::new(&dose.every),
                amounts: (dose.amounts.iter()).map(|(w, v)| (split(w), *v)).collect(),
            },
            numbers: text2num::get_interpreter_for(&primary.to_lowercase()),
        }
    }

    pub(super) fn check(&self, page: &Page, text: &PageText) -> Vec<Diagnostic> {
        if page.kind() != PageKind::Technique {
            return Vec::new();
        }
        let mut problems = Vec::new();
        for (field, value) in page.front.texts() {
            let context = Context {
                hold: field == "hold",
                count: field == "repetitions",
            };
            let at = field_location(page, field);
            (self.excesses(value, context).into_iter())
                .for_each(|e| problems.push(self.report(&e, at.clone())));
        }
        for block in &text.blocks {
            for (range, sentence) in units::sentences(&block.text) {
                for e in self.excesses(sentence, Context::default()) {
                    let at = range.start + e.at.start..range.start + e.at.end;
                    problems.push(self.report(&e, locate_in_block(page, block, &at)));
                }
            }
        }
        problems
    }

    fn report(&self, e: &Excess, at: Location) -> Diagnostic {
        let (amount, limit) = (e.amount, e.limit);
        Diagnostic::error(Code::DoseTooHigh, format!("this asks for {amount} {}, more than a self-care technique asks for (at most {limit})", e.what))
            .at(at)
            .help("give the dose a clinician would give, e.g. \"hold for 10 to 20 seconds\", \"5 times, up to 3 times a day\" ([safety.dose] sets the limits)")
    }

    /// Every dose over a limit in `text`.
    fn excesses(&self, text: &str, context: Context) -> Vec<Excess> {
        let tokens = tokens(text);
        if tokens.is_empty() {
            return Vec::new();
        }
        let hold = context.hold || self.words.holds.anywhere(&tokens);
        let mut found = Vec::new();
        for q in self.quantities(&tokens) {
            let unit = self.unit_after(&tokens, q.tokens.end);
            let at = tokens[q.tokens.start].at.start..tokens[q.tokens.end - 1].at.end;
            let excess = match unit {
                Some((Unit::Repetitions, end)) => self.repetitions(&tokens, q.value, end),
                Some((Unit::Seconds(s), end)) => {
                    let every = self.words.every.ends_at(&tokens, q.tokens.start);
                    self.time(&tokens, q.value * s, end, every, hold)
                }
                None if context.count
                    || self.words.counts_after.ends_at(&tokens, q.tokens.start) =>
                {
                    over(self.limits.repetitions, q.value, "repetitions")
                }
                None => None,
            };
            found.extend(excess.map(|(what, amount, limit)| Excess {
                at,
                what,
                amount,
                limit,
            }));
        }
        found.extend(self.every_unit(&tokens));
        found
    }

    /// A count: so many a day, so many an hour, or so many in one go.
    fn repetitions(
        &self,
        tokens: &[Tok],
        value: f64,
        end: usize,
    ) -> Option<(&'static str, f64, f64)> {
        let near =
            |p: &Phrases| (end..(end + 2).min(tokens.len())).any(|j| p.at(tokens, j).is_some());
        if near(&self.words.per_day) {
            over(self.limits.times_a_day, value, "times a day")
        } else if near(&self.words.per_hour) {
            self.times_a_day(value)
        } else {
            over(self.limits.repetitions, value, "repetitions")
        }
    }

    /// A length of time: a gap between goes ("every 10 minutes"), a session ("20 minutes a
    /// day", not checked) or, in a text about holding a position, a hold.
    fn time(
        &self,
        tokens: &[Tok],
        seconds: f64,
        end: usize,
        every: bool,
        hold: bool,
    ) -> Option<(&'static str, f64, f64)> {
        let session =
            (end..(end + 2).min(tokens.len())).any(|j| self.words.per_day.at(tokens, j).is_some());
        if every {
            self.times_a_day(3600.0 / seconds)
        } else if hold && !session {
            over(self.limits.hold_seconds, seconds, "seconds of holding")
        } else {
            None
        }
    }

    /// "every minute": a gap of one unit, with no number.
    fn every_unit(&self, tokens: &[Tok]) -> Vec<Excess> {
        (0..tokens.len())
            .filter_map(|i| {
                let len = self.words.every.at(tokens, i)?;
                let (Unit::Seconds(s), end) = self.unit_at(tokens, i + len)? else {
                    return None;
                };
                let (what, amount, limit) = self.times_a_day(3600.0 / s)?;
                let at = tokens[i].at.start..tokens[end - 1].at.end;
                Some(Excess {
                    at,
                    what,
                    amount,
                    limit,
                })
            })
            .collect()
    }

    /// So many goes an hour, as times a day over the reader's waking hours.
    fn times_a_day(&self, per_hour: f64) -> Option<(&'static str, f64, f64)> {
        let day = (per_hour * self.limits.waking_hours?).round();
        over(self.limits.times_a_day, day, "times a day")
    }

    /// The numbers of a text, longest first where they overlap: digits, the locale's
    /// amounts and number words.
    fn quantities(&self, tokens: &[Tok]) -> Vec<Quantity> {
        let mut all: Vec<Quantity> = Vec::new();
        for (i, t) in tokens.iter().enumerate() {
            if let Ok(value) = t.word.parse::<f64>() {
                all.push(Quantity {
                    tokens: i..i + 1,
                    value,
                });
            }
            for (words, value) in &self.words.amounts {
                let here = tokens.get(i..i + words.len());
                if here.is_some_and(|h| h.iter().zip(words).all(|(t, w)| t.word == *w)) {
                    all.push(Quantity {
                        tokens: i..i + words.len(),
                        value: *value,
                    });
                }
            }
        }
        if let Some(language) = &self.numbers {
            let found = text2num::find_numbers(tokens.iter(), language, 0.0);
            all.extend(
                (found.into_iter())
                    .filter(|o| !o.is_ordinal)
                    .map(|o| Quantity {
                        tokens: o.start..o.end,
                        value: o.value,
                    }),
            );
        }
        all.sort_by_key(|q| (q.tokens.start, std::cmp::Reverse(q.tokens.end)));
        let mut kept: Vec<Quantity> = Vec::new();
        for q in all {
            if kept.last().is_none_or(|k| k.tokens.end <= q.tokens.start) {
                kept.push(q);
            }
        }
        kept
    }

    /// The unit among the next few words after a number, and where it ends.
    fn unit_after(&self, tokens: &[Tok], from: usize) -> Option<(Unit, usize)> {
        (from..(from + UNIT_REACH).min(tokens.len())).find_map(|j| self.unit_at(tokens, j))
    }

    fn unit_at(&self, tokens: &[Tok], j: usize) -> Option<(Unit, usize)> {
        let w = &self.words;
        let units = [
            (&w.repetitions, Unit::Repetitions),
            (&w.seconds, Unit::Seconds(1.0)),
            (&w.minutes, Unit::Seconds(60.0)),
            (&w.hours, Unit::Seconds(3600.0)),
        ];
        (units.into_iter()).find_map(|(p, unit)| p.at(tokens, j).map(|len| (unit, j + len)))
    }
}

fn over(limit: Option<f64>, amount: f64, what: &'static str) -> Option<(&'static str, f64, f64)> {
    limit.filter(|&l| amount > l).map(|l| (what, amount, l))
}

/// The words of `text`, lower case; "1.5" and "1,000" are one word.
fn tokens(text: &str) -> Vec<Tok> {
    let mut tokens: Vec<Tok> = Vec::new();
    for (at, word) in super::stems::words(text) {
        if let Some(last) = tokens.last_mut() {
            let between = &text[last.at.end..at.start];
            let digits = |w: &str| w.bytes().all(|b| b.is_ascii_digit());
            if (between == "." || between == ",") && digits(&last.word) && digits(word) {
                let sep = if between == "," { "" } else { "." };
                last.word = format!("{}{sep}{word}", last.word);
                last.at.end = at.end;
                continue;
            }
        }
        tokens.push(Tok {
            at,
            word: word.to_lowercase(),
        });
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doses() -> Doses {
        let list = |l: &[&str]| l.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let dose = Dose {
            most_repetitions: Some(30),
            longest_hold_seconds: Some(120),
            most_times_a_day: Some(12),
            waking_hours: Some(16),
            repetitions: list(&["times", "repetitions", "bends"]),
            counts_after: list(&["sets of"]),
            seconds: list(&["seconds"]),
            minutes: list(&["minutes", "minute"]),
            hours: list(&["hour"]),
            holds: list(&["hold", "stay in", "roll"]),
            per_day: list(&["a day"]),
            per_hour: list(&["an hour"]),
            every: list(&["every"]),
            amounts: [("half an".to_string(), 0.5), ("an".to_string(), 1.0)].into(),
        };
        Doses::new(&dose, "en-GB")
    }

    fn what(text: &str) -> Vec<(&'static str, f64)> {
        let d = doses();
        (d.excesses(text, Context::default()).into_iter())
            .map(|e| (e.what, e.amount))
            .collect()
    }

    #[test]
    fn doses_over_the_limits_are_found() {
        assert_eq!(
            what("Do 100 repetitions each morning."),
            [("repetitions", 100.0)]
        );
        assert_eq!(
            what("Aim for fifty back bends, 20 times a day."),
            [("repetitions", 50.0), ("times a day", 20.0)]
        );
        assert_eq!(what("Repeat it every 10 minutes."), [("times a day", 96.0)]);
        assert_eq!(
            what("Stay in the pose for 10 minutes or more."),
            [("seconds of holding", 600.0)]
        );
        assert_eq!(
            what("Roll for half an hour on each side."),
            [("seconds of holding", 1800.0)]
        );
        assert_eq!(what("Do it 6 times an hour."), [("times a day", 96.0)]);
        assert_eq!(what("Do it every hour."), [("times a day", 16.0)]);
        assert_eq!(what("Do three sets of forty."), [("repetitions", 40.0)]);
        assert_eq!(what("Do it every minute."), [("times a day", 960.0)]);
    }

    #[test]
    fn ordinary_doses_and_numbers_pass() {
        for text in [
            "Hold for 10 to 20 seconds. Repeat 5 times, up to 3 times a day.",
            "Keep each session short, about 5 to 10 minutes.",
            "Walk for 30 minutes a day.",
            "About 1 in 10 people get it. It can last 100 days.",
            "Hold for 1.5 minutes.",
            "Take a break every 2 hours.",
            "Do 2 sets of 10.",
        ] {
            assert_eq!(what(text), [], "{text}");
        }
    }

    #[test]
    fn a_bare_number_in_repetitions_is_a_count() {
        let d = doses();
        let count = Context {
            hold: false,
            count: true,
        };
        assert_eq!(d.excesses("100", count).len(), 1);
        assert_eq!(d.excesses("10", count).len(), 0);
    }
}
