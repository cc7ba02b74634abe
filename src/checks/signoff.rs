//! The guide against its sign-off (`safety.lock`): every change that could weaken the advice
//! is an error at the place it was made (the red flag's field, the book.toml key), saying what
//! the reviewer signed and how to get the change signed.

use crate::codes::Code;
use crate::config::SafetyConfig;
use crate::content::registry::{Entry, LoadedRegistry};
use crate::diagnostics::{Diagnostic, Location};
use crate::signoff::diff::{self, Change, Place};
use crate::signoff::{Lock, Signed};
use crate::source::SourceFile;
use std::path::Path;

/// Where the problems are shown: the registry (with where each entry is), book.toml (when it
/// could be read) and the sign-off file.
pub struct Files<'a> {
    pub registry: &'a LoadedRegistry,
    pub config: Option<&'a SourceFile>,
    pub lock: &'a Path,
}

pub fn check(signed: &Lock, safety: &SafetyConfig, files: &Files<'_>) -> Vec<Diagnostic> {
    let now = Lock::of(&files.registry.registry, safety, signed.signed.clone());
    diff::changes(signed, &now)
        .into_iter()
        .map(|change| diagnostic(&change, &signed.signed, files))
        .collect()
}

fn diagnostic(change: &Change, signed: &Signed, files: &Files<'_>) -> Diagnostic {
    let d = Diagnostic::error(Code::RegistryChanged, change.message()).help(help(change, signed));
    match location(change.place(), files) {
        Some(at) => d.at(at),
        None => d.at_file(files.lock),
    }
}

fn location(place: Place<'_>, files: &Files<'_>) -> Option<Location> {
    let registry = files.registry;
    match place {
        Place::Flag(id, field) => {
            let (f, _) = registry
                .registry
                .red_flags
                .iter_enumerated()
                .find(|(_, r)| r.id == id)?;
            registry.at(Entry::Flag(f), field)
        }
        Place::Condition(id) => {
            let i = registry
                .registry
                .conditions
                .iter()
                .position(|c| c.id == id)?;
            registry.at(Entry::Condition(i), "id")
        }
        Place::Setting(paths) => {
            let book = files.config?;
            paths
                .iter()
                .find_map(|path| crate::config::key_location(book, path))
        }
        Place::Registry => {
            let source = registry.source.as_ref()?;
            Some(source.locate(0, source.line_text(1).len()))
        }
    }
}

fn help(change: &Change, signed: &Signed) -> String {
    let by = format!("{} signed off on {}", signed.reviewer, signed.date);
    let sign = "if a clinical reviewer agrees with the change, they record it with `carebook sign-off --reviewer \"Name, role\"`";
    match change {
        Change::LevelLowered { from, .. } => format!(
            "put back `level: {from}`: {by} at that level. A level is never lowered to silence another error; {sign}"
        ),
        Change::FlagRemoved { .. } | Change::ConditionRemoved { .. } => {
            format!("restore it in the registry ({by}); {sign}")
        }
        Change::WordsRemoved { .. } => format!(
            "put the words back ({by}): without them the sign goes unnoticed in text; {sign}"
        ),
        _ => format!("undo the change ({by}); {sign}"),
    }
}
