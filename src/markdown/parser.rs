//! The one place that sets up pulldown-cmark. Pages, the print handout, cards, checks and search
//! all see the same events. A page is read with limits on what makes rendering slow or large
//! (a table's cells, a code block's size, how deeply blocks nest), checked as the events are
//! collected, so an oversized page is refused before any pass works on it.

use crate::codes::Code;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd, TextMergeWithOffset};
use std::ops::Range;

/// GitHub-flavoured Markdown: tables, footnotes, strikethrough, task lists, heading attributes.
/// Alerts (`> [!NOTE]`) are recognised by our own callout pass so that every marker, GitHub's
/// and carebook's, is read the same way.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Most cells in one table.
pub const MAX_TABLE_CELLS: usize = 5_000;
/// Most lines in one code block.
pub const MAX_CODE_LINES: usize = 2_000;
/// Most bytes in one code block.
pub const MAX_CODE_BYTES: usize = 128 * 1024;
/// Most quotes and lists open inside one another.
pub const MAX_NESTING: usize = 64;

/// A page over one of the limits: which, and where the offending block starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Limit {
    TableCells(Range<usize>),
    CodeBlock(Range<usize>),
    Nesting(Range<usize>),
}

impl Limit {
    /// The error for a page over this limit, at the block that goes over it.
    pub fn diagnostic(&self, page: &crate::content::Page) -> crate::diagnostics::Diagnostic {
        let (code, range, message, help) = match self {
            Limit::TableCells(r) => (
                Code::TableTooLarge,
                r,
                format!("this table has more than {MAX_TABLE_CELLS} cells"),
                "split it into smaller tables, or turn it into a list: a reader cannot use a table this large, least of all on a phone",
            ),
            Limit::CodeBlock(r) => (
                Code::CodeBlockTooLarge,
                r,
                format!(
                    "this code block is longer than {MAX_CODE_LINES} lines or {} KiB",
                    MAX_CODE_BYTES / 1024
                ),
                "shorten it, or link to the file instead of copying it into the page",
            ),
            Limit::Nesting(r) => (
                Code::NestingTooDeep,
                r,
                format!("quotes and lists here nest more than {MAX_NESTING} levels deep"),
                "flatten the structure: a reader can follow two or three levels",
            ),
        };
        let mut at = super::locate(page, range);
        at.width = 1;
        crate::diagnostics::Diagnostic::error(code, message)
            .at(at)
            .help(help)
    }
}

/// Only the events that start a link or an image, with their byte ranges.
pub fn link_events(markdown: &str) -> Vec<(Event<'_>, Range<usize>)> {
    Parser::new_ext(markdown, options())
        .into_offset_iter()
        .filter(|(e, _)| matches!(e, Event::Start(Tag::Link { .. } | Tag::Image { .. })))
        .collect()
}

/// Parse Markdown into events with their byte ranges; adjacent text is merged.
pub fn events(markdown: &str) -> Vec<(Event<'_>, Range<usize>)> {
    let parser = Parser::new_ext(markdown, options()).into_offset_iter();
    TextMergeWithOffset::new(parser).collect()
}

/// A page's events, or the first limit it goes over (then nothing more is read).
pub fn page_events(markdown: &str) -> Result<Vec<(Event<'_>, Range<usize>)>, Limit> {
    let parser = Parser::new_ext(markdown, options()).into_offset_iter();
    let mut count = Counts::default();
    let mut events = Vec::new();
    for (event, range) in TextMergeWithOffset::new(parser) {
        count.see(&event, &range)?;
        events.push((event, range));
    }
    Ok(events)
}

#[derive(Default)]
struct Counts {
    cells: usize,
    table: Range<usize>,
    code: Option<(Range<usize>, usize, usize)>,
    nesting: usize,
}

impl Counts {
    fn see(&mut self, event: &Event<'_>, range: &Range<usize>) -> Result<(), Limit> {
        match event {
            Event::Start(Tag::Table(_)) => {
                self.cells = 0;
                self.table = range.clone();
            }
            Event::Start(Tag::TableCell) => {
                self.cells += 1;
                if self.cells > MAX_TABLE_CELLS {
                    return Err(Limit::TableCells(self.table.clone()));
                }
            }
            Event::Start(Tag::CodeBlock(_)) => self.code = Some((range.clone(), 0, 0)),
            Event::End(TagEnd::CodeBlock) => self.code = None,
            Event::Text(text) => {
                if let Some((start, lines, bytes)) = &mut self.code {
                    *lines += text.matches('\n').count();
                    *bytes += text.len();
                    if *lines > MAX_CODE_LINES || *bytes > MAX_CODE_BYTES {
                        return Err(Limit::CodeBlock(start.clone()));
                    }
                }
            }
            Event::Start(Tag::BlockQuote(_) | Tag::List(_)) => {
                self.nesting += 1;
                if self.nesting > MAX_NESTING {
                    return Err(Limit::Nesting(range.clone()));
                }
            }
            Event::End(TagEnd::BlockQuote(_) | TagEnd::List(_)) => {
                self.nesting = self.nesting.saturating_sub(1)
            }
            _ => {}
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_over_a_limit_are_refused_where_the_block_starts() {
        let row = format!("|{}\n", "a|".repeat(100));
        let table = format!("intro\n\n{row}|{}\n{}", "-|".repeat(100), row.repeat(60));
        assert!(matches!(page_events(&table), Err(Limit::TableCells(r)) if r.start == 7));
        let code = format!("```\n{}```\n", "x\n".repeat(MAX_CODE_LINES + 1));
        assert!(matches!(page_events(&code), Err(Limit::CodeBlock(_))));
        let deep = format!("{} x\n", ">".repeat(MAX_NESTING + 1));
        assert!(matches!(page_events(&deep), Err(Limit::Nesting(_))));
        assert!(page_events("| a |\n|---|\n| b |\n\n```\ncode\n```\n> > quote\n").is_ok());
    }
}
