//! Which output folders carebook refuses, because replacing them could lose someone's work.

use super::staging::MARKER_FILE;
use crate::codes::Code;
use crate::diagnostics::Diagnostic;
use std::path::{Component, Path, PathBuf};

/// Refuse an output folder that is the guide root, the content or theme folder, contains any
/// of them, lies inside the content folder, lies outside the root without an explicit `--dest`,
/// or already exists with files carebook did not write.
pub fn check_dest(
    root: &Path,
    content: &Path,
    dest: &Path,
    explicit: bool,
) -> Result<(), Diagnostic> {
    let root = normalize(root);
    let dest = normalize(&root.join(dest));
    let content = normalize(&root.join(content));
    let themes = root.join("themes");
    let refuse = |why: String, help: &str| {
        Err(Diagnostic::error(Code::DangerousOutputDir, why).help(help.to_string()))
    };
    let help = "choose a separate folder for the built site, e.g. `--dest public`";
    for (name, protected) in [
        ("the guide folder", &root),
        ("the content folder", &content),
        ("the themes folder", &themes),
    ] {
        if protected.starts_with(&dest) {
            return refuse(
                format!(
                    "the output folder `{}` would replace {name}",
                    dest.display()
                ),
                help,
            );
        }
    }
    if dest.starts_with(&content) {
        return refuse(
            format!(
                "the output folder `{}` is inside the content folder",
                dest.display()
            ),
            help,
        );
    }
    if !explicit && !dest.starts_with(&root) {
        return refuse(
            format!(
                "the output folder `{}` is outside the guide folder",
                dest.display()
            ),
            "set it with `--dest DIR` on the command line if you really want it there",
        );
    }
    if dest.is_file() {
        return refuse(
            format!("the output path `{}` is a file", dest.display()),
            help,
        );
    }
    if is_foreign(&dest) {
        return refuse(
            format!(
                "`{}` already has files that carebook did not write",
                dest.display()
            ),
            "carebook replaces its output folder on every build, so it will not touch this one: empty it or choose another folder",
        );
    }
    Ok(())
}

/// An existing, non-empty folder without carebook's marker file.
fn is_foreign(dest: &Path) -> bool {
    let Ok(mut entries) = std::fs::read_dir(dest) else {
        return false;
    };
    entries.next().is_some() && !dest.join(MARKER_FILE).is_file()
}

/// Make a path absolute and resolve `.` and `..` without touching the file system, then
/// resolve symlinks of the longest existing prefix.
pub fn normalize(path: &Path) -> PathBuf {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut out = PathBuf::new();
    for c in absolute.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    canonical_prefix(&out)
}

fn canonical_prefix(path: &Path) -> PathBuf {
    let mut existing = path.to_path_buf();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (
            existing.file_name().map(|n| n.to_os_string()),
            existing.parent(),
        ) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                existing = parent.to_path_buf();
            }
            _ => return path.to_path_buf(),
        }
    }
    let mut resolved = existing.canonicalize().unwrap_or(existing);
    for name in rest.into_iter().rev() {
        resolved.push(name);
    }
    resolved
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_root_content_and_parents() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir(root.join("content")).unwrap();
        for bad in [".", "content", "content/out", "..", "themes"] {
            let err = check_dest(root, Path::new("content"), Path::new(bad), true).unwrap_err();
            assert_eq!(err.code, Code::DangerousOutputDir, "{bad}");
        }
        assert!(check_dest(root, Path::new("content"), Path::new("public"), false).is_ok());
    }

    #[test]
    fn outside_root_needs_explicit_dest() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("guide");
        std::fs::create_dir_all(root.join("content")).unwrap();
        let outside = dir.path().join("site");
        assert!(check_dest(&root, Path::new("content"), &outside, false).is_err());
        assert!(check_dest(&root, Path::new("content"), &outside, true).is_ok());
    }

    #[test]
    fn refuses_folders_it_did_not_write() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("public")).unwrap();
        std::fs::write(dir.path().join("public/notes.txt"), "mine").unwrap();
        assert!(check_dest(dir.path(), Path::new("content"), Path::new("public"), false).is_err());
        std::fs::write(dir.path().join("public").join(MARKER_FILE), "").unwrap();
        assert!(check_dest(dir.path(), Path::new("content"), Path::new("public"), false).is_ok());
    }
}
