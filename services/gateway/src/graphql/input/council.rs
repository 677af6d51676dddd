//! Inputs of the council commands: registration (platform) and reference data (council).

use super::{Checks, InputErrors};
use async_graphql::InputObject;
use civic_domain::council::{
    CalendarDays, CallInArrangement, CallInDeadline, CallInPeriod, CallInPolicy, CallInRule,
    CouncilCommand, DecisionMakerCallIn, KeyDecisionThresholds,
};
use civic_domain::values::{BodyId, MemberId, Name, Pence, Reason, Slug, StatusLabel, WardId};
use uuid::Uuid;

use super::{With, at, malformed, optional};
use crate::graphql::enums::{
    BodyKind, CanonicalStatus, CouncilKind, CountedFrom, DeadlineWeekday, Nation, TakesEffect,
};
use crate::graphql::scalars::{Date, Time};

/// A new council (tenant).
#[derive(InputObject, Debug, Clone)]
pub struct RegisterCouncilInput {
    /// Its URL slug: lower-case letters, digits and single hyphens, e.g. `tunbridge-wells`.
    pub slug: String,
    /// Its full name, e.g. "Maidstone Borough Council".
    pub name: String,
    /// Its legal kind.
    pub kind: CouncilKind,
    /// Its nation (bank holidays and exemption scheme).
    pub nation: Nation,
}

impl TryFrom<&RegisterCouncilInput> for CouncilCommand {
    type Error = InputErrors;
    fn try_from(input: &RegisterCouncilInput) -> Result<Self, Self::Error> {
        Ok(CouncilCommand::Register {
            slug: at("slug", Slug::parse(&input.slug))?,
            name: at("name", Name::parse(&input.name))?,
            kind: input.kind.into(),
            nation: input.nation.into(),
        })
    }
}

/// The council's new name.
#[derive(InputObject, Debug, Clone)]
pub struct RenameCouncilInput {
    /// The new name.
    pub name: String,
}

impl TryFrom<&RenameCouncilInput> for CouncilCommand {
    type Error = InputErrors;
    fn try_from(input: &RenameCouncilInput) -> Result<Self, Self::Error> {
        Ok(CouncilCommand::Rename {
            name: at("name", Name::parse(&input.name))?,
        })
    }
}

/// A new ward.
#[derive(InputObject, Debug, Clone)]
pub struct AddWardInput {
    /// The ward's id; defaults to the idempotency key, so a retried request names the same ward.
    pub ward_id: Option<Uuid>,
    /// Its name.
    pub name: String,
}

impl TryFrom<With<'_, AddWardInput, WardId>> for CouncilCommand {
    type Error = InputErrors;
    fn try_from(
        With { input, with: ward }: With<'_, AddWardInput, WardId>,
    ) -> Result<Self, Self::Error> {
        Ok(CouncilCommand::AddWard {
            ward,
            name: at("name", Name::parse(&input.name))?,
        })
    }
}

/// A new member (councillor) in the council's list.
#[derive(InputObject, Debug, Clone)]
pub struct AddMemberInput {
    /// The member's id; defaults to the idempotency key, so a retried request names the same
    /// member.
    pub member_id: Option<Uuid>,
    /// Their name, e.g. "Cllr Paul Taylor".
    pub name: String,
    /// Their party or group, if the council lists one.
    pub party: Option<String>,
}

impl TryFrom<With<'_, AddMemberInput, MemberId>> for CouncilCommand {
    type Error = InputErrors;
    fn try_from(
        With {
            input,
            with: member,
        }: With<'_, AddMemberInput, MemberId>,
    ) -> Result<Self, Self::Error> {
        let mut c = Checks::default();
        let name = c.check(at("name", Name::parse(&input.name)));
        let party = c.check(optional("party", input.party.as_deref(), Name::parse));
        c.finish(|| {
            Some(CouncilCommand::AddMember {
                member,
                name: name?,
                party: party?,
            })
        })
    }
}

/// A member leaving office.
#[derive(InputObject, Debug, Clone)]
pub struct RecordMemberLeftInput {
    /// The member.
    pub member_id: Uuid,
    /// The first day they no longer hold office.
    pub on: Date,
}

