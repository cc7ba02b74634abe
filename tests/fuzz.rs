//! A property test over the whole pipeline: random guides (book.toml, the safety registry and
//! pages, built from the pieces authors really write, mutated at random, and now and then
//! replaced by random bytes) are checked and built. Whatever the input, carebook must not
//! panic or hang, must end in a report or a failure (exit 1 or 2, never a crash), must write
//! nothing when it reports an error, and must never publish an executable address.
//!
//! CI runs a bounded number of cases. For a longer run:
//!
//! ```sh
//! PROPTEST_CASES=20000 cargo test --release --test fuzz
//! ```
//!
//! A failing case is shrunk to a small one and saved under `tests/fuzz.proptest-regressions`,
//! which is replayed first on every run (commit it with the fix).

use carebook::content::Date;
use proptest::prelude::*;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Cases per run when PROPTEST_CASES is not set.
const CASES: u32 = 256;
/// Longest a single build may take before the case counts as a hang.
const HANG: Duration = Duration::from_secs(20);

/// Pieces of Markdown that exercise every pass: callouts, directives, links of every kind,
/// raw HTML, tables, footnotes, code, headings and text that looks like red flags.
fn markdown_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("## Steps\n\n1. Sit down.\n2. Breathe out.\n".to_string()),
        Just("> [!STOP-IF]\n> - it hurts more\n".to_string()),
        Just("> [!EMERGENCY]\n> {{ red-flags emergency }}\n".to_string()),
        Just("> [!SEE-GP]\n> - you cannot control your bladder\n".to_string()),
        Just("{{ condition weak-bones }}\n".to_string()),
        Just("{{ red-flags urgent }}\n{{ red-flags see-gp }}\n".to_string()),
        Just("See a GP if:\n\n<ul><li>numb in both legs</li></ul>\n".to_string()),
        Just("<details><summary>See a GP</summary>bladder</details>\n".to_string()),
        Just(
            "<div class=\"care-card care-card--emergency\" onclick=\"x()\">hi</div>\n".to_string()
        ),
        Just("| a | b |\n|---|---|\n| bladder | see a GP |\n".to_string()),
        Just("Note.[^1]\n\n[^1]: You cannot control your bowels.\n".to_string()),
        Just("```rust\nfn main() {}\n```\n".to_string()),
        Just("[help](when-to-get-help.md) [x](#steps) [y](missing.md#z)\n".to_string()),
        Just("[a](javascript:alert(1)) ![b](data:image/png,AAAA) <vbscript:x>\n".to_string()),
        Just("[r]: JaVaScRiPt:alert(1)\n\n[link][r]\n".to_string()),
        Just("blad\u{ad}der bl\u{430}dder ｂｌａｄｄｅｒ\u{200b}\n".to_string()),
        Just("completely safe, guaranteed\n".to_string()),
        Just("<script>alert(1)</script>\n<style>\n".to_string()),
        Just("<details>\n\n> [!EMERGENCY]\n> - x\n".to_string()),
        Just("## Head {.care-card #main}\n".to_string()),
        Just("<table><tr><td>bladder.</td><td>see a GP.</td></tr></table>\n".to_string()),
        "[ -~]{0,80}".prop_map(|s| format!("{s}\n")),
        "\\PC{0,40}".prop_map(|s| format!("{s}\n")),
        (1usize..6).prop_map(|n| format!("{} deep\n", ">".repeat(n * 20))),
    ]
}

/// Raw HTML with things the sanitiser removes: a guide with these still builds, and none of
/// it may reach the output.
fn sanitised_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("<a href=\"javascript:alert(1)\">a</a>\n".to_string()),
        Just("<img src=\"x.png\" onerror=\"alert(1)\" alt=\"x\">\n".to_string()),
        Just("<details><summary>More</summary>words</details>\n".to_string()),
        Just("<p style=\"display:none\" onclick=\"alert(1)\">hidden</p>\n".to_string()),
        Just("Plain words about moving gently.\n".to_string()),
    ]
}

fn front_matter() -> impl Strategy<Value = String> {
    let field = prop_oneof![
        Just("kind: technique".to_string()),
        Just("kind: recipe".to_string()),
        Just("next-review: 2026-02-30".to_string()),
        Just("contraindications: [weak-bones]".to_string()),
        Just("sources: [{title: NHS, url: \"https://www.nhs.uk/\"}]".to_string()),
        Just("related: [index.md, nope.md]".to_string()),
        Just("order: x".to_string()),
        Just("sumary: typo".to_string()),
        "[a-z-]{1,12}: [ -~]{0,20}",
    ];
    prop::collection::vec(field, 0..3).prop_map(|fields| {
        let base = "title: A page\nreviewed: 2026-01-10\nnext-review: 2028-01-10";
        format!("---\n{base}\n{}\n---\n", fields.join("\n"))
    })
}

fn page() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![3 => markdown_piece(), 2 => sanitised_piece()];
    prop_oneof![
        3 => (front_matter(), prop::collection::vec(piece, 0..8))
            .prop_map(|(front, body)| format!("{front}\n{}", body.join("\n")).into_bytes()),
        5 => prop::collection::vec(sanitised_piece(), 0..6).prop_map(|body| {
            format!("---\ntitle: Safe\nreviewed: 2026-01-10\nnext-review: 2028-01-10\n---\n\n{}", body.join("\n")).into_bytes()
        }),
        1 => prop::collection::vec(any::<u8>(), 0..300),
    ]
}

