//! Writing the site: refuse dangerous output folders, render into a staging folder beside the
//! output while holding the output's lock, then swap it in whole. A failed or killed build
//! never touches the previous output, and the next build clears what a killed one left.

mod guard;
mod layout;
mod lock;
mod mount;
mod staging;
mod stale;
mod swap;

pub use guard::check_dest;
pub use layout::{Layout, spare_of};
pub use lock::OutputLock;
pub use staging::{MARKER_FILE, StagedFile, Staging, write_atomically};
pub use stale::{Preview, claim_preview};

use std::path::PathBuf;

/// One file of the built site.
#[derive(Debug, Clone)]
pub struct OutputFile {
    /// Path relative to the output folder, `/`-separated.
    pub path: String,
    pub data: OutputData,
}

#[derive(Debug, Clone)]
pub enum OutputData {
    Bytes(Vec<u8>),
    /// Copied from this file when the site is written.
    Copy(PathBuf),
}

impl OutputFile {
    pub fn new(path: impl Into<String>, bytes: Vec<u8>) -> Self {
        Self {
            path: path.into(),
            data: OutputData::Bytes(bytes),
        }
    }

    pub fn copy(path: impl Into<String>, from: PathBuf) -> Self {
        Self {
            path: path.into(),
            data: OutputData::Copy(from),
        }
    }

    /// Bytes to write (0 for a copied file).
    pub fn len(&self) -> usize {
        match &self.data {
            OutputData::Bytes(b) => b.len(),
            OutputData::Copy(_) => 0,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
