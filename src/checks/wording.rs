//! Rule 7: phrases that promise more than self-care advice can ("completely safe", "puts your
//! spine back in place") are errors. book.toml's `[safety.wording]` extends or replaces the list.

use super::CheckContext;
use super::locate_in_block;
use super::matcher::find_phrase;
use crate::content::field_location;
use crate::diagnostics::Diagnostic;

pub(super) fn check(ctx: &CheckContext<'_>) -> Vec<Diagnostic> {
    let phrases = ctx.config.safety.wording.phrases();
    let mut problems = Vec::new();
    for (page, rendered) in ctx.guide.pages.iter().zip(ctx.rendered) {
        let front = [
            ("title", page.front.title.as_deref()),
            ("summary", page.front.summary.as_deref()),
        ];
        for (field, text) in front {
            for phrase in found(text.unwrap_or(""), &phrases) {
                problems.push(overpromise(phrase, field_location(page, field)));
            }
        }
        for block in &rendered.blocks {
            for phrase in found(&block.text, &phrases) {
                problems.push(overpromise(phrase, locate_in_block(page, block, phrase)));
            }
        }
    }
    problems
}

fn found<'p>(text: &str, phrases: &'p [String]) -> Vec<&'p str> {
    let lower = text.to_lowercase();
    phrases
        .iter()
        .filter(|p| !find_phrase(&lower, p).is_empty())
        .map(String::as_str)
        .collect()
}

fn overpromise(phrase: &str, at: crate::diagnostics::Location) -> Diagnostic {
    Diagnostic::error("overpromise", format!("\"{phrase}\" promises more than self-care advice can"))
        .at(at)
        .help("say what is known instead, e.g. \"low-risk for most people\", and name who should not do it")
}
