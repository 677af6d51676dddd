//! The council and its reference data: wards and bodies over time, and the policies that
//! explain its decisions' dates.

use async_graphql::{ID, Object, SimpleObject};
use civic_domain::council::{
    CallInArrangement, CallInDeadline, CallInPolicy as DomainCallInPolicy,
    CallInRule as DomainCallInRule, KeyDecisionThresholds as DomainThresholds, StatusLabelMapping,
};
use civic_projections::views::{BodyView, ClosureDayView, CouncilView, MemberView, WardView};
use uuid::Uuid;

use crate::graphql::enums::{
    BodyKind, CallInDeadlineForm, CanonicalStatus, CouncilKind, CountedFrom, DeadlineWeekday,
    Nation, TakesEffect,
};
use crate::graphql::global_id::{self, NodeKind};
use crate::graphql::scalars::{Date, Time};

/// A council (tenant) and its reference data. Public to everyone.
pub struct Council(pub CouncilView);

#[Object]
impl Council {
    /// The council's global id.
    pub async fn id(&self) -> ID {
        global_id::id(NodeKind::Council, self.0.tenant, self.0.tenant.as_uuid())
    }

    /// Its URL slug, e.g. `maidstone`: its register is at `/councils/{slug}/graphql`.
    async fn slug(&self) -> &str {
        self.0.slug.as_str()
    }

    /// Its current name, e.g. "Maidstone Borough Council".
    async fn name(&self) -> &str {
        self.0.name.as_str()
    }

    /// Earlier names, oldest first.
    async fn former_names(&self) -> Vec<&str> {
        self.0.former_names.iter().map(|n| n.as_str()).collect()
    }

    /// Its legal kind.
    async fn kind(&self) -> CouncilKind {
        self.0.kind.into()
    }

    /// Its nation (bank holidays and exemption scheme).
    async fn nation(&self) -> Nation {
        self.0.nation.into()
    }

    /// Every ward ever added, retired ones included: old decisions refer to them.
    async fn wards(&self) -> Vec<Ward<'_>> {
        self.0.wards.iter().map(Ward).collect()
    }

    /// Every decision-making body ever added, retired ones included.
    async fn bodies(&self) -> Vec<Body<'_>> {
        self.0.bodies.iter().map(Body).collect()
    }

    /// Every member (councillor) ever listed, those who left included: old records name them.
    async fn members(&self) -> Vec<Member<'_>> {
        self.0.members.iter().map(Member).collect()
    }

    /// How call-in periods are counted: explains each decision's deadline.
    async fn call_in_policy(&self) -> CallInPolicy {
        self.0.call_in_policy.clone().into()
    }

    /// The key-decision thresholds, if set.
    async fn key_decision_thresholds(&self) -> Option<KeyDecisionThresholds> {
        self.0.key_decision_thresholds.map(Into::into)
    }

    /// Days the offices are closed beyond bank holidays (not working days for call-in).
    async fn closure_days(&self) -> Vec<ClosureDay<'_>> {
        self.0.closure_days.iter().map(ClosureDay).collect()
    }

    /// The council's own status words and what each means.
    async fn status_labels(&self) -> Vec<StatusLabel<'_>> {
        self.0.status_labels.iter().map(StatusLabel).collect()
    }

    /// The forward plan documents it has published, in order of publication.
    async fn forward_plans(&self) -> Vec<super::forward_plan::ForwardPlanDocument<'_>> {
        self.0
            .forward_plans
            .iter()
            .map(super::forward_plan::ForwardPlanDocument)
            .collect()
    }

    /// The council stream's version: the `expectedVersion` for the next council command.
    async fn version(&self) -> u64 {
        self.0.version
    }
}

/// An electoral ward; renamed and retired at boundary reviews but keeping its id.
pub struct Ward<'a>(&'a WardView);

