//! The UK civil date of an instant: the "today" that every rule is applied on.
//!
//! Councils count days in UK time, which is GMT in winter and BST (UTC+1) from 01:00 UTC on the
//! last Sunday of March to 01:00 UTC on the last Sunday of October (the rule since 1996). Just
//! after midnight in summer, the UTC date is still yesterday's; a decision recorded then must
//! not be dated yesterday.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc, Weekday};

/// The last Sunday of `month` in `year`, at 01:00 UTC: when UK clocks change.
fn last_sunday_01_utc(year: i32, month: u32) -> Option<DateTime<Utc>> {
    let first_of_next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    let last_day = first_of_next.pred_opt()?;
    let back = last_day.weekday().num_days_from_sunday();
    let sunday = last_day - Duration::days(i64::from(back));
    debug_assert_eq!(sunday.weekday(), Weekday::Sun);
    Some(sunday.and_hms_opt(1, 0, 0)?.and_utc())
}

/// The date in the UK at `instant`.
pub fn uk_date(instant: DateTime<Utc>) -> NaiveDate {
    let year = instant.year();
    let summer = match (last_sunday_01_utc(year, 3), last_sunday_01_utc(year, 10)) {
        (Some(start), Some(end)) => instant >= start && instant < end,
        _ => false,
    };
    let local = if summer {
        instant + Duration::hours(1)
    } else {
        instant
    };
    local.date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn in_summer_the_uk_date_turns_at_23_00_utc() {
        assert_eq!(uk_date(at(2010, 6, 10, 22, 59)), date(2010, 6, 10));
        assert_eq!(uk_date(at(2010, 6, 10, 23, 0)), date(2010, 6, 11));
    }

    #[test]
    fn in_winter_the_uk_date_is_the_utc_date() {
        assert_eq!(uk_date(at(2010, 12, 10, 23, 30)), date(2010, 12, 10));
    }

    #[test]
    fn clocks_change_at_01_00_utc_on_the_last_sundays_of_march_and_october() {
        // 2026: BST from Sun 29 March 01:00 UTC to Sun 25 October 01:00 UTC.
        assert_eq!(uk_date(at(2026, 3, 29, 0, 59)), date(2026, 3, 29));
        assert_eq!(uk_date(at(2026, 3, 29, 23, 30)), date(2026, 3, 30));
        assert_eq!(uk_date(at(2026, 10, 24, 23, 30)), date(2026, 10, 25));
        assert_eq!(uk_date(at(2026, 10, 25, 23, 30)), date(2026, 10, 25));
    }
}
