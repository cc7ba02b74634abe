//! A page's pictures (front matter `pictures`): drawings or photos of a technique's positions,
//! each with the alt text a reader who cannot see it hears instead. The page, its step card
//! and the handout show the same pictures from this one list.

use super::validate::{resolve_relative, value_location};
use super::{Guide, Page};
use crate::codes::Code;
use crate::diagnostics::{Diagnostic, did_you_mean};
use serde::Deserialize;

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct Picture {
    /// The image file, relative to the page, like a link.
    pub src: String,
    /// What the picture shows, for readers who cannot see it. Required.
    pub alt: String,
    /// A short caption under it, such as "Start" or "End".
    pub caption: Option<String>,
}

/// The image types browsers show in an `<img>`.
const IMAGE_TYPES: [&str; 7] = ["svg", "png", "jpg", "jpeg", "gif", "webp", "avif"];

impl Page {
    /// The page's pictures whose files resolve, in the order written, with each file's path
    /// inside the content folder (owned, as resolving builds it).
    pub fn pictures(&self) -> Vec<(String, &Picture)> {
        (self.front.pictures.iter())
            .filter_map(|p| Some((resolve_relative(&self.rel_path, p.src.trim())?, p)))
            .collect()
    }
}

/// Each picture has alt text and names an image file of the guide.
pub(super) fn check(guide: &Guide, page: &Page) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for (n, picture) in page.front.pictures.iter().enumerate() {
        let at = |field: &str| value_location(page, &["pictures".into(), n.into(), field.into()]);
        if let Some(why) = alt_problem(picture) {
            problems.push(
                Diagnostic::error(Code::PictureNoAlt, format!("picture `{}` {why}", picture.src))
                    .at(at("alt"))
                    .help("say in a short sentence what the picture shows, e.g. `alt: Kneeling on a mat, sitting back towards the heels, arms stretched forward`"),
            );
        }
        if let Some(d) = file_problem(guide, page, picture) {
            problems.push(d.at(at("src")));
        }
    }
    problems
}

fn alt_problem(picture: &Picture) -> Option<&'static str> {
    let alt = picture.alt.trim();
    let file = picture.src.rsplit('/').next().unwrap_or_default();
    if alt.is_empty() {
        Some("has no alt text")
    } else if alt.eq_ignore_ascii_case(file)
        || IMAGE_TYPES
            .iter()
            .any(|t| alt.to_ascii_lowercase().ends_with(&format!(".{t}")))
    {
        Some("has a file name for its alt text")
    } else {
        None
    }
}

fn file_problem(guide: &Guide, page: &Page, picture: &Picture) -> Option<Diagnostic> {
    let src = picture.src.trim();
    let ext = src.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    if !ext.is_some_and(|e| IMAGE_TYPES.contains(&e.as_str())) {
        return Some(
            Diagnostic::error(
                Code::BrokenPicture,
                format!("picture `{src}` is not an image file"),
            )
            .help(format!(
                "use a picture in one of these types: {}",
                IMAGE_TYPES.join(", ")
            )),
        );
    }
    let resolved = resolve_relative(&page.rel_path, src).filter(|p| guide.has_asset(p));
    if resolved.is_some() {
        return None;
    }
    let here = page.rel_path.rsplit_once('/').map_or("", |(dir, _)| dir);
    let images = guide.asset_paths.iter().filter(|a| {
        a.rsplit_once('.')
            .is_some_and(|(_, e)| IMAGE_TYPES.contains(&e.to_ascii_lowercase().as_str()))
    });
    let relative: Vec<String> = images.map(|a| relative_to(here, a)).collect();
    let help = match did_you_mean(src, relative.iter().map(String::as_str)) {
        Some(near) => format!("did you mean `{near}`? The path is relative to this page"),
        None => "put the picture in the content folder and give its path relative to this page, e.g. `../images/start.svg`".into(),
    };
    Some(
        Diagnostic::error(
            Code::BrokenPicture,
            format!("picture `{src}` is not a file of the guide"),
        )
        .help(help),
    )
}

/// `file` (inside the content folder) as a path relative to the folder `dir`.
pub fn relative_to(dir: &str, file: &str) -> String {
    let depth = if dir.is_empty() {
        0
    } else {
        dir.split('/').count()
    };
    match file.strip_prefix(dir).and_then(|r| r.strip_prefix('/')) {
        Some(inside) if !dir.is_empty() => inside.to_string(),
        _ => format!("{}{file}", "../".repeat(depth)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_made_relative_to_a_folder() {
        assert_eq!(relative_to("", "images/a.svg"), "images/a.svg");
        assert_eq!(relative_to("techniques", "images/a.svg"), "../images/a.svg");
        assert_eq!(relative_to("techniques", "techniques/a.svg"), "a.svg");
    }

    #[test]
    fn alt_text_must_say_what_the_picture_shows() {
        let p = |src: &str, alt: &str| Picture {
            src: src.into(),
            alt: alt.into(),
            caption: None,
        };
        assert_eq!(alt_problem(&p("a.svg", " ")), Some("has no alt text"));
        assert_eq!(
            alt_problem(&p("x/a.svg", "a.svg")),
            Some("has a file name for its alt text")
        );
        assert_eq!(
            alt_problem(&p("a.svg", "start.PNG")),
            Some("has a file name for its alt text")
        );
        assert_eq!(alt_problem(&p("a.svg", "Kneeling on a mat")), None);
    }
}
