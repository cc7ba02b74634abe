//! Test helper in the spirit of mdBook's BookTest: copy a fixture guide to a temp folder, run
//! the real binary on it, and inspect the output.
#![allow(dead_code)]

pub mod crawl;
pub mod print;
pub mod serve;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The date tests judge reviews against, so they do not depend on the day they run.
pub const TODAY: &str = "2026-12-02";

/// [`TODAY`] as a date, for tests that call the library directly.
pub fn today() -> carebook::content::Date {
    carebook::content::Date::parse(TODAY).unwrap()
}

pub struct BookTest {
    pub dir: tempfile::TempDir,
}

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

impl BookTest {
    /// A copy of `tests/fixtures/<name>`.
    pub fn from_fixture(name: &str) -> BookTest {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&fixtures().join(name), dir.path());
        BookTest { dir }
    }

    /// A copy of the repository's own shipped guide (book.toml, safety.lock, content/,
    /// themes/).
    pub fn shipped_guide() -> BookTest {
        let dir = tempfile::tempdir().unwrap();
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        for file in ["book.toml", "safety.lock"] {
            std::fs::copy(repo.join(file), dir.path().join(file)).unwrap();
        }
        copy_dir(&repo.join("content"), &dir.path().join("content"));
        copy_dir(&repo.join("themes"), &dir.path().join("themes"));
        BookTest { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// Lay the files of another folder over this guide.
    pub fn overlay(&self, from: &Path) {
        copy_dir(from, self.root());
    }

    pub fn write(&self, rel: &str, text: &str) {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// Run `carebook ARGS` in the guide folder, with reviews judged against [`TODAY`].
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_on(args, TODAY)
    }

    /// Run `carebook ARGS` with reviews judged against `today` (YYYY-MM-DD).
    pub fn run_on(&self, args: &[&str], today: &str) -> Run {
        let output = Command::new(env!("CARGO_BIN_EXE_carebook"))
            .args(args)
            .current_dir(self.root())
            .env("CAREBOOK_TODAY", today)
            .output()
            .unwrap();
        Run::from(output)
    }

    /// Every HTML page of the built site, as paths under `public/`.
    pub fn html_pages(&self) -> Vec<String> {
        let public = self.path("public");
        walkdir::WalkDir::new(&public)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
            .map(|e| {
                let rel = e.path().strip_prefix(&public).unwrap();
                rel.to_string_lossy().replace('\\', "/")
            })
            .collect()
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    pub fn html(&self, rel: &str) -> scraper::Html {
        scraper::Html::parse_document(&self.read(rel))
    }
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(o: Output) -> Self {
        Run {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into(),
            stderr: String::from_utf8_lossy(&o.stderr).into(),
        }
    }
}

/// One diagnostic of `--format json` output.
pub struct Json(pub serde_json::Value);

impl Json {
    pub fn code(&self) -> &str {
        self.0["code"].as_str().unwrap_or("")
    }

    pub fn message(&self) -> &str {
        self.0["message"].as_str().unwrap_or("")
    }

    /// `file:line:column`.
    pub fn at(&self) -> String {
        let d = &self.0;
        format!(
            "{}:{}:{}",
            d["file"].as_str().unwrap_or(""),
            d["line"],
            d["column"]
        )
    }
}

impl Run {
    /// The diagnostics of a run with `--format json`.
    pub fn json(&self) -> Vec<Json> {
        self.stdout
            .lines()
            .filter_map(|line| serde_json::from_str(line).ok())
            .map(Json)
            .collect()
    }

    #[track_caller]
    pub fn assert_code(&self, code: i32) -> &Self {
        assert_eq!(
            self.code, code,
            "exit code\n--- stderr:\n{}\n--- stdout:\n{}",
            self.stderr, self.stdout
        );
        self
    }
}

/// (code, file:line:col) of every diagnostic in human output, in the order printed.
pub fn diagnostics_in(stderr: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut code = None;
    for line in stderr.lines() {
        if let Some(rest) = line
            .strip_prefix("error[")
            .or_else(|| line.strip_prefix("warning["))
        {
            code = rest.split(']').next().map(str::to_string);
        } else if let (Some(at), Some(c)) = (line.strip_prefix("  --> "), code.take()) {
            out.push((c, at.to_string()));
        }
    }
    out
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file under `dir`, relative, sorted, with contents.
pub fn snapshot_tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}
