//! Read the content folder into a [`Guide`]: discover files, split and parse front matter.

use super::frontmatter::{self, FrontMatter};
use super::{Guide, Page, sections, validate};
use crate::codes::Code;
use crate::diagnostics::Diagnostic;
use crate::source::SourceFile;
use rayon::prelude::*;
use std::collections::HashSet;
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
    let found = discover(content_dir, display_prefix, data_files, &mut problems);
    let loaded: Vec<(Option<Page>, Vec<Diagnostic>)> = found
        .markdown
        .par_iter()
        .map(|rel| read_page(content_dir, display_prefix, rel))
        .collect();
    problems.extend(super::assets::check(&found.assets, display_prefix));
    let mut guide = Guide {
        asset_paths: found.assets.iter().map(|a| a.rel_path.clone()).collect(),
        assets: found.assets,
        unreadable: found.skipped,
        ..Guide::default()
    };
    for ((page, diags), rel) in loaded.into_iter().zip(&found.markdown) {
        problems.extend(diags);
        if page.is_none() {
            guide.unreadable.insert(rel.clone());
        }
        if let Some(page) = page {
            let rel_path = page.rel_path.clone();
            let id = guide.pages.push_and_get_key(page);
            guide.by_rel_path.insert(rel_path, id);
        }
    }
    problems.extend(validate::duplicate_urls(&guide));
    problems.extend(sections::build(&mut guide));
    problems.extend(validate::pages(&guide));
    (guide, problems)
}

/// What the content folder holds.
struct Found {
    markdown: Vec<String>,
    assets: Vec<super::Asset>,
    /// Paths that are there but are not read (symbolic links), already reported.
    skipped: HashSet<String>,
}

/// Find Markdown pages and other files, skipping hidden and editor temporary files. Symbolic
/// links are not followed (so a guide can never publish a file from outside its folder), and
/// each is reported, so a link to it is not also reported as broken.
fn discover(
    content_dir: &Path,
    display_prefix: &Path,
    data_files: &[String],
    problems: &mut Vec<Diagnostic>,
) -> Found {
    let mut found = Found {
        markdown: Vec::new(),
        assets: Vec::new(),
        skipped: HashSet::new(),
    };
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
                    Code::Io,
                    format!("cannot read the content folder: {e}"),
                ));
                continue;
            }
        };
        let Some(rel) = entry.path().strip_prefix(content_dir).ok().map(slashed) else {
            continue;
        };
        let kind = entry.file_type();
        if kind.is_symlink() {
            problems.push(symlink(&display_prefix.join(&rel), entry.path()));
            found.skipped.insert(rel);
        } else if kind.is_dir() {
            continue;
        } else if !kind.is_file() {
            problems.push(not_a_file(&display_prefix.join(&rel), &entry));
            found.skipped.insert(rel);
        } else if rel.ends_with(".md") {
            found.markdown.push(rel);
        } else if !data_files.contains(&rel) {
            found.assets.push(super::Asset {
                source: entry.path().to_path_buf(),
                rel_path: rel,
            });
        }
    }
    found
}

/// A path inside the content folder, `/`-separated.
fn slashed(rel: &Path) -> String {
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// A named pipe, device or socket in the content folder: never read (it could block the build
/// for ever or never end).
fn not_a_file(shown: &Path, entry: &walkdir::DirEntry) -> Diagnostic {
    let kind = entry
        .metadata()
        .map(|m| crate::files::kind_of(&m))
        .unwrap_or("not a regular file");
    Diagnostic::error(
        Code::Io,
        format!("this is {kind}, not a file; carebook reads only regular files, so it is not part of the guide"),
    )
    .at_file(shown)
    .help("remove it from the content folder")
}

fn symlink(shown: &Path, path: &Path) -> Diagnostic {
    let target = std::fs::read_link(path)
        .map(|t| format!(" (to `{}`)", t.display()))
        .unwrap_or_default();
    Diagnostic::error(
        Code::Symlink,
        format!("this is a symbolic link{target}; carebook does not follow links in the content folder, so it is not part of the guide"),
    )
    .at_file(shown)
    .help("replace the link with the file (or folder) itself: a guide publishes only what is inside its own folder")
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
    let text = match crate::files::read_text(&content_dir.join(rel), crate::files::limit::PAGE) {
        Ok(text) => with_line_feeds(text),
        Err(e) => return (None, vec![unreadable(&e, &display)]),
    };
    let source = SourceFile::new(display, text);
    let mut problems = Vec::new();
    let (front, yaml, body_start) = match frontmatter::split(&source) {
        Ok(split) => match frontmatter::parse(&source, &split) {
            Ok(front) => (front, split.yaml, split.body_start),
            Err(d) => {
                problems.push(d);
                (FrontMatter::default(), split.yaml, split.body_start)
            }
        },
        Err(d) => {
            problems.push(d);
            (FrontMatter::default(), 0..0, 0)
        }
    };
    let mut page = Page::new(source, rel.to_string(), front);
    if page.front.title.is_none() {
        page.title = title_from_path(rel);
    }
    page.front_yaml = yaml;
    page.body_start = body_start;
    page.front_ok = problems.is_empty();
    (Some(page), problems)
}

/// A page that could not be read, and what to do about it.
fn unreadable(e: &crate::files::ReadError, display: &Path) -> Diagnostic {
    use crate::files::ReadError;
    let (code, help) = match e {
        ReadError::NotUtf8 { .. } => (Code::NotUtf8, "save the file as UTF-8 in your editor"),
        ReadError::TooLarge { .. } => (
            Code::PageTooLarge,
            "split it into several pages: a page this long is hard to read, and slow to build",
        ),
        _ => (
            Code::Io,
            "check that the file exists and that you may read it",
        ),
    };
    let line = match e {
        ReadError::NotUtf8 { line, .. } => *line,
        _ => 0,
    };
    let mut d = Diagnostic::error(code, format!("cannot read this page: {}", e.describe()))
        .at_file(display)
        .help(help);
    if let Some(at) = d.location.as_mut() {
        at.line = line;
        at.col = usize::from(line > 0);
    }
    d
}

/// Old Mac line endings (a carriage return alone) read as line feeds. Each is replaced byte for
/// byte, so every position in the file stays where it was.
fn with_line_feeds(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    let mut bytes = text.into_bytes();
    let len = bytes.len();
    for i in 0..len {
        if bytes[i] == b'\r' && (i + 1 == len || bytes[i + 1] != b'\n') {
            bytes[i] = b'\n';
        }
    }
    // Only one ASCII byte was swapped for another, so the text is still UTF-8.
    String::from_utf8(bytes).unwrap_or_default()
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
    fn lone_carriage_returns_end_lines() {
        assert_eq!(with_line_feeds("a\rb\r\nc\r".into()), "a\nb\r\nc\n");
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
