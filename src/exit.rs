//! Outcomes of a command and the exit codes they map to (documented in
//! `cli::EXIT_CODES_HELP`).

use std::process::ExitCode;

/// What a command ended with, when it did not fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Something was found / the check passed: exit 0.
    Success,
    /// Nothing found, a negative verdict, or some files skipped: exit 1.
    Negative,
}

impl From<Outcome> for ExitCode {
    fn from(outcome: Outcome) -> Self {
        match outcome {
            Outcome::Success => ExitCode::SUCCESS,
            Outcome::Negative => ExitCode::from(1),
        }
    }
}

/// Exit code for bad usage and general errors.
pub const ERROR: u8 = 2;
/// Exit code when another process holds the index writer lock.
pub const INDEX_LOCKED: u8 = 3;
/// Exit code when the index is missing, damaged or of another schema version.
pub const INDEX_DAMAGED: u8 = 4;
/// Exit code when a claim's source file changed since ingest.
pub const SOURCE_CHANGED: u8 = 5;

/// True when the error chain holds a broken pipe (output piped into `head`):
/// that ends the program quietly and successfully.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// The exit code for an error: the typed errors of [`crate::error::Error`]
/// carry their own, everything else is 2.
pub fn code_for(err: &anyhow::Error) -> u8 {
    err.chain()
        .find_map(|cause| cause.downcast_ref::<crate::error::Error>())
        .map_or(ERROR, crate::error::Error::exit_code)
}
