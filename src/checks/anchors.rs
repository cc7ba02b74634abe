//! Every internal link's page and `#anchor` must exist, including same-page anchors.

use crate::codes::Code;
use crate::content::{Guide, PageId, PerPage};
use crate::diagnostics::{Diagnostic, Location, did_you_mean};
use crate::markdown::{LinkTarget, PageFacts};
use std::collections::HashSet;

pub(super) fn check(guide: &Guide, rendered: &PerPage<PageFacts>) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    // Each page's ids, made the first time a link points into it.
    let mut ids: PerPage<Option<HashSet<&str>>> = rendered.iter().map(|_| None).collect();
    for (from, page) in rendered.iter_enumerated() {
        for link in &page.links {
            let (target, fragment) = match &link.target {
                LinkTarget::SamePage { fragment } => (from, fragment.as_str()),
                LinkTarget::Page {
                    page,
                    fragment: Some(f),
                } => (*page, f.as_str()),
                LinkTarget::Page { fragment: None, .. } => continue,
            };
            let known = ids[target].get_or_insert_with(|| {
                rendered[target]
                    .headings
                    .iter()
                    .map(|h| h.id.as_str())
                    .collect()
            });
            if !known.contains(fragment) {
                problems.push(broken(
                    guide,
                    target,
                    &rendered[target],
                    fragment,
                    link.location(&guide.pages[from]),
                ));
            }
        }
    }
    problems
}

fn broken(
    guide: &Guide,
    target: PageId,
    page: &PageFacts,
    fragment: &str,
    location: Location,
) -> Diagnostic {
    let title = &guide.pages[target].title;
    let ids = page.headings.iter().map(|h| h.id.as_str());
    let help = match did_you_mean(fragment, ids) {
        Some(best) => format!("did you mean `#{best}`?"),
        None => format!(
            "link to a heading of \"{title}\": its id is the heading text in lowercase with hyphens, or the `{{#id}}` written after it"
        ),
    };
    Diagnostic::error(
        Code::BrokenAnchor,
        format!("\"{title}\" has no heading with the id `#{fragment}`"),
    )
    .at(location)
    .help(help)
}
