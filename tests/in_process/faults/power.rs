//! `PowerCutDirectory`: a tantivy `Directory` over `MmapDirectory` that
//! keeps a shadow of what a power cut could leave on disk at every moment
//! (RELIABILITY.md A9, after Lucene's `MockDirectoryWrapper.crash()` and
//! SQLite's crash-test VFS). The ingest runs for real; after each operation
//! the shadow is recorded, and `Snapshot::materialise` later writes a crash
//! image of that moment into a folder.
//!
//! The model of the disk: a file's bytes are durable up to its last sync
//! (tantivy syncs a file when it closes it; `atomic_write` syncs the temp
//! file before renaming it into place); names created, renamed or deleted
//! since the last `sync_directory` are pending, and a power cut keeps a
//! prefix of the pending name operations in order (a journaling file
//! system commits metadata in order). Bytes written and not synced suffer
//! one of Lucene's six damages: kept, dropped, zeroed, cut in half, one bit
//! flipped, or the file never created.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    AntiCallToken, Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, TerminatingWrite,
    WatchCallback, WatchHandle, WritePtr,
};

/// A file's length at one moment and how many of its bytes were synced.
/// Files are only appended to, so the bytes themselves are kept once, in
/// `Shadow::data`, and a moment's contents are a prefix of them.
#[derive(Debug, Clone, Copy, Default)]
struct Inode {
    len: usize,
    synced: usize,
}

#[derive(Debug, Clone)]
enum NameOp {
    /// A name now points at an inode (a new file, or a rename over one).
    Link(PathBuf, usize),
    Unlink(PathBuf),
}

/// What the disk could hold at one moment.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    /// The operation just done, for messages.
    pub after: String,
    names: BTreeMap<PathBuf, usize>,
    pending: Vec<NameOp>,
    inodes: Vec<Inode>,
    /// Every inode's bytes (filled in by `PowerCutDirectory::snapshots`).
    data: Arc<Vec<Vec<u8>>>,
}

/// A small deterministic generator (xorshift64*).
pub struct Dice(pub u64);

impl Dice {
    pub fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n.max(1) as u64) as usize
    }
}

impl Snapshot {
    /// Write a crash image of this moment into `dir` (which must exist and
    /// be empty) and say what the power cut did.
    pub fn materialise(&self, dir: &Path, dice: &mut Dice) -> io::Result<String> {
        let kept = dice.below(self.pending.len() + 1);
        let mut names = self.names.clone();
        for op in &self.pending[..kept] {
            match op {
                NameOp::Link(path, inode) => {
                    names.insert(path.clone(), *inode);
                }
                NameOp::Unlink(path) => {
                    names.remove(path);
                }
            }
        }
        let mut damages = Vec::new();
        for (name, inode) in &names {
            let id = *inode;
            let inode = &self.inodes[id];
            let mut bytes = self.data[id][..inode.len].to_vec();
            if inode.synced < bytes.len() {
                let tail = bytes.len() - inode.synced;
                let what = match dice.below(6) {
                    0 => "kept".to_string(),
                    1 => {
                        bytes.truncate(inode.synced);
                        "dropped".to_string()
                    }
                    2 => {
                        bytes[inode.synced..].fill(0);
                        "zeroed".to_string()
                    }
                    3 => {
                        bytes.truncate(inode.synced + tail / 2);
                        "cut in half".to_string()
                    }
                    4 => {
                        let at = inode.synced + dice.below(tail);
                        bytes[at] ^= 1 << dice.below(8);
                        format!("bit flipped at {at}")
                    }
                    _ if inode.synced == 0 => {
                        damages.push(format!("{}: never created", name.display()));
                        continue;
                    }
                    _ => {
                        bytes.truncate(inode.synced);
                        "dropped".to_string()
                    }
                };
                damages.push(format!("{}: {tail} unsynced bytes {what}", name.display()));
            }
            std::fs::write(dir.join(name), bytes)?;
        }
        Ok(format!(
            "cut after {}, {kept} of {} pending name changes kept{}{}",
            self.after,
            self.pending.len(),
            if damages.is_empty() { "" } else { "; " },
            damages.join("; ")
        ))
    }
}

#[derive(Debug, Default)]
struct Shadow {
    now: Snapshot,
    history: Vec<Snapshot>,
    data: Vec<Vec<u8>>,
}

impl Shadow {
    fn record(&mut self, after: String) {
        self.now.after = after;
        self.history.push(self.now.clone());
    }

    fn link(&mut self, path: &Path, bytes: Vec<u8>, synced: bool) -> usize {
        let len = bytes.len();
        self.data.push(bytes);
        self.now.inodes.push(Inode {
            len,
            synced: if synced { len } else { 0 },
        });
        let id = self.now.inodes.len() - 1;
        self.now.pending.push(NameOp::Link(path.to_path_buf(), id));
        id
    }
}

#[derive(Clone)]
pub struct PowerCutDirectory {
    inner: MmapDirectory,
    shadow: Arc<Mutex<Shadow>>,
    /// The negative control: closes are taken as not syncing (a disk that
    /// lies about fsync), so crash images can hold committed files whose
    /// bytes were lost. The harness must then see damage.
    lying_disk: bool,
}

