//! What the about page cannot tell a reader that a health-information standard (the UK's PIF
//! TICK, among others) expects it to: one warning per missing part of `[about]`, or one for
//! the whole table when book.toml has none.

use super::CheckContext;
use crate::codes::Code;
use crate::config::{AboutConfig, CONFIG_FILE, key_location};
use crate::diagnostics::Diagnostic;
use std::path::Path;

/// A part of `[about]` a reader looks for: its key, whether it is written, what it tells them.
struct Part {
    key: &'static str,
    written: bool,
    tells: &'static str,
    example: &'static str,
}

fn parts(about: &AboutConfig) -> [Part; 6] {
    let written = |text: &str| !text.trim().is_empty();
    [
        Part {
            key: "authors",
            written: about.authors.iter().any(|a| written(&a.role)),
            tells: "who wrote the guide and what each of them did",
            example: "authors = [{ name = \"A. Writer\", role = \"wrote the pages\" }]",
        },
        Part {
            key: "process",
            written: written(&about.process),
            tells: "how the guide is written, checked against its sources and kept up to date",
            example: "process = \"Each page is written from the sources it lists and checked by ...\"",
        },
        Part {
            key: "involvement",
            written: written(&about.involvement),
            tells: "how the people the guide is for took part in making it",
            example: "involvement = \"Five people with back pain read the drafts and ...\"",
        },
        Part {
            key: "conflicts",
            written: written(&about.conflicts),
            tells: "any interest that could sway the advice, or that there is none",
            example: "conflicts = \"None of the authors sells a product or service this guide mentions.\"",
        },
        Part {
            key: "funding",
            written: written(&about.funding),
            tells: "who pays for the guide",
            example: "funding = \"No one pays for this guide; its authors give their time.\"",
        },
        Part {
            key: "feedback",
            written: written(&about.feedback),
            tells: "where to send comments and corrections",
            example: "feedback = \"mailto:guide@example.org\"",
        },
    ]
}

pub(super) fn check(ctx: &CheckContext<'_>) -> Vec<Diagnostic> {
    let missing: Vec<Part> = parts(&ctx.config.about)
        .into_iter()
        .filter(|p| !p.written)
        .collect();
    let table = ctx.book.and_then(|book| key_location(book, &["about"]));
    match table {
        _ if missing.is_empty() => Vec::new(),
        None => vec![no_table(&missing)],
        Some(at) => missing
            .iter()
            .map(|part| {
                Diagnostic::warning(
                    Code::AboutIncomplete,
                    format!(
                        "[about] has no `{}`: the about page cannot tell readers {}",
                        part.key, part.tells
                    ),
                )
                .at(at.clone())
                .help(format!("add it to [about], e.g. {}", part.example))
            })
            .collect(),
    }
}

/// What the about page shows from `[about]`, each text with where its key is in book.toml.
pub(super) fn texts<'a>(
    about: &'a AboutConfig,
    book: Option<&crate::source::SourceFile>,
) -> Vec<(&'a str, crate::diagnostics::Location)> {
    let at = |key: &str| {
        // A text the locale gives (the certainty labels' meanings) is changed in [about].
        let found = book
            .and_then(|b| key_location(b, &["about", key]).or_else(|| key_location(b, &["about"])));
        found.unwrap_or_else(|| crate::diagnostics::Location {
            file: Path::new(CONFIG_FILE).to_path_buf(),
            line: 0,
            col: 0,
            source_line: None,
            caret: 0,
            width: 1,
        })
    };
    let plain = [
        ("process", about.process.as_str()),
        ("involvement", about.involvement.as_str()),
        ("conflicts", about.conflicts.as_str()),
        ("funding", about.funding.as_str()),
    ];
    let roles = (about.authors.iter().map(|a| ("authors", a.role.as_str()))).chain(
        about
            .reviewers
            .iter()
            .map(|r| ("reviewers", r.role.as_str())),
    );
    let meanings = (about.certainty.iter()).map(|c| ("certainty", c.meaning.as_str()));
    (plain.into_iter().chain(roles).chain(meanings))
        .filter(|(_, text)| !text.trim().is_empty())
        .map(|(key, text)| (text, at(key)))
        .collect()
}

/// A page whose `certainty` the about page does not explain.
pub(super) fn certainty(ctx: &CheckContext<'_>) -> Vec<Diagnostic> {
    let levels = &ctx.config.about.certainty;
    let ids = || levels.iter().map(|c| c.id.as_str());
    ctx.guide
        .pages
        .iter()
        .filter_map(|page| {
            let id = page.front.certainty.as_deref()?;
            if ctx.config.about.certainty(id).is_some() {
                return None;
            }
            let known = ids()
                .map(|i| format!("`{i}`"))
                .collect::<Vec<_>>()
                .join(", ");
            let help = match crate::diagnostics::did_you_mean(id, ids()) {
                Some(near) => format!("did you mean `{near}`? The labels are {known}"),
                None if known.is_empty() => {
                    "add labels to [about] certainty, each with what it means".into()
                }
                None => format!(
                    "use one of {known}, or add the label to [about] certainty with what it means"
                ),
            };
            let at = crate::content::value_location(page, &["certainty".into()]);
            Some(
                Diagnostic::error(
                    Code::UnknownCertainty,
                    format!(
                        "certainty `{}` is not a label the about page explains",
                        id.escape_debug()
                    ),
                )
                .at(at)
                .help(help),
            )
        })
        .collect()
}

/// book.toml has no `[about]`: one warning naming every part.
fn no_table(missing: &[Part]) -> Diagnostic {
    let keys: Vec<&str> = missing.iter().map(|p| p.key).collect();
    let tells: Vec<&str> = missing.iter().map(|p| p.tells).collect();
    Diagnostic::warning(
        Code::AboutIncomplete,
        format!(
            "book.toml has no [about] table: the about page cannot tell readers {}",
            tells.join("; ")
        ),
    )
    .at_file(Path::new(CONFIG_FILE))
    .help(format!(
        "add an [about] table with {} (the README's [about] section shows each one)",
        keys.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Contributor;

    #[test]
    fn a_full_table_misses_nothing_and_roles_count_for_authors() {
        let mut about = AboutConfig {
            process: "p".into(),
            involvement: "i".into(),
            conflicts: "none".into(),
            funding: "f".into(),
            feedback: "mailto:a@b.org".into(),
            authors: vec![Contributor {
                name: "A".into(),
                role: String::new(),
            }],
            ..AboutConfig::default()
        };
        let missing = |about: &AboutConfig| -> Vec<&'static str> {
            parts(about)
                .into_iter()
                .filter(|p| !p.written)
                .map(|p| p.key)
                .collect()
        };
        assert_eq!(missing(&about), ["authors"], "a name without a role");
        about.authors[0].role = "wrote it".into();
        assert!(missing(&about).is_empty());
        assert_eq!(missing(&AboutConfig::default()).len(), 6);
    }
}