impl TryFrom<&RecordMemberLeftInput> for CouncilCommand {
    type Error = InputErrors;
    fn try_from(input: &RecordMemberLeftInput) -> Result<Self, Self::Error> {
        Ok(CouncilCommand::RecordMemberLeft {
            member: MemberId::from_uuid(input.member_id),
            on: input.on.into(),
        })
    }
}

/// A ward's new name.
#[derive(InputObject, Debug, Clone)]
pub struct RenameWardInput {
    /// The ward.
    pub ward_id: Uuid,
    /// Its new name.
    pub name: String,
}

impl TryFrom<&RenameWardInput> for CouncilCommand {
    type Error = InputErrors;
    fn try_from(input: &RenameWardInput) -> Result<Self, Self::Error> {
        Ok(CouncilCommand::RenameWard {
            ward: WardId::from_uuid(input.ward_id),
            name: at("name", Name::parse(&input.name))?,
        })
    }
}

/// A ward abolished by a boundary review.
#[derive(InputObject, Debug, Clone)]
pub struct RetireWardInput {
    /// The ward.
    pub ward_id: Uuid,
    /// The first day it no longer exists.
    pub on: Date,
}

impl TryFrom<&RetireWardInput> for CouncilCommand {
    type Error = InputErrors;
    fn try_from(input: &RetireWardInput) -> Result<Self, Self::Error> {
        Ok(CouncilCommand::RetireWard {
            ward: WardId::from_uuid(input.ward_id),
            on: input.on.into(),
        })
    }
}

/// A new decision-making body.
#[derive(InputObject, Debug, Clone)]
pub struct AddBodyInput {
    /// The body's id; defaults to the idempotency key.
    pub body_id: Option<Uuid>,
    /// Its name, e.g. "Cabinet".
    pub name: String,
    /// Its kind.
    pub kind: BodyKind,
}

impl TryFrom<With<'_, AddBodyInput, BodyId>> for CouncilCommand {
    type Error = InputErrors;
    fn try_from(
        With { input, with: body }: With<'_, AddBodyInput, BodyId>,
    ) -> Result<Self, Self::Error> {
        Ok(CouncilCommand::AddBody {
            body,
            name: at("name", Name::parse(&input.name))?,
            kind: input.kind.into(),
        })
    }
}

/// A body's new name.
#[derive(InputObject, Debug, Clone)]
pub struct RenameBodyInput {
    /// The body.
    pub body_id: Uuid,
    /// Its new name.
    pub name: String,
}

impl TryFrom<&RenameBodyInput> for CouncilCommand {
    type Error = InputErrors;
    fn try_from(input: &RenameBodyInput) -> Result<Self, Self::Error> {
        Ok(CouncilCommand::RenameBody {
            body: BodyId::from_uuid(input.body_id),
            name: at("name", Name::parse(&input.name))?,
        })
    }
}

/// A body dissolved.
#[derive(InputObject, Debug, Clone)]
pub struct RetireBodyInput {
    /// The body.
    pub body_id: Uuid,
    /// The first day it no longer exists.
    pub on: Date,
}

impl TryFrom<&RetireBodyInput> for CouncilCommand {
    type Error = InputErrors;
    fn try_from(input: &RetireBodyInput) -> Result<Self, Self::Error> {
        Ok(CouncilCommand::RetireBody {
            body: BodyId::from_uuid(input.body_id),
            on: input.on.into(),
        })
    }
}

/// The council's key-decision thresholds, in pence.
#[derive(InputObject, Debug, Clone)]
pub struct SetKeyDecisionThresholdsInput {
    /// Spending at or above this is significant, in pence (e.g. 25000000 for £250,000).
    pub spending_pence: i64,
    /// Savings at or above this are significant, in pence.
    pub savings_pence: i64,
    /// Whether a decision significant in two or more wards is key.
    pub significant_in_two_or_more_wards: bool,
}

