//! Times in the UK (`Europe/London`, GMT or BST): a meeting's time is the clock time in the
//! council's area, and the calendar and the pages' linked data need it as an instant; the
//! history page shows when events were recorded as the public's clocks read then ([`uk_clock`]).

use chrono::{
    DateTime, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc,
};
use chrono_tz::Europe::London;

/// The instant at which UK clocks read `time` on `day`. In the hour skipped when the clocks go
/// forward (no such reading), the reading an hour later; in the hour repeated when they go back,
/// the first of the two.
pub(crate) fn uk_instant(day: NaiveDate, time: NaiveTime) -> DateTime<FixedOffset> {
    let local = NaiveDateTime::new(day, time);
    let at = match London.from_local_datetime(&local) {
        LocalResult::Single(at) | LocalResult::Ambiguous(at, _) => at,
        LocalResult::None => {
            let later = local + chrono::Duration::hours(1);
            match London.from_local_datetime(&later) {
                LocalResult::Single(at) | LocalResult::Ambiguous(at, _) => at,
                // The rules never skip two hours in a row: read it as GMT.
                LocalResult::None => London.from_utc_datetime(&local),
            }
        }
    };
    at.fixed_offset()
}

/// `instant` as UK clocks read it, the day and the time.
pub(crate) fn uk_clock(instant: DateTime<Utc>) -> NaiveDateTime {
    instant.with_timezone(&London).naive_local()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn time(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn a_summer_meeting_is_an_hour_ahead_of_utc_and_a_winter_one_is_not() {
        let summer = uk_instant(day(2010, 6, 9), time(18, 30));
        assert_eq!(summer.to_rfc3339(), "2010-06-09T18:30:00+01:00");
        assert_eq!(
            summer.with_timezone(&Utc).to_rfc3339(),
            "2010-06-09T17:30:00+00:00"
        );
        let winter = uk_instant(day(2010, 12, 9), time(18, 30));
        assert_eq!(winter.to_rfc3339(), "2010-12-09T18:30:00+00:00");
    }

    #[test]
    fn clock_changes_give_one_instant_for_every_reading() {
        // 28 March 2010: 01:00 GMT became 02:00 BST; 01:30 never happened.
        let skipped = uk_instant(day(2010, 3, 28), time(1, 30));
        assert_eq!(skipped.to_rfc3339(), "2010-03-28T02:30:00+01:00");
        // 31 October 2010: 01:30 happened twice; the first, in BST.
        let repeated = uk_instant(day(2010, 10, 31), time(1, 30));
        assert_eq!(repeated.to_rfc3339(), "2010-10-31T01:30:00+01:00");
    }

    #[test]
    fn recorded_instants_read_as_uk_clocks_did() {
        let at = Utc.with_ymd_and_hms(2010, 6, 11, 9, 30, 0).unwrap();
        assert_eq!(uk_clock(at).to_string(), "2010-06-11 10:30:00");
    }
}
