//! The call-in window: when members can call a decision in, and when it takes
//! effect if they don't.

use super::{CallInTerms, DecisionDetails};
use crate::council::{
    AppliedArrangement, BodyKind, CallInArrangement, CallInDeadline, CallInRule, Council,
    CountedFrom, TakesEffect,
};
use chrono::{Datelike, Days, NaiveDate, NaiveTime};
use civic_calendar::{CalendarError, WorkingDayCalendar};

/// The dates a call-in rule gives a decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CallInWindow {
    /// The last day on which the decision can be called in.
    pub deadline: NaiveDate,
    /// The time on the last day by which it must be called in, if the rule states one.
    pub deadline_time: Option<NaiveTime>,
    /// The day it takes effect if not called in.
    pub effective_from: NaiveDate,
}

/// Computes the window under `rule`, counted from publication or the decision:
///
/// - n working days: the n-th working day after;
/// - n calendar days: the n-th day after, or the next working day if the offices are shut;
/// - a weekday of the following week: that weekday in the week (Monday to Sunday) after the
///   one counted from, or the next working day if the offices are shut.
///
/// The decision takes effect on the last day, the day after it, or the next working day
/// after it, as the rule says.
///
/// Published Fri 11/06/2010 with 5 working days from publication (England):
/// deadline Fri 18/06/2010, effective Sat 19/06/2010.
pub fn compute_window(
    rule: &CallInRule,
    calendar: &WorkingDayCalendar,
    publication_date: NaiveDate,
    date_of_decision: NaiveDate,
) -> Result<CallInWindow, CalendarError> {
    let start = match rule.counted_from {
        CountedFrom::Publication => publication_date,
        CountedFrom::Decision => date_of_decision,
    };
    let out_of_range = |date: NaiveDate| CalendarError::YearOutOfRange { year: date.year() };
    let deadline = match rule.deadline {
        CallInDeadline::WorkingDays { period } => {
            calendar.add_working_days(start, u32::from(period.working_days()))?
        }
        CallInDeadline::CalendarDays { days } => {
            let day = start
                .checked_add_days(Days::new(u64::from(days.days())))
                .ok_or(out_of_range(start))?;
            calendar.working_day_on_or_after(day)?
        }
        CallInDeadline::WeekdayOfFollowingWeek { weekday } => {
            let monday_of_week = u64::from(start.weekday().num_days_from_monday());
            let offset = 7 + u64::from(weekday.weekday().num_days_from_monday());
            let day = start
                .checked_sub_days(Days::new(monday_of_week))
                .and_then(|monday| monday.checked_add_days(Days::new(offset)))
                .ok_or(out_of_range(start))?;
            calendar.working_day_on_or_after(day)?
        }
    };
    let effective_from = match rule.takes_effect {
        TakesEffect::LastDay => deadline,
        TakesEffect::DayAfterLastDay => deadline
            .checked_add_days(Days::new(1))
            .ok_or(out_of_range(deadline))?,
        TakesEffect::NextWorkingDayAfterLastDay => calendar.add_working_days(deadline, 1)?,
    };
    Ok(CallInWindow {
        deadline,
        deadline_time: rule.deadline_time,
        effective_from,
    })
}

/// The terms that an arrangement gives a decision with a call-in window, to be recorded with
/// the publication.
pub fn window_terms(rule: &CallInRule, decision_maker_kind: Option<BodyKind>) -> CallInTerms {
    CallInTerms::Window {
        rule: *rule,
        decision_maker_kind,
    }
}

/// The kind of a decision's decision maker, looked up in the council by body id; `None` when
/// the council has no such body. The one place the decision rules ask it, so a record that
/// names no decision maker needs a change here only.
pub(super) fn decision_maker_kind(
    details: &DecisionDetails,
    council: &Council,
) -> Option<BodyKind> {
    details
        .decision_maker
        .as_ref()
        .and_then(|maker| council.body_kind(maker.body_id))
}

/// The council's call-in arrangement for this decision's kind of decision maker.
pub(super) fn arrangement_for(details: &DecisionDetails, council: &Council) -> AppliedArrangement {
    council
        .call_in_policy()
        .for_kind(decision_maker_kind(details, council))
}

