//! Printable step cards, one per technique, made from the technique page itself (steps, stop-if
//! callout, contraindications) and the registry (emergency signs): never retyped. Also the card
//! index, one file with every card, and sheets of several cards with cut lines.

pub mod fit;
mod qr;

use super::views::{DateView, Fact, LinkView};
use super::{SiteContext, facts, nav};
use crate::config::{CardsConfig, SheetLayout};
use crate::content::registry::CareLevel;
use crate::content::{Guide, PageKind};
use crate::diagnostics::Diagnostic;
use crate::markdown::{Rendered, links_root_prefix};
use crate::output::OutputFile;
use fit::{Estimate, Fit, Metrics};
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
    pub emergency_heading: &'a str,
    pub emergency_signs: Vec<&'a str>,
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

/// The technique pages that get a card, in reading order.
pub fn techniques(guide: &Guide) -> Vec<usize> {
    guide
        .reading_order
        .iter()
        .copied()
        .filter(|&p| guide.pages[p].kind() == PageKind::Technique)
        .collect()
}

/// The card file name of a technique page: its file stem, or its whole path when stems clash.
pub fn card_file(guide: &Guide, page: usize) -> String {
    let url = &guide.pages[page].url;
    let stem = url.rsplit('/').next().unwrap_or(url);
    let clashes = techniques(guide)
        .into_iter()
        .filter(|&p| guide.pages[p].url.rsplit('/').next() == Some(stem))
        .count()
        > 1;
    if clashes {
        url.replace('/', "-")
    } else {
        stem.to_string()
    }
}

/// How a technique's card is laid out: the text size and whether it needs two sides. The text
/// steps down from the card size's normal size (at most three half-points) before a card is
/// made two-sided; `Fit::Overflow` means even the smallest size on two sides is too tall.
pub fn layout(
    cards: &CardsConfig,
    emergency_heading: &str,
    guide: &Guide,
    page: usize,
    rendered: &Rendered,
) -> (f64, Fit) {
    let base = Metrics::for_size(cards.size);
    let sizes = [0.0, 0.5, 1.0].map(|less| Metrics {
        body_pt: base.body_pt - less,
        ..base
    });
    for sides in [Fit::OneSide, Fit::TwoSides] {
        for m in &sizes {
            let fit = estimate(cards, emergency_heading, guide, page, rendered, m).fit();
            if fit == sides {
                return (m.body_pt, fit);
            }
        }
    }
    let smallest = sizes[sizes.len() - 1];
    (
        smallest.body_pt,
        estimate(cards, emergency_heading, guide, page, rendered, &smallest).fit(),
    )
}

/// Estimate how a technique's card fits its paper at the text size of `m`.
pub fn estimate(
    cards: &CardsConfig,
    emergency_heading: &str,
    guide: &Guide,
    page: usize,
    rendered: &Rendered,
    m: &Metrics,
) -> Estimate {
    let (w, h) = cards.size.mm();
    let width = w - 2.0 * m.padding_mm;
    let p = &guide.pages[page];
    // The card's blocks are spaced by a flex gap of 1.6 mm: 3 on the front, 4 on the back.
    let gaps = 1.6;
    let mut front = m.block("STEP CARD", 0.8, width, 0.0) + m.block(&p.title, 1.45, width, 0.5);
    front += m.block(p.front.summary.as_deref().unwrap_or(""), 1.0, width, 0.5) + 3.0 * gaps;
    let facts: Vec<String> = facts(p)
        .into_iter()
        .map(|f| format!("{}: {}", f.label, f.value))
        .collect();
    let half = width / 2.0 - 1.5;
    front += facts
        .chunks(2)
        .map(|row| {
            row.iter()
                .map(|f| m.block(f, 0.9, half, 0.4))
                .fold(0.0, f64::max)
        })
        .sum::<f64>()
        + 2.0;
    front += m.block("Steps", 1.1, width, 1.0);
    for step in list_items(rendered.steps_html.as_deref().unwrap_or("")) {
        front += m.block(&step, 1.0, width - 8.0, 1.4);
    }
    let mut back = m.block("Stop if", 1.1, width, 1.0) + 4.0 * gaps;
    for item in list_items(rendered.stop_if_html.as_deref().unwrap_or("")) {
        back += m.block(&item, 1.0, width - 5.0, 0.6);
    }
    let names: Vec<&str> = conditions(guide, page);
    back += m.block(
        &format!("Do not do this if you have: {}", names.join(", ")),
        0.95,
        width,
        2.0,
    );
    let signs: Vec<&str> = guide
        .registry
        .registry
        .flags_of(CareLevel::Emergency)
        .map(|f| f.sign.as_str())
        .collect();
    back += m.block(
        &format!("{emergency_heading} {}", signs.join("; ")),
        0.85,
        width - 4.0,
        3.0,
    );
    back += 18.0;
    let turn_over_mm = m.block(
        "Turn over: when to stop, and who should not do this.",
        0.9,
        width,
        1.6,
    );
    Estimate {
        front_mm: front,
        back_mm: back,
        turn_over_mm,
        available_mm: h - 2.0 * m.padding_mm,
    }
}

