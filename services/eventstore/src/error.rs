//! The store's errors: one small enum shared by every backend.

use crate::types::StreamName;

/// A value that cannot be stored, with the field it concerns.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field} {reason}")]
pub struct InvalidInput {
    /// Which value was refused.
    pub field: &'static str,
    /// Why, in words a clerk can act on.
    pub reason: String,
}

impl InvalidInput {
    /// A refusal of `field` for `reason`.
    pub fn new(field: &'static str, reason: impl Into<String>) -> Self {
        Self {
            field,
            reason: reason.into(),
        }
    }
}

/// Why an append or a read failed. Nothing is ever half-written: every error leaves the log as it
/// was.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The stream is not at the expected version: someone else wrote first. The edge reports
    /// CONFLICT; the caller re-reads the stream and decides again.
    #[error("stream {stream} is at version {actual}, not the expected {expected}")]
    Conflict {
        /// The stream written to.
        stream: StreamName,
        /// The version the writer expected.
        expected: u64,
        /// The version the stream is at.
        actual: u64,
    },
    /// The command id was already used for a different stream. The edge reports BAD_USER_INPUT:
    /// an idempotency key names one command only.
    #[error("command id {command_id} was already used for another command (on {original_stream})")]
    CommandIdReused {
        /// The reused command id.
        command_id: uuid::Uuid,
        /// The stream of the command that first used it.
        original_stream: StreamName,
    },
    /// Other writers kept moving the tenant's log while this append retried. The edge reports
    /// INTERNAL (HTTP 503); the client retries later with the same command id, which is safe.
    #[error("tenant {tenant}'s log is too busy; retry with the same command id")]
    Busy {
        /// The tenant whose log was contended.
        tenant: crate::types::TenantId,
    },
    /// The request cannot be stored as given. The edge reports BAD_USER_INPUT.
    #[error("invalid append: {0}")]
    InvalidInput(#[from] InvalidInput),
    /// Stored data does not read back as written (e.g. a payload that is not canonical JSON).
    /// The edge reports INTERNAL and alerts: someone changed the database behind the store.
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
    /// The database failed or could not be reached. The edge reports INTERNAL (or 503 for
    /// readiness); the operation may be retried with the same command id.
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
}
