//! The content folder's other files are published as they are, at the guide's own address. A
//! file a browser runs as a document there (HTML, scripts, XML with style sheets) could run
//! script or pass for a page of the guide with a forged care card, so it is refused. An SVG
//! picture is published only when an XML parser (roxmltree) finds nothing in it that runs:
//! scripts, event handlers, embedded HTML, or links and animations to `javascript:` addresses.

use super::Asset;
use crate::codes::Code;
use crate::diagnostics::Diagnostic;
use crate::source::SourceFile;
use rayon::prelude::*;
use std::path::Path;

/// Types a browser opens as a document that can run script or look like a page.
const ACTIVE: [&str; 17] = [
    "html", "htm", "xhtml", "xht", "shtml", "mht", "mhtml", "js", "mjs", "cjs", "wasm", "xml",
    "xsl", "xslt", "svgz", "swf", "hta",
];

/// SVG elements that run script or hold HTML that could.
const RUNS: [&str; 7] = [
    "script",
    "foreignobject",
    "iframe",
    "embed",
    "object",
    "handler",
    "listener",
];

/// Elements that change another attribute as the picture plays.
const ANIMATES: [&str; 4] = ["set", "animate", "animatetransform", "animatemotion"];

/// The largest SVG carebook reads to check it.
pub const SVG_LIMIT: u64 = 8 << 20;

pub fn check(assets: &[Asset], display_prefix: &Path) -> Vec<Diagnostic> {
    assets
        .par_iter()
        .flat_map_iter(|asset| {
            let shown = display_prefix.join(&asset.rel_path);
            match extension(&asset.rel_path).as_deref() {
                Some("svg") => svg(&asset.source, &shown),
                Some(ext) if ACTIVE.contains(&ext) => vec![active(&shown, ext)],
                _ => Vec::new(),
            }
        })
        .collect()
}

fn extension(rel: &str) -> Option<String> {
    let name = rel.rsplit('/').next()?;
    let (_, ext) = name.rsplit_once('.')?;
    Some(ext.to_ascii_lowercase())
}

fn active(shown: &Path, ext: &str) -> Diagnostic {
    Diagnostic::error(
        Code::UnsafeAsset,
        format!(
            "`{}` is a .{ext} file: a browser would open it as part of the guide, where it could run script or pass for one of its pages",
            shown.display()
        ),
    )
    .at_file(shown)
    .help("write the page in Markdown (a .md file) instead, or remove the file; carebook publishes pictures, PDFs and other files that do not run")
}

/// Every part of one SVG that could run, or why it cannot be read as SVG.
fn svg(source: &Path, shown: &Path) -> Vec<Diagnostic> {
    let text = match crate::files::read_text(source, SVG_LIMIT) {
        Ok(text) => text,
        Err(e) => {
            return vec![unreadable(shown, &e.describe()).at_file(shown)];
        }
    };
    let file = SourceFile::new(shown, text);
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        nodes_limit: 1 << 20,
        entity_resolver: None,
    };
    let doc = match roxmltree::Document::parse_with_options(&file.text, options) {
        Ok(doc) => doc,
        Err(e) => {
            let pos = e.pos();
            let at = file.locate_line_col(pos.row as usize, pos.col as usize, 1);
            return vec![unreadable(shown, &e.to_string()).at(at)];
        }
    };
    // Entities can hide markup the parser reads as text and a browser as elements
    // (`&#60;script&#62;` inside an entity), so a picture that declares one is refused.
    let prolog = &file.text[..doc.root_element().range().start];
    if let Some(at) = prolog.find("<!ENTITY") {
        return vec![unsafe_part(
            &file,
            shown,
            "an entity declaration (<!ENTITY>), which can hide markup",
            at,
        )];
    }
    doc.descendants()
        .filter_map(|node| Some((node, runs(&node)?)))
        .map(|(node, why)| unsafe_part(&file, shown, &why, node.range().start))
        .collect()
}

fn unsafe_part(file: &SourceFile, shown: &Path, why: &str, at: usize) -> Diagnostic {
    Diagnostic::error(
        Code::UnsafeAsset,
        format!(
            "`{}` has {why}: a reader who opens the picture would run it as part of the guide",
            shown.display()
        ),
    )
    .at(file.locate(at, at + 1))
    .help("remove it from the SVG; pictures need no script (export it again as plain SVG, without interactivity)")
}

/// What in this node could run script, if anything.
fn runs(node: &roxmltree::Node<'_, '_>) -> Option<String> {
    if let Some(pi) = node.pi() {
        return pi
            .target
            .eq_ignore_ascii_case("xml-stylesheet")
            .then(|| "a style sheet instruction (<?xml-stylesheet?>)".into());
    }
    if !node.is_element() {
        return None;
    }
    let name = node.tag_name().name().to_ascii_lowercase();
    if RUNS.contains(&name.as_str()) {
        return Some(format!("a <{}> element", node.tag_name().name()));
    }
    for attr in node.attributes() {
        let key = attr.name().to_ascii_lowercase();
        if key.starts_with("on") {
            return Some(format!("an event handler ({}=\"...\")", attr.name()));
        }
        if key == "href" && !safe_href(attr.value()) {
            return Some(format!("a link to `{}`", attr.value().escape_debug()));
        }
        let changes = matches!(key.as_str(), "attributename");
        let target = attr.value().to_ascii_lowercase();
        let target = target.rsplit(':').next().unwrap_or_default();
        if changes
            && ANIMATES.contains(&name.as_str())
            && (target == "href" || target.starts_with("on"))
        {
            return Some(format!("an animation that changes `{}`", attr.value()));
        }
    }
    None
}

