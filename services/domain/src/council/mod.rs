//! The council (tenant) aggregate: stream `council` in each tenant's log.
//!
//! A council holds what the decision rules need to know about it: its wards
//! and bodies, key-decision thresholds, call-in policy, closure days and the
//! meaning of its own status labels.

mod call_in_policy;
mod commands;
mod errors;
mod events;
mod labels;
mod policy;
mod structure;

pub use call_in_policy::{
    AppliedArrangement, CalendarDays, CallInArrangement, CallInDeadline, CallInPeriod,
    CallInPolicy, CallInRule, CountedFrom, DeadlineWeekday, DecisionMakerCallIn, TakesEffect,
    lift_call_in_policy_v1,
};
pub use commands::CouncilCommand;
pub use errors::CouncilError;
pub use events::*;
pub use labels::{CanonicalStatus, StatusLabelMapping, default_status_labels};
pub use policy::KeyDecisionThresholds;
pub use structure::{Body, BodyKind, CouncilKind, Member, Ward};

use crate::Decided;
use crate::event::Event;
use crate::forward_plan::{self, PlanEvent, PublishedPlan};
use crate::nation::Nation;
use crate::values::{BodyId, MemberId, Name, Reason, Slug, StatusLabel, WardId};
use chrono::NaiveDate;
use civic_calendar::WorkingDayCalendar;
use std::collections::BTreeMap;

/// The folded state of a council stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Council {
    slug: Slug,
    name: Name,
    former_names: Vec<Name>,
    kind: CouncilKind,
    nation: Nation,
    wards: Vec<Ward>,
    members: Vec<Member>,
    bodies: Vec<Body>,
    key_decision_thresholds: Option<KeyDecisionThresholds>,
    call_in_policy: CallInPolicy,
    closure_days: BTreeMap<NaiveDate, Option<Reason>>,
    status_labels: Vec<StatusLabelMapping>,
    forward_plans: Vec<PublishedPlan>,
    version: u64,
}

impl Council {
    /// Folds a council stream; `None` if it was never registered. Events of
    /// other aggregates are ignored.
    pub fn from_history(events: &[Event]) -> Option<Council> {
        events.iter().fold(None, |state, event| match event {
            Event::Council(e) => Council::evolve(state, e),
            _ => state,
        })
    }

    /// Applies one event. Never fails: the log is trusted, and an event that
    /// does not fit (e.g. a rename before registration) is ignored.
    pub fn evolve(state: Option<Council>, event: &CouncilEvent) -> Option<Council> {
        match (state, event) {
            (None, CouncilEvent::Registered(e)) => Some(Council {
                slug: e.slug.clone(),
                name: e.name.clone(),
                former_names: Vec::new(),
                kind: e.kind,
                nation: e.nation,
                wards: Vec::new(),
                members: Vec::new(),
                bodies: Vec::new(),
                key_decision_thresholds: None,
                call_in_policy: e.call_in_policy.clone(),
                closure_days: BTreeMap::new(),
                status_labels: e.status_labels.clone(),
                forward_plans: Vec::new(),
                version: 1,
            }),
            (None, _) => None,
            (Some(mut council), event) => {
                council.apply(event);
                Some(council)
            }
        }
    }

