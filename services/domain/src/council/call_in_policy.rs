//! The council's call-in policy: how long members have to call a decision in, counted from
//! what, ending at what time, and when an uncalled decision takes effect; a council-wide rule
//! and, where the constitution says so, a different arrangement for a kind of decision maker
//! (e.g. officer decisions not subject to call-in, or an elected mayor's decisions with a
//! longer window).

use super::BodyKind;
use crate::values::ValueError;
use chrono::{NaiveTime, Weekday};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

/// The length of the call-in period in working days. Councils use 3 to 10;
/// 1 to 15 is accepted so unusual constitutions can still be recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct CallInPeriod(u8);

impl CallInPeriod {
    /// The usual period: five working days.
    pub const USUAL: CallInPeriod = CallInPeriod(5);

    /// Accepts 1 to 15 working days.
    pub fn parse(working_days: u8) -> Result<Self, ValueError> {
        if !(1..=15).contains(&working_days) {
            return Err(ValueError::OutOfRange {
                what: "call-in period in working days",
                min: 1,
                max: 15,
                actual: i64::from(working_days),
            });
        }
        Ok(Self(working_days))
    }

    /// The number of working days.
    pub fn working_days(self) -> u8 {
        self.0
    }
}

impl TryFrom<u8> for CallInPeriod {
    type Error = ValueError;
    fn try_from(days: u8) -> Result<Self, Self::Error> {
        Self::parse(days)
    }
}

impl From<CallInPeriod> for u8 {
    fn from(value: CallInPeriod) -> Self {
        value.0
    }
}

/// A call-in period in calendar days ("within seven days of publication"); 1 to 31.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct CalendarDays(u8);

impl CalendarDays {
    /// Accepts 1 to 31 days: longer periods are not call-in periods.
    pub fn parse(days: u8) -> Result<Self, ValueError> {
        if !(1..=31).contains(&days) {
            return Err(ValueError::OutOfRange {
                what: "call-in period in calendar days",
                min: 1,
                max: 31,
                actual: i64::from(days),
            });
        }
        Ok(Self(days))
    }

    /// The number of days.
    pub fn days(self) -> u8 {
        self.0
    }
}

impl TryFrom<u8> for CalendarDays {
    type Error = ValueError;
    fn try_from(days: u8) -> Result<Self, Self::Error> {
        Self::parse(days)
    }
}

impl From<CalendarDays> for u8 {
    fn from(value: CalendarDays) -> Self {
        value.0
    }
}

/// A weekday a stated call-in deadline falls on. Only Monday to Friday: no constitution sets
/// a call-in deadline on a day the offices are shut.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DeadlineWeekday {
    /// Monday.
    #[serde(rename = "monday")]
    Monday,
    /// Tuesday.
    #[serde(rename = "tuesday")]
    Tuesday,
    /// Wednesday.
    #[serde(rename = "wednesday")]
    Wednesday,
    /// Thursday.
    #[serde(rename = "thursday")]
    Thursday,
    /// Friday.
    #[serde(rename = "friday")]
    Friday,
}

impl DeadlineWeekday {
    /// The chrono weekday.
    pub fn weekday(self) -> Weekday {
        match self {
            DeadlineWeekday::Monday => Weekday::Mon,
            DeadlineWeekday::Tuesday => Weekday::Tue,
            DeadlineWeekday::Wednesday => Weekday::Wed,
            DeadlineWeekday::Thursday => Weekday::Thu,
            DeadlineWeekday::Friday => Weekday::Fri,
        }
    }
}

