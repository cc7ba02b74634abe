//! The one pass over every page: render, write, check, and add to the search index and the
//! print handout, in reading order, a chunk at a time.

use super::Failure;
use super::setup::MarkdownSetup;
use crate::checks::{PageFindings, PageRules};
use crate::diagnostics::Diagnostic;
use crate::markdown::{self, CardParts, PageFacts, RenderedPage};
use crate::output;
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
    pub(super) facts: Vec<PageFacts>,
    pub(super) cards: Vec<CardParts>,
    pub(super) findings: Vec<PageFindings>,
    /// Every page's problems.
    pub(super) diagnostics: Vec<Diagnostic>,
    /// Bytes of page HTML written.
    pub(super) bytes: usize,
}

/// What the pass keeps of each page, and the template errors and bytes so far.
struct Kept {
    done: Vec<Option<KeptPage>>,
    templates: Vec<Diagnostic>,
    bytes: usize,
}

/// Where the pass writes, in reading order.
struct Sinks<'s, 'h> {
    search: Option<&'s mut render::search::SearchWriter>,
    handout: Option<&'s mut render::print::HandoutWriter<'h>>,
}

impl Kept {
    /// Take in a rendered chunk: count it, and add its search entries and chapters in order.
    fn absorb(
        &mut self,
        pages: &[usize],
        results: Vec<PageResult>,
        sinks: &mut Sinks<'_, '_>,
    ) -> Result<(), Failure> {
        let failed = |what: &str, e: std::io::Error| {
            Failure::Io(Diagnostic::error(
                "io",
                format!("cannot write the {what}: {e}"),
            ))
        };
        for (&i, result) in pages.iter().zip(results) {
            match result.written {
                Ok(n) => self.bytes += n,
                Err(render::PageError::Template(d)) => self.templates.push(d),
                Err(render::PageError::Io(d)) => return Err(Failure::Io(d)),
            }
            if let Some(search) = sinks.search.as_deref_mut() {
                search
                    .add(&result.search)
                    .map_err(|e| failed("search index", e))?;
            }
            if let (Some(handout), Some(body)) = (sinks.handout.as_deref_mut(), &result.print) {
                handout.add(body).map_err(|e| failed("print handout", e))?;
            }
            self.done[i] = Some(result.kept);
        }
        Ok(())
    }
}

/// The one pass over every page, in reading order, a chunk at a time: render its Markdown (for
/// the site and, from the same parse, for the handout), write it (when `staging` is given), run
/// the page rules, add its search entries and handout chapter, and keep only what the
/// whole-guide rules need.
pub(super) struct Pass<'a> {
    pub(super) setup: &'a MarkdownSetup<'a>,
    /// Set when the handout's chapter bodies are rendered in the pass.
    pub(super) print: Option<&'a MarkdownSetup<'a>>,
    pub(super) site: &'a SiteContext<'a>,
    pub(super) conditions: Option<&'a RenderedPage>,
    pub(super) rules: &'a PageRules<'a>,
    pub(super) staging: Option<&'a output::Staging>,
}

impl Pass<'_> {
    pub(super) fn run(
        &self,
        search: Option<&mut render::search::SearchWriter>,
        handout: Option<&mut render::print::HandoutWriter<'_>>,
    ) -> Result<Passed, Failure> {
        let guide = self.setup.guide;
        let n = guide.pages.len();
        let mut in_order = vec![false; n];
        for &p in &guide.reading_order {
            in_order[p] = true;
        }
        let order: Vec<usize> = guide
            .reading_order
            .iter()
            .copied()
            .chain((0..n).filter(|&p| !in_order[p]))
            .collect();
        let with_search = search.is_some();
        let mut kept = Kept {
            done: (0..n).map(|_| None).collect(),
            templates: Vec::new(),
            bytes: 0,
        };
        let mut sinks = Sinks { search, handout };
        // Each chunk renders while the one before it is written in order.
        let mut previous: Option<(&[usize], Vec<PageResult>)> = None;
        for chunk in order.chunks(CHUNK).map(Some).chain([None]) {
            let (results, absorbed) = rayon::join(
                || {
                    chunk.map(|chunk| {
                        chunk
                            .par_iter()
                            .map(|&i| self.page(i, with_search && in_order[i], in_order[i]))
                            .collect::<Vec<_>>()
                    })
                },
                || match previous.take() {
                    Some((pages, results)) => kept.absorb(pages, results, &mut sinks),
                    None => Ok(()),
                },
            );
            absorbed?;
            previous = chunk.zip(results);
        }
        if !kept.templates.is_empty() {
            return Err(Failure::Config(kept.templates));
        }
        let mut passed = Passed {
            facts: Vec::with_capacity(n),
            cards: Vec::with_capacity(n),
            findings: Vec::with_capacity(n),
            diagnostics: Vec::new(),
            bytes: kept.bytes,
        };
        for page in kept.done.into_iter().flatten() {
            passed.facts.push(page.facts);
            passed.cards.push(page.card);
            passed.findings.push(page.findings);
            passed.diagnostics.extend(page.diagnostics);
        }
        Ok(passed)
    }

    /// One page: `search` adds its search entries, `chapter` renders its handout body.
    fn page(&self, i: usize, search: bool, chapter: bool) -> PageResult {
        let print = self.print.filter(|_| chapter);
        let (rendered, print) = match (self.conditions, print) {
            (Some(r), _) if self.setup.conditions_page == Some(i) => {
                (r.clone(), print.map(|p| p.render(i).html))
            }
            (_, Some(p)) => {
                let (site, printed) = markdown::render_pair(&self.setup.context(i), &p.context(i));
                (site, Some(printed))
            }
            (_, None) => (self.setup.render(i), None),
        };
        let RenderedPage {
            html,
            text,
            facts,
            card,
            mut diagnostics,
        } = rendered;
        let written = match self.staging {
            Some(staging) => render::write_page(self.site, i, (&html, &facts), staging),
            None => Ok(0),
        };
        drop(html);
        let mut findings = self.rules.check(&self.setup.guide.pages[i], &text, &facts);
        diagnostics.append(&mut findings.diagnostics);
        let search = if search {
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
