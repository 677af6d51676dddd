//! The council's reference data as the register shows it: names, wards and bodies over time, and
//! the policies that explain its decisions' dates. Public for every viewer.

use chrono::NaiveDate;
use civic_domain::Council;
use civic_domain::council::{
    BodyKind, CallInPolicy, CouncilKind, KeyDecisionThresholds, StatusLabelMapping,
    lift_call_in_policy_v1,
};
use civic_domain::nation::Nation;
use civic_domain::values::{BodyId, MemberId, Name, Reason, Slug, WardId};
use civic_eventstore::TenantId;
use serde::{Deserialize, Serialize};

use super::plan_document::ForwardPlanDocumentView;

/// A council (tenant) and its reference data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CouncilView {
    /// The tenant whose log this council is.
    pub tenant: TenantId,
    /// Its URL slug, e.g. `maidstone`.
    pub slug: Slug,
    /// Its current name.
    pub name: Name,
    /// Earlier names, oldest first, so old records can be matched.
    pub former_names: Vec<Name>,
    /// Its legal kind.
    pub kind: CouncilKind,
    /// Its nation (bank holidays and exemption scheme).
    pub nation: Nation,
    /// Every ward ever added, retired ones included: old decisions refer to them.
    pub wards: Vec<WardView>,
    /// Every decision-making body ever added, retired ones included.
    pub bodies: Vec<BodyView>,
    /// Every member (councillor) ever listed, those who left included.
    #[serde(default)]
    pub members: Vec<MemberView>,
    /// How call-in periods are counted: explains each decision's deadline. Views stored before
    /// deadline forms hold the v1 shape (one working-day rule) and are read through the same
    /// lift as the v1 events.
    #[serde(deserialize_with = "call_in_policy_any_version")]
    pub call_in_policy: CallInPolicy,
    /// The council's key-decision thresholds, if set.
    pub key_decision_thresholds: Option<KeyDecisionThresholds>,
    /// Days the offices are closed beyond bank holidays (they do not count as working days).
    pub closure_days: Vec<ClosureDayView>,
    /// The council's own status words and what each means.
    pub status_labels: Vec<StatusLabelMapping>,
    /// The forward plan documents published, in order (absent from views stored before plans
    /// were kept).
    #[serde(default)]
    pub forward_plans: Vec<ForwardPlanDocumentView>,
    /// The council stream's version, for optimistic concurrency on council commands.
    pub version: u64,
    /// Position of the council stream's last event in the tenant's log.
    pub last_position: u64,
}

/// Reads a stored policy in today's shape, or in the v1 shape lifted as the event upcasters lift
/// it.
fn call_in_policy_any_version<'de, D>(deserializer: D) -> Result<CallInPolicy, D::Error>
where
    D: serde::Deserializer<'de>,
{
    use serde::de::Error;
    let value = serde_json::Value::deserialize(deserializer)?;
    let value = if value.get("period_working_days").is_some() {
        lift_call_in_policy_v1(&value).map_err(D::Error::custom)?
    } else {
        value
    };
    serde_json::from_value(value).map_err(D::Error::custom)
}

/// A ward with its names over time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WardView {
    /// Stable id.
    pub id: WardId,
    /// Current name.
    pub name: Name,
    /// Earlier names, oldest first.
    pub former_names: Vec<Name>,
    /// When it ceased to exist, if it has.
    pub retired_on: Option<NaiveDate>,
    /// Whether it has been retired (a boundary review abolished it).
    pub retired: bool,
}

/// A decision-making body with its names over time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BodyView {
    /// Stable id.
    pub id: BodyId,
    /// Current name, e.g. "Cabinet".
    pub name: Name,
    /// What kind of body it is (decides whether its decisions can be called in).
    pub kind: BodyKind,
    /// Earlier names, oldest first.
    pub former_names: Vec<Name>,
    /// When it was dissolved, if it was.
    pub retired_on: Option<NaiveDate>,
    /// Whether it has been dissolved.
    pub retired: bool,
}

