//! print.html: the whole guide as one printable document. Each page is a chapter, rendered
//! again in print mode so ids are unique across chapters and links stay inside the document.

use super::SiteContext;
use super::views::DateView;
use crate::codes::Code;
use crate::content::graded::{Grade, Graded};
use crate::content::{Fact, PageId, PerPage, SourceRef};
use crate::diagnostics::Diagnostic;
use crate::markdown::PrintMode;
use crate::output::{StagedFile, Staging};
use serde::Serialize;
use std::io::{self, Write};

pub const PRINT_FILE: &str = "print.html";

#[derive(Debug, Serialize)]
struct Chapter<'a> {
    anchor: &'a str,
    title: &'a str,
    summary: Option<&'a str>,
    kind: &'static str,
    body: String,
    facts: Vec<Fact>,
    pictures: Vec<super::views::PictureView<'a>>,
    /// The conditions the technique names, by grade: avoid, adapt, ask first.
    contraindications: Vec<Link>,
    adapt: Vec<Link>,
    ask_first: Vec<Link>,
    sources: Vec<&'a SourceRef>,
    reviewed: Option<DateView>,
    next_review: Option<DateView>,
}

#[derive(Debug, Serialize)]
struct Link {
    title: String,
    href: String,
    /// How to do it another way, or whom to ask first (none for a condition to avoid).
    advice: Option<String>,
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
/// before the pages, while the build holds the least, and filled in as they are, from [`Shell::start`].
pub struct Shell {
    html: String,
    /// The sources of the registry entries placed on each page.
    placed_sources: PerPage<Vec<SourceRef>>,
}

impl Shell {
    pub fn render(
        ctx: &SiteContext<'_>,
        placed_sources: PerPage<Vec<SourceRef>>,
        mode: &PrintMode,
    ) -> Result<Shell, PrintError> {
        let html = render(ctx, &placed_sources, mode, |_| BODY.to_string())?;
        Ok(Shell {
            html,
            placed_sources,
        })
    }

    /// Start writing the handout into `staging`. It is filled with each chapter's body in
    /// reading order when the theme places each body exactly once; otherwise it is rendered
    /// whole at the end.
    pub fn start(self, ctx: &SiteContext<'_>, staging: &Staging) -> io::Result<Handout> {
        let stand_ins: Vec<usize> = self.html.match_indices(BODY).map(|(at, _)| at).collect();
        if stand_ins.len() != ctx.guide.reading_order.len() {
            return Ok(Handout::Whole(self));
        }
        let mut out = staging.create_file(PRINT_FILE)?;
        let first = stand_ins.first().copied().unwrap_or(self.html.len());
        out.write_all(&self.html.as_bytes()[..first])?;
        Ok(Handout::Streamed(HandoutWriter {
            html: self.html,
            stand_ins,
            next: 0,
            out,
        }))
    }

    /// Render the handout whole, each body from `body(p)`, and write it: for themes whose
    /// template does not place each body exactly once.
    fn write_whole(
        &self,
        ctx: &SiteContext<'_>,
        mode: &PrintMode,
        body: &(dyn Fn(PageId) -> String + Sync),
        staging: &Staging,
    ) -> Result<usize, PrintError> {
        let html = render(ctx, &self.placed_sources, mode, body)?;
        let mut out = staging.create_file(PRINT_FILE)?;
        out.write_all(html.as_bytes())?;
        Ok(out.finish()?)
    }
}

/// The handout as it is being written.
pub enum Handout {
    /// Written a chapter at a time, as the pages are rendered.
    Streamed(HandoutWriter),
    /// Rendered whole once every page is done (the theme's template does not place each body
    /// exactly once).
    Whole(Shell),
}

impl Handout {
    /// Add the next chapter's body, when the handout is written a chapter at a time.
    pub fn add(&mut self, body: &str) -> io::Result<()> {
        match self {
            Handout::Streamed(writer) => writer.add(body),
            Handout::Whole(_) => Ok(()),
        }
    }

