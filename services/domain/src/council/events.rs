//! Events of the council stream. Their names and payload fields are a
//! permanent public format: never rename, only add versions.

use super::{
    BodyKind, CallInPolicy, CanonicalStatus, CouncilKind, KeyDecisionThresholds, StatusLabelMapping,
};
use crate::nation::Nation;
use crate::values::{BodyId, MemberId, Name, Reason, Slug, StatusLabel, WardId};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Something that happened to a council's configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(
    clippy::large_enum_variant,
    reason = "short-lived values matched by shape; boxing would only obscure the public API"
)]
pub enum CouncilEvent {
    /// `CouncilRegistered` v2 (v1 held the call-in policy as one working-day rule).
    Registered(CouncilRegistered),
    /// `CouncilRenamed` v1.
    Renamed(CouncilRenamed),
    /// `WardAdded` v1.
    WardAdded(WardAdded),
    /// `WardRenamed` v1.
    WardRenamed(WardRenamed),
    /// `WardRetired` v1.
    WardRetired(WardRetired),
    /// `MemberAdded` v1.
    MemberAdded(MemberAdded),
    /// `MemberLeft` v1.
    MemberLeft(MemberLeft),
    /// `BodyAdded` v2 (v1 had no `elected_mayor` or `joint_committee` kinds).
    BodyAdded(BodyAdded),
    /// `BodyRenamed` v1.
    BodyRenamed(BodyRenamed),
    /// `BodyRetired` v1.
    BodyRetired(BodyRetired),
    /// `KeyDecisionThresholdsSet` v1.
    KeyDecisionThresholdsSet(KeyDecisionThresholdsSet),
    /// `CallInPolicySet` v2 (v1 held the policy as one working-day rule).
    CallInPolicySet(CallInPolicySet),
    /// `ClosureDayAdded` v1.
    ClosureDayAdded(ClosureDayAdded),
    /// `ClosureDayRemoved` v1.
    ClosureDayRemoved(ClosureDayRemoved),
    /// `StatusLabelMapped` v1.
    StatusLabelMapped(StatusLabelMapped),
    /// `StatusLabelUnmapped` v1.
    StatusLabelUnmapped(StatusLabelUnmapped),
    /// `ForwardPlanPublished` v1.
    ForwardPlanPublished(crate::forward_plan::ForwardPlanPublished),
    /// `ForwardPlanRefreshed` v1.
    ForwardPlanRefreshed(crate::forward_plan::ForwardPlanRefreshed),
    /// `PersonalDataErased` v1.
    PersonalDataErased(crate::personal::PersonalDataErased),
}

/// The council became a tenant. Carries the seeded defaults so the log alone
/// says what the council started with, whatever later code defaults to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CouncilRegistered {
    /// Tenant identifier.
    #[serde(rename = "slug")]
    pub slug: Slug,
    /// Full name.
    #[serde(rename = "name")]
    pub name: Name,
    /// Legal kind.
    #[serde(rename = "kind")]
    pub kind: CouncilKind,
    /// Nation.
    #[serde(rename = "nation")]
    pub nation: Nation,
    /// Initial call-in policy.
    #[serde(rename = "call_in_policy")]
    pub call_in_policy: CallInPolicy,
    /// Initial status labels.
    #[serde(rename = "status_labels")]
    pub status_labels: Vec<StatusLabelMapping>,
}

/// The council changed its name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CouncilRenamed {
    /// The new name.
    #[serde(rename = "name")]
    pub name: Name,
}

/// A ward was added.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WardAdded {
    /// The ward's id.
    #[serde(rename = "ward_id")]
    pub ward_id: WardId,
    /// Its name.
    #[serde(rename = "name")]
    pub name: Name,
}

/// A ward was renamed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WardRenamed {
    /// The ward's id.
    #[serde(rename = "ward_id")]
    pub ward_id: WardId,
    /// Its new name.
    #[serde(rename = "name")]
    pub name: Name,
}

/// A ward ceased to exist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WardRetired {
    /// The ward's id.
    #[serde(rename = "ward_id")]
    pub ward_id: WardId,
    /// First day it no longer exists.
    #[serde(rename = "on")]
    pub on: NaiveDate,
}

/// A member was added to the council's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberAdded {
    /// The member's id.
    #[serde(rename = "member_id")]
    pub member_id: MemberId,
    /// Their name.
    #[serde(rename = "name")]
    pub name: Name,
    /// Their party or group, if listed.
    #[serde(rename = "party")]
    pub party: Option<Name>,
}

/// A member left office.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberLeft {
    /// The member's id.
    #[serde(rename = "member_id")]
    pub member_id: MemberId,
    /// First day they no longer hold office.
    #[serde(rename = "on")]
    pub on: NaiveDate,
}

/// A decision-making body was added.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BodyAdded {
    /// The body's id.
    #[serde(rename = "body_id")]
    pub body_id: BodyId,
    /// Its name.
    #[serde(rename = "name")]
    pub name: Name,
    /// Its kind.
    #[serde(rename = "kind")]
    pub kind: BodyKind,
}

/// A body was renamed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BodyRenamed {
    /// The body's id.
    #[serde(rename = "body_id")]
    pub body_id: BodyId,
    /// Its new name.
    #[serde(rename = "name")]
    pub name: Name,
}

/// A body was dissolved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BodyRetired {
    /// The body's id.
    #[serde(rename = "body_id")]
    pub body_id: BodyId,
    /// First day it no longer exists.
    #[serde(rename = "on")]
    pub on: NaiveDate,
}

/// The key-decision thresholds were set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyDecisionThresholdsSet {
    /// The thresholds now in force.
    #[serde(rename = "thresholds")]
    pub thresholds: KeyDecisionThresholds,
}

/// The call-in policy was set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallInPolicySet {
    /// The policy now in force.
    #[serde(rename = "policy")]
    pub policy: CallInPolicy,
}

/// A closure day was added.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClosureDayAdded {
    /// The day.
    #[serde(rename = "date")]
    pub date: NaiveDate,
    /// Why the offices are closed, if given.
    #[serde(rename = "reason")]
    pub reason: Option<Reason>,
}

/// A closure day was removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClosureDayRemoved {
    /// The day.
    #[serde(rename = "date")]
    pub date: NaiveDate,
}

/// A status label was mapped (or remapped).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusLabelMapped {
    /// The council's words.
    #[serde(rename = "label")]
    pub label: StatusLabel,
    /// Their canonical meaning.
    #[serde(rename = "status")]
    pub status: CanonicalStatus,
}

/// A status label was forgotten.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusLabelUnmapped {
    /// The council's words.
    #[serde(rename = "label")]
    pub label: StatusLabel,
}
