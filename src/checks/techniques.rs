//! Technique pages: numbered steps under `## Steps`, and contraindications that point at a
//! condition described on the conditions page.

use crate::config::Config;
use crate::content::{Guide, PageKind, field_location, value_location};
use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::markdown::Rendered;

pub(super) fn check(config: &Config, guide: &Guide, rendered: &[Rendered]) -> Vec<Diagnostic> {
    let conditions_page = conditions_page(config, guide);
    let mut problems = Vec::new();
    for (i, page) in guide.pages.iter().enumerate() {
        if page.kind() != PageKind::Technique {
            continue;
        }
        if rendered[i].step_count == 0 {
            problems.push(
                Diagnostic::error("missing-steps", "this technique has no numbered steps")
                    .at(page.source.locate(0, 3))
                    .help("add a `## Steps` heading followed by a numbered list (`1.`, `2.`, ...)"),
            );
        }
        for id in page.front.contraindications.iter().flatten() {
            let Some(cp) = conditions_page else {
                problems.push(
                    Diagnostic::error(
                        "missing-conditions-page",
                        format!(
                            "contraindication `{id}` needs the conditions page `{}`",
                            config.safety.conditions_page.display()
                        ),
                    )
                    .at(field_location(page, "contraindications"))
                    .help("add that page, or set [safety] conditions-page in book.toml"),
                );
                break;
            };
            if !rendered[cp].headings.iter().any(|h| h.id == *id) {
                let ids = rendered[cp].headings.iter().map(|h| h.id.as_str());
                let hint = did_you_mean(id, ids)
                    .map(|b| format!("did you mean `{b}`? "))
                    .unwrap_or_default();
                problems.push(
                    Diagnostic::error("unknown-condition", format!("`{id}` is not a condition described on {}", guide.pages[cp].rel_path))
                        .at(value_location(page, id))
                        .help(format!("{hint}each contraindication is the id of a heading there, written `## Name {{#{id}}}`")),
                );
            }
        }
    }
    problems
}

/// The page configured as `[safety] conditions-page`, if it exists.
pub fn conditions_page(config: &Config, guide: &Guide) -> Option<usize> {
    guide.page_by_path(
        &config
            .safety
            .conditions_page
            .to_string_lossy()
            .replace('\\', "/"),
    )
}
