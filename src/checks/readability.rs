//! Rule 8: readability. Each page's Flesch-Kincaid grade and average sentence length, from its
//! paragraphs and list items. A score helps to prioritise; it does not prove understanding.

use super::stems;
use crate::codes::Code;
use crate::config::SafetyConfig;
use crate::content::Page;
use crate::diagnostics::Diagnostic;
use crate::markdown::{BlockRole, PageText};
use std::cell::RefCell;
use thread_local::ThreadLocal;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Readability {
    pub words: usize,
    pub sentences: usize,
    pub grade: f64,
    pub words_per_sentence: f64,
}

/// The syllables of the words met so far, one table per thread: pages are measured in
/// parallel, and a guide's words repeat from page to page, so most are counted once a build.
#[derive(Default)]
pub struct Syllables {
    known: ThreadLocal<RefCell<rustc_hash::FxHashMap<u128, u8>>>,
}

/// The most words a [`Syllables`] remembers, on each thread.
const MOST_KNOWN: usize = 100_000;

/// Measure a page's prose (headings and table cells are left out). Each list item counts as at
/// least one sentence.
pub fn measure(text: &PageText, known: &Syllables) -> Readability {
    let prose = (text.blocks.iter())
        .filter(|b| matches!(b.role, BlockRole::Paragraph | BlockRole::Item { .. }))
        .map(|b| b.text.as_str());
    measure_texts(prose, known)
}

/// Measure texts read as one page, each at least one sentence.
pub fn measure_texts<'t>(texts: impl Iterator<Item = &'t str>, known: &Syllables) -> Readability {
    let mut known = known.known.get_or_default().borrow_mut();
    let (mut words, mut sentences, mut syllables) = (0, 0, 0);
    for text in texts {
        let counts = if text.is_ascii() {
            ascii_counts(text.as_bytes(), &mut known)
        } else {
            counts(text)
        };
        if counts.words == 0 {
            continue;
        }
        words += counts.words;
        syllables += counts.syllables;
        sentences += counts.sentences;
    }
    if words == 0 {
        return Readability {
            words: 0,
            sentences: 0,
            grade: 0.0,
            words_per_sentence: 0.0,
        };
    }
    let wps = words as f64 / sentences as f64;
    let grade = 0.39 * wps + 11.8 * (syllables as f64 / words as f64) - 15.59;
    Readability {
        words,
        sentences,
        grade,
        words_per_sentence: wps,
    }
}

/// Words (with at least one letter), their syllables, and sentences of one block.
#[derive(Debug, PartialEq)]
struct Counts {
    words: usize,
    syllables: usize,
    sentences: usize,
}

fn counts(text: &str) -> Counts {
    let (mut words, mut syllables) = (0, 0);
    for word in text
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
    {
        words += 1;
        syllables += count_syllables(word);
    }
    Counts {
        words,
        syllables,
        sentences: sentence_count(text),
    }
}

/// [`counts`] in one pass over the bytes, for ASCII text (nearly every block), with the
/// syllables of the words already met (`known`) not counted again.
fn ascii_counts(text: &[u8], known: &mut rustc_hash::FxHashMap<u128, u8>) -> Counts {
    let (mut words, mut syllables, mut sentences) = (0, 0, 0);
    let mut sentence_has_letter = false;
    let (mut start, mut letters) = (0, 0u32);
    let mut word_ends = |word: &[u8], letters: u32| {
        words += 1;
        // A word of up to three letters has one syllable.
        if letters <= 3 {
            syllables += 1;
            return;
        }
        syllables += usize::from(match stems::word_key(word) {
            Some(key) => match known.get(&key) {
                Some(&n) => n,
                None => {
                    let n = syllables_of_ascii(word).min(255) as u8;
                    if known.len() < MOST_KNOWN {
                        known.insert(key, n);
                    }
                    n
                }
            },
            None => syllables_of_ascii(word).min(255) as u8,
        });
    };
    for (i, &b) in text.iter().enumerate() {
        let kind = BYTE_KIND[usize::from(b)];
        if kind == LETTER {
            letters += 1;
            sentence_has_letter = true;
        } else if kind == SPACE {
            if letters > 0 {
                word_ends(&text[start..i], std::mem::take(&mut letters));
            }
            start = i + 1;
        } else if kind == END {
            sentences += usize::from(std::mem::take(&mut sentence_has_letter));
        }
    }
    if letters > 0 {
        word_ends(&text[start..], letters);
    }
    sentences += usize::from(sentence_has_letter);
    Counts {
        words,
        syllables,
        sentences: sentences.max(1),
    }
}

const OTHER: u8 = 0;
const SPACE: u8 = 1;
const LETTER: u8 = 2;
const END: u8 = 3;

/// What each byte is to the ASCII count: whitespace (as `char::is_whitespace` sees it in ASCII),
/// a letter, a sentence end, or anything else.
const BYTE_KIND: [u8; 256] = {
    let mut kinds = [OTHER; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        kinds[b] = match c {
            b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r' => SPACE,
            b'.' | b'!' | b'?' => END,
            _ if c.is_ascii_alphabetic() => LETTER,
            _ => OTHER,
        };
        b += 1;
    }
    kinds
};

fn sentence_count(text: &str) -> usize {
    let ends = text
        .split_inclusive(['.', '!', '?'])
        .filter(|s| s.chars().any(char::is_alphabetic))
        .count();
    ends.max(1)
}

/// Syllables by vowel groups, with the usual English adjustments (silent final e, -ed, -es).
pub fn count_syllables(word: &str) -> usize {
    syllables_of_ascii(word.as_bytes())
}

