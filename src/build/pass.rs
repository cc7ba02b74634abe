//! The one pass over every page: render, write, check, and add to the search index and the
//! print handout, in reading order, a chunk at a time.

use super::Failure;
use super::setup::{Markdown, MarkdownSetup};
use super::sink::{Mode, Sink};
use crate::checks::{PageFindings, PageRules};
use crate::codes::Code;
use crate::content::{Guide, PageId, PerPage};
use crate::diagnostics::Diagnostic;
use crate::markdown::{self, CardParts, PageFacts, RenderedPage};
use crate::output::Staging;
use crate::render::print::Handout;
use crate::render::search::SearchWriter;
use crate::render::{self, SiteContext};
use rayon::prelude::*;

/// Pages rendered together (in parallel) before their search entries are written in order.
const CHUNK: usize = 64;

/// What one page's pass left: what the pass keeps of it, the bytes written, its search
/// entries and its print handout body.
struct PageResult {
    kept: KeptPage,
    written: Result<usize, render::PageError>,
    search: Vec<u8>,
    print: Option<String>,
}

/// What the whole-guide rules, the cards and the search index need of a page once its HTML
/// is written and its words checked.
struct KeptPage {
    facts: PageFacts,
    card: CardParts,
    findings: PageFindings,
    /// Problems found rendering the page, then by the page rules.
    diagnostics: Vec<Diagnostic>,
}

/// What the pass leaves, by page index.
pub(super) struct Passed {
    /// What the whole-guide rules, the search index and the cards read of each page.
    pub(super) kept: (PerPage<PageFacts>, PerPage<CardParts>),
    pub(super) findings: PerPage<PageFindings>,
    /// Every page's problems.
    pub(super) diagnostics: Vec<Diagnostic>,
    /// Bytes of page HTML written.
    pub(super) bytes: usize,
}

/// What the pass keeps of each page, and the template errors and bytes so far.
struct Kept {
    done: PerPage<Option<KeptPage>>,
    templates: Vec<Diagnostic>,
    bytes: usize,
}

/// Where the pass writes in reading order, when it writes.
struct Sinks<'s> {
    search: &'s mut SearchWriter,
    /// The handout, when its chapters are added as the pages are rendered.
    handout: Option<&'s mut Handout>,
}

impl Kept {
    /// Take in a rendered chunk: count it, and add its search entries and chapters in order.
    fn absorb(
        &mut self,
        pages: &[PageId],
        results: Vec<PageResult>,
        sinks: &mut Option<Sinks<'_>>,
    ) -> Result<(), Failure> {
        let failed = |what: &str, e: std::io::Error| {
            Failure::Io(Diagnostic::error(
                Code::Io,
                format!("cannot write the {what}: {e}"),
            ))
        };
        for (&i, result) in pages.iter().zip(results) {
            match result.written {
                Ok(n) => self.bytes += n,
                Err(render::PageError::Template(d)) => self.templates.push(d),
                Err(render::PageError::Io(d)) => return Err(Failure::Io(d)),
            }
            if let Some(sinks) = sinks {
                sinks
                    .search
                    .add(&result.search)
                    .map_err(|e| failed("search index", e))?;
                if let (Some(handout), Some(body)) = (sinks.handout.as_deref_mut(), &result.print) {
                    handout.add(body).map_err(|e| failed("print handout", e))?;
                }
            }
            self.done[i] = Some(result.kept);
        }
        Ok(())
    }

    /// What the pass leaves, once every chunk is in.
    fn into_passed(self) -> Result<Passed, Failure> {
        if !self.templates.is_empty() {
            return Err(Failure::Config(self.templates));
        }
        let n = self.done.len();
        let mut passed = Passed {
            kept: (PerPage::with_capacity(n), PerPage::with_capacity(n)),
            findings: PerPage::with_capacity(n),
            diagnostics: Vec::new(),
            bytes: self.bytes,
        };
        for page in self.done.into_iter().flatten() {
            passed.kept.0.push(page.facts);
            passed.kept.1.push(page.card);
            passed.findings.push(page.findings);
            passed.diagnostics.extend(page.diagnostics);
        }
        Ok(passed)
    }
}

/// The one pass over every page, in reading order, a chunk at a time: render its Markdown (for
/// the site and, from the same parse, for the handout), write it (when writing), run the page
/// rules, add its search entries and handout chapter, and keep only what the whole-guide rules
/// need.
pub(super) struct Pass<'a> {
    pub(super) markdown: &'a Markdown<'a>,
    pub(super) site: &'a SiteContext<'a>,
    /// The conditions page, rendered before the pass (the templates need its headings).
    pub(super) conditions: Option<&'a RenderedPage>,
    pub(super) rules: &'a PageRules<'a>,
}

