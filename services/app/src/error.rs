//! Why a command was not recorded. Nothing is ever half-written: every error leaves the log as it
//! was.

use civic_domain::{DecodeError, DomainError};
use civic_eventstore::{InvalidInput, StoreError};

/// Why running a command failed.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The domain refused the command (a broken rule, an unknown aggregate, an invalid
    /// transition). The edge maps it by [`DomainError::kind`]: BAD_USER_INPUT or NOT_FOUND.
    #[error(transparent)]
    Domain(#[from] DomainError),
    /// The stream is not at the version the caller expected: someone else changed it. The edge
    /// reports CONFLICT; the client re-reads and decides again.
    #[error("{stream} is at version {actual}, not the expected {expected}")]
    Conflict {
        /// The aggregate's stream.
        stream: String,
        /// The version the caller expected.
        expected: u64,
        /// The version it is at.
        actual: u64,
    },
    /// The command id was already used for another command. The edge reports BAD_USER_INPUT.
    #[error("command id {command_id} was already used for {original_stream}")]
    CommandIdReused {
        /// The reused id.
        command_id: uuid::Uuid,
        /// The stream of the command that first used it.
        original_stream: String,
    },
    /// The domain accepted the command but it changes nothing. The edge reports BAD_USER_INPUT.
    #[error("the command changes nothing")]
    NoChange,
    /// A stored event does not decode: the log holds something this version cannot read. The
    /// edge reports INTERNAL and alerts.
    #[error("the event at position {position} cannot be read: {source}")]
    Decode {
        /// Its position in the tenant's log.
        position: u64,
        /// Why.
        source: DecodeError,
    },
    /// A domain event could not be encoded for storage (a bug). The edge reports INTERNAL.
    #[error("an event could not be encoded: {0}")]
    Encode(InvalidInput),
    /// The store failed. The edge reports INTERNAL; retrying with the same command id is safe.
    #[error(transparent)]
    Store(StoreError),
}

impl From<StoreError> for AppError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::Conflict {
                stream,
                expected,
                actual,
            } => Self::Conflict {
                stream: stream.to_string(),
                expected,
                actual,
            },
            StoreError::CommandIdReused {
                command_id,
                original_stream,
            } => Self::CommandIdReused {
                command_id,
                original_stream: original_stream.to_string(),
            },
            other => Self::Store(other),
        }
    }
}
