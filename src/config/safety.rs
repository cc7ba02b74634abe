//! `[safety]` in book.toml: where the safety data lives and how strict the checks are. The
//! settings that depend on the guide's country and language (care card headings, referral
//! phrases, where to find emergency care, overpromising wording) have no defaults here: they
//! come from the guide's built-in locale (`locales/*.toml`, see [`super::locale`]).

use serde::Deserialize;
use std::path::PathBuf;

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct SafetyConfig {
    /// The page (path in the content dir) that describes each condition at a stable anchor.
    pub conditions_page: PathBuf,
    /// The page that explains when and where to get help; every technique links to it.
    pub help_page: PathBuf,
    /// The words of the link in every page's header to the help page's emergency card
    /// ("Get help now"); empty for no link.
    pub help_link: String,
    /// The registry of conditions and red flags, in the content dir.
    pub registry: PathBuf,
    /// The one link an emergency care card may hold: where to find emergency care.
    pub emergency_care_url: String,
    /// Most warning-style callouts (stop-if, caution, warning, important) on one page.
    pub max_warnings: usize,
    /// Longest allowed time from `reviewed` to `next-review`, in years.
    pub max_review_years: u32,
    /// How an overdue review is reported: `error` (default) or `warning` for local previews.
    pub overdue: Severity,
    /// Highest Flesch-Kincaid grade a page may have.
    pub max_grade: f64,
    /// Pages with fewer words than this are too short for a meaningful readability score.
    pub min_words_for_grade: usize,
    pub headings: CareCardHeadings,
    pub labels: LevelLabels,
    pub wording: Wording,
    pub referrals: Referrals,
    /// Words that make the last sign of an urgent card a catch-all ("...or you're worried").
    pub catch_all: Vec<String>,
    pub sources: Sources,
    /// Permission to carry on through warning signs ("push through the pain").
    pub push_through: Wording,
    /// Doses with no limit ("hold it as long as you can").
    pub unlimited_dose: Wording,
    /// The largest dose a technique may give, and the words a dose is written in.
    pub dose: Dose,
    /// A self-care technique done to or by someone else ("ask a partner to push").
    pub on_someone_else: Wording,
    /// Words that, just before a phrase, say the opposite of it ("do not push through").
    pub negation: Negation,
    /// Words that put off care ("wait and see", "if it has not settled").
    pub delays: Vec<String>,
    /// Words that make care optional ("you might want to").
    pub hedges: Vec<String>,
    /// Words that say a sign is nothing ("probably just", "is common"): next to an emergency or
    /// urgent sign that no referral goes with, they send it to no care at all.
    pub dismissals: Vec<String>,
    /// Words for symptoms in general ("pain", "numb", "fever"). A sentence that pairs one with
    /// a referral, but names no red flag, is triage the registry does not know about.
    pub symptoms: Vec<String>,
    /// Words that praise a technique for someone ("great", "ideal", "safe for").
    pub praise: Vec<String>,
    /// Words that tell a reader not to do a technique ("do not do", "skip", "avoid"): a
    /// technique page that says so for a registry condition must list it.
    pub avoid: Vec<String>,
    /// Words that send a reader to someone before they start ("ask", "check with"): with an
    /// avoid word, the advice for an `ask-first` condition, not a contradiction of it.
    pub ask: Vec<String>,
    /// Words that open advice for a group ("if", "during"): a condition after one, with no
    /// avoid or ask word, is told how to do a technique ([`crate::content::graded`]).
    pub conditionals: Vec<String>,
    /// Concepts a red flag can name (`concepts: [bladder-control]`), each with the lay terms
    /// people use for it: the locale's lexicon, which book.toml extends.
    pub concepts: std::collections::BTreeMap<String, Vec<String>>,
    /// The language's most common words ("the", "you", "can"). A text is never screened for
    /// a phrase by these words alone, so most words of a page cost one bit test; only the
    /// build's speed depends on this list, never what the checks find.
    pub common_words: Vec<String>,
}

