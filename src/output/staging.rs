//! Write files into a staging folder next to the output, then swap it in.

use super::layout::Layout;
use super::lock::OutputLock;
use super::swap::{self, Previous};
use super::{OutputData, OutputFile};
use rayon::prelude::*;
use std::collections::HashSet;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Marks a folder as carebook's output, so a later build may replace it.
pub const MARKER_FILE: &str = ".carebook-output";

/// Write `files` as the new content of `dest`. `dest` is replaced only once every file is
/// written; on any error the staging folder is removed and `dest` is untouched.
pub fn write_atomically(dest: &Path, files: &[OutputFile]) -> io::Result<()> {
    let staging = Staging::create(dest)?;
    files.par_iter().try_for_each(|file| staging.write(file))?;
    staging.commit()
}

/// A folder beside the output that a build writes into, file by file as they are rendered, and
/// then swaps in.
///
/// The output it replaces is kept beside it as a *spare* (`.<name>.carebook-spare`), and the
/// next build writes into the spare: overwriting a file is much cheaper than creating one (on
/// ext4, creating thousands of files just after deleting thousands is slower than rendering
/// them). Files the spare held that a build does not write are removed before the swap.
/// Dropped without [`Staging::commit`], the folder becomes the spare again.
///
/// A build holds the output's lock from [`Staging::create`] until the staging folder is
/// committed or dropped, and clears the scratch folders that killed builds left behind.
pub struct Staging {
    dir: PathBuf,
    layout: Layout,
    /// Files the spare held when it was taken that have not been written again.
    stale: Mutex<HashSet<PathBuf>>,
    /// Folders the spare held when it was taken (relative paths).
    spare_folders: HashSet<PathBuf>,
    /// Folders known to exist in the staging folder, so each is made (or checked) once.
    folders: Mutex<HashSet<PathBuf>>,
    committed: bool,
    /// Released last, once the folder is in place or given back.
    _lock: OutputLock,
}

impl Staging {
    pub fn create(dest: &Path) -> io::Result<Staging> {
        let layout = Layout::of(dest)?;
        if layout.in_place {
            tracing::debug!("{} is a mount point: writing it in place", dest.display());
        }
        let lock = OutputLock::acquire(&layout.lock(), dest)?;
        super::stale::clear(&layout)?;
        let dir = layout.staging();
        if dir.exists() {
            std::fs::remove_dir_all(&dir)?;
        }
        let reused = layout
            .spare()
            .filter(|spare| is_ours(spare) && std::fs::rename(spare, &dir).is_ok());
        let (stale, spare_folders) = match reused {
            Some(_) => contents(&dir)?,
            None => {
                std::fs::create_dir_all(&dir)?;
                (HashSet::new(), HashSet::new())
            }
        };
        std::fs::write(
            dir.join(MARKER_FILE),
            "This folder is written by carebook and replaced on every build.\n",
        )?;
        Ok(Staging {
            dir,
            layout,
            stale: Mutex::new(stale),
            folders: Mutex::new(spare_folders.clone()),
            spare_folders,
            committed: false,
            _lock: lock,
        })
    }

    /// The folder's path for `path`, with its parent folders made; the file is no longer stale.
    fn target(&self, path: &str) -> io::Result<PathBuf> {
        let rel = Path::new(path);
        let target = self.dir.join(rel);
        if let Some(folder) = rel.parent().filter(|f| !f.as_os_str().is_empty())
            && !self
                .folders
                .lock()
                .is_ok_and(|known| known.contains(folder))
        {
            self.make_folder(&self.dir.join(folder))?;
            if let Ok(mut known) = self.folders.lock() {
                known.insert(folder.to_path_buf());
            }
        }
        if self.spare_folders.contains(rel)
            && std::fs::symlink_metadata(&target).is_ok_and(|m| m.is_dir())
        {
            // The spare may hold a folder where this build writes a file.
            std::fs::remove_dir_all(&target)?;
        }
        if let Ok(mut stale) = self.stale.lock()
            && !stale.is_empty()
        {
            stale.remove(Path::new(path));
        }
        Ok(target)
    }

    /// Make a folder and its parents; the spare may hold a file where this build needs a folder.
    fn make_folder(&self, folder: &Path) -> io::Result<()> {
        if std::fs::create_dir_all(folder).is_ok() {
            return Ok(());
        }
        for ancestor in folder.ancestors().take_while(|a| a.starts_with(&self.dir)) {
            if std::fs::symlink_metadata(ancestor).is_ok_and(|m| !m.is_dir()) {
                std::fs::remove_file(ancestor)?;
            }
        }
        std::fs::create_dir_all(folder)
    }

