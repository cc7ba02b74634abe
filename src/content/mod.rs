//! The content model: pages and sections of a guide, with no I/O. [`load`] fills it.

mod assets;
pub mod date;
mod facts;
pub mod frontmatter;
pub mod graded;
mod ids;
mod load;
pub mod pictures;
pub mod registry;
mod sections;
mod validate;
pub mod yaml;

pub use date::{Date, DateError, DateProblem};
pub use facts::Fact;
pub use frontmatter::{FrontMatter, PageKind, SourceRef};
pub use ids::{FlagId, PageId, PerPage, SectionId};
pub use load::{Asset, is_ignored, load, slugify};
pub use validate::{check_url, field_location, resolve_relative, value_location};

use crate::source::SourceFile;
use std::collections::HashMap;
use typed_index_collections::TiVec;

/// One Markdown file of the guide.
#[derive(Debug, Clone)]
pub struct Page {
    pub source: SourceFile,
    /// Path inside the content dir with `/` separators, e.g. `techniques/child-pose.md`.
    pub rel_path: String,
    /// Output path relative to the site root, e.g. `techniques/child-pose.html`.
    pub url: String,
    pub front: FrontMatter,
    pub title: String,
    /// Byte range of the front matter's YAML in `source.text` (empty when there is none).
    pub front_yaml: std::ops::Range<usize>,
    /// Where each front matter key and value is, read when a problem needs it.
    front_spans: std::sync::OnceLock<yaml::Spans>,
    /// Byte offset where the Markdown body starts in `source.text`.
    pub body_start: usize,
    /// The section this page belongs to (a section's own `_index.md` belongs to that section).
    pub section: SectionId,
    pub is_section_index: bool,
    /// False when the front matter could not be read (that error is already reported).
    pub front_ok: bool,
    /// A section page carebook made for a folder without `_index.md` (no file behind it).
    pub generated: bool,
}

impl Page {
    /// A page read from `source`, in the root section until the sections are built.
    pub(crate) fn new(source: SourceFile, rel_path: String, front: FrontMatter) -> Page {
        let (url, is_section_index) = load::url_of(&rel_path);
        Page {
            title: front.title.clone().unwrap_or_default(),
            source,
            rel_path,
            url,
            front,
            front_yaml: 0..0,
            front_spans: std::sync::OnceLock::new(),
            body_start: 0,
            section: SectionId::ROOT,
            is_section_index,
            front_ok: true,
            generated: false,
        }
    }

    /// Where the value at `path` in the front matter is (or, for `Part::Key`, its key), as a
    /// byte range of `source.text`.
    pub fn front_span(
        &self,
        path: &[yaml::Step],
        part: yaml::Part,
    ) -> Option<std::ops::Range<usize>> {
        let yaml = &self.source.text[self.front_yaml.clone()];
        let spans = self.front_spans.get_or_init(|| yaml::Spans::of(yaml));
        let at = match part {
            yaml::Part::Key => spans.key(path),
            yaml::Part::Value => spans.value(path),
        }?;
        Some(self.front_yaml.start + at.start..self.front_yaml.start + at.end)
    }

    pub fn body(&self) -> &str {
        &self.source.text[self.body_start..]
    }

    pub fn kind(&self) -> PageKind {
        self.front.kind
    }

    /// Sort key within a section: `order`, then title.
    fn sort_key(&self) -> (i64, String) {
        (
            self.front.order.unwrap_or(i64::MAX),
            self.title.to_lowercase(),
        )
    }
}

/// A folder of the content dir. The root folder is section 0.
#[derive(Debug, Clone, Default)]
pub struct Section {
    /// Folder inside the content dir with `/` separators; empty for the root.
    pub dir: String,
    pub parent: Option<SectionId>,
    /// The `_index.md` (or, at the root, `index.md`) page that introduces the section.
    pub index_page: Option<PageId>,
    /// Pages and sub-sections in reading order.
    pub entries: Vec<Entry>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    Page(PageId),
    Section(SectionId),
}

/// The whole guide, as loaded.
#[derive(Debug, Clone, Default)]
pub struct Guide {
    pub pages: PerPage<Page>,
    pub sections: TiVec<SectionId, Section>,
    /// Every page in reading order: home, then depth-first through the sections.
    pub reading_order: Vec<PageId>,
    /// Non-Markdown files of the content dir (images and the like) copied as they are.
    pub assets: Vec<Asset>,
    /// The safety registry (conditions and red flags).
    pub registry: registry::LoadedRegistry,
    /// The pages book.toml names for safety (`[safety] help-page`, `conditions-page`).
    pub safety_pages: SafetyPages,
    /// Who signed off the red flags and safety settings, and when (`safety.lock`).
    pub sign_off: Option<crate::signoff::Signed>,
    /// Files in the content folder that are there but could not be read (not UTF-8, too
    /// large, symbolic links): already reported, so links to them are not reported again.
    pub unreadable: std::collections::HashSet<String>,
    by_rel_path: HashMap<String, PageId>,
    /// The paths of `assets`, for looking one up.
    asset_paths: std::collections::HashSet<String>,
}

/// The pages book.toml names for safety, found once when the guide is loaded.
#[derive(Debug, Clone, Copy, Default)]
pub struct SafetyPages {
    /// Where readers are sent when something is wrong: every technique links to it, and it
    /// holds the care cards the search box points to.
    pub help: Option<PageId>,
    /// Where each contraindication is explained, with the techniques it rules out.
    pub conditions: Option<PageId>,
}

impl Guide {
    /// Find the safety pages at these paths (inside the content dir, as book.toml writes them).
    pub fn find_safety_pages(&mut self, help: &std::path::Path, conditions: &std::path::Path) {
        self.safety_pages = SafetyPages {
            help: self.page_at(help),
            conditions: self.page_at(conditions),
        };
    }

    /// The page at a content-relative path from book.toml.
    pub fn page_at(&self, path: &std::path::Path) -> Option<PageId> {
        self.page_by_path(&path.to_string_lossy().replace('\\', "/"))
    }

    /// The page whose source is at `rel_path` (inside the content dir).
    pub fn page_by_path(&self, rel_path: &str) -> Option<PageId> {
        self.by_rel_path.get(rel_path).copied()
    }

    /// Whether the content folder has this file (path inside it, `/`-separated).
    pub fn has_asset(&self, rel_path: &str) -> bool {
        self.asset_paths.contains(rel_path)
    }

    /// The technique pages, in reading order (each gets a step card).
    pub fn techniques(&self) -> impl Iterator<Item = PageId> + '_ {
        self.reading_order
            .iter()
            .copied()
            .filter(|&p| self.pages[p].kind() == PageKind::Technique)
    }

    pub fn home(&self) -> Option<PageId> {
        self.sections.first().and_then(|s| s.index_page)
    }

    /// The pages of a section (its index page first), without sub-sections.
    pub fn section_pages(&self, section: SectionId) -> impl Iterator<Item = PageId> + '_ {
        self.sections[section]
            .entries
            .iter()
            .filter_map(|e| match e {
                Entry::Page(p) => Some(*p),
                Entry::Section(_) => None,
            })
    }

    /// The chain of sections from the root down to `section`.
    pub fn section_chain(&self, section: SectionId) -> Vec<SectionId> {
        let mut chain = vec![section];
        let mut current = section;
        while let Some(parent) = self.sections[current].parent {
            chain.push(parent);
            current = parent;
        }
        chain.reverse();
        chain
    }
}