impl TryFrom<&SetKeyDecisionThresholdsInput> for CouncilCommand {
    type Error = InputErrors;
    fn try_from(input: &SetKeyDecisionThresholdsInput) -> Result<Self, Self::Error> {
        Ok(CouncilCommand::SetKeyDecisionThresholds {
            thresholds: KeyDecisionThresholds {
                spending: at("spendingPence", Pence::parse(input.spending_pence))?,
                savings: at("savingsPence", Pence::parse(input.savings_pence))?,
                significant_in_two_or_more_wards: input.significant_in_two_or_more_wards,
            },
        })
    }
}

/// The council's call-in rules, from its constitution: the council-wide rule (its fields here,
/// as before kinds of decision maker had their own), and the arrangements for kinds of decision
/// maker that differ from it. Give exactly one of `periodWorkingDays`, `calendarDays` and
/// `weekdayOfFollowingWeek`.
#[derive(InputObject, Debug, Clone)]
pub struct SetCallInPolicyInput {
    /// Working days members have to call a decision in (1 to 15).
    pub period_working_days: Option<u8>,
    /// Calendar days members have to call a decision in (1 to 31).
    pub calendar_days: Option<u8>,
    /// The weekday of the following week that is the last day ("the Friday of the following
    /// week").
    pub weekday_of_following_week: Option<DeadlineWeekday>,
    /// The time on the last day by which a call-in must be made ("17:00"), if stated.
    pub deadline_time: Option<Time>,
    /// What the period is counted from.
    pub counted_from: CountedFrom,
    /// When an uncalled decision takes effect.
    pub takes_effect: TakesEffect,
    /// Kinds of decision maker whose decisions are treated differently, each at most once.
    #[graphql(default)]
    pub by_decision_maker: Vec<DecisionMakerCallInInput>,
}

/// One call-in rule. Give exactly one of `periodWorkingDays`, `calendarDays` and
/// `weekdayOfFollowingWeek`.
#[derive(InputObject, Debug, Clone)]
pub struct CallInRuleInput {
    /// Working days members have to call a decision in (1 to 15).
    pub period_working_days: Option<u8>,
    /// Calendar days members have to call a decision in (1 to 31).
    pub calendar_days: Option<u8>,
    /// The weekday of the following week that is the last day.
    pub weekday_of_following_week: Option<DeadlineWeekday>,
    /// The time on the last day by which a call-in must be made, if stated.
    pub deadline_time: Option<Time>,
    /// What the period is counted from.
    pub counted_from: CountedFrom,
    /// When an uncalled decision takes effect.
    pub takes_effect: TakesEffect,
}

/// The call-in arrangement for one kind of decision maker: not subject to call-in, or its own
/// rule.
#[derive(InputObject, Debug, Clone)]
pub struct DecisionMakerCallInInput {
    /// The kind of decision maker.
    pub decision_maker: BodyKind,
    /// Whether its decisions are not subject to call-in (then give no `rule`).
    #[graphql(default)]
    pub not_subject_to_call_in: bool,
    /// Its own rule, when its decisions can be called in.
    pub rule: Option<CallInRuleInput>,
}

/// Builds a rule from the fields shared by [`SetCallInPolicyInput`] and [`CallInRuleInput`];
/// `path` prefixes the field names in errors.
fn rule(
    path: &str,
    period_working_days: Option<u8>,
    calendar_days: Option<u8>,
    weekday: Option<DeadlineWeekday>,
    deadline_time: Option<Time>,
    counted_from: CountedFrom,
    takes_effect: TakesEffect,
) -> Result<CallInRule, InputErrors> {
    let deadline = match (period_working_days, calendar_days, weekday) {
        (Some(days), None, None) => CallInDeadline::WorkingDays {
            period: at(
                &format!("{path}periodWorkingDays"),
                CallInPeriod::parse(days),
            )?,
        },
        (None, Some(days), None) => CallInDeadline::CalendarDays {
            days: at(&format!("{path}calendarDays"), CalendarDays::parse(days))?,
        },
        (None, None, Some(weekday)) => CallInDeadline::WeekdayOfFollowingWeek {
            weekday: weekday.into(),
        },
        _ => {
            return Err(malformed(
                &format!("{path}periodWorkingDays"),
                "call-in deadline",
                "give exactly one of periodWorkingDays, calendarDays and weekdayOfFollowingWeek",
            )
            .into());
        }
    };
    Ok(CallInRule {
        deadline,
        deadline_time: deadline_time.map(Into::into),
        counted_from: counted_from.into(),
        takes_effect: takes_effect.into(),
    })
}

