//! The theme: the default one is compiled into the binary; a guide's themes/<name>/ folder
//! overrides single files (templates/*.html, static/*).

use crate::codes::Code;
use crate::diagnostics::Diagnostic;
use crate::markdown::Markup;
use std::path::Path;

/// The default theme's files, embedded at compile time.
#[rustfmt::skip]
const DEFAULT_TEMPLATES: [(&str, &str); 17] = [
    ("base.html", include_str!("../../themes/default/templates/base.html")),
    ("page.html", include_str!("../../themes/default/templates/page.html")),
    ("home.html", include_str!("../../themes/default/templates/home.html")),
    ("section.html", include_str!("../../themes/default/templates/section.html")),
    ("404.html", include_str!("../../themes/default/templates/404.html")),
    ("card-body.html", include_str!("../../themes/default/templates/card-body.html")),
    ("card-head.html", include_str!("../../themes/default/templates/card-head.html")),
    ("card.html", include_str!("../../themes/default/templates/card.html")),
    ("cards-all.html", include_str!("../../themes/default/templates/cards-all.html")),
    ("cards-sheet.html", include_str!("../../themes/default/templates/cards-sheet.html")),
    ("cards-index.html", include_str!("../../themes/default/templates/cards-index.html")),
    ("print.html", include_str!("../../themes/default/templates/print.html")),
    ("heading.html", include_str!("../../themes/default/templates/heading.html")),
    ("callout.html", include_str!("../../themes/default/templates/callout.html")),
    ("ruled-out.html", include_str!("../../themes/default/templates/ruled-out.html")),
    ("about.html", include_str!("../../themes/default/templates/about.html")),
    ("card-pictures.html", include_str!("../../themes/default/templates/card-pictures.html")),
];

#[rustfmt::skip]
const DEFAULT_STATIC: [(&str, &[u8]); 6] = [
    ("style.css", include_bytes!("../../themes/default/static/style.css")),
    ("favicon.svg", include_bytes!("../../themes/default/static/favicon.svg")),
    ("cards.css", include_bytes!("../../themes/default/static/cards.css")),
    ("handout.css", include_bytes!("../../themes/default/static/handout.css")),
    ("cards.js", include_bytes!("../../themes/default/static/cards.js")),
    ("search.js", include_bytes!("../../themes/default/static/search.js")),
];

/// Where the theme's static files are published, relative to the site root.
pub const STATIC_DIR: &str = "theme";

pub struct Theme {
    pub tera: tera::Tera,
    /// The markup around headings and callouts, cut from `heading.html` and `callout.html`.
    pub markup: Markup,
    /// (file name, contents) of every static file, written to `theme/<name>`.
    pub static_files: Vec<(String, Vec<u8>)>,
}

impl Theme {
    /// The default theme with the files of `override_dir` (if it exists) layered on top.
    pub fn load(override_dir: Option<&Path>) -> Result<Theme, Vec<Diagnostic>> {
        let mut templates: Vec<(String, String)> = DEFAULT_TEMPLATES
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect();
        let mut static_files: Vec<(String, Vec<u8>)> = DEFAULT_STATIC
            .iter()
            .map(|(n, b)| (n.to_string(), b.to_vec()))
            .collect();
        let mut problems = Vec::new();
        if let Some(dir) = override_dir.filter(|d| d.is_dir()) {
            overlay(
                &dir.join("templates"),
                &mut problems,
                |name, bytes| match String::from_utf8(bytes) {
                    Ok(text) => replace(&mut templates, name, text),
                    Err(_) => Some(format!("template {name} is not UTF-8")),
                },
            );
            overlay(&dir.join("static"), &mut problems, |name, bytes| {
                replace(&mut static_files, name, bytes)
            });
        }
        let mut tera = tera::Tera::new();
        if let Err(e) =
            tera.add_raw_templates(templates.iter().map(|(n, t)| (n.as_str(), t.as_str())))
        {
            problems.push(Diagnostic::error(
                Code::Template,
                format!("the theme's templates do not compile: {e}"),
            ));
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        match Markup::compile(&tera) {
            Ok(markup) => Ok(Theme {
                tera,
                markup,
                static_files,
            }),
            Err(why) => Err(vec![Diagnostic::error(Code::Template, why).help(
                "see the comment at the top of the built-in template for what it is given",
            )]),
        }
    }
}

fn replace<T>(files: &mut Vec<(String, T)>, name: String, value: T) -> Option<String> {
    match files.iter_mut().find(|(n, _)| *n == name) {
        Some(slot) => slot.1 = value,
        None => files.push((name, value)),
    }
    None
}

fn overlay(
    dir: &Path,
    problems: &mut Vec<Diagnostic>,
    mut add: impl FnMut(String, Vec<u8>) -> Option<String>,
) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        if crate::content::is_ignored(&name) {
            continue;
        }
        match crate::files::read_bytes(&path, crate::files::limit::THEME_FILE) {
            Ok(bytes) => {
                if let Some(problem) = add(name, bytes) {
                    problems.push(Diagnostic::error(Code::Template, problem).at_file(&path));
                }
            }
            Err(e) => problems.push(
                Diagnostic::error(Code::Io, format!("cannot read this theme file: {}", e.describe()))
                    .at_file(&path)
                    .help("a theme folder holds only the files that replace the built-in theme's: remove this, or replace it with a file"),
            ),
        }
    }
}
