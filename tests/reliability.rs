//! Failures a careless user (or a corrupted checkout) causes must never switch a safety check
//! off: every file the guide depends on is read or refused with one clear error, and settings
//! that would disable a check, or reach the published files broken, are refused.

mod common;
use common::BookTest;

/// The shipped guide with an under-graded sign added, so a build that skipped the red-flag
/// rules would pass and publish it.
fn shipped_with_an_under_graded_sign() -> BookTest {
    let book = BookTest::shipped_guide();
    let faq = book.read("content/faq.md");
    book.write(
        "content/faq.md",
        &format!("{faq}\nIf you cannot control your bladder, see a GP.\n"),
    );
    book
}

/// One way to break the registry: its name, what it does, the exit code, and what the error says.
type Breakage = (&'static str, Box<dyn Fn(&BookTest)>, i32, &'static str);

/// The `error[...]` lines of a run, in order.
fn error_lines(stderr: &str) -> Vec<&str> {
    stderr.lines().filter(|l| l.starts_with("error[")).collect()
}

/// The ways the audit broke the registry.
fn breakages() -> Vec<Breakage> {
    let registry = BookTest::shipped_guide().read("content/safety.yaml");
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(registry.encode_utf16().flat_map(u16::to_le_bytes));
    vec![
        (
            "a Latin-1 byte in a comment",
            Box::new(move |b: &BookTest| {
                let mut bytes = b"# caf\xe9\n".to_vec();
                bytes.extend(b.read("content/safety.yaml").into_bytes());
                std::fs::write(b.path("content/safety.yaml"), bytes).unwrap();
            }),
            1,
            "content/safety.yaml:1:1",
        ),
        (
            "UTF-16",
            Box::new(move |b: &BookTest| {
                std::fs::write(b.path("content/safety.yaml"), &utf16).unwrap()
            }),
            1,
            "UTF-16",
        ),
        (
            "a folder in its place",
            Box::new(|b: &BookTest| {
                std::fs::remove_file(b.path("content/safety.yaml")).unwrap();
                std::fs::create_dir(b.path("content/safety.yaml")).unwrap();
            }),
            2,
            "it is a folder, not a file",
        ),
        (
            "deleted",
            Box::new(|b: &BookTest| std::fs::remove_file(b.path("content/safety.yaml")).unwrap()),
            2,
            "it does not exist",
        ),
        (
            "a typo in [safety] registry",
            Box::new(|b: &BookTest| {
                let toml = b
                    .read("book.toml")
                    .replace("[safety]\n", "[safety]\nregistry = \"safety.yml\"\n");
                b.write("book.toml", &toml);
            }),
            2,
            "did you mean `safety.yaml`?",
        ),
        (
            "a YAML mistake",
            Box::new(|b: &BookTest| {
                let text = b
                    .read("content/safety.yaml")
                    .replacen("level:", "levle:", 1);
                b.write("content/safety.yaml", &text);
            }),
            1,
            "unknown field `levle`",
        ),
    ]
}

#[test]
fn a_registry_that_cannot_be_read_is_one_error_that_names_it() {
    for (name, break_it, exit, says) in breakages() {
        let book = shipped_with_an_under_graded_sign();
        break_it(&book);
        let run = book.run(&["build"]);
        assert_eq!(run.code, exit, "{name}: exit code\n{}", run.stderr);
        let errors = error_lines(&run.stderr);
        assert_eq!(errors.len(), 1, "{name}: knock-on errors\n{}", run.stderr);
        assert!(
            errors[0].starts_with("error[registry]")
                || errors[0].starts_with("error[unknown-field]"),
            "{name}\n{}",
            run.stderr
        );
        assert!(
            run.stderr.contains(says),
            "{name}: should say {says:?}\n{}",
            run.stderr
        );
        assert!(
            run.stderr.contains("safety.y"),
            "{name}: names the file\n{}",
            run.stderr
        );
        assert!(!book.path("public").exists(), "{name}: published");
    }
}