    /// Write one file (creating its folders). Safe to call from several threads.
    pub fn write(&self, file: &OutputFile) -> io::Result<()> {
        // Whole files go straight to the file, without a buffer.
        let mut out = StagedFile::open(&self.target(&file.path)?, 0)?;
        match &file.data {
            OutputData::Bytes(bytes) => out.write_all(bytes)?,
            OutputData::Copy(from) => {
                io::copy(&mut std::fs::File::open(from)?, &mut out)?;
            }
        }
        out.finish().map(|_| ())
    }

    /// Open a file for writing piece by piece (creating its folders), for large files such as
    /// the print handout that are never held in memory whole.
    pub fn create_file(&self, path: &str) -> io::Result<StagedFile> {
        StagedFile::open(&self.target(path)?, 1 << 16)
    }

    /// Remove what this build did not write, then replace the output with the folder; the
    /// previous output becomes the spare.
    pub fn commit(mut self) -> io::Result<()> {
        let stale = std::mem::take(
            &mut *self
                .stale
                .lock()
                .map_err(|_| io::Error::other("a writer thread panicked"))?,
        );
        if !stale.is_empty() {
            for path in &stale {
                remove_if_present(&self.dir.join(path))?;
            }
            remove_empty_folders(&self.dir);
        }
        let layout = &self.layout;
        if layout.in_place {
            swap::swap_in_place(&self.dir, &layout.dest, &|name| {
                layout.is_scratch_name(name)
            })?;
            self.committed = true;
            return Ok(());
        }
        let previous = swap::swap(&self.dir, &layout.dest, &layout.old())?;
        self.committed = true;
        if let Previous::At(previous) = previous {
            keep_as_spare(&previous, layout.spare().as_deref())?;
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if self.committed {
            return;
        }
        let spare = self.layout.spare();
        let given_back = spare
            .filter(|spare| !spare.exists())
            .is_some_and(|spare| std::fs::rename(&self.dir, spare).is_ok());
        if !given_back {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// Keep the previous output for the next build to overwrite, unless it is not carebook's (an
/// empty folder the user made) or a spare is already there.
fn keep_as_spare(previous: &Path, spare: Option<&Path>) -> io::Result<()> {
    match spare {
        Some(spare) if is_ours(previous) && !spare.exists() => std::fs::rename(previous, spare),
        _ => std::fs::remove_dir_all(previous),
    }
}

/// A real folder (not a link) that carebook wrote: it holds the marker file.
pub(super) fn is_ours(dir: &Path) -> bool {
    std::fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir())
        && std::fs::symlink_metadata(dir.join(MARKER_FILE)).is_ok_and(|m| m.is_file())
}

/// Every file and every folder under `dir` (relative paths, the marker left out). Anything
/// that is neither, such as a symbolic link, is removed, so writing never goes through it.
fn contents(dir: &Path) -> io::Result<(HashSet<PathBuf>, HashSet<PathBuf>)> {
    let (mut files, mut folders) = (HashSet::new(), HashSet::new());
    for entry in walkdir::WalkDir::new(dir).min_depth(1) {
        let entry = entry.map_err(io::Error::other)?;
        let kind = entry.file_type();
        if !kind.is_file() && !kind.is_dir() {
            std::fs::remove_file(entry.path())?;
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(dir) else {
            continue;
        };
        if kind.is_dir() {
            folders.insert(rel.to_path_buf());
        } else if rel != Path::new(MARKER_FILE) {
            files.insert(rel.to_path_buf());
        }
    }
    Ok((files, folders))
}

/// Remove a stale file, unless this build has since put a folder (or nothing) in its place.
fn remove_if_present(path: &Path) -> io::Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if !m.is_dir() => std::fs::remove_file(path),
        _ => Ok(()),
    }
}

/// Remove folders left empty by stale files (a folder that is not empty stays).
fn remove_empty_folders(dir: &Path) {
    for entry in walkdir::WalkDir::new(dir)
        .min_depth(1)
        .contents_first(true)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_dir())
    {
        let _ = std::fs::remove_dir(entry.path());
    }
}

/// A file in the staging folder, written from the start over whatever the spare held there.
///
/// It is not truncated first: ext4 flushes a file that was truncated to nothing and written
/// again as soon as it is closed, which makes rewriting thousands of files slow. Any old bytes
/// past the new end are cut off by [`StagedFile::finish`].
pub struct StagedFile {
    file: io::BufWriter<std::fs::File>,
    old_len: u64,
    written: usize,
}

impl StagedFile {
    fn open(path: &Path, buffer: usize) -> io::Result<StagedFile> {
        let file = std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(false)
            .open(path)?;
        let old_len = file.metadata()?.len();
        Ok(StagedFile {
            file: io::BufWriter::with_capacity(buffer, file),
            old_len,
            written: 0,
        })
    }

