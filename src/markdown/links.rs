//! Links: contributors link to source files (`../when-to-avoid.md#osteoporosis`), so links also
//! work in GitHub's preview. This pass rewrites them to output URLs, records every internal link
//! for the anchor check, and gives external links `rel="noopener"`.

use super::{Draft, Events, RenderContext, escape, locate, scheme};
use crate::codes::Code;
use crate::content::{Guide, PageId};
use crate::diagnostics::{Diagnostic, Location, did_you_mean};
use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};
use std::ops::Range;

/// Where an internal link points, checked once every page is rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget {
    /// Another page (by index), maybe with a fragment.
    Page {
        page: PageId,
        fragment: Option<String>,
    },
    /// A fragment of the page the link is on.
    SamePage { fragment: String },
}

#[derive(Debug, Clone)]
pub struct LinkRecord {
    pub target: LinkTarget,
    /// Byte range of the destination (or of the whole link) in the page body.
    pub range: Range<usize>,
}

impl LinkRecord {
    pub fn location(&self, page: &crate::content::Page) -> Location {
        locate(page, &self.range)
    }
}

enum Dest<'d> {
    External,
    /// A scheme that is not allowed, such as `javascript:`.
    Refused(String),
    /// An absolute address that cannot be read, and why.
    Malformed(String),
    Fragment(&'d str),
    Page(&'d str, Option<&'d str>),
    Asset(&'d str),
}

fn classify(dest: &str) -> Dest<'_> {
    match scheme::kind(dest) {
        scheme::Kind::External => return Dest::External,
        scheme::Kind::Refused(name) => return Dest::Refused(name),
        scheme::Kind::Malformed(why) => return Dest::Malformed(why),
        scheme::Kind::Relative => {}
    }
    if let Some(fragment) = dest.strip_prefix('#') {
        return Dest::Fragment(fragment);
    }
    let (path, fragment) = match dest.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (dest, None),
    };
    if path.ends_with(".md") {
        Dest::Page(path, fragment)
    } else {
        Dest::Asset(path)
    }
}

/// `../` repeated once per folder level of an output URL, so links work from any base path.
pub fn root_prefix(url: &str) -> String {
    "../".repeat(url.matches('/').count())
}

pub(super) fn apply<'a>(
    events: Events<'a>,
    ctx: &RenderContext<'_>,
    out: &mut Draft,
) -> Events<'a> {
    let prefix = root_prefix(&ctx.page.url);
    out.diagnostics.extend(missing_alt(&events, ctx));
    events
        .into_iter()
        .map(|(event, range)| match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                ..
            }) => {
                let href = rewrite(&dest_url, ctx, &range, &prefix, out);
                let open = match href {
                    Some(href) => anchor_open(link_type, &dest_url, &href, &title),
                    // A refused address never reaches the page: the text stays, unlinked.
                    None => "<a>".to_string(),
                };
                (Event::Html(open.into()), range)
            }
            Event::End(TagEnd::Link) => (Event::Html(CowStr::Borrowed("</a>")), range),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let src = rewrite(&dest_url, ctx, &range, &prefix, out).unwrap_or_default();
                (
                    Event::Start(Tag::Image {
                        link_type,
                        dest_url: src.into(),
                        title,
                        id,
                    }),
                    range,
                )
            }
            other => (other, range),
        })
        .collect()
}

/// Every image with no alt text: readers who cannot see it, and screen readers, get nothing
/// (WCAG 1.1.1). The alt text is the text between an image's brackets.
fn missing_alt(events: &Events<'_>, ctx: &RenderContext<'_>) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let mut open: Option<(&Range<usize>, bool)> = None;
    for (event, range) in events {
        match (event, &mut open) {
            (Event::Start(Tag::Image { .. }), _) => open = Some((range, false)),
            (Event::Text(t) | Event::Code(t), Some((_, said))) if !t.trim().is_empty() => {
                *said = true
            }
            (Event::End(TagEnd::Image), Some((at, said))) => {
                if !*said {
                    problems.push(no_alt(ctx, at));
                }
                open = None;
            }
            _ => {}
        }
    }
    problems
}

