//! The safety registry (content/safety.yaml by default): the one source of truth for conditions
//! (why someone should not do a technique) and red flags (signs that need care, and which level).

use super::FlagId;
use super::frontmatter::SourceRef;
use super::{check_url, yaml};
use crate::codes::Code;
use crate::diagnostics::{Diagnostic, Location};
use crate::source::SourceFile;
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::OnceLock;
use typed_index_collections::TiVec;

/// Levels of care, lowest first, so `a < b` means "a is less urgent than b".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CareLevel {
    SeeGp,
    Urgent,
    Emergency,
}

impl CareLevel {
    pub const ALL: [CareLevel; 3] = [CareLevel::Emergency, CareLevel::Urgent, CareLevel::SeeGp];

    pub fn name(self) -> &'static str {
        match self {
            CareLevel::Emergency => "emergency",
            CareLevel::Urgent => "urgent",
            CareLevel::SeeGp => "see-gp",
        }
    }

    pub fn from_name(name: &str) -> Option<CareLevel> {
        Self::ALL
            .into_iter()
            .find(|l| l.name().eq_ignore_ascii_case(name))
    }
}

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct Registry {
    pub conditions: Vec<Condition>,
    pub red_flags: TiVec<FlagId, RedFlag>,
    /// Each condition's place in `conditions` by id (the first, for an id used twice), made
    /// the first time one is looked up.
    #[serde(skip)]
    by_id: OnceLock<HashMap<String, usize>>,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Condition {
    pub id: String,
    /// Plain term first, medical term in brackets.
    pub name: String,
    /// What the condition means for the reader.
    pub meaning: String,
    /// What to do instead.
    pub instead: String,
    #[serde(default)]
    pub sources: Vec<SourceRef>,
    /// Applies to self-care in general, so no technique needs to list it.
    #[serde(default)]
    pub general: bool,
    /// Other words for it ("pregnant", "expecting a baby"), besides its name.
    #[serde(default)]
    pub words: Vec<String>,
}

impl Condition {
    /// The words that name the condition: its name, the term in its brackets, and `words`.
    pub fn terms(&self) -> Vec<String> {
        let (plain, bracket) = match self.name.split_once('(') {
            Some((plain, rest)) => (plain, rest.split(')').next().unwrap_or("")),
            None => (self.name.as_str(), ""),
        };
        [plain, bracket]
            .into_iter()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string)
            .chain(self.words.iter().cloned())
            .collect()
    }
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct RedFlag {
    pub id: String,
    /// The sign in plain words, as one care-card bullet.
    pub sign: String,
    pub level: CareLevel,
    /// Words and phrases that identify this sign in text.
    pub words: Vec<String>,
    /// Concepts of the guide's lexicon (`[safety.concepts]`) whose lay terms also identify it.
    #[serde(default)]
    pub concepts: Vec<String>,
    #[serde(default)]
    pub sources: Vec<SourceRef>,
    /// The care card of its level that holds it: none for the level's main card (on the help
    /// page, technique pages and step cards), or a name for a card of its own
    /// (`{{ red-flags urgent pregnancy }}`), for signs that only some readers have or that
    /// need another service.
    #[serde(default)]
    pub card: Option<String>,
}

impl RedFlag {
    /// The card that holds it, `None` for its level's main card.
    pub fn card(&self) -> Option<&str> {
        self.card.as_deref()
    }
}

impl Registry {
    pub fn condition(&self, id: &str) -> Option<&Condition> {
        let by_id = self.by_id.get_or_init(|| {
            let mut by_id = HashMap::with_capacity(self.conditions.len());
            for (i, c) in self.conditions.iter().enumerate().rev() {
                by_id.insert(c.id.clone(), i);
            }
            by_id
        });
        by_id.get(id).map(|&i| &self.conditions[i])
    }

    pub fn flags_of(&self, level: CareLevel) -> impl Iterator<Item = &RedFlag> {
        self.red_flags.iter().filter(move |f| f.level == level)
    }

    /// The flags of `level` in one of its cards: the main card (`None`) or a named one.
    pub fn flags_in<'a>(
        &'a self,
        level: CareLevel,
        card: Option<&'a str>,
    ) -> impl Iterator<Item = &'a RedFlag> {
        self.flags_of(level).filter(move |f| f.card() == card)
    }

    /// The names of `level`'s own cards, in the order the registry first gives them.
    pub fn cards_of(&self, level: CareLevel) -> Vec<&str> {
        let mut names: Vec<&str> = Vec::new();
        for name in self.flags_of(level).filter_map(RedFlag::card) {
            if !names.contains(&name) {
                names.push(name);
            }
        }
        names
    }
}

