//! Triage sentences against the shipped guide's registry: tests/fixtures/triage/correct.txt
//! (written as NHS.UK pages write it) must all pass with no error and no warning, and
//! wrong.txt (red flags sent lower, put off, hedged or dismissed) must be caught at least
//! [`FLOOR`] of the time, as must wording.txt (overpromises, pushing through pain, doses with
//! no limit) with each case's own code. A line is one case; `\n` in it starts a new line (a heading and its
//! answer, a list, a table), and a case that starts `summary: ` is the page's summary.

mod common;
use common::BookTest;

const FLOOR: f64 = 0.95;

fn sentences(file: &str) -> Vec<String> {
    let text = std::fs::read_to_string(common::fixtures().join("triage").join(file)).unwrap();
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.replace("\\n", "\n"))
        .collect()
}

/// The page a case goes on: prevention.md, or the page a leading `@techniques/x.md ` names.
fn target(case: &str) -> (String, &str) {
    match case.strip_prefix('@').and_then(|c| c.split_once(' ')) {
        Some((page, rest)) => (format!("content/{page}"), rest),
        None => ("content/prevention.md".to_string(), case),
    }
}

/// The shipped guide with `cases` added to their pages: a case that starts `summary: `
/// replaces the page's summary; any other is appended as paragraphs, a blank line before
/// each. Returns the page and the (first, last) line of each case.
fn with_cases(book: &BookTest, cases: &[String]) -> Vec<(String, u64, u64)> {
    let mut pages: std::collections::BTreeMap<String, String> = Default::default();
    let mut lines = Vec::new();
    for case in cases {
        let (path, case) = target(case);
        let page = pages
            .entry(path.clone())
            .or_insert_with(|| book.read(&path));
        if let Some(summary) = case.strip_prefix("summary: ") {
            let at = page
                .lines()
                .position(|l| l.starts_with("summary: "))
                .unwrap();
            let mut rows: Vec<String> = page.lines().map(str::to_string).collect();
            rows[at] = format!("summary: {summary}");
            *page = rows.join("\n") + "\n";
            lines.push((path, at as u64 + 1, at as u64 + 1));
            continue;
        }
        page.push('\n');
        let first = page.lines().count() as u64 + 1;
        page.push_str(case);
        page.push('\n');
        lines.push((path, first, page.lines().count() as u64));
    }
    for (path, page) in &pages {
        book.write(path, page);
    }
    lines
}

#[test]
fn correct_triage_passes_with_no_warnings() {
    let correct = sentences("correct.txt");
    assert!(correct.len() >= 60, "{} correct sentences", correct.len());
    let book = BookTest::shipped_guide();
    with_cases(&book, &correct);
    let run = book.run(&["check", "--deny-warnings", "--format", "json"]);
    let found: Vec<String> = run
        .json()
        .iter()
        .map(|d| format!("{} {}: {}", d.code(), d.0["line"], d.0["message"]))
        .collect();
    assert!(found.is_empty(), "false alarms: {found:#?}");
    run.assert_code(0);
}

#[test]
fn wrong_triage_is_caught() {
    let wrong = sentences("wrong.txt");
    assert!(wrong.len() >= 60, "{} wrong sentences", wrong.len());
    let cases: Vec<(&str, &str)> = (wrong.iter())
        .map(|c| ("red-flag-under-graded", c.as_str()))
        .collect();
    assert_caught(&cases);
}

/// wording.txt: overpromises, permission to carry on through pain, doses with no limit or
/// too large, someone else doing the technique, and a technique's text against its
/// contraindications, each line `code: text`, caught with that code.
#[test]
fn wrong_wording_is_caught_with_its_own_code() {
    let wrong = sentences("wording.txt");
    assert!(wrong.len() >= 30, "{} wrong wording cases", wrong.len());
    let cases: Vec<(&str, &str)> = (wrong.iter())
        .map(|c| c.split_once(": ").expect("`code: text`"))
        .collect();
    for code in [
        "overpromise",
        "push-through",
        "unlimited-dose",
        "dose-too-high",
        "on-someone-else",
        "praises-contraindicated",
        "contraindication-unlisted",
    ] {
        let n = cases.iter().filter(|(c, _)| *c == code).count();
        assert!(n >= 3, "{n} cases of {code}");
    }
    assert_caught(&cases);
}

/// Each (code, case) on its own in the shipped guide: at least [`FLOOR`] of them fail with
/// that code on the case's own lines.
fn assert_caught(cases: &[(&str, &str)]) {
    let mut missed = Vec::new();
    for &(code, case) in cases {
        // One at a time: a caught case must not lend its referral to the next.
        let book = BookTest::shipped_guide();
        let (page, first, last) = with_cases(&book, &[case.to_string()]).remove(0);
        let run = book.run(&["check", "--format", "json"]);
        let caught = run.json().iter().any(|d| {
            let line = d.0["line"].as_u64().unwrap_or(0);
            d.code() == code && d.0["file"] == page.as_str() && (first..=last).contains(&line)
        });
        if !caught {
            missed.push(case);
        }
    }
    let rate = 1.0 - missed.len() as f64 / cases.len() as f64;
    println!(
        "caught {:.0}% of {}; missed: {missed:#?}",
        rate * 100.0,
        cases.len()
    );
    assert!(
        rate >= FLOOR,
        "caught {:.0}%; missed: {missed:#?}",
        rate * 100.0
    );
}

#[test]
fn urgent_triage_of_a_sign_the_registry_lacks_is_a_warning_until_it_is_added() {
    let book = BookTest::shipped_guide();
    let case = "Call 111 if the pain spreads to your groin and your skin turns yellow.\n\n\
                Call 111 if the pain spreads to your groin and you feel confused.";
    let (_, first, _) = with_cases(&book, &[case.to_string()]).remove(0);
    let run = book.run(&["check", "--format", "json"]);
    run.assert_code(0);
    let found: Vec<_> = run
        .json()
        .into_iter()
        .filter(|d| d.code() == "unregistered-triage")
        .collect();
    // One sign sent to one level twice is one warning, at its first place.
    assert_eq!(found.len(), 1, "{}", run.stdout);
    assert_eq!(found[0].at(), format!("content/prevention.md:{first}:17"));
    assert!(
        found[0].message().contains("\"pain\""),
        "{}",
        found[0].message()
    );
    assert_eq!(
        book.run(&["check", "--deny-warnings"]).code,
        1,
        "--deny-warnings fails on it"
    );
    // Routine advice about a symptom is not triage the registry must hold.
    let book = BookTest::shipped_guide();
    with_cases(&book, &["Talk to your GP if the pain lasts.".to_string()]);
    book.run(&["check", "--deny-warnings"]).assert_code(0);
    // Once the sign is a red flag of its level, the sentence is checked against it instead.
    let book = BookTest::shipped_guide();
    with_cases(&book, &[case.to_string()]);
    let registry = book.read("content/safety.yaml").replacen(
        "    words: [high temperature, hot and shivery]",
        "    words: [high temperature, hot and shivery, spreads to your groin]",
        1,
    );
    book.write("content/safety.yaml", &registry);
    book.run(&["check", "--deny-warnings"]).assert_code(0);
}
