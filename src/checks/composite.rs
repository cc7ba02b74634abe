//! Terms of several parts: "numb|tingling + bottom|groin" is found where one word of each part
//! is in the same text, at most [`WINDOW`] words apart, in any order. A place on its own
//! ("bottom") or a function on its own ("pee") is not a sign; a changed feeling in that place,
//! or a loss of control of that function, is. Each alternative is one more pattern of the one
//! Aho-Corasick pass, so finding them costs nothing more per text.

use std::collections::HashMap;

/// How many words the parts of a term may span, from the first part's start to the last's
/// end.
pub const WINDOW: usize = 12;

/// A term of several parts: which term of its index, and how many parts it has.
pub struct Term {
    pub term: usize,
    pub parts: usize,
}

/// The alternatives of each part of `term`, when it has parts (" + " between them, "|"
/// between alternatives).
pub fn parts(term: &str) -> Option<Vec<Vec<&str>>> {
    if !term.contains(" + ") {
        return None;
    }
    let parts: Vec<Vec<&str>> = term
        .split(" + ")
        .map(|p| {
            p.split('|')
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .collect()
        })
        .collect();
    parts.iter().all(|p| !p.is_empty()).then_some(parts)
}

/// The parts of each term found so far in one text: only the terms some part of which is in
/// it are held.
pub struct Tracker<'t> {
    terms: &'t [Term],
    latest: HashMap<usize, Vec<Option<(usize, usize)>>>,
}

impl<'t> Tracker<'t> {
    pub fn new(terms: &'t [Term]) -> Self {
        Tracker {
            terms,
            latest: HashMap::new(),
        }
    }

    /// Part `part` of term `term` is at `start..end` of `text` (parts seen in order of
    /// position): the term's span, and where its first part ends, when every part is now
    /// near enough.
    pub fn see(
        &mut self,
        text: &str,
        (term, part): (usize, usize),
        start: usize,
        end: usize,
    ) -> Option<(usize, usize, usize)> {
        let parts = self.terms[term].parts;
        let latest = self.latest.entry(term).or_insert_with(|| vec![None; parts]);
        latest[part] = Some((start, end));
        let all: Vec<(usize, usize)> = latest.iter().copied().collect::<Option<_>>()?;
        let (from, first_end) = all.iter().copied().min()?;
        let to = all.iter().map(|r| r.1).max()?;
        // A span too long in bytes for WINDOW words is not counted word by word.
        let near =
            to - from <= WINDOW * 24 && text.get(from..to)?.split_whitespace().count() <= WINDOW;
        if !near {
            return None;
        }
        // Found once: its parts start again from nothing.
        self.latest.remove(&term);
        Some((from, to, first_end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_and_alternatives() {
        assert_eq!(parts("numb"), None);
        assert_eq!(
            parts("numb | tingling + bottom"),
            Some(vec![vec!["numb", "tingling"], vec!["bottom"]])
        );
        assert_eq!(parts("numb + |"), None);
    }

    #[test]
    fn every_part_near_enough() {
        let terms = [Term { term: 0, parts: 2 }];
        let text = "numb around your bottom and a very long way from here the groin";
        let mut t = Tracker::new(&terms);
        assert_eq!(t.see(text, (0, 0), 0, 4), None);
        assert_eq!(t.see(text, (0, 1), 17, 23), Some((0, 23, 4)));
        let mut t = Tracker::new(&terms);
        assert_eq!(t.see(text, (0, 0), 0, 4), None);
        assert_eq!(t.see(text, (0, 1), 58, 63), None, "too far apart");
    }
}
