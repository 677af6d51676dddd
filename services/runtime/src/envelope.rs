//! Who runs a command, for which council, and on what basis: everything about a command except
//! the command itself.

use civic_eventstore::{Actor, TenantId};
use uuid::Uuid;

/// A command's envelope. Every edge builds one per command; [`crate::Runtime::run`] stamps the
/// date and hands it to the application layer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Envelope {
    /// The council whose log the command is for.
    pub tenant: TenantId,
    /// The idempotency key: the same id again returns the original result.
    pub command_id: Uuid,
    /// Who issues it.
    pub actor: Actor,
    /// The version of the command's stream the caller decided on, if it wants the command refused
    /// when the stream has moved since.
    pub expected_version: Option<u64>,
    /// The request, import run or job the command belongs to.
    pub correlation_id: Uuid,
    /// The command or event that caused this one, if any.
    pub causation_id: Option<Uuid>,
}

impl Envelope {
    /// An envelope for `actor`'s command `command_id` in `tenant`: no expected version, and its
    /// own correlation (a command that starts a chain correlates with itself).
    pub fn new(tenant: TenantId, actor: Actor, command_id: Uuid) -> Self {
        Self {
            tenant,
            command_id,
            actor,
            expected_version: None,
            correlation_id: command_id,
            causation_id: None,
        }
    }

    /// The same envelope, refused if the stream is not at `version` (when given).
    pub fn expecting(mut self, version: Option<u64>) -> Self {
        self.expected_version = version;
        self
    }

    /// The same envelope, as part of `correlation_id`'s request or job.
    pub fn correlated_with(mut self, correlation_id: Uuid) -> Self {
        self.correlation_id = correlation_id;
        self
    }
}
