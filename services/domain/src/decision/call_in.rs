//! The call-in window: when members can call a decision in, and when it takes
//! effect if they don't.

use super::CallInTerms;
use crate::council::{CallInPolicy, CountedFrom, TakesEffect};
use chrono::{Datelike, Days, NaiveDate};
use civic_calendar::{CalendarError, WorkingDayCalendar};

/// The dates a call-in policy gives a decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CallInWindow {
    /// The last day on which the decision can be called in.
    pub deadline: NaiveDate,
    /// The day it takes effect if not called in.
    pub effective_from: NaiveDate,
}

/// Computes the window under `policy`: the deadline is the `period`-th
/// working day after the day counted from (publication or decision), and the
/// decision takes effect on the last day or the calendar day after it.
///
/// Published Fri 11/06/2010 with 5 working days from publication (England):
/// deadline Fri 18/06/2010, effective Sat 19/06/2010.
pub fn compute_window(
    policy: &CallInPolicy,
    calendar: &WorkingDayCalendar,
    publication_date: NaiveDate,
    date_of_decision: NaiveDate,
) -> Result<CallInWindow, CalendarError> {
    let start = match policy.counted_from {
        CountedFrom::Publication => publication_date,
        CountedFrom::Decision => date_of_decision,
    };
    let deadline = calendar.add_working_days(start, u32::from(policy.period.working_days()))?;
    let effective_from = match policy.takes_effect {
        TakesEffect::LastDay => deadline,
        TakesEffect::DayAfterLastDay => {
            deadline
                .checked_add_days(Days::new(1))
                .ok_or(CalendarError::YearOutOfRange {
                    year: deadline.year(),
                })?
        }
    };
    Ok(CallInWindow {
        deadline,
        effective_from,
    })
}

/// The terms that `policy` gives a decision with a call-in window, to be
/// recorded with the publication.
pub fn window_terms(policy: &CallInPolicy) -> CallInTerms {
    CallInTerms::Window {
        period_working_days: policy.period.working_days(),
        counted_from: policy.counted_from,
        takes_effect: policy.takes_effect,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::council::CallInPeriod;
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
            &CallInPolicy::default(),
            &england(),
            d(2010, 6, 11),
            d(2010, 6, 9),
        )
        .unwrap();
        assert_eq!(
            w,
            CallInWindow {
                deadline: d(2010, 6, 18),
                effective_from: d(2010, 6, 19)
            }
        );
    }

    #[test]
    fn a_last_day_policy_takes_effect_on_the_deadline() {
        let policy = CallInPolicy {
            takes_effect: TakesEffect::LastDay,
            ..CallInPolicy::default()
        };
        let w = compute_window(&policy, &england(), d(2010, 6, 11), d(2010, 6, 9)).unwrap();
        assert_eq!(w.effective_from, d(2010, 6, 18));
    }

    #[test]
    fn counting_from_the_decision_ignores_the_publication_date() {
        let policy = CallInPolicy {
            counted_from: CountedFrom::Decision,
            ..CallInPolicy::default()
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
        let policy = CallInPolicy {
            period: CallInPeriod::parse(3).unwrap(),
            ..CallInPolicy::default()
        };
        let w = compute_window(&policy, &england(), d(2010, 5, 28), d(2010, 5, 26)).unwrap();
        assert_eq!(w.deadline, d(2010, 6, 3));
        let with_closure = WorkingDayCalendar::new(Division::EnglandAndWales, [d(2010, 6, 2)]);
        let w = compute_window(&policy, &with_closure, d(2010, 5, 28), d(2010, 5, 26)).unwrap();
        assert_eq!(w.deadline, d(2010, 6, 4));
    }
}
