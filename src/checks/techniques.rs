//! Rule 1 and part of rule 2: every technique page has numbered steps, a stop-if callout, at
//! least one contraindication, and a link to the help page; every contraindication is a
//! condition in the registry.

use super::CheckContext;
use crate::codes::Code;
use crate::config::Config;
use crate::content::graded::{Grade, Graded};
use crate::content::{Page, PageId, PageKind, value_location};

/// Unknown conditions per page that get a "did you mean".
const SUGGESTIONS: usize = 5;
use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::markdown::{LinkTarget, PageFacts};

pub(super) fn check(ctx: &CheckContext<'_>) -> Vec<Diagnostic> {
    let help_page = ctx.guide.safety_pages.help;
    let mut problems = Vec::new();
    for (i, page) in ctx.guide.pages.iter_enumerated() {
        if page.kind() != PageKind::Technique || !page.front_ok {
            continue;
        }
        let rendered = &ctx.facts[i];
        problems.extend(structure(ctx.config, page, rendered, help_page));
        problems.extend(contraindications(ctx, page));
    }
    problems
}

fn structure(
    config: &Config,
    page: &Page,
    rendered: &PageFacts,
    help_page: Option<PageId>,
) -> Vec<Diagnostic> {
    let top = page.source.locate(0, 3);
    let mut problems = Vec::new();
    if rendered.step_count == 0 {
        problems.push(
            Diagnostic::error(Code::MissingSteps, "this technique has no numbered steps")
                .at(top.clone())
                .help("add a `## Steps` heading followed by a numbered list (`1.`, `2.`, ...)"),
        );
    }
    if !rendered.has_stop_if {
        problems.push(
            Diagnostic::error(Code::TechniqueNoStopIf, "this technique does not say when to stop")
                .at(top.clone())
                .help("add a `> [!STOP-IF]` callout listing the signs that mean the reader should stop at once"),
        );
    }
    if page.graded().is_empty() {
        problems.push(
            Diagnostic::error(Code::TechniqueNoContraindication, "this technique names nobody who should avoid it")
                .at(top.clone())
                .help("list at least one condition id from the registry: `contraindications: [osteoporosis]`"),
        );
    }
    let links_help = help_page.is_some_and(|h| {
        rendered
            .links
            .iter()
            .any(|l| matches!(l.target, LinkTarget::Page { page, .. } if page == h))
    });
    if !links_help {
        let help = config.safety.help_page.display();
        problems.push(
            Diagnostic::error(
                Code::TechniqueNoHelpLink,
                format!("this technique does not link to the help page `{help}`"),
            )
            .at(top)
            .help(format!(
                "add a sentence such as \"If you are worried, read [when to get help]({})\"",
                relative_to(page, &help.to_string())
            )),
        );
    }
    problems
}

fn contraindications(ctx: &CheckContext<'_>, page: &Page) -> Vec<Diagnostic> {
    let registry = &ctx.guide.registry;
    let mut problems = Vec::new();
    let mut suggested = 0;
    let graded = page.graded();
    for (n, g) in graded.iter().enumerate() {
        let at = || value_location(page, &g.path());
        if let Some(first) = graded[..n].iter().find(|f| f.id == g.id) {
            problems.push(graded_twice(g, first.grade.field()).at(at()));
        }
        if let Grade::Adapt(advice) | Grade::AskFirst(advice) = g.grade
            && advice.trim().is_empty()
        {
            problems.push(without_advice(g).at(at()));
        }
        if registry.registry.condition(g.id).is_some() {
            continue;
        }
        // Suggestions compare against every condition: a few per page are enough.
        suggested += 1;
        let ids = registry.registry.conditions.iter().map(|c| c.id.as_str());
        let hint = (suggested <= SUGGESTIONS)
            .then(|| did_you_mean(g.id, ids))
            .flatten()
            .map(|b| format!("did you mean `{b}`? "))
            .unwrap_or_default();
        let file = ctx.config.safety.registry.display();
        problems.push(
            Diagnostic::error(
                Code::UnknownCondition,
                format!("`{}` is not a condition in the registry ({file})", g.id),
            )
            .at(at())
            .help(format!(
                "{hint}each contraindication is the id of a condition in {file}"
            )),
        );
    }
    problems
}

fn graded_twice(g: &Graded<'_>, first: &str) -> Diagnostic {
    let (id, field) = (g.id, g.grade.field());
    Diagnostic::error(
        Code::ConditionGradedTwice,
        format!("`{id}` is in both `{first}` and `{field}`"),
    )
    .help(format!("keep `{id}` in one of them, so the card and the page give one instruction: `contraindications` (do not do it), `adapt` (how to do it another way) or `ask-first` (whom to ask)"))
}

fn without_advice(g: &Graded<'_>) -> Diagnostic {
    let (id, field) = (g.id, g.grade.field());
    let (what, example) = match g.grade {
        Grade::AskFirst(_) => ("whom to ask", "your GP or physiotherapist"),
        _ => (
            "how to do it",
            "Spread your knees wide so nothing presses on your bump.",
        ),
    };
    Diagnostic::error(
        Code::GradeWithoutAdvice,
        format!("`{field}` names `{id}` but does not say {what}"),
    )
    .help(format!("write it after the id, e.g. `{id}: \"{example}\"`"))
}

fn relative_to(page: &Page, target: &str) -> String {
    crate::markdown::relative_source_path(&page.rel_path, target)
}

#[cfg(test)]
mod tests {
    #[test]
    fn help_links_are_relative_to_the_page() {
        assert_eq!(
            crate::markdown::relative_source_path("techniques/a.md", "when-to-get-help.md"),
            "../when-to-get-help.md"
        );
    }
}
