//! Building the `basic` fixture: structure of the output, inspected as parsed HTML.

mod common;
use common::BookTest;
use scraper::{Html, Selector};

fn select<'a>(doc: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    doc.select(&Selector::parse(css).unwrap()).collect()
}

fn built() -> BookTest {
    let book = BookTest::from_fixture("basic");
    book.run(&["build"]).assert_code(0);
    book
}

#[test]
fn every_page_has_one_h1_a_skip_link_landmarks_and_the_current_page_marked() {
    let book = built();
    for page in [
        "index.html",
        "when-to-avoid.html",
        "techniques/index.html",
        "techniques/stretch.html",
    ] {
        let doc = book.html(&format!("public/{page}"));
        assert_eq!(select(&doc, "h1").len(), 1, "{page}");
        assert_eq!(select(&doc, "a.skip-link[href='#main']").len(), 1, "{page}");
        assert_eq!(select(&doc, "main#main").len(), 1, "{page}");
        assert_eq!(
            select(&doc, "nav#site-nav a[aria-current=page]").len(),
            1,
            "{page}"
        );
        assert_eq!(select(&doc, "html[lang='en-GB']").len(), 1, "{page}");
    }
}

#[test]
fn technique_page_has_facts_steps_contraindications_sources_and_dates() {
    let book = built();
    let doc = book.html("public/techniques/stretch.html");
    let facts: Vec<String> = select(&doc, ".facts dt")
        .iter()
        .map(|e| e.text().collect())
        .collect();
    assert_eq!(
        facts,
        ["Position", "Time", "Equipment", "Repetitions", "Hold"]
    );
    assert_eq!(select(&doc, "ol.steps > li").len(), 3);
    let contra: Vec<_> = select(&doc, ".contraindications a")
        .iter()
        .map(|a| {
            (
                a.text().collect::<String>(),
                a.value().attr("href").unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        contra,
        [
            (
                "Weak bones (osteoporosis)".to_string(),
                "../when-to-avoid.html#weak-bones".to_string()
            ),
            (
                "Pregnancy".to_string(),
                "../when-to-avoid.html#pregnancy".to_string()
            )
        ]
    );
    assert_eq!(
        select(&doc, ".sources a[href^='https://www.csp.org.uk']").len(),
        1
    );
    assert_eq!(
        select(&doc, ".review-dates time[datetime='2026-01-10']").len(),
        1
    );
    let crumbs: Vec<String> = select(&doc, ".breadcrumbs li")
        .iter()
        .map(|e| e.text().collect())
        .collect();
    assert_eq!(crumbs, ["Test guide", "Techniques", "A gentle stretch"]);
    assert_eq!(
        select(&doc, "a[rel=prev][href='../techniques/index.html']").len(),
        1,
        "previous is the section page"
    );
}

#[test]
fn cross_links_come_from_the_model() {
    let book = built();
    let avoid = book.html("public/when-to-avoid.html");
    let ruled: Vec<String> = select(&avoid, "#weak-bones + .ruled-out a")
        .iter()
        .map(|a| a.text().collect())
        .collect();
    assert_eq!(ruled, ["A gentle stretch"]);
    let related: Vec<_> = select(&avoid, ".related a")
        .iter()
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert_eq!(related, ["techniques/stretch.html"]);
    let stretch = book.html("public/techniques/stretch.html");
    let backlinks: Vec<String> = select(&stretch, ".backlinks a")
        .iter()
        .map(|a| a.text().collect())
        .collect();
    assert_eq!(
        backlinks,
        ["When to avoid"],
        "only pages whose body links here"
    );
}

#[test]
fn links_are_rewritten_and_external_links_get_noopener() {
    let book = built();
    let doc = book.html("public/techniques/stretch.html");
    assert_eq!(
        select(&doc, ".prose a[href='../when-to-avoid.html']").len(),
        1
    );
    assert_eq!(
        select(&doc, ".prose a[href='https://www.nhs.uk/'][rel=noopener]").len(),
        1
    );
    let home = book.html("public/index.html");
    assert_eq!(
        select(&home, ".prose a[href='when-to-avoid.html#weak-bones']").len(),
        1
    );
    assert_eq!(select(&home, "img[src='images/diagram.svg']").len(), 1);
    assert!(book.path("public/images/diagram.svg").is_file());
}

#[test]
fn headings_get_ids_and_visible_anchor_links() {
    let book = built();
    let doc = book.html("public/when-to-avoid.html");
    let ids: Vec<&str> = select(&doc, ".prose h2")
        .iter()
        .map(|h| h.value().attr("id").unwrap())
        .collect();
    assert_eq!(ids, ["weak-bones", "pregnancy", "another-heading"]);
    assert_eq!(
        select(&doc, ".prose h2 > a.heading-anchor[href='#pregnancy']").len(),
        1
    );
    let toc: Vec<&str> = select(&doc, ".toc a")
        .iter()
        .map(|a| a.value().attr("href").unwrap())
        .collect();
    assert_eq!(toc, ["#weak-bones", "#pregnancy", "#another-heading"]);
}

#[test]
fn callouts_render_as_care_cards_and_warning_callouts() {
    let book = built();
    let home = book.html("public/index.html");
    let heading: String = select(&home, ".care-card--emergency .care-card__heading")[0]
        .text()
        .collect();
    assert_eq!(
        heading,
        "Immediate action required: Call 999 or go to A&E now if:"
    );
    assert_eq!(
        select(
            &home,
            ".care-card--emergency .care-card__heading .visually-hidden"
        )
        .len(),
        1
    );
    let stretch = book.html("public/techniques/stretch.html");
    assert_eq!(select(&stretch, ".callout--stop-if li").len(), 1);
    let note: String = select(&stretch, ".inset--note .inset__heading")[0]
        .text()
        .collect();
    assert_eq!(
        note, "Information: Take your time",
        "custom heading after a lowercase marker"
    );
    assert!(
        select(&stretch, "blockquote").is_empty(),
        "no callout is left as a plain quote"
    );
}

#[test]
fn github_pages_files_are_written() {
    let book = built();
    assert_eq!(book.read("public/CNAME"), "guide.example.org\n");
    assert!(book.path("public/.nojekyll").is_file());
    assert!(
        book.read("public/robots.txt")
            .contains("Sitemap: https://owner.github.io/backcare/sitemap.xml")
    );
    assert!(book.read("public/sitemap.xml").contains("<loc>https://owner.github.io/backcare/techniques/stretch.html</loc><lastmod>2026-01-10</lastmod>"));
    assert!(book.path("public/theme/favicon.svg").is_file());
    let not_found = book.html("public/404.html");
    assert!(!select(&not_found, "a[href='/backcare/index.html']").is_empty());
    let page = book.html("public/techniques/stretch.html");
    assert_eq!(
        select(
            &page,
            "link[rel=canonical][href='https://owner.github.io/backcare/techniques/stretch.html']"
        )
        .len(),
        1
    );
}

#[test]
fn main_of_a_technique_page() {
    let book = built();
    let doc = book.html("public/techniques/stretch.html");
    let main = select(&doc, "main")[0].html();
    insta::assert_snapshot!(main);
}

#[test]
fn raw_html_is_sanitised() {
    let book = BookTest::from_fixture("basic");
    let faq = "---\nreviewed: 2026-01-10\nnext-review: 2028-01-10\ntitle: Questions\n---\n\n## Keys\n\nPress <kbd>Ctrl</kbd>.\n\n<div onclick=\"steal()\">Hi<img src=\"x.png\" alt=\"A key\" onerror=\"alert(1)\"></div>\n\n<!-- editors' note -->\n";
    book.write("content/faq.md", faq);
    book.run(&["build"]).assert_code(0);
    let html = book.read("public/faq.html");
    assert!(html.contains("<kbd>Ctrl</kbd>"), "{html}");
    assert!(
        !html.contains("onerror") && !html.contains("onclick") && !html.contains("editors"),
        "{html}"
    );
    let doc = book.html("public/faq.html");
    assert_eq!(
        select(&doc, ".prose h2#keys > a.heading-anchor[href='#keys']").len(),
        1,
        "generated markup survives: {html}"
    );
}

#[test]
fn code_blocks_are_highlighted_with_classes_and_syntect_loads_only_when_needed() {
    let book = BookTest::from_fixture("basic");
    let opts = |root: &std::path::Path| carebook::BuildOptions {
        root: root.into(),
        today: Some(common::today()),
        ..Default::default()
    };
    assert!(
        !carebook::build(&opts(book.root()))
            .unwrap()
            .highlighter_loaded
    );
    book.write("content/faq.md", "---\nreviewed: 2026-01-10\nnext-review: 2028-01-10\ntitle: Questions\n---\n\n```rust\nfn main() { let x = 1; }\n```\n\n```\nplain <text>\n```\n");
    assert!(
        carebook::build(&opts(book.root()))
            .unwrap()
            .highlighter_loaded
    );
    book.run(&["build"]).assert_code(0);
    let doc = book.html("public/faq.html");
    assert!(!select(&doc, "pre.highlight.language-rust span.hl-keyword").is_empty());
    assert_eq!(
        select(&doc, "pre.highlight:not(.language-rust) code")[0]
            .text()
            .collect::<String>(),
        "plain <text>\n"
    );
}

#[test]
fn a_guide_theme_overrides_single_files() {
    let book = BookTest::from_fixture("basic");
    book.write(
        "themes/default/static/style.css",
        "body { color: rebeccapurple; }\n",
    );
    book.write("themes/default/static/extra.css", ".x {}\n");
    book.run(&["build"]).assert_code(0);
    assert_eq!(
        book.read("public/theme/style.css"),
        "body { color: rebeccapurple; }\n"
    );
    assert!(book.path("public/theme/extra.css").is_file());
    assert!(
        book.path("public/theme/favicon.svg").is_file(),
        "files not overridden come from the default theme"
    );
}

#[test]
fn a_theme_restructures_headings_callouts_and_the_ruled_out_list() {
    let book = BookTest::from_fixture("basic");
    book.write(
        "themes/default/templates/heading.html",
        "<h{{ level }} id=\"{{ id }}\" class=\"themed\" data-text=\"{{ text }}\">{{ content | safe }}</h{{ level }}>\n",
    );
    book.write(
        "themes/default/templates/callout.html",
        "<aside class=\"themed-{{ family }} themed--{{ kind }}\"><h{{ level }}>{{ heading }}</h{{ level }}>\n{{ body | safe }}</aside>\n",
    );
    book.write(
        "themes/default/templates/ruled-out.html",
        "<p class=\"themed-ruled\">{% for t in techniques %}<a href=\"{{ t.href }}\">{{ t.title }}</a>{% endfor %}</p>\n",
    );
    book.run(&["build"]).assert_code(0);
    let stretch = book.html("public/techniques/stretch.html");
    assert!(select(&stretch, ".prose > h2").len() > 1);
    assert_eq!(
        select(&stretch, ".prose > h2").len(),
        select(&stretch, ".prose > h2.themed").len(),
        "every body heading comes from heading.html"
    );
    assert!(select(&stretch, ".heading-anchor").is_empty());
    let stop = select(&stretch, "aside.themed-warning.themed--stop-if");
    assert_eq!(stop.len(), 1);
    assert!(select(&stretch, ".callout").is_empty());
    let help = book.html("public/when-to-get-help.html");
    assert!(!select(&help, "aside.themed-care-card.themed--emergency").is_empty());
    let avoid = book.html("public/when-to-avoid.html");
    let ruled: Vec<String> = select(&avoid, "p.themed-ruled a")
        .iter()
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert!(
        ruled.contains(&"techniques/stretch.html".to_string()),
        "{ruled:?}"
    );
    assert!(select(&avoid, ".ruled-out").is_empty());
}

#[test]
fn a_theme_template_that_filters_a_filled_in_value_is_refused() {
    let book = BookTest::from_fixture("basic");
    book.write(
        "themes/default/templates/heading.html",
        "<h{{ level }}>{{ content | safe }} {{ text | upper }}</h{{ level }}>\n",
    );
    let run = book.run(&["build"]);
    run.assert_code(2);
    assert!(run.stderr.contains("error[template]"), "{}", run.stderr);
    assert!(
        run.stderr.contains("heading.html changes one of"),
        "{}",
        run.stderr
    );
    book.write(
        "themes/default/templates/heading.html",
        "<h{{ level }}>{{ text }}</h{{ level }}>\n",
    );
    let run = book.run(&["build"]);
    run.assert_code(2);
    assert!(
        run.stderr.contains("`{{ content }}` exactly once"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_footer_links_only_to_print_outputs_the_guide_has() {
    let footer_links = |book: &BookTest| -> Vec<String> {
        let doc = book.html("public/index.html");
        select(&doc, ".site-footer a")
            .iter()
            .map(|a| a.value().attr("href").unwrap().to_string())
            .collect()
    };
    let book = built();
    assert_eq!(
        footer_links(&book),
        ["about.html", "print.html", "cards/index.html"]
    );
    let toml = book.read("book.toml");
    book.write("book.toml", &format!("{toml}\n[print]\nenable = false\n"));
    book.run(&["build"]).assert_code(0);
    assert_eq!(footer_links(&book), ["about.html", "cards/index.html"]);
    assert!(!book.path("public/print.html").exists());
    book.write(
        "book.toml",
        &format!("{toml}\n[print]\nenable = false\n\n[cards]\nenable = false\n"),
    );
    book.run(&["build"]).assert_code(0);
    assert_eq!(
        footer_links(&book),
        ["about.html"],
        "the about page is always made"
    );
    assert!(!book.path("public/cards/index.html").exists());
}

#[test]
fn a_broken_theme_template_is_a_config_error() {
    let book = BookTest::from_fixture("basic");
    book.write("themes/default/templates/page.html", "{% if %}");
    let run = book.run(&["build"]);
    run.assert_code(2);
    assert!(run.stderr.contains("error[template]"), "{}", run.stderr);
}

#[test]
fn a_folder_without_index_gets_a_generated_section_page() {
    let book = BookTest::from_fixture("basic");
    book.write(
        "content/daily-habits/walking.md",
        "---\nreviewed: 2026-01-10\nnext-review: 2028-01-10\ntitle: Walking\nsummary: Walk a little every day.\n---\n\nWalk.\n",
    );
    let run = book.run(&["build"]);
    run.assert_code(0);
    let section = book.html("public/daily-habits/index.html");
    assert_eq!(
        select(&section, "h1")[0].text().collect::<String>(),
        "Daily habits"
    );
    assert_eq!(
        select(
            &section,
            ".card-list a[href='../daily-habits/walking.html']"
        )
        .len(),
        1
    );
    let walking = book.html("public/daily-habits/walking.html");
    let crumbs: Vec<String> = select(&walking, ".breadcrumbs a")
        .iter()
        .map(|e| e.text().collect())
        .collect();
    assert_eq!(crumbs, ["Test guide", "Daily habits"]);
}

#[test]
fn the_menu_lists_every_page_of_a_small_guide() {
    let book = built();
    let home = book.html("public/index.html");
    let items: Vec<String> = select(&home, "#site-nav a")
        .iter()
        .map(|a| a.text().collect())
        .collect();
    assert_eq!(
        items,
        [
            "Test guide",
            "When to avoid",
            "Techniques",
            "A gentle stretch",
            "When to get help"
        ]
    );
}

#[test]
fn the_menu_of_a_large_guide_expands_only_the_current_section() {
    let book = built();
    for section in ["alpha", "beta"] {
        book.write(
            &format!("content/{section}/_index.md"),
            &format!("---\nreviewed: 2026-01-10\nnext-review: 2028-01-10\ntitle: {section}\n---\n"),
        );
        for i in 0..80 {
            book.write(
                &format!("content/{section}/p{i}.md"),
                &format!("---\nreviewed: 2026-01-10\nnext-review: 2028-01-10\ntitle: {section} {i}\n---\n"),
            );
        }
    }
    book.run(&["build"]).assert_code(0);
    let page = book.html("public/alpha/p3.html");
    let items: Vec<String> = select(&page, "#site-nav a")
        .iter()
        .map(|a| a.text().collect())
        .collect();
    assert!(
        items.contains(&"alpha 3".to_string()),
        "the current page is listed: {items:?}"
    );
    let alpha_pages = items.iter().filter(|i| i.starts_with("alpha ")).count();
    assert_eq!(
        alpha_pages, 15,
        "a window of the long section, not all 80: {items:?}"
    );
    assert!(
        items.contains(&"All 80 entries of \"alpha\"".to_string()),
        "{items:?}"
    );
    assert!(
        items.contains(&"beta".to_string()) && !items.iter().any(|i| i.starts_with("beta ")),
        "{items:?}"
    );
    let size = std::fs::metadata(book.path("public/alpha/p3.html"))
        .unwrap()
        .len();
    let small = std::fs::metadata(book.path("public/techniques/stretch.html"))
        .unwrap()
        .len();
    assert!(
        size < small * 2,
        "a page of a large guide stays small: {size} vs {small} bytes"
    );
}

#[test]
fn main_of_the_home_and_conditions_pages() {
    let book = built();
    for page in ["index.html", "when-to-avoid.html"] {
        let doc = book.html(&format!("public/{page}"));
        let main = select(&doc, "main")[0].html();
        insta::assert_snapshot!(page, main);
    }
}

#[test]
fn every_page_links_to_the_help_pages_emergency_card_from_its_header() {
    let book = built();
    let help = book.html("public/when-to-get-help.html");
    assert_eq!(
        select(&help, ".care-card--emergency#care-card-emergency").len(),
        1
    );
    let pages = book.html_pages();
    assert!(pages.len() > 5, "{pages:?}");
    // Step cards and the print handout are for paper.
    let on_screen = |p: &&String| !p.starts_with("cards/") && p.as_str() != "print.html";
    for page in pages.iter().filter(on_screen) {
        let doc = book.html(&format!("public/{page}"));
        let links = select(&doc, "header a.help-link");
        assert_eq!(links.len(), 1, "{page}");
        assert_eq!(
            links[0].text().collect::<String>(),
            "Get help now",
            "{page}"
        );
        // The link, resolved from the page, is the help page's emergency card.
        let href = links[0].value().attr("href").unwrap();
        // (The 404 page is served from any address, so it links from the site's base path.)
        let root = match page.as_str() {
            "404.html" => "/backcare/".to_string(),
            _ => "../".repeat(page.matches('/').count()),
        };
        let card = "when-to-get-help.html#care-card-emergency";
        assert_eq!(href, format!("{root}{card}"), "{page}");
    }
}

#[test]
fn the_help_link_is_configurable_and_a_heading_cannot_take_a_cards_id() {
    let book = BookTest::from_fixture("basic");
    let toml = std::fs::read_to_string(book.path("book.toml")).unwrap();
    let toml = format!("{toml}\n[safety]\nhelp-link = \"Urgent help\"\n");
    book.write("book.toml", &toml);
    book.run(&["build"]).assert_code(0);
    let doc = book.html("public/index.html");
    let links = select(&doc, "header a.help-link");
    assert_eq!(links[0].text().collect::<String>(), "Urgent help");
    book.write(
        "book.toml",
        &toml.replace("help-link = \"Urgent help\"", "help-link = \"\""),
    );
    book.run(&["build"]).assert_code(0);
    assert!(select(&book.html("public/index.html"), "a.help-link").is_empty());
    let page = std::fs::read_to_string(book.path("content/when-to-get-help.md")).unwrap();
    book.write(
        "content/when-to-get-help.md",
        &format!("{page}\n## Where to go {{#care-card-emergency}}\n\nA&E.\n"),
    );
    let run = book.run(&["build"]);
    run.assert_code(1);
    assert!(run.stderr.contains("care card's"), "{}", run.stderr);
}

#[test]
fn a_technique_page_lists_the_registrys_emergency_signs_after_its_body() {
    let book = built();
    let items = |doc: &Html, css: &str| -> Vec<String> {
        select(doc, css)
            .iter()
            .map(|e| e.text().collect::<String>())
            .collect()
    };
    let help = book.html("public/when-to-get-help.html");
    let signs = items(&help, "#care-card-emergency li");
    assert!(!signs.is_empty());
    let page = book.html("public/techniques/stretch.html");
    // The same signs, from the registry, under the emergency heading, after the page's text.
    let own = "article > .prose + .care-card--emergency";
    assert_eq!(items(&page, &format!("{own} li")), signs);
    let heading = items(&page, &format!("{own} h2"));
    assert!(
        heading[0].ends_with("Call 999 or go to A&E now if:"),
        "{heading:?}"
    );
    let link = select(&page, &format!("{own} a"));
    assert_eq!(
        link[0].value().attr("href"),
        Some("../when-to-get-help.html")
    );
    // Pages that are not techniques have no such card.
    let home = book.html("public/index.html");
    assert!(select(&home, "article > .prose + .care-card").is_empty());
}
