//! `carebook sign-off` and `safety.lock`: what a reviewer approved stays approved. Each quiet
//! edit that could weaken the advice fails the build at the place it was made; additions pass.

mod common;
use common::BookTest;

const REVIEWER: &str = "A. Reviewer, physiotherapist (HCPC PH00000)";

fn signed() -> BookTest {
    let book = BookTest::from_fixture("basic");
    let run = book.run(&["sign-off", "--reviewer", REVIEWER]);
    run.assert_code(0);
    assert!(
        run.stderr.contains("Signed off 3 red flags, 2 conditions"),
        "{}",
        run.stderr
    );
    book
}

/// The `registry-changed` errors of a check, as (location, message) pairs.
fn changes(book: &BookTest) -> Vec<(String, String)> {
    let run = book.run(&["check", "--format", "json"]);
    run.json()
        .into_iter()
        .filter(|d| d.code() == "registry-changed")
        .map(|d| (d.at(), d.message().to_string()))
        .collect()
}

fn edit(book: &BookTest, rel: &str, from: &str, to: &str) {
    let text = book.read(rel);
    assert!(text.contains(from), "{rel} has no `{from}`");
    book.write(rel, &text.replacen(from, to, 1));
}

#[test]
fn a_signed_guide_builds_and_names_its_reviewer_on_the_help_page() {
    let book = signed();
    let lock = book.read("safety.lock");
    assert!(lock.contains("reviewer = \"A. Reviewer"), "{lock}");
    assert!(lock.contains("date = \"2026-12-02\""), "{lock}");
    assert!(lock.contains("id = \"bladder-bowel\""), "{lock}");
    assert!(lock.contains("sign = \"sha256:"), "{lock}");
    book.run(&["build", "--deny-warnings"]).assert_code(0);
    let help = book.read("public/when-to-get-help.html");
    assert!(
        help.contains("signed off by A. Reviewer, physiotherapist (HCPC PH00000) on <time datetime=\"2026-12-02\">2 December 2026</time>"),
        "{help}"
    );
    assert!(!book.read("public/index.html").contains("signed off by"));
    assert!(
        !book.path("public/safety.lock").exists(),
        "the record is not published"
    );
}

#[test]
fn a_lowered_level_is_an_error_at_the_level_with_the_signed_level_as_the_fix() {
    let book = signed();
    edit(
        &book,
        "content/safety.yaml",
        "level: emergency",
        "level: urgent",
    );
    let found = changes(&book);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "content/safety.yaml:16:12");
    assert!(
        found[0].1.contains("lowered from `emergency` to `urgent`"),
        "{found:?}"
    );
    let run = book.run(&["check"]);
    run.assert_code(1);
    assert!(
        run.stderr.contains("put back `level: emergency`"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("merge related"), "{}", run.stderr);
}

#[test]
fn removed_words_a_removed_flag_and_a_reworded_sign_are_errors() {
    let book = signed();
    edit(
        &book,
        "content/safety.yaml",
        "words: [bladder, bowel, pee or poo]",
        "words: [bladder]",
    );
    edit(
        &book,
        "content/safety.yaml",
        "sign: you have a high temperature",
        "sign: you have a high temperature for more than a few days",
    );
    let text = book.read("content/safety.yaml");
    let cut = text.find("  - id: no-better").unwrap();
    book.write("content/safety.yaml", &text[..cut]);
    let found = changes(&book);
    assert_eq!(found.len(), 3, "{found:?}");
    let at = |needle: &str| {
        found
            .iter()
            .find(|(_, m)| m.contains(needle))
            .map(|(a, _)| a.clone())
            .unwrap_or_else(|| panic!("no `{needle}` in {found:?}"))
    };
    assert_eq!(
        at("removed from the red flag `bladder-bowel` since the sign-off: `bowel`, `pee or poo`"),
        "content/safety.yaml:17:12"
    );
    assert_eq!(
        at("sign of the red flag `fever` was reworded"),
        "content/safety.yaml:22:11"
    );
    assert!(at("`no-better` was removed").starts_with("content/safety.yaml:1:"));
}

