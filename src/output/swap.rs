//! Putting a finished staging folder in place of the output. Where the system can, the two
//! folders are exchanged in one step (renameat2 with RENAME_EXCHANGE on Linux, renamex_np with
//! RENAME_SWAP on macOS), so there is no moment without an output: a reader or `carebook serve`
//! always sees the old site or the new one. Where it cannot (another system, or a file system
//! without the exchange), the output is renamed aside and the staging folder renamed in: two
//! renames, with a moment between them when the output folder does not exist.

use std::io;
use std::path::Path;

/// Replace `dest` with `staging`, and say where the previous output went: to `staging`'s path
/// after an exchange, or to `parked` after two renames. The caller keeps it as the spare or
/// removes it.
pub(super) fn swap(staging: &Path, dest: &Path, parked: &Path) -> io::Result<Previous> {
    if std::fs::symlink_metadata(dest).is_err() {
        std::fs::rename(staging, dest)?;
        return Ok(Previous::None);
    }
    match exchange(staging, dest) {
        Ok(()) => return Ok(Previous::At(staging.to_path_buf())),
        Err(e) if !unsupported(&e) => return Err(e),
        Err(_) => {}
    }
    if parked.exists() {
        std::fs::remove_dir_all(parked)?;
    }
    std::fs::rename(dest, parked)?;
    if let Err(e) = std::fs::rename(staging, dest) {
        let _ = std::fs::rename(parked, dest);
        return Err(e);
    }
    Ok(Previous::At(parked.to_path_buf()))
}

/// Where the previous output went.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Previous {
    /// There was none.
    None,
    At(std::path::PathBuf),
}

/// Exchange two paths in one step.
#[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
pub(super) fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

#[cfg(not(any(target_os = "linux", target_os = "android", target_vendor = "apple")))]
pub(super) fn exchange(_a: &Path, _b: &Path) -> io::Result<()> {
    Err(io::Error::from(io::ErrorKind::Unsupported))
}

/// The system or the file system has no atomic exchange (so the two renames are used).
fn unsupported(e: &io::Error) -> bool {
    if e.kind() == io::ErrorKind::Unsupported {
        return true;
    }
    #[cfg(unix)]
    {
        let errno = e.raw_os_error().map(rustix::io::Errno::from_raw_os_error);
        use rustix::io::Errno;
        return matches!(errno, Some(Errno::INVAL | Errno::NOSYS | Errno::NOTSUP));
    }
    #[allow(unreachable_code)]
    false
}

/// Replace the contents of `dest`, a mount point that cannot itself be swapped, with those of
/// `staging` (a folder inside it), one top-level entry at a time: each entry is exchanged in
/// one step where the system allows, and entries the new site does not have are removed.
/// `keep` names the entries of `dest` that are not the site (the lock, scratch folders). If an
/// entry cannot be moved, those already moved are moved back before the error is returned.
pub(super) fn swap_in_place(
    staging: &Path,
    dest: &Path,
    keep: &dyn Fn(&str) -> bool,
) -> io::Result<()> {
    let names: Vec<std::ffi::OsString> = std::fs::read_dir(staging)?
        .map(|e| e.map(|e| e.file_name()))
        .collect::<io::Result<_>>()?;
    let mut moved: Vec<(&std::ffi::OsString, bool)> = Vec::with_capacity(names.len());
    for name in &names {
        match move_entry(&staging.join(name), &dest.join(name)) {
            Ok(exchanged) => moved.push((name, exchanged)),
            Err(e) => {
                for (name, exchanged) in moved.into_iter().rev() {
                    let (from, to) = (staging.join(name), dest.join(name));
                    let _ = if exchanged {
                        exchange(&from, &to)
                    } else {
                        std::fs::rename(&to, &from)
                    };
                }
                return Err(e);
            }
        }
    }
    let own = staging.file_name();
    for entry in std::fs::read_dir(dest)? {
        let name = entry?.file_name();
        let site = !keep(&name.to_string_lossy()) && Some(name.as_os_str()) != own;
        if site && !names.contains(&name) {
            remove(&dest.join(&name))?;
        }
    }
    std::fs::remove_dir_all(staging)
}

/// Put `from` at `to`: exchanged with what is there (true), or moved there (false). Where the
/// system cannot exchange, what was at `to` is removed first.
fn move_entry(from: &Path, to: &Path) -> io::Result<bool> {
    if std::fs::symlink_metadata(to).is_err() {
        std::fs::rename(from, to)?;
        return Ok(false);
    }
    match exchange(from, to) {
        Ok(()) => Ok(true),
        Err(e) if !unsupported(&e) => Err(e),
        Err(_) => {
            remove(to)?;
            std::fs::rename(from, to)?;
            Ok(false)
        }
    }
}

fn remove(path: &Path) -> io::Result<()> {
    match std::fs::symlink_metadata(path)? {
        m if m.is_dir() => std::fs::remove_dir_all(path),
        _ => std::fs::remove_file(path),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_output_is_exchanged_and_the_previous_one_handed_back() {
        let dir = tempfile::tempdir().unwrap();
        let (staging, dest, parked) = (
            dir.path().join("s"),
            dir.path().join("d"),
            dir.path().join("p"),
        );
        std::fs::create_dir(&staging).unwrap();
        std::fs::write(staging.join("new"), "").unwrap();
        assert_eq!(swap(&staging, &dest, &parked).unwrap(), Previous::None);
        std::fs::create_dir(&staging).unwrap();
        std::fs::write(staging.join("newer"), "").unwrap();
        let Previous::At(previous) = swap(&staging, &dest, &parked).unwrap() else {
            panic!("the previous output was lost");
        };
        assert!(dest.join("newer").exists() && previous.join("new").exists());
        if cfg!(target_os = "linux") {
            // Exchanged in one step: the previous output was never parked elsewhere.
            assert_eq!(previous, staging);
            assert!(!parked.exists());
        }
    }

    #[test]
    fn in_place_the_entries_are_replaced_and_what_is_kept_stays() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path();
        for (name, text) in [("index.html", "old"), ("gone.html", "old"), (".lock", "")] {
            std::fs::write(dest.join(name), text).unwrap();
        }
        std::fs::create_dir_all(dest.join("cards")).unwrap();
        let staging = dest.join(".staging");
        std::fs::create_dir_all(staging.join("cards")).unwrap();
        std::fs::write(staging.join("index.html"), "new").unwrap();
        std::fs::write(staging.join("cards/a.html"), "new").unwrap();
        swap_in_place(&staging, dest, &|n| n == ".lock").unwrap();
        let mut names: Vec<String> = std::fs::read_dir(dest)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, [".lock", "cards", "index.html"]);
        assert_eq!(
            std::fs::read_to_string(dest.join("index.html")).unwrap(),
            "new"
        );
        assert!(dest.join("cards/a.html").exists());
    }
}
