//! Checks on the loaded model that need more than one field or more than one page.

use super::frontmatter::TECHNIQUE_FIELDS;
use super::yaml::{Part, Step};
use super::{Guide, Page, PageKind};
use crate::codes::Code;
use crate::diagnostics::{Diagnostic, Location};
use std::collections::HashMap;

/// Two files that would be written to the same output path.
pub(super) fn duplicate_urls(guide: &Guide) -> Vec<Diagnostic> {
    let mut seen: HashMap<&str, &Page> = HashMap::new();
    let mut problems = Vec::new();
    for page in &guide.pages {
        if let Some(first) = seen.insert(page.url.as_str(), page) {
            problems.push(
                Diagnostic::error(Code::DuplicateSlug, format!("`{}` and `{}` would both be published as `{}`", first.rel_path, page.rel_path, page.url))
                    .at(page.source.locate(0, 0))
                    .help("rename one of the two files; file names become web addresses, ignoring case and punctuation"),
            );
        }
    }
    for asset in &guide.assets {
        if let Some(page) = seen.get(asset.rel_path.as_str()) {
            problems.push(
                Diagnostic::error(
                    Code::DuplicateSlug,
                    format!(
                        "`{}` and the file `{}` would both be published as `{}`",
                        page.rel_path, asset.rel_path, asset.rel_path
                    ),
                )
                .at(page.source.locate(0, 0))
                .help("rename one of the two: a page's file name becomes its web address"),
            );
        }
    }
    problems
}

/// Per-page rules: required title, technique-only fields, dates in order, related pages exist.
pub(super) fn pages(guide: &Guide) -> Vec<Diagnostic> {
    guide.pages.iter().flat_map(|p| page(guide, p)).collect()
}

fn page(guide: &Guide, page: &Page) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let front = &page.front;
    if page.front_ok
        && !page.generated
        && front.title.as_deref().is_none_or(|t| t.trim().is_empty())
    {
        problems.push(
            Diagnostic::error(Code::MissingTitle, "this page has no title")
                .at(page.source.locate(0, 3))
                .help("add a line `title: Your page title` to the front matter"),
        );
    }
    if front.kind != PageKind::Technique {
        for field in technique_fields_present(page) {
            problems.push(
                Diagnostic::error(
                    Code::TechniqueField,
                    format!("`{field}` only applies to technique pages"),
                )
                .at(field_location(page, field))
                .help(
                    "add `kind: technique` if this page teaches a technique, or remove the field",
                ),
            );
        }
    }
    if let (Some(reviewed), Some(next)) = (front.reviewed, front.next_review)
        && next <= reviewed
    {
        problems.push(
            Diagnostic::error(
                Code::ReviewOrder,
                format!("`next-review` ({next}) is not after `reviewed` ({reviewed})"),
            )
            .at(field_location(page, "next-review"))
            .help("set `next-review` to a date after the last review, e.g. three years later"),
        );
    }
    for (n, source) in front.sources.iter().enumerate() {
        if let Err(why) = check_url(&source.url) {
            problems.push(
                Diagnostic::error(
                    Code::BadSourceUrl,
                    format!("source `{}` {why}", source.title),
                )
                .at(value_location(
                    page,
                    &["sources".into(), n.into(), "url".into()],
                ))
                .help("give the full web address, starting with https://"),
            );
        }
    }
    problems.extend(related(guide, page));
    problems.extend(super::pictures::check(guide, page));
    problems
}

fn technique_fields_present(page: &Page) -> Vec<&'static str> {
    let f = &page.front;
    let present = [
        f.duration.is_some(),
        f.position.is_some(),
        f.equipment.is_some(),
        f.repetitions.is_some(),
        f.hold.is_some(),
        f.contraindications.is_some(),
        f.adapt.is_some(),
        f.ask_first.is_some(),
    ];
    TECHNIQUE_FIELDS
        .iter()
        .zip(present)
        .filter(|(_, p)| *p)
        .map(|(name, _)| *name)
        .collect()
}

fn related(guide: &Guide, page: &Page) -> Vec<Diagnostic> {
    page.front
        .related
        .iter()
        .enumerate()
        .filter(|(_, target)| resolve_relative(&page.rel_path, target).and_then(|p| guide.page_by_path(&p)).is_none())
        .map(|(n, target)| {
            Diagnostic::error(Code::BrokenRelated, format!("related page `{target}` does not exist"))
                .at(value_location(page, &["related".into(), n.into()]))
                .help("write the path of another page's .md file, relative to this one, e.g. `../prevention.md`")
        })
        .collect()
}

/// Resolve `target` (a relative path, possibly with `..`) against the folder of `from`.
pub fn resolve_relative(from: &str, target: &str) -> Option<String> {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    if target.starts_with('/') {
        parts.clear();
    }
    for piece in target.split('/') {
        match piece {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// A source URL must be a well-formed https address.
pub fn check_url(url: &str) -> Result<(), String> {
    let Some(rest) = url.strip_prefix("https://") else {
        return Err(format!(
            "has the address `{url}`, which does not start with https://"
        ));
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    if host.is_empty() || !host.contains('.') || url.contains(char::is_whitespace) {
        return Err(format!(
            "has the address `{url}`, which is not a complete web address"
        ));
    }
    Ok(())
}

/// Where a top-level front matter key is written (the page's first line when it is not).
pub fn field_location(page: &Page, key: &str) -> Location {
    match page.front_span(&[key.into()], Part::Key) {
        Some(at) => page.source.locate(at.start, at.end),
        None => page.source.locate(0, 3),
    }
}

/// Where the front matter value at `path` is written, e.g. `["sources", 2, "url"]`: the
/// value as the YAML parser read it, so the same text elsewhere is never taken for it. Falls
/// back to the top-level key, then to the page's first line.
pub fn value_location(page: &Page, path: &[Step]) -> Location {
    match page.front_span(path, Part::Value) {
        Some(at) => page.source.locate(at.start, at.end),
        None => match path.first() {
            Some(Step::Key(key)) => field_location(page, key),
            _ => page.source.locate(0, 3),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_resolve() {
        assert_eq!(
            resolve_relative("techniques/a.md", "../b.md").as_deref(),
            Some("b.md")
        );
        assert_eq!(
            resolve_relative("a.md", "techniques/c.md").as_deref(),
            Some("techniques/c.md")
        );
        assert_eq!(resolve_relative("a.md", "../x.md"), None);
    }

    #[test]
    fn source_urls_must_be_https() {
        assert!(check_url("https://www.nhs.uk/conditions/back-pain/").is_ok());
        assert!(check_url("http://www.nhs.uk/").is_err());
        assert!(check_url("https://nhs").is_err());
    }
}
