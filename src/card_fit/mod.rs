//! Will a step card fit on one side of its paper? An estimate from the text the card prints,
//! its font size and its width, made at build time from the model and the technique's
//! [`CardParts`] (its steps and stop-if items as text): the cards renderer chooses the layout
//! from it, and the `card-overflow` rule reports a card that cannot fit. A card that does not
//! fit on one side is printed two-sided (front: how to do it; back: safety). The print test
//! prints every card and checks the page count.

mod metrics;

pub use metrics::{Estimate, Fit, Metrics};

use crate::config::CardsConfig;
use crate::content::graded::Grade;
use crate::content::registry::CareLevel;
use crate::content::{Guide, PageId};
use crate::markdown::CardParts;

/// What a step card prints, as text.
pub struct CardText<'a> {
    pub title: &'a str,
    pub summary: &'a str,
    /// "Label: value" for each of the technique's facts.
    pub facts: Vec<String>,
    pub steps: &'a [String],
    pub stop_if: &'a [String],
    /// The names of the conditions that rule the technique out.
    pub conditions: Vec<&'a str>,
    /// The name and how, for each condition it is done differently for.
    pub adapt: Vec<(&'a str, &'a str)>,
    /// The name and whom to ask, for each condition whose readers ask first.
    pub ask_first: Vec<(&'a str, &'a str)>,
    pub emergency_heading: &'a str,
    pub signs: Vec<&'a str>,
    /// The caption of each picture (empty for none), shown in one row [`PICTURE_MM`] tall.
    pub pictures: Vec<&'a str>,
}

/// The height of a card's row of pictures (the theme's `.step-card__pictures img`).
pub const PICTURE_MM: f64 = 16.0;

impl<'a> CardText<'a> {
    /// The card of technique page `page`.
    pub fn of(
        guide: &'a Guide,
        page: PageId,
        parts: &'a CardParts,
        emergency_heading: &'a str,
    ) -> Self {
        let p = &guide.pages[page];
        let registry = &guide.registry.registry;
        let graded = p.graded();
        let name = |id: &'a str| {
            registry
                .condition(id)
                .map(|c| c.name.as_str())
                .unwrap_or(id)
        };
        CardText {
            title: &p.title,
            summary: p.front.summary.as_deref().unwrap_or(""),
            facts: p
                .facts()
                .into_iter()
                .map(|f| format!("{}: {}", f.label, f.value))
                .collect(),
            steps: &parts.steps,
            stop_if: &parts.stop_if,
            conditions: (graded.iter())
                .filter(|g| g.grade == Grade::Avoid)
                .map(|g| name(g.id))
                .collect(),
            adapt: (graded.iter())
                .filter_map(|g| match g.grade {
                    Grade::Adapt(how) => Some((name(g.id), how)),
                    _ => None,
                })
                .collect(),
            ask_first: (graded.iter())
                .filter_map(|g| match g.grade {
                    Grade::AskFirst(whom) => Some((name(g.id), whom)),
                    _ => None,
                })
                .collect(),
            emergency_heading,
            pictures: (p.front.pictures.iter())
                .map(|pic| pic.caption.as_deref().unwrap_or("").trim())
                .collect(),
            signs: registry
                .flags_in(CareLevel::Emergency, None)
                .map(|f| f.sign.as_str())
                .collect(),
        }
    }
}

/// How a card is laid out: the text size and whether it needs two sides. The text steps down
/// from the card size's normal size (at most three half-points) before a card is made
/// two-sided; `Fit::Overflow` means even the smallest size on two sides is too tall.
pub fn layout(cards: &CardsConfig, card: &CardText<'_>) -> (f64, Fit) {
    let (size, estimate) = laid_out(cards, card);
    (size, estimate.fit())
}

/// [`layout`]'s text size, with the estimate at that size (which says where the pictures go).
pub fn laid_out(cards: &CardsConfig, card: &CardText<'_>) -> (f64, Estimate) {
    let base = Metrics::for_size(cards.size);
    let sizes = [0.0, 0.5, 1.0].map(|less| Metrics {
        body_pt: base.body_pt - less,
        ..base
    });
    for sides in [Fit::OneSide, Fit::TwoSides] {
        for m in &sizes {
            let e = estimate(cards, card, m);
            if e.fit() == sides {
                return (m.body_pt, e);
            }
        }
    }
    let smallest = sizes[sizes.len() - 1];
    (smallest.body_pt, estimate(cards, card, &smallest))
}

/// One row of pictures with a caption under each: the longest caption sets the row's height.
fn pictures_mm(card: &CardText<'_>, m: &Metrics, width: f64, gap: f64) -> f64 {
    if card.pictures.is_empty() {
        return 0.0;
    }
    let each = width / card.pictures.len() as f64;
    let caption = (card.pictures.iter())
        .map(|c| match c.is_empty() {
            true => 0.0,
            false => m.block(c, 0.8, each, 0.0),
        })
        .fold(0.0, f64::max);
    PICTURE_MM + caption + gap
}

/// Estimate how a card fits its paper at the text size of `m`.
pub fn estimate(cards: &CardsConfig, card: &CardText<'_>, m: &Metrics) -> Estimate {
    let (w, h) = cards.size.mm();
    let width = w - 2.0 * m.padding_mm;
    // The card's blocks are spaced by a flex gap of 1.6 mm: 3 on the front, 4 on the back.
    let gaps = 1.6;
    let mut front = m.block("STEP CARD", 0.8, width, 0.0) + m.block(card.title, 1.45, width, 0.5);
    front += m.block(card.summary, 1.0, width, 0.5) + 3.0 * gaps;
    let half = width / 2.0 - 1.5;
    front += card
        .facts
        .chunks(2)
        .map(|row| {
            row.iter()
                .map(|f| m.block(f, 0.9, half, 0.4))
                .fold(0.0, f64::max)
        })
        .sum::<f64>()
        + 2.0;
    front += m.block("Steps", 1.1, width, 1.0);
    for step in card.steps {
        front += m.block(step, 1.0, width - 8.0, 1.4);
    }
    let mut back = m.block("Stop if", 1.1, width, 1.0) + 4.0 * gaps;
    for item in card.stop_if {
        back += m.block(item, 1.0, width - 5.0, 0.6);
    }
    let advice = |list: &[(&str, &str)], ask: &str| {
        let each: Vec<String> = list.iter().map(|(n, a)| format!("{n}: {ask}{a}")).collect();
        each.join("; ")
    };
    let lines = [
        ("Do not do this if you have:", card.conditions.join("; ")),
        ("Do it differently if you have:", advice(&card.adapt, "")),
        (
            "Ask before you start if you have:",
            advice(&card.ask_first, "ask "),
        ),
    ];
    for (label, names) in lines.iter().filter(|(_, names)| !names.is_empty()) {
        back += m.block(&format!("{label} {names}"), 0.95, width, 2.0);
    }
    let signs = card.signs.join("; ");
    back += m.block(
        &format!("{} {signs}", card.emergency_heading),
        0.85,
        width - 4.0,
        3.0,
    );
    back += 18.0;
    let turn_over_mm = m.block(
        "Turn over: when to stop, and who should not do this.",
        0.9,
        width,
        1.6,
    );
    Estimate {
        front_mm: front,
        back_mm: back,
        turn_over_mm,
        pictures_mm: pictures_mm(card, m, width, gaps),
        available_mm: h - 2.0 * m.padding_mm,
    }
}