    /// Flush, cut off anything left from the spare's file, and return the bytes written.
    pub fn finish(self) -> io::Result<usize> {
        let file = self.file.into_inner().map_err(|e| e.into_error())?;
        if self.old_len > self.written as u64 {
            file.set_len(self.written as u64)?;
        }
        Ok(self.written)
    }
}

impl Write for StagedFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.file.write(buf)?;
        self.written += n;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    fn tree(dir: &Path) -> Vec<String> {
        let mut files: Vec<String> = walkdir::WalkDir::new(dir)
            .min_depth(1)
            .into_iter()
            .map(|e| {
                let e = e.unwrap();
                e.path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        files.sort();
        files
    }

    #[test]
    fn replaces_output_and_keeps_only_the_spare() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("public");
        write_atomically(&dest, &[OutputFile::new("a/b.html", b"one".to_vec())]).unwrap();
        write_atomically(&dest, &[OutputFile::new("c.html", b"two".to_vec())]).unwrap();
        assert!(!dest.join("a/b.html").exists());
        assert_eq!(std::fs::read(dest.join("c.html")).unwrap(), b"two");
        assert_eq!(
            names(dir.path()),
            [".public.carebook-lock", ".public.carebook-spare", "public"]
        );
    }

    #[test]
    fn a_build_into_the_spare_leaves_exactly_its_own_files() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("public");
        let build = |files: &[(&str, &str)]| {
            let files: Vec<OutputFile> = files
                .iter()
                .map(|(p, text)| OutputFile::new(*p, text.as_bytes().to_vec()))
                .collect();
            write_atomically(&dest, &files).unwrap();
        };
        build(&[
            ("old/gone.html", "x"),
            ("keep.html", "a long first version"),
            ("x", "file"),
        ]);
        build(&[("keep.html", "b"), ("x/now-a-folder.html", "y")]);
        // The third build writes into the first one's output, now the spare.
        build(&[
            ("keep.html", "c"),
            ("x", "a file again"),
            ("new/page.html", "z"),
        ]);
        assert_eq!(
            tree(&dest),
            [".carebook-output", "keep.html", "new", "new/page.html", "x"]
        );
        assert_eq!(std::fs::read(dest.join("keep.html")).unwrap(), b"c");
        assert_eq!(std::fs::read(dest.join("x")).unwrap(), b"a file again");
        // Into the second build's output: a folder `x` where a file is written.
        build(&[("x", "file over folder")]);
        assert_eq!(tree(&dest), [".carebook-output", "x"]);
        // Into the third build's output: a file `x` where a folder is needed.
        build(&[("x/y.html", "folder over file")]);
        assert_eq!(tree(&dest), [".carebook-output", "x", "x/y.html"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_link_planted_in_the_spare_is_never_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("public");
        let outside = dir.path().join("outside.html");
        std::fs::write(&outside, "mine").unwrap();
        write_atomically(&dest, &[OutputFile::new("a.html", b"1".to_vec())]).unwrap();
        write_atomically(&dest, &[OutputFile::new("a.html", b"2".to_vec())]).unwrap();
        let spare = crate::output::spare_of(&dest).unwrap();
        std::fs::remove_file(spare.join("a.html")).unwrap();
        std::os::unix::fs::symlink(&outside, spare.join("a.html")).unwrap();
        write_atomically(&dest, &[OutputFile::new("a.html", b"3".to_vec())]).unwrap();
        assert_eq!(std::fs::read_to_string(&outside).unwrap(), "mine");
        assert_eq!(std::fs::read(dest.join("a.html")).unwrap(), b"3");
    }

    #[cfg(unix)]
    #[test]
    fn an_output_folder_that_is_a_link_keeps_pointing_at_the_new_site() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("site");
        let link = dir.path().join("public");
        write_atomically(&real, &[OutputFile::new("a.html", b"1".to_vec())]).unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_atomically(&link, &[OutputFile::new("a.html", b"2".to_vec())]).unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read(link.join("a.html")).unwrap(), b"2");
    }

    #[test]
    fn a_failed_build_leaves_the_output_and_returns_its_folder_as_the_spare() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("public");
        write_atomically(&dest, &[OutputFile::new("a.html", b"1".to_vec())]).unwrap();
        let staging = Staging::create(&dest).unwrap();
        staging
            .write(&OutputFile::new("b.html", b"2".to_vec()))
            .unwrap();
        drop(staging);
        assert_eq!(tree(&dest), [".carebook-output", "a.html"]);
        assert_eq!(
            names(dir.path()),
            [".public.carebook-lock", ".public.carebook-spare", "public"]
        );
    }
}
