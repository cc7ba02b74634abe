//! The safety layer end to end: each mistake, introduced into a copy of the shipped guide, fails
//! the build with an actionable message; reports in JSON and GitHub formats; review dates.

mod common;
use common::{BookTest, fixtures};
use scraper::{Html, Selector};

/// Apply `edit` to a copy of the shipped guide and return the `check` output.
fn shipped_with(file: &str, edit: impl Fn(String) -> String) -> common::Run {
    let book = BookTest::shipped_guide();
    let text = book.read(file);
    let changed = edit(text.clone());
    assert_ne!(text, changed, "the edit to {file} changed nothing");
    book.write(file, &changed);
    book.run(&["check"])
}

#[track_caller]
fn fails_with(run: &common::Run, code: &str, needle: &str) {
    assert_eq!(run.code, 1, "{}", run.stderr);
    let block = run
        .stderr
        .split("\n\n")
        .find(|b| b.contains(&format!("error[{code}]")))
        .unwrap_or_else(|| panic!("no {code}:\n{}", run.stderr));
    assert!(
        block.contains("  --> ") && block.contains("= help: "),
        "{block}"
    );
    assert!(block.contains(needle), "{block}");
}

#[test]
fn the_shipped_guide_passes_every_rule_with_no_warnings() {
    let book = BookTest::shipped_guide();
    let run = book.run(&["check", "--deny-warnings"]);
    run.assert_code(0);
    assert!(
        run.stderr
            .contains("0 errors, 0 warnings, 12 pages checked"),
        "{}",
        run.stderr
    );
    let rows: Vec<&str> = run.stdout.lines().filter(|l| l.starts_with("  ")).collect();
    assert_eq!(rows.len(), 12, "{}", run.stdout);
    for line in rows {
        let grade: f64 = line
            .split("grade")
            .nth(1)
            .unwrap()
            .split_whitespace()
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert!(grade <= 8.0, "{line}");
    }
}

#[test]
fn bladder_and_bowel_problems_under_see_a_gp_fail_the_build() {
    let card = "\n## Other signs\n\n> [!SEE-GP]\n> - you have difficulty controlling your bladder or bowels\n";
    let run = shipped_with("content/when-to-get-help.md", |t| t + card);
    fails_with(
        &run,
        "red-flag-under-graded",
        "emergency red flag `bladder-bowel-control`",
    );
    let sentence = "\nSee your GP if you notice problems with bladder control.\n";
    let run = shipped_with("content/prevention.md", |t| t + sentence);
    fails_with(
        &run,
        "red-flag-under-graded",
        "text that says \"see your gp\"",
    );
    let list = "\nBook an appointment with your GP if you have:\n\n- numbness in both legs\n";
    let run = shipped_with("content/faq.md", |t| t + list);
    fails_with(&run, "red-flag-under-graded", "`both-legs`");
}

#[test]
fn technique_mistakes_fail_the_build() {
    let run = shipped_with("content/techniques/childs-pose.md", |t| {
        t.replace("> [!STOP-IF]", "> [!NOTE]")
    });
    fails_with(&run, "technique-no-stop-if", "childs-pose.md");
    let run = shipped_with("content/techniques/seated-spinal-twist.md", |t| {
        t.replacen("[osteoporosis,", "[osteoporsis,", 1)
    });
    fails_with(&run, "unknown-condition", "did you mean `osteoporosis`?");
    let run = shipped_with("content/techniques/foam-roller.md", |t| {
        t.replace("(../when-to-get-help.md)", "(../faq.md)")
    });
    fails_with(&run, "technique-no-help-link", "foam-roller.md");
    let run = shipped_with("content/techniques/knee-to-chest.md", |t| {
        t.replacen("## Steps", "Gently and completely safe.\n\n## Steps", 1)
    });
    fails_with(&run, "overpromise", "completely safe");
}

