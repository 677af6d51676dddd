//! The SHA-256 hash chain over each tenant's log.
//!
//! `docs/audit-chain.md` is the public specification of [`hash_input`]; the two must change
//! together, and only by introducing a new chain version.

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::types::RecordedEvent;

/// What the first event of every tenant's log chains to: 64 zeros.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The first line of every hash input; a future chain format would change it.
pub const CHAIN_VERSION: &str = "civic-register-event-v1";

/// The fields of one event that the chain covers, borrowed from wherever they live.
#[derive(Debug, Clone, Copy)]
pub struct ChainFields<'a> {
    /// Tenant id.
    pub tenant: Uuid,
    /// Position in the tenant's log.
    pub position: u64,
    /// Event id.
    pub event_id: Uuid,
    /// Stream name.
    pub stream: &'a str,
    /// Version in the stream.
    pub stream_version: u64,
    /// Event type.
    pub event_type: &'a str,
    /// Schema version.
    pub schema_version: u16,
    /// Recorded time.
    pub recorded_at: DateTime<Utc>,
    /// Actor.
    pub actor: &'a str,
    /// Command id.
    pub command_id: Uuid,
    /// Causation id, if any.
    pub causation_id: Option<Uuid>,
    /// Correlation id.
    pub correlation_id: Uuid,
    /// Hash of the previous event in the tenant's log, or [`GENESIS_HASH`].
    pub previous_hash: &'a str,
    /// Canonical JSON payload.
    pub payload: &'a str,
}

/// The recorded time as it appears in the hash input and in exports: RFC 3339, UTC, six
/// fractional digits, e.g. `2010-06-11T09:30:00.000000Z`.
pub fn format_recorded_at(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}

/// The exact bytes hashed for one event: its fields, one per line, payload last.
pub fn hash_input(fields: &ChainFields<'_>) -> String {
    let causation = fields
        .causation_id
        .map(|id| id.to_string())
        .unwrap_or_default();
    [
        CHAIN_VERSION.to_owned(),
        fields.tenant.to_string(),
        fields.position.to_string(),
        fields.event_id.to_string(),
        fields.stream.to_owned(),
        fields.stream_version.to_string(),
        fields.event_type.to_owned(),
        fields.schema_version.to_string(),
        format_recorded_at(fields.recorded_at),
        fields.actor.to_owned(),
        fields.command_id.to_string(),
        causation,
        fields.correlation_id.to_string(),
        fields.previous_hash.to_owned(),
        fields.payload.to_owned(),
    ]
    .join("\n")
}

/// SHA-256 of [`hash_input`], lower-case hex.
pub fn event_hash(fields: &ChainFields<'_>) -> String {
    hex::encode(Sha256::digest(hash_input(fields).as_bytes()))
}

impl RecordedEvent {
    /// This event's chain fields, given the hash of the event before it.
    pub fn chain_fields<'a>(&'a self, previous_hash: &'a str) -> ChainFields<'a> {
        ChainFields {
            tenant: self.tenant.as_uuid(),
            position: self.position,
            event_id: self.event_id,
            stream: self.stream.as_str(),
            stream_version: self.stream_version,
            event_type: self.event_type.as_str(),
            schema_version: self.schema_version,
            recorded_at: self.recorded_at,
            actor: self.actor.as_str(),
            command_id: self.command_id,
            causation_id: self.causation_id,
            correlation_id: self.correlation_id,
            previous_hash,
            payload: self.payload.as_str(),
        }
    }
}

/// What is wrong with a stretch of a tenant's log.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChainBreak {
    /// An event of another tenant's log appears in this one.
    #[error("event at position {position} belongs to tenant {found}, not {expected}")]
    ForeignEvent {
        /// Its position.
        position: u64,
        /// The tenant of the log being verified.
        expected: uuid::Uuid,
        /// The tenant the event names.
        found: uuid::Uuid,
    },
    /// A position is missing or out of order: the log is not gapless.
    #[error("expected position {expected} but found {found}")]
    Gap {
        /// The position that should come next.
        expected: u64,
        /// The position found instead.
        found: u64,
    },
    /// The stored hash is not the hash of the stored fields: the event or its predecessor changed.
    #[error("event at position {position} has hash {stored} but its contents hash to {computed}")]
    HashMismatch {
        /// Position of the event whose hash does not match.
        position: u64,
        /// The hash stored with it.
        stored: String,
        /// The hash recomputed from its fields.
        computed: String,
    },
}

