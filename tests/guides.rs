//! Guides other than the shipped one, in tests/fixtures/guides/: each is a whole guide on
//! another body area, with its own registry, and must pass every rule with no errors and no
//! warnings. They are where false alarms show: a rule tuned to back pain fails here.

mod common;
use common::{BookTest, fixtures};

fn guides() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(fixtures().join("guides"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn every_guide_passes_with_no_errors_and_no_warnings() {
    let names = guides();
    assert!(!names.is_empty());
    for name in names {
        let book = BookTest::from_fixture(&format!("guides/{name}"));
        for command in ["check", "build"] {
            let run = book.run(&[command, "--deny-warnings"]);
            assert_eq!(run.code, 0, "{name} {command}:\n{}", run.stderr);
            assert!(
                run.stderr.contains("0 errors, 0 warnings"),
                "{name} {command}:\n{}",
                run.stderr
            );
        }
        let pages = walkdir::WalkDir::new(book.path("content"))
            .into_iter()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .path()
                    .extension()
                    .is_some_and(|x| x == "md")
            })
            .count();
        assert!(pages >= 8, "{name} has {pages} pages");
        assert!(
            book.path("public/when-to-get-help.html").is_file(),
            "{name}"
        );
    }
}

#[test]
fn the_ankle_guide_is_signed_and_a_lowered_flag_fails_it() {
    let book = BookTest::from_fixture("guides/ankle");
    let registry = book.read("content/safety.yaml");
    let lowered = registry.replacen("level: emergency", "level: urgent", 1);
    assert_ne!(lowered, registry);
    book.write("content/safety.yaml", &lowered);
    let run = book.run(&["check", "--format", "json"]);
    run.assert_code(1);
    assert!(
        run.json().iter().any(|d| d.code() == "registry-changed"),
        "{}",
        run.stdout
    );
}
