//! Cross-references computed once from the whole guide: backlinks, related pages, and which
//! techniques each condition rules out.

use crate::content::{Guide, PageId, PerPage, resolve_relative};
use crate::markdown::{LinkRecord, LinkTarget};
use std::collections::{BTreeSet, HashMap};

/// For each page, the pages that link to it, in reading order.
pub fn backlinks(guide: &Guide, links: &PerPage<Vec<LinkRecord>>) -> PerPage<Vec<PageId>> {
    let rank: HashMap<PageId, usize> = guide
        .reading_order
        .iter()
        .enumerate()
        .map(|(i, &p)| (p, i))
        .collect();
    let mut sets: PerPage<BTreeSet<(usize, PageId)>> =
        guide.pages.iter().map(|_| BTreeSet::new()).collect();
    for (from, page_links) in links.iter_enumerated() {
        for link in page_links {
            if let LinkTarget::Page { page: to, .. } = link.target
                && to != from
            {
                sets[to].insert((rank.get(&from).copied().unwrap_or(usize::MAX), from));
            }
        }
    }
    sets.into_iter()
        .map(|s| s.into_iter().map(|(_, p)| p).collect())
        .collect()
}

/// The pages named in a page's `related` list (unknown paths are reported by validation).
pub fn related(guide: &Guide, page: PageId) -> Vec<PageId> {
    let p = &guide.pages[page];
    p.front
        .related
        .iter()
        .filter_map(|r| resolve_relative(&p.rel_path, r).and_then(|path| guide.page_by_path(&path)))
        .collect()
}

/// condition id -> the technique pages that name it, in reading order, each with its grade's
/// key (`avoid`, `adapt` or `ask-first`: [`crate::content::graded`]).
pub fn techniques_by_condition(guide: &Guide) -> HashMap<String, Vec<(PageId, &'static str)>> {
    let mut map: HashMap<String, Vec<(PageId, &'static str)>> = HashMap::new();
    for &p in &guide.reading_order {
        for g in guide.pages[p].graded() {
            map.entry(g.id.to_string())
                .or_default()
                .push((p, g.grade.key()));
        }
    }
    map
}

/// A technique on the conditions page: its link, and what its grade for the condition is.
#[derive(serde::Serialize)]
struct Graded<'a> {
    title: &'a str,
    href: String,
    /// `avoid`, `adapt` or `ask-first`.
    grade: &'static str,
}

/// The HTML placed after each condition heading on the conditions page: the techniques that
/// name it, each linked with `href(technique page)` and with its grade, from the theme's
/// `ruled-out.html`.
pub fn ruled_out_html(
    guide: &Guide,
    by_condition: &HashMap<String, Vec<(PageId, &'static str)>>,
    href: impl Fn(PageId) -> String,
    tera: &tera::Tera,
) -> Result<HashMap<String, String>, String> {
    by_condition
        .iter()
        .map(|(id, techniques)| {
            let links: Vec<Graded<'_>> = techniques
                .iter()
                .map(|&(t, grade)| Graded {
                    title: &guide.pages[t].title,
                    href: href(t),
                    grade,
                })
                .collect();
            let mut context = tera::Context::new();
            for grade in ["avoid", "adapt", "ask-first"] {
                let of: Vec<&Graded<'_>> = links.iter().filter(|l| l.grade == grade).collect();
                context.insert(grade.replace('-', "_"), &of);
            }
            context.insert("techniques", &links);
            let html = tera
                .render("ruled-out.html", &context)
                .map_err(|e| format!("template ruled-out.html failed: {e}"))?;
            Ok((id.clone(), html))
        })
        .collect()
}
