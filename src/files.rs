//! Reading the files a guide depends on (book.toml, the safety registry, pages, theme files):
//! only regular files are read, never more than a size limit, and every failure is a
//! [`ReadError`] that says in plain words what is wrong. A named pipe or `/dev/zero` in place
//! of a file is refused at once instead of hanging the build or filling the memory.

use std::io::Read;
use std::path::Path;

/// Limits on the files carebook reads, in bytes.
pub mod limit {
    /// book.toml.
    pub const CONFIG: u64 = 1 << 20;
    /// The safety registry.
    pub const REGISTRY: u64 = 4 << 20;
    /// One Markdown page.
    pub const PAGE: u64 = 2 << 20;
    /// One theme file (a template, a style sheet, a font or an image).
    pub const THEME_FILE: u64 = 16 << 20;
    /// The sign-off record, `safety.lock` (it grows with the registry).
    pub const SIGN_OFF: u64 = 4 << 20;
}

/// Why a file could not be read.
#[derive(Debug)]
pub enum ReadError {
    Missing,
    /// It exists but is not a regular file: a folder, a named pipe, a device...
    NotAFile(&'static str),
    TooLarge {
        limit: u64,
    },
    /// Not UTF-8 text; `line` is the 1-based line of the first byte that is not.
    NotUtf8 {
        line: usize,
        utf16: bool,
    },
    Io(std::io::Error),
}

impl ReadError {
    /// What is wrong, to follow "cannot read `path`: " or "`path` ".
    pub fn describe(&self) -> String {
        match self {
            ReadError::Missing => "it does not exist".into(),
            ReadError::NotAFile(kind) => format!("it is {kind}, not a file"),
            ReadError::TooLarge { limit } => {
                format!("it is larger than the limit of {}", size(*limit))
            }
            ReadError::NotUtf8 { utf16: true, .. } => {
                "it is saved as UTF-16; carebook reads UTF-8 text".into()
            }
            ReadError::NotUtf8 { line, .. } => {
                format!("it is not UTF-8 text (the first bad byte is on line {line})")
            }
            ReadError::Io(e) => e.to_string(),
        }
    }

    /// Whether the file's text is at fault (so it is a content error), not the file system.
    pub fn is_encoding(&self) -> bool {
        matches!(self, ReadError::NotUtf8 { .. })
    }
}

/// `1 MiB`, `512 KiB`.
pub fn size(bytes: u64) -> String {
    if bytes >= 1 << 20 && bytes.is_multiple_of(1 << 20) {
        format!("{} MiB", bytes >> 20)
    } else {
        format!("{} KiB", bytes.div_ceil(1024))
    }
}

/// Read a regular file (following symbolic links) of at most `limit` bytes as UTF-8 text.
pub fn read_text(path: &Path, limit: u64) -> Result<String, ReadError> {
    let bytes = read_bytes(path, limit)?;
    String::from_utf8(bytes).map_err(|e| {
        let bytes = e.as_bytes();
        let bad = e.utf8_error().valid_up_to();
        ReadError::NotUtf8 {
            line: 1 + bytes[..bad].iter().filter(|&&b| b == b'\n').count(),
            utf16: bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]),
        }
    })
}

/// Read a regular file (following symbolic links) of at most `limit` bytes.
pub fn read_bytes(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let meta = std::fs::metadata(path).map_err(not_found_or_io)?;
    if !meta.is_file() {
        return Err(ReadError::NotAFile(kind_of(&meta)));
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge { limit });
    }
    let file = open_nonblocking(path).map_err(not_found_or_io)?;
    // The file may have been swapped since it was looked at: check what was opened.
    let opened = file.metadata().map_err(ReadError::Io)?;
    if !opened.is_file() {
        return Err(ReadError::NotAFile(kind_of(&opened)));
    }
    let mut bytes = Vec::with_capacity(opened.len().min(limit) as usize);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { limit });
    }
    Ok(bytes)
}

/// What kind of thing a non-file is, in words.
pub fn kind_of(meta: &std::fs::Metadata) -> &'static str {
    let kind = meta.file_type();
    if kind.is_dir() {
        return "a folder";
    }
    if kind.is_symlink() {
        return "a symbolic link";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    "not a regular file"
}

fn not_found_or_io(e: std::io::Error) -> ReadError {
    if e.kind() == std::io::ErrorKind::NotFound {
        ReadError::Missing
    } else {
        ReadError::Io(e)
    }
}

/// Open for reading without ever blocking: opening a named pipe would wait for a writer.
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32);
    }
    options.open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_regular_files_within_the_limit_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.txt");
        std::fs::write(&file, "hello\n").unwrap();
        assert_eq!(read_text(&file, 100).unwrap(), "hello\n");
        assert!(matches!(
            read_text(&file, 3),
            Err(ReadError::TooLarge { limit: 3 })
        ));
        assert!(matches!(
            read_text(dir.path(), 100),
            Err(ReadError::NotAFile("a folder"))
        ));
        assert!(matches!(
            read_text(&dir.path().join("gone"), 100),
            Err(ReadError::Missing)
        ));
    }

    #[test]
    fn encodings_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let latin1 = dir.path().join("l.txt");
        std::fs::write(&latin1, b"one\ntwo\ncaf\xe9\n").unwrap();
        let e = read_text(&latin1, 100).unwrap_err();
        assert!(e.describe().contains("line 3"), "{}", e.describe());
        let utf16 = dir.path().join("u.txt");
        std::fs::write(&utf16, b"\xff\xfea\x00").unwrap();
        assert!(
            read_text(&utf16, 100)
                .unwrap_err()
                .describe()
                .contains("UTF-16")
        );
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_pipes_are_refused_without_waiting() {
        assert!(matches!(
            read_text(Path::new("/dev/zero"), 100),
            Err(ReadError::NotAFile("a device"))
        ));
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            assert!(matches!(
                read_text(&fifo, 100),
                Err(ReadError::NotAFile("a named pipe (FIFO)"))
            ));
        }
    }
}
