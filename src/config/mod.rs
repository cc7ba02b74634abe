//! book.toml: the guide's settings. Unknown keys are errors that name the nearest valid key.

use crate::codes::Code;
use crate::diagnostics::{Diagnostic, unknown_field_help};
use crate::source::SourceFile;
use serde::Deserialize;
use std::path::{Path, PathBuf};

mod about;
pub mod locale;
mod print;
mod safety;
pub mod spans;
mod validate;
pub use about::{AboutConfig, Certainty, Contributor, Reviewer, check_contact};
pub use print::{CardSize, CardsConfig, PrintConfig, SheetLayout, SheetSize};
pub use safety::{
    CareCardHeadings, Dose, LevelLabels, Negation, Referrals, SafetyConfig, Severity, Sources,
    Wording,
};
pub use spans::key_location;

pub const CONFIG_FILE: &str = "book.toml";

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct Config {
    pub book: BookConfig,
    pub build: BuildConfig,
    pub site: SiteConfig,
    pub safety: SafetyConfig,
    pub cards: CardsConfig,
    pub print: PrintConfig,
    pub about: AboutConfig,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct BookConfig {
    /// Required: an empty or missing title is an error.
    pub title: String,
    pub description: String,
    pub language: String,
    pub authors: Vec<String>,
}

impl Default for BookConfig {
    fn default() -> Self {
        Self {
            title: String::new(),
            description: String::new(),
            language: "en".into(),
            authors: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct BuildConfig {
    /// Folder of Markdown pages, relative to the guide root.
    pub content_dir: PathBuf,
    /// Where the site is written, relative to the guide root.
    pub output_dir: PathBuf,
    /// Theme name: files in themes/<name>/ override the built-in default theme.
    pub theme: String,
}

impl Default for BuildConfig {
    fn default() -> Self {
        Self {
            content_dir: "content".into(),
            output_dir: "public".into(),
            theme: "default".into(),
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct SiteConfig {
    /// Public URL of the site; its path is the base path (e.g. `https://owner.github.io/guide/`).
    pub url: Option<String>,
    /// Custom domain for GitHub Pages: written to a CNAME file.
    pub cname: Option<String>,
}

impl Config {
    /// Read and validate `ROOT/book.toml`.
    pub fn load(root: &Path) -> Result<Config, Vec<Diagnostic>> {
        let path = root.join(CONFIG_FILE);
        let text = crate::files::read_text(&path, crate::files::limit::CONFIG).map_err(|e| {
            let help = match e {
                crate::files::ReadError::Missing => {
                    "run `carebook init DIR` to start a new guide, or pass the guide's folder"
                }
                _ => "book.toml must be a UTF-8 text file of settings; see README.md",
            };
            let why = format!("cannot read {}: {}", path.display(), e.describe());
            vec![Diagnostic::error(Code::Config, why).help(help)]
        })?;
        Self::parse(&SourceFile::new(CONFIG_FILE, text))
    }

    /// Read book.toml's text: its settings laid over the built-in locale of its language.
    pub fn parse(source: &SourceFile) -> Result<Config, Vec<Diagnostic>> {
        // Read as written first, so any mistake is reported at its own line.
        let written: Config =
            toml::from_str(&source.text).map_err(|e| vec![toml_error(source, &e)])?;
        let table: toml::Table =
            toml::from_str(&source.text).map_err(|e| vec![toml_error(source, &e)])?;
        let mut merged = locale::defaults_for(&written.book.language).unwrap_or_default();
        locale::merge(&mut merged, table);
        let config: Config = toml::Value::Table(merged)
            .try_into()
            .map_err(|e| vec![toml_error(source, &e)])?;
        let problems = validate::validate(&config, source);
        if problems.is_empty() {
            Ok(config)
        } else {
            Err(problems)
        }
    }
}

/// The path part of a public site URL, always starting and ending with `/`. The URL must be
/// a whole http(s) address with a host and nothing after its path: it is written into every
/// page's canonical link, the sitemap, robots.txt and the cards' QR codes.
pub fn base_path_of(url: &str) -> Result<String, String> {
    let shown = url.escape_debug();
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(format!("`{shown}` contains spaces or line breaks"));
    }
    let parsed = url::Url::parse(url).map_err(|e| match e {
        url::ParseError::RelativeUrlWithoutBase => {
            format!("`{shown}` must start with https:// or http://")
        }
        e => format!("`{shown}` is not a valid web address ({e})"),
    })?;
    if !matches!(parsed.scheme(), "https" | "http") {
        return Err(format!("`{shown}` must start with https:// or http://"));
    }
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err(format!("`{shown}` has no host name"));
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(format!(
            "`{shown}` must not contain a user name or password"
        ));
    }
    if parsed.query().is_some() || parsed.fragment().is_some() {
        return Err(format!("`{shown}` must not have a `?query` or `#fragment`"));
    }
    let path = parsed.path().trim_matches('/');
    Ok(if path.is_empty() {
        "/".into()
    } else {
        format!("/{path}/")
    })
}

fn toml_error(source: &SourceFile, err: &toml::de::Error) -> Diagnostic {
    let message = err.message().trim().to_string();
    let short = match message.split_once(", expected") {
        Some((head, _)) if message.starts_with("unknown field") => {
            head.replace("unknown field", "unknown key")
        }
        _ => message.clone(),
    };
    let mut diagnostic = Diagnostic::error(Code::Config, format!("{CONFIG_FILE}: {short}"));
    if let Some(span) = err.span() {
        diagnostic = diagnostic.at(source.locate(span.start, span.end));
    }
    match unknown_field_help(&message) {
        Some(help) => diagnostic.help(help),
        None => diagnostic.help("see the book.toml reference in README.md"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, Vec<Diagnostic>> {
        Config::parse(&SourceFile::new("book.toml", text.into()))
    }

    #[test]
    fn defaults_fill_everything_optional() {
        let c = parse("[book]\ntitle = \"T\"\n").unwrap();
        assert_eq!(c.build.output_dir, PathBuf::from("public"));
        assert_eq!(c.build.theme, "default");
    }

    #[test]
    fn unknown_key_names_key_line_and_nearest() {
        let errs = parse("[book]\ntitle = \"T\"\n[build]\noutput-dri = \"x\"\n").unwrap_err();
        let d = &errs[0];
        assert!(
            d.message.contains("unknown key `output-dri`"),
            "{}",
            d.message
        );
        assert_eq!(d.location.as_ref().unwrap().line, 4);
        assert!(
            d.help
                .as_deref()
                .unwrap()
                .starts_with("did you mean `output-dir`?")
        );
    }

    #[test]
    fn base_path_comes_from_url() {
        assert_eq!(
            base_path_of("https://o.github.io/backcare").unwrap(),
            "/backcare/"
        );
        assert_eq!(base_path_of("https://example.org").unwrap(), "/");
        assert!(base_path_of("example.org").is_err());
    }

    #[test]
    fn bad_url_is_reported_at_its_line() {
        let errs = parse("[book]\ntitle = \"T\"\n[site]\nurl = \"ftp://x\"\n").unwrap_err();
        assert_eq!(errs[0].location.as_ref().unwrap().line, 4);
    }
}
