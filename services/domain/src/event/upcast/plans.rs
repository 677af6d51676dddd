//! Upcasters of the forward-plan and strategy events whose payloads changed shape when registers
//! other than the first one were entered (issue 13). Each lifts a stored v1 payload to v2 so it
//! keeps its meaning: a v1 entry's date due was always a day, its notice date and wards always
//! stated; a v1 strategy's period was always calendar years.

use super::object;
use serde_json::{Value, json};

/// A v1 day (`"2010-06-30"`) as a v2 date due (`{"kind": "day", "date": "2010-06-30"}`).
fn day(value: Value) -> Result<Value, String> {
    match value {
        Value::String(date) => Ok(json!({"kind": "day", "date": date})),
        other => Err(format!("expected a date, found {other}")),
    }
}

/// `ForwardPlanEntryEntered` v1 -> v2: the date due becomes a "day" date due; the plan shows
/// no status (`status` null: on the plan, as v1 meant), no own status words, no contacts and
/// no reference, and names no plan document; a general exception names nobody informed.
pub(crate) fn forward_plan_entry_entered_v1(mut payload: Value) -> Result<Value, String> {
    let obj = object(&mut payload, "payload")?;
    let due = obj.remove("date_due").ok_or("no `date_due` field")?;
    obj.insert("date_due".into(), day(due)?);
    obj.insert("status".into(), Value::Null);
    obj.insert("status_label".into(), Value::Null);
    obj.insert("plan_ids".into(), json!([]));
    let details = obj
        .get_mut("details")
        .and_then(Value::as_object_mut)
        .ok_or("no `details` object")?;
    details.insert("reference".into(), Value::Null);
    details.insert("contacts".into(), json!([]));
    details.insert("source".into(), json!({"url": null, "system_id": null}));
    let notice = obj
        .get_mut("notice")
        .and_then(Value::as_object_mut)
        .ok_or("no `notice` object")?;
    if notice.get("kind") == Some(&json!("general_exception")) {
        notice.insert("chair_informed".into(), Value::Null);
    }
    Ok(payload)
}

/// `ForwardPlanEntryRescheduled` v1 -> v2: both dates become "day" dates due.
pub(crate) fn forward_plan_entry_rescheduled_v1(mut payload: Value) -> Result<Value, String> {
    let obj = object(&mut payload, "payload")?;
    for field in ["from", "to"] {
        let value = obj
            .remove(field)
            .ok_or_else(|| format!("no `{field}` field"))?;
        obj.insert(field.into(), day(value)?);
    }
    Ok(payload)
}

/// A v1 period (`{"start_year", "end_year", "rolling"}`) as a v2 span of calendar years.
fn years(value: Value) -> Result<Value, String> {
    let Value::Object(mut period) = value else {
        return Err("expected a period object".to_owned());
    };
    period.insert("kind".into(), json!("years"));
    Ok(Value::Object(period))
}

/// `StrategyDocumentCreated` v1 -> v2: the period becomes calendar years; no status stated.
pub(crate) fn strategy_document_created_v1(mut payload: Value) -> Result<Value, String> {
    let obj = object(&mut payload, "payload")?;
    let period = obj.remove("period").ok_or("no `period` field")?;
    obj.insert("period".into(), years(period)?);
    obj.insert("status".into(), Value::Null);
    obj.insert("status_label".into(), Value::Null);
    Ok(payload)
}

/// `StrategyVersionDrafted` v1 -> v2: the period becomes calendar years.
pub(crate) fn strategy_version_drafted_v1(mut payload: Value) -> Result<Value, String> {
    let obj = object(&mut payload, "payload")?;
    let period = obj.remove("period").ok_or("no `period` field")?;
    obj.insert("period".into(), years(period)?);
    Ok(payload)
}
