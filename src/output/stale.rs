//! Scratch folders that builds killed part-way left behind: a staging folder (as big as the
//! site) or a previous output parked during a swap. Every build clears those of its output
//! once it holds the output's lock, so they never pile up; a folder of a process that is still
//! running is never touched. `carebook serve` clears the preview folders of servers that died.

use super::layout::Layout;
use std::io;
use std::path::{Path, PathBuf};

/// Clear the scratch folders dead builds left for `layout`'s output. The first that holds a
/// whole carebook output becomes the spare when there is none, since overwriting it is
/// cheaper than writing afresh; the rest are removed.
pub(super) fn clear(layout: &Layout) -> io::Result<()> {
    let Ok(entries) = std::fs::read_dir(&layout.home) else {
        return Ok(());
    };
    let spare = layout.spare();
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_prefix(&layout.prefix) else {
            continue;
        };
        let (parked, pid) = match (rest.strip_prefix("old-"), rest.strip_prefix("staging-")) {
            (Some(pid), _) => (true, pid),
            (_, Some(pid)) => (false, pid),
            _ => continue,
        };
        let Some(pid) = pid.parse::<u32>().ok().filter(|&pid| !is_running(pid)) else {
            continue;
        };
        let path = entry.path();
        let ours = super::staging::is_ours(&path);
        // A build killed between the two renames of a swap left the output parked: put it back.
        if parked && ours && std::fs::symlink_metadata(&layout.dest).is_err() {
            std::fs::rename(&path, &layout.dest)?;
            continue;
        }
        match &spare {
            Some(spare) if !spare.exists() && ours => std::fs::rename(&path, spare)?,
            _ => remove(&path)?,
        }
        tracing::debug!("removed {} left by process {pid}", path.display());
    }
    Ok(())
}

/// A preview folder in the system's temporary folder that this process owns. Owning it is an
/// exclusive lock held as long as this value lives (the system releases it however the
/// process ends), so another server tells a live preview from an abandoned one even where it
/// cannot see the owner's process (containers sharing `/tmp`).
pub struct Preview {
    pub dir: PathBuf,
    alive: PathBuf,
    _lock: std::fs::File,
}

impl Drop for Preview {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.alive);
    }
}

/// Claim a preview folder named `<stem><pid>` in `temp`, first removing those (and their
/// spares, locks and staging folders) that no running server owns.
pub fn claim_preview(temp: &Path, stem: &str) -> io::Result<Preview> {
    clear_dead_previews(temp, stem);
    let pid = std::process::id();
    let dir = temp.join(format!("{stem}{pid}"));
    let alive = alive_file(temp, stem, pid);
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .write(true)
        .truncate(false)
        .open(&alive)?;
    lock.lock()?;
    Ok(Preview {
        dir,
        alive,
        _lock: lock,
    })
}

fn alive_file(temp: &Path, stem: &str, pid: u32) -> PathBuf {
    temp.join(format!(".{stem}{pid}.carebook-alive"))
}

fn clear_dead_previews(temp: &Path, stem: &str) {
    let Ok(entries) = std::fs::read_dir(temp) else {
        return;
    };
    let mut owners: std::collections::HashMap<u32, bool> = std::collections::HashMap::new();
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        let owner = name
            .strip_prefix('.')
            .unwrap_or(&name)
            .strip_prefix(stem)
            .and_then(|rest| rest.split('.').next())
            .and_then(|pid| pid.parse::<u32>().ok());
        let Some(pid) = owner else { continue };
        let dead = *owners
            .entry(pid)
            .or_insert_with(|| !preview_is_live(temp, stem, pid));
        let path = entry.path();
        let folder = path.is_dir() && !path.is_symlink();
        if dead && (!folder || super::staging::is_ours(&path) || name.starts_with('.')) {
            let _ = remove(&path);
        }
    }
}

/// Whether the server that owns the preview of `pid` is running: it holds its lock. A
/// preview without one (from an older carebook) goes by whether the process exists.
fn preview_is_live(temp: &Path, stem: &str, pid: u32) -> bool {
    let Ok(file) = std::fs::OpenOptions::new()
        .write(true)
        .open(alive_file(temp, stem, pid))
    else {
        return is_running(pid);
    };
    match file.try_lock() {
        Ok(()) => false,
        Err(std::fs::TryLockError::WouldBlock) => true,
        Err(std::fs::TryLockError::Error(_)) => is_running(pid),
    }
}

fn remove(path: &Path) -> io::Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => std::fs::remove_dir_all(path),
        Ok(_) => std::fs::remove_file(path),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

/// Whether a process with this id is running (this one always is).
#[cfg(unix)]
pub(super) fn is_running(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    let Some(pid) = i32::try_from(pid)
        .ok()
        .and_then(rustix::process::Pid::from_raw)
    else {
        return false;
    };
    match rustix::process::test_kill_process(pid) {
        Ok(()) => true,
        // It exists, but belongs to someone else.
        Err(e) => e == rustix::io::Errno::PERM,
    }
}

/// Elsewhere a process cannot be asked about cheaply, so every owner counts as running and
/// nothing is removed.
#[cfg(not(unix))]
pub(super) fn is_running(_pid: u32) -> bool {
    true
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    /// A process id that is not running: a child that has exited and been reaped.
    fn dead_pid() -> u32 {
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        child.wait().unwrap();
        pid
    }

    #[test]
    fn only_dead_builds_folders_are_cleared() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("public");
        let layout = Layout::of(&dest).unwrap();
        let dead = dead_pid();
        let live = std::process::id();
        for (what, pid) in [("staging", dead), ("old", dead), ("staging", live)] {
            let path = layout.scratch(what, pid);
            std::fs::create_dir_all(path.join("x")).unwrap();
            std::fs::write(path.join("x/page.html"), "x").unwrap();
        }
        std::fs::create_dir(dir.path().join("unrelated-123")).unwrap();
        std::fs::create_dir(&dest).unwrap();
        clear(&layout).unwrap();
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(
            left,
            [
                format!(".public.carebook-staging-{live}"),
                "public".into(),
                "unrelated-123".into()
            ]
        );
        assert!(is_running(live) && !is_running(dead));
    }

    #[test]
    fn an_output_parked_by_a_killed_swap_is_put_back() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("public");
        let layout = Layout::of(&dest).unwrap();
        let parked = layout.scratch("old", dead_pid());
        std::fs::create_dir_all(&parked).unwrap();
        std::fs::write(parked.join(crate::output::MARKER_FILE), "").unwrap();
        std::fs::write(parked.join("index.html"), "the previous site").unwrap();
        clear(&layout).unwrap();
        assert_eq!(
            std::fs::read_to_string(dest.join("index.html")).unwrap(),
            "the previous site"
        );
        assert!(!parked.exists());
    }
}