/// The loaded registry with its source and where each of its entries is, for diagnostics.
#[derive(Debug, Clone, Default)]
pub struct LoadedRegistry {
    pub registry: Registry,
    pub source: Option<SourceFile>,
    spans: yaml::Spans,
}

/// One entry of the registry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// A condition, by its place in the list.
    Condition(usize),
    Flag(FlagId),
}

impl LoadedRegistry {
    /// Where `field` of an entry is written (its value), or the entry itself when it has no
    /// such field.
    pub fn at(&self, entry: Entry, field: &str) -> Option<Location> {
        self.at_path(entry, &[field.into()])
    }

    /// Where the value at `path` inside an entry is, or the entry itself.
    pub fn at_path(&self, entry: Entry, path: &[yaml::Step]) -> Option<Location> {
        let source = self.source.as_ref()?;
        let (list, index) = match entry {
            Entry::Condition(i) => ("conditions", i),
            Entry::Flag(f) => ("red-flags", f.index()),
        };
        let mut full = vec![yaml::Step::from(list), index.into()];
        let entry_at = self.spans.value(&full);
        full.extend_from_slice(path);
        let at = self.spans.value(&full).or(entry_at)?;
        Some(source.locate(at.start, at.end))
    }

    /// The red flags' concepts that `lexicon` (the guide's `[safety.concepts]`) does not hold.
    pub fn unknown_concepts(
        &self,
        lexicon: &std::collections::BTreeMap<String, Vec<String>>,
    ) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        for (f, flag) in self.registry.red_flags.iter_enumerated() {
            for (n, concept) in flag.concepts.iter().enumerate() {
                if lexicon.contains_key(concept) {
                    continue;
                }
                let known = lexicon.keys().map(String::as_str);
                let help = match crate::diagnostics::did_you_mean(concept, known) {
                    Some(best) => format!("did you mean `{best}`? The concepts are [safety.concepts] in book.toml and the locale"),
                    None => "name a concept of [safety.concepts] (the locale's lexicon, or one book.toml adds)".into(),
                };
                let d = Diagnostic::error(
                    Code::Registry,
                    format!(
                        "red flag `{}` names the unknown concept `{concept}`",
                        flag.id
                    ),
                )
                .help(help);
                let at = self.at_path(Entry::Flag(f), &["concepts".into(), n.into()]);
                problems.push(match at {
                    Some(l) => d.at(l),
                    None => d,
                });
            }
        }
        problems
    }

    /// Where the address of an entry's `n`th source is.
    fn source_url_at(&self, entry: Entry, n: usize) -> Option<Location> {
        self.at_path(entry, &["sources".into(), n.into(), "url".into()])
    }
}

/// Why the registry could not be used at all. Either way the red-flag and condition rules
/// cannot run, so the build stops before them instead of reporting their knock-on errors.
#[derive(Debug)]
pub enum LoadError {
    /// The file could not be read: missing, not a file, too large, or not UTF-8.
    Read(crate::files::ReadError),
    /// The file is not a valid registry (YAML syntax, an unknown field, a wrong type).
    Invalid(Diagnostic),
}

/// Read and check the registry. Problems with single entries (a repeated id, a bad source
/// address) are reported with the registry, which is still used.
pub fn load(path: &Path, display: &Path) -> Result<(LoadedRegistry, Vec<Diagnostic>), LoadError> {
    let text =
        crate::files::read_text(path, crate::files::limit::REGISTRY).map_err(LoadError::Read)?;
    let source = SourceFile::new(display, text);
    let registry = yaml::from_str::<Registry>(&source.text)
        .map_err(|e| LoadError::Invalid(yaml_error(&source, e)))?;
    let loaded = LoadedRegistry {
        registry,
        spans: yaml::Spans::of(&source.text),
        source: Some(source),
    };
    let problems = validate(&loaded);
    Ok((loaded, problems))
}

fn yaml_error(source: &SourceFile, e: yaml::YamlError) -> Diagnostic {
    let line = e.line.max(1);
    let at = source.locate_line_col(line, e.col.max(1), 1);
    let (code, help) = match crate::diagnostics::unknown_field_help(&e.message) {
        Some(help) => (Code::UnknownField, help),
        None => (Code::Registry, "each condition has id, name, meaning, instead and sources; each red flag has id, sign, level (emergency, urgent or see-gp), words and sources".into()),
    };
    let message = e
        .message
        .split(", expected")
        .next()
        .unwrap_or(&e.message)
        .to_string();
    Diagnostic::error(code, format!("the safety registry is not valid: {message}"))
        .at(at)
        .help(help)
}

