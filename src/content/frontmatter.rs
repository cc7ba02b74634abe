//! Front matter: split the YAML block from the body and read it into a typed struct.
//! Every error is reported against the lines of the Markdown file itself.

use super::date::{Date, DateError};
use super::yaml;
use crate::codes::Code;
use crate::diagnostics::{Diagnostic, unknown_field_help};
use crate::source::SourceFile;
use serde::Deserialize;

/// Front matter larger than this is refused before parsing (a guard against runaway files).
pub const MAX_FRONT_MATTER_BYTES: usize = 64 * 1024;

#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PageKind {
    #[default]
    Page,
    Technique,
    Faq,
}

impl PageKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PageKind::Page => "page",
            PageKind::Technique => "technique",
            PageKind::Faq => "faq",
        }
    }
}

#[derive(Debug, Clone, Deserialize, serde::Serialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct SourceRef {
    pub title: String,
    pub url: String,
}

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub summary: Option<String>,
    pub order: Option<i64>,
    pub kind: PageKind,
    /// Read from `reviewed` by [`parse`], which reports a text that is not a date.
    #[serde(skip)]
    pub reviewed: Option<Date>,
    #[serde(skip)]
    pub next_review: Option<Date>,
    #[serde(rename = "reviewed")]
    reviewed_text: Option<String>,
    #[serde(rename = "next-review")]
    next_review_text: Option<String>,
    pub sources: Vec<SourceRef>,
    /// Drawings or photos of the page's positions, each with alt text.
    pub pictures: Vec<super::pictures::Picture>,
    /// How sure the page's advice is: the id of one of `[about] certainty`.
    pub certainty: Option<String>,
    pub related: Vec<String>,
    // Technique pages only.
    pub duration: Option<String>,
    pub position: Option<String>,
    pub equipment: Option<Vec<String>>,
    pub repetitions: Option<String>,
    pub hold: Option<String>,
    /// Registry conditions whose readers must not do the technique (condition ids).
    pub contraindications: Option<Vec<String>>,
    /// Conditions whose readers can do it another way: condition id -> how ([`super::graded`]).
    pub adapt: Option<std::collections::BTreeMap<String, String>>,
    /// Conditions whose readers should ask a professional first: condition id -> whom.
    pub ask_first: Option<std::collections::BTreeMap<String, String>>,
}

/// Field names that only make sense on `kind: technique` pages.
pub const TECHNIQUE_FIELDS: [&str; 8] = [
    "duration",
    "position",
    "equipment",
    "repetitions",
    "hold",
    "contraindications",
    "adapt",
    "ask-first",
];

/// Where the front matter and body sit in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    /// Byte range of the YAML text (between the `---` lines).
    pub yaml: std::ops::Range<usize>,
    /// 1-based file line of the first YAML line.
    pub yaml_first_line: usize,
    /// Byte offset where the Markdown body starts.
    pub body_start: usize,
}

/// Find the `---` fenced block at the top of the file.
pub fn split(source: &SourceFile) -> Result<Split, Diagnostic> {
    let text = &source.text;
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let first = source.line_text(1).trim_start_matches('\u{feff}');
    if first.trim_end() != "---" {
        return Err(Diagnostic::error(Code::MissingFrontMatter, "this page has no front matter")
            .at(source.locate(bom, bom + first.len()))
            .help("start the file with a line `---`, then `title: Your page title`, then another `---`"));
    }
    let yaml_start = source.line_start(2);
    let mut line = 2;
    while source.line_start(line) < text.len() {
        let t = source.line_text(line).trim_end();
        if t == "---" || t == "..." {
            let body_start = source.line_start(line + 1);
            return Ok(Split {
                yaml: yaml_start..source.line_start(line),
                yaml_first_line: 2,
                body_start,
            });
        }
        line += 1;
    }
    Err(Diagnostic::error(
        Code::UnclosedFrontMatter,
        "the front matter starts here but never ends",
    )
    .at(source.locate(bom, bom + 3))
    .help("add a line with only `---` after the last front matter field"))
}

