//! Rule 8: readability. Each page's Flesch-Kincaid grade and average sentence length, from its
//! paragraphs and list items. A score helps to prioritise; it does not prove understanding.

use crate::codes::Code;
use crate::config::SafetyConfig;
use crate::content::Page;
use crate::diagnostics::Diagnostic;
use crate::markdown::{BlockRole, PageText};

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Readability {
    pub words: usize,
    pub sentences: usize,
    pub grade: f64,
    pub words_per_sentence: f64,
}

/// Measure a page's prose (headings and table cells are left out). Each list item counts as at
/// least one sentence.
pub fn measure(text: &PageText) -> Readability {
    let (mut words, mut sentences, mut syllables) = (0, 0, 0);
    for block in text
        .blocks
        .iter()
        .filter(|b| matches!(b.role, BlockRole::Paragraph | BlockRole::Item { .. }))
    {
        let counts = if block.text.is_ascii() {
            ascii_counts(block.text.as_bytes())
        } else {
            counts(&block.text)
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

/// [`counts`] in one pass over the bytes, for ASCII text (nearly every block).
fn ascii_counts(text: &[u8]) -> Counts {
    let (mut words, mut syllables, mut sentences) = (0, 0, 0);
    let mut sentence_has_letter = false;
    let mut word = WordScan::default();
    for &b in text {
        match BYTE_KIND[usize::from(b)] {
            SPACE => {
                if word.letters > 0 {
                    words += 1;
                    syllables += word.syllables();
                }
                word = WordScan::default();
            }
            LETTER => {
                sentence_has_letter = true;
                word.letter(b.to_ascii_lowercase());
            }
            END => sentences += usize::from(std::mem::take(&mut sentence_has_letter)),
            _ => {}
        }
    }
    if word.letters > 0 {
        words += 1;
        syllables += word.syllables();
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

/// [`syllables_of_ascii`] one letter at a time. Which of the last two letters started a vowel
/// group is remembered, so the silent endings can be dropped at the end of the word.
#[derive(Default)]
struct WordScan {
    letters: u32,
    /// The last three letters, newest in the low byte.
    last: u32,
    groups: u32,
    /// Bit 0: the last letter started a vowel group; bit 1: the letter before it did.
    recent: u32,
    past_leading_y: bool,
    previous_vowel: bool,
}

impl WordScan {
    fn letter(&mut self, c: u8) {
        // Like the whole-word count, only the first 64 letters are read.
        if self.letters == 64 {
            return;
        }
        self.letters += 1;
        self.last = (self.last << 8) | u32::from(c);
        let mut started = false;
        if self.past_leading_y || c != b'y' {
            self.past_leading_y = true;
            let vowel = matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y');
            started = vowel && !self.previous_vowel;
            self.previous_vowel = vowel;
        }
        self.groups += u32::from(started);
        self.recent = (self.recent << 1) | u32::from(started);
    }

    fn syllables(&self) -> usize {
        if self.letters <= 3 {
            return usize::from(self.letters > 0);
        }
        let [l1, l2, l3] = [
            self.last as u8,
            (self.last >> 8) as u8,
            (self.last >> 16) as u8,
        ];
        let dropped = match (l2, l1) {
            (b'e', b's' | b'd') if l3 != b'l' => (self.recent & 1) + ((self.recent >> 1) & 1),
            (_, b'e') if l2 != b'l' => self.recent & 1,
            _ => 0,
        };
        (self.groups - dropped).max(1) as usize
    }
}

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
    (r.words >= safety.min_words_for_grade && r.grade > safety.max_grade).then(|| {
        Diagnostic::error(Code::Readability, format!("this page reads at grade {:.1}; the most is {:.1}", r.grade, safety.max_grade))
            .at(page.source.locate(0, 3))
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
        for text in [
            "Sit on a chair. Turn to the left! Hold it there?",
            "No full stop at the end",
            "Numbers 1, 2 and 3... then more. 42.",
            "  spaced\tout\u{b}words\n  here.  ",
            "",
            "...",
            "e.g. this, i.e. that",
        ] {
            assert_eq!(ascii_counts(text.as_bytes()), counts(text), "{text:?}");
        }
    }

    #[test]
    fn the_letter_by_letter_count_agrees_on_every_kind_of_word() {
        let words = "a be the tree trees freed fled candle candles tabled bless blessed yes \
            yesterday yyyyes eye eyes you rhythm syzygy queue queues cued style styles \
            hopeless hoped hopes osteoporosis physiotherapist Emergency A&E don't 111 \
            e.g. i.e. well-being ablessed ebbed aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaales";
        for word in words.split_whitespace() {
            let counted = ascii_counts(word.as_bytes()).syllables;
            let expected = if word.bytes().any(|b| b.is_ascii_alphabetic()) {
                count_syllables(word)
            } else {
                0
            };
            assert_eq!(counted, expected, "{word}");
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
        assert!(measure(&plain).grade < 2.0, "{:?}", measure(&plain));
        assert!(measure(&dense).grade > 15.0, "{:?}", measure(&dense));
    }
}
