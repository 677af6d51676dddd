//! The steps that lift stored payloads of older schema versions to the next version. Each step
//! is a pure function of the JSON, tested against a stored example of the old version
//! (`codec/tests.rs`): stored events are never edited, they are read through these.

use serde_json::{Map, Value, json};

/// `BodyAdded` v1 -> v2: v2 only adds body kinds (`elected_mayor`, `joint_committee`); every v1
/// payload is a valid v2 payload with the same meaning.
pub(crate) fn body_added_v1(payload: Value) -> Result<Value, String> {
    Ok(payload)
}

/// `DecisionRecorded` v1 -> v2: the record's details (see [`decision_details_v1`]).
pub(crate) fn decision_recorded_v1(payload: Value) -> Result<Value, String> {
    with_details(payload)
}

/// `DecisionCorrected` v1 -> v2: the corrected details (see [`decision_details_v1`]).
pub(crate) fn decision_corrected_v1(payload: Value) -> Result<Value, String> {
    with_details(payload)
}

/// `DecisionReconsidered` v1 -> v2: amended resolutions are labelled as in
/// [`decision_details_v1`]; the outcome (always stated in v1) is unchanged.
pub(crate) fn decision_reconsidered_v1(payload: Value) -> Result<Value, String> {
    let mut payload = into_object(payload, "payload")?;
    if let Some(Value::Object(result)) = payload.get_mut("reconsideration")
        && let Some(resolutions) = result.remove("resolutions")
    {
        result.insert("resolutions".to_owned(), labelled(resolutions)?);
    }
    Ok(Value::Object(payload))
}

/// v1 resolutions `[{number, text}]` as v2 `[{label, text}]`, the number becoming the label.
fn labelled(resolutions: Value) -> Result<Value, String> {
    let Value::Array(list) = resolutions else {
        return Err("resolutions is not a list".to_owned());
    };
    list.into_iter()
        .map(|r| {
            let mut r = into_object(r, "resolution")?;
            let number = r
                .remove("number")
                .and_then(|n| n.as_u64())
                .ok_or_else(|| "resolution without a number".to_owned())?;
            r.insert("label".to_owned(), Value::String(number.to_string()));
            Ok(Value::Object(r))
        })
        .collect::<Result<Vec<_>, String>>()
        .map(Value::Array)
}

fn with_details(payload: Value) -> Result<Value, String> {
    let mut payload = into_object(payload, "payload")?;
    let details = payload
        .remove("details")
        .ok_or_else(|| "missing details".to_owned())?;
    payload.insert("details".to_owned(), decision_details_v1(details)?);
    Ok(Value::Object(payload))
}

/// A v1 decision record as v2:
/// - a resolution's `number` becomes its `label` ("1"), in the same order;
/// - `interests`: an empty list (v1 could not say "None") becomes `not_stated`, a list becomes
///   `declared`, each member named as shown and not identified;
/// - the fields v2 added are not stated: `references` all null, no `links`, no `meeting`, no
///   `lead_member`, `lead_officer`, `department` or `vote`.
fn decision_details_v1(details: Value) -> Result<Value, String> {
    let mut details = into_object(details, "details")?;
    let resolutions = details
        .remove("resolutions")
        .ok_or_else(|| "missing resolutions".to_owned())?;
    details.insert("resolutions".to_owned(), labelled(resolutions)?);
    let interests = match details.remove("interests") {
        Some(Value::Array(list)) if list.is_empty() => json!({"kind": "not_stated"}),
        Some(Value::Array(list)) => {
            let declared = list
                .into_iter()
                .map(|i| {
                    let mut i = into_object(i, "interest")?;
                    let member = i
                        .remove("member")
                        .ok_or_else(|| "interest without a member".to_owned())?;
                    i.insert(
                        "member".to_owned(),
                        json!({"member_id": null, "name_as_shown": member}),
                    );
                    Ok(Value::Object(i))
                })
                .collect::<Result<Vec<_>, String>>()?;
            json!({"kind": "declared", "interests": declared})
        }
        _ => return Err("interests is not a list".to_owned()),
    };
    details.insert("interests".to_owned(), interests);
    for (field, value) in [
        (
            "references",
            json!({"reference": null, "minute_number": null, "source_url": null, "source_id": null}),
        ),
        ("links", json!([])),
        ("meeting", Value::Null),
        ("lead_member", Value::Null),
        ("lead_officer", Value::Null),
        ("department", Value::Null),
        ("vote", Value::Null),
    ] {
        if details.insert(field.to_owned(), value).is_some() {
            return Err(format!("a v1 record has no {field}"));
        }
    }
    Ok(Value::Object(details))
}

fn into_object(value: Value, what: &str) -> Result<Map<String, Value>, String> {
    match value {
        Value::Object(map) => Ok(map),
        _ => Err(format!("{what} is not an object")),
    }
}
