//! Markup a theme can change. The HTML around each heading (`heading.html`, with its anchor
//! link) and each callout or care card (`callout.html`) comes from the theme's templates, not
//! from Rust strings.
//!
//! A template is rendered once per build for each value that has few forms (a heading's level,
//! a callout's kind), with stand-ins for the values that change from use to use (a heading's
//! id and text) and for the body it wraps. The result is cut at the stand-ins into pieces that
//! a page fills in, so a template costs no more per heading than a `format!`. Values are
//! HTML-escaped by carebook, exactly as Tera escapes them; a template may place one anywhere,
//! any number of times, or leave it out, but cannot pass it through a filter (carebook says so
//! when the theme is loaded).

use super::callouts::CalloutKind;
use super::escape;
use std::collections::HashMap;
use std::fmt::Write;

/// The heading levels a callout's heading can take (one below the heading before it).
const CALLOUT_LEVELS: std::ops::RangeInclusive<u8> = 2..=6;

/// The theme's markup for headings and callouts, cut into pieces.
#[derive(Debug, Clone)]
pub struct Markup {
    /// `heading.html` for levels 1 to 6.
    headings: Vec<Wrap>,
    callouts: HashMap<(CalloutKind, u8), Wrap>,
}

/// A template's output around the body it wraps: what goes before it and after it.
#[derive(Debug, Clone)]
pub struct Wrap {
    open: Pieces,
    close: Pieces,
}

impl Wrap {
    /// Write what goes before the body, with `values` (raw text, escaped here) in order.
    pub fn open(&self, values: &[&str]) -> String {
        self.open.fill(values)
    }

    pub fn close(&self, values: &[&str]) -> String {
        self.close.fill(values)
    }
}

#[derive(Debug, Clone, Default)]
struct Pieces(Vec<Piece>);

#[derive(Debug, Clone)]
enum Piece {
    Literal(String),
    Value(usize),
}

impl Pieces {
    fn fill(&self, values: &[&str]) -> String {
        let mut out = String::new();
        for piece in &self.0 {
            match piece {
                Piece::Literal(text) => out.push_str(text),
                Piece::Value(i) => out.push_str(&escape(values.get(*i).copied().unwrap_or(""))),
            }
        }
        out
    }
}

/// The values of the heading template that change from heading to heading, in order.
pub const HEADING_VALUES: [&str; 2] = ["id", "text"];
/// The value the heading template wraps: the heading's own inline HTML.
const HEADING_BODY: &str = "content";
/// The values of the callout template that change from callout to callout.
pub const CALLOUT_VALUES: [&str; 2] = ["heading", "id"];
const CALLOUT_BODY: &str = "body";

impl Markup {
    /// Cut the theme's `heading.html` and `callout.html` into pieces, or say what is wrong.
    pub fn compile(tera: &tera::Tera) -> Result<Markup, String> {
        let headings = (1..=6u8)
            .map(|level| {
                let mut context = tera::Context::new();
                context.insert("level", &level);
                let cut = Cut::new("heading.html", &HEADING_VALUES, HEADING_BODY);
                cut.render(tera, context)
            })
            .collect::<Result<_, _>>()?;
        let mut callouts = HashMap::new();
        for kind in CalloutKind::ALL {
            for level in CALLOUT_LEVELS {
                let cut = Cut::new("callout.html", &CALLOUT_VALUES, CALLOUT_BODY);
                callouts.insert((kind, level), cut.render(tera, kind.context(level))?);
            }
        }
        Ok(Markup { headings, callouts })
    }

    /// The markup around a heading of `level` (1 to 6).
    pub fn heading(&self, level: u8) -> &Wrap {
        &self.headings[usize::from(level.clamp(1, 6)) - 1]
    }

    /// The markup around a callout of `kind` whose heading is at `level` (2 to 6).
    pub fn callout(&self, kind: CalloutKind, level: u8) -> &Wrap {
        let level = level.clamp(*CALLOUT_LEVELS.start(), *CALLOUT_LEVELS.end());
        &self.callouts[&(kind, level)]
    }
}

/// One render of a template with stand-ins, and how to cut it.
struct Cut {
    template: &'static str,
    values: &'static [&'static str],
    body: &'static str,
}

/// Stand-ins are characters no text or template writes (Unicode private use) around a name
/// with upper and lower case letters, so a filter that changes case or length shows.
const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';

fn stand_in(i: usize) -> String {
    format!("{OPEN}Value{i}{CLOSE}")
}