#[test]
fn settings_that_drop_phrases_or_change_a_heading_are_errors_at_their_key() {
    let book = signed();
    let toml = book.read("book.toml");
    book.write(
        "book.toml",
        &format!(
            "{toml}\n[safety.referrals]\nsee-gp = [\"see a gp\"]\n\n[safety.wording]\nreplace-defaults = true\n\n[safety.headings]\nemergency = \"Call 112 if:\"\n"
        ),
    );
    let found = changes(&book);
    let at: Vec<&str> = found.iter().map(|(a, _)| a.as_str()).collect();
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(
        found
            .iter()
            .any(|(_, m)| m.contains("emergency care card heading changed"))
    );
    assert!(
        found
            .iter()
            .any(|(_, m)| m.contains("referral phrases for `see-gp`"))
    );
    assert!(
        found
            .iter()
            .any(|(_, m)| m.contains("[safety.wording] phrases"))
    );
    let lines = toml.lines().count();
    for want in [lines + 3, lines + 6, lines + 9] {
        assert!(
            at.iter()
                .any(|a| a.starts_with(&format!("book.toml:{want}:"))),
            "{want} in {at:?}"
        );
    }
}

#[test]
fn additions_need_no_new_sign_off_and_signing_again_accepts_a_change() {
    let book = signed();
    edit(
        &book,
        "content/safety.yaml",
        "words: [high temperature, fever]",
        "words: [high temperature, fever, feverish]",
    );
    edit(
        &book,
        "content/safety.yaml",
        "level: see-gp",
        "level: urgent",
    );
    assert!(changes(&book).is_empty(), "{:?}", changes(&book));
    edit(
        &book,
        "content/safety.yaml",
        "words: [few weeks]",
        "words: [weeks]",
    );
    assert_eq!(changes(&book).len(), 1);
    book.run(&["sign-off", "--reviewer", REVIEWER])
        .assert_code(0);
    assert!(changes(&book).is_empty());
}

#[test]
fn a_broken_record_is_an_error_and_a_guide_without_one_is_not_compared() {
    let book = BookTest::from_fixture("basic");
    book.run(&["check", "--deny-warnings"]).assert_code(0);
    book.write("safety.lock", "reviewer = 3\n");
    let run = book.run(&["check"]);
    run.assert_code(1);
    assert!(run.stderr.contains("error[bad-sign-off]"), "{}", run.stderr);
}

#[test]
fn sign_off_refuses_a_registry_with_errors_and_a_reviewer_without_a_name() {
    let book = BookTest::from_fixture("basic");
    book.run(&["sign-off", "--reviewer", "  "]).assert_code(2);
    edit(&book, "content/safety.yaml", "level: urgent", "level: soon");
    let run = book.run(&["sign-off", "--reviewer", REVIEWER]);
    run.assert_code(1);
    assert!(run.stderr.contains("nothing was written"), "{}", run.stderr);
    assert!(!book.path("safety.lock").exists());
}

#[test]
fn a_red_flag_moved_off_its_levels_main_card_is_an_error_at_its_card() {
    let book = signed();
    edit(
        &book,
        "content/safety.yaml",
        "    level: emergency\n",
        "    level: emergency\n    card: rare\n",
    );
    edit(
        &book,
        "content/when-to-get-help.md",
        "## Today",
        "## Rare\n\n> [!EMERGENCY] Call 999 now if:\n> {{ red-flags emergency rare }}\n\n## Today",
    );
    let found = changes(&book);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].0.starts_with("content/safety.yaml:"), "{found:?}");
    assert!(
        found[0]
            .1
            .contains("`bladder-bowel` moved from the main card to the `rare` card"),
        "{found:?}"
    );
}