impl DecisionMakerCallInInput {
    fn arrangement(&self, path: &str) -> Result<DecisionMakerCallIn, InputErrors> {
        let arrangement = match (&self.rule, self.not_subject_to_call_in) {
            (None, true) => CallInArrangement::NotSubjectToCallIn,
            (Some(r), false) => CallInArrangement::Window {
                rule: rule(
                    &format!("{path}.rule."),
                    r.period_working_days,
                    r.calendar_days,
                    r.weekday_of_following_week,
                    r.deadline_time,
                    r.counted_from,
                    r.takes_effect,
                )?,
            },
            _ => {
                return Err(malformed(
                    &format!("{path}.rule"),
                    "call-in arrangement",
                    "give a rule, or notSubjectToCallIn: true, not both",
                )
                .into());
            }
        };
        Ok(DecisionMakerCallIn {
            decision_maker: self.decision_maker.into(),
            arrangement,
        })
    }
}

impl TryFrom<&SetCallInPolicyInput> for CouncilCommand {
    type Error = InputErrors;
    fn try_from(input: &SetCallInPolicyInput) -> Result<Self, Self::Error> {
        let default = rule(
            "",
            input.period_working_days,
            input.calendar_days,
            input.weekday_of_following_week,
            input.deadline_time,
            input.counted_from,
            input.takes_effect,
        )?;
        let by_kind = input
            .by_decision_maker
            .iter()
            .enumerate()
            .map(|(n, entry)| entry.arrangement(&format!("byDecisionMaker[{n}]")))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(CouncilCommand::SetCallInPolicy {
            policy: at("byDecisionMaker", CallInPolicy::new(default, by_kind))?,
        })
    }
}

/// A day the council's offices are closed.
#[derive(InputObject, Debug, Clone)]
pub struct AddClosureDayInput {
    /// The day.
    pub date: Date,
    /// Why, if known.
    pub reason: Option<String>,
}

impl TryFrom<&AddClosureDayInput> for CouncilCommand {
    type Error = InputErrors;
    fn try_from(input: &AddClosureDayInput) -> Result<Self, Self::Error> {
        Ok(CouncilCommand::AddClosureDay {
            date: input.date.into(),
            reason: optional("reason", input.reason.as_deref(), Reason::parse)?,
        })
    }
}

/// A closure day added by mistake.
#[derive(InputObject, Debug, Clone)]
pub struct RemoveClosureDayInput {
    /// The day.
    pub date: Date,
}

impl TryFrom<&RemoveClosureDayInput> for CouncilCommand {
    type Error = InputErrors;
    fn try_from(input: &RemoveClosureDayInput) -> Result<Self, Self::Error> {
        Ok(CouncilCommand::RemoveClosureDay {
            date: input.date.into(),
        })
    }
}

/// What one of the council's status labels means.
#[derive(InputObject, Debug, Clone)]
pub struct MapStatusLabelInput {
    /// The council's words, e.g. "Recommendations Approved".
    pub label: String,
    /// Their meaning.
    pub status: CanonicalStatus,
}

impl TryFrom<&MapStatusLabelInput> for CouncilCommand {
    type Error = InputErrors;
    fn try_from(input: &MapStatusLabelInput) -> Result<Self, Self::Error> {
        Ok(CouncilCommand::MapStatusLabel {
            label: at("label", StatusLabel::parse(&input.label))?,
            status: input.status.into(),
        })
    }
}

/// A status label to forget.
#[derive(InputObject, Debug, Clone)]
pub struct UnmapStatusLabelInput {
    /// The council's words.
    pub label: String,
}

