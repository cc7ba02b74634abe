//! Every fixture folder is a test of its own, so one failure never hides the others.
//!
//! - Each folder in tests/fixtures/invalid/ is laid over the valid `basic` fixture and must fail,
//!   in `build` and in `check`, with exactly the diagnostics its expected.txt lists
//!   (`code file:line:col` per line), with the exit code in its `exit` file (1 without one), and
//!   write nothing.
//! - Each folder in tests/fixtures/valid/ is laid over `basic` and must build with no errors and
//!   no warnings: the placements the safety rules must not fire on.
//!
//! `cargo test --test fixtures -- NAME` runs one.

mod common;
use common::{BookTest, fixtures};
use libtest_mimic::{Arguments, Failed, Trial};
use std::path::{Path, PathBuf};

fn main() {
    let args = Arguments::from_args();
    let (invalid_cases, valid_cases) = (cases("invalid").len(), cases("valid").len());
    let mut trials = vec![Trial::test("the fixtures are all there", move || {
        match invalid_cases >= 35 && valid_cases >= 6 {
            true => Ok(()),
            false => {
                Err(format!("{invalid_cases} invalid and {valid_cases} valid fixtures").into())
            }
        }
    })];
    for (kind, check) in [
        ("invalid", invalid as fn(&Path) -> Result<(), Failed>),
        ("valid", valid),
    ] {
        for case in cases(kind) {
            let name = format!("{kind}::{}", case.file_name().unwrap().to_string_lossy());
            trials.push(Trial::test(name, move || check(&case)));
        }
    }
    libtest_mimic::run(&args, trials).exit();
}

fn cases(kind: &str) -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(fixtures().join(kind))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    cases
}

/// The diagnostics a case expects, and its exit code.
fn expected(case: &Path) -> (Vec<(String, String)>, i32) {
    let text = std::fs::read_to_string(case.join("expected.txt")).unwrap_or_default();
    let lines = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .filter_map(|l| {
            let (code, at) = l.split_once(' ')?;
            Some((code.to_string(), at.to_string()))
        });
    let exit = std::fs::read_to_string(case.join("exit"))
        .ok()
        .and_then(|t| t.trim().parse().ok())
        .unwrap_or(1);
    let mut lines: Vec<_> = lines.collect();
    lines.sort();
    (lines, exit)
}

fn invalid(case: &Path) -> Result<(), Failed> {
    let book = BookTest::from_fixture("basic");
    book.overlay(case);
    let (want, exit) = expected(case);
    if want.is_empty() {
        return Err("expected.txt lists no diagnostics".into());
    }
    for command in ["build", "check"] {
        let run = book.run(&[command]);
        if run.code != exit {
            return Err(format!(
                "{command}: exit code {} (wanted {exit})\n{}",
                run.code, run.stderr
            )
            .into());
        }
        let mut got = common::diagnostics_in(&run.stderr);
        got.sort();
        if got != want {
            return Err(
                format!("{command}: found {got:?}\nwanted {want:?}\n{}", run.stderr).into(),
            );
        }
    }
    if book.path("public").exists() {
        return Err("a failed build wrote output".into());
    }
    Ok(())
}

fn valid(case: &Path) -> Result<(), Failed> {
    let book = BookTest::from_fixture("basic");
    book.overlay(case);
    let run = book.run(&["build"]);
    if run.code != 0 || !run.stderr.contains("0 errors, 0 warnings") {
        return Err(format!("exit {}\n{}", run.code, run.stderr).into());
    }
    Ok(())
}