fn book_toml() -> impl Strategy<Value = Vec<u8>> {
    // Mostly settings that work, so most guides get as far as their pages.
    let site = prop_oneof![
        3 => Just(""),
        3 => Just("[site]\nurl = \"https://o.github.io/g/\"\ncname = \"a.example.org\"\n"),
        1 => Just("[site]\nurl = \"https://o.github.io/g/?q#f\"\n"),
    ];
    let safety = prop_oneof![
        6 => Just("[safety]\nmax-grade = 30.0\n"),
        1 => Just("[safety]\nmax-grade = nan\n"),
        1 => Just("[safety]\nregistry = \"other.yaml\"\n"),
        1 => Just("[safety.referrals]\nsee-gp = [\"see a gp\", \"\"]\n"),
    ];
    let other = prop_oneof![
        8 => Just(String::new()),
        1 => Just("[cards]\nper-sheet = 3\n".to_string()),
        1 => Just("[build]\ntheme = \"nope\"\n".to_string()),
        1 => "[ -~]{0,40}".prop_map(|s| format!("{s}\n")),
    ];
    prop_oneof![
        8 => (site, safety, other).prop_map(|(site, safety, other)| {
            format!("[book]\ntitle = \"Fuzz\"\n{site}{safety}{other}").into_bytes()
        }),
        1 => prop::collection::vec(any::<u8>(), 0..200),
    ]
}

fn registry() -> impl Strategy<Value = Vec<u8>> {
    let flag = (
        "[a-z-]{1,10}",
        prop_oneof![
            Just("emergency"),
            Just("urgent"),
            Just("see-gp"),
            Just("soon")
        ],
        prop::collection::vec(
            prop_oneof![
                Just("bladder".to_string()),
                Just("both legs".to_string()),
                Just(String::new()),
                "[a-z ]{1,12}"
            ],
            0..4,
        ),
    )
        .prop_map(|(id, level, words)| {
            format!(
                "  - id: {id}\n    sign: a sign\n    level: {level}\n    words: [{}]\n",
                words
                    .iter()
                    .map(|w| format!("\"{w}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        });
    prop_oneof![
        4 => Just(b"conditions: []\nred-flags: []\n".to_vec()),
        4 => prop::collection::vec(flag, 0..5).prop_map(|flags| {
            format!("conditions:\n  - id: weak-bones\n    name: Weak bones\n    meaning: M.\n    instead: I.\nred-flags:\n{}", flags.concat()).into_bytes()
        }),
        1 => prop::collection::vec(any::<u8>(), 0..200),
    ]
}

/// Write a guide and build it, in a thread so a hang is caught.
fn build_guide(toml: &[u8], registry: &[u8], pages: &[Vec<u8>], write: bool) -> Result<(), String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let root = dir.path().to_path_buf();
    std::fs::create_dir_all(root.join("content")).map_err(|e| e.to_string())?;
    std::fs::write(root.join("book.toml"), toml).map_err(|e| e.to_string())?;
    std::fs::write(root.join("content/safety.yaml"), registry).map_err(|e| e.to_string())?;
    for (i, page) in pages.iter().enumerate() {
        let name = if i == 0 {
            "index.md".to_string()
        } else {
            format!("p{i}.md")
        };
        std::fs::write(root.join("content").join(name), page).map_err(|e| e.to_string())?;
    }
    let (done, outcome) = std::sync::mpsc::channel();
    let options = carebook::BuildOptions {
        root: root.clone(),
        write,
        display_root: PathBuf::from("."),
        today: Date::parse("2026-11-25").ok(),
        ..Default::default()
    };
    std::thread::spawn(move || {
        let result =
            std::panic::catch_unwind(|| carebook::build(&options).map(|o| o.report.has_errors()));
        let _ = done.send(result);
    });
    match outcome.recv_timeout(HANG) {
        Err(_) => Err("the build hung".into()),
        Ok(Err(_)) => Err("the build panicked".into()),
        Ok(Ok(Err(_failure))) => Ok(()),
        Ok(Ok(Ok(has_errors))) => check_output(&root, write && !has_errors, has_errors),
    }
}

/// A build with errors wrote nothing; a clean build published no executable address.
fn check_output(root: &Path, expect_site: bool, has_errors: bool) -> Result<(), String> {
    let public = root.join("public");
    if has_errors && public.exists() {
        return Err("a build with errors wrote its output".into());
    }
    if !expect_site {
        return Ok(());
    }
    for entry in walkdir::WalkDir::new(&public).into_iter().flatten() {
        let path = entry.path();
        if path.starts_with(public.join("theme")) || !entry.file_type().is_file() {
            continue;
        }
        let text = std::fs::read_to_string(path)
            .unwrap_or_default()
            .to_lowercase();
        for bad in ["javascript:", "vbscript:", "<script>alert", "onclick="] {
            if text.contains(bad) {
                return Err(format!("{} contains {bad}", path.display()));
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(CASES),
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_guide_is_checked_or_refused_never_a_crash(
        toml in book_toml(),
        registry in registry(),
        pages in prop::collection::vec(page(), 1..5),
        write in any::<bool>(),
    ) {
        if let Err(why) = build_guide(&toml, &registry, &pages, write) {
            prop_assert!(false, "{why}");
        }
    }
}