/// Parse the YAML block into [`FrontMatter`], mapping positions to file lines.
pub fn parse(source: &SourceFile, split: &Split) -> Result<FrontMatter, Diagnostic> {
    let yaml_text = &source.text[split.yaml.clone()];
    if yaml_text.len() > MAX_FRONT_MATTER_BYTES {
        return Err(Diagnostic::error(
            Code::FrontMatterTooLarge,
            format!(
                "front matter is {} KiB; the limit is {} KiB",
                yaml_text.len() / 1024,
                MAX_FRONT_MATTER_BYTES / 1024
            ),
        )
        .at(source.locate(0, 3))
        .help("move long text into the page body, below the closing `---`"));
    }
    if yaml_text.trim().is_empty() {
        return Ok(FrontMatter::default());
    }
    let mut front =
        yaml::from_str::<FrontMatter>(yaml_text).map_err(|e| yaml_diagnostic(source, split, e))?;
    front
        .read_dates()
        .map_err(|(key, e)| date_diagnostic(source, split, key, e))?;
    Ok(front)
}

impl FrontMatter {
    /// The fields a reader sees as prose, with their names: the checks read each as text of
    /// its own (a dose in `hold`, a sign in `summary`). Equipment items are one text each.
    pub fn texts(&self) -> Vec<(&'static str, &str)> {
        let one = [
            ("title", &self.title),
            ("summary", &self.summary),
            ("duration", &self.duration),
            ("position", &self.position),
            ("repetitions", &self.repetitions),
            ("hold", &self.hold),
        ];
        let items = self
            .equipment
            .iter()
            .flatten()
            .map(|e| ("equipment", e.as_str()));
        // How to adapt a technique, and whom to ask, are printed on its card: read them too.
        let adapt = (self.adapt.iter().flatten()).map(|(_, how)| ("adapt", how.as_str()));
        let ask = (self.ask_first.iter().flatten()).map(|(_, whom)| ("ask-first", whom.as_str()));
        // A picture's alt text is what a reader who cannot see it hears, and its caption is
        // printed under it.
        let pictures = self.pictures.iter().flat_map(|p| {
            let caption = p.caption.as_deref().map(|c| ("pictures", c));
            std::iter::once(("pictures", p.alt.as_str())).chain(caption)
        });
        (one.into_iter())
            .filter_map(|(field, text)| Some((field, text.as_deref()?)))
            .chain(items)
            .chain(adapt)
            .chain(ask)
            .chain(pictures)
            .collect()
    }

    /// Parse the date fields' text, or say which field is not a date and why.
    fn read_dates(&mut self) -> Result<(), (&'static str, DateError)> {
        let read = |key, text: &Option<String>| {
            text.as_deref()
                .map(|t| Date::parse(t).map_err(|e| (key, e)))
                .transpose()
        };
        self.reviewed = read("reviewed", &self.reviewed_text)?;
        self.next_review = read("next-review", &self.next_review_text)?;
        Ok(())
    }
}

/// A date field that is not a date, pointed at its value as the YAML parser read it.
fn date_diagnostic(source: &SourceFile, split: &Split, key: &str, e: DateError) -> Diagnostic {
    let yaml_text = &source.text[split.yaml.clone()];
    let at = yaml::Spans::of(yaml_text)
        .value(&[key.into()])
        .map(|at| split.yaml.start + at.start..split.yaml.start + at.end)
        .unwrap_or(0..3);
    Diagnostic::error(Code::BadDate, e.to_string())
        .at(source.locate(at.start, at.end))
        .help("write dates as YYYY-MM-DD, e.g. 2026-11-20")
}

fn yaml_diagnostic(source: &SourceFile, split: &Split, e: yaml::YamlError) -> Diagnostic {
    let line = if e.line == 0 {
        split.yaml_first_line
    } else {
        e.line + split.yaml_first_line - 1
    };
    let col = e.col.max(1);
    let text = source.line_text(line);
    let width = word_width(text, col);
    let location = source.locate_line_col(line, col, width);
    let key = text
        .split_once(':')
        .map(|(k, _)| k.trim().trim_start_matches("- "))
        .filter(|k| !k.is_empty());
    let (code, message, help) = classify(&e.message, key);
    Diagnostic::error(code, message).at(location).help(help)
}

