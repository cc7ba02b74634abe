//! What the rendering of every page shares: the Markdown set-ups (for the site and the
//! handout), the page templates' context, and what a writing build learns before it renders
//! any page (the links between pages, and the handout's outline).

use super::Failure;
use super::sink::print_failure;
use crate::config::{self, Config};
use crate::content::{Guide, PageId, PerPage};
use crate::markdown::{self, Highlighter, PrintMode, RenderContext, RenderedPage};
use crate::render::print::Shell;
use crate::render::{SiteContext, theme::Theme, xref};
use rayon::prelude::*;
use std::collections::HashMap;

/// The two ways a build renders Markdown: for the site, and for the handout.
pub(super) struct Markdown<'a> {
    pub(super) site: MarkdownSetup<'a>,
    pub(super) print: MarkdownSetup<'a>,
    pub(super) print_mode: &'a PrintMode,
}

impl<'a> Markdown<'a> {
    pub(super) fn new(
        config: &Config,
        guide: &'a Guide,
        (highlighter, theme): (&'a Highlighter, &'a Theme),
        print_mode: &'a PrintMode,
    ) -> Result<Self, Failure> {
        Ok(Markdown {
            site: MarkdownSetup::new(config, guide, (highlighter, theme), None)?,
            print: MarkdownSetup::new(config, guide, (highlighter, theme), Some(print_mode))?,
            print_mode,
        })
    }
}

/// What a writing build learns before it renders any page.
pub(super) struct FirstPass {
    /// The pages that link to each page ("pages that link here").
    pub(super) backlinks: PerPage<Vec<PageId>>,
    /// The handout's outline, when `[print]` is on.
    pub(super) shell: Option<Shell>,
}

/// Read the links of every page while, on the other core, the handout's outline (its
/// template with a stand-in for each chapter body) is rendered. A check-only build needs
/// neither.
pub(super) fn first_pass(
    markdown: &Markdown<'_>,
    site: &SiteSetup<'_>,
    writing: bool,
) -> Result<FirstPass, Failure> {
    let setup = &markdown.site;
    if !writing {
        return Ok(FirstPass {
            backlinks: xref::backlinks(setup.guide, &PerPage::new()),
            shell: None,
        });
    }
    let outline_ctx = site.context(PerPage::new(), None);
    let (links, shell) = rayon::join(
        || {
            let links: Vec<_> = (0..setup.guide.pages.len())
                .into_par_iter()
                .map(|i| markdown::page_refs(&setup.context(PageId::from(i))).0)
                .collect();
            PerPage::from(links)
        },
        || {
            site.config
                .print
                .enable
                .then(|| print_outline(setup, &outline_ctx, markdown.print_mode))
        },
    );
    Ok(FirstPass {
        backlinks: xref::backlinks(setup.guide, &links),
        shell: shell.transpose().map_err(print_failure)?,
    })
}

/// The handout's outline. Only pages with a directive can place registry sources.
fn print_outline(
    setup: &MarkdownSetup<'_>,
    ctx: &SiteContext<'_>,
    mode: &PrintMode,
) -> Result<Shell, crate::render::print::PrintError> {
    let placed_sources = setup
        .guide
        .pages
        .keys()
        .map(|i| {
            if setup.guide.pages[i].body().contains("{{") {
                markdown::page_refs(&setup.context(i)).1
            } else {
                Vec::new()
            }
        })
        .collect();
    Shell::render(ctx, placed_sources, mode)
}

/// What every page's Markdown rendering shares, for the site or (with `print`) the handout.
pub(super) struct MarkdownSetup<'a> {
    pub(super) guide: &'a Guide,
    highlighter: &'a Highlighter,
    markup: &'a markdown::Markup,
    print: Option<&'a PrintMode>,
    pub(super) conditions_page: Option<PageId>,
    /// The techniques each condition rules out, inserted after its heading on the conditions page.
    ruled_out: HashMap<String, String>,
    none: HashMap<String, String>,
    callout_headings: markdown::CalloutHeadings,
}

impl<'a> MarkdownSetup<'a> {
    fn new(
        config: &Config,
        guide: &'a Guide,
        (highlighter, theme): (&'a Highlighter, &'a Theme),
        print: Option<&'a PrintMode>,
    ) -> Result<Self, Failure> {
        let conditions_page = guide.safety_pages.conditions;
        let by_condition = xref::techniques_by_condition(guide);
        let ruled_out = conditions_page
            .map(|cp| {
                let root = markdown::links_root_prefix(&guide.pages[cp].url);
                let href = |t| match print {
                    Some(p) => p.href(t, None),
                    None => format!("{root}{}", guide.pages[t].url),
                };
                xref::ruled_out_html(guide, &by_condition, href, &theme.tera)
            })
            .transpose()
            .map_err(|why| {
                Failure::Config(vec![crate::diagnostics::Diagnostic::error(
                    crate::codes::Code::Template,
                    why,
                )])
            })?
            .unwrap_or_default();
        Ok(MarkdownSetup {
            guide,
            highlighter,
            markup: &theme.markup,
            print,
            conditions_page,
            ruled_out,
            none: HashMap::new(),
            callout_headings: markdown::CalloutHeadings::from_config(&config.safety.headings),
        })
    }

    pub(super) fn context(&self, i: PageId) -> RenderContext<'_> {
        RenderContext {
            guide: self.guide,
            page: &self.guide.pages[i],
            index: i,
            highlighter: self.highlighter,
            after_heading: if Some(i) == self.conditions_page {
                &self.ruled_out
            } else {
                &self.none
            },
            callout_headings: &self.callout_headings,
            markup: self.markup,
            print: self.print,
        }
    }

    pub(super) fn render(&self, i: PageId) -> RenderedPage {
        markdown::render(&self.context(i))
    }
}

/// What the page templates share, before any page is rendered.
pub(super) struct SiteSetup<'a> {
    config: &'a Config,
    guide: &'a Guide,
    theme: &'a Theme,
    live_reload: bool,
}

impl<'a> SiteSetup<'a> {
    pub(super) fn new(
        config: &'a Config,
        guide: &'a Guide,
        theme: &'a Theme,
        live_reload: bool,
    ) -> Self {
        SiteSetup {
            config,
            guide,
            theme,
            live_reload,
        }
    }

    pub(super) fn context(
        &self,
        backlinks: PerPage<Vec<PageId>>,
        conditions: Option<&'a RenderedPage>,
    ) -> SiteContext<'a> {
        let site_url = self
            .config
            .site
            .url
            .as_ref()
            .map(|u| format!("{}/", u.trim_end_matches('/')));
        let base_path = site_url
            .as_deref()
            .and_then(|u| config::base_path_of(u).ok())
            .unwrap_or_else(|| "/".into());
        SiteContext {
            live_reload: self.live_reload,
            config: self.config,
            guide: self.guide,
            conditions_headings: conditions
                .map(|r| r.facts.headings.as_slice())
                .unwrap_or(&[]),
            theme: self.theme,
            site_url,
            base_path,
            backlinks,
            has_cards: self.config.cards.enable && self.guide.techniques().next().is_some(),
        }
    }
}
