//! Domain events to and from the store's records.
//!
//! The store knows nothing of the domain: it keeps a type name, a schema version and canonical
//! JSON. Decoding goes through the domain's codec, which upcasts old schema versions.

use civic_domain::{EncodedEvent, Event};
use civic_eventstore::{CanonicalJson, EventType, NewEvent, RecordedEvent};

use crate::error::AppError;

/// A domain event ready to append, with a fresh UUIDv7 id.
pub fn to_new_event(event: &Event) -> Result<NewEvent, AppError> {
    let encoded = event.encode();
    let event_type = EventType::parse(&encoded.event_type).map_err(AppError::Encode)?;
    let payload = CanonicalJson::from_value(&encoded.payload).map_err(AppError::Encode)?;
    Ok(NewEvent::new(event_type, encoded.schema_version, payload))
}

/// A stored event as a domain event of the current schema.
pub fn from_recorded(recorded: &RecordedEvent) -> Result<Event, AppError> {
    let encoded = EncodedEvent {
        event_type: recorded.event_type.as_str().to_owned(),
        schema_version: recorded.schema_version,
        payload: recorded.payload.to_value(),
    };
    Event::decode(&encoded).map_err(|source| AppError::Decode {
        position: recorded.position,
        source,
    })
}
