//! A technique's facts at a glance (position, time, equipment...), as the page header, the
//! section cards, the handout and the step card all show them.

use super::{Page, PageKind};
use serde::Serialize;

/// One fact: a label and its value from the front matter.
#[derive(Debug, Clone, Serialize)]
pub struct Fact {
    pub label: &'static str,
    pub value: String,
}

impl Page {
    /// The facts a technique page states in its front matter, in display order; none for
    /// other kinds of page.
    pub fn facts(&self) -> Vec<Fact> {
        if self.kind() != PageKind::Technique {
            return Vec::new();
        }
        let f = &self.front;
        let equipment = f.equipment.as_ref().map(|e| {
            if e.is_empty() {
                "None".to_string()
            } else {
                e.join(", ")
            }
        });
        [
            ("Position", f.position.clone()),
            ("Time", f.duration.clone()),
            ("Equipment", equipment),
            ("Repetitions", f.repetitions.clone()),
            ("Hold", f.hold.clone()),
        ]
        .into_iter()
        .filter_map(|(label, value)| value.map(|value| Fact { label, value }))
        .collect()
    }
}