/// Name the kind of problem, and say it in words a contributor can act on.
fn classify(message: &str, key: Option<&str>) -> (Code, String, String) {
    if let Some(help) = unknown_field_help(message) {
        let head = message.split(", expected").next().unwrap_or(message);
        return (
            Code::UnknownField,
            head.replace("unknown field", "unknown front matter field"),
            help,
        );
    }
    let type_error = [
        "invalid type",
        "invalid value",
        "unknown variant",
        "invalid i",
        "invalid u",
        "invalid f",
        "invalid bool",
    ];
    if type_error.iter().any(|p| message.starts_with(p)) {
        let what = key
            .map(|k| format!("the value of `{k}`"))
            .unwrap_or_else(|| "this value".into());
        return (
            Code::WrongType,
            format!("{what} has the wrong type ({message})"),
            type_help(message),
        );
    }
    let help = "check the indentation and the `key: value` form of this line; put text that contains `: `, or starts with `[`, `{`, `*` or `&`, in quotes";
    (
        Code::YamlSyntax,
        format!("the front matter is not valid YAML: {message}"),
        help.into(),
    )
}

fn type_help(message: &str) -> String {
    if message.contains("unknown variant") {
        return "`kind` is one of `page`, `technique` or `faq`".into();
    }
    if message.contains("expected a sequence") {
        return "this field takes a list: write `[first, second]` or one `- item` per line".into();
    }
    if [" i64", " i32", " u64", " u32", "integer"]
        .iter()
        .any(|t| message.contains(t))
    {
        return "this field takes a whole number, e.g. `order: 2`".into();
    }
    "check the value's type: text, a number, a date or a list".into()
}

fn word_width(line: &str, col: usize) -> usize {
    line.chars()
        .skip(col - 1)
        .take_while(|c| !c.is_whitespace() && *c != ':')
        .count()
        .max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(text: &str) -> SourceFile {
        SourceFile::new("p.md", text.into())
    }

    #[test]
    fn splits_and_finds_body() {
        let s = src("---\ntitle: A\n---\n# Body\n");
        let sp = split(&s).unwrap();
        assert_eq!(&s.text[sp.body_start..], "# Body\n");
        assert_eq!(parse(&s, &sp).unwrap().title.as_deref(), Some("A"));
    }

    #[test]
    fn missing_and_unclosed_blocks_are_errors() {
        assert_eq!(
            split(&src("# Hi\n")).unwrap_err().code,
            Code::MissingFrontMatter
        );
        assert_eq!(
            split(&src("---\ntitle: A\n")).unwrap_err().code,
            Code::UnclosedFrontMatter
        );
    }

    #[test]
    fn errors_point_at_file_lines() {
        let s = src("---\ntitle: A\nsumary: x\n---\n");
        let e = parse(&s, &split(&s).unwrap()).unwrap_err();
        assert_eq!(e.code, Code::UnknownField);
        let loc = e.location.unwrap();
        assert_eq!((loc.line, loc.col, loc.width), (3, 1, 6));
        assert!(e.help.unwrap().starts_with("did you mean `summary`?"));
    }

    #[test]
    fn bad_dates_are_located() {
        let s = src("---\ntitle: A\nreviewed: 2026-02-30\n---\n");
        let e = parse(&s, &split(&s).unwrap()).unwrap_err();
        assert_eq!(e.code, Code::BadDate, "{e:?}");
        let at = e.location.clone().unwrap();
        assert_eq!((at.line, at.col, at.width), (3, 11, 10));
        assert!(e.message.contains("February 2026 has 28 days"), "{e:?}");
    }

    #[test]
    fn a_bad_date_is_found_however_the_mapping_is_written() {
        let s = src("---\n{title: A, next-review: \"someday\"}\n---\n");
        let e = parse(&s, &split(&s).unwrap()).unwrap_err();
        assert_eq!(e.code, Code::BadDate, "{e:?}");
        let at = e.location.clone().unwrap();
        assert_eq!((at.line, at.col, at.width), (2, 25, 9), "{e:?}");
        assert!(e.message.contains("`someday` is not a date"), "{e:?}");
    }

    #[test]
    fn wrong_kind_is_a_type_error() {
        let s = src("---\ntitle: A\nkind: recipe\n---\n");
        let e = parse(&s, &split(&s).unwrap()).unwrap_err();
        assert_eq!(e.code, Code::WrongType, "{e:?}");
    }
}