    fn apply(&mut self, event: &CouncilEvent) {
        self.version += 1;
        match event {
            CouncilEvent::Registered(_) => {}
            CouncilEvent::Renamed(e) => {
                let old = std::mem::replace(&mut self.name, e.name.clone());
                self.former_names.push(old);
            }
            CouncilEvent::WardAdded(e) => self.wards.push(Ward {
                id: e.ward_id,
                name: e.name.clone(),
                former_names: Vec::new(),
                retired_on: None,
            }),
            CouncilEvent::MemberAdded(e) => self.members.push(Member {
                id: e.member_id,
                name: e.name.clone(),
                party: e.party.clone(),
                left_on: None,
            }),
            CouncilEvent::MemberLeft(e) => {
                if let Some(member) = self.members.iter_mut().find(|m| m.id == e.member_id) {
                    member.left_on = Some(e.on);
                }
            }
            CouncilEvent::WardRenamed(e) => {
                if let Some(ward) = self.wards.iter_mut().find(|w| w.id == e.ward_id) {
                    let old = std::mem::replace(&mut ward.name, e.name.clone());
                    ward.former_names.push(old);
                }
            }
            CouncilEvent::WardRetired(e) => {
                if let Some(ward) = self.wards.iter_mut().find(|w| w.id == e.ward_id) {
                    ward.retired_on = Some(e.on);
                }
            }
            CouncilEvent::BodyAdded(e) => self.bodies.push(Body {
                id: e.body_id,
                name: e.name.clone(),
                kind: e.kind,
                former_names: Vec::new(),
                retired_on: None,
            }),
            CouncilEvent::BodyRenamed(e) => {
                if let Some(body) = self.bodies.iter_mut().find(|b| b.id == e.body_id) {
                    let old = std::mem::replace(&mut body.name, e.name.clone());
                    body.former_names.push(old);
                }
            }
            CouncilEvent::BodyRetired(e) => {
                if let Some(body) = self.bodies.iter_mut().find(|b| b.id == e.body_id) {
                    body.retired_on = Some(e.on);
                }
            }
            CouncilEvent::KeyDecisionThresholdsSet(e) => {
                self.key_decision_thresholds = Some(e.thresholds)
            }
            CouncilEvent::CallInPolicySet(e) => self.call_in_policy = e.policy.clone(),
            CouncilEvent::ClosureDayAdded(e) => {
                self.closure_days.insert(e.date, e.reason.clone());
            }
            CouncilEvent::ClosureDayRemoved(e) => {
                self.closure_days.remove(&e.date);
            }
            CouncilEvent::StatusLabelMapped(e) => {
                let key = e.label.normalised();
                self.status_labels.retain(|m| m.label.normalised() != key);
                self.status_labels.push(StatusLabelMapping {
                    label: e.label.clone(),
                    status: e.status,
                });
            }
            CouncilEvent::StatusLabelUnmapped(e) => {
                let key = e.label.normalised();
                self.status_labels.retain(|m| m.label.normalised() != key);
            }
            CouncilEvent::ForwardPlanPublished(e) => {
                forward_plan::apply_published(&mut self.forward_plans, e)
            }
            CouncilEvent::ForwardPlanRefreshed(e) => {
                forward_plan::apply_refreshed(&mut self.forward_plans, e)
            }
            // The records that held the values fold again without them; the council is as it was.
            CouncilEvent::PersonalDataErased(_) => {}
        }
    }

    /// Decides a council command against the folded stream (`None` before
    /// registration).
    pub fn handle(
        state: Option<&Council>,
        command: &CouncilCommand,
    ) -> Result<Decided, CouncilError> {
        let event = match (state, command) {
            (
                None,
                CouncilCommand::Register {
                    slug,
                    name,
                    kind,
                    nation,
                },
            ) => CouncilEvent::Registered(CouncilRegistered {
                slug: slug.clone(),
                name: name.clone(),
                kind: *kind,
                nation: *nation,
                call_in_policy: CallInPolicy::default(),
                status_labels: default_status_labels(),
            }),
            (Some(_), CouncilCommand::Register { .. }) => {
                return Err(CouncilError::AlreadyRegistered);
            }
            (None, _) => return Err(CouncilError::NotRegistered),
            (Some(council), command) => council.decide_change(command)?,
        };
        Ok(Decided::from_events(vec![Event::Council(event)]))
    }

