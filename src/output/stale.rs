//! Scratch folders that builds killed part-way left behind: a staging folder (as big as the
//! site) or a previous output parked during a swap. Every build clears those of its output
//! once it holds the output's lock, so they never pile up; a folder of a process that is still
//! running is never touched. `carebook serve` clears the preview folders of servers that died.

use super::layout::Layout;
use std::io;
use std::path::Path;

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
        let pid = ["staging-", "old-"]
            .iter()
            .find_map(|kind| rest.strip_prefix(kind))
            .and_then(|pid| pid.parse::<u32>().ok());
        let Some(pid) = pid.filter(|&pid| !is_running(pid)) else {
            continue;
        };
        let path = entry.path();
        match &spare {
            Some(spare) if !spare.exists() && super::staging::is_ours(&path) => {
                std::fs::rename(&path, spare)?
            }
            _ => remove(&path)?,
        }
        tracing::debug!("removed {} left by process {pid}", path.display());
    }
    Ok(())
}

/// Remove the preview folders (and their spares and locks) that `carebook serve` processes
/// which are no longer running left in `temp`.
pub fn clear_dead_previews(temp: &Path, stem: &str) {
    let Ok(entries) = std::fs::read_dir(temp) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        let owner = name
            .strip_prefix('.')
            .unwrap_or(&name)
            .strip_prefix(stem)
            .and_then(|rest| rest.split('.').next())
            .and_then(|pid| pid.parse::<u32>().ok());
        if owner.is_some_and(|pid| !is_running(pid)) {
            let _ = remove(&entry.path());
        }
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
                "unrelated-123".into()
            ]
        );
        assert!(is_running(live) && !is_running(dead));
    }
}
