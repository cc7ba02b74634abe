//! A technique's STOP-IF callout tells the reader when to stop, so it must say something and be
//! read in time: it lists at least one sign (`stop-if-empty`), and it comes before the
//! numbered steps (`stop-if-late`), not after them where a reader meets it once they are done.

use crate::codes::Code;
use crate::content::{Page, PageKind};
use crate::diagnostics::Diagnostic;
use crate::markdown::{CalloutKind, PageFacts, PageText, locate};

pub(super) fn check(page: &Page, text: &PageText, facts: &PageFacts) -> Vec<Diagnostic> {
    if page.kind() != PageKind::Technique {
        return Vec::new();
    }
    let stop_ifs = text
        .callouts
        .iter()
        .filter(|c| c.kind == CalloutKind::StopIf);
    let mut problems = Vec::new();
    for callout in stop_ifs.clone() {
        let signs = callout
            .signs
            .iter()
            .filter(|&&b| !text.blocks[b].text.trim().is_empty());
        if signs.count() == 0 {
            problems.push(
                Diagnostic::error(Code::StopIfEmpty, "this STOP-IF callout lists no signs to stop for")
                    .at(locate(page, &callout.range))
                    .help("list each sign as a bullet under the marker, e.g. `> - it makes your pain worse`"),
            );
        }
    }
    let first = stop_ifs.map(|c| c.range.start).min();
    if let (Some(stop_if), Some(steps)) = (first, facts.steps_at)
        && stop_if > steps
    {
        let range = stop_if..stop_if + 1;
        problems.push(
            Diagnostic::error(Code::StopIfLate, "the STOP-IF callout comes after the steps, so a reader meets it only once they have done them")
                .at(locate(page, &range))
                .help("move the STOP-IF callout (and its heading) above the numbered steps"),
        );
    }
    problems
}
