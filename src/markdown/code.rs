//! Code blocks: fenced blocks with a known language are highlighted; others are escaped.

use super::{Events, RenderContext, escape};
use pulldown_cmark::{CodeBlockKind, Event, Tag, TagEnd};

pub(super) fn apply<'a>(events: Events<'a>, ctx: &RenderContext<'_>) -> Events<'a> {
    if !events
        .iter()
        .any(|(e, _)| matches!(e, Event::Start(Tag::CodeBlock(_))))
    {
        return events;
    }
    let mut result = Vec::with_capacity(events.len());
    let mut block: Option<(String, String, std::ops::Range<usize>)> = None;
    for (event, range) in events {
        match (&mut block, event) {
            (None, Event::Start(Tag::CodeBlock(kind))) => {
                let language = match kind {
                    CodeBlockKind::Fenced(info) => language(&info),
                    CodeBlockKind::Indented => String::new(),
                };
                block = Some((language, String::new(), range));
            }
            (Some((_, code, _)), Event::Text(text)) => code.push_str(&text),
            (Some(_), Event::End(TagEnd::CodeBlock)) => {
                if let Some((language, code, start)) = block.take() {
                    result.push((Event::Html(code_html(ctx, &language, &code).into()), start));
                }
            }
            (_, event) => result.push((event, range)),
        }
    }
    result
}

/// The language named first in a fence's info string: only the characters a language name
/// has, so it can never add another class to the block.
fn language(info: &str) -> String {
    info.trim_start()
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '+' | '-' | '.' | '#'))
        .collect()
}

fn code_html(ctx: &RenderContext<'_>, language: &str, code: &str) -> String {
    let highlighted = if language.is_empty() {
        None
    } else {
        ctx.highlighter.highlight(language, code)
    };
    let class = if language.is_empty() {
        String::new()
    } else {
        format!(" language-{}", escape(language))
    };
    let inner = highlighted.unwrap_or_else(|| escape(code));
    format!("<pre class=\"highlight{class}\"><code>{inner}</code></pre>\n")
}
