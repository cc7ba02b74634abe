//! What the rendering of every page shares: the Markdown set-up (for the site or the handout),
//! the page templates' context, and the handout's outline.

use crate::config::{self, Config};
use crate::content::Guide;
use crate::markdown::{self, Highlighter, PrintMode, RenderContext, RenderedPage};
use crate::render::{self, SiteContext, theme::Theme, xref};
use std::collections::HashMap;

/// The handout's outline. Only pages with a directive can place registry sources.
pub(super) fn print_outline(
    setup: &MarkdownSetup<'_>,
    ctx: &SiteContext<'_>,
    mode: &PrintMode,
) -> Result<render::print::Shell, render::print::PrintError> {
    let placed_sources = (0..setup.guide.pages.len())
        .map(|i| {
            if setup.guide.pages[i].body().contains("{{") {
                markdown::page_refs(&setup.context(i)).1
            } else {
                Vec::new()
            }
        })
        .collect();
    render::print::Shell::render(ctx, placed_sources, mode)
}

/// What every page's Markdown rendering shares, for the site or (with `print`) the handout.
pub(super) struct MarkdownSetup<'a> {
    pub(super) guide: &'a Guide,
    highlighter: &'a Highlighter,
    print: Option<&'a PrintMode>,
    pub(super) conditions_page: Option<usize>,
    /// The techniques each condition rules out, inserted after its heading on the conditions page.
    ruled_out: HashMap<String, String>,
    none: HashMap<String, String>,
    callout_headings: markdown::CalloutHeadings,
}

impl<'a> MarkdownSetup<'a> {
    pub(super) fn new(
        config: &Config,
        guide: &'a Guide,
        highlighter: &'a Highlighter,
        print: Option<&'a PrintMode>,
    ) -> Self {
        let conditions_page = crate::checks::conditions_page(config, guide);
        let by_condition = xref::techniques_by_condition(guide);
        let ruled_out = conditions_page
            .map(|cp| {
                let root = markdown::links_root_prefix(&guide.pages[cp].url);
                xref::ruled_out_html(guide, &by_condition, |t| match print {
                    Some(p) => p.href(t, None),
                    None => format!("{root}{}", guide.pages[t].url),
                })
            })
            .unwrap_or_default();
        MarkdownSetup {
            guide,
            highlighter,
            print,
            conditions_page,
            ruled_out,
            none: HashMap::new(),
            callout_headings: markdown::CalloutHeadings::from_config(&config.safety.headings),
        }
    }

    pub(super) fn context(&self, i: usize) -> RenderContext<'_> {
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
            print: self.print,
        }
    }

    pub(super) fn render(&self, i: usize) -> RenderedPage {
        markdown::render(&self.context(i))
    }
}

/// What the page templates share, before any page is rendered.
pub(super) struct SiteSetup<'a> {
    config: &'a Config,
    guide: &'a Guide,
    theme: &'a Theme,
    live_reload: bool,
    pub(super) conditions_page: Option<usize>,
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
            conditions_page: crate::checks::conditions_page(config, guide),
        }
    }

    pub(super) fn context(
        &self,
        backlinks: Vec<Vec<usize>>,
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
            conditions_page: self.conditions_page,
        }
    }
}
