//! Where a build's own files go for an output folder: its staging folder, the spare (the
//! previous output, kept to be overwritten), and the lock. All are named after the output, so
//! they are recognisably carebook's and never collide with anyone else's files.
//!
//! Usually they sit beside the output (`.public.carebook-staging-123`) and the finished site is
//! swapped in whole. An output folder that is a mount point (a container volume) cannot be
//! swapped, so they sit inside it and the site is swapped in one top-level entry at a time.

use std::io;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
pub struct Layout {
    pub dest: PathBuf,
    /// The output folder is a mount point: it is written in place.
    pub in_place: bool,
    /// The folder holding the scratch entries: the output's parent, or the output itself.
    pub home: PathBuf,
    /// The start of every scratch entry's name: `.public.carebook-`, or `.carebook-` in place.
    pub prefix: String,
}

impl Layout {
    pub fn of(dest: &Path) -> io::Result<Layout> {
        // An output folder that is a symbolic link is written where it points, so the link
        // stays and keeps showing the new site.
        let resolved;
        let dest = match std::fs::symlink_metadata(dest) {
            Ok(meta) if meta.file_type().is_symlink() => {
                resolved = dest.canonicalize()?;
                resolved.as_path()
            }
            _ => dest,
        };
        let name = dest
            .file_name()
            .ok_or_else(|| io::Error::other("the output folder has no name"))?;
        let in_place = super::mount::is_mount_point(dest);
        let (home, prefix) = if in_place {
            (dest.to_path_buf(), ".carebook-".to_string())
        } else {
            let parent = dest.parent().unwrap_or(Path::new("."));
            let parent = if parent.as_os_str().is_empty() {
                Path::new(".")
            } else {
                parent
            };
            (
                parent.to_path_buf(),
                format!(".{}.carebook-", name.to_string_lossy()),
            )
        };
        Ok(Layout {
            dest: dest.to_path_buf(),
            in_place,
            home,
            prefix,
        })
    }

    /// This process's staging folder.
    pub fn staging(&self) -> PathBuf {
        self.scratch("staging", std::process::id())
    }

    /// Where a swap that cannot exchange in one step parks the previous output.
    pub fn old(&self) -> PathBuf {
        self.scratch("old", std::process::id())
    }

    /// The previous output kept for the next build to overwrite (none when written in place).
    pub fn spare(&self) -> Option<PathBuf> {
        (!self.in_place).then(|| self.home.join(format!("{}spare", self.prefix)))
    }

    /// The lock file every build into this output holds while it writes.
    pub fn lock(&self) -> PathBuf {
        self.home.join(format!("{}lock", self.prefix))
    }

    /// `<prefix><what>-<pid>`.
    pub fn scratch(&self, what: &str, pid: u32) -> PathBuf {
        self.home.join(format!("{}{what}-{pid}", self.prefix))
    }

    /// Whether a name in [`Layout::home`] is one of this output's scratch entries.
    pub fn is_scratch_name(&self, name: &str) -> bool {
        name.starts_with(&self.prefix)
    }
}

/// `.<name>.carebook-spare` beside `dest`: the previous output, kept for the next build to
/// overwrite. Deleting it is always safe.
pub fn spare_of(dest: &Path) -> io::Result<PathBuf> {
    let layout = Layout::of(dest)?;
    Ok(layout
        .spare()
        .unwrap_or_else(|| layout.home.join(format!("{}spare", layout.prefix))))
}
