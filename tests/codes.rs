//! Every diagnostic code the source emits is listed in `codes::CODES` and documented in README.md.

use std::collections::BTreeSet;

fn emitted_codes() -> BTreeSet<String> {
    let mut codes = BTreeSet::new();
    for entry in walkdir::WalkDir::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        for marker in ["Diagnostic::error(", "Diagnostic::warning("] {
            for piece in text.split(marker).skip(1) {
                let piece = piece.trim_start();
                if let Some(rest) = piece.strip_prefix('"') {
                    codes.insert(rest.split('"').next().unwrap().to_string());
                }
            }
        }
    }
    codes
}

#[test]
fn every_emitted_code_is_listed_and_documented() {
    let listed: BTreeSet<String> = carebook::codes::CODES
        .iter()
        .map(|c| c.name.to_string())
        .collect();
    let emitted = emitted_codes();
    assert!(emitted.len() > 20, "{emitted:?}");
    let missing: Vec<_> = emitted.difference(&listed).collect();
    assert!(
        missing.is_empty(),
        "codes emitted but not in codes::CODES: {missing:?}"
    );
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let undocumented: Vec<_> = listed
        .iter()
        .filter(|c| !readme.contains(&format!("| `{c}` |")))
        .collect();
    assert!(
        undocumented.is_empty(),
        "codes missing from README.md's table: {undocumented:?}"
    );
}

/// Every TOML example in the README is a valid book.toml, so the documentation cannot drift
/// from the settings carebook accepts.
#[test]
fn readme_toml_examples_are_valid_book_toml() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let blocks: Vec<&str> = readme
        .split("```toml\n")
        .skip(1)
        .map(|b| b.split("```").next().unwrap())
        .collect();
    assert!(blocks.len() >= 2, "no toml examples found");
    for block in blocks {
        // A fragment of settings is checked as part of a book.toml with its required title.
        let text = match block.contains("[book]") {
            true => block.to_string(),
            false => format!("[book]\ntitle = \"Example\"\n\n{block}"),
        };
        let source = carebook::source::SourceFile::new("README.md", text);
        if let Err(problems) = carebook::config::Config::parse(&source) {
            panic!(
                "README example is not valid:\n{block}\n{}",
                problems[0].render_human()
            );
        }
    }
}