/// How the last day for call-in is found from the day the period is counted from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "form")]
pub enum CallInDeadline {
    /// The n-th working day after (most councils: "five clear working days").
    #[serde(rename = "working_days")]
    WorkingDays {
        /// How many working days.
        #[serde(rename = "working_days")]
        period: CallInPeriod,
    },
    /// The n-th calendar day after; moved to the next working day if the offices are shut.
    #[serde(rename = "calendar_days")]
    CalendarDays {
        /// How many days.
        #[serde(rename = "calendar_days")]
        days: CalendarDays,
    },
    /// A stated weekday of the week after the one the period is counted from ("by 5pm on the
    /// Friday of the following week"); moved to the next working day if the offices are shut.
    #[serde(rename = "weekday_of_following_week")]
    WeekdayOfFollowingWeek {
        /// The weekday.
        #[serde(rename = "weekday")]
        weekday: DeadlineWeekday,
    },
}

/// The day the call-in period is counted from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CountedFrom {
    /// From publication of the decision notice (most councils).
    #[serde(rename = "publication")]
    Publication,
    /// From the date of the decision itself.
    #[serde(rename = "decision")]
    Decision,
}

/// When a decision not called in takes effect, relative to the last day for
/// call-in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TakesEffect {
    /// The calendar day after the last day (most councils: published Fri
    /// 11/06/2010, last day Fri 18/06/2010, effective Sat 19/06/2010).
    #[serde(rename = "day_after_last_day")]
    DayAfterLastDay,
    /// On the last day itself (once its stated time has passed).
    #[serde(rename = "last_day")]
    LastDay,
    /// The first working day after the last day ("may be implemented on the next working
    /// day").
    #[serde(rename = "next_working_day_after_last_day")]
    NextWorkingDayAfterLastDay,
}

/// One call-in rule: the deadline, its time of day, what it is counted from and when an
/// uncalled decision takes effect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CallInRule {
    /// How the last day is found.
    #[serde(rename = "deadline")]
    pub deadline: CallInDeadline,
    /// The time on the last day by which a call-in must be made ("5pm"); `None` when the
    /// constitution states none (the whole day counts).
    #[serde(rename = "deadline_time")]
    pub deadline_time: Option<NaiveTime>,
    /// What the period is counted from.
    #[serde(rename = "counted_from")]
    pub counted_from: CountedFrom,
    /// When an uncalled decision takes effect.
    #[serde(rename = "takes_effect")]
    pub takes_effect: TakesEffect,
}

impl CallInRule {
    /// `n` working days from publication, no stated time, effective the day after the last
    /// day: the shape of every rule before deadline forms existed.
    pub fn working_days(period: CallInPeriod) -> Self {
        Self {
            deadline: CallInDeadline::WorkingDays { period },
            deadline_time: None,
            counted_from: CountedFrom::Publication,
            takes_effect: TakesEffect::DayAfterLastDay,
        }
    }
}

impl Default for CallInRule {
    /// Five working days from publication, effective the day after the last
    /// day: the commonest English arrangement.
    fn default() -> Self {
        Self::working_days(CallInPeriod::USUAL)
    }
}

/// What a council's constitution says about calling in one kind of decision maker's
/// decisions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind")]
pub enum CallInArrangement {
    /// Decisions can be called in under this rule.
    #[serde(rename = "window")]
    Window {
        /// The rule.
        #[serde(rename = "rule")]
        rule: CallInRule,
    },
    /// Decisions of this kind are not subject to call-in (e.g. officer decisions in many
    /// constitutions, full council always).
    #[serde(rename = "not_subject_to_call_in")]
    NotSubjectToCallIn,
}

/// The arrangement for one kind of decision maker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DecisionMakerCallIn {
    /// The kind of decision maker.
    #[serde(rename = "decision_maker")]
    pub decision_maker: BodyKind,
    /// What applies to its decisions.
    #[serde(rename = "arrangement")]
    pub arrangement: CallInArrangement,
}

/// A council's rules for calling in decisions, from its constitution: a council-wide rule,
/// and arrangements for kinds of decision maker that differ from it (each kind at most once).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "CallInPolicyData", into = "CallInPolicyData")]
pub struct CallInPolicy {
    default: CallInRule,
    by_decision_maker: Vec<DecisionMakerCallIn>,
}

