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
    /// The source file of a claim changed since it was ingested.
    #[error("source changed since ingest: {0}; run `claimdex ingest` to re-read it")]
    SourceChanged(String),
    /// No archive folder was found.
    #[error("no archive found: {0}")]
    NoArchive(String),
}

impl Error {
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Query { .. } | Error::Usage(_) | Error::NoArchive(_) => exit::ERROR,
            Error::IndexLocked => exit::INDEX_LOCKED,
            Error::IndexDamaged(_) => exit::INDEX_DAMAGED,
            Error::SourceChanged(_) => exit::SOURCE_CHANGED,
        }
    }
}
