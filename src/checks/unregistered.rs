//! Triage the registry does not know (`unregistered-triage`, a warning): a sentence outside the
//! care cards that sends a symptom ("pain", "fever") to emergency or urgent care but names no
//! red flag.
//! Only the registry may decide a sign's level: a sign written only into a sentence never
//! reaches the care cards, search or print, and no other check can hold it to its level. Each
//! symptom and level is reported once per page, with how often, at its first place.

use crate::codes::Code;
use crate::content::Page;
use crate::content::registry::CareLevel;
use crate::diagnostics::Diagnostic;
use crate::markdown::TextBlock;
use std::collections::HashMap;
use std::ops::Range;

/// One symptom sent to one level of care, where first.
struct Seen<'r> {
    block: &'r TextBlock,
    at: Range<usize>,
    symptom: String,
    level: CareLevel,
    referral: String,
    more: usize,
}

#[derive(Default)]
pub(super) struct Unregistered<'r> {
    order: Vec<Seen<'r>>,
    seen: HashMap<(String, CareLevel), usize>,
}

impl<'r> Unregistered<'r> {
    /// `at` (in `block`'s text) names a symptom that its sentence sends to `level` with the
    /// phrase `referral`.
    pub(super) fn add(
        &mut self,
        (block, at): (&'r TextBlock, Range<usize>),
        level: CareLevel,
        referral: &str,
    ) {
        let symptom = block.text.get(at.clone()).unwrap_or("").to_lowercase();
        match self.seen.get(&(symptom.clone(), level)) {
            Some(&i) => self.order[i].more += 1,
            None => {
                self.seen.insert((symptom.clone(), level), self.order.len());
                let referral = referral.to_string();
                let more = 0;
                self.order.push(Seen {
                    block,
                    at,
                    symptom,
                    level,
                    referral,
                    more,
                });
            }
        }
    }

    pub(super) fn diagnostics(self, page: &Page, registry: &str) -> Vec<Diagnostic> {
        self.order
            .into_iter()
            .map(|s| warning(page, registry, s))
            .collect()
    }
}

fn warning(page: &Page, registry: &str, seen: Seen<'_>) -> Diagnostic {
    let level = seen.level.name();
    let mut d = Diagnostic::warning(
        Code::UnregisteredTriage,
        format!(
            "this sentence sends \"{}\" to {level} care (\"{}\"), but no red flag in {registry} names the sign",
            seen.symptom, seen.referral
        ),
    )
    .at(super::locate_in_block(page, seen.block, &seen.at))
    .help(format!(
        "if the sign needs care, add it to {registry} as a red flag (`level: {level}`, with `words` for how this sentence names it) and place it with `{{{{ red-flags {level} }}}}`; if it needs no care, leave out the referral"
    ));
    d.more = seen.more;
    d
}
