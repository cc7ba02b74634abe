//! Whether the output folder is a mount point (such as a container volume), which cannot be
//! renamed or swapped: the build then writes it in place instead of failing with "Device or
//! resource busy".

use std::path::Path;

#[cfg(unix)]
pub fn is_mount_point(dest: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    let Ok(meta) = std::fs::symlink_metadata(dest) else {
        return false;
    };
    if !meta.is_dir() {
        return false;
    }
    let Ok(canonical) = dest.canonicalize() else {
        return false;
    };
    let Some(parent) = canonical.parent() else {
        // The file system's root.
        return true;
    };
    if std::fs::metadata(parent).is_ok_and(|p| p.dev() != meta.dev()) {
        return true;
    }
    // A bind mount shares its device with the parent: ask the kernel's table of mounts.
    mounted_at(&canonical)
}

#[cfg(not(unix))]
pub fn is_mount_point(_dest: &Path) -> bool {
    false
}

/// Whether the kernel lists a mount at `path` (Linux; elsewhere nothing is listed).
#[cfg(unix)]
fn mounted_at(path: &Path) -> bool {
    let Ok(table) = std::fs::read_to_string("/proc/self/mountinfo") else {
        return false;
    };
    let wanted = path.to_string_lossy();
    table
        .lines()
        .filter_map(|line| line.split(' ').nth(4))
        .any(|point| unescape(point) == wanted)
}

/// mountinfo writes a space as `\040`, a tab as `\011`, a newline as `\012`, `\` as `\134`.
#[cfg(unix)]
fn unescape(field: &str) -> String {
    let mut out = String::with_capacity(field.len());
    let mut rest = field;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        let code = rest
            .get(at + 1..at + 4)
            .and_then(|d| u8::from_str_radix(d, 8).ok());
        match code {
            Some(byte) => {
                out.push(char::from(byte));
                rest = &rest[at + 4..];
            }
            None => {
                out.push('\\');
                rest = &rest[at + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn ordinary_folders_are_not_mount_points_and_the_root_is() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("public")).unwrap();
        assert!(!is_mount_point(&dir.path().join("public")));
        assert!(!is_mount_point(&dir.path().join("missing")));
        assert!(is_mount_point(Path::new("/")));
        assert_eq!(unescape("/a\\040b\\134c"), "/a b\\c");
    }
}
