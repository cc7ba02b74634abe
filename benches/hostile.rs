//! Pages written to make a build slow or large: one per case the reliability audit found
//! growing faster than its input (issue 11). Each case checks (builds without writing) a
//! small guide with one such page. With every pass linear, or a limit refusing the page early,
//! each takes milliseconds; a regression to quadratic time shows here as seconds.
//!
//! `cargo bench --bench hostile`. `cargo test --all-targets` runs each case once.

use carebook::content::Date;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::{Path, PathBuf};

/// A minimal guide with `body` as one more page.
fn guide(dir: &Path, body: &str) {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/basic");
    for entry in walkdir::WalkDir::new(&fixture).into_iter().flatten() {
        let target = dir.join(entry.path().strip_prefix(&fixture).expect("inside"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("folder");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
    let page =
        format!("---\ntitle: T\nreviewed: 2026-01-01\nnext-review: 2027-01-01\n---\n\n{body}");
    std::fs::write(dir.join("content/odd.md"), page).expect("page");
}

/// The pathological pages, each at the size the audit measured. All but the first are refused
/// (a limit, an error); 8,000 headings with the same text are only numbered.
fn cases() -> Vec<(&'static str, String, bool)> {
    let table_row = format!("|{}\n", "a|".repeat(1_000));
    vec![
        (
            "8,000 identical headings",
            "## Same\n\ntext\n\n".repeat(8_000),
            false,
        ),
        (
            "32,000 nested divs",
            format!("{}x{}\n", "<div>".repeat(32_000), "</div>".repeat(32_000)),
            true,
        ),
        (
            "230,000 divs behind stray end tags",
            "<div></i>".repeat(230_000),
            true,
        ),
        (
            "an HTML block of 100,000 lines",
            format!("<div>\n{}</div>\n", "Text.\n".repeat(100_000)),
            false,
        ),
        (
            "40,000 red-flag words in a referral",
            format!("{} see a GP.\n", "bladder ".repeat(40_000)),
            true,
        ),
        (
            "a lead-in before 50,000 list items",
            format!(
                "See a GP if:\n\n{}",
                "- you cannot control your bladder\n".repeat(50_000)
            ),
            true,
        ),
        (
            "a footnote referred to 100,000 times",
            format!(
                "{}\n\n[^a]: You cannot control your bladder.\n",
                "See a GP.[^a] ".repeat(100_000)
            ),
            true,
        ),
        (
            "a 1000 x 1000 table",
            format!(
                "{table_row}|{}\n{}",
                "-|".repeat(1_000),
                table_row.repeat(1_000)
            ),
            true,
        ),
        (
            "a 100,000-line code block",
            format!("```rust\n{}```\n", "let x = 1;\n".repeat(100_000)),
            true,
        ),
        (
            "a 200,000-line code block",
            format!("```rust\n{}```\n", "let x = 1;\n".repeat(200_000)),
            true,
        ),
        (
            "4,000 broken links on one line",
            (0..4_000).map(|i| format!("[x](nope{i}.md) ")).collect(),
            true,
        ),
        (
            "5,000 warning callouts",
            "> [!CAUTION]\n> careful\n\n".repeat(5_000),
            true,
        ),
        (
            "30,000 directives",
            "{{ condition weak-bones }}\n\n".repeat(30_000),
            true,
        ),
    ]
}

fn benches(c: &mut Criterion) {
    for (name, body, refused) in cases() {
        let dir = tempfile::tempdir().expect("temp dir");
        guide(dir.path(), &body);
        let options = carebook::BuildOptions {
            root: dir.path().to_path_buf(),
            write: false,
            display_root: PathBuf::from("."),
            today: Date::parse("2026-12-02").ok(),
            ..Default::default()
        };
        c.bench_function(&format!("hostile page: {name}"), |b| {
            b.iter(|| {
                let outcome = carebook::build(&options).expect("a check, not a failure");
                if refused {
                    assert!(outcome.report.has_errors(), "{name} should be refused");
                }
                black_box(outcome)
            })
        });
    }
}

criterion_group! {
    name = hostile;
    config = Criterion::default().sample_size(10);
    targets = benches
}
criterion_main!(hostile);
