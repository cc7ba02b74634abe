//! Templates: turn each rendered page body plus the model into a full HTML page, in parallel.

pub mod about;
pub mod cards;
mod nav;
pub mod print;
pub mod reserved;
pub mod search;
pub mod site_files;
pub mod theme;
pub mod views;
pub mod xref;

use crate::codes::Code;
use crate::config::Config;
use crate::content::graded::{Grade, Graded};
use crate::content::registry::CareLevel;
use crate::content::{Entry, Guide, Page, PageId, PageKind, PerPage, SectionId};
use crate::diagnostics::Diagnostic;
use crate::markdown::{CalloutKind, Heading, PageFacts, links_root_prefix};
use crate::output::{OutputFile, Staging};
use theme::Theme;
use views::*;

/// Everything the page templates need, computed once per build.
pub struct SiteContext<'a> {
    /// Pages include the live-reload script (`carebook serve`).
    pub live_reload: bool,
    pub config: &'a Config,
    pub guide: &'a Guide,
    /// The headings of the conditions page, which name each contraindication.
    pub conditions_headings: &'a [Heading],
    pub theme: &'a Theme,
    /// The public site URL (ending in `/`), when known.
    pub site_url: Option<String>,
    /// The absolute base path (`/` or `/repo/`).
    pub base_path: String,
    pub backlinks: PerPage<Vec<PageId>>,
    /// Step cards are written (`[cards] enable`, and the guide has a technique).
    pub has_cards: bool,
}

/// Why a page could not be written.
#[derive(Debug)]
pub enum PageError {
    /// The theme's template failed: a theme problem.
    Template(Diagnostic),
    Io(Diagnostic),
}

/// Render page `i` around its body (`body`, with the page's `facts`) and write it into
/// `staging` at once, so a large guide never holds its pages in memory. Returns the bytes of
/// HTML written.
pub fn write_page(
    ctx: &SiteContext<'_>,
    i: PageId,
    (body, facts): (&str, &PageFacts),
    staging: &Staging,
) -> Result<usize, PageError> {
    let page = &ctx.guide.pages[i];
    let html = render_page(ctx, i, body, facts).map_err(PageError::Template)?;
    let bytes = html.len();
    staging
        .write(&OutputFile::new(page.url.clone(), html.into_bytes()))
        .map_err(|e| {
            PageError::Io(Diagnostic::error(
                Code::Io,
                format!("cannot write {}: {e}", page.url),
            ))
        })?;
    Ok(bytes)
}

/// Page `i`'s HTML: its rendered body in the theme's page template.
pub fn render_page(
    ctx: &SiteContext<'_>,
    i: PageId,
    body: &str,
    facts: &PageFacts,
) -> Result<String, Diagnostic> {
    let page = &ctx.guide.pages[i];
    let root = links_root_prefix(&page.url);
    let view = page_view(ctx, i, (body, facts), &root);
    let template = format!("{}.html", view.layout);
    let mut context = tera::Context::new();
    context.insert("site", &site_view(ctx, root.clone()));
    context.insert("page", &view);
    context.insert("nav", &nav::menu(ctx.guide, i, &root));
    ctx.theme.tera.render(&template, &context).map_err(|e| {
        Diagnostic::error(
            Code::Template,
            format!("template {template} failed for {}: {e}", page.rel_path),
        )
        .at_file(&page.source.display_path)
    })
}

pub fn site_view<'a>(ctx: &SiteContext<'a>, root: String) -> SiteView<'a> {
    let book = &ctx.config.book;
    SiteView {
        title: &book.title,
        description: &book.description,
        language: &book.language,
        authors: book.authors.join(", "),
        live_reload: ctx.live_reload,
        print: ctx.config.print.enable,
        cards: ctx.has_cards,
        help: help_link(ctx, &root),
        about: about::link(&ctx.config.about, &root),
        root,
        generator: concat!("carebook ", env!("CARGO_PKG_VERSION")),
    }
}