#[test]
fn a_registry_path_in_book_toml_is_reported_at_its_line() {
    let book = BookTest::shipped_guide();
    let toml = book.read("book.toml").replace(
        "[safety]\n",
        "[safety]\nregistry = \"registry/flags.yaml\"\n",
    );
    book.write("book.toml", &toml);
    let line = toml
        .lines()
        .position(|l| l.starts_with("registry ="))
        .unwrap()
        + 1;
    let run = book.run(&["check"]);
    run.assert_code(2);
    assert!(
        run.stderr.contains(&format!("--> book.toml:{line}:1"))
            && run.stderr.contains("content/registry/flags.yaml"),
        "{}",
        run.stderr
    );
}

#[cfg(unix)]
#[test]
fn a_pipe_or_a_device_as_the_registry_is_refused_at_once() {
    for (target, says) in [
        ("/dev/zero", "it is a device, not a file"),
        ("pipe.yaml", "it is a named pipe (FIFO), not a file"),
    ] {
        let book = BookTest::from_fixture("basic");
        let status = std::process::Command::new("mkfifo")
            .arg(book.path("content/pipe.yaml"))
            .status()
            .unwrap();
        assert!(status.success());
        let toml = book.read("book.toml") + &format!("\n[safety]\nregistry = \"{target}\"\n");
        book.write("book.toml", &toml);
        // A build that opened the pipe would wait for a writer for ever; one that read
        // /dev/zero would fill the memory. Either way this would not return.
        let run = book.run(&["build"]);
        run.assert_code(2);
        assert!(run.stderr.contains(says), "{}", run.stderr);
    }
}

#[test]
fn settings_that_would_switch_a_check_off_or_break_the_output_exit_2_at_their_line() {
    let cases: [(&str, &str, &str); 11] = [
        (
            "[safety]\nmax-grade = nan",
            "max-grade must be a number above 0",
            "safety",
        ),
        (
            "[safety]\nmax-grade = inf",
            "max-grade must be a number above 0",
            "safety",
        ),
        (
            "[safety]\ncatch-all = [\"worried\", \"\"]",
            "catch-all has an empty entry",
            "safety",
        ),
        (
            "[site]\nurl = \"https://o.github.io/g/?utm=1\"",
            "`?query` or `#fragment`",
            "site",
        ),
        (
            "[site]\nurl = \"https://o.github.io/g/#x\"",
            "`?query` or `#fragment`",
            "site",
        ),
        (
            "[site]\nurl = \"https://o.github.io/my guide/\"",
            "spaces or line breaks",
            "site",
        ),
        (
            "[site]\nurl = \"https://o.github.io/g/\\n\"",
            "spaces or line breaks",
            "site",
        ),
        (
            "[site]\nurl = \"https://o.github.io:70000/\"",
            "not a valid web address",
            "site",
        ),
        (
            "[site]\ncname = \"guide.example.org\\nevil.example\"",
            "spaces or line breaks",
            "site",
        ),
        (
            "[build]\ntheme = \"nhs\"",
            "theme `nhs` does not exist",
            "build",
        ),
        (
            "[build]\ntheme = \"../../elsewhere\"",
            "is not a theme name",
            "build",
        ),
    ];
    for (toml, says, table) in cases {
        let book = BookTest::from_fixture("basic");
        let base: String = book
            .read("book.toml")
            .lines()
            .filter(|l| !l.starts_with("url") && !l.starts_with("cname") && *l != "[site]")
            .map(|l| format!("{l}\n"))
            .collect();
        let text = format!("{base}\n{toml}\n");
        book.write("book.toml", &text);
        let key_line = text.lines().count();
        let run = book.run(&["build"]);
        run.assert_code(2);
        assert!(run.stderr.contains(says), "{toml}\n{}", run.stderr);
        assert!(
            run.stderr.contains(&format!("--> book.toml:{key_line}:1")),
            "{toml}: not at its line ({table})\n{}",
            run.stderr
        );
        assert!(!book.path("public").exists());
    }
}