/// A link inside the picture, to another file of the guide, or to a web or email address.
fn safe_href(href: &str) -> bool {
    match url::Url::parse(href) {
        Ok(url) => matches!(url.scheme(), "https" | "http" | "mailto"),
        Err(url::ParseError::RelativeUrlWithoutBase) => true,
        Err(_) => false,
    }
}

fn unreadable(shown: &Path, why: &str) -> Diagnostic {
    Diagnostic::error(
        Code::UnsafeAsset,
        format!(
            "`{}` cannot be read as an SVG picture ({why}), so carebook cannot check that it runs nothing",
            shown.display()
        ),
    )
    .help("export the picture again as plain SVG from your drawing program, or use a PNG")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Why the whole check refuses this SVG, if it does.
    fn refused(svg: &str) -> Option<String> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.svg");
        std::fs::write(&path, svg).unwrap();
        let found = super::svg(&path, Path::new("p.svg"));
        found.first().map(|d| d.message.clone())
    }

    fn found(svg: &str) -> Option<String> {
        let doc = roxmltree::Document::parse_with_options(
            svg,
            roxmltree::ParsingOptions {
                allow_dtd: true,
                ..Default::default()
            },
        )
        .ok()?;
        doc.descendants().find_map(|n| runs(&n))
    }

    #[test]
    fn what_runs_in_an_svg_is_found() {
        let ns = "xmlns='http://www.w3.org/2000/svg' xmlns:xlink='http://www.w3.org/1999/xlink'";
        for bad in [
            format!("<svg {ns}><script>alert(1)</script></svg>"),
            format!("<svg {ns}><SCRIPT>alert(1)</SCRIPT></svg>"),
            format!("<svg {ns} onload='alert(1)'/>"),
            format!("<svg {ns}><rect ONCLICK='x()'/></svg>"),
            format!("<svg {ns}><foreignObject><p>hi</p></foreignObject></svg>"),
            format!("<svg {ns}><a href='javascript:alert(1)'><rect/></a></svg>"),
            format!("<svg {ns}><a xlink:href=' JaVa&#x09;script:alert(1)'><rect/></a></svg>"),
            format!("<svg {ns}><image href='data:text/html,x'/></svg>"),
            format!("<svg {ns}><a><set attributeName='href' to='javascript:alert(1)'/></a></svg>"),
            format!(
                "<svg {ns}><a><animate attributeName='xlink:href' values='javascript:x()'/></a></svg>"
            ),
            format!("<?xml-stylesheet href='x.xsl' type='text/xsl'?><svg {ns}/>"),
            format!("<!DOCTYPE svg [<!ENTITY s '<script>alert(1)</script>'>]><svg {ns}>&s;</svg>"),
        ] {
            assert!(found(&bad).is_some(), "{bad}");
        }
        // The parser reads an escaped entity as text where a browser reads markup: any
        // entity declaration is refused, as is what the parser cannot read.
        let escaped = format!(
            "<!DOCTYPE svg [<!ENTITY s '&#60;script&#62;alert(1)&#60;/script&#62;'>]><svg {ns}>&s;</svg>"
        );
        assert!(refused(&escaped).unwrap().contains("entity"), "{escaped}");
        assert!(
            refused("<svg><unclosed></svg>")
                .unwrap()
                .contains("cannot be read")
        );
        let doctype = format!(
            "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\"><svg {ns}/>"
        );
        assert_eq!(refused(&doctype), None, "a plain document type is fine");
        let script = format!("<svg {ns}>\n<script>x()</script></svg>");
        assert!(refused(&script).unwrap().contains("a <script> element"));
    }

    #[test]
    fn a_plain_drawing_passes() {
        let ns = "xmlns='http://www.w3.org/2000/svg' xmlns:xlink='http://www.w3.org/1999/xlink'";
        for good in [
            format!(
                "<svg {ns} viewBox='0 0 10 10'><title>A knee</title><path d='M0 0L10 10' stroke='#000'/></svg>"
            ),
            format!(
                "<svg {ns}><defs><g id='a'/></defs><use xlink:href='#a'/><a href='../index.html'><rect/></a></svg>"
            ),
            format!(
                "<svg {ns}><animate attributeName='opacity' from='0' to='1'/><style>rect {{ fill: red }}</style></svg>"
            ),
        ] {
            assert_eq!(found(&good), None, "{good}");
        }
    }

    #[test]
    fn document_types_are_found_by_extension() {
        assert_eq!(extension("a/b.HTML").as_deref(), Some("html"));
        assert_eq!(extension("a.b/c"), None);
        assert_eq!(extension("pic.svg").as_deref(), Some("svg"));
    }
}
