//! Errors a caller can branch on, each with its exit code. Everything else
//! travels as `anyhow::Error` and exits with 2.

use crate::exit;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A bad query: the message names the problem and its position.
    #[error("bad query at position {position}: {message}")]
    Query { position: usize, message: String },
    /// Bad usage that clap cannot catch (a malformed date, an unknown style).
    #[error("{0}")]
    Usage(String),
    /// Another ingest holds the writer lock.
    #[error("the index is locked by another ingest (the index is being written by another process); try again when it has finished")]
    IndexLocked,
    /// The index cannot be trusted.
    #[error("{0}; run `claimdex ingest --rebuild` to rebuild the index from corpus/")]
    IndexDamaged(String),
    /// The index was written with another schema version: whole, but not
    /// readable by this claimdex (same exit code as damage: the remedy is
    /// the same rebuild).
    #[error("{0}; run `claimdex ingest --rebuild` to rebuild the index from corpus/")]
    IndexOutdated(String),
    /// The source file of a claim changed since it was ingested.
    #[error("source changed since ingest: {0}; run `claimdex ingest` to re-read it")]
    SourceChanged(String),
    /// No archive folder was found.
    #[error("no archive found: {0}")]
    NoArchive(String),
}

impl Error {
    /// What is wrong with the index, without the advice to rebuild, when
    /// this is an index error.
    pub fn index_problem(&self) -> Option<&str> {
        match self {
            Error::IndexDamaged(what) | Error::IndexOutdated(what) => Some(what),
            _ => None,
        }
    }

    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Query { .. } | Error::Usage(_) | Error::NoArchive(_) => exit::ERROR,
            Error::IndexLocked => exit::INDEX_LOCKED,
            Error::IndexDamaged(_) | Error::IndexOutdated(_) => exit::INDEX_DAMAGED,
            Error::SourceChanged(_) => exit::SOURCE_CHANGED,
        }
    }
}
