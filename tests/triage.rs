//! Triage sentences against the shipped guide's registry: tests/fixtures/triage/correct.txt
//! (written as NHS.UK pages write it) must all pass, and wrong.txt (red flags sent lower, put
//! off, hedged or dismissed) must be caught at least [`FLOOR`] of the time.

mod common;
use common::BookTest;

const FLOOR: f64 = 0.95;

fn sentences(file: &str) -> Vec<String> {
    let text = std::fs::read_to_string(common::fixtures().join("triage").join(file)).unwrap();
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect()
}

/// The lines of prevention.md on which `red-flag-under-graded` is reported, after appending
/// `paragraphs` (each on its own line, a blank line between), with the line each starts on.
fn under_graded(paragraphs: &[String]) -> (Vec<u64>, Vec<usize>) {
    let book = BookTest::shipped_guide();
    let mut page = book.read("content/prevention.md");
    let mut starts = Vec::new();
    for p in paragraphs {
        page.push('\n');
        starts.push(page.lines().count() + 1);
        page.push_str(p);
        page.push('\n');
    }
    book.write("content/prevention.md", &page);
    let run = book.run(&["check", "--format", "json"]);
    let lines = run
        .json()
        .iter()
        .filter(|d| d.code() == "red-flag-under-graded" && d.0["file"] == "content/prevention.md")
        .filter_map(|d| d.0["line"].as_u64())
        .collect();
    (lines, starts)
}

#[test]
fn correct_triage_passes() {
    let correct = sentences("correct.txt");
    assert!(correct.len() >= 40);
    let (found, starts) = under_graded(&correct);
    let alarms: Vec<&String> = correct
        .iter()
        .zip(&starts)
        .filter(|(_, line)| found.contains(&(**line as u64)))
        .map(|(s, _)| s)
        .collect();
    assert!(alarms.is_empty(), "false alarms: {alarms:#?}");
}

#[test]
fn wrong_triage_is_caught() {
    let wrong = sentences("wrong.txt");
    let mut missed = Vec::new();
    for sentence in &wrong {
        // One at a time: a caught sentence must not lend its referral to the next.
        let (found, starts) = under_graded(std::slice::from_ref(sentence));
        if !found.contains(&(starts[0] as u64)) {
            missed.push(sentence);
        }
    }
    let rate = 1.0 - missed.len() as f64 / wrong.len() as f64;
    println!(
        "caught {:.0}% of {}; missed: {missed:#?}",
        rate * 100.0,
        wrong.len()
    );
    assert!(
        rate >= FLOOR,
        "caught {:.0}%; missed: {missed:#?}",
        rate * 100.0
    );
}