impl Default for SafetyConfig {
    fn default() -> Self {
        Self {
            conditions_page: "when-to-avoid.md".into(),
            help_page: "when-to-get-help.md".into(),
            help_link: String::new(),
            registry: "safety.yaml".into(),
            emergency_care_url: String::new(),
            max_warnings: 2,
            max_review_years: 3,
            overdue: Severity::Error,
            max_grade: 8.0,
            min_words_for_grade: 100,
            headings: CareCardHeadings::default(),
            labels: LevelLabels::default(),
            wording: Wording::default(),
            referrals: Referrals::default(),
            catch_all: Vec::new(),
            sources: Sources::default(),
            push_through: Wording::default(),
            unlimited_dose: Wording::default(),
            dose: Dose::default(),
            on_someone_else: Wording::default(),
            negation: Negation::default(),
            delays: Vec::new(),
            hedges: Vec::new(),
            dismissals: Vec::new(),
            symptoms: Vec::new(),
            concepts: std::collections::BTreeMap::new(),
            praise: Vec::new(),
            avoid: Vec::new(),
            ask: Vec::new(),
            conditionals: Vec::new(),
            common_words: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    #[default]
    Error,
    Warning,
}

/// Care card headings: calls to action ending in "if:", with the country's own services.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct CareCardHeadings {
    pub emergency: String,
    pub urgent: String,
    pub see_gp: String,
}

/// How search results name each level of care.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct LevelLabels {
    pub emergency: String,
    pub urgent: String,
    pub see_gp: String,
}

/// Phrases that promise more safety or benefit than any self-care advice can.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct Wording {
    /// The locale's own list.
    pub defaults: Vec<String>,
    /// Extra phrases to report (added to the defaults unless `replace-defaults` is true).
    pub phrases: Vec<String>,
    pub replace_defaults: bool,
    /// Words that, elsewhere in a phrase's sentence, say the opposite of it: "stop" in "if
    /// you feel dizzy, stop and sit down until it passes".
    pub unless: Vec<String>,
}

impl Wording {
    /// The phrases in force for this guide.
    pub fn phrases(&self) -> Vec<String> {
        let defaults = if self.replace_defaults {
            &[][..]
        } else {
            &self.defaults[..]
        };
        defaults
            .iter()
            .chain(&self.phrases)
            .map(|p| p.to_lowercase())
            .collect()
    }
}

/// Words that negate a phrase when one of them ends at most a few words before it, in the same
/// clause: "do **not** push through the pain", "it is **not** risk-free".
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct Negation {
    pub triggers: Vec<String>,
    /// Phrases that hold a trigger but negate nothing after them ("do not hesitate to").
    pub pseudo: Vec<String>,
    /// Triggers that negate the phrase just before them ("A&E **is not needed**").
    pub after: Vec<String>,
}

/// The most a self-care technique may ask for (`dose-too-high`), and the words, per
/// language, a dose is written in: "hold for 10 minutes", "100 repetitions", "every 10
/// minutes". A limit left out is not checked.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct Dose {
    /// Most repetitions in one go.
    pub most_repetitions: Option<u32>,
    /// Longest hold of one position, in seconds.
    pub longest_hold_seconds: Option<u32>,
    /// Most times a day ("20 times a day"; "every 10 minutes" is many times a day).
    pub most_times_a_day: Option<u32>,
    /// Hours a day the reader is awake, to count "every hour" and "6 times an hour" in times
    /// a day.
    pub waking_hours: Option<u32>,
    /// Words that count repetitions ("times", "repetitions", "bends").
    pub repetitions: Vec<String>,
    /// Words before a number that make it a count of repetitions ("sets of").
    pub counts_after: Vec<String>,
    pub seconds: Vec<String>,
    pub minutes: Vec<String>,
    pub hours: Vec<String>,
    /// Words that make a length of time a hold ("hold", "stay in").
    pub holds: Vec<String>,
    /// Words after a number that make it so many a day ("a day", "daily"), or an hour.
    pub per_day: Vec<String>,
    pub per_hour: Vec<String>,
    /// Words before a length of time that make it a gap between goes ("every").
    pub every: Vec<String>,
    /// Words for amounts that are not numbers ("a dozen", "half an").
    pub amounts: std::collections::BTreeMap<String, f64>,
}

/// Which publishers a guide's sources may come from.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct Sources {
    /// The locale's trusted domains (a domain covers its subdomains).
    pub defaults: Vec<String>,
    /// The guide's own trusted domains, added to the defaults unless `replace-defaults`.
    pub trusted: Vec<String>,
    pub replace_defaults: bool,
    /// Organisations a source's title may name, with the domains each publishes on.
    pub names: std::collections::BTreeMap<String, Vec<String>>,
    /// Addresses that forward to the publisher (a DOI): whatever the title names may be there.
    pub resolvers: Vec<String>,
}

impl Sources {
    /// The trusted domains in force for this guide.
    pub fn trusted(&self) -> impl Iterator<Item = &str> {
        let defaults = if self.replace_defaults {
            &[][..]
        } else {
            &self.defaults[..]
        };
        defaults.iter().chain(&self.trusted).map(String::as_str)
    }
}

/// Phrases that send the reader to each level of care, used to spot a red flag in plain text
/// that points to a lower level than it needs.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct Referrals {
    pub emergency: Vec<String>,
    pub urgent: Vec<String>,
    pub see_gp: Vec<String>,
}