fn conditions(guide: &Guide, page: usize) -> Vec<&str> {
    let registry = &guide.registry.registry;
    guide.pages[page]
        .front
        .contraindications
        .iter()
        .flatten()
        .map(|id| {
            registry
                .condition(id)
                .map(|c| c.name.as_str())
                .unwrap_or(id)
        })
        .collect()
}

/// The plain text of each top-level `<li>` in a fragment of HTML.
fn list_items(html: &str) -> Vec<String> {
    html.split("<li")
        .skip(1)
        .map(|item| strip_tags(&format!("<li{item}")))
        .filter(|t| !t.trim().is_empty())
        .collect()
}

fn strip_tags(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

/// A card's content, or why it cannot be made.
fn card<'a>(ctx: &SiteContext<'a>, rendered: &'a [Rendered], page: usize) -> StepCard<'a> {
    let guide = ctx.guide;
    let p = &guide.pages[page];
    let rendered = &rendered[page];
    let online = ctx.site_url.as_ref().map(|u| format!("{u}{}", p.url));
    let heading = &ctx.config.safety.headings.emergency;
    let (font_pt, fit) = layout(&ctx.config.cards, heading, guide, page, rendered);
    let two_sided = fit != Fit::OneSide;
    StepCard {
        title: &p.title,
        purpose: p.front.summary.as_deref(),
        facts: facts(p),
        steps_html: rendered.steps_html.as_deref().unwrap_or(""),
        stop_if_html: rendered.stop_if_html.as_deref().unwrap_or(""),
        contraindications: conditions(guide, page),
        emergency_heading: &ctx.config.safety.headings.emergency,
        emergency_signs: guide
            .registry
            .registry
            .flags_of(CareLevel::Emergency)
            .map(|f| f.sign.as_str())
            .collect(),
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

/// Every card file: one per technique, all cards, sheets, and the index.
pub fn files(ctx: &SiteContext<'_>, rendered: &[Rendered]) -> Result<Vec<OutputFile>, Diagnostic> {
    let cards_config = &ctx.config.cards;
    let pages = techniques(ctx.guide);
    if !cards_config.enable || pages.is_empty() {
        return Ok(Vec::new());
    }
    let layout = cards_config
        .layout()
        .map_err(|why| Diagnostic::error("config", format!("[cards] {why}")))?;
    let cards: Vec<StepCard<'_>> = pages.iter().map(|&p| card(ctx, rendered, p)).collect();
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
        .map_err(|e| Diagnostic::error("template", format!("template {template} failed: {e}")))
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
    fn list_items_are_plain_text() {
        let items = list_items(
            "<ol class=\"steps\">\n<li>Sit <strong>tall</strong>.</li>\n<li>Turn.</li>\n</ol>",
        );
        assert_eq!(items, ["Sit tall.\n", "Turn.\n"]);
    }

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
