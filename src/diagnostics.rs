//! Diagnostics: every problem a build finds, with where it is and what to do.
//!
//! The library only collects [`Diagnostic`]s; the binary decides how to print them.

use crate::codes::Code;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// How diagnostics are printed: human (standard error, like rustc's), one JSON object per
/// line, or GitHub workflow annotations (both to standard output).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
    Github,
}

/// The one printer of diagnostics (warnings left out when `quiet`).
pub fn print(diagnostics: &[Diagnostic], format: Format, quiet: bool) {
    for d in diagnostics.iter().filter(|d| d.is_error() || !quiet) {
        match format {
            Format::Human => eprintln!("{}", d.render_human()),
            Format::Json => println!("{}", d.render_json()),
            Format::Github => println!("{}", d.render_github()),
        }
    }
}

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    Warning,
    Error,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }
}

/// A place in a source file: 1-based line and column (column counted in characters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub file: PathBuf,
    pub line: usize,
    pub col: usize,
    /// The offending line, shown under the message: the whole line, or for a long line an
    /// excerpt around the column with `…` where text was left out.
    pub source_line: Option<String>,
    /// The 1-based character column of `source_line` where the underline starts (equal to
    /// `col` unless the line was cut).
    pub caret: usize,
    /// How many characters to underline (at least 1).
    pub width: usize,
}

/// One problem found in a guide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub level: Level,
    /// A stable name such as `unknown-field`; see [`crate::codes`].
    pub code: Code,
    pub message: String,
    pub location: Option<Box<Location>>,
    pub help: Option<String>,
    /// How many more diagnostics exactly like this one (same level, code, message, help and
    /// file) [`Report::group`] folded into it.
    pub more: usize,
    /// It stands for the diagnostics of its code in its file past [`MAX_PER_CODE`], and
    /// `more` counts them.
    pub rest: bool,
}

impl Diagnostic {
    pub fn error(code: Code, message: impl Into<String>) -> Self {
        Self {
            level: Level::Error,
            code,
            message: message.into(),
            location: None,
            help: None,
            more: 0,
            rest: false,
        }
    }

    pub fn warning(code: Code, message: impl Into<String>) -> Self {
        Self {
            level: Level::Warning,
            ..Self::error(code, message)
        }
    }

    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(Box::new(location));
        self
    }

    pub fn at_file(mut self, file: &Path) -> Self {
        self.location = Some(Box::new(Location {
            file: file.to_path_buf(),
            line: 0,
            col: 0,
            source_line: None,
            caret: 0,
            width: 1,
        }));
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.level == Level::Error
    }

    /// Human output in the style of rustc: level, code, message, location, source line, caret, help.
    pub fn render_human(&self) -> String {
        let mut out = format!("{}[{}]: {}\n", self.level.as_str(), self.code, self.message);
        if let Some(loc) = &self.location {
            render_location(&mut out, loc);
        }
        if let Some(help) = &self.help {
            let _ = writeln!(out, "  = help: {help}");
        }
        if self.more > 0 {
            let _ = writeln!(out, "  = note: {}", self.more_note());
        }
        out
    }

    /// "and 3,999 more like this in this file", for a grouped diagnostic.
    pub fn more_note(&self) -> String {
        if self.rest {
            return format!("{} in all", thousands(self.more + 1));
        }
        let count = match self.more {
            1 => "one".to_string(),
            n => thousands(n),
        };
        let place = if self.location.is_some() {
            " in this file"
        } else {
            ""
        };
        format!("and {count} more like this{place}")
    }
}

impl Diagnostic {
    /// One JSON object with stable field names: level, code, message, file, line, column,
    /// width, source_line, help (absent values are null) and more_like_this (how many
    /// identical diagnostics this one stands for besides itself).
    pub fn render_json(&self) -> String {
        let loc = self.location.as_deref();
        let known = |n: usize| (n > 0).then_some(n);
        serde_json::json!({
            "level": self.level.as_str(),
            "code": self.code.name(),
            "message": self.message,
            "file": loc.map(|l| l.file.to_string_lossy().replace('\\', "/")),
            "line": loc.and_then(|l| known(l.line)),
            "column": loc.and_then(|l| known(l.col)),
            "width": loc.and_then(|l| known(l.line).map(|_| l.width)),
            "source_line": loc.and_then(|l| l.source_line.clone()),
            "help": self.help,
            "more_like_this": self.more,
        })
        .to_string()
    }

    /// A GitHub Actions workflow command, so the problem shows on the pull request's diff.
    pub fn render_github(&self) -> String {
        let mut props = Vec::new();
        if let Some(l) = self.location.as_deref() {
            props.push(format!(
                "file={}",
                escape_property(&l.file.to_string_lossy().replace('\\', "/"))
            ));
            if l.line > 0 {
                props.push(format!("line={}", l.line));
                props.push(format!("col={}", l.col));
            }
        }
        props.push(format!(
            "title={}",
            escape_property(&format!("carebook {}", self.code))
        ));
        let mut message = self.message.clone();
        if let Some(help) = &self.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        if self.more > 0 {
            message.push_str("\nnote: ");
            message.push_str(&self.more_note());
        }
        format!(
            "::{} {}::{}",
            self.level.as_str(),
            props.join(","),
            escape_data(&message)
        )
    }
}

fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

fn render_location(out: &mut String, loc: &Location) {
    let file = loc.file.display();
    if loc.line == 0 {
        let _ = writeln!(out, "  --> {file}");
        return;
    }
    let _ = writeln!(out, "  --> {file}:{}:{}", loc.line, loc.col);
    if let Some(text) = &loc.source_line {
        let number = loc.line.to_string();
        let pad = " ".repeat(number.len());
        let shown = text.replace('\t', " ");
        let caret_pad = " ".repeat(loc.caret.saturating_sub(1));
        let carets = "^".repeat(loc.width.max(1));
        let _ = writeln!(out, "{pad} |");
        let _ = writeln!(out, "{number} | {shown}");
        let _ = writeln!(out, "{pad} | {caret_pad}{carets}");
    }
}

/// Everything a build or check found, in the order found.
#[derive(Debug, Default, Clone)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.diagnostics.extend(other);
    }

    /// Errors found, counting each one a grouped diagnostic stands for.
    pub fn error_count(&self) -> usize {
        self.count(Level::Error)
    }

    pub fn warning_count(&self) -> usize {
        self.count(Level::Warning)
    }

    fn count(&self, level: Level) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.level == level)
            .map(|d| 1 + d.more)
            .sum()
    }

    pub fn has_errors(&self) -> bool {
        self.error_count() > 0
    }

    /// Sort by file, line and column so output is stable whatever the rendering order.
    pub fn sort(&mut self) {
        self.diagnostics
            .sort_by(|a, b| sort_key(a).cmp(&sort_key(b)));
    }

    /// Fold diagnostics that say exactly the same thing about the same file into the first of
    /// them, which then counts the others ([`Diagnostic::more`]): 4,000 copies of one broken
    /// link print once, with "and 3,999 more like this in this file". Past
    /// [`MAX_PER_CODE`] different ones with one code in one file, the rest are counted in one
    /// last diagnostic, so no build prints thousands of lines.
    pub fn group(&mut self) {
        self.fold_identical();
        self.cap_per_code();
    }

    fn fold_identical(&mut self) {
        let mut first: HashMap<GroupKey, usize> = HashMap::new();
        let mut kept: Vec<Diagnostic> = Vec::with_capacity(self.diagnostics.len());
        for d in std::mem::take(&mut self.diagnostics) {
            let key = GroupKey::of(&d);
            match first.get(&key) {
                Some(&at) => kept[at].more += 1 + d.more,
                None => {
                    first.insert(key, kept.len());
                    kept.push(d);
                }
            }
        }
        self.diagnostics = kept;
    }

    fn cap_per_code(&mut self) {
        let mut shown: HashMap<(Option<PathBuf>, Code, Level), (usize, usize)> = HashMap::new();
        let mut kept: Vec<Diagnostic> = Vec::with_capacity(self.diagnostics.len());
        for d in std::mem::take(&mut self.diagnostics) {
            let file = d.location.as_ref().map(|l| l.file.clone());
            let slot = shown
                .entry((file, d.code, d.level))
                .or_insert((0, usize::MAX));
            if slot.0 < MAX_PER_CODE {
                slot.0 += 1;
                kept.push(d);
                continue;
            }
            match kept.get_mut(slot.1) {
                Some(rest) => rest.more += 1 + d.more,
                None => {
                    slot.1 = kept.len();
                    kept.push(rest_of(&d));
                }
            }
        }
        self.diagnostics = kept;
    }
}

/// Most different diagnostics of one code shown for one file.
pub const MAX_PER_CODE: usize = 50;

/// The diagnostic that counts the rest of one code's diagnostics in one file.
fn rest_of(first: &Diagnostic) -> Diagnostic {
    let mut rest = Diagnostic {
        level: first.level,
        code: first.code,
        message: format!(
            "more `{}` {}s in this file are not shown",
            first.code,
            first.level.as_str()
        ),
        location: None,
        help: Some("fix the ones above and build again to see the rest".into()),
        more: first.more,
        rest: true,
    };
    if let Some(loc) = &first.location {
        rest = rest.at_file(&loc.file);
    }
    rest
}

/// What makes two diagnostics the same for [`Report::group`].
#[derive(PartialEq, Eq, Hash)]
struct GroupKey {
    level: Level,
    code: Code,
    message: String,
    help: Option<String>,
    file: Option<PathBuf>,
}

impl GroupKey {
    fn of(d: &Diagnostic) -> Self {
        GroupKey {
            level: d.level,
            code: d.code,
            message: d.message.clone(),
            help: d.help.clone(),
            file: d.location.as_ref().map(|l| l.file.clone()),
        }
    }
}

/// `3999` as `3,999`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn sort_key(d: &Diagnostic) -> (Option<&Path>, usize, usize, &'static str) {
    match &d.location {
        Some(l) => (Some(l.file.as_path()), l.line, l.col, d.code.name()),
        None => (None, 0, 0, d.code.name()),
    }
}