    fn decide_change(&self, command: &CouncilCommand) -> Result<CouncilEvent, CouncilError> {
        use CouncilCommand as C;
        Ok(match command {
            C::Register { .. } => return Err(CouncilError::AlreadyRegistered),
            C::Rename { name } => {
                if name == &self.name {
                    return Err(CouncilError::NameUnchanged);
                }
                CouncilEvent::Renamed(CouncilRenamed { name: name.clone() })
            }
            C::AddWard { ward, name } => {
                if self.ward(*ward).is_some() {
                    return Err(CouncilError::WardAlreadyExists(*ward));
                }
                if self
                    .wards
                    .iter()
                    .any(|w| w.retired_on.is_none() && same_name(&w.name, name))
                {
                    return Err(CouncilError::WardNameTaken(name.to_string()));
                }
                CouncilEvent::WardAdded(WardAdded {
                    ward_id: *ward,
                    name: name.clone(),
                })
            }
            C::RenameWard { ward, name } => {
                let current = self.ward(*ward).ok_or(CouncilError::WardNotFound(*ward))?;
                if &current.name == name {
                    return Err(CouncilError::NameUnchanged);
                }
                if self
                    .wards
                    .iter()
                    .any(|w| w.id != *ward && w.retired_on.is_none() && same_name(&w.name, name))
                {
                    return Err(CouncilError::WardNameTaken(name.to_string()));
                }
                CouncilEvent::WardRenamed(WardRenamed {
                    ward_id: *ward,
                    name: name.clone(),
                })
            }
            C::RetireWard { ward, on } => {
                let current = self.ward(*ward).ok_or(CouncilError::WardNotFound(*ward))?;
                if current.retired_on.is_some() {
                    return Err(CouncilError::WardAlreadyRetired(*ward));
                }
                CouncilEvent::WardRetired(WardRetired {
                    ward_id: *ward,
                    on: *on,
                })
            }
            C::AddMember {
                member,
                name,
                party,
            } => {
                if self.member(*member).is_some() {
                    return Err(CouncilError::MemberAlreadyExists(*member));
                }
                CouncilEvent::MemberAdded(MemberAdded {
                    member_id: *member,
                    name: name.clone(),
                    party: party.clone(),
                })
            }
            C::RecordMemberLeft { member, on } => {
                let current = self
                    .member(*member)
                    .ok_or(CouncilError::MemberNotFound(*member))?;
                if current.left_on.is_some() {
                    return Err(CouncilError::MemberAlreadyLeft(*member));
                }
                CouncilEvent::MemberLeft(MemberLeft {
                    member_id: *member,
                    on: *on,
                })
            }
            C::AddBody { body, name, kind } => {
                if self.body(*body).is_some() {
                    return Err(CouncilError::BodyAlreadyExists(*body));
                }
                if self
                    .bodies
                    .iter()
                    .any(|b| b.retired_on.is_none() && same_name(&b.name, name))
                {
                    return Err(CouncilError::BodyNameTaken(name.to_string()));
                }
                CouncilEvent::BodyAdded(BodyAdded {
                    body_id: *body,
                    name: name.clone(),
                    kind: *kind,
                })
            }
            C::RenameBody { body, name } => {
                let current = self.body(*body).ok_or(CouncilError::BodyNotFound(*body))?;
                if &current.name == name {
                    return Err(CouncilError::NameUnchanged);
                }
                if self
                    .bodies
                    .iter()
                    .any(|b| b.id != *body && b.retired_on.is_none() && same_name(&b.name, name))
                {
                    return Err(CouncilError::BodyNameTaken(name.to_string()));
                }
                CouncilEvent::BodyRenamed(BodyRenamed {
                    body_id: *body,
                    name: name.clone(),
                })
            }
            C::RetireBody { body, on } => {
                let current = self.body(*body).ok_or(CouncilError::BodyNotFound(*body))?;
                if current.retired_on.is_some() {
                    return Err(CouncilError::BodyAlreadyRetired(*body));
                }
                CouncilEvent::BodyRetired(BodyRetired {
                    body_id: *body,
                    on: *on,
                })
            }
            C::SetKeyDecisionThresholds { thresholds } => {
                if self.key_decision_thresholds.as_ref() == Some(thresholds) {
                    return Err(CouncilError::SettingUnchanged);
                }
                CouncilEvent::KeyDecisionThresholdsSet(KeyDecisionThresholdsSet {
                    thresholds: *thresholds,
                })
            }
            C::SetCallInPolicy { policy } => {
                if &self.call_in_policy == policy {
                    return Err(CouncilError::SettingUnchanged);
                }
                CouncilEvent::CallInPolicySet(CallInPolicySet {
                    policy: policy.clone(),
                })
            }
            C::AddClosureDay { date, reason } => {
                if self.closure_days.contains_key(date) {
                    return Err(CouncilError::ClosureDayAlreadyAdded(*date));
                }
                CouncilEvent::ClosureDayAdded(ClosureDayAdded {
                    date: *date,
                    reason: reason.clone(),
                })
            }
            C::RemoveClosureDay { date } => {
                if !self.closure_days.contains_key(date) {
                    return Err(CouncilError::ClosureDayNotFound(*date));
                }
                CouncilEvent::ClosureDayRemoved(ClosureDayRemoved { date: *date })
            }
            C::MapStatusLabel { label, status } => {
                if self
                    .status_labels
                    .iter()
                    .any(|m| &m.label == label && m.status == *status)
                {
                    return Err(CouncilError::StatusLabelAlreadyMapped(label.clone()));
                }
                CouncilEvent::StatusLabelMapped(StatusLabelMapped {
                    label: label.clone(),
                    status: *status,
                })
            }
            C::UnmapStatusLabel { label } => {
                if self.status_for_label(label).is_none() {
                    return Err(CouncilError::StatusLabelNotFound(label.clone()));
                }
                CouncilEvent::StatusLabelUnmapped(StatusLabelUnmapped {
                    label: label.clone(),
                })
            }
            C::ForwardPlan(command) => match forward_plan::decide_plan(
                &self.forward_plans,
                |body| self.body(body).is_some(),
                command,
            )
            .map_err(CouncilError::ForwardPlan)?
            {
                PlanEvent::Published(e) => CouncilEvent::ForwardPlanPublished(e),
                PlanEvent::Refreshed(e) => CouncilEvent::ForwardPlanRefreshed(e),
            },
            C::ErasePersonalData {
                commitments,
                records,
                reason,
            } => {
                if commitments.is_empty() {
                    return Err(CouncilError::NothingToErase);
                }
                CouncilEvent::PersonalDataErased(crate::personal::PersonalDataErased {
                    commitments: commitments.clone(),
                    records: records.clone(),
                    reason: reason.clone(),
                })
            }
        })
    }

