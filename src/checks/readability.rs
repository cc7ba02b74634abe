//! Rule 8: readability. Each page's Flesch-Kincaid grade and average sentence length, from its
//! paragraphs and list items. A score helps to prioritise; it does not prove understanding.

use super::CheckContext;
use crate::diagnostics::Diagnostic;
use crate::markdown::{BlockRole, Rendered};

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Readability {
    pub words: usize,
    pub sentences: usize,
    pub grade: f64,
    pub words_per_sentence: f64,
}

/// Measure a page's prose (headings and table cells are left out). Each list item counts as at
/// least one sentence.
pub fn measure(rendered: &Rendered) -> Readability {
    let (mut words, mut sentences, mut syllables) = (0, 0, 0);
    for block in rendered
        .blocks
        .iter()
        .filter(|b| matches!(b.role, BlockRole::Paragraph | BlockRole::Item { .. }))
    {
        let block_words: Vec<&str> = block
            .text
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphabetic))
            .collect();
        if block_words.is_empty() {
            continue;
        }
        words += block_words.len();
        syllables += block_words
            .iter()
            .map(|w| count_syllables(w))
            .sum::<usize>();
        sentences += sentence_count(&block.text);
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

fn sentence_count(text: &str) -> usize {
    let ends = text
        .split_inclusive(['.', '!', '?'])
        .filter(|s| s.chars().any(char::is_alphabetic))
        .count();
    ends.max(1)
}

/// Syllables by vowel groups, with the usual English adjustments (silent final e, -ed, -es).
pub fn count_syllables(word: &str) -> usize {
    let w: String = word
        .chars()
        .filter(|c| c.is_ascii_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    if w.is_empty() {
        return 0;
    }
    if w.len() <= 3 {
        return 1;
    }
    let trimmed = ["es", "ed", "e"]
        .iter()
        .find_map(|end| {
            w.strip_suffix(end)
                .filter(|s| !s.ends_with('l') && s.len() > 1)
        })
        .unwrap_or(&w);
    let vowel = |c: char| "aeiouy".contains(c);
    let mut groups = 0;
    let mut previous = false;
    for c in trimmed.trim_start_matches('y').chars() {
        let v = vowel(c);
        if v && !previous {
            groups += 1;
        }
        previous = v;
    }
    groups.max(1)
}

pub(super) fn check(ctx: &CheckContext<'_>) -> Vec<Diagnostic> {
    let safety = &ctx.config.safety;
    ctx.guide
        .pages
        .iter()
        .zip(ctx.rendered)
        .filter_map(|(page, rendered)| {
            let r = measure(rendered);
            (r.words >= safety.min_words_for_grade && r.grade > safety.max_grade).then(|| {
                Diagnostic::error("readability", format!("this page reads at grade {:.1}; the most is {:.1}", r.grade, safety.max_grade))
                    .at(page.source.locate(0, 3))
                    .help(format!(
                        "use shorter sentences (now {:.1} words on average; aim for 15 or fewer) and everyday words with fewer syllables",
                        r.words_per_sentence
                    ))
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let block = |text: &str| TextBlock {
            role: BlockRole::Paragraph,
            text: text.into(),
            range: 0..0,
            location: crate::source::SourceFile::new("a.md", String::new()).locate(0, 0),
            callout: None,
        };
        let plain = Rendered {
            blocks: vec![block("Sit on a chair. Turn to the left. Hold it there.")],
            ..Rendered::default()
        };
        let dense = Rendered {
            blocks: vec![block(
                "Contraindications necessitate individualised physiotherapeutic consultation considering comorbidities.",
            )],
            ..Rendered::default()
        };
        assert!(measure(&plain).grade < 2.0, "{:?}", measure(&plain));
        assert!(measure(&dense).grade > 15.0, "{:?}", measure(&dense));
    }
}
