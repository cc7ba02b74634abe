//! Rules over the whole guide, run after every page is rendered: links and anchors, and the
//! structure technique pages must have. Each rule returns diagnostics; none stops at the first.

mod anchors;
mod techniques;

pub use techniques::conditions_page;

use crate::config::Config;
use crate::content::Guide;
use crate::diagnostics::Diagnostic;
use crate::markdown::Rendered;

/// Run every whole-guide rule. `rendered[i]` belongs to `guide.pages[i]`.
pub fn run(config: &Config, guide: &Guide, rendered: &[Rendered]) -> Vec<Diagnostic> {
    let mut problems = anchors::check(guide, rendered);
    problems.extend(techniques::check(config, guide, rendered));
    problems
}
