//! Typed, borrow-only views that templates receive. Templates never see the model itself.

use crate::content::{Date, Fact, SourceRef};
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct SiteView<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub language: &'a str,
    /// The guide's authors, joined for the author meta tag.
    pub authors: String,
    /// Relative path from the current page to the site root (`""`, `"../"`), or the absolute
    /// base path on pages served from any address (404).
    pub root: String,
    pub generator: &'static str,
    /// Include the live-reload script of `carebook serve`.
    pub live_reload: bool,
    /// The guide has a print handout (`[print] enable`).
    pub print: bool,
    /// The guide has step cards (`[cards] enable`, and at least one technique).
    pub cards: bool,
    /// The header's link to the help page's emergency card (`[safety] help-link`).
    pub help: Option<LinkView<'a>>,
    /// The footer's link to the about page.
    pub about: Option<LinkView<'a>>,
}

#[derive(Debug, Serialize)]
pub struct LinkView<'a> {
    pub title: &'a str,
    pub href: String,
}

/// A picture as a page, card or handout shows it: its address from there, alt text, caption.
#[derive(Debug, Serialize)]
pub struct PictureView<'a> {
    pub src: String,
    pub alt: &'a str,
    pub caption: Option<&'a str>,
}

impl<'a> PictureView<'a> {
    /// The pictures of `page`, addressed from a file whose way to the site root is `root`.
    pub fn of(page: &'a crate::content::Page, root: &str) -> Vec<PictureView<'a>> {
        page.pictures()
            .into_iter()
            .map(|(file, p)| PictureView {
                src: format!("{root}{file}"),
                alt: p.alt.trim(),
                caption: p
                    .caption
                    .as_deref()
                    .map(str::trim)
                    .filter(|c| !c.is_empty()),
            })
            .collect()
    }
}

/// A condition a technique is adapted for, or asked about first: its link, and how (or whom).
#[derive(Debug, Serialize)]
pub struct AdviceView<'a> {
    pub title: &'a str,
    pub href: String,
    pub advice: &'a str,
}

#[derive(Debug, Serialize)]
pub struct NavItem<'a> {
    /// The page's title; for the link that stands for a long section's hidden entries, the
    /// section's title (with `more` set).
    pub title: &'a str,
    /// On the link to a long section's page that stands for its hidden entries: how many
    /// entries the section has.
    pub more: Option<usize>,
    pub href: String,
    pub current: bool,
    /// The current page is this item or inside it (sections are expanded then).
    pub open: bool,
    pub children: Vec<NavItem<'a>>,
}

#[derive(Debug, Serialize)]
pub struct TocItem<'a> {
    pub title: &'a str,
    pub id: &'a str,
    pub children: Vec<TocItem<'a>>,
}

#[derive(Debug, Serialize)]
pub struct DateView {
    pub iso: String,
    pub long: String,
}

impl From<Date> for DateView {
    fn from(d: Date) -> Self {
        DateView {
            iso: d.iso(),
            long: d.long(),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct CardView<'a> {
    pub title: &'a str,
    pub summary: Option<&'a str>,
    pub href: String,
    pub facts: Vec<Fact>,
}

#[derive(Debug, Serialize)]
pub struct PageView<'a> {
    pub title: &'a str,
    pub summary: Option<&'a str>,
    pub kind: &'static str,
    /// `home`, `section` or `page`: which template family rendered it.
    pub layout: &'static str,
    pub body: &'a str,
    pub canonical: Option<String>,
    pub toc: Vec<TocItem<'a>>,
    pub breadcrumbs: Vec<LinkView<'a>>,
    pub facts: Vec<Fact>,
    /// The conditions whose readers must not do the technique.
    pub contraindications: Vec<LinkView<'a>>,
    /// Those who can do it another way, and how.
    pub adapt: Vec<AdviceView<'a>>,
    /// Those who should ask someone first, and whom.
    pub ask_first: Vec<AdviceView<'a>>,
    pub related: Vec<LinkView<'a>>,
    pub backlinks: Vec<LinkView<'a>>,
    /// The page's own sources, then those of registry entries placed on it (no repeats).
    pub sources: Vec<&'a SourceRef>,
    pub reviewed: Option<DateView>,
    pub next_review: Option<DateView>,
    pub prev: Option<LinkView<'a>>,
    pub next: Option<LinkView<'a>>,
    pub children: Vec<CardView<'a>>,
    /// The printable step card of a technique page.
    pub card_href: Option<String>,
    /// On a technique page: the registry's emergency signs in an emergency care card (HTML,
    /// from the theme's `callout.html`), with a link to the help page.
    pub emergency_card: Option<String>,
    /// On the help page: who signed off the red flags and safety settings, and when.
    pub sign_off: Option<SignOffView<'a>>,
    pub pictures: Vec<PictureView<'a>>,
    /// How sure the page's advice is (front matter `certainty`), linked to what it means.
    pub certainty: Option<LinkView<'a>>,
}

#[derive(Debug, Serialize)]
pub struct SignOffView<'a> {
    pub reviewer: &'a str,
    pub date: DateView,
}
