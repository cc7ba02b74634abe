//! Where each key and value of a YAML document is, read from the YAML parser's events in one
//! pass: so a problem with a value found after deserialising (an unknown condition, a bad
//! address, an id used twice) points at that value, as the parser saw it, and not at the first
//! line that happens to contain the same text.

use serde_saphyr::granit_parser::{Event, Parser};
use std::collections::HashMap;
use std::ops::Range;

/// One step of a path into a document: a mapping's key or a sequence's index.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Step {
    Key(String),
    Index(usize),
}

impl From<&str> for Step {
    fn from(key: &str) -> Self {
        Step::Key(key.to_string())
    }
}

impl From<usize> for Step {
    fn from(index: usize) -> Self {
        Step::Index(index)
    }
}

/// Deeper nodes are not recorded: no front matter or registry needs them, and a path's length
/// bounds the work each node costs.
const MAX_DEPTH: usize = 32;

/// The byte ranges of a document's keys and values, by path.
#[derive(Debug, Clone, Default)]
pub struct Spans {
    nodes: HashMap<Vec<Step>, Node>,
}

#[derive(Debug, Clone)]
struct Node {
    /// The key, for a mapping's value.
    key: Option<Range<usize>>,
    value: Range<usize>,
}

/// Whether a node starts a collection, and which.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Opens {
    No,
    Mapping,
    Sequence,
}

/// A collection being read, and where its next child goes.
enum Frame {
    Mapping {
        path: Vec<Step>,
        /// The key just read, waiting for its value (`None` for a key that is not text).
        key: Option<Option<(String, Range<usize>)>>,
    },
    Sequence {
        path: Vec<Step>,
        next: usize,
    },
    /// A collection used as a mapping key, or nested too deep: nothing in it is recorded.
    Skipped,
}

impl Spans {
    /// Read the first document of `text`. A syntax error ends the reading: what came before
    /// it is kept.
    pub fn of(text: &str) -> Spans {
        let mut spans = Spans::default();
        let mut stack: Vec<Frame> = Vec::new();
        for event in Parser::new_from_str(text) {
            let Ok((event, span)) = event else { break };
            let at = span.start.byte_offset().unwrap_or(0)..span.end.byte_offset().unwrap_or(0);
            match event {
                Event::Scalar(value, ..) => spans.node(&mut stack, at, Some(&value), Opens::No),
                Event::Alias(_) => spans.node(&mut stack, at, None, Opens::No),
                Event::MappingStart(..) => spans.node(&mut stack, at, None, Opens::Mapping),
                Event::SequenceStart(..) => spans.node(&mut stack, at, None, Opens::Sequence),
                Event::MappingEnd | Event::SequenceEnd => spans.close(&mut stack, at.end),
                Event::DocumentEnd => break,
                _ => {}
            }
        }
        spans
    }

    /// A node at `at`: a mapping's key, a mapping's value or a sequence's item (a scalar's
    /// `text`, or a collection that `opens` here).
    fn node(&mut self, stack: &mut Vec<Frame>, at: Range<usize>, text: Option<&str>, opens: Opens) {
        let collection = opens != Opens::No;
        let (path, key) = match stack.last_mut() {
            None => (Some(Vec::new()), None),
            Some(Frame::Skipped) => (None, None),
            Some(Frame::Mapping {
                key: slot @ None, ..
            }) => {
                // A key: text waits for its value; a collection as a key is skipped whole.
                *slot = Some(
                    text.filter(|_| !collection)
                        .map(|t| (t.to_string(), at.clone())),
                );
                if collection {
                    stack.push(Frame::Skipped);
                }
                return;
            }
            Some(Frame::Mapping { path, key: slot }) => match slot.take().flatten() {
                Some((name, key_at)) => {
                    let mut path = path.clone();
                    path.push(Step::Key(name));
                    (Some(path), Some(key_at))
                }
                None => (None, None),
            },
            Some(Frame::Sequence { path, next }) => {
                let mut path = path.clone();
                path.push(Step::Index(*next));
                *next += 1;
                (Some(path), None)
            }
        };
        let path = path.filter(|p| p.len() <= MAX_DEPTH);
        if let Some(path) = &path {
            let value = at.clone();
            self.nodes.insert(path.clone(), Node { key, value });
        }
        stack.push(match (opens, path) {
            (Opens::No, _) => return,
            (Opens::Mapping, Some(path)) => Frame::Mapping { path, key: None },
            (Opens::Sequence, Some(path)) => Frame::Sequence { path, next: 0 },
            (_, None) => Frame::Skipped,
        });
    }

    /// The collection on top of the stack ends at `end`.
    fn close(&mut self, stack: &mut Vec<Frame>, end: usize) {
        let path = match stack.pop() {
            Some(Frame::Mapping { path, .. } | Frame::Sequence { path, .. }) => path,
            _ => return,
        };
        if let Some(node) = self.nodes.get_mut(&path) {
            node.value.end = end.max(node.value.start);
        }
    }

    /// Where the value at `path` is.
    pub fn value(&self, path: &[Step]) -> Option<Range<usize>> {
        self.nodes.get(path).map(|n| n.value.clone())
    }

    /// Where the key of the value at `path` is (for a sequence's item, the item itself).
    pub fn key(&self, path: &[Step]) -> Option<Range<usize>> {
        self.nodes
            .get(path)
            .map(|n| n.key.clone().unwrap_or(n.value.clone()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_at(text: &str, at: Option<Range<usize>>) -> &str {
        &text[at.expect("a span")]
    }

    #[test]
    fn keys_values_and_items_are_found_by_path() {
        let text = "title: Sit and turn\ncontraindications:\n  - osteoporosis\n  - \"hernia\"\nsources: [{title: NHS, url: 'https://nhs.uk'}]\n";
        let spans = Spans::of(text);
        assert_eq!(text_at(text, spans.key(&["title".into()])), "title");
        assert_eq!(
            text_at(text, spans.value(&["title".into()])),
            "Sit and turn"
        );
        let item = |i: usize| spans.value(&["contraindications".into(), i.into()]);
        assert_eq!(text_at(text, item(0)), "osteoporosis");
        assert_eq!(text_at(text, item(1)), "\"hernia\"");
        let url = spans.value(&["sources".into(), 0.into(), "url".into()]);
        assert_eq!(text_at(text, url), "'https://nhs.uk'");
    }

    #[test]
    fn the_same_text_twice_is_told_apart() {
        let text = "red-flags:\n  - id: numb\n    sign: numb\n  - id: numb\n";
        let spans = Spans::of(text);
        let id = |i: usize| spans.value(&["red-flags".into(), i.into(), "id".into()]);
        let places: Vec<usize> = text.match_indices("numb").map(|(at, _)| at).collect();
        assert_eq!(id(0), Some(places[0]..places[0] + 4));
        assert_eq!(id(1), Some(places[2]..places[2] + 4));
    }

    #[test]
    fn broken_or_odd_yaml_never_panics() {
        for text in [
            "a: [b, c",
            "? [a, b]\n: c\nd: e\n",
            "a: &x [1]\nb: *x\n",
            "- - - - x\n",
            "",
        ] {
            let spans = Spans::of(text);
            let _ = spans.value(&["d".into()]);
        }
        let spans = Spans::of("? [a, b]\n: c\nd: e\n");
        assert_eq!(spans.value(&["d".into()]), Some(16..17));
    }
}
