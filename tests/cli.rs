//! The command line as a user meets it: init, exit codes, refused output folders.

mod common;
use common::BookTest;

#[test]
fn init_scaffolds_a_guide_that_builds_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let book = BookTest { dir };
    book.run(&["init", "my-guide"]).assert_code(0);
    let run = book.run(&["build", "my-guide"]);
    run.assert_code(0);
    // Only the about page's warning: the scaffold leaves [about] for the author to fill in.
    assert!(
        run.stderr.contains("0 errors, 1 warning, 6 pages checked")
            && run.stderr.contains("about-incomplete"),
        "{}",
        run.stderr
    );
    assert!(
        book.path("my-guide/public/techniques/example-technique.html")
            .is_file()
    );
    assert!(book.path("my-guide/README.md").is_file());
    // A second build keeps the first one's output as the spare it overwrites next time; the
    // scaffold's .gitignore covers both folders.
    book.run(&["build", "my-guide"]).assert_code(0);
    assert!(book.path("my-guide/.public.carebook-spare").is_dir());
    let ignored = std::fs::read_to_string(book.path("my-guide/.gitignore")).unwrap();
    for line in ["/public/", "/.public.carebook-*"] {
        assert!(ignored.lines().any(|l| l == line), "{ignored}");
    }
}

#[test]
fn init_refuses_a_non_empty_folder() {
    let book = BookTest::from_fixture("basic");
    let before = book.read("book.toml");
    let run = book.run(&["init", "."]);
    run.assert_code(2);
    assert!(run.stderr.contains("is not empty"), "{}", run.stderr);
    assert_eq!(book.read("book.toml"), before);
}

#[test]
fn check_writes_nothing() {
    let book = BookTest::from_fixture("basic");
    let run = book.run(&["check"]);
    run.assert_code(0);
    assert!(run.stderr.contains("check passed"), "{}", run.stderr);
    assert!(!book.path("public").exists());
}

#[test]
fn build_finds_the_root_from_a_sub_folder_and_accepts_a_root_argument() {
    let book = BookTest::from_fixture("basic");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_carebook"))
        .args(["build", "--quiet"])
        .current_dir(book.path("content/techniques"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stderr.is_empty(), "--quiet prints nothing on success");
    assert!(book.path("public/index.html").is_file());
}

#[test]
fn dangerous_output_folders_are_refused() {
    let book = BookTest::from_fixture("basic");
    for dest in [".", "content", "content/site", ".."] {
        let run = book.run(&["build", "--dest", dest]);
        run.assert_code(2);
        assert!(
            run.stderr.contains("error[dangerous-output-dir]"),
            "{dest}: {}",
            run.stderr
        );
    }
    book.write("notes/keep.txt", "my notes");
    let run = book.run(&["build", "--dest", "notes"]);
    run.assert_code(2);
    assert!(
        run.stderr.contains("carebook did not write"),
        "{}",
        run.stderr
    );
    assert_eq!(book.read("notes/keep.txt"), "my notes");
}

#[test]
fn output_outside_the_root_needs_an_explicit_dest() {
    let book = BookTest::from_fixture("basic");
    let toml = book
        .read("book.toml")
        .replace("[site]", "[build]\noutput-dir = \"../elsewhere\"\n\n[site]");
    book.write("book.toml", &toml);
    let run = book.run(&["build"]);
    run.assert_code(2);
    assert!(
        run.stderr.contains("outside the guide folder"),
        "{}",
        run.stderr
    );
    let outside = tempfile::tempdir().unwrap();
    let dest = outside.path().join("site");
    book.run(&["build", "--dest", dest.to_str().unwrap()])
        .assert_code(0);
    assert!(dest.join("index.html").is_file());
}

#[test]
fn usage_and_config_problems_exit_2() {
    let empty = BookTest {
        dir: tempfile::tempdir().unwrap(),
    };
    let run = empty.run(&["build"]);
    run.assert_code(2);
    assert!(run.stderr.contains("no book.toml"), "{}", run.stderr);
    empty.run(&["build", "--no-such-flag"]).assert_code(2);
    let book = BookTest::from_fixture("basic");
    book.run(&["build", "--base-url", "owner.github.io"])
        .assert_code(2);
}

#[test]
fn help_and_explain() {
    let book = BookTest::from_fixture("basic");
    let run = book.run(&["build", "--help"]);
    run.assert_code(0);
    assert!(run.stdout.contains("--base-url <URL>"), "{}", run.stdout);
    let run = book.run(&["check", "--explain", "broken-anchor"]);
    run.assert_code(0);
    assert!(run.stdout.starts_with("broken-anchor: "), "{}", run.stdout);
    let run = book.run(&["check", "--explain", "broken-anchr"]);
    run.assert_code(2);
    assert!(
        run.stderr.contains("did you mean `broken-anchor`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn verbose_prints_how_long_each_phase_took() {
    let book = BookTest::from_fixture("basic");
    let run = book.run(&["build", "--verbose"]);
    run.assert_code(0);
    for phase in &PHASES[..PHASES.len() - 1] {
        assert!(
            run.stderr.contains(&format!("phase {phase}: ")),
            "{}",
            run.stderr
        );
    }
}

const PHASES: [&str; 10] = [
    "config",
    "load",
    "links and print outline",
    "markdown and pages",
    "checks",
    "search index",
    "cards and site files",
    "print handout",
    "swap",
    "total",
];

#[test]
fn timings_prints_a_table_of_every_phase() {
    let book = BookTest::from_fixture("basic");
    let run = book.run(&["build", "--timings"]);
    run.assert_code(0);
    let lines: Vec<&str> = run.stderr.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.starts_with("Timings for "))
        .unwrap_or_else(|| panic!("no table in {}", run.stderr));
    for (line, phase) in lines[start + 1..].iter().zip(PHASES) {
        assert!(
            line.trim_start().starts_with(phase),
            "{line} is not {phase}"
        );
        assert!(line.contains(" ms"), "{line}");
    }
    let rest = lines[start + 1 + PHASES.len()..].join("\n");
    assert!(
        rest.contains("syntax highlighting: not loaded"),
        "{}",
        run.stderr
    );
    if cfg!(target_os = "linux") {
        assert!(rest.contains("peak memory: "), "{}", run.stderr);
    }
    // `check` has no writing phases.
    let run = book.run(&["check", "--timings"]);
    run.assert_code(0);
    assert!(run.stderr.contains("  checks "), "{}", run.stderr);
    assert!(!run.stderr.contains("  print handout "), "{}", run.stderr);
}