/// An image at `at` has no alt text (a Markdown image, or an `<img>` in raw HTML).
pub(super) fn no_alt(ctx: &RenderContext<'_>, at: &Range<usize>) -> Diagnostic {
    Diagnostic::error(Code::MissingAlt, "this image has no alt text")
        .at(locate(ctx.page, at))
        .help("say what the picture shows, between a Markdown image's brackets or in an <img>'s alt, e.g. `![Kneeling on all fours, back flat](kneel.svg)`: readers who cannot see it get nothing otherwise")
}

fn anchor_open(link_type: LinkType, dest: &str, href: &str, title: &str) -> String {
    let href = if link_type == LinkType::Email {
        format!("mailto:{href}")
    } else {
        href.to_string()
    };
    let title = if title.is_empty() {
        String::new()
    } else {
        format!(" title=\"{}\"", escape(title))
    };
    let rel = if matches!(classify(dest), Dest::External) {
        " rel=\"noopener\""
    } else {
        ""
    };
    format!("<a href=\"{}\"{title}{rel}>", escape(&href))
}

/// The output URL for a link, recording internal targets and reporting broken ones; `None`
/// for an address that must not reach the page.
fn rewrite(
    dest: &str,
    ctx: &RenderContext<'_>,
    range: &Range<usize>,
    prefix: &str,
    out: &mut Draft,
) -> Option<String> {
    let location = || locate(ctx.page, &dest_range(ctx, range, dest));
    Some(match classify(dest) {
        Dest::External => dest.to_string(),
        Dest::Refused(name) => {
            out.diagnostics.push(refused(dest, &name, location()));
            return None;
        }
        Dest::Malformed(why) => {
            out.diagnostics.push(malformed(dest, &why, location()));
            return None;
        }
        Dest::Fragment(fragment) => {
            let target = LinkTarget::SamePage {
                fragment: fragment.to_string(),
            };
            out.facts.links.push(LinkRecord {
                target,
                range: dest_range(ctx, range, dest),
            });
            match ctx.print {
                Some(print) => print.href(ctx.page_index(), Some(fragment)),
                None => dest.to_string(),
            }
        }
        Dest::Page(path, fragment) => {
            let resolved = crate::content::resolve_relative(&ctx.page.rel_path, path);
            let Some(page) = resolved.as_deref().and_then(|p| ctx.guide.page_by_path(p)) else {
                if !resolved.is_some_and(|p| ctx.guide.unreadable.contains(&p)) {
                    let broken = out
                        .diagnostics
                        .iter()
                        .filter(|d| d.code == Code::BrokenLink);
                    let suggest = broken.take(SUGGESTIONS).count() < SUGGESTIONS;
                    out.diagnostics
                        .push(broken_page(ctx, path, location(), suggest));
                }
                return Some(dest.to_string());
            };
            let target = LinkTarget::Page {
                page,
                fragment: fragment.map(str::to_string),
            };
            out.facts.links.push(LinkRecord {
                target,
                range: dest_range(ctx, range, dest),
            });
            if let Some(print) = ctx.print {
                return Some(print.href(page, fragment));
            }
            let url = &ctx.guide.pages[page].url;
            match fragment {
                Some(f) => format!("{prefix}{url}#{f}"),
                None => format!("{prefix}{url}"),
            }
        }
        Dest::Asset(path) => {
            let resolved = crate::content::resolve_relative(&ctx.page.rel_path, path);
            let exists = resolved.as_deref().is_some_and(|p| ctx.guide.has_asset(p));
            let reported = resolved
                .as_ref()
                .is_some_and(|p| ctx.guide.unreadable.contains(p));
            if !exists && !reported {
                out.diagnostics.push(broken_asset(path, location()));
            }
            match (ctx.print, resolved) {
                // The handout sits at the site root, so assets are addressed from there.
                (Some(_), Some(from_root)) if exists => from_root,
                _ => dest.to_string(),
            }
        }
    })
}

fn refused(dest: &str, scheme: &str, location: Location) -> Diagnostic {
    let allowed = scheme::ALLOWED.map(|s| format!("{s}:")).join(", ");
    Diagnostic::error(
        Code::UnsafeLink,
        format!("the link `{}` uses the `{scheme}:` scheme, which could run code or hide what it opens", shown(dest)),
    )
    .at(location)
    .help(format!("link only to web pages, e-mail addresses, phone numbers ({allowed}) or files of the guide by their relative path; put pictures in the content folder and link to them"))
}