/// The stored shape of [`CallInPolicy`], checked on the way in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct CallInPolicyData {
    #[serde(rename = "default")]
    default: CallInRule,
    #[serde(rename = "by_decision_maker")]
    by_decision_maker: Vec<DecisionMakerCallIn>,
}

/// Which arrangement applies to a decision, and where it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AppliedArrangement {
    /// The arrangement.
    pub arrangement: CallInArrangement,
    /// The kind of decision maker whose own arrangement applied; `None` when the council-wide
    /// rule applied.
    pub for_kind: Option<BodyKind>,
}

impl CallInPolicy {
    /// A policy with this council-wide rule and these arrangements by kind of decision maker.
    ///
    /// # Errors
    /// [`ValueError::Malformed`] if a kind of decision maker is listed twice: which of the two
    /// applies would be a guess.
    pub fn new(
        default: CallInRule,
        by_decision_maker: Vec<DecisionMakerCallIn>,
    ) -> Result<Self, ValueError> {
        for (i, entry) in by_decision_maker.iter().enumerate() {
            if by_decision_maker[..i]
                .iter()
                .any(|e| e.decision_maker == entry.decision_maker)
            {
                return Err(ValueError::Malformed {
                    what: "call-in policy",
                    detail: "a kind of decision maker is listed more than once",
                });
            }
        }
        Ok(Self {
            default,
            by_decision_maker,
        })
    }

    /// A council-wide rule with no arrangements by kind.
    pub fn uniform(default: CallInRule) -> Self {
        Self {
            default,
            by_decision_maker: Vec::new(),
        }
    }

    /// The council-wide rule.
    pub fn default_rule(&self) -> &CallInRule {
        &self.default
    }

    /// The arrangements for kinds of decision maker that differ from the council-wide rule.
    pub fn by_decision_maker(&self) -> &[DecisionMakerCallIn] {
        &self.by_decision_maker
    }

    /// The arrangement for a decision whose decision maker is of `kind` (`None` when the
    /// record names no decision maker, or its kind is not known): the kind's own arrangement
    /// if the policy has one, else the council-wide rule.
    pub fn for_kind(&self, kind: Option<BodyKind>) -> AppliedArrangement {
        kind.and_then(|k| {
            self.by_decision_maker
                .iter()
                .find(|e| e.decision_maker == k)
        })
        .map_or(
            AppliedArrangement {
                arrangement: CallInArrangement::Window { rule: self.default },
                for_kind: None,
            },
            |e| AppliedArrangement {
                arrangement: e.arrangement,
                for_kind: Some(e.decision_maker),
            },
        )
    }
}

impl Default for CallInPolicy {
    /// The usual rule for every kind of decision maker.
    fn default() -> Self {
        Self::uniform(CallInRule::default())
    }
}

impl TryFrom<CallInPolicyData> for CallInPolicy {
    type Error = ValueError;
    fn try_from(data: CallInPolicyData) -> Result<Self, Self::Error> {
        Self::new(data.default, data.by_decision_maker)
    }
}

impl From<CallInPolicy> for CallInPolicyData {
    fn from(policy: CallInPolicy) -> Self {
        Self {
            default: policy.default,
            by_decision_maker: policy.by_decision_maker,
        }
    }
}

