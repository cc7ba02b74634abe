//! Printable step cards, one per technique, made from the technique page itself (steps, stop-if
//! callout, contraindications) and the registry (emergency signs): never retyped. Also the card
//! index, one file with every card, and sheets of several cards with cut lines.

mod qr;

use super::views::{DateView, LinkView};
use super::{SiteContext, nav};
use crate::card_fit::{CardText, Fit, Metrics};
use crate::codes::Code;
use crate::config::{CardsConfig, SheetLayout};
use crate::content::{Fact, Guide, PageId, PerPage};
use crate::diagnostics::Diagnostic;
use crate::markdown::{CardParts, links_root_prefix};
use crate::output::OutputFile;
use serde::Serialize;

/// Where cards are published, relative to the site root.
pub const CARDS_DIR: &str = "cards";

#[derive(Debug, Serialize)]
pub struct StepCard<'a> {
    pub title: &'a str,
    pub purpose: Option<&'a str>,
    pub facts: Vec<Fact>,
    pub steps_html: &'a str,
    pub stop_if_html: &'a str,
    pub contraindications: Vec<&'a str>,
    /// Each condition the technique is done differently for, and how.
    pub adapt: Vec<CardAdvice<'a>>,
    /// Each condition whose readers ask first, and whom.
    pub ask_first: Vec<CardAdvice<'a>>,
    pub emergency_heading: &'a str,
    pub emergency_signs: Vec<&'a str>,
    /// The technique's pictures, addressed from cards/.
    pub pictures: Vec<super::views::PictureView<'a>>,
    /// Where the pictures go: `front` (also on a one-sided card) or `back`.
    pub pictures_side: &'static str,
    pub reviewed: Option<DateView>,
    pub next_review: Option<DateView>,
    /// The online page without its scheme, e.g. `owner.github.io/guide/techniques/x.html`.
    pub short_url: Option<String>,
    pub qr_svg: Option<String>,
    /// The card's own file name inside cards/.
    pub file: String,
    /// The technique page, relative to cards/.
    pub page_href: String,
    pub two_sided: bool,
    /// Body text size in points (smaller than the size's normal text only when needed to fit).
    pub font_pt: f64,
    /// The sides to print: `whole`, or `front` and `back`.
    pub sides: Vec<&'static str>,
}

/// A condition's name on a card, and how to do the technique (or whom to ask first).
#[derive(Debug, Serialize)]
pub struct CardAdvice<'a> {
    pub name: &'a str,
    pub advice: &'a str,
}

impl<'a> From<&(&'a str, &'a str)> for CardAdvice<'a> {
    fn from(&(name, advice): &(&'a str, &'a str)) -> Self {
        CardAdvice { name, advice }
    }
}

#[derive(Debug, Serialize)]
struct Paper {
    name: &'static str,
    width_mm: f64,
    height_mm: f64,
    font_pt: f64,
    padding_mm: f64,
}

/// One side of a card in a sheet cell.
#[derive(Debug, Serialize)]
struct Cell {
    card: usize,
    side: &'static str,
}

/// The card file name of a technique page: its file stem, or its whole path when stems clash.
pub fn card_file(guide: &Guide, page: PageId) -> String {
    let url = &guide.pages[page].url;
    let stem = url.rsplit('/').next().unwrap_or(url);
    let clashes = guide
        .techniques()
        .filter(|&p| guide.pages[p].url.rsplit('/').next() == Some(stem))
        .count()
        > 1;
    if clashes {
        url.replace('/', "-")
    } else {
        stem.to_string()
    }
}

/// A technique's card: its page's parts, laid out to fit.
fn card<'a>(ctx: &SiteContext<'a>, page: PageId, parts: &'a CardParts) -> StepCard<'a> {
    let guide = ctx.guide;
    let p = &guide.pages[page];
    let online = ctx.site_url.as_ref().map(|u| format!("{u}{}", p.url));
    let text = CardText::of(guide, page, parts, &ctx.config.safety.headings.emergency);
    let (font_pt, estimate) = crate::card_fit::laid_out(&ctx.config.cards, &text);
    let two_sided = estimate.fit() != Fit::OneSide;
    StepCard {
        title: &p.title,
        purpose: p.front.summary.as_deref(),
        facts: p.facts(),
        steps_html: parts.steps_html.as_deref().unwrap_or(""),
        stop_if_html: parts.stop_if_html.as_deref().unwrap_or(""),
        contraindications: text.conditions,
        adapt: text.adapt.iter().map(CardAdvice::from).collect(),
        ask_first: text.ask_first.iter().map(CardAdvice::from).collect(),
        emergency_heading: text.emergency_heading,
        emergency_signs: text.signs,
        pictures: super::views::PictureView::of(p, "../"),
        pictures_side: match two_sided && estimate.pictures_on_back() {
            true => "back",
            false => "front",
        },
        reviewed: p.front.reviewed.map(DateView::from),
        next_review: p.front.next_review.map(DateView::from),
        short_url: online.as_ref().map(|u| {
            u.trim_start_matches("https://")
                .trim_start_matches("http://")
                .to_string()
        }),
        qr_svg: online.as_deref().and_then(qr::svg_for),
        file: format!("{}.html", card_file(guide, page).trim_end_matches(".html")),
        page_href: format!("../{}", p.url),
        two_sided,
        font_pt,
        sides: if two_sided {
            vec!["front", "back"]
        } else {
            vec!["whole"]
        },
    }
}

