//! The units of plain text (outside callouts) the red-flag rule reads, each with the text that
//! introduces it: a list item with its lead-in ("See a GP if:"), what a `<details>` holds with
//! its summary, a table row (its cells read together) with the table's header row, and a
//! footnote with the sentences that refer to it (and a sentence with the footnotes it refers
//! to). A sign and a lower level of care split between a unit and its context are found as
//! surely as in one sentence.

use crate::markdown::{BlockRole, Rendered, TextBlock};
use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

pub(super) struct Unit<'r> {
    /// The unit's blocks: one, or a table row's cells.
    pub blocks: &'r [TextBlock],
    pub text: Cow<'r, str>,
    /// The text that introduces the unit as a whole.
    pub context: Option<Cow<'r, str>>,
    /// The footnotes referred to: (byte offset in `text`, the footnote's text).
    pub notes: Vec<(usize, String)>,
}

/// Every unit of plain text on a page, in order.
pub(super) fn units(rendered: &Rendered) -> Vec<Unit<'_>> {
    let blocks = &rendered.blocks;
    let notes = footnote_texts(blocks);
    let referring = referring_sentences(blocks);
    let mut units = Vec::new();
    let mut i = 0;
    while i < blocks.len() {
        let block = &blocks[i];
        let mut end = i + 1;
        if let Some(row) = block.row {
            while end < blocks.len() && blocks[end].row == Some(row) {
                end += 1;
            }
        }
        if block.callout.is_none() {
            let text = joined(&blocks[i..end]);
            let context = match (&block.note, block.lead_in) {
                (Some(label), _) => referring
                    .get(label.as_str())
                    .map(|t| Cow::Owned(t.join(" "))),
                (None, Some(lead)) => Some(lead_text(blocks, lead)),
                (None, None) => None,
            };
            let notes = block
                .note_refs
                .iter()
                .filter_map(|(at, label)| notes.get(label.as_str()).map(|t| (*at, t.clone())))
                .collect();
            units.push(Unit {
                blocks: &blocks[i..end],
                text,
                context,
                notes,
            });
        }
        i = end;
    }
    units
}

/// Cells of a row are joined with this between them.
const CELL_SEPARATOR: &str = " | ";

impl<'r> Unit<'r> {
    /// The block holding byte range `at` of the unit's text, and the range within that block.
    pub fn place(&self, at: &Range<usize>) -> (&'r TextBlock, Range<usize>) {
        let mut start = 0;
        for block in self.blocks {
            let end = start + block.text.len();
            if at.start < end + CELL_SEPARATOR.len() {
                let from = at.start.saturating_sub(start).min(block.text.len());
                let to = at.end.saturating_sub(start).clamp(from, block.text.len());
                return (block, from..to);
            }
            start = end + CELL_SEPARATOR.len();
        }
        (&self.blocks[0], 0..0)
    }
}

/// A table row's cells read as one line; any other block's text as it is.
fn joined(blocks: &[TextBlock]) -> Cow<'_, str> {
    match blocks {
        [one] => Cow::Borrowed(one.text.as_str()),
        many => Cow::Owned(
            many.iter()
                .map(|b| b.text.as_str())
                .collect::<Vec<_>>()
                .join(CELL_SEPARATOR),
        ),
    }
}

/// The text of a lead-in block, or of the whole row when it is a table's header cell.
fn lead_text(blocks: &[TextBlock], lead: usize) -> Cow<'_, str> {
    let block = &blocks[lead];
    match (block.role, block.row) {
        (BlockRole::Cell, Some(row)) => {
            let end = blocks[lead..]
                .iter()
                .position(|b| b.row != Some(row))
                .map_or(blocks.len(), |n| lead + n);
            joined(&blocks[lead..end])
        }
        _ => Cow::Borrowed(block.text.as_str()),
    }
}

/// Each footnote's text, by label.
fn footnote_texts(blocks: &[TextBlock]) -> HashMap<&str, String> {
    let mut texts: HashMap<&str, String> = HashMap::new();
    for block in blocks {
        if let Some(label) = &block.note {
            let text = texts.entry(label.as_str()).or_default();
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(&block.text);
        }
    }
    texts
}

/// The sentences that refer to each footnote, by label.
fn referring_sentences(blocks: &[TextBlock]) -> HashMap<&str, Vec<&str>> {
    let mut found: HashMap<&str, Vec<&str>> = HashMap::new();
    for block in blocks.iter().filter(|b| !b.note_refs.is_empty()) {
        for (range, sentence) in sentences(&block.text) {
            for (at, label) in &block.note_refs {
                if range.start <= *at && *at <= range.end {
                    found.entry(label.as_str()).or_default().push(sentence);
                }
            }
        }
    }
    found
}

/// The sentences of a text, each with its byte range.
pub(super) fn sentences(text: &str) -> impl Iterator<Item = (Range<usize>, &str)> {
    let mut start = 0;
    text.split_inclusive(['.', '!', '?'])
        .filter_map(move |piece| {
            let from = start + piece.len() - piece.trim_start().len();
            start += piece.len();
            let trimmed = piece.trim();
            (!trimmed.is_empty()).then_some((from..from + trimmed.len(), trimmed))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_know_where_they_are() {
        let found: Vec<_> = sentences("One. Two? Three").collect();
        assert_eq!(found, [(0..4, "One."), (5..9, "Two?"), (10..15, "Three")]);
    }
}
