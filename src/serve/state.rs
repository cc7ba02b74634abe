//! What the server shares between its watcher and its open pages: the last build's problems
//! (as JSON for the live-reload script, and as HTML for a page asked for before any build
//! worked) and the channel that tells open pages to reload or show errors.

use crate::build::{BuildOptions, build};
use crate::codes::Code;
use crate::config::Config;
use crate::diagnostics::{Diagnostic, Report};
use crate::markdown::escape;
use std::sync::Mutex;
use tokio::sync::broadcast;

/// Most problems sent to an open page; the terminal has them all.
const MAX_SHOWN: usize = 100;

/// What the last build said, sent to every open page.
#[derive(Debug, Clone)]
pub(super) enum Message {
    Reload,
    Errors(String),
    /// The server is stopping: end every event stream so shutdown does not wait for them.
    Shutdown,
}

/// A failed build's problems, ready for the browser.
#[derive(Debug, Clone)]
pub(super) struct Problems {
    pub(super) json: String,
    pub(super) html: String,
}

pub(super) struct Shared {
    pub(super) sender: broadcast::Sender<Message>,
    /// The problems of the last build, if it failed, for pages that connect later.
    last: Mutex<Option<Problems>>,
}

impl Shared {
    pub(super) fn new(first: Option<Problems>) -> Shared {
        let (sender, _) = broadcast::channel(16);
        Shared {
            sender,
            last: Mutex::new(first),
        }
    }

    pub(super) fn last(&self) -> Option<Problems> {
        self.last.lock().ok().and_then(|last| last.clone())
    }

    /// Tell every open page what the build that just finished found.
    pub(super) fn publish(&self, result: Option<Problems>) {
        if let Ok(mut last) = self.last.lock() {
            last.clone_from(&result);
        }
        let message = match result {
            Some(problems) => Message::Errors(problems.json),
            None => Message::Reload,
        };
        let _ = self.sender.send(message);
    }
}

/// What one build did.
pub(super) enum Attempt {
    Built {
        pages: usize,
        millis: u128,
        report: Report,
        config: Box<Config>,
    },
    /// The settings are missing when the build stopped before it could settle them.
    Failed(Report, Option<Box<Config>>),
}

impl Attempt {
    pub(super) fn failed(&self) -> bool {
        matches!(self, Attempt::Failed(..))
    }

    /// What stopped a build before it could settle its settings: the first problem, after
    /// printing the others.
    pub(super) fn into_problem(self) -> Diagnostic {
        let report = match self {
            Attempt::Built { report, .. } | Attempt::Failed(report, _) => report,
        };
        let mut problems = report.diagnostics.into_iter();
        let first = problems.next();
        print(&problems.collect::<Vec<_>>(), false);
        first.unwrap_or_else(|| {
            Diagnostic::error(Code::Config, "the guide's settings cannot be read")
        })
    }

    /// The settings the build ran with, when it got that far.
    pub(super) fn config(&self) -> Option<&Config> {
        match self {
            Attempt::Built { config, .. } | Attempt::Failed(_, Some(config)) => Some(config),
            Attempt::Failed(_, None) => None,
        }
    }
}

/// Build once (content errors, or a book.toml, theme or file problem, are a failed build).
pub(super) fn attempt(options: &BuildOptions) -> Attempt {
    let started = std::time::Instant::now();
    match build(options) {
        Ok(outcome) if !outcome.report.has_errors() => Attempt::Built {
            pages: outcome.pages,
            millis: started.elapsed().as_millis(),
            report: outcome.report,
            config: Box::new(outcome.config),
        },
        Ok(outcome) => Attempt::Failed(outcome.report, Some(Box::new(outcome.config))),
        Err(failure) => {
            let mut report = Report::default();
            report.extend(failure.into_diagnostics());
            Attempt::Failed(report, None)
        }
    }
}

/// Print what a build found; its problems, for the browser, when it failed.
pub(super) fn announce(attempt: &Attempt, quiet: bool) -> Option<Problems> {
    match attempt {
        Attempt::Built {
            pages,
            millis,
            report,
            ..
        } => {
            print(&report.diagnostics, quiet);
            if !quiet {
                eprintln!("Built {pages} pages in {millis} ms");
            }
            None
        }
        Attempt::Failed(report, _) => {
            print(&report.diagnostics, quiet);
            eprintln!(
                "{} error(s): the previous version is still being served",
                report.error_count()
            );
            Some(problems(report))
        }
    }
}

fn print(diagnostics: &[Diagnostic], quiet: bool) {
    crate::diagnostics::print(diagnostics, crate::diagnostics::Format::Human, quiet);
}

/// The errors, as JSON objects and as an HTML list, at most [`MAX_SHOWN`] of them.
fn problems(report: &Report) -> Problems {
    let errors: Vec<&Diagnostic> = report.diagnostics.iter().filter(|d| d.is_error()).collect();
    let shown = &errors[..errors.len().min(MAX_SHOWN)];
    let mut json: Vec<String> = shown.iter().map(|d| d.render_json()).collect();
    let hidden: usize = errors[shown.len()..].iter().map(|d| 1 + d.more).sum();
    let mut html: String = shown.iter().map(|d| item(d)).collect();
    if hidden > 0 {
        let note = format!("and {hidden} more, listed in the terminal");
        json.push(
            serde_json::json!({ "level": "note", "message": note, "hidden": hidden }).to_string(),
        );
        html.push_str(&format!("<li>{}</li>\n", escape(&note)));
    }
    Problems {
        json: format!("[{}]", json.join(",")),
        html: format!("<ul>\n{html}</ul>"),
    }
}

fn item(d: &Diagnostic) -> String {
    let place = d
        .location
        .as_ref()
        .map(|l| match l.line {
            0 => format!("{} ", l.file.display()),
            line => format!("{}:{line}:{} ", l.file.display(), l.col),
        })
        .unwrap_or_default();
    let help = d
        .help
        .as_deref()
        .map(|h| format!(" ({h})"))
        .unwrap_or_default();
    format!(
        "<li><code>{}</code>{}[{}]: {}{}</li>\n",
        escape(&place),
        d.level.as_str(),
        d.code,
        escape(&d.message),
        escape(&help)
    )
}