/// How each page of this pass is treated.
struct PageJob<'a> {
    pass: &'a Pass<'a>,
    staging: Option<&'a Staging>,
    /// Set when the handout's chapter bodies are rendered in the pass.
    print: Option<&'a MarkdownSetup<'a>>,
    /// Pages in the reading order (the others get no search entries or chapter).
    in_order: PerPage<bool>,
}

impl Pass<'_> {
    pub(super) fn run(&self, mode: &mut Mode) -> Result<Passed, Failure> {
        let guide = self.markdown.site.guide;
        let (staging, mut sinks) = match mode {
            Mode::Check => (None, None),
            Mode::Write(sink) => {
                let Sink {
                    staging,
                    search,
                    handout,
                    ..
                } = &mut **sink;
                let handout = handout.as_mut().filter(|h| h.is_streamed());
                (Some(&*staging), Some(Sinks { search, handout }))
            }
        };
        let per_page = PageJob {
            pass: self,
            staging,
            print: sinks
                .as_ref()
                .and_then(|s| s.handout.as_ref())
                .map(|_| &self.markdown.print),
            in_order: in_reading_order(guide),
        };
        let mut kept = Kept {
            done: guide.pages.iter().map(|_| None).collect(),
            templates: Vec::new(),
            bytes: 0,
        };
        // Each chunk renders while the one before it is written in order.
        let mut previous: Option<(&[PageId], Vec<PageResult>)> = None;
        let order = page_order(guide, &per_page.in_order);
        for chunk in order.chunks(CHUNK).map(Some).chain([None]) {
            let (results, absorbed) = rayon::join(
                || chunk.map(|chunk| chunk.par_iter().map(|&i| per_page.page(i)).collect()),
                || match previous.take() {
                    Some((pages, results)) => kept.absorb(pages, results, &mut sinks),
                    None => Ok(()),
                },
            );
            absorbed?;
            previous = chunk.zip(results);
        }
        kept.into_passed()
    }
}

/// Whether each page is in the reading order.
fn in_reading_order(guide: &Guide) -> PerPage<bool> {
    let mut in_order: PerPage<bool> = guide.pages.iter().map(|_| false).collect();
    for &p in &guide.reading_order {
        in_order[p] = true;
    }
    in_order
}

/// Every page: the reading order, then the pages outside it.
fn page_order(guide: &Guide, in_order: &PerPage<bool>) -> Vec<PageId> {
    guide
        .reading_order
        .iter()
        .copied()
        .chain(guide.pages.keys().filter(|&p| !in_order[p]))
        .collect()
}

impl PageJob<'_> {
    /// Render page `i` (for the handout too, when its chapter is written in the pass).
    fn render(&self, i: PageId) -> (RenderedPage, Option<String>) {
        let setup = &self.pass.markdown.site;
        let print = self.print.filter(|_| self.in_order[i]);
        match (self.pass.conditions, print) {
            (Some(r), _) if setup.conditions_page == Some(i) => {
                (r.clone(), print.map(|p| p.render(i).html))
            }
            (_, Some(p)) => {
                let (site, printed) = markdown::render_pair(&setup.context(i), &p.context(i));
                (site, Some(printed))
            }
            (_, None) => (setup.render(i), None),
        }
    }

    /// One page: render, write, check, and its search entries.
    fn page(&self, i: PageId) -> PageResult {
        let (rendered, print) = self.render(i);
        let RenderedPage {
            html,
            text,
            facts,
            card,
            mut diagnostics,
        } = rendered;
        let written = match self.staging {
            Some(staging) => render::write_page(self.pass.site, i, (&html, &facts), staging),
            None => Ok(0),
        };
        drop(html);
        let guide = self.pass.markdown.site.guide;
        let mut findings = self.pass.rules.check(&guide.pages[i], &text, &facts);
        diagnostics.append(&mut findings.diagnostics);
        let search = if self.staging.is_some() && self.in_order[i] {
            render::search::page_sections(i, &text, &facts)
        } else {
            Vec::new()
        };
        PageResult {
            kept: KeptPage {
                facts,
                card,
                findings,
                diagnostics,
            },
            written,
            search,
            print,
        }
    }
}