/// A technique page's own emergency card: the registry's emergency signs under the configured
/// heading, and a link to the help page (by its title), in the theme's care card markup.
fn emergency_card(ctx: &SiteContext<'_>, facts: &PageFacts, root: &str) -> Option<String> {
    use crate::markdown::escape;
    let id = facts.signs_card_id.as_deref()?;
    let flags = &ctx.guide.registry.registry.red_flags;
    let signs = flags
        .iter()
        .filter(|f| f.level == CareLevel::Emergency && f.card().is_none());
    let mut body = String::from("<ul>\n");
    for flag in signs {
        body.push_str(&format!("<li>{}</li>\n", escape(&flag.sign)));
    }
    body.push_str("</ul>\n");
    if let Some(help) = ctx.guide.safety_pages.help {
        let help = &ctx.guide.pages[help];
        let href = format!("{root}{}", help.url);
        body.push_str(&format!(
            "<p><a href=\"{}\">{}</a></p>\n",
            escape(&href),
            escape(&help.title)
        ));
    }
    let heading = &ctx.config.safety.headings.emergency;
    let wrap = ctx.theme.markup.callout(CalloutKind::Emergency, 2);
    Some(format!(
        "{}{body}{}",
        wrap.open(&[heading, id]),
        wrap.close(&[heading, id])
    ))
}

/// The link to the help page, at its first emergency care card when the registry has
/// emergency signs (the help page must then hold one: `help-page-cards`).
fn help_link<'a>(ctx: &SiteContext<'a>, root: &str) -> Option<LinkView<'a>> {
    let label = ctx.config.safety.help_link.trim();
    let help = ctx.guide.safety_pages.help.filter(|_| !label.is_empty())?;
    let flags = &ctx.guide.registry.registry.red_flags;
    let main = |f: &&crate::content::registry::RedFlag| {
        f.level == CareLevel::Emergency && f.card().is_none()
    };
    let card = (flags.iter().any(|f| main(&f))).then(|| {
        format!(
            "#{}",
            crate::markdown::care_card_id(CalloutKind::Emergency, 1)
        )
    });
    Some(LinkView {
        title: label,
        href: format!(
            "{root}{}{}",
            ctx.guide.pages[help].url,
            card.unwrap_or_default()
        ),
    })
}

fn page_view<'a>(
    ctx: &SiteContext<'a>,
    i: PageId,
    (body, facts): (&'a str, &'a PageFacts),
    root: &str,
) -> PageView<'a> {
    let guide = ctx.guide;
    let page = &guide.pages[i];
    let (prev, next) = nav::prev_next(guide, i, root);
    let layout = if guide.home() == Some(i) {
        "home"
    } else if page.is_section_index {
        "section"
    } else {
        "page"
    };
    PageView {
        title: &page.title,
        summary: page.front.summary.as_deref(),
        kind: if layout == "page" {
            page.kind().as_str()
        } else {
            layout
        },
        layout,
        body,
        canonical: ctx.site_url.as_ref().map(|u| format!("{u}{}", page.url)),
        toc: toc(&facts.headings),
        breadcrumbs: nav::breadcrumbs(guide, i, root),
        facts: page.facts(),
        contraindications: (graded(ctx, page, root).into_iter())
            .filter(|(_, g)| g.grade == Grade::Avoid)
            .map(|(link, _)| link)
            .collect(),
        adapt: advice(ctx, page, root, |g| match g {
            Grade::Adapt(how) => Some(how),
            _ => None,
        }),
        ask_first: advice(ctx, page, root, |g| match g {
            Grade::AskFirst(whom) => Some(whom),
            _ => None,
        }),
        related: xref::related(guide, i)
            .into_iter()
            .map(|p| nav::link(guide, p, root))
            .collect(),
        backlinks: ctx.backlinks[i]
            .iter()
            .map(|&p| nav::link(guide, p, root))
            .collect(),
        sources: sources(page, facts),
        reviewed: page.front.reviewed.map(DateView::from),
        next_review: page.front.next_review.map(DateView::from),
        prev,
        next,
        emergency_card: emergency_card(ctx, facts, root),
        card_href: (ctx.config.cards.enable && page.kind() == PageKind::Technique).then(|| {
            format!(
                "{root}{}/{}.html",
                cards::CARDS_DIR,
                cards::card_file(guide, i).trim_end_matches(".html")
            )
        }),
        children: if layout == "page" {
            Vec::new()
        } else {
            children(guide, page.section, root)
        },
        sign_off: sign_off(guide, i),
        certainty: certainty(ctx, page, root),
        pictures: PictureView::of(page, root),
    }
}

