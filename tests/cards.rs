//! Step cards and the handout, as HTML: made from the technique pages and the registry.

mod common;
use common::BookTest;
use scraper::{Html, Selector};

fn select(doc: &Html, css: &str) -> Vec<String> {
    doc.select(&Selector::parse(css).unwrap())
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

#[test]
fn a_card_is_made_from_its_technique_page_and_the_registry() {
    let book = BookTest::from_fixture("basic");
    book.run(&["build"]).assert_code(0);
    let card = Html::parse_document(&book.read("public/cards/stretch.html"));
    assert_eq!(select(&card, ".step-card__title"), ["A gentle stretch"]);
    assert_eq!(select(&card, ".step-card__purpose"), ["Loosens things up."]);
    assert_eq!(
        select(&card, ".step-card ol.steps > li"),
        [
            "Lie down.",
            "Bring one knee up and hold for 10 seconds.",
            "Rest."
        ]
    );
    assert_eq!(select(&card, ".step-card__stop li"), ["it hurts more"]);
    assert_eq!(
        select(&card, ".step-card__contra"),
        ["Do not do this if you have: Weak bones (osteoporosis); Pregnancy."]
    );
    assert_eq!(
        select(&card, ".step-card__emergency"),
        ["Call 999 or go to A&E now if: you cannot control when you pee or poo."]
    );
    assert_eq!(
        select(&card, ".step-card__url"),
        ["owner.github.io/backcare/techniques/stretch.html"]
    );
    assert_eq!(
        card.select(&Selector::parse("svg.step-card__qr").unwrap())
            .count(),
        1
    );
    assert_eq!(
        select(&card, ".step-card__facts dt"),
        ["Position", "Time", "Equipment", "Repetitions", "Hold"]
    );
    assert_eq!(
        select(&card, ".step-card__facts dd"),
        ["Lying", "5 minutes", "None", "5 times", "10 seconds"]
    );
    let page = Html::parse_document(&book.read("public/techniques/stretch.html"));
    let link = page
        .select(&Selector::parse(".print-card a").unwrap())
        .next()
        .unwrap();
    assert_eq!(link.value().attr("href"), Some("../cards/stretch.html"));
}

#[test]
fn the_card_index_all_cards_and_sheets_are_written() {
    let book = BookTest::from_fixture("basic");
    book.run(&["build"]).assert_code(0);
    let index = Html::parse_document(&book.read("public/cards/index.html"));
    assert_eq!(select(&index, ".card__title"), ["A gentle stretch"]);
    assert!(
        book.read("public/cards/all.html")
            .contains("@page { size: 105.0mm 148.0mm; margin: 0; }")
    );
    let sheet = book.read("public/cards/sheet.html");
    assert!(
        sheet.contains("@page { size: 210.0mm 297.0mm; margin: 0; }"),
        "4 A6 cards fit a portrait A4 sheet"
    );
    assert_eq!(
        Html::parse_document(&sheet)
            .select(&Selector::parse(".sheet").unwrap())
            .count(),
        1
    );
}

#[test]
fn cards_follow_book_toml_sizes_and_a_card_that_cannot_fit_fails() {
    let book = BookTest::from_fixture("basic");
    let toml = book.read("book.toml");
    book.write(
        "book.toml",
        &format!("{toml}\n[cards]\nsize = \"a5\"\nper-sheet = 2\n"),
    );
    book.run(&["build"]).assert_code(0);
    assert!(
        book.read("public/cards/stretch.html")
            .contains("@page { size: 148.0mm 210.0mm; margin: 0; }")
    );
    assert!(
        book.read("public/cards/sheet.html")
            .contains("@page { size: 297.0mm 210.0mm; margin: 0; }"),
        "two A5 cards fit a landscape A4 sheet"
    );
    book.write(
        "book.toml",
        &format!("{toml}\n[cards]\nsize = \"a5\"\nper-sheet = 4\n"),
    );
    let run = book.run(&["check"]);
    run.assert_code(2);
    assert!(
        run.stderr.contains("4 A5 cards do not fit on one A4 sheet"),
        "{}",
        run.stderr
    );
    book.write("book.toml", &toml);
    let steps: String = (1..=30).map(|i| format!("{i}. Do the next part of the movement slowly and carefully, then hold it for ten seconds.\n")).collect();
    let page = book
        .read("content/techniques/stretch.md")
        .replace("1. Lie down.\n", &steps);
    book.write("content/techniques/stretch.md", &page);
    let run = book.run(&["check"]);
    run.assert_code(1);
    assert!(
        run.stderr
            .contains("error[card-overflow]: the step card for \"A gentle stretch\" is about"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_handout_is_one_document_with_links_inside_it() {
    let book = BookTest::from_fixture("basic");
    book.run(&["build"]).assert_code(0);
    let doc = Html::parse_document(&book.read("public/print.html"));
    assert_eq!(select(&doc, "h1"), ["Test guide"]);
    assert_eq!(
        select(&doc, ".chapter__title"),
        [
            "Test guide",
            "When to avoid",
            "Techniques",
            "A gentle stretch",
            "When to get help"
        ]
    );
    let hrefs: Vec<&str> = doc
        .select(&Selector::parse(".prose a").unwrap())
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert!(
        hrefs.contains(&"#chapter-when-to-avoid--weak-bones"),
        "{hrefs:?}"
    );
    assert!(
        hrefs.contains(&"#chapter-techniques-stretch--steps"),
        "{hrefs:?}"
    );
    assert!(
        hrefs
            .iter()
            .all(|h| h.starts_with('#') || h.starts_with("http") || h.starts_with("images/")),
        "{hrefs:?}"
    );
    let ids: Vec<&str> = doc
        .select(&Selector::parse("[id]").unwrap())
        .filter_map(|e| e.value().attr("id"))
        .collect();
    let unique: std::collections::HashSet<_> = ids.iter().collect();
    assert_eq!(ids.len(), unique.len(), "ids are unique across chapters");
    assert!(
        select(&doc, "nav")
            .iter()
            .all(|n| !n.contains("Guide contents")),
        "no site navigation in the handout"
    );
}

#[test]
fn cards_and_handout_can_be_switched_off() {
    let book = BookTest::from_fixture("basic");
    let toml = book.read("book.toml");
    book.write(
        "book.toml",
        &format!("{toml}\n[cards]\nenable = false\n\n[print]\nenable = false\n"),
    );
    book.run(&["build"]).assert_code(0);
    assert!(!book.path("public/cards").exists() && !book.path("public/print.html").exists());
    assert!(
        !book
            .read("public/techniques/stretch.html")
            .contains("print-card")
    );
}

#[test]
fn signs_on_a_named_card_stay_off_technique_pages_and_step_cards() {
    let book = BookTest::from_fixture("basic");
    let registry = book.read("content/safety.yaml").replace(
        "red-flags:\n",
        "red-flags:\n  - id: stroke\n    sign: one side of your face droops\n    level: emergency\n    card: stroke\n    words: [face droops]\n",
    );
    book.write("content/safety.yaml", &registry);
    let help = book.read("content/when-to-get-help.md").replace(
        "## Today",
        "## Stroke\n\n> [!EMERGENCY] Call 999 now if:\n> {{ red-flags emergency stroke }}\n\n## Today",
    );
    book.write("content/when-to-get-help.md", &help);
    book.run(&["build"]).assert_code(0);
    let card = Html::parse_document(&book.read("public/cards/stretch.html"));
    assert_eq!(
        select(&card, ".step-card__emergency"),
        ["Call 999 or go to A&E now if: you cannot control when you pee or poo."]
    );
    let page = book.read("public/techniques/stretch.html");
    assert!(page.contains("you cannot control when you pee or poo"));
    assert!(!page.contains("face droops"), "{page}");
    let help = Html::parse_document(&book.read("public/when-to-get-help.html"));
    let stroke = select(&help, "#care-card-emergency-2 li");
    assert_eq!(stroke, ["one side of your face droops"]);
    let header = help
        .select(&Selector::parse("header a.help-link").unwrap())
        .next()
        .unwrap();
    assert_eq!(
        header.value().attr("href"),
        Some("when-to-get-help.html#care-card-emergency")
    );
}

#[test]
fn a_techniques_pictures_are_on_its_page_its_card_and_the_handout_with_their_alt_text() {
    let book = BookTest::from_fixture("basic");
    let page = book.read("content/techniques/stretch.md").replacen(
        "sources:",
        "pictures:\n  - src: ../images/diagram.svg\n    alt: Lying on the back, knees bent\n    caption: Start\nsources:",
        1,
    );
    book.write("content/techniques/stretch.md", &page);
    book.run(&["build"]).assert_code(0);
    let shown = |file: &str, css: &str| -> Vec<(String, String)> {
        let doc = Html::parse_document(&book.read(file));
        doc.select(&Selector::parse(css).unwrap())
            .map(|img| {
                let a = |n| img.value().attr(n).unwrap_or_default().to_string();
                (a("src"), a("alt"))
            })
            .collect()
    };
    let alt = "Lying on the back, knees bent".to_string();
    let from = |src: &str| vec![(src.to_string(), alt.clone())];
    assert_eq!(
        shown("public/techniques/stretch.html", ".pictures img"),
        from("../images/diagram.svg")
    );
    assert_eq!(
        shown("public/cards/stretch.html", ".step-card__pictures img"),
        from("../images/diagram.svg")
    );
    assert_eq!(
        shown("public/print.html", ".pictures img"),
        from("images/diagram.svg")
    );
    let card = Html::parse_document(&book.read("public/cards/stretch.html"));
    assert_eq!(select(&card, ".step-card__pictures figcaption"), ["Start"]);
    assert!(book.path("public/images/diagram.svg").is_file());
}
