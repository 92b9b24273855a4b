//! `FaultyDirectory`: a tantivy `Directory` over `MmapDirectory` that counts
//! every operation (opens, reads of whole files, writes, flushes, file
//! closes, atomic writes, deletes, syncs, locks) and injects an I/O error at
//! a chosen one (before it runs, once or from then on; or after it took
//! effect, once), or runs out of space after a byte
//! budget (`ErrorKind::StorageFull`, with a short write first, as a real
//! full disk does). Modelled on Lucene's `MockDirectoryWrapper` and SQLite's
//! test VFS (RELIABILITY.md §4 H1). Shared by `tests/faults.rs` and
//! `tests/ingest_model.rs`.
#![allow(dead_code)]

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering::SeqCst};
use std::sync::{Arc, Mutex};
use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    AntiCallToken, Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, TerminatingWrite,
    WatchCallback, WatchHandle, WritePtr,
};

/// Where the faults fall.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plan {
    /// No fault: count operations and bytes only.
    Count,
    /// The k-th operation (1-based) fails; the others succeed.
    FailOnce(u64),
    /// The k-th operation and every one after it fail.
    FailFrom(u64),
    /// The k-th operation takes effect, then reports an error (a write
    /// that landed, a `meta.json` renamed into place, a file deleted, all
    /// reported as failed).
    FailOnceAfter(u64),
    /// Writes succeed until this many bytes are written; then the disk is full.
    ByteBudget(u64),
}

#[derive(Debug)]
struct State {
    plan: Plan,
    ops: AtomicU64,
    bytes: AtomicU64,
    faults: AtomicU64,
    first_fault: Mutex<Option<String>>,
}

impl State {
    /// Count one operation: `Err` when it must fail before it runs,
    /// `Ok(Some(error))` when it must run and then report `error`.
    fn op(&self, what: &str, path: &Path) -> io::Result<Option<io::Error>> {
        let k = self.ops.fetch_add(1, SeqCst) + 1;
        let (fail, after) = match self.plan {
            Plan::FailOnce(n) => (k == n, false),
            Plan::FailFrom(n) => (k >= n, false),
            Plan::FailOnceAfter(n) => (k == n, true),
            Plan::Count | Plan::ByteBudget(_) => (false, false),
        };
        if !fail {
            return Ok(None);
        }
        let when = if after { "after" } else { "at" };
        let message = format!(
            "injected I/O error {when} op {k}: {what} {}",
            path.display()
        );
        self.fault(&message);
        let error = io::Error::other(message);
        if after {
            Ok(Some(error))
        } else {
            Err(error)
        }
    }

    /// How many of `wanted` bytes fit in the budget; `StorageFull` when none do.
    fn room(&self, wanted: usize, path: &Path) -> io::Result<usize> {
        let Plan::ByteBudget(budget) = self.plan else {
            return Ok(wanted);
        };
        let written = self.bytes.load(SeqCst);
        let left = budget.saturating_sub(written);
        if wanted > 0 && left == 0 {
            let message = format!(
                "injected disk full after {written} bytes, writing {}",
                path.display()
            );
            self.fault(&message);
            return Err(io::Error::new(io::ErrorKind::StorageFull, message));
        }
        Ok(wanted.min(usize::try_from(left).unwrap_or(usize::MAX)))
    }

    fn fault(&self, message: &str) {
        self.faults.fetch_add(1, SeqCst);
        let mut first = self.first_fault.lock().unwrap_or_else(|p| p.into_inner());
        first.get_or_insert_with(|| message.to_string());
    }
}

/// The result of an operation that ran, turned into the error planned
/// for after it (when there is one).
fn then<T, E>(
    result: Result<T, E>,
    after: Option<io::Error>,
    wrap: impl FnOnce(io::Error) -> E,
) -> Result<T, E> {
    match (result, after) {
        (Ok(_), Some(error)) => Err(wrap(error)),
        (result, _) => result,
    }
}

/// A `MmapDirectory` with injected faults (see the module doc).
#[derive(Debug, Clone)]
pub struct FaultyDirectory {
    inner: MmapDirectory,
    state: Arc<State>,
}