/// The page's certainty label, linked to the about page's list of what each means.
fn certainty<'a>(ctx: &SiteContext<'a>, page: &Page, root: &str) -> Option<LinkView<'a>> {
    let label = ctx
        .config
        .about
        .certainty(page.front.certainty.as_deref()?)?;
    Some(LinkView {
        title: &label.label,
        href: format!("{root}{}#{}", about::ABOUT_FILE, about::CERTAINTY_ID),
    })
}

/// Who signed off the safety advice, shown on the help page.
fn sign_off(guide: &Guide, i: PageId) -> Option<SignOffView<'_>> {
    let signed = guide
        .sign_off
        .as_ref()
        .filter(|_| guide.safety_pages.help == Some(i))?;
    Some(SignOffView {
        reviewer: &signed.reviewer,
        date: signed.date()?.into(),
    })
}

fn sources<'a>(page: &'a Page, facts: &'a PageFacts) -> Vec<&'a crate::content::SourceRef> {
    let mut seen = std::collections::HashSet::new();
    page.front
        .sources
        .iter()
        .chain(&facts.extra_sources)
        .filter(|s| seen.insert(s.url.as_str()))
        .collect()
}

/// "On this page": level-2 headings with their level-3 children, for pages with 3 or more sections.
fn toc(headings: &[Heading]) -> Vec<TocItem<'_>> {
    if headings.iter().filter(|h| h.level == 2).count() < 3 {
        return Vec::new();
    }
    let mut items: Vec<TocItem<'_>> = Vec::new();
    for h in headings {
        let item = TocItem {
            title: &h.text,
            id: &h.id,
            children: Vec::new(),
        };
        match (h.level, items.last_mut()) {
            (2, _) => items.push(item),
            (3, Some(parent)) => parent.children.push(item),
            _ => {}
        }
    }
    items
}

/// Each condition a technique names, linked to its entry on the conditions page and named by
/// that entry's heading, with its grade ([`crate::content::graded`]).
fn graded<'a>(
    ctx: &SiteContext<'a>,
    page: &'a Page,
    root: &str,
) -> Vec<(LinkView<'a>, Graded<'a>)> {
    let Some(cp) = ctx.guide.safety_pages.conditions else {
        return Vec::new();
    };
    let target = &ctx.guide.pages[cp];
    (page.graded().into_iter())
        .map(|g| {
            let title = (ctx.conditions_headings.iter())
                .find(|h| h.id == g.id)
                .map(|h| h.text.as_str())
                .unwrap_or(g.id);
            let href = format!("{root}{}#{}", target.url, g.id);
            (LinkView { title, href }, g)
        })
        .collect()
}

/// The conditions of one grade besides avoid, with the advice `advice` takes from it.
fn advice<'a>(
    ctx: &SiteContext<'a>,
    page: &'a Page,
    root: &str,
    advice: impl Fn(Grade<'a>) -> Option<&'a str>,
) -> Vec<AdviceView<'a>> {
    (graded(ctx, page, root).into_iter())
        .filter_map(|(link, g)| {
            let advice = advice(g.grade)?;
            let LinkView { title, href } = link;
            Some(AdviceView {
                title,
                href,
                advice,
            })
        })
        .collect()
}

/// Cards for the entries of a section (the home page shows the top level).
fn children<'a>(guide: &'a Guide, section: SectionId, root: &str) -> Vec<CardView<'a>> {
    guide.sections[section]
        .entries
        .iter()
        .filter_map(|entry| {
            let p = match *entry {
                Entry::Page(p) => p,
                Entry::Section(s) => guide.sections[s].index_page?,
            };
            let page = &guide.pages[p];
            Some(CardView {
                title: &page.title,
                summary: page.front.summary.as_deref(),
                href: format!("{root}{}", page.url),
                facts: page.facts(),
            })
        })
        .collect()
}