    /// Whether chapter bodies are added as the pages are rendered.
    pub fn is_streamed(&self) -> bool {
        matches!(self, Handout::Streamed(_))
    }

    /// Close the handout (rendering it whole with `body` if it was not streamed); returns its
    /// size in bytes.
    pub fn finish(
        self,
        ctx: &SiteContext<'_>,
        mode: &PrintMode,
        body: &(dyn Fn(PageId) -> String + Sync),
        staging: &Staging,
    ) -> Result<usize, PrintError> {
        match self {
            Handout::Streamed(writer) => Ok(writer.finish()?),
            Handout::Whole(shell) => shell.write_whole(ctx, mode, body, staging),
        }
    }
}

/// Fills the handout's outline with each chapter's body, in reading order.
pub struct HandoutWriter {
    html: String,
    /// Where each body's stand-in is in the outline.
    stand_ins: Vec<usize>,
    next: usize,
    out: StagedFile,
}

impl HandoutWriter {
    /// Write the next chapter's body and the outline up to the chapter after it.
    fn add(&mut self, body: &str) -> io::Result<()> {
        let Some(&at) = self.stand_ins.get(self.next) else {
            return Err(io::Error::other("more chapter bodies than chapters"));
        };
        self.next += 1;
        let end = self
            .stand_ins
            .get(self.next)
            .copied()
            .unwrap_or(self.html.len());
        self.out.write_all(body.as_bytes())?;
        self.out
            .write_all(&self.html.as_bytes()[at + BODY.len()..end])
    }

    /// Close the handout; returns its size in bytes.
    fn finish(self) -> io::Result<usize> {
        if self.next != self.stand_ins.len() {
            return Err(io::Error::other("the handout is missing chapter bodies"));
        }
        self.out.finish()
    }
}

/// The handout's template, with each chapter's body from `body`.
fn render(
    ctx: &SiteContext<'_>,
    placed_sources: &PerPage<Vec<SourceRef>>,
    mode: &PrintMode,
    body: impl Fn(PageId) -> String,
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
    context.insert("about", &super::about::view(ctx));
    ctx.theme.tera.render("print.html", &context).map_err(|e| {
        PrintError::Template(Diagnostic::error(
            Code::Template,
            format!("template print.html failed: {e}"),
        ))
    })
}

fn chapter<'a>(
    ctx: &SiteContext<'a>,
    placed_sources: &'a PerPage<Vec<SourceRef>>,
    mode: &'a PrintMode,
    p: PageId,
    body: String,
) -> Chapter<'a> {
    let page = &ctx.guide.pages[p];
    let registry = &ctx.guide.registry.registry;
    let conditions_page = ctx.guide.safety_pages.conditions;
    let link = |g: &Graded<'_>, advice: Option<&str>| Link {
        title: (registry.condition(g.id))
            .map(|c| c.name.clone())
            .unwrap_or_else(|| g.id.to_string()),
        href: (conditions_page)
            .map(|cp| mode.href(cp, Some(g.id)))
            .unwrap_or_default(),
        advice: advice.map(str::to_string),
    };
    let graded = page.graded();
    let of = |pick: fn(Grade<'_>) -> Option<Option<&str>>| -> Vec<Link> {
        (graded.iter())
            .filter_map(|g| pick(g.grade).map(|advice| link(g, advice)))
            .collect()
    };
    let mut seen = std::collections::HashSet::new();
    Chapter {
        anchor: &mode.anchors[p],
        title: &page.title,
        summary: page.front.summary.as_deref(),
        kind: page.kind().as_str(),
        body,
        facts: page.facts(),
        pictures: super::views::PictureView::of(page, ""),
        contraindications: of(|g| (g == Grade::Avoid).then_some(None)),
        adapt: of(|g| match g {
            Grade::Adapt(how) => Some(Some(how)),
            _ => None,
        }),
        ask_first: of(|g| match g {
            Grade::AskFirst(whom) => Some(Some(whom)),
            _ => None,
        }),
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
