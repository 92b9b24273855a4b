//! A request that could not be answered: its HTTP status, the message (the
//! same words the CLI prints) and the exit code the CLI would have given,
//! so a page and the API say what `claimdex` would say.

use crate::exit;
use axum::http::StatusCode;

#[derive(Debug, Clone)]
pub struct Failure {
    pub status: StatusCode,
    pub message: String,
    /// The exit code the same request would give on the command line.
    pub exit_code: u8,
}

impl Failure {
    /// A request the user can correct (a bad query, a malformed date).
    pub fn bad_request(message: impl Into<String>) -> Failure {
        Failure {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
            exit_code: exit::ERROR,
        }
    }

    /// Nothing in the archive has this id.
    pub fn not_found(message: impl Into<String>) -> Failure {
        Failure {
            status: StatusCode::NOT_FOUND,
            message: message.into(),
            exit_code: 1,
        }
    }

    /// Every turn at the index was taken for too long.
    pub fn busy() -> Failure {
        Failure {
            status: StatusCode::SERVICE_UNAVAILABLE,
            message: "the server is busy: too many requests are waiting for the index; try again"
                .to_string(),
            exit_code: exit::ERROR,
        }
    }

    pub fn internal(message: impl Into<String>) -> Failure {
        Failure {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: message.into(),
            exit_code: exit::ERROR,
        }
    }
}

/// A library error as the CLI would report it: a bad query or usage is the
/// user's to fix (400), a locked, damaged or outdated index is the server's
/// state (503), a changed source is a conflict with what was ingested (409).
impl From<anyhow::Error> for Failure {
    fn from(err: anyhow::Error) -> Failure {
        let exit_code = exit::code_for(&err);
        let status = match exit_code {
            exit::ERROR if is_usage(&err) => StatusCode::BAD_REQUEST,
            exit::INDEX_LOCKED | exit::INDEX_DAMAGED => StatusCode::SERVICE_UNAVAILABLE,
            exit::SOURCE_CHANGED => StatusCode::CONFLICT,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        Failure {
            status,
            message: format!("{err:#}"),
            exit_code,
        }
    }
}

impl From<crate::error::Error> for Failure {
    fn from(err: crate::error::Error) -> Failure {
        Failure::from(anyhow::Error::from(err))
    }
}

fn is_usage(err: &anyhow::Error) -> bool {
    use crate::error::Error;
    err.chain().any(|cause| {
        matches!(
            cause.downcast_ref::<Error>(),
            Some(Error::Query { .. } | Error::Usage(_))
        )
    })
}
