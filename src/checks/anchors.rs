//! Every internal link's page and `#anchor` must exist, including same-page anchors.

use crate::content::Guide;
use crate::diagnostics::{Diagnostic, Location, did_you_mean};
use crate::markdown::{LinkTarget, Rendered};

pub(super) fn check(guide: &Guide, rendered: &[Rendered]) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for (from, page) in rendered.iter().enumerate() {
        for link in &page.links {
            let (target, fragment) = match &link.target {
                LinkTarget::SamePage { fragment } => (from, fragment.as_str()),
                LinkTarget::Page {
                    page,
                    fragment: Some(f),
                } => (*page, f.as_str()),
                LinkTarget::Page { fragment: None, .. } => continue,
            };
            if !has_id(&rendered[target], fragment) {
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

fn has_id(page: &Rendered, id: &str) -> bool {
    page.headings.iter().any(|h| h.id == id)
}

fn broken(
    guide: &Guide,
    target: usize,
    page: &Rendered,
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
        "broken-anchor",
        format!("\"{title}\" has no heading with the id `#{fragment}`"),
    )
    .at(location)
    .help(help)
}
