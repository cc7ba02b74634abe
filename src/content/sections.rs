//! Group pages into sections (folders) and compute the reading order.

use super::{Entry, Guide, Section};
use crate::diagnostics::Diagnostic;
use std::collections::HashMap;

/// Fill `guide.sections` and `guide.reading_order` from the pages' paths.
pub(super) fn build(guide: &mut Guide) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let mut by_dir: HashMap<String, usize> = HashMap::new();
    guide.sections = vec![Section::default()];
    by_dir.insert(String::new(), 0);
    for page in 0..guide.pages.len() {
        let dir = parent_dir(&guide.pages[page].rel_path);
        let section = ensure_section(guide, &mut by_dir, &dir);
        let p = &mut guide.pages[page];
        p.section = section;
        if p.is_section_index {
            guide.sections[section].index_page = Some(page);
        } else {
            guide.sections[section].entries.push(Entry::Page(page));
        }
    }
    for (i, section) in guide.sections.iter().enumerate() {
        if section.index_page.is_none() {
            problems.push(missing_index(i, section));
        }
    }
    sort_entries(guide);
    guide.reading_order = reading_order(guide);
    problems
}

fn missing_index(i: usize, section: &Section) -> Diagnostic {
    if i == 0 {
        return Diagnostic::error("missing-home-page", "the guide has no home page").help(
            "add `index.md` at the top of the content folder, with a title in its front matter",
        );
    }
    Diagnostic::error(
        "missing-section-index",
        format!("the folder `{}/` has no `_index.md`", section.dir),
    )
    .help(format!(
        "add `{}/_index.md` with a title: it introduces the section and names it in the menu",
        section.dir
    ))
}

fn parent_dir(rel_path: &str) -> String {
    rel_path
        .rsplit_once('/')
        .map(|(d, _)| d.to_string())
        .unwrap_or_default()
}

fn ensure_section(guide: &mut Guide, by_dir: &mut HashMap<String, usize>, dir: &str) -> usize {
    if let Some(&i) = by_dir.get(dir) {
        return i;
    }
    let parent = ensure_section(guide, by_dir, &parent_dir(dir));
    let index = guide.sections.len();
    guide.sections.push(Section {
        dir: dir.to_string(),
        parent: Some(parent),
        ..Section::default()
    });
    guide.sections[parent].entries.push(Entry::Section(index));
    by_dir.insert(dir.to_string(), index);
    index
}

fn sort_entries(guide: &mut Guide) {
    for s in 0..guide.sections.len() {
        let mut entries = std::mem::take(&mut guide.sections[s].entries);
        entries.sort_by_key(|e| entry_key(guide, *e));
        guide.sections[s].entries = entries;
    }
}

fn entry_key(guide: &Guide, entry: Entry) -> (i64, String) {
    let page = match entry {
        Entry::Page(p) => Some(p),
        Entry::Section(s) => guide.sections[s].index_page,
    };
    match page {
        Some(p) => guide.pages[p].sort_key(),
        None => (i64::MAX, String::new()),
    }
}

fn reading_order(guide: &Guide) -> Vec<usize> {
    let mut order = Vec::with_capacity(guide.pages.len());
    visit(guide, 0, &mut order);
    order
}

fn visit(guide: &Guide, section: usize, order: &mut Vec<usize>) {
    let s = &guide.sections[section];
    order.extend(s.index_page);
    for entry in &s.entries {
        match *entry {
            Entry::Page(p) => order.push(p),
            Entry::Section(child) => visit(guide, child, order),
        }
    }
}
