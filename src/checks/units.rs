//! The units of plain text (outside callouts) the red-flag rule reads, each with what
//! introduces it: a list item with its lead-in ("See a GP if:"), what a `<details>` holds with
//! its summary, a table row (its cells read together) with the table's header row, and a
//! footnote with the sentences that refer to it (and a sentence with the footnotes it refers
//! to). A sign and a lower level of care split between a unit and its context are found as
//! surely as in one sentence. Everything here is linear in the page's text.

use crate::markdown::{BlockRole, PageText, TextBlock};
use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;

pub(super) struct Unit<'r> {
    /// The unit's blocks: one, or a table row's cells.
    pub blocks: &'r [TextBlock],
    /// The index of its first block in the page's blocks.
    pub index: usize,
    pub text: Cow<'r, str>,
    /// A table row is read whole, not sentence by sentence.
    pub whole: bool,
    pub context: Option<Context>,
    /// The footnotes referred to: (byte offset in `text`, index into [`Page::notes`]).
    pub refs: Vec<(usize, usize)>,
}

/// What introduces a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Context {
    /// The block at this index (for a table's header cell, its whole row).
    Block(usize),
    /// The sentences that refer to this footnote.
    Note(usize),
}

/// A footnote's definition.
pub(super) struct Note {
    pub text: String,
}

/// A sentence that refers to footnotes: its text and the footnotes.
pub(super) struct Referring<'r> {
    pub sentence: &'r str,
    pub notes: Vec<usize>,
}

/// A page's text, read as units.
pub(super) struct Page<'r> {
    pub units: Vec<Unit<'r>>,
    pub notes: Vec<Note>,
    /// Every sentence that refers to a footnote, once.
    pub referring: Vec<Referring<'r>>,
}

pub(super) fn read(text: &PageText) -> Page<'_> {
    let blocks = &text.blocks;
    let (notes, by_label) = footnotes(blocks);
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
            let context = match (&block.note, block.lead_in) {
                (Some(label), _) => by_label.get(label.as_str()).map(|&n| Context::Note(n)),
                (None, lead) => lead.map(Context::Block),
            };
            let refs = block
                .note_refs
                .iter()
                .filter_map(|(at, label)| by_label.get(label.as_str()).map(|&n| (*at, n)))
                .collect();
            units.push(Unit {
                blocks: &blocks[i..end],
                index: i,
                text: joined(&blocks[i..end]),
                whole: end - i > 1 || block.row.is_some(),
                context,
                refs,
            });
        }
        i = end;
    }
    let referring = referring(&units);
    Page {
        units,
        notes,
        referring,
    }
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

    /// The unit's sentences, each with its byte range (a table row is one).
    pub fn sentences(&self) -> Vec<(Range<usize>, &str)> {
        if self.whole {
            let text = self.text.as_ref();
            return vec![(0..text.len(), text)];
        }
        sentences(&self.text).collect()
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

/// The text of a context block, or of the whole row when it is a table's header cell.
pub(super) fn lead_text(blocks: &[TextBlock], lead: usize) -> Cow<'_, str> {
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

/// Each footnote's text, and its index by label.
fn footnotes(blocks: &[TextBlock]) -> (Vec<Note>, HashMap<&str, usize>) {
    let mut notes: Vec<Note> = Vec::new();
    let mut by_label: HashMap<&str, usize> = HashMap::new();
    for block in blocks {
        if let Some(label) = &block.note {
            let n = *by_label.entry(label.as_str()).or_insert_with(|| {
                notes.push(Note {
                    text: String::new(),
                });
                notes.len() - 1
            });
            let text = &mut notes[n].text;
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(&block.text);
        }
    }
    (notes, by_label)
}

/// Every sentence that refers to a footnote, with the footnotes it refers to: sentences and
/// references are both in order, so one walk pairs them.
fn referring<'r>(units: &[Unit<'r>]) -> Vec<Referring<'r>> {
    let mut found = Vec::new();
    for unit in units.iter().filter(|u| !u.refs.is_empty()) {
        let Cow::Borrowed(text) = unit.text else {
            continue;
        };
        let mut refs = unit.refs.iter().peekable();
        for (range, sentence) in sentences(text) {
            let mut notes = Vec::new();
            while let Some(&&(at, n)) = refs.peek() {
                if at > range.end {
                    break;
                }
                if at >= range.start && notes.last() != Some(&n) {
                    notes.push(n);
                }
                refs.next();
            }
            if !notes.is_empty() {
                found.push(Referring { sentence, notes });
            }
        }
    }
    found
}

/// The sentences of a text, each with its byte range.
pub(super) fn sentences(text: &str) -> impl Iterator<Item = (Range<usize>, &str)> {
    // Unicode's sentence boundaries (UAX #29): no break after "e.g." or "approx." when a
    // lowercase word follows, nor inside "2.5".
    text.split_sentence_bound_indices()
        .filter_map(|(start, piece)| {
            let from = start + piece.len() - piece.trim_start().len();
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

    #[test]
    fn an_abbreviation_or_a_decimal_does_not_end_a_sentence() {
        let text = "Some signs, e.g. losing control of your bladder, need 999. Take 2.5 mg.";
        let found: Vec<&str> = sentences(text).map(|(_, s)| s).collect();
        assert_eq!(
            found,
            [
                "Some signs, e.g. losing control of your bladder, need 999.",
                "Take 2.5 mg."
            ]
        );
    }
}