/// Whether the council's policy says decisions of this decision's kind of decision maker are
/// not subject to call-in: the kind, if so.
pub(super) fn not_subject_under_policy(
    details: &DecisionDetails,
    council: &Council,
) -> Option<BodyKind> {
    let applied = arrangement_for(details, council);
    match applied.arrangement {
        CallInArrangement::NotSubjectToCallIn => applied.for_kind,
        CallInArrangement::Window { .. } => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::council::{CalendarDays, CallInPeriod, DeadlineWeekday};
    use civic_calendar::Division;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn england() -> WorkingDayCalendar {
        WorkingDayCalendar::new(Division::EnglandAndWales, [])
    }

    #[test]
    fn five_working_days_from_friday_publication_end_the_next_friday_and_take_effect_on_saturday() {
        let w = compute_window(
            &CallInRule::default(),
            &england(),
            d(2010, 6, 11),
            d(2010, 6, 9),
        )
        .unwrap();
        assert_eq!(
            w,
            CallInWindow {
                deadline: d(2010, 6, 18),
                deadline_time: None,
                effective_from: d(2010, 6, 19)
            }
        );
    }

    #[test]
    fn a_last_day_policy_takes_effect_on_the_deadline() {
        let policy = CallInRule {
            takes_effect: TakesEffect::LastDay,
            ..CallInRule::default()
        };
        let w = compute_window(&policy, &england(), d(2010, 6, 11), d(2010, 6, 9)).unwrap();
        assert_eq!(w.effective_from, d(2010, 6, 18));
    }

    #[test]
    fn counting_from_the_decision_ignores_the_publication_date() {
        let policy = CallInRule {
            counted_from: CountedFrom::Decision,
            ..CallInRule::default()
        };
        // Wed 9 June + 5 working days = Wed 16 June.
        let w = compute_window(&policy, &england(), d(2010, 6, 11), d(2010, 6, 9)).unwrap();
        assert_eq!(w.deadline, d(2010, 6, 16));
        assert_eq!(w.effective_from, d(2010, 6, 17));
    }

    #[test]
    fn bank_holidays_and_closure_days_do_not_count() {
        // Fri 28 May 2010 + 3 working days: Mon 31 May is the spring bank
        // holiday, so Tue 1, Wed 2, Thu 3 June.
        let policy = CallInRule {
            deadline: CallInDeadline::WorkingDays {
                period: CallInPeriod::parse(3).unwrap(),
            },
            ..CallInRule::default()
        };
        let w = compute_window(&policy, &england(), d(2010, 5, 28), d(2010, 5, 26)).unwrap();
        assert_eq!(w.deadline, d(2010, 6, 3));
        let with_closure = WorkingDayCalendar::new(Division::EnglandAndWales, [d(2010, 6, 2)]);
        let w = compute_window(&policy, &with_closure, d(2010, 5, 28), d(2010, 5, 26)).unwrap();
        assert_eq!(w.deadline, d(2010, 6, 4));
    }

    fn five_pm_friday_of_the_following_week() -> CallInRule {
        CallInRule {
            deadline: CallInDeadline::WeekdayOfFollowingWeek {
                weekday: DeadlineWeekday::Friday,
            },
            deadline_time: NaiveTime::from_hms_opt(17, 0, 0),
            ..CallInRule::default()
        }
    }

    #[test]
    fn five_pm_on_the_friday_of_the_following_week_from_a_wednesday_publication() {
        // Published Wed 9 June 2010: the following week runs Mon 14 to Sun 20 June.
        let w = compute_window(
            &five_pm_friday_of_the_following_week(),
            &england(),
            d(2010, 6, 9),
            d(2010, 6, 8),
        )
        .unwrap();
        assert_eq!(
            w,
            CallInWindow {
                deadline: d(2010, 6, 18),
                deadline_time: NaiveTime::from_hms_opt(17, 0, 0),
                effective_from: d(2010, 6, 19),
            }
        );
        // Published on the Friday or the Sunday of the same week: still Fri 18 June.
        for published in [d(2010, 6, 11), d(2010, 6, 13)] {
            let w = compute_window(
                &five_pm_friday_of_the_following_week(),
                &england(),
                published,
                d(2010, 6, 8),
            )
            .unwrap();
            assert_eq!(w.deadline, d(2010, 6, 18));
        }
        // Published on the Monday after: the following week is the one after that.
        let w = compute_window(
            &five_pm_friday_of_the_following_week(),
            &england(),
            d(2010, 6, 14),
            d(2010, 6, 8),
        )
        .unwrap();
        assert_eq!(w.deadline, d(2010, 6, 25));
    }

    #[test]
    fn a_stated_friday_that_is_good_friday_moves_to_the_next_working_day() {
        // Published Thu 25 March 2010; Fri 2 April is Good Friday and Mon 5 April Easter
        // Monday, so the deadline is Tue 6 April.
        let w = compute_window(
            &five_pm_friday_of_the_following_week(),
            &england(),
            d(2010, 3, 25),
            d(2010, 3, 24),
        )
        .unwrap();
        assert_eq!(w.deadline, d(2010, 4, 6));
        // With the council also closed on Tue 6 April: Wed 7 April.
        let closed = WorkingDayCalendar::new(Division::EnglandAndWales, [d(2010, 4, 6)]);
        let w = compute_window(
            &five_pm_friday_of_the_following_week(),
            &closed,
            d(2010, 3, 25),
            d(2010, 3, 24),
        )
        .unwrap();
        assert_eq!(w.deadline, d(2010, 4, 7));
    }

    #[test]
    fn calendar_days_land_on_the_next_working_day_when_the_offices_are_shut() {
        let rule = CallInRule {
            deadline: CallInDeadline::CalendarDays {
                days: CalendarDays::parse(7).unwrap(),
            },
            ..CallInRule::default()
        };
        // Fri 11 June + 7 days = Fri 18 June, a working day.
        let w = compute_window(&rule, &england(), d(2010, 6, 11), d(2010, 6, 9)).unwrap();
        assert_eq!(w.deadline, d(2010, 6, 18));
        // Sat 22 May + 7 days = Sat 29 May; Mon 31 May is the spring bank holiday: Tue 1 June.
        let w = compute_window(&rule, &england(), d(2010, 5, 22), d(2010, 5, 20)).unwrap();
        assert_eq!(w.deadline, d(2010, 6, 1));
    }

    #[test]
    fn a_next_working_day_policy_skips_the_weekend_and_a_closure_day() {
        let rule = CallInRule {
            takes_effect: TakesEffect::NextWorkingDayAfterLastDay,
            ..CallInRule::default()
        };
        // Deadline Fri 18 June; Mon 21 June is a closure day: effective Tue 22 June.
        let closed = WorkingDayCalendar::new(Division::EnglandAndWales, [d(2010, 6, 21)]);
        let w = compute_window(&rule, &closed, d(2010, 6, 11), d(2010, 6, 9)).unwrap();
        assert_eq!(w.deadline, d(2010, 6, 18));
        assert_eq!(w.effective_from, d(2010, 6, 22));
    }
}
