//! Upcasters from the call-in payloads written before call-in policies by kind of decision
//! maker, deadline forms and call-ins that do not suspend the decision. Each keeps the old
//! payload's meaning exactly: a v1 policy is the same rule, council-wide, with no stated
//! time; a v1 window is the same working-day rule; a v1 call-in suspended the decision.

use super::object;
use crate::council::lift_call_in_policy_v1;
use crate::decision::lift_call_in_terms_v1;
use serde_json::Value;

fn lift_field(mut payload: Value, field: &str) -> Result<Value, String> {
    let obj = object(&mut payload, "payload")?;
    let v1 = obj
        .get(field)
        .ok_or_else(|| format!("payload has no {field:?}"))?;
    let lifted = lift_call_in_policy_v1(v1)?;
    obj.insert(field.to_owned(), lifted);
    Ok(payload)
}

/// `CouncilRegistered` v1 to v2: the seeded call-in policy in today's shape.
pub(crate) fn council_registered_v1(payload: Value) -> Result<Value, String> {
    lift_field(payload, "call_in_policy")
}

/// `CallInPolicySet` v1 to v2: the policy in today's shape.
pub(crate) fn call_in_policy_set_v1(payload: Value) -> Result<Value, String> {
    lift_field(payload, "policy")
}

/// `DecisionPublished` v1 to v2: a window's working days, counted-from and takes-effect
/// become its rule (no stated time, council-wide as far as v1 knew); the deadline had no time.
pub(crate) fn decision_published_v1(mut payload: Value) -> Result<Value, String> {
    let obj = object(&mut payload, "payload")?;
    let terms = obj.get("call_in").ok_or("payload has no \"call_in\"")?;
    let lifted = lift_call_in_terms_v1(terms)?;
    obj.insert("call_in".to_owned(), lifted);
    obj.insert("call_in_deadline_time".to_owned(), Value::Null);
    Ok(payload)
}

/// `DecisionCalledIn` v1 to v2: every v1 call-in suspended the decision.
pub(crate) fn decision_called_in_v1(mut payload: Value) -> Result<Value, String> {
    object(&mut payload, "payload")?.insert("suspends_decision".to_owned(), Value::Bool(true));
    Ok(payload)
}