#[test]
fn registry_and_card_mistakes_fail_the_build() {
    let run = shipped_with("content/when-to-avoid.md", |t| {
        t.replace("{{ condition spinal-stenosis }}", "")
    });
    fails_with(&run, "condition-not-described", "spinal-stenosis");
    let run = shipped_with("content/when-to-get-help.md", |t| {
        t.replace("{{ red-flags urgent }}", "- you feel unwell")
    });
    fails_with(&run, "red-flag-missing", "urgent care card");
    let run = shipped_with("content/when-to-get-help.md", |t| {
        t.replacen(
            "{{ red-flags emergency }}",
            "{{ red-flags emergency }}\n>\n> [Read more](faq.md)",
            1,
        )
    });
    fails_with(&run, "emergency-card-link", "faq.md");
    let run = shipped_with("content/faq.md", |t| {
        t.replace("[!EMERGENCY]", "[!EMERGENCYY]")
    });
    fails_with(&run, "unknown-callout", "did you mean `[!EMERGENCY]`?");
}

#[test]
fn overdue_reviews_fail_unless_allowed_for_a_preview() {
    let book = BookTest::shipped_guide();
    let run = book.run_on(&["check"], "2030-01-01");
    fails_with(&run, "review-overdue", "due for review on 2029-12-02");
    assert!(run.stderr.contains("12 errors"), "{}", run.stderr);
    let run = book.run_on(&["build", "--allow-overdue"], "2030-01-01");
    run.assert_code(0);
    assert!(
        run.stderr.contains("0 errors, 12 warnings"),
        "{}",
        run.stderr
    );
    book.run_on(
        &["check", "--allow-overdue", "--deny-warnings"],
        "2030-01-01",
    )
    .assert_code(1);
    let run = book.run_on(&["check"], "someday");
    run.assert_code(2);
    assert!(run.stderr.contains("CAREBOOK_TODAY"), "{}", run.stderr);
}

#[test]
fn json_format_has_one_object_per_diagnostic() {
    let book = BookTest::from_fixture("basic");
    book.overlay(&fixtures().join("invalid/red-flag-under-graded-card"));
    let run = book.run(&["check", "--format", "json"]);
    run.assert_code(1);
    let objects: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(objects.len(), 1, "{}", run.stdout);
    let d = &objects[0];
    assert_eq!(d["level"], "error");
    assert_eq!(d["code"], "red-flag-under-graded");
    assert_eq!(d["file"], "content/faq.md");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(11), Some(42))
    );
    assert!(d["help"].as_str().unwrap().contains("[!EMERGENCY]"));
    assert!(
        d["source_line"]
            .as_str()
            .unwrap()
            .contains("bladder or bowels")
    );
}

#[test]
fn github_format_writes_workflow_annotations() {
    let book = BookTest::from_fixture("basic");
    book.overlay(&fixtures().join("invalid/broken-anchor"));
    let run = book.run(&["build", "--format", "github"]);
    run.assert_code(1);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", run.stdout);
    assert!(
        lines[0].starts_with(
            "::error file=content/faq.md,line=9,col=18,title=carebook broken-anchor::"
        ),
        "{}",
        lines[0]
    );
    assert!(
        lines[0].contains("%0Ahelp: did you mean `#weak-bones`?"),
        "{}",
        lines[0]
    );
}

#[test]
fn explain_prints_the_long_explanation() {
    let book = BookTest::from_fixture("basic");
    let run = book.run(&["check", "--explain", "red-flag-under-graded"]);
    run.assert_code(0);
    assert!(run.stdout.contains("never 'see a GP'"), "{}", run.stdout);
}

#[test]
fn care_cards_render_like_nhs_care_cards() {
    let book = BookTest::from_fixture("basic");
    book.run(&["build"]).assert_code(0);
    let doc = Html::parse_document(&book.read("public/when-to-get-help.html"));
    let cards: Vec<String> = doc
        .select(&Selector::parse(".care-card").unwrap())
        .map(|c| c.html())
        .collect();
    insta::assert_snapshot!(cards.join("\n\n"));
}

