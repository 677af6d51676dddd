//! Upcasters of the decision record (issue 13): a v1 record stated every field, numbered its
//! resolutions and could not say "None" was declared; it keeps its meaning as v2.

use super::object;
use serde_json::{Value, json};

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
pub(crate) fn decision_reconsidered_v1(mut payload: Value) -> Result<Value, String> {
    if let Some(result) = object(&mut payload, "payload")?.get_mut("reconsideration")
        && let Some(resolutions) = object(result, "reconsideration")?.get_mut("resolutions")
    {
        label(resolutions)?;
    }
    Ok(payload)
}

/// v1 resolutions `[{number, text}]` as v2 `[{label, text}]`, the number becoming the label.
fn label(resolutions: &mut Value) -> Result<(), String> {
    let list = resolutions
        .as_array_mut()
        .ok_or_else(|| "resolutions is not a list".to_owned())?;
    for resolution in list {
        let resolution = object(resolution, "resolution")?;
        let number = resolution
            .remove("number")
            .and_then(|n| n.as_u64())
            .ok_or_else(|| "resolution without a number".to_owned())?;
        resolution.insert("label".to_owned(), Value::String(number.to_string()));
    }
    Ok(())
}

fn with_details(mut payload: Value) -> Result<Value, String> {
    let details = object(&mut payload, "payload")?
        .get_mut("details")
        .ok_or_else(|| "missing details".to_owned())?;
    decision_details_v1(details)?;
    Ok(payload)
}

/// A v1 decision record as v2:
/// - a resolution's `number` becomes its `label` ("1"), in the same order;
/// - `interests`: an empty list (v1 could not say "None") becomes `not_stated`, a list becomes
///   `declared`, each member named as shown and not identified;
/// - the fields v2 added are not stated: `references` all null, no `links`, no `meeting`, no
///   `lead_member`, `lead_officer`, `department` or `vote`.
fn decision_details_v1(details: &mut Value) -> Result<(), String> {
    let details = object(details, "details")?;
    label(
        details
            .get_mut("resolutions")
            .ok_or_else(|| "missing resolutions".to_owned())?,
    )?;
    let interests = match details.remove("interests") {
        Some(Value::Array(list)) if list.is_empty() => json!({"kind": "not_stated"}),
        Some(Value::Array(mut list)) => {
            for interest in &mut list {
                let interest = object(interest, "interest")?;
                let member = interest
                    .remove("member")
                    .ok_or_else(|| "interest without a member".to_owned())?;
                interest.insert(
                    "member".to_owned(),
                    json!({"member_id": null, "name_as_shown": member}),
                );
            }
            json!({"kind": "declared", "interests": list})
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
    Ok(())
}
