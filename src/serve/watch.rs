//! Watch book.toml, the content folder and the theme; rebuild after each burst of changes
//! (debounced, so editors that save by writing a temporary file and renaming it work). A build
//! that fails is tried again once the files settle if they changed meanwhile, so an editor
//! that empties a file before writing it does not flash a "no front matter" error.

use super::state::{Shared, announce, attempt};
use crate::build::BuildOptions;
use crate::codes::Code;
use crate::diagnostics::Diagnostic;
use notify_debouncer_mini::notify::RecursiveMode;
use notify_debouncer_mini::{DebounceEventResult, Debouncer, new_debouncer};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;
use std::time::SystemTime;

/// How long to wait for a burst of file events to settle before rebuilding.
const DEBOUNCE: Duration = Duration::from_millis(20);

/// How long a failed build waits for a save still being written, and how often it tries again.
const SETTLE: Duration = Duration::from_millis(200);
const RETRIES: usize = 3;

pub(super) fn start(
    options: &BuildOptions,
    watched: &[std::path::PathBuf],
    shared: Arc<Shared>,
    quiet: bool,
) -> Result<Debouncer<notify_debouncer_mini::notify::RecommendedWatcher>, Diagnostic> {
    let build_options = options.clone();
    let output = options.dest.clone();
    let roots = watched.to_vec();
    let mut seen = Fingerprints::default();
    seen.record_all(watched);
    let mut debouncer = new_debouncer(DEBOUNCE, move |result: DebounceEventResult| {
        let Ok(events) = result else { return };
        let candidates = events.iter().map(|e| &e.path).filter(|path| {
            let hidden = path
                .file_name()
                .is_some_and(|n| crate::content::is_ignored(&n.to_string_lossy()));
            let in_output = output.as_ref().is_some_and(|o| path.starts_with(o));
            !hidden && !in_output
        });
        // Reading a file (as every build does) is an event too: rebuild only on real changes.
        if !seen.changed(candidates) {
            return;
        }
        let mut result = attempt(&build_options);
        for _ in 0..RETRIES {
            if !result.failed() {
                break;
            }
            std::thread::sleep(SETTLE);
            if !seen.refresh(&roots) {
                break;
            }
            result = attempt(&build_options);
        }
        shared.publish(announce(&result, quiet));
    })
    .map_err(|e| Diagnostic::error(Code::Io, format!("cannot watch the guide for changes: {e}")))?;
    for path in watched {
        if path.exists() {
            let mode = if path.is_dir() {
                RecursiveMode::Recursive
            } else {
                RecursiveMode::NonRecursive
            };
            debouncer.watcher().watch(path, mode).map_err(|e| {
                Diagnostic::error(Code::Io, format!("cannot watch {}: {e}", path.display()))
            })?;
        }
    }
    Ok(debouncer)
}

/// Size and modification time of every file seen, to tell a real change from a read.
#[derive(Default)]
struct Fingerprints {
    files: HashMap<PathBuf, Option<(SystemTime, u64)>>,
}

impl Fingerprints {
    fn of(path: &Path) -> Option<(SystemTime, u64)> {
        let meta = std::fs::metadata(path).ok()?;
        Some((meta.modified().ok()?, meta.len()))
    }

    /// Whether any of `paths` was created, changed or removed since it was last seen.
    fn changed<'p>(&mut self, paths: impl Iterator<Item = &'p PathBuf>) -> bool {
        let mut any = false;
        for path in paths {
            let now = Self::of(path);
            if now.is_some_and(|_| path.is_dir()) {
                continue;
            }
            any |= self.files.insert(path.clone(), now) != Some(now);
        }
        any
    }

    /// Look at every file again: whether any changed, appeared or went since last seen.
    fn refresh(&mut self, roots: &[PathBuf]) -> bool {
        let before = std::mem::take(&mut self.files);
        self.record_all(roots);
        before.len() != self.files.len()
            || self
                .files
                .iter()
                .any(|(path, now)| before.get(path) != Some(now))
    }

    fn record_all(&mut self, roots: &[PathBuf]) {
        for root in roots {
            for entry in walkdir::WalkDir::new(root)
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file())
            {
                self.files
                    .insert(entry.path().to_path_buf(), Self::of(entry.path()));
            }
        }
    }
}
