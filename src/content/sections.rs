//! Group pages into sections (folders) and compute the reading order.

use super::{Entry, Guide, Page, PageId, Section, SectionId};
use crate::codes::Code;
use crate::diagnostics::Diagnostic;
use crate::source::SourceFile;
use std::collections::HashMap;

/// Fill `guide.sections` and `guide.reading_order` from the pages' paths.
pub(super) fn build(guide: &mut Guide) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let mut by_dir: HashMap<String, SectionId> = HashMap::new();
    guide.sections = vec![Section::default()].into();
    by_dir.insert(String::new(), SectionId::ROOT);
    for page in guide.pages.keys() {
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
    if guide.sections[SectionId::ROOT].index_page.is_none() {
        problems.push(
            Diagnostic::error(Code::MissingHomePage, "the guide has no home page").help(
                "add `index.md` at the top of the content folder, with a title in its front matter",
            ),
        );
    }
    for section in guide.sections.keys().skip(1) {
        if guide.sections[section].index_page.is_none() {
            generate_index(guide, section);
        }
    }
    sort_entries(guide);
    guide.reading_order = reading_order(guide);
    problems
}

/// A folder without `_index.md` still gets a section page, titled after the folder, that lists
/// its pages (like Hugo's list pages).
fn generate_index(guide: &mut Guide, section: SectionId) {
    let dir = guide.sections[section].dir.clone();
    let rel_path = format!("{dir}/_index.md");
    let name = dir
        .rsplit('/')
        .next()
        .unwrap_or(&dir)
        .replace(['-', '_'], " ");
    let mut title: Vec<char> = name.trim().chars().collect();
    if let Some(first) = title.first_mut() {
        *first = first.to_uppercase().next().unwrap_or(*first);
    }
    let mut page = Page::new(
        SourceFile::new(rel_path.clone(), String::new()),
        rel_path.clone(),
        Default::default(),
    );
    page.title = title.into_iter().collect();
    page.section = section;
    page.is_section_index = true;
    page.generated = true;
    let id = guide.pages.push_and_get_key(page);
    guide.by_rel_path.insert(rel_path, id);
    guide.sections[section].index_page = Some(id);
}

fn parent_dir(rel_path: &str) -> String {
    rel_path
        .rsplit_once('/')
        .map(|(d, _)| d.to_string())
        .unwrap_or_default()
}

fn ensure_section(
    guide: &mut Guide,
    by_dir: &mut HashMap<String, SectionId>,
    dir: &str,
) -> SectionId {
    if let Some(&i) = by_dir.get(dir) {
        return i;
    }
    let parent = ensure_section(guide, by_dir, &parent_dir(dir));
    let index = guide.sections.push_and_get_key(Section {
        dir: dir.to_string(),
        parent: Some(parent),
        ..Section::default()
    });
    guide.sections[parent].entries.push(Entry::Section(index));
    by_dir.insert(dir.to_string(), index);
    index
}

fn sort_entries(guide: &mut Guide) {
    for s in guide.sections.keys() {
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

fn reading_order(guide: &Guide) -> Vec<PageId> {
    let mut order = Vec::with_capacity(guide.pages.len());
    visit(guide, SectionId::ROOT, &mut order);
    order
}

fn visit(guide: &Guide, section: SectionId, order: &mut Vec<PageId>) {
    let s = &guide.sections[section];
    order.extend(s.index_page);
    for entry in &s.entries {
        match *entry {
            Entry::Page(p) => order.push(p),
            Entry::Section(child) => visit(guide, child, order),
        }
    }
}