#[test]
fn an_empty_book_toml_is_refused_because_title_is_required() {
    let book = BookTest::from_fixture("basic");
    book.write("book.toml", "");
    let run = book.run(&["build"]);
    run.assert_code(2);
    assert!(
        run.stderr.contains("[book] title is required"),
        "{}",
        run.stderr
    );
}

#[test]
fn base_url_on_the_command_line_is_checked_like_site_url() {
    let book = BookTest::from_fixture("basic");
    for bad in [
        "https://o.github.io/g/?x=1",
        "https://o.github.io/g/#f",
        "https://o.github.io:0x/",
    ] {
        let run = book.run(&["build", "--base-url", bad]);
        run.assert_code(2);
        assert!(run.stderr.contains("--base-url"), "{bad}\n{}", run.stderr);
    }
}

#[test]
fn empty_registry_words_are_refused() {
    let book = BookTest::from_fixture("basic");
    let text = book
        .read("content/safety.yaml")
        .replacen("words: [", "words: [\"\", ", 1);
    book.write("content/safety.yaml", &text);
    let run = book.run(&["check"]);
    run.assert_code(1);
    assert!(
        run.stderr.contains("has an empty entry in its words"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_theme_file_that_is_not_a_file_is_named() {
    let book = BookTest::from_fixture("basic");
    std::fs::create_dir_all(book.path("themes/default/templates/page.html")).unwrap();
    let run = book.run(&["build"]);
    run.assert_code(2);
    assert!(
        run.stderr.contains("themes/default/templates/page.html")
            && run.stderr.contains("it is a folder, not a file"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_file_published_where_carebook_writes_its_own_is_an_error_naming_both() {
    let cases = [
        (
            "content/robots.txt",
            "robots.txt",
            "the file for search engines",
        ),
        (
            "content/theme/style.css",
            "theme/style.css",
            "the theme's file style.css",
        ),
        (
            "content/search-index.js",
            "search-index.js",
            "the search index",
        ),
        ("content/print.md", "print.html", "the print handout"),
        ("content/404.md", "404.html", "addresses that do not exist"),
        (
            "content/cards/all.md",
            "cards/all.html",
            "a page of step cards",
        ),
        (
            "content/cards/stretch.md",
            "cards/stretch.html",
            "the step card of techniques/stretch.md",
        ),
    ];
    for (file, published, what) in cases {
        let book = BookTest::from_fixture("basic");
        book.write(
            file,
            "---\ntitle: Mine\nreviewed: 2026-01-10\nnext-review: 2028-01-10\n---\n\nText.\n",
        );
        // Every build says the same, whatever order files are written in.
        let first = book.run(&["build"]);
        let second = book.run(&["build"]);
        first.assert_code(1);
        assert_eq!(first.stderr, second.stderr);
        assert!(
            first.stderr.contains("error[reserved-path]")
                && first.stderr.contains(file)
                && first.stderr.contains(&format!("as `{published}`"))
                && first.stderr.contains(what),
            "{file}\n{}",
            first.stderr
        );
        assert!(!book.path("public").exists());
    }
}

#[test]
fn old_mac_line_endings_are_read_as_line_breaks() {
    let book = BookTest::from_fixture("basic");
    book.write(
        "content/mac.md",
        "---\rtitle: Mac\rreviewed: 2026-01-10\rnext-review: 2028-01-10\r---\r\r## Head\r\rText [to the head](#head).\r",
    );
    let run = book.run(&["build"]);
    run.assert_code(0);
    assert!(book.read("public/mac.html").contains("id=\"head\""));
}

#[test]
fn a_page_that_is_not_utf8_is_one_error_not_broken_links_to_it() {
    let book = BookTest::from_fixture("basic");
    std::fs::write(
        book.path("content/latin1.md"),
        b"---\ntitle: caf\xe9\n---\n",
    )
    .unwrap();
    let index = book.read("content/index.md") + "\nSee [the other page](latin1.md).\n";
    book.write("content/index.md", &index);
    let run = book.run(&["check"]);
    run.assert_code(1);
    let errors = error_lines(&run.stderr);
    assert_eq!(
        errors,
        [
            "error[not-utf8]: cannot read this page: it is not UTF-8 text (the first bad byte is on line 2)"
        ],
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("--> content/latin1.md:2:1"),
        "{}",
        run.stderr
    );
}

#[cfg(unix)]
#[test]
fn a_symlinked_content_file_is_reported_as_a_link_that_is_not_followed() {
    let book = BookTest::from_fixture("basic");
    let outside = book.path("elsewhere.md");
    std::fs::write(&outside, "---\ntitle: Out\n---\n").unwrap();
    std::os::unix::fs::symlink(&outside, book.path("content/linked.md")).unwrap();
    let index = book.read("content/index.md") + "\nSee [it](linked.md).\n";
    book.write("content/index.md", &index);
    let run = book.run(&["check"]);
    run.assert_code(1);
    let errors = error_lines(&run.stderr);
    assert_eq!(errors.len(), 1, "{}", run.stderr);
    assert!(
        errors[0].starts_with("error[symlink]: this is a symbolic link")
            && errors[0].contains("does not follow links")
            && run.stderr.contains("--> content/linked.md"),
        "{}",
        run.stderr
    );
}

#[test]
fn directives_on_consecutive_lines_each_place_their_signs() {
    let book = BookTest::from_fixture("basic");
    let help = book.read("content/when-to-get-help.md");
    let levels = ["emergency", "urgent"]
        .iter()
        .filter(|l| help.contains(&format!("{{{{ red-flags {l} }}}}")))
        .count();
    assert!(levels > 0, "the fixture changed");
    book.write(
        "content/two.md",
        "---\ntitle: Two\nreviewed: 2026-01-10\nnext-review: 2028-01-10\n---\n\n> [!EMERGENCY]\n> {{ red-flags emergency }}\n> {{ red-flags emergency }}\n",
    );
    let run = book.run(&["check"]);
    assert!(!run.stderr.contains("care-card-empty"), "{}", run.stderr);
    book.write(
        "content/two.md",
        "---\ntitle: Two\nreviewed: 2026-01-10\nnext-review: 2028-01-10\n---\n\nSome words\n{{ red-flags emergency }}\n",
    );
    let run = book.run(&["check"]);
    run.assert_code(1);
    assert!(
        run.stderr
            .contains("error[unknown-directive]: this `{{ ... }}` directive shares its paragraph"),
        "{}",
        run.stderr
    );
}

#[test]
fn thousands_of_warning_callouts_are_one_error() {
    let book = BookTest::from_fixture("basic");
    let body = "> [!CAUTION]\n> Go slowly.\n\n".repeat(5_000);
    book.write(
        "content/many.md",
        &format!("---\ntitle: Many\nreviewed: 2026-01-10\nnext-review: 2028-01-10\n---\n\n{body}"),
    );
    let run = book.run(&["check"]);
    run.assert_code(1);
    let count = run.stderr.matches("error[too-many-warnings]").count();
    assert_eq!(count, 1, "{}", &run.stderr[..run.stderr.len().min(2000)]);
    assert!(
        run.stderr.contains("this page has 5,000 warning callouts"),
        "{}",
        run.stderr
    );
}

#[test]
fn thousands_of_broken_links_on_one_line_print_a_short_report() {
    let book = BookTest::from_fixture("basic");
    let same: String = "[x](nope.md) ".repeat(4_000);
    let different: String = (0..4_000).map(|i| format!("[x](nope{i}.md) ")).collect();
    for (name, line) in [("same", same), ("different", different)] {
        book.write(
            "content/links.md",
            &format!(
                "---\ntitle: Links\nreviewed: 2026-01-10\nnext-review: 2028-01-10\n---\n\n{line}\n"
            ),
        );
        let run = book.run(&["check"]);
        run.assert_code(1);
        assert!(
            run.stderr.len() < 64 * 1024,
            "{name}: {} bytes of diagnostics",
            run.stderr.len()
        );
        assert!(
            run.stderr.contains("4,001 errors")
                || run.stderr.contains("4001 errors")
                || run.stderr.contains("4,000"),
            "{name}: {}",
            &run.stderr[run.stderr.len().saturating_sub(500)..]
        );
        let json = book.run(&["check", "--format", "json"]);
        assert!(
            json.stdout.len() < 128 * 1024,
            "{name}: {} bytes of JSON",
            json.stdout.len()
        );
    }
}

#[cfg(unix)]
#[test]
fn a_pipe_as_book_toml_or_in_the_content_folder_is_refused_at_once() {
    let book = BookTest::from_fixture("basic");
    let pipe = book.path("content/pipe.md");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&pipe)
            .status()
            .unwrap()
            .success()
    );
    let run = book.run(&["check"]);
    run.assert_code(1);
    assert!(
        run.stderr
            .contains("this is a named pipe (FIFO), not a file")
            && run.stderr.contains("content/pipe.md"),
        "{}",
        run.stderr
    );
    std::fs::remove_file(&pipe).unwrap();
    std::fs::remove_file(book.path("book.toml")).unwrap();
    assert!(
        std::process::Command::new("mkfifo")
            .arg(book.path("book.toml"))
            .status()
            .unwrap()
            .success()
    );
    let run = book.run(&["check"]);
    run.assert_code(2);
    assert!(
        run.stderr.contains("it is a named pipe (FIFO), not a file"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_language_without_built_in_settings_must_write_them_and_never_gets_another_countrys() {
    let book = BookTest::from_fixture("basic");
    let toml = book
        .read("book.toml")
        .replace("language = \"en-GB\"", "language = \"en-US\"");
    book.write("book.toml", &toml);
    let run = book.run(&["build"]);
    run.assert_code(2);
    assert!(
        run.stderr
            .contains("these settings are missing: [safety] headings.emergency")
            && run
                .stderr
                .contains("no built-in settings for the language `en-US`")
            && run.stderr.contains("[about] title")
            && run.stderr.contains("en-GB"),
        "{}",
        run.stderr
    );
    let toml = toml.replace("[about]\n", "[about]\ntitle = \"About this guide\"\n");
    let us = "\n[safety]\nemergency-care-url = \"https://www.ready.gov/\"\ncatch-all = [\"worried\"]\n[safety.headings]\nemergency = \"Call 911 now if:\"\nurgent = \"Get urgent care today if:\"\nsee-gp = \"See your doctor if:\"\n[safety.labels]\nemergency = \"Emergency\"\nurgent = \"Urgent\"\nsee-gp = \"See your doctor\"\n[safety.referrals]\nemergency = [\"911\"]\nurgent = [\"urgent care\"]\nsee-gp = [\"see your doctor\"]\n";
    book.write("book.toml", &(toml + us));
    let run = book.run(&["build"]);
    run.assert_code(0);
    let card = book.read("public/index.html");
    assert!(
        card.contains("Call 911 now if:") && !card.contains("999"),
        "{card}"
    );
}

#[test]
fn topic_words_are_the_guides_own_not_built_in() {
    let line = "\nGently bring your head back into place.\n";
    let book = BookTest::from_fixture("basic");
    let index = book.read("content/index.md") + line;
    book.write("content/index.md", &index);
    book.run(&["check"]).assert_code(0);
    let shipped = BookTest::shipped_guide();
    let faq = shipped.read("content/faq.md") + line;
    shipped.write("content/faq.md", &faq);
    let run = shipped.run(&["check"]);
    run.assert_code(1);
    assert!(
        run.stderr.contains("\"back into place\" promises more"),
        "{}",
        run.stderr
    );
}
