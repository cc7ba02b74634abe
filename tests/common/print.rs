//! Printing to PDF with headless Chromium and reading PDFs with poppler-utils, for the print
//! tests. `scripts/install-test-deps` installs both from Debian's packages.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Print an HTML file to PDF the way a person's browser would, with the page size its CSS asks for.
pub fn print_pdf(html: &Path, pdf: &Path) {
    let profile = tempfile::tempdir().unwrap();
    let status = Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
        ])
        .args([
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--no-pdf-header-footer")
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html.display()))
        .output()
        .expect("chromium is installed");
    assert!(
        status.status.success() && pdf.is_file(),
        "printing {} failed: {}",
        html.display(),
        String::from_utf8_lossy(&status.stderr)
    );
}

/// (page count, width and height of the first page in points).
pub fn pdf_info(pdf: &Path) -> (usize, (f64, f64)) {
    let out = Command::new("pdfinfo")
        .arg(pdf)
        .output()
        .expect("pdfinfo is installed");
    let text = String::from_utf8_lossy(&out.stdout);
    let field = |name: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(name))
            .map(str::trim)
            .unwrap_or_default()
            .to_string()
    };
    let pages = field("Pages:").parse().unwrap();
    let size = field("Page size:");
    let numbers: Vec<f64> = size
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    (pages, (numbers[0], numbers[1]))
}

/// The text of one page (1-based).
pub fn pdf_text(pdf: &Path, page: usize) -> String {
    let out = Command::new("pdftotext")
        .args(["-layout", "-f", &page.to_string(), "-l", &page.to_string()])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext is installed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Render the first page of a PDF to `dir/<name>.png` for a person to look at.
pub fn preview(pdf: &Path, dir: &Path, name: &str) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    let stem = dir.join(name);
    let status = Command::new("pdftoppm")
        .args(["-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile"])
        .arg(pdf)
        .arg(&stem)
        .status()
        .unwrap();
    assert!(status.success());
    stem.with_extension("png")
}

/// Millimetres to PDF points.
pub fn pt(mm: f64) -> f64 {
    mm * 72.0 / 25.4
}
