//! The shipped guide in a real browser: served under a sub-path on 127.0.0.1, every page and
//! sub-resource loads, the 404 page is styled, the skip link is the first focus stop, and axe-core
//! reports no WCAG 2.2 AA violations in light and dark schemes on desktop and phone widths.
//!
//! Needs Debian's chromium and the npm packages in tests/browser/; `bash scripts/test` installs
//! both and runs it (a plain `cargo test` lists it as ignored).

mod common;
use common::BookTest;
use std::process::Command;

/// Run one of the scripts in tests/browser/ with node; return its output, failing on failure.
fn node(script: &str, args: &[&std::ffi::OsStr]) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/browser")
        .join(script);
    let out = Command::new("node")
        .arg(path)
        .args(args)
        .output()
        .expect("node is installed");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{script}: {stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

#[test]
#[ignore = "needs Chromium and the npm packages of tests/browser: `bash scripts/test` installs them and runs this"]
fn the_shipped_guide_loads_and_passes_axe_under_a_sub_path() {
    let book = BookTest::shipped_guide();
    book.run(&["build", "--base-url", "https://owner.github.io/backcare/"])
        .assert_code(0);
    let public = book.path("public");
    let stdout = node(
        "site-check.js",
        &[public.as_os_str(), "/backcare/".as_ref()],
    );
    assert!(stdout.contains(" page visits, 0 problems"), "{stdout}");
}

#[test]
#[ignore = "needs Chromium and the npm packages of tests/browser: `bash scripts/test` installs them and runs this"]
fn search_finds_every_technique_and_every_red_flag_by_plain_words() {
    let book = BookTest::shipped_guide();
    book.run(&["build", "--base-url", "https://owner.github.io/backcare/"])
        .assert_code(0);
    let (registry, _) = carebook::content::registry::load(
        &book.path("content/safety.yaml"),
        std::path::Path::new("safety.yaml"),
    )
    .expect("the shipped registry");
    let mut queries = Vec::new();
    for technique in [
        "seated-spinal-twist",
        "knee-to-chest",
        "childs-pose",
        "standing-back-extension",
        "foam-roller",
    ] {
        let title = book
            .read(&format!("content/techniques/{technique}.md"))
            .lines()
            .find_map(|l| l.strip_prefix("title: ").map(str::to_string))
            .unwrap();
        queries.push(
            serde_json::json!({ "query": title, "first": format!("techniques/{technique}.html") }),
        );
    }
    for flag in &registry.registry.red_flags {
        // The stroke card is beside the FAQ's answer about the neck; every other card is on
        // the help page.
        let first = match flag.card() {
            Some("stroke") => "faq.html#",
            _ => "when-to-get-help.html#",
        };
        queries.push(serde_json::json!({ "query": flag.words[0], "first": first }));
    }
    queries.push(serde_json::json!({ "query": "numb leg", "first": "when-to-get-help.html#" }));
    let file = book.path("queries.json");
    std::fs::write(&file, serde_json::to_string(&queries).unwrap()).unwrap();
    let public = book.path("public");
    let stdout = node(
        "search-check.js",
        &[public.as_os_str(), "/backcare/".as_ref(), file.as_os_str()],
    );
    assert!(
        stdout.contains(&format!("{} queries, 0 problems", queries.len())),
        "{stdout}"
    );
}

#[test]
#[ignore = "needs Chromium and the npm packages of tests/browser: `bash scripts/test` installs them and runs this"]
fn serve_reloads_the_page_and_shows_errors_over_it() {
    let book = BookTest::from_fixture("basic");
    let server = common::serve::start(&book);
    let url = format!(
        "http://127.0.0.1:{}/backcare/techniques/index.html",
        server.port
    );
    let page = book.path("content/techniques/_index.md");
    let stdout = node("serve-check.js", &[url.as_ref(), page.as_os_str()]);
    assert!(stdout.contains("0 problems"), "{stdout}");
}
