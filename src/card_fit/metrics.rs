//! The card stylesheet's measures, and how tall a block of text is at them.

use crate::config::CardSize;

/// Text sizes and spacing used by the card stylesheet, per card size.
#[derive(Debug, Clone, Copy)]
pub struct Metrics {
    pub body_pt: f64,
    pub padding_mm: f64,
}

impl Metrics {
    pub fn for_size(size: CardSize) -> Metrics {
        match size {
            CardSize::A6 | CardSize::Index4x6 => Metrics {
                body_pt: 9.5,
                padding_mm: 6.0,
            },
            CardSize::A5 | CardSize::HalfLetter => Metrics {
                body_pt: 11.0,
                padding_mm: 9.0,
            },
        }
    }

    fn line_mm(&self, scale: f64) -> f64 {
        self.body_pt * scale * 0.3528 * 1.3
    }

    /// Lines a text takes at `scale` times the body size in a column `width_mm` wide.
    fn lines(&self, text: &str, scale: f64, width_mm: f64) -> f64 {
        let char_mm = self.body_pt * scale * 0.3528 * 0.56;
        let per_line = (width_mm / char_mm).floor().max(10.0);
        let mut lines = 0.0;
        let mut current = 0.0;
        for word in text.split_whitespace() {
            let len = word.chars().count() as f64;
            if current > 0.0 && current + 1.0 + len > per_line {
                lines += 1.0;
                current = len;
            } else {
                current += if current > 0.0 { 1.0 + len } else { len };
            }
        }
        lines + if current > 0.0 { 1.0 } else { 0.0 }
    }

    /// Height of a block of text, plus a gap after it.
    pub fn block(&self, text: &str, scale: f64, width_mm: f64, gap_mm: f64) -> f64 {
        self.lines(text, scale, width_mm) * self.line_mm(scale) + gap_mm
    }
}

/// The estimated heights, in millimetres, of the two halves of a card.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Estimate {
    pub front_mm: f64,
    pub back_mm: f64,
    /// The "turn over" line a two-sided card adds to its front.
    pub turn_over_mm: f64,
    /// The row of pictures, on the front when it fits there, else on the back.
    pub pictures_mm: f64,
    pub available_mm: f64,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Fit {
    OneSide,
    TwoSides,
    /// The front alone is too tall, by this many millimetres.
    Overflow(f64),
}

impl Estimate {
    pub fn fit(&self) -> Fit {
        let (front, back) = self.two_sided();
        if self.front_mm + self.back_mm + self.pictures_mm <= self.available_mm {
            Fit::OneSide
        } else if front.max(back) <= self.available_mm {
            Fit::TwoSides
        } else {
            Fit::Overflow(front.max(back) - self.available_mm)
        }
    }

    /// On two sides, the pictures go on the back when they would make the front too tall.
    pub fn pictures_on_back(&self) -> bool {
        self.front_mm + self.turn_over_mm + self.pictures_mm > self.available_mm
    }

    /// The heights of the front and the back of a two-sided card.
    fn two_sided(&self) -> (f64, f64) {
        let front = self.front_mm + self.turn_over_mm;
        match self.pictures_on_back() {
            true => (front, self.back_mm + self.pictures_mm),
            false => (front + self.pictures_mm, self.back_mm),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longer_text_takes_more_lines() {
        let m = Metrics::for_size(CardSize::A6);
        let short = m.block("Sit up tall.", 1.0, 93.0, 0.0);
        let long = m.block(
            &"Sit up tall and breathe slowly. ".repeat(10),
            1.0,
            93.0,
            0.0,
        );
        assert!(long > 5.0 * short, "{short} {long}");
    }

    #[test]
    fn fit_chooses_sides() {
        let e = |front, back| {
            Estimate {
                front_mm: front,
                back_mm: back,
                turn_over_mm: 4.0,
                pictures_mm: 0.0,
                available_mm: 136.0,
            }
            .fit()
        };
        assert_eq!(e(60.0, 50.0), Fit::OneSide);
        assert_eq!(e(100.0, 50.0), Fit::TwoSides);
        assert_eq!(e(150.0, 50.0), Fit::Overflow(18.0));
        assert_eq!(
            e(134.0, 50.0),
            Fit::Overflow(2.0),
            "the turn-over line needs room too"
        );
    }
}
