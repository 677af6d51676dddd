//! Encoding events for the store and decoding them back, lifting payloads
//! written by older schema versions to the current one first.

use super::Event;
use super::registry::{EVENT_TYPES, deserialize_current};
use super::upcast::{call_in, decision, plans};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use thiserror::Error;

/// An event as stored: public name, schema version and JSON payload. The
/// payload holds no floating-point numbers, so its canonical JSON hashes the
/// same everywhere.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EncodedEvent {
    /// The event's public name, e.g. `"DecisionRecorded"`.
    pub event_type: String,
    /// The schema version the payload was written with.
    pub schema_version: u16,
    /// The payload.
    pub payload: Value,
}

/// Why a stored event could not be decoded. All are data problems, not
/// caller errors: the store or projection should stop and report, never skip.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DecodeError {
    /// The name is not one this build knows: written by a newer build, or
    /// corrupt.
    #[error("unknown event type {event_type:?}")]
    UnknownEventType {
        /// The name found.
        event_type: String,
    },
    /// The version is newer than this build writes, or older with no
    /// upcaster to lift it.
    #[error("{event_type} version {version} is not supported (current is {current})")]
    UnsupportedVersion {
        /// The event type.
        event_type: String,
        /// The version found.
        version: u16,
        /// The version this build writes.
        current: u16,
    },
    /// The payload does not match the schema (or breaks a value rule).
    #[error("{event_type} v{version} payload is malformed: {message}")]
    Malformed {
        /// The event type.
        event_type: String,
        /// The version found.
        version: u16,
        /// What serde said.
        message: String,
    },
}

/// Lifts one event type's payload from `from_version` to `from_version + 1`.
#[derive(Debug, Clone, Copy)]
pub struct Upcaster {
    /// The event type it applies to.
    pub event_type: &'static str,
    /// The version it lifts from.
    pub from_version: u16,
    /// The transformation.
    pub upcast: fn(Value) -> Result<Value, String>,
}

/// The upcasters in force: when a payload changes shape, bump its version in the registry and
/// add the step from the old version here (the steps live in `upcast/`).
pub const UPCASTERS: &[Upcaster] = &[
    Upcaster {
        event_type: "BodyAdded",
        from_version: 1,
        upcast: decision::body_added_v1,
    },
    Upcaster {
        event_type: "DecisionRecorded",
        from_version: 1,
        upcast: decision::decision_recorded_v1,
    },
    Upcaster {
        event_type: "DecisionReconsidered",
        from_version: 1,
        upcast: decision::decision_reconsidered_v1,
    },
    Upcaster {
        event_type: "DecisionCorrected",
        from_version: 1,
        upcast: decision::decision_corrected_v1,
    },
    Upcaster {
        event_type: "ForwardPlanEntryEntered",
        from_version: 1,
        upcast: plans::forward_plan_entry_entered_v1,
    },
    Upcaster {
        event_type: "ForwardPlanEntryRescheduled",
        from_version: 1,
        upcast: plans::forward_plan_entry_rescheduled_v1,
    },
    Upcaster {
        event_type: "StrategyDocumentCreated",
        from_version: 1,
        upcast: plans::strategy_document_created_v1,
    },
    Upcaster {
        event_type: "StrategyVersionDrafted",
        from_version: 1,
        upcast: plans::strategy_version_drafted_v1,
    },
    Upcaster {
        event_type: "CouncilRegistered",
        from_version: 1,
        upcast: call_in::council_registered_v1,
    },
    Upcaster {
        event_type: "CallInPolicySet",
        from_version: 1,
        upcast: call_in::call_in_policy_set_v1,
    },
    Upcaster {
        event_type: "DecisionPublished",
        from_version: 1,
        upcast: call_in::decision_published_v1,
    },
    Upcaster {
        event_type: "DecisionCalledIn",
        from_version: 1,
        upcast: call_in::decision_called_in_v1,
    },
];

/// A registry and upcaster table to decode with; the public API uses the
/// built-in ones, tests substitute their own.
pub(crate) struct Codec<'a> {
    pub(crate) registry: &'a [(&'static str, u16)],
    pub(crate) upcasters: &'a [Upcaster],
}

impl Codec<'_> {
    /// Lifts a stored payload to the current version of its type.
    pub(crate) fn upcast(&self, encoded: &EncodedEvent) -> Result<Value, DecodeError> {
        let event_type = encoded.event_type.as_str();
        let current = self
            .registry
            .iter()
            .find(|(name, _)| *name == event_type)
            .map(|(_, v)| *v)
            .ok_or_else(|| DecodeError::UnknownEventType {
                event_type: event_type.to_owned(),
            })?;
        let unsupported = |version| DecodeError::UnsupportedVersion {
            event_type: event_type.to_owned(),
            version,
            current,
        };
        let mut version = encoded.schema_version;
        if version > current {
            return Err(unsupported(version));
        }
        let mut payload = encoded.payload.clone();
        while version < current {
            let step = self
                .upcasters
                .iter()
                .find(|u| u.event_type == event_type && u.from_version == version)
                .ok_or_else(|| unsupported(encoded.schema_version))?;
            payload = (step.upcast)(payload).map_err(|message| DecodeError::Malformed {
                event_type: event_type.to_owned(),
                version,
                message,
            })?;
            version += 1;
        }
        Ok(payload)
    }

    pub(crate) fn decode(&self, encoded: &EncodedEvent) -> Result<Event, DecodeError> {
        let payload = self.upcast(encoded)?;
        match deserialize_current(&encoded.event_type, payload) {
            None => Err(DecodeError::UnknownEventType {
                event_type: encoded.event_type.clone(),
            }),
            Some(Err(e)) => Err(DecodeError::Malformed {
                event_type: encoded.event_type.clone(),
                version: encoded.schema_version,
                message: e.to_string(),
            }),
            Some(Ok(event)) => Ok(event),
        }
    }
}

const BUILT_IN: Codec<'static> = Codec {
    registry: EVENT_TYPES,
    upcasters: UPCASTERS,
};

impl Event {
    /// Encodes the event for the store at the current schema version.
    ///
    /// Payload types are plain structs with string map keys, which
    /// serde_json always serialises; should that ever fail, the payload
    /// becomes `{"encoding_error": ...}`, which decodes as `Malformed`
    /// instead of panicking (tests round-trip every event type).
    pub fn encode(&self) -> EncodedEvent {
        let payload = self
            .payload_value()
            .unwrap_or_else(|e| serde_json::json!({ "encoding_error": e.to_string() }));
        EncodedEvent {
            event_type: self.event_type().to_owned(),
            schema_version: self.schema_version(),
            payload,
        }
    }

    /// Decodes a stored event, upcasting older schema versions first.
    pub fn decode(encoded: &EncodedEvent) -> Result<Event, DecodeError> {
        BUILT_IN.decode(encoded)
    }
}

#[cfg(test)]
mod call_in_tests;
#[cfg(test)]
mod tests;

#[cfg(test)]
mod plan_tests;