/// Syllables of a word's ASCII letters (other bytes are ignored).
fn syllables_of_ascii(word: &[u8]) -> usize {
    // Words are short, so they are lowered on the stack.
    let mut buffer = [0u8; 64];
    let mut len = 0;
    for &b in word.iter().filter(|b| b.is_ascii_alphabetic()) {
        if len == buffer.len() {
            break;
        }
        buffer[len] = b.to_ascii_lowercase();
        len += 1;
    }
    let w = &buffer[..len];
    if w.is_empty() {
        return 0;
    }
    if w.len() <= 3 {
        return 1;
    }
    let trimmed = [&b"es"[..], b"ed", b"e"]
        .iter()
        .find_map(|end| {
            w.strip_suffix(*end)
                .filter(|s| !s.ends_with(b"l") && s.len() > 1)
        })
        .unwrap_or(w);
    let start = trimmed.iter().take_while(|&&c| c == b'y').count();
    let mut groups = 0;
    let mut previous = false;
    for &c in &trimmed[start..] {
        let v = matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y');
        if v && !previous {
            groups += 1;
        }
        previous = v;
    }
    groups.max(1)
}

pub(super) fn check(page: &Page, r: &Readability, safety: &SafetyConfig) -> Option<Diagnostic> {
    too_hard(r, safety, "this page").map(|d| d.at(page.source.locate(0, 3)))
}

/// The about page's own texts, from book.toml, measured as the page they make: it is read by
/// the same readers as the guide, so it is held to the same grade. The problem is put at the
/// hardest text, the one to rewrite first.
pub(super) fn check_about(
    texts: &[(&str, crate::diagnostics::Location)],
    known: &Syllables,
    safety: &SafetyConfig,
) -> Option<Diagnostic> {
    let whole = measure_texts(texts.iter().map(|(t, _)| *t), known);
    let grade = |text: &str| measure_texts(std::iter::once(text), known).grade;
    let (_, hardest) = texts
        .iter()
        .max_by(|a, b| grade(a.0).total_cmp(&grade(b.0)))?;
    too_hard(&whole, safety, "the about page's text in [about]").map(|d| d.at(hardest.clone()))
}

fn too_hard(r: &Readability, safety: &SafetyConfig, what: &str) -> Option<Diagnostic> {
    (r.words >= safety.min_words_for_grade && r.grade > safety.max_grade).then(|| {
        Diagnostic::error(Code::Readability, format!("{what} reads at grade {:.1}; the most is {:.1}", r.grade, safety.max_grade))
            .help(format!(
                "use shorter sentences (now {:.1} words on average; aim for 15 or fewer) and everyday words with fewer syllables",
                r.words_per_sentence
            ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ascii_pass_counts_like_the_general_one() {
        let mut known = Default::default();
        for text in [
            "Sit on a chair. Turn to the left! Hold it there?",
            "No full stop at the end",
            "Numbers 1, 2 and 3... then more. 42.",
            "  spaced\tout\u{b}words\n  here.  ",
            "",
            "...",
            "e.g. this, i.e. that",
        ] {
            assert_eq!(
                ascii_counts(text.as_bytes(), &mut known),
                counts(text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn the_ascii_pass_agrees_on_every_kind_of_word() {
        let words = "a be the tree trees freed fled candle candles tabled bless blessed yes \
            yesterday yyyyes eye eyes you rhythm syzygy queue queues cued style styles \
            hopeless hoped hopes osteoporosis physiotherapist Emergency A&E don't 111 \
            e.g. i.e. well-being ablessed ebbed aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaales";
        let mut known = Default::default();
        for word in words.split_whitespace() {
            let counted = ascii_counts(word.as_bytes(), &mut known).syllables;
            let expected = if word.bytes().any(|b| b.is_ascii_alphabetic()) {
                count_syllables(word)
            } else {
                0
            };
            assert_eq!(counted, expected, "{word}");
        }
    }

    #[test]
    fn the_ascii_pass_agrees_on_every_short_word_of_tricky_letters() {
        // Every word of up to six letters from the letters the silent endings and the
        // leading `y` turn on, with an apostrophe and a capital.
        let alphabet = b"yYelsda'";
        let mut word = Vec::new();
        // One table for every word: a word's count is never another's.
        let mut known = Default::default();
        for len in 1..=6u32 {
            for n in 0..alphabet.len().pow(len) {
                word.clear();
                let mut k = n;
                for _ in 0..len {
                    word.push(alphabet[k % alphabet.len()]);
                    k /= alphabet.len();
                }
                let text = std::str::from_utf8(&word).unwrap();
                let expected = if word.iter().any(u8::is_ascii_alphabetic) {
                    count_syllables(text)
                } else {
                    0
                };
                assert_eq!(
                    ascii_counts(&word, &mut known).syllables,
                    expected,
                    "{text}"
                );
            }
        }
    }

    #[test]
    fn syllables_of_common_words() {
        for (word, n) in [
            ("back", 1),
            ("stretch", 1),
            ("gentle", 2),
            ("osteoporosis", 5),
            ("stiffness", 2),
            ("relieve", 2),
            ("sitting", 2),
        ] {
            assert_eq!(count_syllables(word), n, "{word}");
        }
    }

    #[test]
    fn plain_text_scores_lower_than_dense_text() {
        use crate::markdown::TextBlock;
        let block = |text: &str| TextBlock::plain(BlockRole::Paragraph, text);
        let plain = PageText {
            blocks: vec![block("Sit on a chair. Turn to the left. Hold it there.")],
            ..PageText::default()
        };
        let dense = PageText {
            blocks: vec![block(
                "Contraindications necessitate individualised physiotherapeutic consultation considering comorbidities.",
            )],
            ..PageText::default()
        };
        let known = Syllables::default();
        assert!(measure(&plain, &known).grade < 2.0);
        assert!(measure(&dense, &known).grade > 15.0);
    }
}