fn validate(loaded: &LoadedRegistry) -> Vec<Diagnostic> {
    let mut problems = ids_and_sources(loaded);
    problems.extend(flag_words(loaded));
    problems.extend(card_names(loaded));
    problems.extend(html_in_text(loaded));
    problems.extend(condition_texts(loaded));
    problems
}

/// Every id is unique and a stable anchor, and every source has a full web address.
fn ids_and_sources(loaded: &LoadedRegistry) -> Vec<Diagnostic> {
    let r = &loaded.registry;
    let mut problems = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    let entries = (r.conditions.iter().enumerate())
        .map(|(i, c)| (Entry::Condition(i), c.id.as_str(), &c.sources))
        .chain(
            (r.red_flags.iter_enumerated())
                .map(|(f, flag)| (Entry::Flag(f), flag.id.as_str(), &flag.sources)),
        );
    for (entry, id, sources) in entries {
        let at = loaded.at(entry, "id");
        let with_at = |d: Diagnostic| match &at {
            Some(l) => d.at(l.clone()),
            None => d,
        };
        if !seen.insert(id) {
            problems.push(with_at(
                Diagnostic::error(
                    Code::Registry,
                    format!("the id `{id}` is used twice in the registry"),
                )
                .help("give every condition and red flag its own id"),
            ));
        }
        if id.is_empty()
            || !id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            problems.push(with_at(
                Diagnostic::error(
                    Code::Registry,
                    format!("the id `{id}` is not a stable anchor"),
                )
                .help("use lowercase letters, digits and hyphens, e.g. `spinal-stenosis`"),
            ));
        }
        for (n, s) in sources.iter().enumerate() {
            if let Err(why) = check_url(&s.url) {
                let d = Diagnostic::error(
                    Code::BadSourceUrl,
                    format!("source `{}` of `{id}` {why}", s.title),
                )
                .help("give the full web address, starting with https://");
                problems.push(match loaded.source_url_at(entry, n) {
                    Some(l) => d.at(l),
                    None => with_at(d),
                });
            }
        }
    }
    problems
}

/// Every red flag has words to recognise it by, none of them empty.
fn flag_words(loaded: &LoadedRegistry) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for (f, flag) in loaded.registry.red_flags.iter_enumerated() {
        let empty = flag.words.iter().filter(|w| w.trim().is_empty()).count();
        let problem = if empty == flag.words.len() {
            Diagnostic::error(Code::Registry, format!("red flag `{}` has no words to recognise it by", flag.id))
                .help("list words or phrases that identify this sign in text, e.g. `words: [bladder, bowel]`")
        } else if empty > 0 {
            Diagnostic::error(
                Code::Registry,
                format!("red flag `{}` has an empty entry in its words", flag.id),
            )
            .help("remove the empty entry: every word or phrase must identify the sign in text")
        } else {
            continue;
        };
        problems.push(match loaded.at(Entry::Flag(f), "words") {
            Some(l) => problem.at(l),
            None => problem,
        });
    }
    problems
}

/// A card's name is one word of a directive (`{{ red-flags urgent pregnancy }}`).
fn card_names(loaded: &LoadedRegistry) -> Vec<Diagnostic> {
    let plain = |n: &str| {
        !n.is_empty()
            && n.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    };
    (loaded.registry.red_flags.iter_enumerated())
        .filter_map(|(f, flag)| Some((f, flag, flag.card()?)))
        .filter(|(_, _, name)| !plain(name))
        .map(|(f, flag, name)| {
            let d = Diagnostic::error(
                Code::Registry,
                format!("red flag `{}` names the card `{name}`, which is not one word", flag.id),
            )
            .help("name the card in lowercase letters, digits and hyphens, e.g. `card: pregnancy`; the page places it with `{{ red-flags LEVEL NAME }}`");
            match loaded.at(Entry::Flag(f), "card") {
                Some(l) => d.at(l),
                None => d,
            }
        })
        .collect()
}