impl std::fmt::Debug for PowerCutDirectory {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PowerCutDirectory")
    }
}

/// Lock files are empty and re-created by whoever locks; our verified-file
/// cache is written outside tantivy. Neither is part of the model.
fn modelled(name: &str) -> bool {
    !name.starts_with(".tantivy-") && name != ".claimdex-verified"
}

impl PowerCutDirectory {
    /// Wrap an index folder; what is in it now is taken as durable.
    pub fn open(path: &Path, lying_disk: bool) -> io::Result<PowerCutDirectory> {
        let mut shadow = Shadow::default();
        for entry in std::fs::read_dir(path)? {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if !entry.file_type()?.is_file() || !modelled(&name) {
                continue;
            }
            let data = std::fs::read(entry.path())?;
            let id = shadow.link(Path::new(&name), data, true);
            shadow.now.pending.clear();
            shadow.now.names.insert(PathBuf::from(name), id);
        }
        shadow.record("opening the index".to_string());
        let inner = MmapDirectory::open(path).map_err(io::Error::other)?;
        Ok(PowerCutDirectory {
            inner,
            shadow: Arc::new(Mutex::new(shadow)),
            lying_disk,
        })
    }

    /// Every moment recorded so far, in order.
    pub fn snapshots(&self) -> Vec<Snapshot> {
        let Ok(shadow) = self.shadow.lock() else {
            return Vec::new();
        };
        let data = Arc::new(shadow.data.clone());
        shadow
            .history
            .iter()
            .map(|moment| Snapshot {
                data: data.clone(),
                ..moment.clone()
            })
            .collect()
    }

    fn with_shadow(&self, change: impl FnOnce(&mut Shadow)) {
        if let Ok(mut shadow) = self.shadow.lock() {
            change(&mut shadow);
        }
    }
}

impl Directory for PowerCutDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.inner.get_file_handle(path)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.inner.delete(path)?;
        self.with_shadow(|shadow| {
            shadow.now.pending.push(NameOp::Unlink(path.to_path_buf()));
            shadow.record(format!("deleting {}", path.display()));
        });
        Ok(())
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        let wrap = |err: io::Error| OpenWriteError::wrap_io_error(err, path.to_path_buf());
        let inner = self
            .inner
            .open_write(path)?
            .into_inner()
            .map_err(|err| wrap(err.into_error()))?;
        let mut inode = None;
        self.with_shadow(|shadow| {
            inode = Some(shadow.link(path, Vec::new(), false));
            shadow.record(format!("creating {}", path.display()));
        });
        let inode = inode.ok_or_else(|| wrap(io::Error::other("shadow lock poisoned")))?;
        Ok(BufWriter::new(Box::new(ShadowWriter {
            inner,
            path: path.to_path_buf(),
            inode,
            shadow: self.shadow.clone(),
            lying_disk: self.lying_disk,
        })))
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.inner.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        self.inner.atomic_write(path, data)?;
        // The temp file is synced before the rename: its bytes are durable,
        // the rename is a pending name change.
        self.with_shadow(|shadow| {
            shadow.link(path, data.to_vec(), true);
            shadow.record(format!("renaming a new {} into place", path.display()));
        });
        Ok(())
    }

    fn sync_directory(&self) -> io::Result<()> {
        self.inner.sync_directory()?;
        self.with_shadow(|shadow| {
            for op in std::mem::take(&mut shadow.now.pending) {
                match op {
                    NameOp::Link(path, inode) => {
                        shadow.now.names.insert(path, inode);
                    }
                    NameOp::Unlink(path) => {
                        shadow.now.names.remove(&path);
                    }
                }
            }
            shadow.record("syncing the folder".to_string());
        });
        Ok(())
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        self.inner.acquire_lock(lock)
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(watch_callback)
    }
}

/// A file being written: its bytes go to disk and to the shadow inode; the
/// close syncs them (as `MmapDirectory`'s writer does).
struct ShadowWriter {
    inner: Box<dyn TerminatingWrite + Send + Sync>,
    path: PathBuf,
    inode: usize,
    shadow: Arc<Mutex<Shadow>>,
    lying_disk: bool,
}

impl Write for ShadowWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let written = self.inner.write(buf)?;
        if let Ok(mut shadow) = self.shadow.lock() {
            shadow.data[self.inode].extend_from_slice(&buf[..written]);
            shadow.now.inodes[self.inode].len += written;
            let after = format!("writing {} bytes to {}", written, self.path.display());
            shadow.record(after);
        }
        Ok(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl TerminatingWrite for ShadowWriter {
    fn terminate_ref(&mut self, token: AntiCallToken) -> io::Result<()> {
        self.inner.terminate_ref(token)?;
        if let Ok(mut shadow) = self.shadow.lock() {
            if !self.lying_disk {
                let inode = &mut shadow.now.inodes[self.inode];
                inode.synced = inode.len;
            }
            shadow.record(format!("closing (syncing) {}", self.path.display()));
        }
        Ok(())
    }
}
