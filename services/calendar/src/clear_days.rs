//! "Clear days" notice periods, as the Access to Information rules count them.
//!
//! Clear days ignore weekends and holidays, so this module needs no
//! calendar; it exists because the "exclude both ends" rule is easy to get
//! wrong by one.

use chrono::{Days, NaiveDate};

/// "Clear days" as in the Access to Information rules: whole days strictly between the two dates,
/// excluding both (notice on the 1st for a meeting on the 30th gives 28 clear days). 0 if later <= earlier+1.
///
/// Returns `i64` rather than an error so that any pair of dates, even in the
/// wrong order, gives an answer that simply fails a notice-period check.
pub fn clear_days_between(earlier: NaiveDate, later: NaiveDate) -> i64 {
    // chrono's whole date range spans far less than i64::MAX days, so the
    // subtraction cannot overflow.
    (later.signed_duration_since(earlier).num_days() - 1).max(0)
}

/// The latest date a notice can be given to leave `clear_days` clear days before `event` (event - clear_days - 1).
///
/// `None` only when that date would be before chrono's first representable
/// date, which no real meeting can produce.
pub fn latest_notice_date(event: NaiveDate, clear_days: u32) -> Option<NaiveDate> {
    event.checked_sub_days(Days::new(u64::from(clear_days) + 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn date(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).expect("valid test date")
    }

    #[test]
    fn notice_on_the_1st_for_a_meeting_on_the_30th_gives_28_clear_days() {
        assert_eq!(clear_days_between(date(2010, 6, 1), date(2010, 6, 30)), 28);
    }

    #[test]
    fn adjacent_same_and_reversed_dates_give_no_clear_days() {
        let day = date(2010, 6, 1);
        assert_eq!(clear_days_between(day, date(2010, 6, 2)), 0);
        assert_eq!(clear_days_between(day, day), 0);
        assert_eq!(clear_days_between(date(2010, 6, 30), day), 0);
        assert_eq!(clear_days_between(day, date(2010, 6, 3)), 1);
    }

    #[test]
    fn five_clear_days_before_a_meeting_on_the_30th_means_notice_by_the_24th() {
        assert_eq!(
            latest_notice_date(date(2010, 6, 30), 5),
            Some(date(2010, 6, 24))
        );
    }

    #[test]
    fn extreme_dates_never_panic() {
        assert_eq!(
            clear_days_between(NaiveDate::MIN, NaiveDate::MAX),
            NaiveDate::MAX
                .signed_duration_since(NaiveDate::MIN)
                .num_days()
                - 1
        );
        assert_eq!(clear_days_between(NaiveDate::MAX, NaiveDate::MIN), 0);
        assert_eq!(latest_notice_date(NaiveDate::MIN, 0), None);
        assert!(latest_notice_date(NaiveDate::MAX, 0).is_some());
        // u32::MAX days is far more than chrono's whole range.
        assert_eq!(latest_notice_date(NaiveDate::MAX, u32::MAX), None);
    }

    fn any_event() -> impl Strategy<Value = NaiveDate> {
        // 1990-01-01 to 2040-12-31: the range the register deals in.
        (0u64..18_628).prop_map(|offset| {
            date(1990, 1, 1)
                .checked_add_days(Days::new(offset))
                .expect("within chrono's range")
        })
    }

    proptest! {
        #[test]
        fn the_latest_notice_date_leaves_exactly_the_required_clear_days(
            event in any_event(),
            clear_days in 0u32..1000,
        ) {
            let notice = latest_notice_date(event, clear_days).expect("within chrono's range");
            prop_assert_eq!(clear_days_between(notice, event), i64::from(clear_days));
            // Giving notice one day later leaves one clear day fewer.
            let one_day_later = notice.succ_opt().expect("not after the event");
            prop_assert_eq!(
                clear_days_between(one_day_later, event),
                (i64::from(clear_days) - 1).max(0)
            );
        }

        #[test]
        fn clear_days_are_never_negative(a in any_event(), b in any_event()) {
            prop_assert!(clear_days_between(a, b) >= 0);
        }
    }
}
