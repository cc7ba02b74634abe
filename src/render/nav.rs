//! Navigation built from the content model: the menu, breadcrumbs, previous/next.

use super::views::{LinkView, NavItem};
use crate::content::{Entry, Guide, PageId, SectionId};

/// Guides up to this size list every page in the menu. Larger ones expand only the sections on
/// the way to the current page and show a window of each long list, so a page's size does not
/// grow with the whole guide (output stays linear in the number of pages).
pub const EXPAND_ALL_UP_TO: usize = 150;

/// The whole menu as seen from page `current` (hrefs are relative to it).
pub fn menu<'g>(guide: &'g Guide, current: PageId, root: &str) -> Vec<NavItem<'g>> {
    let chain = guide.section_chain(guide.pages[current].section);
    let mut items = Vec::new();
    if let Some(home) = guide.home() {
        items.push(page_item(guide, home, Some(current), root));
    }
    items.extend(entries(guide, SectionId::ROOT, Some(current), root, &chain));
    items
}

/// In a large guide, a long list shows this many entries either side of the current one, then
/// a link to the section page that lists them all.
pub const WINDOW: usize = 7;

fn entries<'g>(
    guide: &'g Guide,
    section: SectionId,
    current: Option<PageId>,
    root: &str,
    chain: &[SectionId],
) -> Vec<NavItem<'g>> {
    let all = &guide.sections[section].entries;
    let large = guide.pages.len() > EXPAND_ALL_UP_TO;
    let shown = if large && all.len() > 2 * WINDOW + 1 {
        let here = all.iter().position(|e| match *e {
            Entry::Page(p) => Some(p) == current,
            Entry::Section(s) => chain.contains(&s),
        });
        let centre = here.unwrap_or(WINDOW);
        let start = centre
            .saturating_sub(WINDOW)
            .min(all.len() - (2 * WINDOW + 1));
        start..start + 2 * WINDOW + 1
    } else {
        0..all.len()
    };
    let mut items: Vec<NavItem<'g>> = all[shown.clone()]
        .iter()
        .filter_map(|entry| match *entry {
            Entry::Page(p) => Some(page_item(guide, p, current, root)),
            Entry::Section(s) => {
                let index = guide.sections[s].index_page?;
                let mut item = page_item(guide, index, current, root);
                item.open = !large || chain.contains(&s);
                if item.open {
                    item.children = entries(guide, s, current, root, chain);
                }
                Some(item)
            }
        })
        .collect();
    if shown.len() < all.len()
        && let Some(index) = guide.sections[section].index_page
    {
        let page = &guide.pages[index];
        items.push(NavItem {
            title: &page.title,
            more: Some(all.len()),
            href: format!("{root}{}", page.url),
            current: false,
            open: false,
            children: Vec::new(),
        });
    }
    items
}

fn page_item<'g>(
    guide: &'g Guide,
    page: PageId,
    current: Option<PageId>,
    root: &str,
) -> NavItem<'g> {
    let p = &guide.pages[page];
    NavItem {
        title: &p.title,
        more: None,
        href: format!("{root}{}", p.url),
        current: Some(page) == current,
        open: Some(page) == current,
        children: Vec::new(),
    }
}

/// Home, then each enclosing section, then the page itself (without a link).
pub fn breadcrumbs<'g>(guide: &'g Guide, current: PageId, root: &str) -> Vec<LinkView<'g>> {
    let page = &guide.pages[current];
    let chain = guide.section_chain(page.section);
    chain
        .iter()
        .filter_map(|&s| guide.sections[s].index_page)
        .filter(|&p| p != current)
        .map(|p| link(guide, p, root))
        .collect()
}

/// The pages before and after `current` in reading order.
pub fn prev_next<'g>(
    guide: &'g Guide,
    current: PageId,
    root: &str,
) -> (Option<LinkView<'g>>, Option<LinkView<'g>>) {
    let Some(pos) = guide.reading_order.iter().position(|&p| p == current) else {
        return (None, None);
    };
    let prev = pos
        .checked_sub(1)
        .map(|i| link(guide, guide.reading_order[i], root));
    let next = guide
        .reading_order
        .get(pos + 1)
        .map(|&p| link(guide, p, root));
    (prev, next)
}

pub fn link<'g>(guide: &'g Guide, page: PageId, root: &str) -> LinkView<'g> {
    let p = &guide.pages[page];
    LinkView {
        title: &p.title,
        href: format!("{root}{}", p.url),
    }
}

/// The menu for a generated page that is not a guide page (such as the card index).
pub fn menu_without_current<'g>(guide: &'g Guide, root: &str) -> Vec<NavItem<'g>> {
    let mut items = Vec::new();
    if let Some(home) = guide.home() {
        items.push(page_item(guide, home, None, root));
    }
    items.extend(entries(guide, SectionId::ROOT, None, root, &[]));
    items
}
