//! The steps that lift stored payloads of older schema versions to the next version, by the
//! events they concern. Each step is a pure function of the JSON, tested against a stored example
//! of the old version: stored events are never edited, they are read through these. The table of
//! steps in force is `codec::UPCASTERS`.

pub(super) mod call_in;
pub(super) mod decision;
pub(super) mod plans;

use serde_json::{Map, Value};

/// The payload (or a part of it) as a JSON object, or why not.
fn object<'a>(value: &'a mut Value, what: &str) -> Result<&'a mut Map<String, Value>, String> {
    value
        .as_object_mut()
        .ok_or_else(|| format!("{what} is not an object"))
}
