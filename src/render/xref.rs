//! Cross-references computed once from the whole guide: backlinks, related pages, and which
//! techniques each condition rules out.

use super::views::LinkView;
use crate::content::{Guide, PageId, PageKind, PerPage, resolve_relative};
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

/// condition id -> the technique pages that list it, in reading order.
pub fn techniques_by_condition(guide: &Guide) -> HashMap<String, Vec<PageId>> {
    let mut map: HashMap<String, Vec<PageId>> = HashMap::new();
    for &p in &guide.reading_order {
        let page = &guide.pages[p];
        if page.kind() != PageKind::Technique {
            continue;
        }
        for id in page.front.contraindications.iter().flatten() {
            map.entry(id.clone()).or_default().push(p);
        }
    }
    map
}

/// The HTML placed after each condition heading on the conditions page: the techniques it rules
/// out, each linked with `href(technique page)`, from the theme's `ruled-out.html`.
pub fn ruled_out_html(
    guide: &Guide,
    by_condition: &HashMap<String, Vec<PageId>>,
    href: impl Fn(PageId) -> String,
    tera: &tera::Tera,
) -> Result<HashMap<String, String>, String> {
    by_condition
        .iter()
        .map(|(id, techniques)| {
            let links: Vec<LinkView<'_>> = techniques
                .iter()
                .map(|&t| LinkView {
                    title: &guide.pages[t].title,
                    href: href(t),
                })
                .collect();
            let mut context = tera::Context::new();
            context.insert("techniques", &links);
            let html = tera
                .render("ruled-out.html", &context)
                .map_err(|e| format!("template ruled-out.html failed: {e}"))?;
            Ok((id.clone(), html))
        })
        .collect()
}
