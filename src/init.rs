//! `carebook init DIR`: a new guide that builds cleanly, with one page of each kind.

use crate::codes::Code;
use crate::diagnostics::Diagnostic;
use std::path::Path;

/// The scaffold's files, embedded at compile time: (path inside DIR, contents).
const FILES: [(&str, &str); 10] = [
    ("book.toml", include_str!("scaffold/book.toml")),
    ("README.md", include_str!("scaffold/README.md")),
    (".gitignore", include_str!("scaffold/gitignore")),
    (
        "content/index.md",
        include_str!("scaffold/content/index.md"),
    ),
    (
        "content/when-to-avoid.md",
        include_str!("scaffold/content/when-to-avoid.md"),
    ),
    (
        "content/when-to-get-help.md",
        include_str!("scaffold/content/when-to-get-help.md"),
    ),
    ("content/faq.md", include_str!("scaffold/content/faq.md")),
    (
        "content/safety.yaml",
        include_str!("scaffold/content/safety.yaml"),
    ),
    (
        "content/techniques/_index.md",
        include_str!("scaffold/content/techniques/_index.md"),
    ),
    (
        "content/techniques/example-technique.md",
        include_str!("scaffold/content/techniques/example-technique.md"),
    ),
];

/// Write a new guide into `dir`, which must not exist or be empty.
pub fn scaffold(dir: &Path) -> Result<(), Diagnostic> {
    if dir.is_file() {
        return Err(
            Diagnostic::error(Code::Io, format!("`{}` is a file", dir.display()))
                .help("choose a folder name for the new guide"),
        );
    }
    if std::fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_some()) {
        return Err(Diagnostic::error(Code::Io, format!("`{}` is not empty", dir.display()))
            .help("carebook init only writes into a new or empty folder, so it never overwrites your files"));
    }
    for (path, text) in FILES {
        let target = dir.join(path);
        let written = target
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&target, text));
        if let Err(e) = written {
            return Err(Diagnostic::error(
                Code::Io,
                format!("cannot write `{}`: {e}", target.display()),
            ));
        }
    }
    Ok(())
}