    /// The working-day calendar for call-in: the nation's bank holidays plus
    /// the council's own closure days.
    pub fn calendar(&self) -> WorkingDayCalendar {
        WorkingDayCalendar::new(self.nation.division(), self.closure_days.keys().copied())
    }

    /// The tenant slug.
    pub fn slug(&self) -> &Slug {
        &self.slug
    }

    /// The current name.
    pub fn name(&self) -> &Name {
        &self.name
    }

    /// Earlier names, oldest first.
    pub fn former_names(&self) -> &[Name] {
        &self.former_names
    }

    /// The legal kind.
    pub fn kind(&self) -> CouncilKind {
        self.kind
    }

    /// The nation.
    pub fn nation(&self) -> Nation {
        self.nation
    }

    /// All wards ever added, in order, retired ones included (old decisions
    /// refer to them).
    pub fn wards(&self) -> &[Ward] {
        &self.wards
    }

    /// Every member ever listed, in order, those who left included (old records name them).
    pub fn members(&self) -> &[Member] {
        &self.members
    }

    /// One member by id.
    pub fn member(&self, id: MemberId) -> Option<&Member> {
        self.members.iter().find(|m| m.id == id)
    }

    /// One ward by id.
    pub fn ward(&self, id: WardId) -> Option<&Ward> {
        self.wards.iter().find(|w| w.id == id)
    }

    /// All bodies ever added, retired ones included.
    pub fn bodies(&self) -> &[Body] {
        &self.bodies
    }

    /// One body by id.
    pub fn body(&self, id: BodyId) -> Option<&Body> {
        self.bodies.iter().find(|b| b.id == id)
    }

    /// The key-decision thresholds, if the council has set them.
    pub fn key_decision_thresholds(&self) -> Option<&KeyDecisionThresholds> {
        self.key_decision_thresholds.as_ref()
    }

    /// The call-in policy in force.
    pub fn call_in_policy(&self) -> &CallInPolicy {
        &self.call_in_policy
    }

    /// The kind of a body of the council, `None` if the council has no such body. Kept as one
    /// small function so the decision rules ask the same question the same way.
    pub fn body_kind(&self, id: BodyId) -> Option<BodyKind> {
        self.body(id).map(|b| b.kind)
    }

    /// Extra days the offices are closed, with reasons where given.
    pub fn closure_days(&self) -> &BTreeMap<NaiveDate, Option<Reason>> {
        &self.closure_days
    }

    /// The council's status labels and their meanings.
    pub fn status_labels(&self) -> &[StatusLabelMapping] {
        &self.status_labels
    }

    /// What one of the council's labels means, comparing case- and
    /// space-insensitively.
    pub fn status_for_label(&self, label: &StatusLabel) -> Option<CanonicalStatus> {
        let key = label.normalised();
        self.status_labels
            .iter()
            .find(|m| m.label.normalised() == key)
            .map(|m| m.status)
    }

    /// The forward plan documents published, in order of publication.
    pub fn forward_plans(&self) -> &[PublishedPlan] {
        &self.forward_plans
    }

    /// A forward plan document by id.
    pub fn forward_plan(&self, id: crate::values::ForwardPlanId) -> Option<&PublishedPlan> {
        self.forward_plans.iter().find(|p| p.id == id)
    }

    /// How many events have been applied: the stream version this state
    /// reflects.
    pub fn version(&self) -> u64 {
        self.version
    }
}

fn same_name(a: &Name, b: &Name) -> bool {
    a.as_str().to_lowercase() == b.as_str().to_lowercase()
}

#[cfg(test)]
mod tests;
