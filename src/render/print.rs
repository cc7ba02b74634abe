//! print.html: the whole guide as one printable document. Each page is a chapter, rendered
//! again in print mode so ids are unique across chapters and links stay inside the document.

use super::views::{DateView, Fact};
use super::{SiteContext, facts};
use crate::content::SourceRef;
use crate::diagnostics::Diagnostic;
use crate::markdown::{PrintMode, Rendered};
use crate::output::OutputFile;
use serde::Serialize;

pub const PRINT_FILE: &str = "print.html";

#[derive(Debug, Serialize)]
struct Chapter<'a> {
    anchor: &'a str,
    title: &'a str,
    summary: Option<&'a str>,
    kind: &'static str,
    body: &'a str,
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

/// The handout, from every page's print-mode rendering, in reading order.
pub fn file(
    ctx: &SiteContext<'_>,
    rendered: &[Rendered],
    mode: &PrintMode,
) -> Result<OutputFile, Diagnostic> {
    let guide = ctx.guide;
    let chapters: Vec<Chapter<'_>> = guide
        .reading_order
        .iter()
        .map(|&p| chapter(ctx, rendered, mode, p))
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
    context.insert("cover", &cover);
    let html =
        ctx.theme.tera.render("print.html", &context).map_err(|e| {
            Diagnostic::error("template", format!("template print.html failed: {e}"))
        })?;
    Ok(OutputFile::new(PRINT_FILE, html.into_bytes()))
}

fn chapter<'a>(
    ctx: &SiteContext<'a>,
    rendered: &'a [Rendered],
    mode: &'a PrintMode,
    p: usize,
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
        body: &rendered[p].html,
        facts: facts(page),
        contraindications,
        sources: page
            .front
            .sources
            .iter()
            .chain(&rendered[p].extra_sources)
            .filter(|s| seen.insert(s.url.as_str()))
            .collect(),
        reviewed: page.front.reviewed.map(DateView::from),
        next_review: page.front.next_review.map(DateView::from),
    }
}