fn malformed(dest: &str, why: &str, location: Location) -> Diagnostic {
    Diagnostic::error(
        Code::BrokenLink,
        format!("the web address `{}` cannot be read ({why})", shown(dest)),
    )
    .at(location)
    .help("write the full address as a browser shows it, e.g. `https://www.example.org/a-page/`")
}

/// A link destination as it can be shown in one line: at most 80 characters, escaped.
fn shown(dest: &str) -> String {
    let mut text: String = dest
        .chars()
        .take(80)
        .collect::<String>()
        .escape_debug()
        .to_string();
    if dest.chars().count() > 80 {
        text.push('…');
    }
    text
}

/// The link's destination inside `[text](dest)` when it can be found there, else the link.
fn dest_range(ctx: &RenderContext<'_>, range: &Range<usize>, dest: &str) -> Range<usize> {
    let body = ctx.page.body();
    let span = body.get(range.clone()).unwrap_or("");
    match span.find(dest).filter(|_| !dest.is_empty()) {
        Some(at) => range.start + at..range.start + at + dest.len(),
        None => range.clone(),
    }
}

/// Broken links on one page that get a "did you mean": each looks through every page, and a
/// page with thousands of broken links needs no more suggestions than this.
const SUGGESTIONS: usize = 20;

fn broken_page(
    ctx: &RenderContext<'_>,
    path: &str,
    location: Location,
    suggest: bool,
) -> Diagnostic {
    let nearest = suggest
        .then(|| nearest_page(ctx.guide, &ctx.page.rel_path, path))
        .flatten();
    let help = match nearest {
        Some(best) => {
            format!("did you mean `{best}`? Links are paths to .md files, relative to this file")
        }
        None => {
            "links are paths to .md files, relative to this file, e.g. `../when-to-get-help.md`"
                .into()
        }
    };
    Diagnostic::error(
        Code::BrokenLink,
        format!("the link target `{path}` does not exist"),
    )
    .at(location)
    .help(help)
}

fn broken_asset(path: &str, location: Location) -> Diagnostic {
    Diagnostic::error(Code::BrokenLink, format!("the link target `{path}` does not exist"))
        .at(location)
        .help("link to another page's .md file, or put the file in the content folder and link to it by its relative path")
}

/// The page path, relative to `from`, whose file name is closest to the broken `path`.
fn nearest_page(guide: &Guide, from: &str, path: &str) -> Option<String> {
    let wanted = path.rsplit('/').next().unwrap_or(path);
    let names: Vec<&str> = guide
        .pages
        .iter()
        .map(|p| p.rel_path.rsplit('/').next().unwrap_or(&p.rel_path))
        .collect();
    let best = did_you_mean(wanted, names.iter().copied())?;
    let target = guide.pages.iter().find(|p| p.rel_path.ends_with(best))?;
    Some(relative_source_path(from, &target.rel_path))
}

/// The relative path from the folder of source file `from` to source file `to`.
pub fn relative_source_path(from: &str, to: &str) -> String {
    let from_dirs: Vec<&str> = from
        .split('/')
        .collect::<Vec<_>>()
        .split_last()
        .map(|(_, d)| d.to_vec())
        .unwrap_or_default();
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dirs
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let ups = "../".repeat(from_dirs.len() - common);
    format!("{ups}{}", to_parts[common..].join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn destinations_are_classified() {
        assert!(matches!(classify("https://nhs.uk"), Dest::External));
        assert!(matches!(classify("mailto:a@b.c"), Dest::External));
        assert!(matches!(classify("#steps"), Dest::Fragment("steps")));
        assert!(matches!(
            classify("../a.md#x"),
            Dest::Page("../a.md", Some("x"))
        ));
        assert!(matches!(classify("img/a.png"), Dest::Asset("img/a.png")));
    }

    #[test]
    fn relative_paths_between_sources() {
        assert_eq!(
            relative_source_path("techniques/a.md", "when.md"),
            "../when.md"
        );
        assert_eq!(
            relative_source_path("a.md", "techniques/b.md"),
            "techniques/b.md"
        );
        assert_eq!(
            relative_source_path("techniques/a.md", "techniques/b.md"),
            "b.md"
        );
    }

    #[test]
    fn prefix_climbs_to_root() {
        assert_eq!(root_prefix("index.html"), "");
        assert_eq!(root_prefix("techniques/a.html"), "../");
    }
}