#[Object]
impl Ward<'_> {
    /// Stable id.
    async fn ward_id(&self) -> Uuid {
        self.0.id.as_uuid()
    }

    /// Current name.
    async fn name(&self) -> &str {
        self.0.name.as_str()
    }

    /// Earlier names, oldest first.
    async fn former_names(&self) -> Vec<&str> {
        self.0.former_names.iter().map(|n| n.as_str()).collect()
    }

    /// The first day it no longer existed, if it was retired.
    async fn retired_on(&self) -> Option<Date> {
        self.0.retired_on.map(Date)
    }
}

/// A member (councillor) the council lists.
pub struct Member<'a>(&'a MemberView);

#[Object]
impl Member<'_> {
    /// Stable id: records name members by it.
    async fn member_id(&self) -> Uuid {
        self.0.id.as_uuid()
    }

    /// Name, e.g. "Cllr Paul Taylor".
    async fn name(&self) -> &str {
        self.0.name.as_str()
    }

    /// Party or group, if listed.
    async fn party(&self) -> Option<&str> {
        self.0.party.as_ref().map(|p| p.as_str())
    }

    /// The first day they no longer held office, if they left.
    async fn left_on(&self) -> Option<Date> {
        self.0.left_on.map(Date)
    }
}

/// A decision-making body (cabinet, committee, portfolio holder, officer, full council).
pub struct Body<'a>(&'a BodyView);

#[Object]
impl Body<'_> {
    /// Stable id.
    async fn body_id(&self) -> Uuid {
        self.0.id.as_uuid()
    }

    /// Current name, e.g. "Cabinet".
    async fn name(&self) -> &str {
        self.0.name.as_str()
    }

    /// What kind of body it is (decides whether its decisions can be called in).
    async fn kind(&self) -> BodyKind {
        self.0.kind.into()
    }

    /// Earlier names, oldest first.
    async fn former_names(&self) -> Vec<&str> {
        self.0.former_names.iter().map(|n| n.as_str()).collect()
    }

    /// The first day it no longer existed, if it was dissolved.
    async fn retired_on(&self) -> Option<Date> {
        self.0.retired_on.map(Date)
    }
}

/// A council's rules for calling in executive decisions: a council-wide rule, and the
/// arrangements for kinds of decision maker that differ from it.
#[derive(SimpleObject)]
pub struct CallInPolicy {
    /// The council-wide rule.
    pub default: CallInRule,
    /// Kinds of decision maker whose decisions are treated differently.
    pub by_decision_maker: Vec<DecisionMakerCallIn>,
    /// The council-wide rule's working days (null when it is not a number of working days).
    #[graphql(deprecation = "use default.periodWorkingDays")]
    pub period_working_days: Option<u8>,
    /// The council-wide rule's counted-from.
    #[graphql(deprecation = "use default.countedFrom")]
    pub counted_from: CountedFrom,
    /// The council-wide rule's takes-effect.
    #[graphql(deprecation = "use default.takesEffect")]
    pub takes_effect: TakesEffect,
}

/// One call-in rule: how the last day is found, its time, what it is counted from and when an
/// uncalled decision takes effect.
#[derive(SimpleObject)]
pub struct CallInRule {
    /// Working days, calendar days, or a weekday of the following week.
    pub deadline_form: CallInDeadlineForm,
    /// The working days (WORKING_DAYS).
    pub period_working_days: Option<u8>,
    /// The calendar days (CALENDAR_DAYS).
    pub calendar_days: Option<u8>,
    /// The weekday (WEEKDAY_OF_FOLLOWING_WEEK).
    pub weekday_of_following_week: Option<DeadlineWeekday>,
    /// The time on the last day by which a call-in must be made; null when not stated.
    pub deadline_time: Option<Time>,
    /// What the period is counted from.
    pub counted_from: CountedFrom,
    /// When an uncalled decision takes effect.
    pub takes_effect: TakesEffect,
}

