//! book.toml: the guide's settings. Unknown keys are errors that name the nearest valid key.

use crate::diagnostics::{Diagnostic, unknown_field_help};
use crate::source::SourceFile;
use serde::Deserialize;
use std::path::{Path, PathBuf};

mod print;
mod safety;
pub use print::{CardSize, CardsConfig, PrintConfig, SheetLayout, SheetSize};
pub use safety::{CareCardHeadings, Referrals, SafetyConfig, Severity, Wording};

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
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct BookConfig {
    pub title: String,
    pub description: String,
    pub language: String,
    pub authors: Vec<String>,
}

impl Default for BookConfig {
    fn default() -> Self {
        Self {
            title: "Untitled guide".into(),
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
        let text = std::fs::read_to_string(&path).map_err(|e| {
            vec![
                Diagnostic::error("config", format!("cannot read {}: {e}", path.display())).help(
                    "run `carebook init DIR` to start a new guide, or pass the guide's folder",
                ),
            ]
        })?;
        Self::parse(&SourceFile::new(CONFIG_FILE, text))
    }

    pub fn parse(source: &SourceFile) -> Result<Config, Vec<Diagnostic>> {
        let config: Config =
            toml::from_str(&source.text).map_err(|e| vec![toml_error(source, &e)])?;
        let problems = config.validate(source);
        if problems.is_empty() {
            Ok(config)
        } else {
            Err(problems)
        }
    }

    fn validate(&self, source: &SourceFile) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        if self.cards.enable
            && let Err(why) = self.cards.layout()
        {
            let at = key_location(source, "per-sheet").unwrap_or_else(|| source.locate(0, 0));
            problems.push(
                Diagnostic::error("config", format!("[cards] {why}"))
                    .at(at)
                    .help("use per-sheet = 1, 2 or 4, or a smaller card size or larger sheet"),
            );
        }
        if let Some(url) = &self.site.url
            && let Err(why) = base_path_of(url)
        {
            let at = key_location(source, "url").unwrap_or_else(|| source.locate(0, 0));
            problems.push(Diagnostic::error("config", format!("[site] url {why}")).at(at).help(
                "write the full public address, e.g. url = \"https://owner.github.io/guide/\"",
            ));
        }
        if self.book.title.trim().is_empty() {
            let at = key_location(source, "title").unwrap_or_else(|| source.locate(0, 0));
            problems.push(
                Diagnostic::error("config", "[book] title is empty")
                    .at(at)
                    .help("give the guide a title"),
            );
        }
        problems
    }
}

/// The path part of a site URL, always starting and ending with `/`.
pub fn base_path_of(url: &str) -> Result<String, String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| format!("`{url}` must start with https:// or http://"))?;
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    if host.is_empty() || host.contains(char::is_whitespace) {
        return Err(format!("`{url}` has no host name"));
    }
    let path = path
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .trim_matches('/');
    Ok(if path.is_empty() {
        "/".into()
    } else {
        format!("/{path}/")
    })
}

/// The location of `key = ...` in book.toml, if the key is written there.
pub fn key_location(source: &SourceFile, key: &str) -> Option<crate::diagnostics::Location> {
    let offset = source
        .text
        .lines()
        .scan(0, |pos, line| {
            let start = *pos;
            *pos += line.len() + 1;
            Some((start, line))
        })
        .find(|(_, line)| {
            let t = line.trim_start();
            t.starts_with(key) && t[key.len()..].trim_start().starts_with('=')
        })
        .map(|(start, line)| start + line.len() - line.trim_start().len())?;
    Some(source.locate(offset, offset + key.len()))
}

fn toml_error(source: &SourceFile, err: &toml::de::Error) -> Diagnostic {
    let message = err.message().trim().to_string();
    let short = match message.split_once(", expected") {
        Some((head, _)) if message.starts_with("unknown field") => {
            head.replace("unknown field", "unknown key")
        }
        _ => message.clone(),
    };
    let mut diagnostic = Diagnostic::error("config", format!("{CONFIG_FILE}: {short}"));
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
        let errs = parse("[site]\nurl = \"ftp://x\"\n").unwrap_err();
        assert_eq!(errs[0].location.as_ref().unwrap().line, 2);
    }
}
