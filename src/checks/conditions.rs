//! Rule 2: every registry condition is described on the conditions page at a stable anchor
//! (its id), and is used by at least one technique or marked `general`.

use super::CheckContext;
use crate::codes::Code;
use crate::content::registry::Entry;
use crate::diagnostics::Diagnostic;
use std::collections::HashSet;

pub(super) fn check(ctx: &CheckContext<'_>) -> Vec<Diagnostic> {
    let registry = &ctx.guide.registry;
    let page = ctx.guide.safety_pages.conditions;
    let page_name = ctx.config.safety.conditions_page.display().to_string();
    let mut problems = Vec::new();
    let used: HashSet<&str> = ctx
        .guide
        .pages
        .iter()
        .flat_map(|p| p.graded())
        .map(|g| g.id)
        .collect();
    let anchors: HashSet<&str> = page
        .iter()
        .flat_map(|&p| &ctx.facts[p].headings)
        .map(|h| h.id.as_str())
        .collect();
    for (i, condition) in registry.registry.conditions.iter().enumerate() {
        let at = registry.at(Entry::Condition(i), "id");
        let with_at = |d: Diagnostic| match &at {
            Some(l) => d.at(l.clone()),
            None => d,
        };
        let described = anchors.contains(condition.id.as_str());
        if !described {
            problems.push(with_at(
                Diagnostic::error(Code::ConditionNotDescribed, format!("the condition `{}` is not described on {page_name}", condition.id))
                    .help(format!("add a line `{{{{ condition {} }}}}` to {page_name}: it places the registry entry under a heading with a stable anchor", condition.id)),
            ));
        }
        if !used.contains(condition.id.as_str()) && !condition.general {
            problems.push(with_at(
                Diagnostic::error(Code::ConditionUnused, format!("no technique lists the condition `{}`", condition.id))
                    .help("add it to the `contraindications`, `adapt` or `ask-first` of the techniques it concerns, or mark it `general: true` if it applies to self-care in general"),
            ));
        }
    }
    problems
}
