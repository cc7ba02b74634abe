//! Rule 7: phrases that promise more than self-care advice can ("completely safe", "puts your
//! spine back in place") are errors. book.toml's `[safety.wording]` extends or replaces the list.

use super::locate_in_block;
use super::matcher::Phrases;
use crate::codes::Code;
use crate::content::{Page, field_location};
use crate::diagnostics::Diagnostic;
use crate::markdown::PageText;

pub(super) fn check(page: &Page, text: &PageText, phrases: &Phrases) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let front = [
        ("title", page.front.title.as_deref()),
        ("summary", page.front.summary.as_deref()),
    ];
    for (field, text) in front {
        for found in phrases.find(text.unwrap_or("")) {
            let at = field_location(page, field);
            problems.push(overpromise(phrases.phrase(found.index), at, found.count));
        }
    }
    for block in &text.blocks {
        for found in phrases.find(&block.text) {
            let at = locate_in_block(page, block, &found.at);
            problems.push(overpromise(phrases.phrase(found.index), at, found.count));
        }
    }
    problems
}

/// One overpromise, standing for `count` uses of the phrase in one place.
fn overpromise(phrase: &str, at: crate::diagnostics::Location, count: usize) -> Diagnostic {
    let mut d = Diagnostic::error(Code::Overpromise, format!("\"{phrase}\" promises more than self-care advice can"))
        .at(at)
        .help("say what is known instead, e.g. \"low-risk for most people\", and name who should not do it");
    d.more = count - 1;
    d
}
