//! Crawl a built site: every internal href and src must resolve to a file, and every fragment to
//! an id in that file. Absolute paths are resolved against `base_path` (e.g. `/backcare/`).

use scraper::{Html, Selector};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// Returns the problems found and how many internal links and fragments were followed.
pub fn crawl(site: &Path, base_path: &str) -> (Vec<String>, usize) {
    let mut problems = Vec::new();
    let mut followed = 0;
    let mut ids: HashMap<PathBuf, HashSet<String>> = HashMap::new();
    let pages: Vec<PathBuf> = walkdir::WalkDir::new(site)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    assert!(!pages.is_empty(), "no pages in {}", site.display());
    let selector = Selector::parse("a[href], link[href], img[src], script[src]").unwrap();
    for page in &pages {
        let doc = Html::parse_document(&std::fs::read_to_string(page).unwrap());
        for el in doc.select(&selector) {
            let url = el
                .value()
                .attr("href")
                .or_else(|| el.value().attr("src"))
                .unwrap();
            followed += usize::from(!url.contains("://"));
            if let Some(problem) = check(site, base_path, page, url, &mut ids) {
                problems.push(format!(
                    "{}: {problem}",
                    page.strip_prefix(site).unwrap().display()
                ));
            }
        }
    }
    (problems, followed)
}

fn check(
    site: &Path,
    base: &str,
    page: &Path,
    url: &str,
    ids: &mut HashMap<PathBuf, HashSet<String>>,
) -> Option<String> {
    if url.contains("://") || url.starts_with("mailto:") || url.starts_with("//") {
        return None;
    }
    let (path, fragment) = url.split_once('#').unwrap_or((url, ""));
    let target = if path.is_empty() {
        page.to_path_buf()
    } else if let Some(rest) = path.strip_prefix('/') {
        let Some(inside) = format!("/{rest}").strip_prefix(base).map(str::to_string) else {
            return Some(format!("`{url}` is outside the base path {base}"));
        };
        site.join(inside)
    } else {
        page.parent().unwrap().join(path)
    };
    if path.ends_with('/') || target.is_dir() {
        return Some(format!(
            "`{url}` points at a folder, which does not open from file://"
        ));
    }
    let target = normalize(&target);
    if !target.is_file() {
        return Some(format!("`{url}` does not resolve to a file"));
    }
    if fragment.is_empty() {
        return None;
    }
    let known = ids.entry(target.clone()).or_insert_with(|| ids_of(&target));
    (!known.contains(fragment)).then(|| format!("`{url}`: no id `{fragment}` in the target"))
}

fn ids_of(file: &Path) -> HashSet<String> {
    let doc = Html::parse_document(&std::fs::read_to_string(file).unwrap_or_default());
    let sel = Selector::parse("[id]").unwrap();
    doc.select(&sel)
        .filter_map(|e| e.value().attr("id").map(str::to_string))
        .collect()
}

fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            c => out.push(c),
        }
    }
    out
}
