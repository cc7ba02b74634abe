//! Syntax highlighting with syntect, into CSS classes (`hl-keyword` ...) that the theme colours
//! for light, dark and print. The syntax set is loaded on first use only: a guide without
//! fenced code blocks never pays for it.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// Owns the lazily loaded syntax set; pass it by reference. Each block is highlighted once per
/// build: the print handout renders every page again, and guides repeat snippets.
#[derive(Default)]
pub struct Highlighter {
    syntaxes: OnceLock<SyntaxSet>,
    done: Mutex<HashMap<String, Option<String>>>,
}

impl Highlighter {
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether the syntax set has been loaded (tests and `--timings` use this).
    pub fn is_loaded(&self) -> bool {
        self.syntaxes.get().is_some()
    }

    fn syntaxes(&self) -> &SyntaxSet {
        self.syntaxes.get_or_init(SyntaxSet::load_defaults_newlines)
    }

    /// Highlighted HTML for `code` in `language`, or `None` when the language is unknown.
    pub fn highlight(&self, language: &str, code: &str) -> Option<String> {
        let key = format!("{language}\n{code}");
        if let Some(html) = self
            .done
            .lock()
            .ok()
            .and_then(|done| done.get(&key).cloned())
        {
            return html;
        }
        let html = self.highlight_uncached(language, code);
        if let Ok(mut done) = self.done.lock() {
            done.insert(key, html.clone());
        }
        html
    }

    fn highlight_uncached(&self, language: &str, code: &str) -> Option<String> {
        let set = self.syntaxes();
        let syntax = set.find_syntax_by_token(language)?;
        let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, set, CLASS_STYLE);
        for line in LinesWithEndings::from(code) {
            generator
                .parse_html_for_line_which_includes_newline(line)
                .ok()?;
        }
        Some(generator.finalize())
    }
}
