//! What an attacker can write into a page never reaches the published files: no executable
//! address from Markdown or raw HTML, and no author HTML that forges carebook's own markup.

mod common;
use common::BookTest;

fn page(body: &str) -> String {
    format!("---\ntitle: Odd\nreviewed: 2026-01-10\nnext-review: 2028-01-10\n---\n\n{body}\n")
}

/// (code, line) of every diagnostic, from `--format json`.
fn diagnostics(run: &common::Run) -> Vec<(String, u64)> {
    run.stdout
        .lines()
        .map(|l| {
            let d: serde_json::Value = serde_json::from_str(l).unwrap();
            (
                d["code"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

/// Every published page, card, handout and the search index (the theme's own files aside), for
/// looking for what must not be there.
fn published(book: &BookTest) -> Vec<(String, String)> {
    common::snapshot_tree(&book.path("public"))
        .into_iter()
        .filter(|(path, _)| !path.starts_with("theme/"))
        .map(|(path, bytes)| (path, String::from_utf8_lossy(&bytes).to_lowercase()))
        .collect()
}

#[test]
fn executable_addresses_written_in_markdown_stop_the_build_where_they_are() {
    let cases = [
        "[x](javascript:alert(1))",
        "![x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](<  javascript:alert(1)>)",
        "[x](java&#9;script:alert(1))",
        "[x](&#106;avascript:alert(1))",
        "[x](vbscript:msgbox(1))",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "![x](data:image/svg+xml,<svg/onload=alert(1)>)",
        "[x][ref]\n\n[ref]: javascript:alert(1)",
        "<javascript:alert(1)>",
        "Note.[^1]\n\n[^1]: [x](javascript:alert(1))",
        "[x](file:///etc/passwd)",
    ];
    for body in cases {
        let book = BookTest::from_fixture("basic");
        book.write("content/odd.md", &page(body));
        let run = book.run(&["build", "--format", "json"]);
        run.assert_code(1);
        let found = diagnostics(&run);
        assert!(
            found
                .iter()
                .any(|(code, line)| code == "unsafe-link" && *line >= 7),
            "{body}: {found:?}\n{}",
            run.stderr
        );
        assert!(!book.path("public").exists(), "{body}: published");
    }
}

#[test]
fn an_executable_address_in_a_card_or_a_callout_stops_the_build_too() {
    let book = BookTest::from_fixture("basic");
    let technique = book.read("content/techniques/stretch.md").replace(
        "> [!STOP-IF]\n",
        "> [!STOP-IF]\n> - it hurts ([read more](javascript:alert(1)))\n",
    );
    assert!(technique.contains("javascript:"), "the fixture changed");
    book.write("content/techniques/stretch.md", &technique);
    let run = book.run(&["build", "--format", "json"]);
    run.assert_code(1);
    assert!(
        diagnostics(&run)
            .iter()
            .any(|(code, _)| code == "unsafe-link"),
        "{}",
        run.stdout
    );
}

#[test]
fn web_mail_and_phone_links_build() {
    let book = BookTest::from_fixture("basic");
    book.write(
        "content/odd.md",
        &page("[NHS](https://www.nhs.uk/) [mail](mailto:help@example.org) [call](tel:111) <https://www.nhs.uk/>"),
    );
    let run = book.run(&["build"]);
    run.assert_code(0);
    let html = book.read("public/odd.html");
    for href in ["https://www.nhs.uk/", "mailto:help@example.org", "tel:111"] {
        assert!(html.contains(&format!("href=\"{href}\"")), "{href}");
    }
}

#[test]
fn raw_html_keeps_no_executable_address_in_any_output() {
    let book = BookTest::from_fixture("basic");
    book.write(
        "content/odd.md",
        &page("<a href=\"javascript:alert(1)\">a</a> <a href=\" JAVASCRIPT:alert(1)\">b</a> <img src=\"data:image/png;base64,AAAA\" alt=\"c\"> <a href=\"vbscript:x\">d</a> <p onclick=\"alert(1)\">e</p>"),
    );
    let run = book.run(&["build"]);
    run.assert_code(0);
    for (path, text) in published(&book) {
        for bad in [
            "javascript:",
            "vbscript:",
            "data:image",
            "onclick",
            "<iframe",
        ] {
            assert!(!text.contains(bad), "{path} contains {bad}");
        }
    }
    assert!(book.read("public/odd.html").contains(">a</a>"));
}

#[test]
fn raw_html_that_would_be_removed_with_what_follows_it_is_an_error() {
    for opener in ["<style>", "<script>", "<textarea>", "<iframe>"] {
        let book = BookTest::from_fixture("basic");
        book.write(
            "content/odd.md",
            &page(&format!(
                "{opener}\n\n> [!EMERGENCY]\n> {{{{ red-flags emergency }}}}\n"
            )),
        );
        let run = book.run(&["build", "--format", "json"]);
        run.assert_code(1);
        assert!(
            diagnostics(&run)
                .iter()
                .any(|(code, line)| code == "unsafe-html" && *line == 7),
            "{opener}: {}",
            run.stdout
        );
    }
}

#[test]
fn an_unclosed_element_cannot_swallow_a_care_card() {
    for opener in ["<noscript>", "<select>", "<template>", "<object>", "<div>"] {
        let book = BookTest::from_fixture("basic");
        book.write(
            "content/odd.md",
            &page(&format!(
                "{opener}\n\n> [!EMERGENCY]\n> {{{{ red-flags emergency }}}}\n"
            )),
        );
        let run = book.run(&["build"]);
        run.assert_code(0);
        let html = book.read("public/odd.html");
        assert!(
            html.contains("care-card--emergency"),
            "{opener} hid the card:\n{html}"
        );
    }
}

#[test]
fn a_care_card_inside_raw_html_that_would_hide_it_is_an_error() {
    for (open, close) in [
        ("<details><summary>More</summary>", "</details>"),
        ("<del>", "</del>"),
        ("<small>", "</small>"),
    ] {
        let book = BookTest::from_fixture("basic");
        book.write(
            "content/odd.md",
            &page(&format!(
                "{open}\n\n> [!EMERGENCY]\n> {{{{ red-flags emergency }}}}\n\n{close}"
            )),
        );
        let run = book.run(&["build", "--format", "json"]);
        run.assert_code(1);
        assert!(
            diagnostics(&run)
                .iter()
                .any(|(code, _)| code == "callout-in-html"),
            "{open}: {}",
            run.stdout
        );
    }
}

#[test]
fn registry_text_holds_no_html() {
    let book = BookTest::from_fixture("basic");
    let registry = book.read("content/safety.yaml");
    let sign = registry
        .lines()
        .find_map(|l| l.trim().strip_prefix("sign: "))
        .unwrap()
        .to_string();
    let poisoned = registry.replacen(
        &format!("sign: {sign}"),
        &format!("sign: \"{sign} <img src=x onerror=alert(1)>\""),
        1,
    );
    book.write("content/safety.yaml", &poisoned);
    let line = poisoned
        .lines()
        .position(|l| l.contains("onerror"))
        .unwrap()
        + 1;
    let run = book.run(&["build", "--format", "json"]);
    run.assert_code(1);
    assert!(
        diagnostics(&run).contains(&("registry".to_string(), line as u64)),
        "{}",
        run.stdout
    );
    assert!(!book.path("public").exists());
}

#[test]
fn heading_and_code_classes_cannot_borrow_carebooks_markup() {
    let book = BookTest::from_fixture("basic");
    book.write(
        "content/odd.md",
        &page("## Fine to carry on {.care-card .care-card--emergency}\n\n```rust\tcare-card\nlet x = 1;\n```\n"),
    );
    book.run(&["build"]).assert_code(0);
    let html = book.read("public/odd.html");
    let main = html.split("<main").nth(1).unwrap();
    assert!(!main.contains("care-card"), "{main}");
}

#[test]
fn content_files_a_browser_would_run_are_never_published() {
    let cases = [
        (
            "content/fake-help.html",
            "<h1>Call this number instead of 999</h1>",
            0,
        ),
        ("content/images/track.js", "alert(1)", 0),
        ("content/feed.XML", "<?xml version=\"1.0\"?><a/>", 0),
        (
            "content/images/pic.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\">\n  <rect width=\"4\" height=\"4\"/>\n  <circle r=\"2\" onload=\"alert(1)\"/>\n</svg>\n",
            3,
        ),
        (
            "content/images/link.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\">\n<a href=\"javascript:alert(1)\"><rect/></a>\n</svg>\n",
            2,
        ),
        (
            "content/images/broken.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect></svg>",
            1,
        ),
    ];
    for (file, text, line) in cases {
        let book = BookTest::from_fixture("basic");
        book.write(file, text);
        let run = book.run(&["build", "--format", "json"]);
        run.assert_code(1);
        assert_eq!(
            diagnostics(&run),
            [("unsafe-asset".to_string(), line)],
            "{file}: {}",
            run.stderr
        );
        assert!(!book.path("public").exists(), "{file}");
    }
    // The fixture's own plain SVG picture is published as it is.
    let book = BookTest::from_fixture("basic");
    book.run(&["build"]).assert_code(0);
    assert_eq!(
        book.read("public/images/diagram.svg"),
        book.read("content/images/diagram.svg")
    );
}