/// The nearest candidate to `word`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let word = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&word, &c.to_lowercase()), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// Turn serde's "unknown field `x`, expected one of `a`, `b`" into a "did you mean" hint.
/// Both serde's backticked form and serde-saphyr's plain list are understood.
pub fn unknown_field_help(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field ")?;
    let (field, expected) = rest.split_once(", expected ")?;
    let field = field.trim_matches('`');
    let expected = expected.strip_prefix("one of ").unwrap_or(expected);
    let candidates: Vec<&str> = expected
        .split(',')
        .map(|c| c.trim().trim_matches('`'))
        .filter(|c| !c.is_empty())
        .collect();
    let list = candidates
        .iter()
        .map(|c| format!("`{c}`"))
        .collect::<Vec<_>>()
        .join(", ");
    Some(match did_you_mean(field, candidates.iter().copied()) {
        Some(best) => format!("did you mean `{best}`? Valid fields here: {list}"),
        None => format!("remove `{field}`; valid fields here: {list}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_caret_under_column() {
        let d = Diagnostic::error(Code::UnknownField, "unknown field `sumary`")
            .at(Location {
                file: "content/a.md".into(),
                line: 3,
                col: 1,
                source_line: Some("sumary: hi".into()),
                caret: 1,
                width: 6,
            })
            .help("did you mean `summary`?");
        let text = d.render_human();
        assert!(text.contains("  --> content/a.md:3:1\n"), "{text}");
        assert!(text.contains("3 | sumary: hi\n  | ^^^^^^\n"), "{text}");
        assert!(text.ends_with("= help: did you mean `summary`?\n"));
    }

    #[test]
    fn machine_formats() {
        let d = Diagnostic::error(Code::BrokenLink, "the link target `a,b.md` does not exist")
            .at(Location {
                file: "content/faq.md".into(),
                line: 5,
                col: 21,
                source_line: Some("x".into()),
                caret: 21,
                width: 3,
            })
            .help("did you mean `ab.md`?");
        assert_eq!(
            d.render_github(),
            "::error file=content/faq.md,line=5,col=21,title=carebook broken-link::the link target `a,b.md` does not exist%0Ahelp: did you mean `ab.md`?"
        );
        let json: serde_json::Value = serde_json::from_str(&d.render_json()).unwrap();
        assert_eq!(json["file"], "content/faq.md");
        assert_eq!(json["line"], 5);
        assert_eq!(json["column"], 21);
        assert_eq!(json["code"], "broken-link");
        let bare: serde_json::Value =
            serde_json::from_str(&Diagnostic::warning(Code::Io, "x").render_json()).unwrap();
        assert!(bare["line"].is_null() && bare["level"] == "warning");
    }

    #[test]
    fn identical_diagnostics_are_grouped_and_still_counted() {
        let at = |line: usize| Location {
            file: "content/a.md".into(),
            line,
            col: 1,
            source_line: None,
            caret: 1,
            width: 1,
        };
        let broken = |line| {
            Diagnostic::error(Code::BrokenLink, "the link target `x.md` does not exist")
                .at(at(line))
        };
        let mut report = Report::default();
        report.extend((1..=4000).map(broken));
        report.push(Diagnostic::warning(Code::CareCardHeading, "other").at(at(2)));
        report.group();
        assert_eq!(report.diagnostics.len(), 2);
        assert_eq!(report.diagnostics[0].more, 3999);
        assert_eq!((report.error_count(), report.warning_count()), (4000, 1));
        let text = report.diagnostics[0].render_human();
        assert!(
            text.contains("= note: and 3,999 more like this in this file"),
            "{text}"
        );
        assert_eq!(thousands(1234567), "1,234,567");
        assert_eq!(thousands(999), "999");
    }

    #[test]
    fn different_diagnostics_of_one_code_are_capped_per_file() {
        let mut report = Report::default();
        report.extend((0..4000).map(|i| {
            Diagnostic::error(
                Code::BrokenLink,
                format!("the link target `p{i}.md` does not exist"),
            )
            .at_file(Path::new("content/a.md"))
        }));
        report.group();
        assert_eq!(report.diagnostics.len(), MAX_PER_CODE + 1);
        assert_eq!(report.error_count(), 4000);
        let last = report.diagnostics.last().unwrap().render_human();
        assert!(last.contains("3,950 in all"), "{last}");
    }

    #[test]
    fn suggests_close_words_only() {
        let fields = ["title", "summary", "order"];
        assert_eq!(did_you_mean("sumary", fields), Some("summary"));
        assert_eq!(did_you_mean("zzz", fields), None);
    }

    #[test]
    fn unknown_field_messages_of_both_styles() {
        let serde =
            unknown_field_help("unknown field `sumary`, expected one of `title`, `summary`")
                .unwrap();
        assert!(serde.starts_with("did you mean `summary`?"), "{serde}");
        let saphyr =
            unknown_field_help("unknown field `sumary`, expected one of title, summary").unwrap();
        assert_eq!(serde, saphyr);
        assert!(
            unknown_field_help("unknown field `x`, expected `title`")
                .unwrap()
                .starts_with("remove `x`")
        );
    }
}
