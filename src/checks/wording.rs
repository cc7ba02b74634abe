//! Rule 7: phrases that promise more than self-care advice can ("completely safe", "puts your
//! spine back in place") are errors. book.toml's `[safety.wording]` extends or replaces the list.

use super::locate_in_block;
use super::matcher::Phrases;
use crate::content::{Page, field_location};
use crate::diagnostics::Diagnostic;
use crate::markdown::Rendered;

pub(super) fn check(page: &Page, rendered: &Rendered, phrases: &Phrases) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let front = [
        ("title", page.front.title.as_deref()),
        ("summary", page.front.summary.as_deref()),
    ];
    for (field, text) in front {
        for phrase in found(text.unwrap_or(""), phrases) {
            problems.push(overpromise(phrase, field_location(page, field)));
        }
    }
    for block in &rendered.blocks {
        for phrase in found(&block.text, phrases) {
            problems.push(overpromise(phrase, locate_in_block(page, block, phrase)));
        }
    }
    problems
}

fn found<'p>(text: &str, phrases: &'p Phrases) -> Vec<&'p str> {
    phrases
        .found_in(text)
        .into_iter()
        .map(|i| phrases.phrase(i))
        .collect()
}

fn overpromise(phrase: &str, at: crate::diagnostics::Location) -> Diagnostic {
    Diagnostic::error("overpromise", format!("\"{phrase}\" promises more than self-care advice can"))
        .at(at)
        .help("say what is known instead, e.g. \"low-risk for most people\", and name who should not do it")
}
