//! The about page (`about.html`), from book.toml's `[about]`: who wrote the guide, how it was
//! made and checked, what its certainty labels mean, who pays, how to give feedback, and how
//! to ask for another format. Nothing on it is invented: a guide no health professional has
//! reviewed says so, and the safety sign-off is shown as `safety.lock` records it.

use super::views::{DateView, LinkView, SignOffView};
use super::{SiteContext, nav};
use crate::codes::Code;
use crate::config::{AboutConfig, Certainty, Contributor};
use crate::content::{Date, Guide};
use crate::diagnostics::Diagnostic;
use crate::output::OutputFile;
use serde::Serialize;

pub const ABOUT_FILE: &str = "about.html";
/// The about page's list of certainty labels, which each page's label links to.
pub const CERTAINTY_ID: &str = "certainty";

/// What the about page and the handout's cover say about the guide.
#[derive(Debug, Serialize)]
pub struct AboutView<'a> {
    title: &'a str,
    authors: Vec<&'a Contributor>,
    reviewers: Vec<ReviewerView<'a>>,
    sign_off: Option<SignOffView<'a>>,
    reviews: Option<Reviews>,
    process: Vec<&'a str>,
    involvement: Vec<&'a str>,
    conflicts: Vec<&'a str>,
    funding: Vec<&'a str>,
    certainty: &'a [Certainty],
    feedback: Option<Contact<'a>>,
    formats: Option<Contact<'a>>,
}

#[derive(Debug, Serialize)]
struct ReviewerView<'a> {
    name: &'a str,
    role: &'a str,
    date: Option<DateView>,
}

/// When the pages were reviewed: the oldest and newest review, and the next one due.
#[derive(Debug, Serialize)]
struct Reviews {
    oldest: DateView,
    newest: DateView,
    next: Option<DateView>,
}

/// An address readers can follow, as shown to them (an email address without `mailto:`).
#[derive(Debug, Serialize)]
struct Contact<'a> {
    href: &'a str,
    text: &'a str,
}

impl<'a> Contact<'a> {
    fn of(address: &'a str) -> Option<Self> {
        let href = address.trim();
        (!href.is_empty()).then(|| Contact {
            href,
            text: href.strip_prefix("mailto:").unwrap_or(href),
        })
    }
}

/// The about page's link, for every page's footer: `None` without a title to show.
pub fn link<'a>(about: &'a AboutConfig, root: &str) -> Option<LinkView<'a>> {
    let title = about.title.trim();
    (!title.is_empty()).then(|| LinkView {
        title,
        href: format!("{root}{ABOUT_FILE}"),
    })
}

pub fn view<'a>(ctx: &SiteContext<'a>) -> AboutView<'a> {
    let about = &ctx.config.about;
    AboutView {
        title: &about.title,
        authors: about.authors.iter().collect(),
        reviewers: about.reviewers.iter().map(reviewer).collect(),
        sign_off: ctx.guide.sign_off.as_ref().and_then(|s| {
            Some(SignOffView {
                reviewer: &s.reviewer,
                date: s.date()?.into(),
            })
        }),
        reviews: reviews(ctx.guide),
        process: paragraphs(&about.process),
        involvement: paragraphs(&about.involvement),
        conflicts: paragraphs(&about.conflicts),
        funding: paragraphs(&about.funding),
        certainty: &about.certainty,
        feedback: Contact::of(&about.feedback),
        formats: Contact::of(about.formats_address()),
    }
}

pub fn file(ctx: &SiteContext<'_>) -> Result<OutputFile, Diagnostic> {
    let view = view(ctx);
    let mut context = tera::Context::new();
    context.insert("site", &super::site_view(ctx, String::new()));
    context.insert("nav", &nav::menu_without_current(ctx.guide, ""));
    let home: Vec<LinkView<'_>> = (ctx.guide.home().map(|h| nav::link(ctx.guide, h, "")))
        .into_iter()
        .collect();
    context.insert("breadcrumbs", &home);
    context.insert("about", &view);
    let html = ctx.theme.tera.render(ABOUT_FILE, &context).map_err(|e| {
        Diagnostic::error(Code::Template, format!("template {ABOUT_FILE} failed: {e}"))
    })?;
    Ok(OutputFile::new(ABOUT_FILE, html.into_bytes()))
}

fn reviewer(r: &crate::config::Reviewer) -> ReviewerView<'_> {
    ReviewerView {
        name: &r.name,
        role: &r.role,
        date: Date::parse(&r.date).ok().map(DateView::from),
    }
}

/// The pages' review dates, oldest and newest, and the soonest next review.
fn reviews(guide: &Guide) -> Option<Reviews> {
    let pages = || guide.pages.iter().filter(|p| !p.generated);
    let reviewed = || pages().filter_map(|p| p.front.reviewed);
    Some(Reviews {
        oldest: reviewed().min()?.into(),
        newest: reviewed().max()?.into(),
        next: pages()
            .filter_map(|p| p.front.next_review)
            .min()
            .map(DateView::from),
    })
}

/// A text setting's paragraphs, split at blank lines.
fn paragraphs(text: &str) -> Vec<&str> {
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_split_at_blank_lines() {
        assert_eq!(
            paragraphs("  One.\n\nTwo\nlines.\n\n\n"),
            ["One.", "Two\nlines."]
        );
        assert!(paragraphs(" \n ").is_empty());
    }

    #[test]
    fn email_addresses_are_shown_without_mailto() {
        let c = Contact::of(" mailto:a@b.org ").unwrap();
        assert_eq!((c.href, c.text), ("mailto:a@b.org", "a@b.org"));
        assert!(Contact::of("").is_none());
    }
}
