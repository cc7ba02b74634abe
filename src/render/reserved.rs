//! The files carebook writes itself, and the pages or files of a guide that would be published
//! at one of their addresses. Such a clash is an error that names both (`reserved-path`), so
//! neither silently replaces the other, and what is published never depends on which file
//! happened to be written last.

use super::cards::{CARDS_DIR, card_file};
use super::theme::{STATIC_DIR, Theme};
use crate::codes::Code;
use crate::config::Config;
use crate::content::{Guide, PageId};
use crate::diagnostics::Diagnostic;
use crate::output::MARKER_FILE;
use std::collections::HashMap;
use std::path::Path;

/// Every path this build writes besides the guide's own pages and files, with what it is.
pub fn generated(config: &Config, guide: &Guide, theme: &Theme) -> Vec<(String, String)> {
    let mut paths = vec![
        (
            "404.html".to_string(),
            "the page shown for addresses that do not exist".to_string(),
        ),
        (
            ".nojekyll".into(),
            "the file that tells GitHub Pages not to run Jekyll".into(),
        ),
        (
            MARKER_FILE.into(),
            "carebook's mark on its output folder".into(),
        ),
        (super::search::INDEX_FILE.into(), "the search index".into()),
    ];
    if super::about::link(&config.about, "").is_some() {
        paths.push((
            super::about::ABOUT_FILE.into(),
            "the about page ([about] in book.toml)".into(),
        ));
    }
    if config.print.enable {
        paths.push((super::print::PRINT_FILE.into(), "the print handout".into()));
    }
    if config.site.cname.is_some() {
        paths.push((
            "CNAME".into(),
            "the custom domain file ([site] cname)".into(),
        ));
    }
    if config.site.url.is_some() {
        paths.push(("sitemap.xml".into(), "the sitemap ([site] url)".into()));
        paths.push((
            "robots.txt".into(),
            "the file for search engines ([site] url)".into(),
        ));
    }
    for (name, _) in &theme.static_files {
        paths.push((
            format!("{STATIC_DIR}/{name}"),
            format!("the theme's file {name}"),
        ));
    }
    let cards: Vec<PageId> = guide.techniques().collect();
    if config.cards.enable && !cards.is_empty() {
        for name in ["index", "all", "sheet"] {
            paths.push((
                format!("{CARDS_DIR}/{name}.html"),
                "a page of step cards".into(),
            ));
        }
        for p in cards {
            let file = card_file(guide, p);
            let what = format!("the step card of {}", guide.pages[p].rel_path);
            paths.push((
                format!("{CARDS_DIR}/{}.html", file.trim_end_matches(".html")),
                what,
            ));
        }
    }
    paths
}

/// A page or file of the guide published where carebook writes one of its own files.
pub fn check(generated: &[(String, String)], guide: &Guide, content: &Path) -> Vec<Diagnostic> {
    let mine: HashMap<&str, &str> = generated
        .iter()
        .map(|(path, what)| (path.as_str(), what.as_str()))
        .collect();
    let mut problems = Vec::new();
    for page in &guide.pages {
        if let Some(what) = mine.get(page.url.as_str()) {
            let shown = match page.generated {
                true => content.join(&page.rel_path).parent().map(Path::to_path_buf),
                false => Some(page.source.display_path.clone()),
            };
            let shown = shown.unwrap_or_else(|| content.to_path_buf());
            problems.push(clash(&shown, &page.url, what));
        }
    }
    for asset in &guide.assets {
        if let Some(what) = mine.get(asset.rel_path.as_str()) {
            problems.push(clash(&content.join(&asset.rel_path), &asset.rel_path, what));
        }
    }
    problems
}

fn clash(shown: &Path, url: &str, what: &str) -> Diagnostic {
    Diagnostic::error(
        Code::ReservedPath,
        format!(
            "`{}` would be published as `{url}`, where carebook writes {what}",
            shown.display()
        ),
    )
    .at_file(shown)
    .help("rename or move it: carebook writes that file itself on every build")
}
