//! `[cards]` and `[print]` in book.toml: printable step cards and the whole-guide handout.

use serde::Deserialize;

/// Paper sizes in millimetres (width, height), portrait. Chromium honours `@page` sizes written
/// as lengths, not every paper keyword, so sizes are always written out.
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum CardSize {
    #[default]
    A6,
    A5,
    /// A US 4 x 6 inch index card.
    #[serde(rename = "index-4x6")]
    Index4x6,
    /// US half-letter, 5.5 x 8.5 inches.
    HalfLetter,
}

impl CardSize {
    pub fn mm(self) -> (f64, f64) {
        match self {
            CardSize::A6 => (105.0, 148.0),
            CardSize::A5 => (148.0, 210.0),
            CardSize::Index4x6 => (101.6, 152.4),
            CardSize::HalfLetter => (139.7, 215.9),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            CardSize::A6 => "A6",
            CardSize::A5 => "A5",
            CardSize::Index4x6 => "4 x 6 in index card",
            CardSize::HalfLetter => "US half-letter",
        }
    }
}

#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum SheetSize {
    #[default]
    A4,
    Letter,
}

impl SheetSize {
    pub fn mm(self) -> (f64, f64) {
        match self {
            SheetSize::A4 => (210.0, 297.0),
            SheetSize::Letter => (215.9, 279.4),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            SheetSize::A4 => "A4",
            SheetSize::Letter => "US Letter",
        }
    }
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct CardsConfig {
    /// Make step cards at all.
    pub enable: bool,
    pub size: CardSize,
    /// The paper the sheet layout prints on.
    pub sheet: SheetSize,
    /// Cards per sheet: 1, 2 or 4.
    pub per_sheet: u8,
}

impl Default for CardsConfig {
    fn default() -> Self {
        Self {
            enable: true,
            size: CardSize::A6,
            sheet: SheetSize::A4,
            per_sheet: 4,
        }
    }
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct PrintConfig {
    /// Write print.html, the whole guide as one printable document.
    pub enable: bool,
    pub paper: SheetSize,
}

impl Default for PrintConfig {
    fn default() -> Self {
        Self {
            enable: true,
            paper: SheetSize::A4,
        }
    }
}

/// How `per_sheet` cards sit on a sheet: columns, rows, and whether the sheet is landscape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SheetLayout {
    pub columns: u8,
    pub rows: u8,
    pub landscape: bool,
}

impl CardsConfig {
    /// The grid that fits `per_sheet` cards on the sheet, trying portrait first.
    pub fn layout(&self) -> Result<SheetLayout, String> {
        let grids: &[(u8, u8)] = match self.per_sheet {
            1 => &[(1, 1)],
            2 => &[(1, 2), (2, 1)],
            4 => &[(2, 2)],
            n => return Err(format!("per-sheet = {n}: cards print 1, 2 or 4 to a sheet")),
        };
        let (cw, ch) = self.size.mm();
        let (sw, sh) = self.sheet.mm();
        for landscape in [false, true] {
            let (w, h) = if landscape { (sh, sw) } else { (sw, sh) };
            for &(columns, rows) in grids {
                if f64::from(columns) * cw <= w + 0.5 && f64::from(rows) * ch <= h + 0.5 {
                    return Ok(SheetLayout {
                        columns,
                        rows,
                        landscape,
                    });
                }
            }
        }
        Err(format!(
            "{} {} cards do not fit on one {} sheet",
            self.per_sheet,
            self.size.name(),
            self.sheet.name()
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cards(size: CardSize, sheet: SheetSize, per_sheet: u8) -> CardsConfig {
        CardsConfig {
            size,
            sheet,
            per_sheet,
            ..CardsConfig::default()
        }
    }

    #[test]
    fn four_a6_cards_fit_on_a4_portrait_and_two_a5_on_landscape() {
        assert_eq!(
            cards(CardSize::A6, SheetSize::A4, 4).layout(),
            Ok(SheetLayout {
                columns: 2,
                rows: 2,
                landscape: false
            })
        );
        assert_eq!(
            cards(CardSize::A5, SheetSize::A4, 2).layout(),
            Ok(SheetLayout {
                columns: 2,
                rows: 1,
                landscape: true
            })
        );
        assert_eq!(
            cards(CardSize::Index4x6, SheetSize::Letter, 2).layout(),
            Ok(SheetLayout {
                columns: 2,
                rows: 1,
                landscape: false
            })
        );
        assert!(
            cards(CardSize::Index4x6, SheetSize::Letter, 4)
                .layout()
                .is_err(),
            "8 x 12 in is larger than Letter"
        );
        assert!(cards(CardSize::A5, SheetSize::A4, 4).layout().is_err());
        assert!(cards(CardSize::A6, SheetSize::A4, 3).layout().is_err());
    }
}
