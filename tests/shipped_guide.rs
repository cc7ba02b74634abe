//! The repository's own guide builds clean, and its output is fully cross-linked.

mod common;
use common::{BookTest, crawl::crawl, snapshot_tree};

#[test]
fn builds_with_no_errors_or_warnings_and_every_link_resolves() {
    let book = BookTest::shipped_guide();
    let run = book.run(&["build"]);
    run.assert_code(0);
    assert!(
        run.stderr
            .contains("0 errors, 0 warnings, 12 pages checked"),
        "{}",
        run.stderr
    );
    let (problems, followed) = crawl(&book.path("public"), "/carebook/");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(followed > 300, "only {followed} internal links followed");
}

#[test]
fn every_link_resolves_under_a_sub_path_and_at_the_domain_root() {
    for (url, base) in [
        ("https://owner.github.io/backcare/", "/backcare/"),
        ("https://care.example.org", "/"),
    ] {
        let book = BookTest::shipped_guide();
        book.run(&["build", "--base-url", url]).assert_code(0);
        let (problems, _) = crawl(&book.path("public"), base);
        assert!(problems.is_empty(), "{url}:\n{}", problems.join("\n"));
        let not_found = book.read("public/404.html");
        assert!(
            not_found.contains(&format!("href=\"{base}theme/style.css\"")),
            "{not_found}"
        );
        let sitemap = book.read("public/sitemap.xml");
        assert!(
            sitemap.contains(&format!(
                "<loc>{}/techniques/foam-roller.html</loc>",
                url.trim_end_matches('/')
            )),
            "{sitemap}"
        );
    }
}

#[test]
fn a_failed_build_leaves_the_previous_output_byte_identical() {
    let book = BookTest::shipped_guide();
    book.run(&["build"]).assert_code(0);
    let before = snapshot_tree(&book.path("public"));
    let page = book.read("content/faq.md").replace("title:", "titel:");
    book.write("content/faq.md", &page);
    book.run(&["build"]).assert_code(1);
    assert_eq!(snapshot_tree(&book.path("public")), before);
    let leftovers: Vec<_> = std::fs::read_dir(book.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| {
            n.contains("carebook-") && n != ".public.carebook-spare" && n != ".public.carebook-lock"
        })
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_build_failing_its_checks_after_writing_pages_leaves_the_output_byte_identical() {
    // Pages are written into the staging folder before the whole-guide checks run; a broken
    // anchor is only found by those checks, so this exercises that path.
    let book = BookTest::shipped_guide();
    book.run(&["build"]).assert_code(0);
    book.run(&["build"]).assert_code(0);
    let before = snapshot_tree(&book.path("public"));
    let page = book.read("content/faq.md") + "\nSee [nowhere](anatomy.md#no-such-heading).\n";
    book.write("content/faq.md", &page);
    let run = book.run(&["build"]);
    run.assert_code(1);
    assert!(run.stderr.contains("broken-anchor"), "{}", run.stderr);
    assert_eq!(snapshot_tree(&book.path("public")), before);
    let leftovers: Vec<_> = std::fs::read_dir(book.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| {
            n.contains("carebook-") && n != ".public.carebook-spare" && n != ".public.carebook-lock"
        })
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn technique_pages_link_each_contraindication_and_conditions_list_techniques() {
    let book = BookTest::shipped_guide();
    book.run(&["build"]).assert_code(0);
    let page = book.html("public/techniques/foam-roller.html");
    let sel = scraper::Selector::parse(".contraindications a").unwrap();
    let hrefs: Vec<&str> = page
        .select(&sel)
        .map(|a| a.value().attr("href").unwrap())
        .collect();
    assert!(
        hrefs.contains(&"../when-to-avoid.html#osteoporosis"),
        "{hrefs:?}"
    );
    let avoid = book.html("public/when-to-avoid.html");
    let sel = scraper::Selector::parse("#osteoporosis + .ruled-out a").unwrap();
    let names: Vec<String> = avoid.select(&sel).map(|a| a.text().collect()).collect();
    assert!(
        names.len() >= 3 && names.contains(&"Foam roller".to_string())
            || names.iter().any(|n| n.contains("oam roller")),
        "{names:?}"
    );
}

#[test]
fn the_shipped_guide_does_not_load_syntect() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let options = carebook::BuildOptions {
        root: root.into(),
        write: false,
        today: Some(common::today()),
        ..Default::default()
    };
    let outcome = carebook::build(&options).unwrap();
    assert!(!outcome.report.has_errors());
    assert!(
        !outcome.highlighter_loaded,
        "a guide without code blocks loaded syntect"
    );
}

#[test]
fn the_crawler_catches_broken_targets_and_fragments() {
    let book = BookTest::shipped_guide();
    book.run(&["build"]).assert_code(0);
    let mut index = book.read("public/index.html");
    index.push_str(
        "<a href=\"nope.html\">x</a><a href=\"faq.html#nope\">y</a><a href=\"techniques/\">z</a>",
    );
    std::fs::write(book.path("public/index.html"), index).unwrap();
    let (problems, _) = crawl(&book.path("public"), "/carebook/");
    assert_eq!(problems.len(), 3, "{problems:?}");
}

#[test]
fn the_search_index_is_smaller_than_the_guide_and_reported() {
    let book = BookTest::shipped_guide();
    let run = book.run(&["build"]);
    run.assert_code(0);
    assert!(run.stderr.contains("(search index "), "{}", run.stderr);
    let index = std::fs::metadata(book.path("public/search-index.js"))
        .unwrap()
        .len();
    let html: u64 = snapshot_tree(&book.path("public"))
        .iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(_, b)| b.len() as u64)
        .sum();
    assert!(index < html, "index {index} bytes, HTML {html} bytes");
    let text = book.read("public/search-index.js");
    let json: serde_json::Value = serde_json::from_str(
        text.trim()
            .strip_prefix("window.carebookSearch=")
            .unwrap()
            .strip_suffix(';')
            .unwrap(),
    )
    .unwrap();
    let sections = json["sections"].as_array().unwrap();
    assert!(
        sections.iter().any(|s| s["a"] == "steps"
            && s["x"]
                .as_str()
                .unwrap()
                .contains("Sit near the front of the chair")),
        "sections carry text and anchors"
    );
    let flags = json["flags"].as_array().unwrap();
    assert_eq!(flags.len(), 26);
    // Each sign links to the section of its own card: the stroke card is beside the answer
    // about the neck, every other card on the help page.
    for f in flags {
        let (sign, at) = (f["s"].as_str().unwrap(), f["u"].as_str().unwrap());
        let page = match sign.contains("face droops") || sign.contains("slurred") {
            true => "faq.html#",
            false if sign.contains("arms") || sign.contains("very dizzy") => "faq.html#",
            false => "when-to-get-help.html#",
        };
        assert!(at.starts_with(page), "{sign}: {at}");
        // A result says what its own card says to do: the pregnancy card names the midwife.
        let doing = f["d"].as_str().unwrap();
        if sign.contains("bleeding from your vagina") {
            assert!(doing.contains("midwife"), "{sign}: {doing}");
        } else if sign.contains("foot drags") {
            assert!(doing.contains("111"), "{sign}: {doing}");
        }
    }
}