/// Walks a tenant's log incrementally, checking positions and hashes as events arrive, so an
/// arbitrarily long log is verified page by page in constant memory.
#[derive(Debug, Clone)]
pub struct ChainVerifier {
    tenant: Option<Uuid>,
    next_position: u64,
    previous_hash: String,
}

impl Default for ChainVerifier {
    fn default() -> Self {
        Self {
            tenant: None,
            next_position: 1,
            previous_hash: GENESIS_HASH.to_owned(),
        }
    }
}

impl ChainVerifier {
    /// Checks the next event of the log.
    pub fn check(&mut self, event: &RecordedEvent) -> Result<(), ChainBreak> {
        let tenant = *self.tenant.get_or_insert(event.tenant.as_uuid());
        if event.tenant.as_uuid() != tenant {
            return Err(ChainBreak::ForeignEvent {
                position: event.position,
                expected: tenant,
                found: event.tenant.as_uuid(),
            });
        }
        if event.position != self.next_position {
            return Err(ChainBreak::Gap {
                expected: self.next_position,
                found: event.position,
            });
        }
        let computed = event_hash(&event.chain_fields(&self.previous_hash));
        if computed != event.hash {
            return Err(ChainBreak::HashMismatch {
                position: event.position,
                stored: event.hash.clone(),
                computed,
            });
        }
        self.next_position += 1;
        self.previous_hash = computed;
        Ok(())
    }

    /// The position and hash of the last event checked (0 and the genesis hash before any).
    pub fn head(&self) -> (u64, &str) {
        (self.next_position - 1, &self.previous_hash)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn sample() -> ChainFields<'static> {
        ChainFields {
            tenant: Uuid::from_u128(1),
            position: 1,
            event_id: Uuid::from_u128(2),
            stream: "decision/x",
            stream_version: 1,
            event_type: "DecisionRecorded",
            schema_version: 1,
            recorded_at: Utc.with_ymd_and_hms(2010, 6, 11, 9, 30, 0).unwrap(),
            actor: "user:clerk",
            command_id: Uuid::from_u128(3),
            causation_id: None,
            correlation_id: Uuid::from_u128(4),
            previous_hash: GENESIS_HASH,
            payload: r#"{"title":"Information Strategy 2010 - 13"}"#,
        }
    }

    #[test]
    fn the_hash_input_is_one_field_per_line_with_the_payload_last() {
        let input = hash_input(&sample());
        let lines: Vec<&str> = input.split('\n').collect();
        assert_eq!(lines.len(), 15);
        assert_eq!(lines[0], CHAIN_VERSION);
        assert_eq!(lines[1], "00000000-0000-0000-0000-000000000001");
        assert_eq!(lines[8], "2010-06-11T09:30:00.000000Z");
        assert_eq!(lines[11], "");
        assert_eq!(lines[14], r#"{"title":"Information Strategy 2010 - 13"}"#);
    }

    #[test]
    fn the_hash_is_stable_and_documented() {
        // The same value appears in docs/audit-chain.md as a worked example.
        assert_eq!(
            event_hash(&sample()),
            "b69e6c7c7c3b06398a4e3e72561f912eecb4aa36d417fafe0c7ca43d8fa10cd2"
        );
    }

    #[test]
    fn any_change_to_a_field_changes_the_hash() {
        let base = event_hash(&sample());
        let mut changed = sample();
        changed.actor = "user:someone-else";
        assert_ne!(event_hash(&changed), base);
        let mut changed = sample();
        changed.previous_hash = "1111111111111111111111111111111111111111111111111111111111111111";
        assert_ne!(event_hash(&changed), base);
    }
}
