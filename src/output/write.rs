//! Write files into a staging folder next to the output, then swap it in.

use super::{OutputData, OutputFile};
use rayon::prelude::*;
use std::io;
use std::path::{Path, PathBuf};

/// Marks a folder as carebook's output, so a later build may replace it.
pub const MARKER_FILE: &str = ".carebook-output";

/// Write `files` as the new content of `dest`. `dest` is replaced only once every file is
/// written; on any error the staging folder is removed and `dest` is untouched.
pub fn write_atomically(dest: &Path, files: &[OutputFile]) -> io::Result<()> {
    let staging = Staging::create(dest)?;
    files.par_iter().try_for_each(|file| staging.write(file))?;
    staging.commit(dest)
}

/// A folder beside the output that a build writes into, file by file as they are rendered, and
/// then swaps in. Dropped without [`Staging::commit`], it removes itself.
pub struct Staging {
    dir: PathBuf,
    committed: bool,
}

impl Staging {
    pub fn create(dest: &Path) -> io::Result<Staging> {
        let dir = sibling(dest, "staging")?;
        if dir.exists() {
            std::fs::remove_dir_all(&dir)?;
        }
        std::fs::create_dir_all(&dir)?;
        std::fs::write(
            dir.join(MARKER_FILE),
            "This folder is written by carebook and replaced on every build.\n",
        )?;
        Ok(Staging {
            dir,
            committed: false,
        })
    }

    /// Write one file (creating its folders). Safe to call from several threads.
    pub fn write(&self, file: &OutputFile) -> io::Result<()> {
        let target = self.dir.join(&file.path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        match &file.data {
            OutputData::Bytes(bytes) => std::fs::write(&target, bytes),
            OutputData::Copy(from) => std::fs::copy(from, &target).map(|_| ()),
        }
    }

    /// Replace `dest` with everything written.
    pub fn commit(mut self, dest: &Path) -> io::Result<()> {
        swap(&self.dir, dest)?;
        self.committed = true;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// `.<name>.carebook-<what>-<pid>` beside `dest`: carebook's own scratch name.
fn sibling(dest: &Path, what: &str) -> io::Result<PathBuf> {
    let name = dest
        .file_name()
        .ok_or_else(|| io::Error::other("the output folder has no name"))?;
    let parent = dest.parent().unwrap_or(Path::new("."));
    Ok(parent.join(format!(
        ".{}.carebook-{what}-{}",
        name.to_string_lossy(),
        std::process::id()
    )))
}

fn swap(staging: &Path, dest: &Path) -> io::Result<()> {
    if !dest.exists() {
        return std::fs::rename(staging, dest);
    }
    let old = sibling(dest, "old")?;
    if old.exists() {
        std::fs::remove_dir_all(&old)?;
    }
    std::fs::rename(dest, &old)?;
    if let Err(e) = std::fs::rename(staging, dest) {
        let _ = std::fs::rename(&old, dest);
        return Err(e);
    }
    std::fs::remove_dir_all(&old)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_output_and_leaves_no_scratch() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("public");
        write_atomically(&dest, &[OutputFile::new("a/b.html", b"one".to_vec())]).unwrap();
        write_atomically(&dest, &[OutputFile::new("c.html", b"two".to_vec())]).unwrap();
        assert!(!dest.join("a/b.html").exists());
        assert_eq!(std::fs::read(dest.join("c.html")).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("public")]);
    }
}