/// Every card file: one per technique, all cards, sheets, and the index. `parts` holds each
/// page's card parts, by page index.
pub fn files(
    ctx: &SiteContext<'_>,
    parts: &PerPage<CardParts>,
) -> Result<Vec<OutputFile>, Diagnostic> {
    let cards_config = &ctx.config.cards;
    let pages: Vec<PageId> = ctx.guide.techniques().collect();
    if !cards_config.enable || pages.is_empty() {
        return Ok(Vec::new());
    }
    let layout = cards_config
        .layout()
        .map_err(|why| Diagnostic::error(Code::Config, format!("[cards] {why}")))?;
    let cards: Vec<StepCard<'_>> = pages.iter().map(|&p| card(ctx, p, &parts[p])).collect();
    let (w, h) = cards_config.size.mm();
    let m = Metrics::for_size(cards_config.size);
    let paper = Paper {
        name: cards_config.size.name(),
        width_mm: w,
        height_mm: h,
        font_pt: m.body_pt,
        padding_mm: m.padding_mm,
    };
    let mut files = Vec::new();
    for c in &cards {
        let mut context = context(ctx, &paper);
        context.insert("card", c);
        files.push(OutputFile::new(
            format!("{CARDS_DIR}/{}", c.file),
            render(ctx, "card.html", &context)?.into_bytes(),
        ));
    }
    let mut context = context(ctx, &paper);
    context.insert("cards", &cards);
    files.push(OutputFile::new(
        format!("{CARDS_DIR}/all.html"),
        render(ctx, "cards-all.html", &context)?.into_bytes(),
    ));
    context.insert("sheets", &sheets(&cards, layout));
    context.insert("layout", &layout_view(cards_config, layout));
    files.push(OutputFile::new(
        format!("{CARDS_DIR}/sheet.html"),
        render(ctx, "cards-sheet.html", &context)?.into_bytes(),
    ));
    files.push(index(ctx, &cards, &paper)?);
    Ok(files)
}

fn context(ctx: &SiteContext<'_>, paper: &Paper) -> tera::Context {
    let mut context = tera::Context::new();
    context.insert(
        "site",
        &super::site_view(ctx, links_root_prefix(&format!("{CARDS_DIR}/x.html"))),
    );
    context.insert("paper", paper);
    context
}

fn render(
    ctx: &SiteContext<'_>,
    template: &str,
    context: &tera::Context,
) -> Result<String, Diagnostic> {
    ctx.theme
        .tera
        .render(template, context)
        .map_err(|e| Diagnostic::error(Code::Template, format!("template {template} failed: {e}")))
}

#[derive(Debug, Serialize)]
struct LayoutView {
    columns: u8,
    rows: u8,
    sheet_name: &'static str,
    sheet_width_mm: f64,
    sheet_height_mm: f64,
}

fn layout_view(cards: &CardsConfig, layout: SheetLayout) -> LayoutView {
    let (w, h) = cards.sheet.mm();
    let (sheet_width_mm, sheet_height_mm) = if layout.landscape { (h, w) } else { (w, h) };
    LayoutView {
        columns: layout.columns,
        rows: layout.rows,
        sheet_name: cards.sheet.name(),
        sheet_width_mm,
        sheet_height_mm,
    }
}

/// Cells in reading order, grouped per sheet. A two-sided card takes two neighbouring cells
/// (front, then back), so it can be cut out and folded.
fn sheets(cards: &[StepCard<'_>], layout: SheetLayout) -> Vec<Vec<Cell>> {
    let per_sheet = usize::from(layout.columns) * usize::from(layout.rows);
    let cells: Vec<Cell> = cards
        .iter()
        .enumerate()
        .flat_map(|(i, c)| {
            if c.two_sided {
                vec![
                    Cell {
                        card: i,
                        side: "front",
                    },
                    Cell {
                        card: i,
                        side: "back",
                    },
                ]
            } else {
                vec![Cell {
                    card: i,
                    side: "whole",
                }]
            }
        })
        .collect();
    let mut sheets: Vec<Vec<Cell>> = Vec::new();
    for cell in cells {
        match sheets.last_mut() {
            Some(sheet) if sheet.len() < per_sheet => sheet.push(cell),
            _ => sheets.push(vec![cell]),
        }
    }
    sheets
}

/// The number of sheets a layout needs for these cards.
pub fn sheet_count(two_sided: &[bool], layout: SheetLayout) -> usize {
    let cells: usize = two_sided.iter().map(|&t| if t { 2 } else { 1 }).sum();
    cells.div_ceil(usize::from(layout.columns) * usize::from(layout.rows))
}

fn index(
    ctx: &SiteContext<'_>,
    cards: &[StepCard<'_>],
    paper: &Paper,
) -> Result<OutputFile, Diagnostic> {
    let root = links_root_prefix(&format!("{CARDS_DIR}/index.html"));
    let mut context = context(ctx, paper);
    context.insert("cards", cards);
    context.insert("nav", &nav::menu_without_current(ctx.guide, &root));
    let home: Vec<LinkView<'_>> = ctx
        .guide
        .home()
        .map(|h| nav::link(ctx.guide, h, &root))
        .into_iter()
        .collect();
    context.insert("breadcrumbs", &home);
    let html = render(ctx, "cards-index.html", &context)?;
    Ok(OutputFile::new(
        format!("{CARDS_DIR}/index.html"),
        html.into_bytes(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_sided_cards_take_two_cells() {
        let layout = SheetLayout {
            columns: 2,
            rows: 2,
            landscape: false,
        };
        assert_eq!(sheet_count(&[false, false, false, false, false], layout), 2);
        assert_eq!(sheet_count(&[true, true, false], layout), 2);
        assert_eq!(sheet_count(&[true, true], layout), 1);
    }
}
