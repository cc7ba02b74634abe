//! Invalid fixtures combined, and the exact text of a few diagnostics. (Each fixture folder on
//! its own is a test in tests/fixtures.rs.)

mod common;
use common::{BookTest, diagnostics_in as found, fixtures};

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

#[test]
fn a_sign_on_a_card_of_its_own_is_sent_to_that_card() {
    let book = BookTest::from_fixture("basic");
    book.overlay(&fixtures().join("invalid/named-card-under-graded"));
    let run = book.run(&["check"]);
    run.assert_code(1);
    // Its level's usual service ("call 111") is not where this card sends readers.
    assert!(
        run.stderr.contains("it belongs on the `pregnancy` card")
            && run.stderr.contains("`{{ red-flags urgent pregnancy }}`"),
        "{}",
        run.stderr
    );
}
