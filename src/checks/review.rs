//! Rule 6: every page has `reviewed` and `next-review`; the next review is within the guide's
//! maximum interval and not overdue; `reviewed` is not in the future. Technique and safety pages
//! list at least one source.

use super::CheckContext;
use crate::codes::Code;
use crate::config::Severity;
use crate::content::{Date, Page, PageKind, field_location};
use crate::diagnostics::Diagnostic;

pub(super) fn check(ctx: &CheckContext<'_>) -> Vec<Diagnostic> {
    let pages = ctx.guide.safety_pages;
    let safety_pages = [pages.conditions, pages.help];
    let mut problems = Vec::new();
    for (i, page) in ctx.guide.pages.iter_enumerated() {
        if page.generated || !page.front_ok {
            continue;
        }
        problems.extend(dates(ctx, page));
        let needs_sources = page.kind() == PageKind::Technique || safety_pages.contains(&Some(i));
        if needs_sources && page.front.sources.is_empty() {
            problems.push(
                Diagnostic::error(
                    Code::MissingSources,
                    "this page gives health advice but lists no sources",
                )
                .at(page.source.locate(0, 3))
                .help("add `sources:` with at least one `- title: ...` and `url: https://...`"),
            );
        }
    }
    problems
}

fn dates(ctx: &CheckContext<'_>, page: &Page) -> Vec<Diagnostic> {
    let f = &page.front;
    let mut problems = Vec::new();
    for (field, value) in [("reviewed", f.reviewed), ("next-review", f.next_review)] {
        if value.is_none() {
            problems.push(
                Diagnostic::error(
                    Code::MissingReviewDate,
                    format!("this page has no `{field}` date"),
                )
                .at(page.source.locate(0, 3))
                .help(format!(
                    "add `{field}: YYYY-MM-DD`; readers need to know how current health advice is"
                )),
            );
        }
    }
    let (Some(reviewed), Some(next)) = (f.reviewed, f.next_review) else {
        return problems;
    };
    if reviewed > ctx.today {
        problems.push(
            Diagnostic::error(
                Code::ReviewInFuture,
                format!("`reviewed` ({reviewed}) is after today ({})", ctx.today),
            )
            .at(field_location(page, "reviewed"))
            .help("set `reviewed` to the date the page was actually reviewed"),
        );
    }
    let years = ctx.config.safety.max_review_years;
    if next > add_years(reviewed, years) {
        problems.push(
            Diagnostic::error(Code::ReviewInterval, format!("`next-review` ({next}) is more than {years} years after `reviewed` ({reviewed})"))
                .at(field_location(page, "next-review"))
                .help(format!("review health content at least every {years} years ([safety] max-review-years in book.toml)")),
        );
    }
    if next < ctx.today {
        let overdue = Diagnostic::error(Code::ReviewOverdue, format!("this page was due for review on {next}"))
            .at(field_location(page, "next-review"))
            .help("review the page against its sources, then update `reviewed` and `next-review` (use --allow-overdue for a local preview)");
        let downgrade = ctx.allow_overdue || ctx.config.safety.overdue == Severity::Warning;
        problems.push(if downgrade {
            Diagnostic {
                level: crate::diagnostics::Level::Warning,
                ..overdue
            }
        } else {
            overdue
        });
    }
    problems
}

/// The same day `years` later (29 February becomes 28 February).
pub fn add_years(date: Date, years: u32) -> Date {
    let year = date.year + years as i32;
    let day =
        if date.month == 2 && date.day == 29 && Date::parse(&format!("{year:04}-02-29")).is_err() {
            28
        } else {
            date.day
        };
    Date {
        year,
        month: date.month,
        day,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_are_added_to_real_dates() {
        assert_eq!(
            add_years(Date::parse("2024-02-29").unwrap(), 3).iso(),
            "2027-02-28"
        );
        assert_eq!(
            add_years(Date::parse("2026-11-20").unwrap(), 3).iso(),
            "2029-11-20"
        );
    }
}
