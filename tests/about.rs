//! The about page: made from book.toml's [about] on every build, linked from every page, honest
//! about who reviewed the guide, and a warning for each part a reader would look for and not
//! find.

mod common;
use common::{BookTest, diagnostics_in};
use scraper::{Html, Selector};

fn select<'a>(doc: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    doc.select(&Selector::parse(css).unwrap()).collect()
}

fn text(doc: &Html, css: &str) -> String {
    select(doc, css)
        .iter()
        .map(|e| e.text().collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_page_links_to_an_about_page_that_says_who_made_the_guide() {
    let book = BookTest::from_fixture("basic");
    book.run(&["build"]).assert_code(0);
    let mut linked = 0;
    for page in book.html_pages() {
        if page == "404.html"
            || page == "print.html"
            || page.starts_with("cards/") && page != "cards/index.html"
        {
            continue; // served at any address, or printed without the site's frame
        }
        let doc = book.html(&format!("public/{page}"));
        let links = select(&doc, "footer.site-footer a[href$='about.html']");
        assert_eq!(links.len(), 1, "{page}");
        let href = links[0].value().attr("href").unwrap();
        let target = std::path::Path::new(&page).parent().unwrap().join(href);
        assert!(
            book.path("public").join(&target).is_file(),
            "{page}: {href}"
        );
        linked += 1;
    }
    assert!(linked >= 6, "{linked} pages");
    let doc = book.html("public/about.html");
    assert_eq!(text(&doc, "h1"), "About this guide");
    let body = text(&doc, "main");
    for said in [
        "The carebook test authors",
        "wrote this guide to test carebook",
        "Written for carebook's tests",
        "No readers took part",
        "No health professional has reviewed this guide yet",
        "WCAG) 2.2 at level AA",
        "Expert opinion",
    ] {
        assert!(body.contains(said), "{said}\n{body}");
    }
    let mail = select(&doc, "#feedback ~ p a[href='mailto:tests@example.org']");
    assert_eq!(mail.len(), 2, "feedback, and asking for another format");
    assert_eq!(mail[0].text().collect::<String>(), "tests@example.org");
    assert!(
        book.read("public/sitemap.xml")
            .contains("/backcare/about.html</loc>")
    );
    let cover = text(&book.html("public/print.html"), ".handout-cover");
    for said in [
        "Written by The carebook test authors.",
        "No health professional has reviewed this guide yet.",
        "Tell us what you think: tests@example.org",
    ] {
        assert!(cover.contains(said), "{said}\n{cover}");
    }
}

#[test]
fn named_reviewers_replace_the_line_that_says_there_are_none() {
    let book = BookTest::from_fixture("basic");
    let toml = book.read("book.toml").replace(
        "[about]\n",
        "[about]\nreviewers = [{ name = \"Sam Lee\", role = \"physiotherapist, HCPC PH00000\", date = \"2026-11-30\" }]\n",
    );
    book.write("book.toml", &toml);
    book.run(&["build"]).assert_code(0);
    let doc = book.html("public/about.html");
    let body = text(&doc, "main");
    assert!(
        body.contains("Sam Lee, physiotherapist, HCPC PH00000, on 30 November 2026"),
        "{body}"
    );
    assert!(!body.contains("No health professional"), "{body}");
}

#[test]
fn each_part_a_reader_would_not_find_is_a_warning_at_the_about_table() {
    let book = BookTest::from_fixture("basic");
    let toml = book.read("book.toml");
    let line = toml.lines().position(|l| l == "[about]").unwrap() + 1;
    let without: String = toml
        .lines()
        .filter(|l| !l.starts_with("funding") && !l.starts_with("feedback"))
        .map(|l| format!("{l}\n"))
        .collect();
    book.write("book.toml", &without);
    let run = book.run(&["build"]);
    run.assert_code(0);
    let at = format!("book.toml:{line}:2");
    assert_eq!(
        diagnostics_in(&run.stderr),
        [
            ("about-incomplete".to_string(), at.clone()),
            ("about-incomplete".to_string(), at)
        ],
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("no `funding`") && run.stderr.contains("no `feedback`"),
        "{}",
        run.stderr
    );
    let body = text(&book.html("public/about.html"), "main");
    assert!(body.contains("does not say who pays for it"), "{body}");
    assert!(book.run(&["check", "--deny-warnings"]).code != 0);
}

#[test]
fn a_guide_without_an_about_table_gets_one_warning_naming_every_part() {
    let book = BookTest::from_fixture("basic");
    let toml = book.read("book.toml");
    let cut = toml.find("\n[about]").unwrap();
    book.write("book.toml", &toml[..cut]);
    let run = book.run(&["build"]);
    run.assert_code(0);
    let found = diagnostics_in(&run.stderr);
    assert_eq!(found.len(), 1, "{}", run.stderr);
    assert_eq!(found[0].0, "about-incomplete");
    for key in [
        "authors",
        "process",
        "involvement",
        "conflicts",
        "funding",
        "feedback",
    ] {
        assert!(run.stderr.contains(key), "{key}: {}", run.stderr);
    }
    let body = text(&book.html("public/about.html"), "main");
    assert!(
        body.contains("No health professional has reviewed"),
        "{body}"
    );
}

#[test]
fn addresses_that_are_not_web_or_email_and_reviewers_without_dates_are_refused() {
    for (from, to) in [
        (
            "feedback = \"mailto:tests@example.org\"",
            "feedback = \"javascript:alert(1)\"",
        ),
        ("[about]\n", "[about]\nformats = \"file:///etc/passwd\"\n"),
        (
            "[about]\n",
            "[about]\nreviewers = [{ name = \"Sam Lee\", role = \"physiotherapist\", date = \"last week\" }]\n",
        ),
    ] {
        let book = BookTest::from_fixture("basic");
        book.write("book.toml", &book.read("book.toml").replace(from, to));
        let run = book.run(&["build"]);
        run.assert_code(2);
        assert!(
            run.stderr.contains("error[config]: [about]"),
            "{}",
            run.stderr
        );
        assert!(!book.path("public").exists());
    }
}

#[test]
fn a_page_names_a_certainty_label_the_about_page_explains() {
    let book = BookTest::from_fixture("basic");
    let page = book.read("content/techniques/stretch.md");
    let with = |id: &str| page.replacen("\n---\n", &format!("\ncertainty: {id}\n---\n"), 1);
    book.write("content/techniques/stretch.md", &with("expert-opinon"));
    let run = book.run(&["check"]);
    run.assert_code(1);
    let found = diagnostics_in(&run.stderr);
    assert_eq!(found.len(), 1, "{}", run.stderr);
    assert_eq!(found[0].0, "unknown-certainty");
    assert!(found[0].1.starts_with("content/techniques/stretch.md:"));
    assert!(
        run.stderr.contains("did you mean `expert-opinion`?"),
        "{}",
        run.stderr
    );

    book.write("content/techniques/stretch.md", &with("expert-opinion"));
    book.run(&["build"]).assert_code(0);
    let doc = book.html("public/techniques/stretch.html");
    let label = select(&doc, "p.certainty a");
    assert_eq!(label.len(), 1);
    assert_eq!(label[0].text().collect::<String>(), "Expert opinion");
    assert_eq!(
        label[0].value().attr("href"),
        Some("../about.html#certainty")
    );
    let about = book.html("public/about.html");
    assert_eq!(select(&about, "h2#certainty").len(), 1);
}

#[test]
fn a_page_of_the_guide_published_as_about_html_is_a_clash() {
    let book = BookTest::from_fixture("basic");
    book.write(
        "content/about.md",
        "---\ntitle: About us\nreviewed: 2026-11-20\nnext-review: 2029-11-20\n---\n\nWho we are.\n",
    );
    let run = book.run(&["build"]);
    assert_ne!(run.code, 0);
    assert!(
        run.stderr.contains("error[reserved-path]") && run.stderr.contains("the about page"),
        "{}",
        run.stderr
    );
}

#[test]
fn what_the_about_page_says_is_held_to_the_wording_rules() {
    let book = BookTest::from_fixture("basic");
    let toml = book.read("book.toml").replace(
        "funding = \"None.\"",
        "funding = \"None. Our stretches are completely safe.\"",
    );
    book.write("book.toml", &toml);
    let line = toml.lines().position(|l| l.starts_with("funding")).unwrap() + 1;
    let run = book.run(&["check"]);
    run.assert_code(1);
    assert_eq!(
        diagnostics_in(&run.stderr),
        [("overpromise".to_string(), format!("book.toml:{line}:1"))],
        "{}",
        run.stderr
    );
}

#[test]
fn the_about_page_is_held_to_the_guide_s_reading_grade_at_its_hardest_text() {
    let book = BookTest::from_fixture("basic");
    let hard = "Comprehensive multidisciplinary evaluation methodologies, incorporating \
        systematic literature identification, independent verification procedures and \
        consultation with organisational representatives, determined the recommendations' \
        appropriateness, notwithstanding considerable heterogeneity. "
        .repeat(4);
    let toml = book.read("book.toml").replace(
        "process = \"Written for carebook's tests from the sources each page lists.\"",
        &format!("process = \"{}\"", hard.trim()),
    );
    assert!(toml.contains("heterogeneity"));
    book.write("book.toml", &toml);
    let line = toml.lines().position(|l| l.starts_with("process")).unwrap() + 1;
    let run = book.run(&["check"]);
    run.assert_code(1);
    assert_eq!(
        diagnostics_in(&run.stderr),
        [("readability".to_string(), format!("book.toml:{line}:1"))],
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("the about page's text in [about] reads at grade")
    );
}
