//! README.md's table of diagnostic codes is the list in codes.rs, and every code is used.

use carebook::codes::Code;

/// The rows of README.md's table of diagnostic codes: (code, meaning).
fn readme_table(readme: &str) -> Vec<(String, String)> {
    let start = readme
        .find("| code | meaning |")
        .expect("README.md has a table of diagnostic codes");
    readme[start..]
        .lines()
        .skip(2)
        .take_while(|line| line.starts_with('|'))
        .filter_map(|line| {
            let cells: Vec<&str> = line.trim_matches('|').split(" | ").collect();
            let [code, meaning] = cells.as_slice() else {
                return None;
            };
            Some((
                code.trim().trim_matches('`').to_string(),
                meaning.trim().to_string(),
            ))
        })
        .collect()
}

#[test]
fn the_readme_table_is_the_list_of_codes() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let table = readme_table(&readme);
    let expected: Vec<(String, String)> = Code::ALL
        .iter()
        .map(|c| (c.name().to_string(), c.summary().to_string()))
        .collect();
    assert!(expected.len() > 20);
    for (row, want) in table.iter().zip(&expected) {
        assert_eq!(
            row, want,
            "README.md's table of codes differs from codes.rs"
        );
    }
    assert_eq!(
        table.len(),
        expected.len(),
        "README.md's table of codes has a different number of rows from codes.rs"
    );
}

/// A code nothing emits is documentation of a check that does not exist.
#[test]
fn every_code_is_emitted_somewhere() {
    let mut source = String::new();
    for entry in walkdir::WalkDir::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "rs")
            && !entry.path().ends_with("codes.rs")
        {
            source.push_str(&std::fs::read_to_string(entry.path()).unwrap());
        }
    }
    let unused: Vec<&str> = Code::ALL
        .iter()
        .filter(|c| !source.contains(&format!("Code::{c:?}")))
        .map(|c| c.name())
        .collect();
    assert!(unused.is_empty(), "codes nothing emits: {unused:?}");
}

#[test]
fn every_code_has_an_explanation_and_is_found_by_name() {
    for &code in Code::ALL {
        assert_eq!(Code::from_name(code.name()), Some(code));
        assert!(code.explanation().len() > 20, "{code}");
        assert!(code.summary().ends_with('.'), "{code}");
    }
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