impl From<DomainCallInRule> for CallInRule {
    fn from(rule: DomainCallInRule) -> Self {
        let (deadline_form, period_working_days, calendar_days, weekday_of_following_week) =
            match rule.deadline {
                CallInDeadline::WorkingDays { period } => (
                    CallInDeadlineForm::WorkingDays,
                    Some(period.working_days()),
                    None,
                    None,
                ),
                CallInDeadline::CalendarDays { days } => (
                    CallInDeadlineForm::CalendarDays,
                    None,
                    Some(days.days()),
                    None,
                ),
                CallInDeadline::WeekdayOfFollowingWeek { weekday } => (
                    CallInDeadlineForm::WeekdayOfFollowingWeek,
                    None,
                    None,
                    Some(weekday.into()),
                ),
            };
        Self {
            deadline_form,
            period_working_days,
            calendar_days,
            weekday_of_following_week,
            deadline_time: rule.deadline_time.map(Time),
            counted_from: rule.counted_from.into(),
            takes_effect: rule.takes_effect.into(),
        }
    }
}

/// The call-in arrangement for one kind of decision maker.
#[derive(SimpleObject)]
pub struct DecisionMakerCallIn {
    /// The kind of decision maker.
    pub decision_maker: BodyKind,
    /// Whether its decisions are not subject to call-in.
    pub not_subject_to_call_in: bool,
    /// Its own rule, when its decisions can be called in.
    pub rule: Option<CallInRule>,
}

impl From<DomainCallInPolicy> for CallInPolicy {
    fn from(policy: DomainCallInPolicy) -> Self {
        let default = *policy.default_rule();
        let period_working_days = match default.deadline {
            CallInDeadline::WorkingDays { period } => Some(period.working_days()),
            _ => None,
        };
        Self {
            period_working_days,
            counted_from: default.counted_from.into(),
            takes_effect: default.takes_effect.into(),
            default: default.into(),
            by_decision_maker: policy
                .by_decision_maker()
                .iter()
                .map(|entry| {
                    let (not_subject_to_call_in, rule) = match entry.arrangement {
                        CallInArrangement::NotSubjectToCallIn => (true, None),
                        CallInArrangement::Window { rule } => (false, Some(rule.into())),
                    };
                    DecisionMakerCallIn {
                        decision_maker: entry.decision_maker.into(),
                        not_subject_to_call_in,
                        rule,
                    }
                })
                .collect(),
        }
    }
}

/// A council's thresholds for key decisions, in pence.
#[derive(SimpleObject)]
pub struct KeyDecisionThresholds {
    /// Spending at or above this is significant.
    pub spending_pence: i64,
    /// Savings at or above this are significant.
    pub savings_pence: i64,
    /// Whether a decision significant in two or more wards is key.
    pub significant_in_two_or_more_wards: bool,
}

impl From<DomainThresholds> for KeyDecisionThresholds {
    fn from(t: DomainThresholds) -> Self {
        Self {
            spending_pence: t.spending.get(),
            savings_pence: t.savings.get(),
            significant_in_two_or_more_wards: t.significant_in_two_or_more_wards,
        }
    }
}

/// A day the council's offices are closed.
pub struct ClosureDay<'a>(&'a ClosureDayView);

#[Object]
impl ClosureDay<'_> {
    /// The day.
    async fn date(&self) -> Date {
        Date(self.0.date)
    }

    /// Why, if given.
    async fn reason(&self) -> Option<&str> {
        self.0.reason.as_ref().map(|r| r.as_str())
    }
}

/// One of the council's status labels and its meaning.
pub struct StatusLabel<'a>(&'a StatusLabelMapping);

#[Object]
impl StatusLabel<'_> {
    /// The council's words, e.g. "Recommendations Approved".
    async fn label(&self) -> &str {
        self.0.label.as_str()
    }

    /// What they mean.
    async fn status(&self) -> CanonicalStatus {
        self.0.status.into()
    }
}
