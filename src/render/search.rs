//! The search index: every section of every page (title, heading, text, and the anchor to link
//! to), and every red flag in the registry by its plain words, so a search for a sign finds its
//! care card first. Written as a script (`search-index.js`) so search works from file:// too.

use super::SiteContext;
use crate::content::registry::CareLevel;
use crate::content::{Guide, PageId, PerPage};
use crate::markdown::{BlockRole, PageFacts, PageText};
use crate::output::{StagedFile, Staging};
use serde::Serialize;
use std::io::{self, Write};

pub const INDEX_FILE: &str = "search-index.js";

#[derive(Debug, Serialize)]
struct PageEntry<'a> {
    t: &'a str,
    u: &'a str,
}

#[derive(Debug, Serialize)]
struct Section<'a> {
    p: usize,
    h: &'a str,
    a: &'a str,
    x: String,
}

#[derive(Debug, Serialize)]
struct Flag<'a> {
    s: &'a str,
    /// What to do, e.g. "Call 999 or go to A&E now if:": the heading of the card that holds
    /// the sign, which may be its own ("Call your midwife now if:").
    d: String,
    l: &'a str,
    w: &'a [String],
    u: String,
}

/// Writes the index into the staging folder while the pages are rendered, so the words of
/// every page are never held at once. The file is
/// `window.carebookSearch={"pages":[..],"sections":[..],"flags":[..]};`: pages (title and
/// address), sections (page index, heading, anchor and text) and red flags (the sign, where its
/// care card is, and the words that find it).
pub struct SearchWriter {
    out: StagedFile,
    first: bool,
}

impl SearchWriter {
    pub fn start(guide: &Guide, staging: &Staging) -> io::Result<SearchWriter> {
        let mut out = staging.create_file(INDEX_FILE)?;
        let pages: Vec<PageEntry<'_>> = guide
            .pages
            .iter()
            .map(|p| PageEntry {
                t: &p.title,
                u: &p.url,
            })
            .collect();
        out.write_all(b"window.carebookSearch={\"pages\":")?;
        serde_json::to_writer(&mut out, &pages)?;
        out.write_all(b",\"sections\":[")?;
        Ok(SearchWriter { out, first: true })
    }

    /// Add a page's sections (from [`page_sections`]); pages are added in reading order.
    pub fn add(&mut self, sections: &[u8]) -> io::Result<()> {
        if sections.is_empty() {
            return Ok(());
        }
        if !std::mem::take(&mut self.first) {
            self.out.write_all(b",")?;
        }
        self.out.write_all(sections)
    }

    /// Add the red flags and close the file; returns its size in bytes.
    pub fn finish(
        mut self,
        ctx: &SiteContext<'_>,
        facts: &PerPage<PageFacts>,
    ) -> io::Result<usize> {
        self.out.write_all(b"],\"flags\":")?;
        serde_json::to_writer(&mut self.out, &flags(ctx, facts))?;
        self.out.write_all(b"};\n")?;
        self.out.finish()
    }
}

/// Page `page`'s sections as JSON, separated by commas. Runs on any thread.
pub fn page_sections(page: PageId, text: &PageText, facts: &PageFacts) -> Vec<u8> {
    let mut json = Vec::new();
    for (i, section) in sections(page, text, facts).iter().enumerate() {
        if i > 0 {
            json.push(b',');
        }
        // Serialising plain strings and numbers into memory cannot fail.
        let _ = serde_json::to_writer(&mut json, section);
    }
    json
}

/// A page's text split at its headings.
fn sections<'a>(page: PageId, text: &'a PageText, facts: &'a PageFacts) -> Vec<Section<'a>> {
    let page = page.index();
    let mut out = vec![Section {
        p: page,
        h: "",
        a: "",
        x: String::new(),
    }];
    let mut headings = facts.headings.iter();
    for block in &text.blocks {
        if block.role == BlockRole::Heading {
            if let Some(h) = headings.next() {
                out.push(Section {
                    p: page,
                    h: &h.text,
                    a: &h.id,
                    x: String::new(),
                });
            }
            continue;
        }
        if let Some(current) = out.last_mut() {
            if !current.x.is_empty() {
                current.x.push(' ');
            }
            current.x.push_str(&block.text);
        }
    }
    out.retain(|s| !s.x.is_empty() || !s.h.is_empty());
    out
}

/// Red flags, each linked to the section holding the care card that places it.
fn flags<'a>(ctx: &SiteContext<'a>, facts: &'a PerPage<PageFacts>) -> Vec<Flag<'a>> {
    let headings = &ctx.config.safety.headings;
    let labels = &ctx.config.safety.labels;
    ctx.guide
        .registry
        .registry
        .red_flags
        .iter()
        .map(|f| {
            let (label, doing) = match f.level {
                CareLevel::Emergency => (&labels.emergency, headings.emergency.as_str()),
                CareLevel::Urgent => (&labels.urgent, headings.urgent.as_str()),
                CareLevel::SeeGp => (&labels.see_gp, headings.see_gp.as_str()),
            };
            let (u, own) = card_address(ctx, facts, f.level, f.card()).unwrap_or_default();
            Flag {
                s: &f.sign,
                d: own.unwrap_or(doing).to_string(),
                l: label,
                w: &f.words,
                u,
            }
        })
        .collect()
}

/// Where the care card listing a level's red flags is (the page, the help page first, and the
/// heading above it), and the card's own heading when it has one.
fn card_address<'f>(
    ctx: &SiteContext<'_>,
    facts: &'f PerPage<PageFacts>,
    level: CareLevel,
    card: Option<&str>,
) -> Option<(String, Option<&'f str>)> {
    let help = ctx.guide.safety_pages.help;
    help.iter()
        .chain(ctx.guide.reading_order.iter())
        .find_map(|&p| {
            let facts = &facts[p];
            let placement = facts.placements.iter().find(|pl| {
                pl.what.places(level, card)
                    && pl.callout.and_then(|k| k.care_level()) == Some(level)
            })?;
            let heading = facts
                .headings
                .iter()
                .rfind(|h| h.range.start <= placement.range.start);
            let url = &ctx.guide.pages[p].url;
            let at = match heading {
                Some(h) => format!("{url}#{}", h.id),
                None => url.clone(),
            };
            Some((at, placement.heading.as_deref()))
        })
}
