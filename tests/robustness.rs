//! carebook never panics on odd input: every case ends with exit 0 or 1 and a message.

mod common;
use common::BookTest;

const CASES: &[(&str, &str)] = &[
    ("empty file", ""),
    ("only a fence", "---"),
    ("two fences", "---\n---\n"),
    ("byte order mark", "\u{feff}---\ntitle: BOM\n---\nText.\n"),
    (
        "windows line endings",
        "---\r\ntitle: CRLF\r\nreviewed: 2026-01-01\r\n---\r\n\r\n## Head\r\n\r\n[x](#head)\r\n",
    ),
    ("front matter is a list", "---\n- a\n- b\n---\n"),
    ("front matter is a string", "---\njust text\n---\n"),
    ("tab indentation", "---\ntitle: T\n\tsummary: x\n---\n"),
    (
        "alias bomb",
        "---\na: &a [x, x, x, x]\nb: &b [*a, *a, *a, *a]\nc: &c [*b, *b, *b, *b]\ntitle: T\n---\n",
    ),
    (
        "deep nesting",
        "---\ntitle: T\nrelated: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[x]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n---\n",
    ),
    (
        "unclosed code fence",
        "---\ntitle: T\n---\n\n```rust\nfn main() {\n",
    ),
    (
        "unknown language",
        "---\ntitle: T\n---\n\n```klingon\nqapla'\n```\n",
    ),
    ("empty callout", "---\ntitle: T\n---\n\n> [!NOTE]\n"),
    (
        "nested callouts",
        "---\ntitle: T\n---\n\n> [!CAUTION]\n> > [!TIP]\n> > inner\n",
    ),
    ("marker only bracket", "---\ntitle: T\n---\n\n> [!\n"),
    (
        "heading without text",
        "---\ntitle: T\n---\n\n##\n\n## {#}\n",
    ),
    (
        "link to nothing",
        "---\ntitle: T\n---\n\n[a]() [b](#) [c](.md) [d](../../../../x.md#y) [e](/faq.md)\n",
    ),
    ("html only", "---\ntitle: T\n---\n\n<div><p>unclosed\n"),
    (
        "multibyte columns",
        "---\ntitle: ünïcödé\nsümmary: x\n---\n\n[ß](nöpe.md)\n",
    ),
    ("huge front matter", ""),
    (
        "dates as numbers",
        "---\ntitle: T\nreviewed: 20260101\nnext-review: 2026-13-45\n---\n",
    ),
    ("kind as list", "---\ntitle: T\nkind: [technique]\n---\n"),
];

#[test]
fn odd_pages_never_panic() {
    for (name, text) in CASES {
        let book = BookTest::from_fixture("basic");
        let text = if *name == "huge front matter" {
            format!("---\ntitle: T\nsummary: \"{}\"\n---\n", "x".repeat(70_000))
        } else {
            text.to_string()
        };
        book.write("content/odd.md", &text);
        for command in ["check", "build"] {
            let run = book.run(&[command]);
            assert!(
                run.code == 0 || run.code == 1,
                "{name}: {command} exited {}\n{}",
                run.code,
                run.stderr
            );
            assert!(!run.stderr.contains("panicked"), "{name}: {}", run.stderr);
        }
    }
}

#[test]
fn a_file_that_is_not_utf8_is_reported() {
    let book = BookTest::from_fixture("basic");
    std::fs::write(
        book.path("content/latin1.md"),
        b"---\ntitle: caf\xe9\n---\n",
    )
    .unwrap();
    let run = book.run(&["check"]);
    run.assert_code(1);
    assert!(
        run.stderr.contains("error[not-utf8]") && run.stderr.contains("content/latin1.md"),
        "{}",
        run.stderr
    );
}

#[test]
fn html_lists_closed_inside_a_callout_do_not_panic() {
    let book = BookTest::from_fixture("basic");
    book.write(
        "content/odd.md",
        "---\ntitle: T\n---\n\n<ul><ul>\n\n> [!WARNING]\n> </ul></ul>\n>\n> - x\n",
    );
    for command in ["check", "build"] {
        let run = book.run(&[command]);
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    }
}

#[test]
fn stray_end_tags_do_not_lift_the_nesting_limit() {
    let book = BookTest::from_fixture("basic");
    let body = "<div></i>".repeat(5_000);
    book.write("content/odd.md", &format!("---\ntitle: T\n---\n\n{body}\n"));
    let run = book.run(&["check"]);
    run.assert_code(1);
    assert!(
        run.stderr.contains("error[nesting-too-deep]"),
        "{}",
        &run.stderr[..run.stderr.len().min(3000)]
    );
}
