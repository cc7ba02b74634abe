//! carebook: a static site generator for step-by-step self-care guides.
//!
//! The build flows through the modules in order: [`config`] (book.toml) -> [`content`] (files,
//! front matter, model) -> [`markdown`] (events, links, callouts, highlighting) -> [`render`]
//! (templates, written into [`output`]'s staging folder as each page renders) and [`checks`]
//! (page rules as each page renders, whole-guide rules after) -> [`output`] (atomic swap once
//! every rule has passed). [`build`] runs the pass; [`cli`] sits on top.

pub mod build;
pub mod card_fit;
pub mod checks;
pub mod cli;
pub mod codes;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod files;
pub mod init;
pub mod markdown;
pub mod output;
pub mod render;
pub mod serve;
pub mod signoff;
pub mod source;

pub use build::{BuildOptions, BuildOutcome, Failure, build};
