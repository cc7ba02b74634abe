//! Sources a reader can trust: untrusted publishers and titles that borrow an organisation's
//! name are warnings at the field that says so; what book.toml trusts passes.

mod common;
use common::BookTest;

/// (code, file:line:col) of every source warning of a check.
fn warnings(book: &BookTest) -> Vec<(String, String)> {
    let run = book.run(&["check", "--format", "json"]);
    let mut found: Vec<(String, String)> = run
        .json()
        .into_iter()
        .filter(|d| matches!(d.code(), "untrusted-source" | "source-title-mismatch"))
        .map(|d| (d.code().to_string(), d.at()))
        .collect();
    found.sort();
    found
}

/// The fixture's technique page with its one source replaced.
fn with_source(book: &BookTest, title: &str, url: &str) {
    let page = "content/techniques/stretch.md";
    let original = std::fs::read_to_string(common::fixtures().join("basic").join(page)).unwrap();
    let text = original.replace(
        "  - title: CSP back pain exercises\n    url: https://www.csp.org.uk/public-patient/rehabilitation-exercises/back-pain\n",
        &format!("  - title: \"{title}\"\n    url: {url}\n"),
    );
    assert_ne!(text, original);
    book.write(page, &text);
}

#[test]
fn a_shop_as_a_source_is_a_warning_at_its_address() {
    let book = BookTest::from_fixture("basic");
    assert!(warnings(&book).is_empty(), "{:?}", warnings(&book));
    with_source(
        &book,
        "Back Relief Shop: best stretches",
        "https://backrelief-shop.example.com/stretches",
    );
    assert_eq!(
        warnings(&book),
        [(
            "untrusted-source".into(),
            "content/techniques/stretch.md:16:10".into()
        )]
    );
    let run = book.run(&["build", "--deny-warnings"]);
    run.assert_code(1);
    assert!(
        run.stderr
            .contains("add `backrelief-shop.example.com` to [safety.sources] trusted"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_title_that_names_the_nhs_on_another_domain_is_a_warning_at_the_title() {
    let book = BookTest::from_fixture("basic");
    with_source(
        &book,
        "NHS advice on back stretches",
        "https://www.csp.org.uk/back",
    );
    assert_eq!(
        warnings(&book),
        [(
            "source-title-mismatch".into(),
            "content/techniques/stretch.md:15:12".into()
        )]
    );
    let run = book.run(&["check"]);
    assert!(
        run.stderr
            .contains("names NHS, but its address is on www.csp.org.uk"),
        "{}",
        run.stderr
    );
    with_source(
        &book,
        "Physiotherapy advice for a nice, easy stretch",
        "https://www.csp.org.uk/back",
    );
    assert!(
        warnings(&book).is_empty(),
        "case counts: `nice` is not NICE"
    );
}

#[test]
fn a_paper_by_its_doi_may_name_its_publisher_once_doi_org_is_trusted() {
    let book = BookTest::from_fixture("basic");
    with_source(
        &book,
        "Someone and others (2020): a Cochrane review",
        "https://doi.org/10.1002/14651858.CD000000",
    );
    assert_eq!(
        warnings(&book),
        [(
            "untrusted-source".into(),
            "content/techniques/stretch.md:16:10".into()
        )],
        "a DOI is not trusted by default, but it may carry any publisher's name"
    );
    let toml = book.read("book.toml").replace(
        "trusted = [\"csp.org.uk\"]",
        "trusted = [\"csp.org.uk\", \"doi.org\"]",
    );
    book.write("book.toml", &toml);
    assert!(warnings(&book).is_empty(), "{:?}", warnings(&book));
}

#[test]
fn a_registry_source_is_checked_where_the_registry_writes_it() {
    let book = BookTest::from_fixture("basic");
    let registry = book.read("content/safety.yaml").replacen(
        "url: https://www.nhs.uk/conditions/back-pain/",
        "url: https://www.backpainblog.example.org/nhs-advice",
        1,
    );
    book.write("content/safety.yaml", &registry);
    assert_eq!(
        warnings(&book),
        [
            (
                "source-title-mismatch".into(),
                "content/safety.yaml:7:16".into()
            ),
            ("untrusted-source".into(), "content/safety.yaml:8:14".into()),
        ]
    );
}

#[test]
fn a_trusted_domain_written_as_an_address_is_a_settings_error() {
    let book = BookTest::from_fixture("basic");
    let toml = book.read("book.toml").replace(
        "trusted = [\"csp.org.uk\"]",
        "trusted = [\"https://www.csp.org.uk/\"]",
    );
    book.write("book.toml", &toml);
    let run = book.run(&["check"]);
    run.assert_code(2);
    assert!(run.stderr.contains("not a domain name"), "{}", run.stderr);
}
