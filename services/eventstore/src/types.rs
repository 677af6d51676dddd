//! The values an append is made of and the records a read returns.
//!
//! Every string that takes part in the hash chain is validated here, once, so that the hash input
//! of `docs/audit-chain.md` stays unambiguous (no field may contain a line break).

use crate::StoreError;
use chrono::{DateTime, SubsecRound, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::canonical_json::CanonicalJson;
use crate::error::InvalidInput;
use crate::personal::{Commitment, Disclosures, PersonalValue};

/// Which council's log an event belongs to. Every table is keyed by it first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TenantId(Uuid);

impl TenantId {
    /// A fresh, time-ordered tenant id.
    pub fn new() -> Self {
        Self(Uuid::now_v7())
    }

    /// Wraps an id read from storage or configuration.
    pub const fn from_uuid(id: Uuid) -> Self {
        Self(id)
    }

    /// The underlying UUID.
    pub const fn as_uuid(&self) -> Uuid {
        self.0
    }
}

impl Default for TenantId {
    fn default() -> Self {
        Self::new()
    }
}

impl std::fmt::Display for TenantId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// Characters that print as nothing or reorder text: an auditor reading a name must see what was
/// hashed.
fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{00AD}' | '\u{061C}' | '\u{180E}' | '\u{200B}'..='\u{200F}'
            | '\u{2028}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}')
}

/// Checks that a name used in the chain is printable, single-line and of bounded length.
fn parse_name(what: &'static str, value: &str, max: usize) -> Result<String, InvalidInput> {
    if value.is_empty() {
        return Err(InvalidInput::new(what, "must not be empty"));
    }
    if value.len() > max {
        return Err(InvalidInput::new(
            what,
            format!("must be at most {max} bytes"),
        ));
    }
    if value.chars().any(is_invisible) {
        return Err(InvalidInput::new(
            what,
            "must not contain control, format or line-separator characters",
        ));
    }
    if value.trim() != value {
        return Err(InvalidInput::new(
            what,
            "must not start or end with white space",
        ));
    }
    Ok(value.to_owned())
}

/// The name of one aggregate's stream inside a tenant's log, e.g. `decision/0190...`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct StreamName(String);

impl StreamName {
    /// Accepts ASCII letters, digits and `-_./:`, up to 200 bytes.
    pub fn parse(value: &str) -> Result<Self, InvalidInput> {
        let value = parse_name("stream name", value, 200)?;
        if !value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_./:".contains(&b))
        {
            return Err(InvalidInput::new(
                "stream name",
                "may contain only ASCII letters, digits and - _ . / :",
            ));
        }
        Ok(Self(value))
    }

    /// The name as stored.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for StreamName {
    type Error = InvalidInput;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<StreamName> for String {
    fn from(value: StreamName) -> Self {
        value.0
    }
}

impl std::fmt::Display for StreamName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// An event's stable, public type name, e.g. `DecisionPublished`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct EventType(String);

impl EventType {
    /// Accepts ASCII letters, digits, `_` and `.`, up to 100 bytes.
    pub fn parse(value: &str) -> Result<Self, InvalidInput> {
        let value = parse_name("event type", value, 100)?;
        if !value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.')
        {
            return Err(InvalidInput::new(
                "event type",
                "may contain only ASCII letters, digits, _ and .",
            ));
        }
        Ok(Self(value))
    }

    /// The name as stored.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for EventType {
    type Error = InvalidInput;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<EventType> for String {
    fn from(value: EventType) -> Self {
        value.0
    }
}

/// Who caused an event: a user (`user:...`), a system process (`system:import`) and so on.
/// Auditors read it; it is part of the hash chain.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Actor(String);

impl Actor {
    /// Any printable single-line text up to 200 bytes.
    pub fn parse(value: &str) -> Result<Self, InvalidInput> {
        parse_name("actor", value, 200).map(Self)
    }