impl FaultyDirectory {
    pub fn open(path: &Path, plan: Plan) -> FaultyDirectory {
        FaultyDirectory {
            inner: MmapDirectory::open(path).expect("open the index folder"),
            state: Arc::new(State {
                plan,
                ops: AtomicU64::new(0),
                bytes: AtomicU64::new(0),
                faults: AtomicU64::new(0),
                first_fault: Mutex::new(None),
            }),
        }
    }

    /// A handle on the counters that outlives the directory's move into an `Index`.
    pub fn counters(&self) -> Counters {
        Counters(self.state.clone())
    }
}

/// Operations, bytes and injected faults so far.
#[derive(Debug, Clone)]
pub struct Counters(Arc<State>);

impl Counters {
    pub fn ops(&self) -> u64 {
        self.0.ops.load(SeqCst)
    }
    pub fn bytes(&self) -> u64 {
        self.0.bytes.load(SeqCst)
    }
    pub fn faults(&self) -> u64 {
        self.0.faults.load(SeqCst)
    }
    pub fn first_fault(&self) -> Option<String> {
        self.0
            .first_fault
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }
}

impl Directory for FaultyDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        let wrap = |err| OpenReadError::wrap_io_error(err, path.to_path_buf());
        let after = self.state.op("open for reading", path).map_err(wrap)?;
        then(self.inner.get_file_handle(path), after, wrap)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        let wrap = |err| DeleteError::IoError {
            io_error: Arc::new(err),
            filepath: path.to_path_buf(),
        };
        let after = self.state.op("delete", path).map_err(wrap)?;
        then(self.inner.delete(path), after, wrap)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        let wrap = |err| OpenReadError::wrap_io_error(err, path.to_path_buf());
        let after = self.state.op("exists", path).map_err(wrap)?;
        then(self.inner.exists(path), after, wrap)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        let wrap = |err| OpenWriteError::wrap_io_error(err, path.to_path_buf());
        let after = self.state.op("open for writing", path).map_err(wrap)?;
        let inner = self
            .inner
            .open_write(path)?
            .into_inner()
            .map_err(|err| wrap(err.into_error()))?;
        let writer: WritePtr = BufWriter::new(Box::new(FaultyWriter {
            inner,
            path: path.to_path_buf(),
            state: self.state.clone(),
        }));
        then(Ok(writer), after, wrap)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        let wrap = |err| OpenReadError::wrap_io_error(err, path.to_path_buf());
        let after = self.state.op("atomic read", path).map_err(wrap)?;
        then(self.inner.atomic_read(path), after, wrap)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        let after = self.state.op("atomic write", path)?;
        // All or nothing: a partial temp file is never renamed into place.
        if self.state.room(data.len(), path)? < data.len() {
            let message = format!("injected disk full, atomic write of {}", path.display());
            self.state.fault(&message);
            return Err(io::Error::new(io::ErrorKind::StorageFull, message));
        }
        self.inner.atomic_write(path, data)?;
        self.state.bytes.fetch_add(data.len() as u64, SeqCst);
        then(Ok(()), after, |err| err)
    }

    fn sync_directory(&self) -> io::Result<()> {
        let after = self.state.op("sync directory", Path::new("."))?;
        then(self.inner.sync_directory(), after, |err| err)
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        let after = self
            .state
            .op("lock", &lock.filepath)
            .map_err(LockError::wrap_io_error)?;
        then(
            self.inner.acquire_lock(lock),
            after,
            LockError::wrap_io_error,
        )
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(watch_callback)
    }
}

/// A file being written: each write, flush and the final close is an operation.
struct FaultyWriter {
    inner: Box<dyn TerminatingWrite + Send + Sync>,
    path: PathBuf,
    state: Arc<State>,
}

impl Write for FaultyWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let after = self.state.op("write", &self.path)?;
        let room = self.state.room(buf.len(), &self.path)?;
        let written = self.inner.write(&buf[..room])?;
        self.state.bytes.fetch_add(written as u64, SeqCst);
        then(Ok(written), after, |err| err)
    }

    fn flush(&mut self) -> io::Result<()> {
        let after = self.state.op("flush", &self.path)?;
        then(self.inner.flush(), after, |err| err)
    }
}

impl TerminatingWrite for FaultyWriter {
    fn terminate_ref(&mut self, token: AntiCallToken) -> io::Result<()> {
        let after = self.state.op("close", &self.path)?;
        then(self.inner.terminate_ref(token), after, |err| err)
    }
}
