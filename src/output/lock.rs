//! One build at a time per output folder: every build holds an exclusive lock on the output's
//! lock file from the moment it starts writing until its output is in place (or given up). A
//! second build waits, saying so. The system releases the lock when a process ends, however
//! it ends, so a killed build never leaves a stale lock.

use std::fs::{File, OpenOptions, TryLockError};
use std::io;
use std::path::Path;

/// Held while a build writes; dropping it lets the next build in.
#[derive(Debug)]
pub struct OutputLock {
    _file: File,
}

impl OutputLock {
    /// Take the lock, waiting for another build that holds it.
    pub fn acquire(path: &Path, dest: &Path) -> io::Result<OutputLock> {
        let file = OpenOptions::new()
            .create(true)
            .write(true)
            .truncate(false)
            .open(path)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                tracing::warn!(
                    "another carebook build is writing {}; waiting for it to finish",
                    dest.display()
                );
                file.lock()?;
            }
            Err(TryLockError::Error(e)) => return Err(e),
        }
        Ok(OutputLock { _file: file })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_holder_waits_until_the_first_lets_go() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".public.carebook-lock");
        let first = OutputLock::acquire(&path, dir.path()).unwrap();
        let (sent, got) = std::sync::mpsc::channel();
        let waiter = {
            let path = path.clone();
            let dest = dir.path().to_path_buf();
            std::thread::spawn(move || {
                let _second = OutputLock::acquire(&path, &dest).unwrap();
                sent.send(()).unwrap();
            })
        };
        // Not a timing test: the second holder must not have the lock while the first does.
        assert!(
            got.recv_timeout(std::time::Duration::from_millis(200))
                .is_err()
        );
        drop(first);
        got.recv().unwrap();
        waiter.join().unwrap();
    }
}