impl TryFrom<&UnmapStatusLabelInput> for CouncilCommand {
    type Error = InputErrors;
    fn try_from(input: &UnmapStatusLabelInput) -> Result<Self, Self::Error> {
        Ok(CouncilCommand::UnmapStatusLabel {
            label: at("label", StatusLabel::parse(&input.label))?,
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::graphql::objects::council::CallInPolicy as PolicyObject;
    use chrono::NaiveTime;

    /// Every combination of stated and not-stated rule fields: accepted exactly when one
    /// deadline form is given, and then shown back by GraphQL as given, after the trip through
    /// the stored JSON (events and views hold the policy as this JSON).
    #[test]
    fn every_combination_of_policy_fields_round_trips_or_is_refused() {
        let times = [None, Some(Time(NaiveTime::from_hms_opt(17, 0, 0).unwrap()))];
        let by_kinds = [
            vec![],
            vec![DecisionMakerCallInInput {
                decision_maker: BodyKind::Officer,
                not_subject_to_call_in: true,
                rule: None,
            }],
            vec![DecisionMakerCallInInput {
                decision_maker: BodyKind::ElectedMayor,
                not_subject_to_call_in: false,
                rule: Some(CallInRuleInput {
                    period_working_days: None,
                    calendar_days: Some(7),
                    weekday_of_following_week: None,
                    deadline_time: times[1],
                    counted_from: CountedFrom::Decision,
                    takes_effect: TakesEffect::NextWorkingDayAfterLastDay,
                }),
            }],
        ];
        let mut accepted = 0;
        for period_working_days in [None, Some(5)] {
            for calendar_days in [None, Some(10)] {
                for weekday_of_following_week in [None, Some(DeadlineWeekday::Friday)] {
                    for deadline_time in times {
                        for counted_from in [CountedFrom::Publication, CountedFrom::Decision] {
                            for takes_effect in [
                                TakesEffect::DayAfterLastDay,
                                TakesEffect::LastDay,
                                TakesEffect::NextWorkingDayAfterLastDay,
                            ] {
                                for by_decision_maker in &by_kinds {
                                    let input = SetCallInPolicyInput {
                                        period_working_days,
                                        calendar_days,
                                        weekday_of_following_week,
                                        deadline_time,
                                        counted_from,
                                        takes_effect,
                                        by_decision_maker: by_decision_maker.clone(),
                                    };
                                    let forms = [
                                        period_working_days.is_some(),
                                        calendar_days.is_some(),
                                        weekday_of_following_week.is_some(),
                                    ]
                                    .iter()
                                    .filter(|given| **given)
                                    .count();
                                    let command = CouncilCommand::try_from(&input);
                                    let Ok(CouncilCommand::SetCallInPolicy { policy }) = command
                                    else {
                                        assert_ne!(forms, 1, "{input:?}");
                                        continue;
                                    };
                                    assert_eq!(forms, 1, "{input:?}");
                                    accepted += 1;
                                    let stored = serde_json::to_value(&policy).unwrap();
                                    let policy: CallInPolicy =
                                        serde_json::from_value(stored).unwrap();
                                    let shown = PolicyObject::from(policy);
                                    let rule = &shown.default;
                                    assert_eq!(rule.period_working_days, period_working_days);
                                    assert_eq!(rule.calendar_days, calendar_days);
                                    assert_eq!(
                                        rule.weekday_of_following_week,
                                        weekday_of_following_week
                                    );
                                    assert_eq!(rule.deadline_time, deadline_time);
                                    assert_eq!(rule.counted_from, counted_from);
                                    assert_eq!(rule.takes_effect, takes_effect);
                                    assert_eq!(
                                        shown.by_decision_maker.len(),
                                        by_decision_maker.len()
                                    );
                                    for (shown, given) in
                                        shown.by_decision_maker.iter().zip(by_decision_maker)
                                    {
                                        assert_eq!(shown.decision_maker, given.decision_maker);
                                        assert_eq!(
                                            shown.not_subject_to_call_in,
                                            given.not_subject_to_call_in
                                        );
                                        assert_eq!(
                                            shown.rule.as_ref().and_then(|r| r.calendar_days),
                                            given.rule.as_ref().and_then(|r| r.calendar_days)
                                        );
                                        assert_eq!(
                                            shown.rule.as_ref().and_then(|r| r.deadline_time),
                                            given.rule.as_ref().and_then(|r| r.deadline_time)
                                        );
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        assert_eq!(accepted, 3 * 2 * 2 * 3 * 3);
    }
}