    /// The actor as stored.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Actor {
    type Error = InvalidInput;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Actor> for String {
    fn from(value: Actor) -> Self {
        value.0
    }
}

/// The version of a stream the writer based its decision on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ExpectedVersion {
    /// Append whatever the stream's version is (no optimistic concurrency check).
    Any,
    /// Append only if the stream is at exactly this version; 0 means "the stream must not exist yet".
    MustBe(u64),
}

/// One event to append: its identity, type, schema version and payload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEvent {
    /// A UUIDv7, unique in the tenant's log.
    pub event_id: Uuid,
    /// The stable public name of the event.
    pub event_type: EventType,
    /// The version of the payload's schema, from 1; old versions are upcast on read.
    pub schema_version: u16,
    /// The payload, in the canonical form that is hashed; personal values in it are sealed.
    pub payload: CanonicalJson,
    /// The personal values the payload's sealed values commit to, stored beside the log in the
    /// same transaction ([`crate::personal`]).
    pub personal: Vec<PersonalValue>,
}

impl NewEvent {
    /// An event with a fresh UUIDv7 id and no personal values.
    pub fn new(event_type: EventType, schema_version: u16, payload: CanonicalJson) -> Self {
        Self {
            event_id: Uuid::now_v7(),
            event_type,
            schema_version,
            payload,
            personal: Vec::new(),
        }
    }
}

/// Why and by whom a batch is appended; recorded on every event of the batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppendMetadata {
    /// Who issued the command.
    pub actor: Actor,
    /// The command's id: the idempotency key. Replaying it returns the original result.
    pub command_id: Uuid,
    /// The event or command that caused this command, if any.
    pub causation_id: Option<Uuid>,
    /// Ties together everything done for one request or job.
    pub correlation_id: Uuid,
    /// What the command asked for, so a reused id is told apart from a retry; `None` when the
    /// writer has no command to fingerprint (benchmarks, raw appends).
    pub fingerprint: Option<CommandFingerprint>,
}

/// An atomic append of a batch of events to one stream of one tenant's log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppendRequest {
    /// The tenant whose log receives the events.
    pub tenant: TenantId,
    /// The stream inside the tenant's log.
    pub stream: StreamName,
    /// The optimistic concurrency check.
    pub expected: ExpectedVersion,
    /// Who, why and under which idempotency key.
    pub metadata: AppendMetadata,
    /// The batch: all are appended or none. Between 1 and [`MAX_BATCH`] events.
    pub events: Vec<NewEvent>,
    /// Personal values to delete from beside the log in the same transaction (an erasure).
    pub erase: Vec<Commitment>,
}

/// The largest batch one append accepts; larger imports are split into several commands.
pub const MAX_BATCH: usize = 1_000;

impl AppendRequest {
    /// Rejects a batch that no backend could store.
    pub(crate) fn validate(&self) -> Result<(), InvalidInput> {
        if self.events.is_empty() {
            return Err(InvalidInput::new(
                "events",
                "an append needs at least one event",
            ));
        }
        if self.events.len() > MAX_BATCH {
            return Err(InvalidInput::new(
                "events",
                format!("an append takes at most {MAX_BATCH} events"),
            ));
        }
        if let Some(bad) = self.events.iter().find(|e| e.schema_version == 0) {
            return Err(InvalidInput::new(
                "schema version",
                format!(
                    "{} has schema version 0; versions start at 1",
                    bad.event_type.0
                ),
            ));
        }
        let mut ids: Vec<Uuid> = self.events.iter().map(|e| e.event_id).collect();
        ids.sort_unstable();
        if ids.windows(2).any(|w| w[0] == w[1]) {
            return Err(InvalidInput::new(
                "event id",
                "event ids in a batch must be unique",
            ));
        }
        Ok(())
    }
}

/// Where a committed command's events landed. Returned again, unchanged, when the command is
/// replayed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Committed {
    /// The stream the events were appended to.
    pub stream: StreamName,
    /// Position of the first event in the tenant's log.
    pub first_position: u64,
    /// Position of the last event in the tenant's log.
    pub last_position: u64,
    /// The stream's version after the append.
    pub stream_version: u64,
}

/// What a command asked for, as a digest: SHA-256 of its canonical form, 64 lowercase hex
/// digits. Stored with the command's events so that a reused command id can be told apart from a
/// retry: the same id with the same fingerprint is a retry (answered with the original result),
/// with another fingerprint it is a different command (refused).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CommandFingerprint(String);

impl CommandFingerprint {
    /// The fingerprint of `canonical`, the command's canonical bytes.
    pub fn of(canonical: &[u8]) -> Self {
        use sha2::Digest as _;
        Self(hex::encode(sha2::Sha256::digest(canonical)))
    }

    /// Reads a stored fingerprint.
    pub fn parse(text: &str) -> Result<Self, InvalidInput> {
        if text.len() == 64
            && text
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        {
            Ok(Self(text.to_owned()))
        } else {
            Err(InvalidInput::new(
                "command fingerprint",
                "must be 64 lowercase hex digits",
            ))
        }
    }

    /// The 64 hex digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A command already in the log: where its events landed and what it asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommandRecord {
    /// Where its events are.
    pub committed: Committed,
    /// Its fingerprint; `None` for commands recorded before fingerprints were kept.
    pub fingerprint: Option<CommandFingerprint>,
}