/// A member (councillor) the council lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberView {
    /// Stable id.
    pub id: MemberId,
    /// Name, e.g. "Cllr Paul Taylor".
    pub name: Name,
    /// Party or group, if listed.
    pub party: Option<Name>,
    /// The first day they no longer held office, if they left.
    pub left_on: Option<NaiveDate>,
}

/// A day the council's offices are closed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClosureDayView {
    /// The day.
    pub date: NaiveDate,
    /// Why, if given.
    pub reason: Option<Reason>,
}

impl CouncilView {
    /// The view of a folded council stream whose last event is at `last_position`.
    pub fn from_council(tenant: TenantId, council: &Council, last_position: u64) -> Self {
        let mut view = Self {
            tenant,
            slug: council.slug().clone(),
            name: council.name().clone(),
            former_names: council.former_names().to_vec(),
            kind: council.kind(),
            nation: council.nation(),
            wards: council
                .wards()
                .iter()
                .map(|w| WardView {
                    id: w.id,
                    name: w.name.clone(),
                    former_names: w.former_names.clone(),
                    retired_on: w.retired_on,
                    retired: w.retired_on.is_some(),
                })
                .collect(),
            bodies: council
                .bodies()
                .iter()
                .map(|b| BodyView {
                    id: b.id,
                    name: b.name.clone(),
                    kind: b.kind,
                    former_names: b.former_names.clone(),
                    retired_on: b.retired_on,
                    retired: b.retired_on.is_some(),
                })
                .collect(),
            members: council
                .members()
                .iter()
                .map(|m| MemberView {
                    id: m.id,
                    name: m.name.clone(),
                    party: m.party.clone(),
                    left_on: m.left_on,
                })
                .collect(),
            call_in_policy: council.call_in_policy().clone(),
            key_decision_thresholds: council.key_decision_thresholds().copied(),
            closure_days: council
                .closure_days()
                .iter()
                .map(|(date, reason)| ClosureDayView {
                    date: *date,
                    reason: reason.clone(),
                })
                .collect(),
            status_labels: council.status_labels().to_vec(),
            forward_plans: council
                .forward_plans()
                .iter()
                .map(ForwardPlanDocumentView::of)
                .collect(),
            version: council.version(),
            last_position,
        };
        // The bodies are in this same view: name each plan's publisher now.
        let mut plans = std::mem::take(&mut view.forward_plans);
        for plan in &mut plans {
            if let Some(body) = &mut plan.published_by {
                body.resolve(&view);
            }
        }
        view.forward_plans = plans;
        view
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use civic_domain::council::{CallInPeriod, CallInRule, CountedFrom, TakesEffect};
    use serde_json::json;

    fn stored(policy: serde_json::Value) -> serde_json::Value {
        json!({
            "tenant": "0190a1b2-0000-7000-8000-000000000001", "slug": "maidstone",
            "name": "Maidstone Borough Council", "former_names": [], "kind": "district",
            "nation": "england", "wards": [], "bodies": [], "call_in_policy": policy,
            "key_decision_thresholds": null, "closure_days": [], "status_labels": [],
            "version": 3, "last_position": 7
        })
    }

    #[test]
    fn a_council_view_stored_with_a_v1_call_in_policy_reads_as_the_same_rule() {
        let old = stored(
            json!({"period_working_days": 3, "counted_from": "decision", "takes_effect": "last_day"}),
        );
        let view: CouncilView = serde_json::from_value(old).unwrap();
        assert_eq!(
            view.call_in_policy,
            CallInPolicy::uniform(CallInRule {
                counted_from: CountedFrom::Decision,
                takes_effect: TakesEffect::LastDay,
                ..CallInRule::working_days(CallInPeriod::parse(3).unwrap())
            })
        );
        // Written back in today's shape, it reads the same.
        let again: CouncilView =
            serde_json::from_value(serde_json::to_value(&view).unwrap()).unwrap();
        assert_eq!(again, view);
    }
}
