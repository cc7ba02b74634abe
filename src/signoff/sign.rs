//! `carebook sign-off`: record the registry and the safety settings as they are now.

use super::{FILE, Lock, Signed};
use crate::codes::Code;
use crate::config::Config;
use crate::content::{Date, registry};
use crate::diagnostics::Diagnostic;
use std::path::Path;

/// Why a sign-off was refused: a usage or settings problem (exit 2), or a registry that has
/// errors (exit 1: a reviewer cannot sign what the build would reject).
pub enum Refused {
    Usage(Vec<Diagnostic>),
    Content(Vec<Diagnostic>),
}

/// Sign off the guide in `root` for `reviewer` on `date`, writing `ROOT/safety.lock`.
pub fn sign(root: &Path, display_root: &Path, reviewer: &str, date: Date) -> Result<Lock, Refused> {
    let reviewer = reviewer.trim();
    if reviewer.is_empty() || reviewer.chars().any(char::is_control) {
        return Err(Refused::Usage(vec![
            Diagnostic::error(Code::Config, "--reviewer needs a name on one line")
                .help("give a name with a role or registration, e.g. --reviewer \"A. Patel, physiotherapist (HCPC PH12345)\""),
        ]));
    }
    let config = Config::load(root).map_err(Refused::Usage)?;
    let content = root.join(&config.build.content_dir);
    let shown = display_root
        .join(&config.build.content_dir)
        .join(&config.safety.registry);
    let loaded = match registry::load(&content.join(&config.safety.registry), &shown) {
        Ok((loaded, problems)) if !problems.iter().any(Diagnostic::is_error) => loaded,
        Ok((_, problems)) => return Err(Refused::Content(problems)),
        Err(registry::LoadError::Invalid(d)) => return Err(Refused::Content(vec![d])),
        Err(registry::LoadError::Read(e)) => {
            let why = format!(
                "cannot read the registry {}: {}",
                shown.display(),
                e.describe()
            );
            return Err(Refused::Usage(vec![Diagnostic::error(Code::Registry, why)]));
        }
    };
    let signed = Signed {
        reviewer: reviewer.to_string(),
        date: date.iso(),
    };
    let lock = Lock::of(&loaded.registry, &config.safety, signed);
    write(root, &lock).map_err(|why| {
        Refused::Usage(vec![
            Diagnostic::error(Code::Io, why).at_file(&display_root.join(FILE)),
        ])
    })?;
    Ok(lock)
}

/// Write the file whole or not at all: into a temporary file beside it, then renamed over it.
fn write(root: &Path, lock: &Lock) -> Result<(), String> {
    let text = lock.to_text()?;
    let path = root.join(FILE);
    let temporary = root.join(format!(".{FILE}.carebook-new"));
    let fail = |e: std::io::Error| format!("cannot write {FILE}: {e}");
    // A file left by a killed sign-off is removed, never written through (it may be a link).
    if std::fs::symlink_metadata(&temporary).is_ok() {
        std::fs::remove_file(&temporary).map_err(fail)?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temporary)
        .map_err(fail)?;
    std::io::Write::write_all(&mut file, text.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(fail)?;
    std::fs::rename(&temporary, &path).map_err(|e| {
        let _ = std::fs::remove_file(&temporary);
        fail(e)
    })
}