impl CommandRecord {
    /// Whether a command with `command_id` for `stream` with `fingerprint` is a retry of this
    /// one (the original result is its answer) or a different command reusing the id (refused
    /// with [`StoreError::CommandIdReused`]). A command recorded without a fingerprint can only
    /// be told apart by its stream.
    pub fn replay_for(
        self,
        command_id: Uuid,
        stream: &StreamName,
        fingerprint: Option<&CommandFingerprint>,
    ) -> Result<Committed, StoreError> {
        let other_input = matches!(
            (self.fingerprint.as_ref(), fingerprint),
            (Some(stored), Some(asked)) if stored != asked
        );
        if self.committed.stream != *stream || other_input {
            return Err(StoreError::CommandIdReused {
                command_id,
                original_stream: self.committed.stream,
            });
        }
        Ok(self.committed)
    }
}

/// The result of an append.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppendOutcome {
    /// Where the command's events are.
    pub committed: Committed,
    /// True when this command id had already been committed: nothing was appended this time.
    pub replayed: bool,
}

/// The last event of a tenant's log: what the next event chains to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogHead {
    /// Position of the last event; 0 for an empty log.
    pub position: u64,
    /// Hash of the last event; [`crate::chain::GENESIS_HASH`] for an empty log.
    pub hash: String,
}

/// An event as stored: everything an auditor needs to recompute its hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordedEvent {
    /// The tenant whose log holds it.
    pub tenant: TenantId,
    /// Gapless position in the tenant's log, from 1.
    pub position: u64,
    /// The event's UUIDv7.
    pub event_id: Uuid,
    /// The stream it belongs to.
    pub stream: StreamName,
    /// Its version in that stream, from 1.
    pub stream_version: u64,
    /// Stable public type name.
    pub event_type: EventType,
    /// Schema version of the payload as stored (before any upcasting).
    pub schema_version: u16,
    /// Who caused it.
    pub actor: Actor,
    /// The command (idempotency key) that produced it.
    pub command_id: Uuid,
    /// What caused that command, if recorded.
    pub causation_id: Option<Uuid>,
    /// The request or job it was part of.
    pub correlation_id: Uuid,
    /// When the store recorded it, to the microsecond, UTC. Serialised exactly as it is hashed
    /// (`2010-06-11T09:30:00.000000Z`), so an export line carries the hash input verbatim.
    #[serde(with = "recorded_at_text")]
    pub recorded_at: DateTime<Utc>,
    /// The canonical JSON payload, exactly as hashed; serialised as a JSON string holding that
    /// text, so that a verifier never has to re-serialise it.
    pub payload: CanonicalJson,
    /// SHA-256 (lower-case hex) of this event chained to the previous one.
    pub hash: String,
    /// The personal values of the payload still held beside the log. Not part of the event's
    /// leaf data or export line.
    #[serde(skip)]
    pub disclosed: Disclosures,
}

/// The serde form of a recorded time: the text that is hashed.
mod recorded_at_text {
    use chrono::{DateTime, Utc};
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(at: &DateTime<Utc>, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&crate::chain::format_recorded_at(*at))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<DateTime<Utc>, D::Error> {
        let text = String::deserialize(deserializer)?;
        let at = DateTime::parse_from_rfc3339(&text)
            .map(|at| at.with_timezone(&Utc))
            .map_err(serde::de::Error::custom)?;
        // Only the exact hashed form is accepted: another spelling of the same instant would
        // verify in Rust but not for an outsider recomputing the hash from the text.
        if crate::chain::format_recorded_at(at) != text {
            return Err(serde::de::Error::custom(
                "recorded_at must be UTC with six fractional digits, e.g. 2010-06-11T09:30:00.000000Z",
            ));
        }
        Ok(at)
    }
}

/// The store's clock: UTC, truncated to microseconds so every backend stores it exactly.
pub(crate) fn now_micros() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stream_names_reject_line_breaks_and_odd_characters() {
        assert!(StreamName::parse("decision/0190a1b2").is_ok());
        assert!(StreamName::parse("decision\n1").is_err());
        assert!(StreamName::parse("décision").is_err());
        assert!(StreamName::parse("").is_err());
    }

    #[test]
    fn actors_are_single_line_and_trimmed() {
        assert!(Actor::parse("user:clerk@maidstone.gov.uk").is_ok());
        assert!(Actor::parse("user:a\nb").is_err());
        assert!(Actor::parse(" padded").is_err());
        assert!(Actor::parse("user:\u{202E}kcilc").is_err());
        assert!(Actor::parse("user:a\u{2028}b").is_err());
    }

    #[test]
    fn event_types_are_plain_identifiers() {
        assert!(EventType::parse("DecisionPublished").is_ok());
        assert!(EventType::parse("Decision Published").is_err());
    }
}