/// Lifts a call-in policy as first stored (`CallInPolicySet` v1, `CouncilRegistered` v1, and
/// council views written before deadline forms) to today's shape: the same period, counted
/// from and takes-effect, as the council-wide rule with no stated time and nothing by kind.
///
/// v1: `{"period_working_days": 5, "counted_from": "publication", "takes_effect": "..."}`.
///
/// # Errors
/// A message naming the missing field if `v1` is not a v1 policy.
pub fn lift_call_in_policy_v1(v1: &Value) -> Result<Value, String> {
    let field = |name: &str| {
        v1.get(name)
            .cloned()
            .ok_or_else(|| format!("call-in policy v1 has no {name:?}"))
    };
    Ok(json!({
        "default": {
            "deadline": { "form": "working_days", "working_days": field("period_working_days")? },
            "deadline_time": null,
            "counted_from": field("counted_from")?,
            "takes_effect": field("takes_effect")?,
        },
        "by_decision_maker": [],
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn call_in_periods_from_one_to_fifteen_working_days_are_accepted() {
        assert!(CallInPeriod::parse(0).is_err());
        assert!(CallInPeriod::parse(1).is_ok());
        assert!(CallInPeriod::parse(15).is_ok());
        assert!(CallInPeriod::parse(16).is_err());
        assert!(serde_json::from_str::<CallInPeriod>("16").is_err());
    }

    #[test]
    fn calendar_day_periods_from_one_to_thirty_one_days_are_accepted() {
        assert!(CalendarDays::parse(0).is_err());
        assert!(CalendarDays::parse(31).is_ok());
        assert!(CalendarDays::parse(32).is_err());
    }

    #[test]
    fn the_default_policy_is_five_working_days_from_publication_effective_the_day_after() {
        let p = CallInPolicy::default();
        let rule = p.default_rule();
        assert_eq!(
            rule.deadline,
            CallInDeadline::WorkingDays {
                period: CallInPeriod::USUAL
            }
        );
        assert_eq!(rule.deadline_time, None);
        assert_eq!(rule.counted_from, CountedFrom::Publication);
        assert_eq!(rule.takes_effect, TakesEffect::DayAfterLastDay);
        assert!(p.by_decision_maker().is_empty());
    }

    #[test]
    fn a_kind_listed_twice_is_refused() {
        let officer = DecisionMakerCallIn {
            decision_maker: BodyKind::Officer,
            arrangement: CallInArrangement::NotSubjectToCallIn,
        };
        assert!(CallInPolicy::new(CallInRule::default(), vec![officer, officer]).is_err());
        let json = json!({
            "default": serde_json::to_value(CallInRule::default()).unwrap(),
            "by_decision_maker": [officer, officer],
        });
        assert!(serde_json::from_value::<CallInPolicy>(json).is_err());
    }

    #[test]
    fn a_kind_without_its_own_arrangement_gets_the_council_wide_rule() {
        let mayor_rule = CallInRule {
            deadline: CallInDeadline::WeekdayOfFollowingWeek {
                weekday: DeadlineWeekday::Friday,
            },
            deadline_time: NaiveTime::from_hms_opt(17, 0, 0),
            ..CallInRule::default()
        };
        let policy = CallInPolicy::new(
            CallInRule::default(),
            vec![
                DecisionMakerCallIn {
                    decision_maker: BodyKind::Officer,
                    arrangement: CallInArrangement::NotSubjectToCallIn,
                },
                DecisionMakerCallIn {
                    decision_maker: BodyKind::CabinetMember,
                    arrangement: CallInArrangement::Window { rule: mayor_rule },
                },
            ],
        )
        .unwrap();
        assert_eq!(
            policy.for_kind(Some(BodyKind::Officer)),
            AppliedArrangement {
                arrangement: CallInArrangement::NotSubjectToCallIn,
                for_kind: Some(BodyKind::Officer)
            }
        );
        assert_eq!(
            policy.for_kind(Some(BodyKind::CabinetMember)).arrangement,
            CallInArrangement::Window { rule: mayor_rule }
        );
        let cabinet = policy.for_kind(Some(BodyKind::Cabinet));
        assert_eq!(cabinet.for_kind, None);
        assert_eq!(
            cabinet.arrangement,
            CallInArrangement::Window {
                rule: CallInRule::default()
            }
        );
        assert_eq!(policy.for_kind(None).for_kind, None);
    }

    #[test]
    fn a_v1_policy_lifts_to_the_same_rule_council_wide() {
        let v1 = json!({"period_working_days": 3, "counted_from": "decision", "takes_effect": "last_day"});
        let lifted: CallInPolicy =
            serde_json::from_value(lift_call_in_policy_v1(&v1).unwrap()).unwrap();
        assert_eq!(
            lifted,
            CallInPolicy::uniform(CallInRule {
                deadline: CallInDeadline::WorkingDays {
                    period: CallInPeriod::parse(3).unwrap()
                },
                deadline_time: None,
                counted_from: CountedFrom::Decision,
                takes_effect: TakesEffect::LastDay,
            })
        );
        assert!(lift_call_in_policy_v1(&json!({"counted_from": "decision"})).is_err());
    }

    mod any_policy {
        use super::*;
        use crate::council::{CallInPolicySet, CouncilEvent};
        use crate::event::Event;
        use proptest::prelude::*;

        fn rule() -> impl Strategy<Value = CallInRule> {
            let deadline = prop_oneof![
                (1u8..=15).prop_map(|n| CallInDeadline::WorkingDays {
                    period: CallInPeriod::parse(n).unwrap()
                }),
                (1u8..=31).prop_map(|n| CallInDeadline::CalendarDays {
                    days: CalendarDays::parse(n).unwrap()
                }),
                prop_oneof![
                    Just(DeadlineWeekday::Monday),
                    Just(DeadlineWeekday::Wednesday),
                    Just(DeadlineWeekday::Friday)
                ]
                .prop_map(|weekday| CallInDeadline::WeekdayOfFollowingWeek { weekday }),
            ];
            let time = proptest::option::of((0u32..24, 0u32..60))
                .prop_map(|t| t.and_then(|(h, m)| NaiveTime::from_hms_opt(h, m, 0)));
            let counted_from =
                prop_oneof![Just(CountedFrom::Publication), Just(CountedFrom::Decision)];
            let takes_effect = prop_oneof![
                Just(TakesEffect::DayAfterLastDay),
                Just(TakesEffect::LastDay),
                Just(TakesEffect::NextWorkingDayAfterLastDay)
            ];
            (deadline, time, counted_from, takes_effect).prop_map(
                |(deadline, deadline_time, counted_from, takes_effect)| CallInRule {
                    deadline,
                    deadline_time,
                    counted_from,
                    takes_effect,
                },
            )
        }

        fn policy() -> impl Strategy<Value = CallInPolicy> {
            const KINDS: [BodyKind; 7] = [
                BodyKind::Cabinet,
                BodyKind::Committee,
                BodyKind::CabinetMember,
                BodyKind::Officer,
                BodyKind::FullCouncil,
                BodyKind::ElectedMayor,
                BodyKind::JointCommittee,
            ];
            let arrangement = prop_oneof![
                Just(CallInArrangement::NotSubjectToCallIn),
                rule().prop_map(|rule| CallInArrangement::Window { rule }),
            ];
            (
                rule(),
                proptest::collection::vec(arrangement, 7),
                proptest::collection::vec(any::<bool>(), 7),
            )
                .prop_map(|(default, arrangements, listed)| {
                    let by_kind = KINDS
                        .iter()
                        .zip(arrangements)
                        .zip(listed)
                        .filter(|(_, listed)| *listed)
                        .map(|((kind, arrangement), _)| DecisionMakerCallIn {
                            decision_maker: *kind,
                            arrangement,
                        })
                        .collect();
                    CallInPolicy::new(default, by_kind).unwrap()
                })
        }

        proptest! {
            #[test]
            fn any_policy_round_trips_through_its_event(policy in policy()) {
                let event = Event::Council(CouncilEvent::CallInPolicySet(CallInPolicySet { policy: policy.clone() }));
                prop_assert_eq!(Event::decode(&event.encode()).unwrap(), event);
                // Every kind gets exactly one arrangement: its own, or the council-wide rule.
                for entry in policy.by_decision_maker() {
                    prop_assert_eq!(policy.for_kind(Some(entry.decision_maker)).arrangement, entry.arrangement);
                }
            }
        }
    }
}