impl Cut {
    fn new(template: &'static str, values: &'static [&'static str], body: &'static str) -> Self {
        Cut {
            template,
            values,
            body,
        }
    }

    fn render(&self, tera: &tera::Tera, mut context: tera::Context) -> Result<Wrap, String> {
        for (i, name) in self.values.iter().enumerate() {
            context.insert(*name, &stand_in(i));
        }
        let body_index = self.values.len();
        context.insert(self.body, &stand_in(body_index));
        let html = tera
            .render(self.template, &context)
            .map_err(|e| format!("template {} failed: {e}", self.template))?;
        let pieces = self.pieces(&html)?;
        let mut at_body = pieces
            .0
            .iter()
            .enumerate()
            .filter(|(_, p)| matches!(p, Piece::Value(i) if *i == body_index))
            .map(|(at, _)| at);
        let (Some(at), None) = (at_body.next(), at_body.next()) else {
            return Err(format!(
                "template {} must place `{{{{ {} }}}}` exactly once",
                self.template, self.body
            ));
        };
        let mut open = pieces.0;
        let close = open.split_off(at + 1);
        open.pop();
        Ok(Wrap {
            open: Pieces(open),
            close: Pieces(close),
        })
    }

    /// The rendered template cut at its stand-ins; an error if one was changed.
    fn pieces(&self, html: &str) -> Result<Pieces, String> {
        let mut pieces = Vec::new();
        let mut rest = html;
        while let Some(start) = rest.find(OPEN) {
            if start > 0 {
                pieces.push(Piece::Literal(rest[..start].to_string()));
            }
            let after = &rest[start + OPEN.len_utf8()..];
            let index = after
                .split_once(CLOSE)
                .and_then(|(name, _)| name.strip_prefix("Value"))
                .and_then(|n| n.parse::<usize>().ok())
                .filter(|&n| n <= self.values.len());
            let Some(index) = index else {
                return Err(self.changed());
            };
            pieces.push(Piece::Value(index));
            rest = after.split_once(CLOSE).map_or("", |(_, r)| r);
        }
        if rest.contains(CLOSE) {
            return Err(self.changed());
        }
        if !rest.is_empty() {
            pieces.push(Piece::Literal(rest.to_string()));
        }
        Ok(Pieces(pieces))
    }

    fn changed(&self) -> String {
        let mut names = String::new();
        for name in self.values.iter().chain([&self.body]) {
            let sep = if names.is_empty() { "" } else { ", " };
            let _ = write!(names, "{sep}`{name}`");
        }
        format!(
            "template {} changes one of {names} with a filter; carebook fills these in after the template runs, already escaped, so place them as they are",
            self.template
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tera(name: &str, text: &str) -> tera::Tera {
        let mut tera = tera::Tera::new();
        tera.add_raw_template(name, text).unwrap();
        tera
    }

    #[test]
    fn values_are_cut_out_and_escaped_when_filled() {
        let t = tera(
            "heading.html",
            "<h{{ level }} id=\"{{ id }}\">{{ content }}</h{{ level }}> <a title=\"{{ text }}\">{{ text }}</a>\n",
        );
        let cut = Cut::new("heading.html", &HEADING_VALUES, HEADING_BODY);
        let mut context = tera::Context::new();
        context.insert("level", &3);
        let wrap = cut.render(&t, context).unwrap();
        assert_eq!(wrap.open(&["a&b", "x"]), "<h3 id=\"a&amp;b\">");
        assert_eq!(
            wrap.close(&["a", "Child's pose"]),
            "</h3> <a title=\"Child&#39;s pose\">Child&#39;s pose</a>\n"
        );
    }

    #[test]
    fn a_filtered_value_or_a_missing_body_is_refused() {
        let cut = Cut::new("heading.html", &HEADING_VALUES, HEADING_BODY);
        let upper = tera("heading.html", "<h1>{{ content }} {{ text | upper }}</h1>");
        let why = cut.render(&upper, tera::Context::new()).unwrap_err();
        assert!(why.contains("with a filter"), "{why}");
        let truncated = tera(
            "heading.html",
            "<h1>{{ content }} {{ text | truncate(length=3) }}</h1>",
        );
        assert!(cut.render(&truncated, tera::Context::new()).is_err());
        for body in ["<h1>{{ text }}</h1>", "<h1>{{ content }}{{ content }}</h1>"] {
            let why = cut
                .render(&tera("heading.html", body), tera::Context::new())
                .unwrap_err();
            assert!(why.contains("exactly once"), "{why}");
        }
    }
}
