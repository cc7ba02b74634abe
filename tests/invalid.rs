//! Each folder in tests/fixtures/invalid/ is laid over the valid `basic` fixture and must fail
//! with exactly the diagnostics listed in its expected.txt (`code file:line:col` per line).

mod common;
use common::{BookTest, fixtures};

fn expected(case: &std::path::Path) -> (Vec<(String, String)>, i32) {
    let text = std::fs::read_to_string(case.join("expected.txt")).unwrap();
    let lines = text.lines().filter(|l| !l.trim().is_empty()).map(|l| {
        let (code, at) = l.split_once(' ').unwrap();
        (code.to_string(), at.to_string())
    });
    let exit = std::fs::read_to_string(case.join("exit"))
        .map(|t| t.trim().parse().unwrap())
        .unwrap_or(1);
    (lines.collect(), exit)
}

/// (code, file:line:col) of every diagnostic in human output.
fn found(stderr: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut code = None;
    for line in stderr.lines() {
        if let Some(rest) = line
            .strip_prefix("error[")
            .or_else(|| line.strip_prefix("warning["))
        {
            code = rest.split(']').next().map(str::to_string);
        } else if let (Some(at), Some(c)) = (line.strip_prefix("  --> "), code.take()) {
            out.push((c, at.to_string()));
        }
    }
    out
}

#[test]
fn every_invalid_fixture_fails_with_its_named_errors() {
    let mut cases: Vec<_> = std::fs::read_dir(fixtures().join("invalid"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    assert!(cases.len() >= 35, "fixtures missing");
    for case in cases {
        let book = BookTest::from_fixture("basic");
        book.overlay(&case);
        let (want, exit) = expected(&case);
        for command in [["build"].as_slice(), ["check"].as_slice()] {
            let run = book.run(command);
            assert_eq!(
                run.code,
                exit,
                "{}: exit code of {command:?}\n{}",
                case.display(),
                run.stderr
            );
            let mut got = found(&run.stderr);
            got.sort();
            let mut want = want.clone();
            want.sort();
            assert_eq!(
                got,
                want,
                "{}: diagnostics of {command:?}\n{}",
                case.display(),
                run.stderr
            );
        }
        assert!(
            !book.path("public").exists(),
            "{}: a failed build wrote output",
            case.display()
        );
    }
}

#[test]
fn one_build_reports_every_problem() {
    let book = BookTest::from_fixture("basic");
    for case in ["unknown-field", "broken-anchor", "unknown-condition"] {
        book.overlay(&fixtures().join("invalid").join(case));
    }
    let run = book.run(&["check"]);
    run.assert_code(1);
    let codes: Vec<String> = found(&run.stderr).into_iter().map(|(c, _)| c).collect();
    // The broken-anchor overlay replaces faq.md after unknown-field, so expect its two errors.
    assert!(
        codes.iter().filter(|c| *c == "broken-anchor").count() == 2,
        "{}",
        run.stderr
    );
    assert!(
        codes.contains(&"unknown-condition".to_string()),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("4 errors, 0 warnings"),
        "{}",
        run.stderr
    );
}

#[test]
fn diagnostics_read_like_rustc() {
    let book = BookTest::from_fixture("basic");
    book.overlay(&fixtures().join("invalid/unknown-field"));
    let run = book.run(&["check"]);
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn broken_link_suggests_the_nearest_page() {
    let book = BookTest::from_fixture("basic");
    book.overlay(&fixtures().join("invalid/broken-link"));
    let run = book.run(&["check"]);
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn broken_anchor_suggests_the_nearest_heading() {
    let book = BookTest::from_fixture("basic");
    book.overlay(&fixtures().join("invalid/broken-anchor"));
    let run = book.run(&["check"]);
    insta::assert_snapshot!(run.stderr);
}

/// Each folder in tests/fixtures/valid/ is laid over the basic fixture and must pass with no
/// errors and no warnings: the safety rules must not fire on correct placements.
#[test]
fn every_valid_fixture_passes_clean() {
    let mut cases: Vec<_> = std::fs::read_dir(fixtures().join("valid"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    assert!(cases.len() >= 6, "fixtures missing");
    for case in cases {
        let book = BookTest::from_fixture("basic");
        book.overlay(&case);
        let run = book.run(&["build"]);
        assert_eq!(run.code, 0, "{}\n{}", case.display(), run.stderr);
        assert!(
            run.stderr.contains("0 errors, 0 warnings"),
            "{}\n{}",
            case.display(),
            run.stderr
        );
    }
}
