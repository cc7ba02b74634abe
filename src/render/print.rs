//! print.html: the whole guide as one printable document. Each page is a chapter, rendered
//! again in print mode so ids are unique across chapters and links stay inside the document.

use super::views::{DateView, Fact};
use super::{SiteContext, facts};
use crate::content::SourceRef;
use crate::diagnostics::Diagnostic;
use crate::markdown::PrintMode;
use crate::output::Staging;
use rayon::prelude::*;
use serde::Serialize;
use std::io::Write;

pub const PRINT_FILE: &str = "print.html";

#[derive(Debug, Serialize)]
struct Chapter<'a> {
    anchor: &'a str,
    title: &'a str,
    summary: Option<&'a str>,
    kind: &'static str,
    body: String,
    facts: Vec<Fact>,
    contraindications: Vec<Link>,
    sources: Vec<&'a SourceRef>,
    reviewed: Option<DateView>,
    next_review: Option<DateView>,
}

#[derive(Debug, Serialize)]
struct Link {
    title: String,
    href: String,
}

#[derive(Debug, Serialize)]
struct Cover {
    reviewed: Option<DateView>,
    next_review: Option<DateView>,
    paper_width_mm: f64,
    paper_height_mm: f64,
}

/// Stands for each chapter's body in the template's output, where the bodies are then written
/// one chunk of chapters at a time: the handout of a large guide is never held in memory whole.
const BODY: &str = "\u{1}carebook-chapter-body\u{1}";

/// Chapters whose bodies are rendered together (in parallel) before being written.
const CHUNK: usize = 32;

/// Why the handout could not be written.
pub enum PrintError {
    Template(Diagnostic),
    Io(std::io::Error),
}

impl From<std::io::Error> for PrintError {
    fn from(e: std::io::Error) -> Self {
        PrintError::Io(e)
    }
}

/// The handout's template rendered with a stand-in for each chapter's body. It is rendered
/// before the pages, while the build holds the least, and filled in by [`Shell::write`].
pub struct Shell {
    html: String,
    /// The sources of the registry entries placed on each page.
    placed_sources: Vec<Vec<SourceRef>>,
}

impl Shell {
    pub fn render(
        ctx: &SiteContext<'_>,
        placed_sources: Vec<Vec<SourceRef>>,
        mode: &PrintMode,
    ) -> Result<Shell, PrintError> {
        let html = render(ctx, &placed_sources, mode, |_| BODY.to_string())?;
        Ok(Shell {
            html,
            placed_sources,
        })
    }

    /// Write the handout into `staging`, every page a chapter in reading order, and return its
    /// size in bytes. `body(p)` renders page `p`'s Markdown in print mode.
    pub fn write(
        self,
        ctx: &SiteContext<'_>,
        mode: &PrintMode,
        body: &(dyn Fn(usize) -> String + Sync),
        staging: &Staging,
    ) -> Result<usize, PrintError> {
        write(ctx, &self, mode, body, staging)
    }
}

fn write(
    ctx: &SiteContext<'_>,
    shell: &Shell,
    mode: &PrintMode,
    body: &(dyn Fn(usize) -> String + Sync),
    staging: &Staging,
) -> Result<usize, PrintError> {
    let order = &ctx.guide.reading_order;
    let pieces: Vec<&str> = shell.html.split(BODY).collect();
    let mut out = staging.create_file(PRINT_FILE)?;
    if pieces.len() != order.len() + 1 {
        // The theme does not place each body exactly once: render it whole instead.
        let html = render(ctx, &shell.placed_sources, mode, body)?;
        out.write_all(html.as_bytes())?;
        return Ok(out.finish()?);
    }
    out.write_all(pieces[0].as_bytes())?;
    for (chunk, after) in order.chunks(CHUNK).zip(pieces[1..].chunks(CHUNK)) {
        let bodies: Vec<String> = chunk.par_iter().map(|&p| body(p)).collect();
        for (text, piece) in bodies.iter().zip(after) {
            out.write_all(text.as_bytes())?;
            out.write_all(piece.as_bytes())?;
        }
    }
    Ok(out.finish()?)
}

/// The handout's template, with each chapter's body from `body`.
fn render(
    ctx: &SiteContext<'_>,
    placed_sources: &[Vec<SourceRef>],
    mode: &PrintMode,
    body: impl Fn(usize) -> String,
) -> Result<String, PrintError> {
    let guide = ctx.guide;
    let chapters: Vec<Chapter<'_>> = guide
        .reading_order
        .iter()
        .map(|&p| chapter(ctx, placed_sources, mode, p, body(p)))
        .collect();
    let (w, h) = ctx.config.print.paper.mm();
    let cover = Cover {
        reviewed: guide
            .pages
            .iter()
            .filter_map(|p| p.front.reviewed)
            .max()
            .map(DateView::from),
        next_review: guide
            .pages
            .iter()
            .filter_map(|p| p.front.next_review)
            .min()
            .map(DateView::from),
        paper_width_mm: w,
        paper_height_mm: h,
    };
    let mut context = tera::Context::new();
    context.insert("site", &super::site_view(ctx, String::new()));
    context.insert("chapters", &chapters);
    // The context holds its own copy: free ours before the template renders.
    drop(chapters);
    context.insert("cover", &cover);
    ctx.theme.tera.render("print.html", &context).map_err(|e| {
        PrintError::Template(Diagnostic::error(
            "template",
            format!("template print.html failed: {e}"),
        ))
    })
}

fn chapter<'a>(
    ctx: &SiteContext<'a>,
    placed_sources: &'a [Vec<SourceRef>],
    mode: &'a PrintMode,
    p: usize,
    body: String,
) -> Chapter<'a> {
    let page = &ctx.guide.pages[p];
    let registry = &ctx.guide.registry.registry;
    let conditions_page = ctx.conditions_page;
    let contraindications = page
        .front
        .contraindications
        .iter()
        .flatten()
        .map(|id| Link {
            title: registry
                .condition(id)
                .map(|c| c.name.clone())
                .unwrap_or_else(|| id.clone()),
            href: conditions_page
                .map(|cp| mode.href(cp, Some(id)))
                .unwrap_or_default(),
        })
        .collect();
    let mut seen = std::collections::HashSet::new();
    Chapter {
        anchor: &mode.anchors[p],
        title: &page.title,
        summary: page.front.summary.as_deref(),
        kind: page.kind().as_str(),
        body,
        facts: facts(page),
        contraindications,
        sources: page
            .front
            .sources
            .iter()
            .chain(&placed_sources[p])
            .filter(|s| seen.insert(s.url.as_str()))
            .collect(),
        reviewed: page.front.reviewed.map(DateView::from),
        next_review: page.front.next_review.map(DateView::from),
    }
}
