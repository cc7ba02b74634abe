//! Read the content folder into a [`Guide`]: discover files, split and parse front matter.

use super::frontmatter::{self, FrontMatter};
use super::{Guide, Page, sections, validate};
use crate::diagnostics::Diagnostic;
use crate::source::SourceFile;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// A non-Markdown file from the content dir, copied to the same place in the output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    pub source: PathBuf,
    /// Path relative to the content dir (and to the output dir), `/`-separated.
    pub rel_path: String,
}

/// Load every page under `content_dir`. Pages with errors are still loaded (with what could be
/// read), so that one build reports every problem. `data_files` (paths inside the content
/// folder, such as the safety registry) are read by the build itself, so they are not copied.
pub fn load(
    content_dir: &Path,
    display_prefix: &Path,
    data_files: &[String],
) -> (Guide, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let (markdown, assets) = discover(content_dir, data_files, &mut problems);
    let loaded: Vec<(Option<Page>, Vec<Diagnostic>)> = markdown
        .par_iter()
        .map(|rel| read_page(content_dir, display_prefix, rel))
        .collect();
    let mut guide = Guide {
        assets,
        ..Guide::default()
    };
    for (page, diags) in loaded {
        problems.extend(diags);
        if let Some(page) = page {
            guide
                .by_rel_path
                .insert(page.rel_path.clone(), guide.pages.len());
            guide.pages.push(page);
        }
    }
    problems.extend(validate::duplicate_urls(&guide));
    problems.extend(sections::build(&mut guide));
    problems.extend(validate::pages(&guide));
    (guide, problems)
}

/// Find Markdown pages and other files, skipping hidden and editor temporary files.
fn discover(
    content_dir: &Path,
    data_files: &[String],
    problems: &mut Vec<Diagnostic>,
) -> (Vec<String>, Vec<super::Asset>) {
    let mut markdown = Vec::new();
    let mut assets = Vec::new();
    let walker = walkdir::WalkDir::new(content_dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(&e.file_name().to_string_lossy()));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                problems.push(Diagnostic::error(
                    "io",
                    format!("cannot read the content folder: {e}"),
                ));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(content_dir) else {
            continue;
        };
        let rel = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        if rel.ends_with(".md") {
            markdown.push(rel);
        } else if !data_files.contains(&rel) {
            assets.push(super::Asset {
                source: entry.path().to_path_buf(),
                rel_path: rel,
            });
        }
    }
    (markdown, assets)
}

/// Hidden files, editor backups and swap files are never content.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.ends_with(".bak")
}

fn read_page(
    content_dir: &Path,
    display_prefix: &Path,
    rel: &str,
) -> (Option<Page>, Vec<Diagnostic>) {
    let display = display_prefix.join(rel);
    let text = match std::fs::read(content_dir.join(rel)) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(_) => {
                let d = Diagnostic::error("not-utf8", "this file is not UTF-8 text")
                    .at_file(&display)
                    .help("save the file as UTF-8 in your editor");
                return (None, vec![d]);
            }
        },
        Err(e) => {
            return (
                None,
                vec![Diagnostic::error("io", format!("cannot read: {e}")).at_file(&display)],
            );
        }
    };
    let source = SourceFile::new(display, text);
    let mut problems = Vec::new();
    let (front, body_start) = match frontmatter::split(&source) {
        Ok(split) => match frontmatter::parse(&source, &split) {
            Ok(front) => (front, split.body_start),
            Err(d) => {
                problems.push(d);
                (FrontMatter::default(), split.body_start)
            }
        },
        Err(d) => {
            problems.push(d);
            (FrontMatter::default(), 0)
        }
    };
    let (url, is_section_index) = url_of(rel);
    let title = front.title.clone().unwrap_or_else(|| title_from_path(rel));
    let front_ok = problems.is_empty();
    let page = Page {
        front_ok,
        generated: false,
        source,
        rel_path: rel.to_string(),
        url,
        front,
        title,
        body_start,
        section: 0,
        is_section_index,
    };
    (Some(page), problems)
}

/// `a/b.md` -> `a/b.html`; `a/_index.md` and the root `index.md` -> `.../index.html`.
/// File names are turned into URL-safe slugs.
pub fn url_of(rel: &str) -> (String, bool) {
    let (dir, file) = rel
        .rsplit_once('/')
        .map(|(d, f)| (Some(d), f))
        .unwrap_or((None, rel));
    let stem = file.strip_suffix(".md").unwrap_or(file);
    let is_index = stem == "_index" || (dir.is_none() && stem == "index");
    let name = if is_index {
        "index".to_string()
    } else {
        slugify(stem)
    };
    let dir: Vec<String> = dir
        .map(|d| d.split('/').map(slugify).collect())
        .unwrap_or_default();
    let mut parts = dir;
    parts.push(format!("{name}.html"));
    (parts.join("/"), is_index)
}

/// Lowercase letters, digits and single hyphens.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if (c == '-' || c == '_' || c.is_whitespace())
            && !slug.ends_with('-')
            && !slug.is_empty()
        {
            slug.push('-');
        }
    }
    let trimmed = slug.trim_end_matches('-');
    if trimmed.is_empty() {
        "page".into()
    } else {
        trimmed.to_string()
    }
}

fn title_from_path(rel: &str) -> String {
    let file = rel.rsplit('/').next().unwrap_or(rel);
    file.trim_end_matches(".md")
        .replace(['-', '_'], " ")
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_follow_paths() {
        assert_eq!(url_of("index.md"), ("index.html".into(), true));
        assert_eq!(
            url_of("techniques/_index.md"),
            ("techniques/index.html".into(), true)
        );
        assert_eq!(
            url_of("techniques/Child Pose.md"),
            ("techniques/child-pose.html".into(), false)
        );
        assert_eq!(url_of("faq/index.md"), ("faq/index.html".into(), false));
    }

    #[test]
    fn editor_files_are_ignored() {
        for name in [
            ".hidden.md",
            "#page.md#",
            "page.md~",
            ".page.md.swp",
            "x.tmp",
        ] {
            assert!(is_ignored(name), "{name}");
        }
        assert!(!is_ignored("page.md"));
    }
}
