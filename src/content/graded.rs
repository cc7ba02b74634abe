//! How a technique suits each registry condition it names: avoid it (`contraindications`),
//! do it another way (`adapt`, with how) or ask a professional first (`ask-first`, with whom).
//! Pages, step cards, the handout and the conditions page all read it from here, so a card
//! never says "do not do this" while the page says how to adapt it.

use super::{Page, PageKind};

/// What a reader with a condition should do about a technique.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grade<'a> {
    Avoid,
    /// Do it another way: how.
    Adapt(&'a str),
    /// Ask a professional before doing it: whom.
    AskFirst(&'a str),
}

impl Grade<'_> {
    /// Its name in templates: `avoid`, `adapt` or `ask-first`.
    pub fn key(self) -> &'static str {
        match self {
            Grade::Avoid => "avoid",
            Grade::Adapt(_) => "adapt",
            Grade::AskFirst(_) => "ask-first",
        }
    }

    /// The front matter field that holds it.
    pub fn field(self) -> &'static str {
        match self {
            Grade::Avoid => "contraindications",
            Grade::Adapt(_) => "adapt",
            Grade::AskFirst(_) => "ask-first",
        }
    }
}

/// One condition a technique names, with its grade and where the front matter says so.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Graded<'a> {
    pub id: &'a str,
    pub grade: Grade<'a>,
    /// Its place in its field (the others are maps, found by `id`).
    pub index: usize,
}

impl Graded<'_> {
    /// Where the front matter names it, for [`super::value_location`].
    pub fn path(&self) -> Vec<super::yaml::Step> {
        match self.grade {
            Grade::Avoid => vec!["contraindications".into(), self.index.into()],
            grade => vec![grade.field().into(), self.id.into()],
        }
    }
}

impl Page {
    /// Every condition a technique page names, avoided first, then adapted, then asked about
    /// (each field in its own order); none for other kinds of page.
    pub fn graded(&self) -> Vec<Graded<'_>> {
        if self.kind() != PageKind::Technique {
            return Vec::new();
        }
        let f = &self.front;
        let avoid = (f.contraindications.iter().flatten().enumerate()).map(|(index, id)| Graded {
            id,
            grade: Grade::Avoid,
            index,
        });
        let adapt = (f.adapt.iter().flatten().enumerate()).map(|(index, (id, how))| Graded {
            id,
            grade: Grade::Adapt(how),
            index,
        });
        let ask = (f.ask_first.iter().flatten().enumerate()).map(|(index, (id, whom))| Graded {
            id,
            grade: Grade::AskFirst(whom),
            index,
        });
        avoid.chain(adapt).chain(ask).collect()
    }
}

/// The grade a technique's `graded` gives condition `id`, if it names it (the first, if twice).
pub fn grade_of<'g>(graded: &[Graded<'g>], id: &str) -> Option<Grade<'g>> {
    graded.iter().find(|g| g.id == id).map(|g| g.grade)
}
