//! Raw HTML read the way a browser's tokenizer reads it (html5ever's tokenizer), so carebook
//! sees the same tags, attributes and text a reader's browser will: character references are
//! decoded, names lowercased, a repeated attribute keeps its first value, and the text of
//! `<script>`, `<style>` and the like stays one piece.

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use std::cell::RefCell;

/// One piece of raw HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Piece {
    Open {
        name: String,
        attrs: Vec<(String, String)>,
        self_closing: bool,
    },
    Close(String),
    Text(String),
}

/// Elements whose content is text, not markup, as a browser's parser switches the tokenizer.
fn raw_kind(name: &str) -> Option<TokenSinkResult<()>> {
    Some(match name {
        "script" => TokenSinkResult::RawData(RawKind::ScriptData),
        "style" | "xmp" | "iframe" | "noembed" | "noframes" => {
            TokenSinkResult::RawData(RawKind::Rawtext)
        }
        "textarea" | "title" => TokenSinkResult::RawData(RawKind::Rcdata),
        "plaintext" => TokenSinkResult::Plaintext,
        _ => return None,
    })
}

#[derive(Default)]
struct Collect(RefCell<Vec<Piece>>);

impl TokenSink for Collect {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut pieces = self.0.borrow_mut();
        match token {
            Token::TagToken(tag) => {
                let name = tag.name.to_string();
                if tag.kind == TagKind::EndTag {
                    pieces.push(Piece::Close(name));
                    return TokenSinkResult::Continue;
                }
                let attrs = tag
                    .attrs
                    .iter()
                    .map(|a| (a.name.local.to_string(), a.value.to_string()))
                    .collect();
                let switch = raw_kind(&name);
                pieces.push(Piece::Open {
                    name,
                    attrs,
                    self_closing: tag.self_closing,
                });
                if let Some(switch) = switch.filter(|_| !tag.self_closing) {
                    return switch;
                }
            }
            Token::CharacterTokens(text) => match pieces.last_mut() {
                Some(Piece::Text(previous)) => previous.push_str(&text),
                _ => pieces.push(Piece::Text(text.to_string())),
            },
            // Comments, doctypes, NUL characters and parse errors carry nothing to show.
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

/// The pieces of one run of raw HTML.
pub(crate) fn pieces(html: &str) -> Vec<Piece> {
    let tokenizer = Tokenizer::new(Collect::default(), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.0.take()
}

/// Elements that never have content, so they open no level of nesting.
pub(crate) fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "source"
            | "track"
            | "wbr"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_tags_attributes_and_text_as_a_browser_does() {
        let found = pieces(
            "<DIV Class=\"care&#45;card\" class=\"x\">See a <b>GP</b>&nbsp;if:</div><!-- hidden --><script>if (a<b) {}</script>",
        );
        assert_eq!(
            found,
            [
                Piece::Open {
                    name: "div".into(),
                    attrs: vec![("class".into(), "care-card".into())],
                    self_closing: false
                },
                Piece::Text("See a ".into()),
                Piece::Open {
                    name: "b".into(),
                    attrs: vec![],
                    self_closing: false
                },
                Piece::Text("GP".into()),
                Piece::Close("b".into()),
                Piece::Text("\u{a0}if:".into()),
                Piece::Close("div".into()),
                Piece::Open {
                    name: "script".into(),
                    attrs: vec![],
                    self_closing: false
                },
                Piece::Text("if (a<b) {}".into()),
                Piece::Close("script".into()),
            ]
        );
    }
}
