//! Step cards and the handout printed to PDF in headless Chromium: each card is exactly its
//! sides' worth of pages at its configured size, sheets have the expected page count, the
//! handout has every chapter, and no page is blank. First pages are rendered to PNG in
//! target/print-preview/ for a person to look at.
//!
//! Needs Debian's chromium and poppler-utils; `bash scripts/test` installs them and sets
//! runs it (a plain `cargo test` lists it as ignored).

mod common;
use common::BookTest;
use common::print::{pdf_info, pdf_text, preview, print_pdf, pt};
use std::path::{Path, PathBuf};

fn preview_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/print-preview")
}

/// Cards in reading order with the number of sides each prints on, read from cards/index.html.
fn cards(site: &Path) -> Vec<(String, usize)> {
    let index = std::fs::read_to_string(site.join("cards/all.html")).unwrap();
    let mut out: Vec<(String, usize)> = Vec::new();
    for file in std::fs::read_dir(site.join("cards"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
    {
        if ["index.html", "all.html", "sheet.html"].contains(&file.as_str()) {
            continue;
        }
        let html = std::fs::read_to_string(site.join("cards").join(&file)).unwrap();
        let sides = if html.contains("step-card--front") {
            2
        } else {
            1
        };
        out.push((file, sides));
    }
    assert!(!index.is_empty());
    out.sort();
    out
}

#[track_caller]
fn assert_size(pdf: &Path, width_mm: f64, height_mm: f64) -> usize {
    let (pages, (w, h)) = pdf_info(pdf);
    assert!(
        (w - pt(width_mm)).abs() < 1.5 && (h - pt(height_mm)).abs() < 1.5,
        "{}: {w} x {h} pt, expected {width_mm} x {height_mm} mm",
        pdf.display()
    );
    pages
}

#[track_caller]
fn assert_no_blank_page(pdf: &Path, pages: usize) {
    for page in 1..=pages {
        assert!(
            !pdf_text(pdf, page).trim().is_empty(),
            "{} page {page} is blank",
            pdf.display()
        );
    }
}

fn build(book: &BookTest, cards_toml: &str) -> PathBuf {
    if !cards_toml.is_empty() {
        let toml = book.read("book.toml") + "\n[cards]\n" + cards_toml + "\n";
        book.write("book.toml", &toml);
    }
    book.run(&["build", "--base-url", "https://owner.github.io/backcare/"])
        .assert_code(0);
    book.path("public")
}

#[test]
#[ignore = "needs Chromium and poppler-utils: `bash scripts/test` installs them and runs this"]
fn every_card_prints_on_its_own_paper_size_and_sheets_have_the_expected_pages() {
    let previews = preview_dir();
    // (settings, card size, sheet size as printed, cards per sheet)
    let setups = [
        ("", (105.0, 148.0), (210.0, 297.0), 4),
        (
            "size = \"a5\"\nper-sheet = 2",
            (148.0, 210.0),
            (297.0, 210.0),
            2,
        ),
        (
            "size = \"index-4x6\"\nsheet = \"letter\"\nper-sheet = 2",
            (101.6, 152.4),
            (215.9, 279.4),
            2,
        ),
        (
            "size = \"half-letter\"\nsheet = \"letter\"\nper-sheet = 1",
            (139.7, 215.9),
            (215.9, 279.4),
            1,
        ),
    ];
    for (settings, (cw, ch), (sw, sh), per_sheet) in setups {
        let book = BookTest::shipped_guide();
        let site = build(&book, settings);
        let cards = cards(&site);
        assert_eq!(cards.len(), 5, "{settings}");
        let label = if settings.is_empty() {
            "a6".to_string()
        } else {
            settings
                .lines()
                .next()
                .unwrap()
                .replace(['"', ' ', '='], "")
        };
        for (file, sides) in &cards {
            let pdf = book.path(&format!("{file}.pdf"));
            print_pdf(&site.join("cards").join(file), &pdf);
            let pages = assert_size(&pdf, cw, ch);
            assert_eq!(
                pages, *sides,
                "{label} {file} printed on {pages} pages, expected {sides}"
            );
            assert_no_blank_page(&pdf, pages);
            preview(
                &pdf,
                &previews,
                &format!("card-{label}-{}", file.trim_end_matches(".html")),
            );
            if !settings.is_empty() {
                break;
            }
        }
        let all = book.path("all.pdf");
        print_pdf(&site.join("cards/all.html"), &all);
        let total: usize = cards.iter().map(|(_, s)| s).sum();
        assert_eq!(assert_size(&all, cw, ch), total, "{label} all.html");
        let sheet = book.path("sheet.pdf");
        print_pdf(&site.join("cards/sheet.html"), &sheet);
        let sheets = assert_size(&sheet, sw, sh);
        assert_eq!(sheets, total.div_ceil(per_sheet), "{label} sheet.html");
        assert_no_blank_page(&sheet, sheets);
        preview(&sheet, &previews, &format!("sheet-{label}"));
    }
}

#[test]
#[ignore = "needs Chromium and poppler-utils: `bash scripts/test` installs them and runs this"]
fn the_handout_has_every_chapter_and_no_blank_page() {
    let book = BookTest::shipped_guide();
    let site = build(&book, "");
    let pdf = book.path("handout.pdf");
    print_pdf(&site.join("print.html"), &pdf);
    let pages = assert_size(&pdf, 210.0, 297.0);
    assert!(pages > 12, "{pages} pages");
    assert_no_blank_page(&pdf, pages);
    let text: String = (1..=pages)
        .map(|p| pdf_text(&pdf, p))
        .collect::<Vec<_>>()
        .join("\n");
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for title in [
        "How your lower back works",
        "When not to stretch or crack your back",
        "Five gentle techniques",
        "Seated spinal twist",
        "Knee to chest",
        "Child's pose",
        "Standing back extension",
        "Foam roller",
        "Preventing stiffness coming back",
        "When to get help",
        "Questions people ask",
    ] {
        assert!(
            flat.contains(title),
            "the handout has no chapter \"{title}\""
        );
    }
    assert!(flat.contains("Page 2 of"), "page numbers are printed");
    assert!(
        flat.contains("(https://www.nhs.uk/conditions/back-pain/)"),
        "external links are followed by their URL"
    );
    preview(&pdf, &preview_dir(), "handout");
}