#[test]
fn care_card_headings_come_from_book_toml() {
    let book = BookTest::from_fixture("basic");
    book.overlay(&fixtures().join("valid/custom-care-card-headings"));
    book.run(&["build"]).assert_code(0);
    let doc = Html::parse_document(&book.read("public/when-to-get-help.html"));
    let heading: String = doc
        .select(&Selector::parse(".care-card--emergency .care-card__heading").unwrap())
        .next()
        .unwrap()
        .text()
        .collect();
    assert_eq!(
        heading,
        "Immediate action required: Call 911 or go to the emergency room now if:"
    );
}

#[test]
fn more_mistakes_in_the_shipped_guide_fail_the_build() {
    let run = shipped_with("content/techniques/foam-roller.md", |t| {
        t.replacen(
            "## Steps",
            "> [!CAUTION]\n> One.\n\n> [!WARNING]\n> Two.\n\n## Steps",
            1,
        )
    });
    fails_with(&run, "too-many-warnings", "the most is 2");
    let six =
        "\n## More\n\n> [!SEE-GP]\n> - one\n> - two\n> - three\n> - four\n> - five\n> - six\n";
    let run = shipped_with("content/prevention.md", |t| t + six);
    fails_with(&run, "care-card-too-long", "6 signs");
    let run = shipped_with("content/techniques/childs-pose.md", |t| {
        let start = t.find("sources:").unwrap();
        let end = t[start..].find("\nduration:").unwrap() + start + 1;
        format!("{}{}", &t[..start], &t[end..])
    });
    fails_with(&run, "missing-sources", "childs-pose.md");
    let run = shipped_with("content/anatomy.md", |t| {
        t.replace("next-review: 2029-12-02", "next-review: 2031-12-02")
    });
    fails_with(&run, "review-interval", "more than 3 years");
    let dense = "\nPhysiotherapeutic rehabilitation necessitates individualised consideration of comorbidities, pharmacological interactions and occupational requirements influencing musculoskeletal recovery.\n";
    let run = shipped_with("content/prevention.md", |t| t + &dense.repeat(12));
    fails_with(&run, "readability", "prevention.md");
    let run = shipped_with("content/techniques/foam-roller.md", |t| {
        t.replace(
            "contraindications: [",
            "contraindications: [hip-replacement, ",
        )
    });
    assert_eq!(
        run.code, 0,
        "adding a used condition is fine: {}",
        run.stderr
    );
    let run = shipped_with("content/techniques/standing-back-extension.md", |t| {
        t.replace("balance-problems", "inflammation")
    });
    fails_with(&run, "condition-unused", "`balance-problems`");
}

#[test]
fn a_custom_care_card_heading_should_end_with_if() {
    let run = shipped_with("content/faq.md", |t| {
        t.replacen("> [!EMERGENCY]\n", "> [!EMERGENCY] Call 999 now\n", 1)
    });
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("warning[care-card-heading]"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_card_heading_must_name_its_levels_service_without_delay() {
    for heading in [
        "Get help now if:",
        "See a GP if:",
        "Call 112 now if:",
        "Call 999 at your next appointment if:",
        "You might want to call 999 if:",
    ] {
        let run = shipped_with("content/faq.md", |t| {
            t.replacen(
                "> [!EMERGENCY]\n",
                &format!("> [!EMERGENCY] {heading}\n"),
                1,
            )
        });
        fails_with(&run, "card-heading-service", heading);
    }
    let run = shipped_with("book.toml", |t| {
        format!("{t}\n[safety.headings]\nemergency = \"Call 112 now if:\"\n")
    });
    fails_with(&run, "card-heading-service", "[safety.headings] emergency");
}

#[test]
fn the_help_page_must_place_each_levels_card_from_the_registry() {
    let run = shipped_with("content/when-to-get-help.md", |t| {
        t.replacen(
            "> {{ red-flags emergency }}",
            "> ![The emergency signs](emergency.png)",
            1,
        )
    });
    fails_with(&run, "help-page-cards", "no emergency care card");
}