/// Every condition has a name, a meaning and what to do instead.
fn condition_texts(loaded: &LoadedRegistry) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for (i, condition) in loaded.registry.conditions.iter().enumerate() {
        let fields = [
            ("name", &condition.name),
            ("meaning", &condition.meaning),
            ("instead", &condition.instead),
        ];
        if let Some((field, _)) = fields.iter().find(|(_, text)| text.trim().is_empty()) {
            let d = Diagnostic::error(Code::Registry, format!("condition `{}` has an empty name, meaning or instead", condition.id))
                .help("write each in plain words: the reader sees them on the conditions page and every card");
            problems.push(match loaded.at(Entry::Condition(i), field) {
                Some(l) => d.at(l),
                None => d,
            });
        }
    }
    problems
}

/// Registry text is plain words: it is shown on pages, cards and in the search results alike,
/// so markup in it would be code on one and noise on the other.
fn html_in_text(loaded: &LoadedRegistry) -> Vec<Diagnostic> {
    let r = &loaded.registry;
    let texts = (r.conditions.iter().enumerate())
        .flat_map(|(i, c)| {
            let entry = Entry::Condition(i);
            [
                (entry, "name", &c.id, &c.name),
                (entry, "meaning", &c.id, &c.meaning),
                (entry, "instead", &c.id, &c.instead),
            ]
        })
        .chain(
            (r.red_flags.iter_enumerated())
                .map(|(f, flag)| (Entry::Flag(f), "sign", &flag.id, &flag.sign)),
        );
    texts
        .filter(|(_, _, _, text)| looks_like_html(text))
        .map(|(entry, key, id, _)| {
            let d = Diagnostic::error(Code::Registry, format!("the {key} of `{id}` contains HTML"))
                .help("write registry text as plain words: it is shown on pages, step cards and in search results");
            match loaded.at(entry, key) {
                Some(at) => d.at(at),
                None => d,
            }
        })
        .collect()
}

/// `<` starting a tag or comment, as a browser would read it.
fn looks_like_html(text: &str) -> bool {
    text.match_indices('<').any(|(i, _)| {
        text[i + 1..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, '/' | '!' | '?'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_are_ordered_by_urgency() {
        assert!(CareLevel::SeeGp < CareLevel::Urgent && CareLevel::Urgent < CareLevel::Emergency);
        assert_eq!(CareLevel::from_name("SEE-GP"), Some(CareLevel::SeeGp));
    }

    #[test]
    fn entries_are_located_and_checked() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("safety.yaml");
        let text = "conditions:\n  - id: Bad_Id\n    name: N\n    meaning: M\n    instead: I\nred-flags:\n  - id: x\n    sign: s\n    level: emergency\n    words: []\n";
        std::fs::write(&path, text).unwrap();
        let (loaded, problems) = load(&path, Path::new("content/safety.yaml")).unwrap();
        assert_eq!(
            loaded.registry.red_flags[FlagId::from(0)].level,
            CareLevel::Emergency
        );
        let lines: Vec<usize> = problems
            .iter()
            .map(|p| p.location.as_ref().unwrap().line)
            .collect();
        assert_eq!(lines, [2, 10], "{problems:?}");
    }

    #[test]
    fn a_repeated_id_is_reported_where_it_is_repeated_however_it_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("safety.yaml");
        let entry = |id: &str| {
            format!("  - {{id: {id}, name: N, meaning: M, instead: I, general: true}}\n")
        };
        let text = format!(
            "conditions:\n{}{}{}",
            entry("numb"),
            entry("other"),
            entry("'numb'")
        );
        std::fs::write(&path, text).unwrap();
        let (_, problems) = load(&path, Path::new("content/safety.yaml")).unwrap();
        let [twice] = problems.as_slice() else {
            panic!("{problems:?}");
        };
        let at = twice.location.as_deref().unwrap();
        assert!(twice.message.contains("used twice"), "{twice:?}");
        assert_eq!((at.line, at.col, at.width), (4, 10, 6), "{twice:?}");
    }

    #[test]
    fn a_registry_that_cannot_be_used_is_an_error_not_an_empty_registry() {
        let dir = tempfile::tempdir().unwrap();
        let shown = Path::new("content/safety.yaml");
        let path = dir.path().join("safety.yaml");
        assert!(matches!(
            load(&path, shown),
            Err(LoadError::Read(crate::files::ReadError::Missing))
        ));
        std::fs::write(&path, b"# caf\xe9\nconditions: []\n").unwrap();
        assert!(matches!(load(&path, shown), Err(LoadError::Read(e)) if e.is_encoding()));
        std::fs::write(&path, "red-flags:\n  - id: x\n    levle: emergency\n").unwrap();
        assert!(
            matches!(load(&path, shown), Err(LoadError::Invalid(d)) if d.code == Code::UnknownField)
        );
    }
}
