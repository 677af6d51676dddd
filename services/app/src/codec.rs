//! Domain events to and from the store's records.
//!
//! The store knows nothing of the domain: it keeps a type name, a schema version and canonical
//! JSON. Decoding goes through the domain's codec, which upcasts old schema versions.
//!
//! Personal values ([`civic_domain::personal`]) never reach the log: encoding seals each under a
//! fresh salt and hands the value to the store to keep beside the log; decoding puts back the
//! values still held, and null for those erased.

use civic_domain::personal::personal_pointers;
use civic_domain::{EncodedEvent, Event};
use civic_eventstore::{CanonicalJson, EventType, NewEvent, PersonalValue, RecordedEvent};
use serde_json::Value;

use crate::error::AppError;

/// A domain event ready to append, with a fresh UUIDv7 id and its personal values sealed.
pub fn to_new_event(event: &Event) -> Result<NewEvent, AppError> {
    let encoded = event.encode();
    let event_type = EventType::parse(&encoded.event_type).map_err(AppError::Encode)?;
    let (payload, personal) = seal(encoded.payload)?;
    let payload = CanonicalJson::from_value(&payload).map_err(AppError::Encode)?;
    let mut new = NewEvent::new(event_type, encoded.schema_version, payload);
    new.personal = personal;
    Ok(new)
}

/// `payload` with each personal value replaced by its sealed form, and the values sealed.
fn seal(mut payload: Value) -> Result<(Value, Vec<PersonalValue>), AppError> {
    let mut personal = Vec::new();
    for pointer in personal_pointers(&payload) {
        if let Some(value) = payload.pointer_mut(&pointer) {
            let sealed = PersonalValue::seal(value).map_err(AppError::Encode)?;
            *value = sealed.commitment.sealed();
            personal.push(sealed);
        }
    }
    Ok((payload, personal))
}

/// A stored event as a domain event of the current schema, with the personal values still held.
pub fn from_recorded(recorded: &RecordedEvent) -> Result<Event, AppError> {
    decode_stored(
        recorded.position,
        recorded.event_type.as_str(),
        recorded.schema_version,
        recorded.disclosed.unsealed(&recorded.payload),
    )
}

/// The event at `position` of a tenant's log, from its stored type, schema version and payload
/// (personal values already put back), as a domain event of the current schema: the one decoding
/// step of every reader, whether it reads whole records ([`from_recorded`]) or only these columns
/// (the projector).
pub fn decode_stored(
    position: u64,
    event_type: &str,
    schema_version: u16,
    payload: Value,
) -> Result<Event, AppError> {
    let encoded = EncodedEvent {
        event_type: event_type.to_owned(),
        schema_version,
        payload,
    };
    Event::decode(&encoded).map_err(|source| AppError::Decode { position, source })
}
