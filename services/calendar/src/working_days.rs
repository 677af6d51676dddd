//! A council's working days and the arithmetic used for call-in deadlines.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate};

use crate::bank_holidays::{is_bank_holiday, is_weekend};
use crate::division::Division;
use crate::error::{CalendarError, ensure_supported_year};

/// A council's working-day calendar: weekends, its division's bank holidays and its own closure days are not working days.
///
/// Call-in periods are set in each council's constitution as a number of
/// working days, and councils close on days of their own (e.g. between
/// Christmas and New Year), so the deadline for one council is not the
/// deadline for another even within a division.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkingDayCalendar {
    division: Division,
    closure_days: BTreeSet<NaiveDate>,
}

impl WorkingDayCalendar {
    /// A calendar for a council in `division` that also closes on
    /// `closure_days`.
    ///
    /// Closure days that are already weekends or bank holidays are kept but
    /// change nothing, so callers can pass the council's published list as
    /// it is.
    pub fn new(division: Division, closure_days: impl IntoIterator<Item = NaiveDate>) -> Self {
        Self {
            division,
            closure_days: closure_days.into_iter().collect(),
        }
    }

    /// The bank-holiday division whose holidays this council observes.
    pub fn division(&self) -> Division {
        self.division
    }

    /// The council's own closure days in date order, without duplicates, so
    /// the calendar can be stored and rebuilt exactly.
    pub fn closure_days(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.closure_days.iter().copied()
    }

    /// Whether the council is open on `date`.
    ///
    /// # Errors
    /// [`CalendarError::YearOutOfRange`] if the date's year is unsupported,
    /// even for a weekend, so that callers see the same answer for every day
    /// of an unsupported year.
    pub fn is_working_day(&self, date: NaiveDate) -> Result<bool, CalendarError> {
        ensure_supported_year(date.year())?;
        if is_weekend(date) || self.closure_days.contains(&date) {
            return Ok(false);
        }
        Ok(!is_bank_holiday(self.division, date)?)
    }

    /// The `n`th working day strictly after `start` (n = 0 returns `start` itself). Used for call-in
    /// deadlines: published Fri 11/06/2010 + 5 working days (England) = Fri 18/06/2010.
    ///
    /// `start` itself need not be a working day: decisions are sometimes
    /// published on a Saturday.
    ///
    /// # Errors
    /// [`CalendarError::YearOutOfRange`] if `start` is in an unsupported year
    /// or the count runs past the last supported year.
    pub fn add_working_days(&self, start: NaiveDate, n: u32) -> Result<NaiveDate, CalendarError> {
        ensure_supported_year(start.year())?;
        let mut date = start;
        let mut remaining = n;
        while remaining > 0 {
            date = next_day(date)?;
            if self.is_working_day(date)? {
                remaining -= 1;
            }
        }
        Ok(date)
    }

    /// `date` itself if it is a working day, else the first working day after it.
    ///
    /// Used for deadlines stated as a day rather than a count ("the Friday of the following
    /// week", "seven days after publication"): constitutions move such a deadline to the next
    /// day the offices are open when it falls on a bank holiday or closure day.
    ///
    /// # Errors
    /// [`CalendarError::YearOutOfRange`] if `date` is in an unsupported year or the search runs
    /// past the last supported year.
    pub fn working_day_on_or_after(&self, date: NaiveDate) -> Result<NaiveDate, CalendarError> {
        let mut day = date;
        while !self.is_working_day(day)? {
            day = next_day(day)?;
        }
        Ok(day)
    }

    /// Number of working days d with start < d <= end (0 when end <= start).
    ///
    /// The inverse of [`Self::add_working_days`], used to tell how far into a
    /// call-in period a date is.
    ///
    /// # Errors
    /// [`CalendarError::YearOutOfRange`] if either date is in an unsupported
    /// year, even when `end <= start`, so that bad input is never hidden by a
    /// plausible zero.
    pub fn working_days_between(
        &self,
        start: NaiveDate,
        end: NaiveDate,
    ) -> Result<u32, CalendarError> {
        ensure_supported_year(start.year())?;
        ensure_supported_year(end.year())?;
        let mut count: u32 = 0;
        let mut date = start;
        while date < end {
            date = next_day(date)?;
            if self.is_working_day(date)? {
                // The supported range holds far fewer than u32::MAX days.
                count = count.saturating_add(1);
            }
        }
        Ok(count)
    }
}

/// The following day; only chrono's last representable date has none, and
/// that year is unsupported anyway.
fn next_day(date: NaiveDate) -> Result<NaiveDate, CalendarError> {
    date.succ_opt()
        .ok_or(CalendarError::YearOutOfRange { year: date.year() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{FIRST_SUPPORTED_YEAR, LAST_SUPPORTED_YEAR};
    use proptest::prelude::*;

    fn date(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).expect("valid test date")
    }

    fn england() -> WorkingDayCalendar {
        WorkingDayCalendar::new(Division::EnglandAndWales, [])
    }

    #[test]
    fn five_working_days_after_friday_11_june_2010_in_england_is_friday_18_june() {
        assert_eq!(
            england().add_working_days(date(2010, 6, 11), 5),
            Ok(date(2010, 6, 18))
        );
    }

    #[test]
    fn zero_working_days_returns_the_start_even_on_a_weekend() {
        assert_eq!(
            england().add_working_days(date(2010, 6, 12), 0),
            Ok(date(2010, 6, 12))
        );
    }

    #[test]
    fn a_call_in_window_over_easter_2010_skips_good_friday_and_easter_monday() {
        // Thu 1 Apr: Good Friday 2nd, weekend, Easter Monday 5th, then Tue-Fri
        // and Mon 12th.
        assert_eq!(
            england().add_working_days(date(2010, 4, 1), 5),
            Ok(date(2010, 4, 12))
        );
    }

    #[test]
    fn scotland_counts_easter_monday_as_a_working_day() {
        let scotland = WorkingDayCalendar::new(Division::Scotland, []);
        assert_eq!(scotland.is_working_day(date(2010, 4, 5)), Ok(true));
        assert_eq!(
            scotland.add_working_days(date(2010, 4, 1), 5),
            Ok(date(2010, 4, 9))
        );
    }

    #[test]
    fn a_call_in_window_over_christmas_2010_skips_the_substitute_days() {
        // Wed 22 Dec: Thu 23, Fri 24, (Mon 27, Tue 28 holidays), Wed 29,
        // Thu 30, Fri 31.
        assert_eq!(
            england().add_working_days(date(2010, 12, 22), 5),
            Ok(date(2010, 12, 31))
        );
    }

    #[test]
    fn a_council_closure_day_is_skipped() {
        let calendar = WorkingDayCalendar::new(Division::EnglandAndWales, [date(2010, 6, 15)]);
        assert_eq!(calendar.is_working_day(date(2010, 6, 15)), Ok(false));
        assert_eq!(
            calendar.add_working_days(date(2010, 6, 11), 5),
            Ok(date(2010, 6, 21))
        );
    }

    #[test]
    fn a_working_day_is_its_own_working_day_on_or_after() {
        assert_eq!(
            england().working_day_on_or_after(date(2010, 6, 18)),
            Ok(date(2010, 6, 18))
        );
    }

    #[test]
    fn a_bank_holiday_and_a_closure_day_after_it_move_a_stated_day_on() {
        // Mon 30 Aug 2010 is the summer bank holiday; the council also closes Tue 31 Aug.
        let calendar = WorkingDayCalendar::new(Division::EnglandAndWales, [date(2010, 8, 31)]);
        assert_eq!(
            calendar.working_day_on_or_after(date(2010, 8, 30)),
            Ok(date(2010, 9, 1))
        );
        assert_eq!(
            england().working_day_on_or_after(date(2010, 8, 28)),
            Ok(date(2010, 8, 31))
        );
    }

    #[test]
    fn closure_days_are_kept_sorted_and_unique() {
        let calendar = WorkingDayCalendar::new(
            Division::NorthernIreland,
            [date(2010, 12, 29), date(2010, 12, 24), date(2010, 12, 29)],
        );
        assert_eq!(calendar.division(), Division::NorthernIreland);
        assert_eq!(
            calendar.closure_days().collect::<Vec<_>>(),
            vec![date(2010, 12, 24), date(2010, 12, 29)]
        );
    }

    #[test]
    fn weekends_and_bank_holidays_are_not_working_days() {
        let calendar = england();
        assert_eq!(calendar.is_working_day(date(2010, 6, 12)), Ok(false));
        assert_eq!(calendar.is_working_day(date(2010, 6, 13)), Ok(false));
        assert_eq!(calendar.is_working_day(date(2010, 5, 31)), Ok(false));
        assert_eq!(calendar.is_working_day(date(2010, 6, 14)), Ok(true));
    }

    #[test]
    fn working_days_between_counts_days_after_start_up_to_and_including_end() {
        let calendar = england();
        assert_eq!(
            calendar.working_days_between(date(2010, 6, 11), date(2010, 6, 18)),
            Ok(5)
        );
        assert_eq!(
            calendar.working_days_between(date(2010, 6, 11), date(2010, 6, 11)),
            Ok(0)
        );
        assert_eq!(
            calendar.working_days_between(date(2010, 6, 18), date(2010, 6, 11)),
            Ok(0)
        );
    }

    #[test]
    fn out_of_range_dates_are_errors_not_panics() {
        let calendar = england();
        let too_early = CalendarError::YearOutOfRange { year: 1989 };
        let too_late = CalendarError::YearOutOfRange { year: 2041 };
        assert_eq!(
            calendar.is_working_day(date(1989, 12, 31)),
            Err(too_early.clone())
        );
        assert_eq!(
            calendar.is_working_day(date(2041, 1, 1)),
            Err(too_late.clone())
        );
        assert_eq!(
            calendar.add_working_days(date(1989, 12, 29), 0),
            Err(too_early.clone())
        );
        assert_eq!(
            calendar.add_working_days(date(2040, 12, 28), 5),
            Err(too_late.clone())
        );
        assert_eq!(
            calendar.add_working_days(date(1990, 1, 1), u32::MAX),
            Err(too_late.clone())
        );
        assert_eq!(
            calendar.working_days_between(date(1989, 12, 31), date(1990, 1, 5)),
            Err(too_early)
        );
        assert_eq!(
            calendar.working_days_between(date(2040, 12, 1), date(2041, 1, 5)),
            Err(too_late)
        );
        for extreme in [NaiveDate::MIN, NaiveDate::MAX] {
            let year = extreme.year();
            let error = Err(CalendarError::YearOutOfRange { year });
            assert_eq!(calendar.is_working_day(extreme), error);
            assert_eq!(calendar.add_working_days(extreme, 1).map(|_| false), error);
            assert_eq!(
                calendar
                    .working_days_between(extreme, extreme)
                    .map(|_| false),
                error
            );
        }
    }

    #[test]
    fn counting_right_up_to_the_end_of_the_supported_range_works() {
        let calendar = england();
        // 31 December 2040 is a Monday and not a holiday.
        assert_eq!(
            calendar.add_working_days(date(2040, 12, 28), 1),
            Ok(date(2040, 12, 31))
        );
        assert_eq!(
            calendar.working_days_between(date(2040, 12, 28), date(2040, 12, 31)),
            Ok(1)
        );
    }

    #[test]
    fn counting_across_the_whole_supported_range_is_consistent() {
        let calendar = england();
        let first = date(FIRST_SUPPORTED_YEAR, 1, 1);
        let last = date(LAST_SUPPORTED_YEAR, 12, 31);
        let total = calendar
            .working_days_between(first, last)
            .expect("in range");
        assert_eq!(calendar.add_working_days(first, total), Ok(last));
    }

    /// Days from 1 January 1990 to 31 December 2040 inclusive.
    const SUPPORTED_DAYS: u64 = 18_628;

    fn supported_date() -> impl Strategy<Value = NaiveDate> {
        (0..SUPPORTED_DAYS).prop_map(|offset| {
            date(FIRST_SUPPORTED_YEAR, 1, 1)
                .checked_add_days(chrono::Days::new(offset))
                .expect("within the supported range")
        })
    }

    /// A start date early enough that 60 working days never leave the range.
    fn start_date() -> impl Strategy<Value = NaiveDate> {
        supported_date().prop_filter("leaves room before 2041", |d| *d <= date(2040, 6, 30))
    }

    fn any_calendar() -> impl Strategy<Value = WorkingDayCalendar> {
        (
            prop::sample::select(Division::ALL.to_vec()),
            prop::collection::vec(supported_date(), 0..20),
        )
            .prop_map(|(division, closures)| WorkingDayCalendar::new(division, closures))
    }

    #[test]
    fn supported_days_constant_spans_exactly_the_supported_range() {
        let first = date(FIRST_SUPPORTED_YEAR, 1, 1);
        let last = date(LAST_SUPPORTED_YEAR, 12, 31);
        assert_eq!(
            u64::try_from((last - first).num_days() + 1).expect("positive"),
            SUPPORTED_DAYS
        );
    }

    proptest! {
        #[test]
        fn adding_a_positive_number_of_working_days_lands_on_a_working_day(
            calendar in any_calendar(),
            start in start_date(),
            n in 1u32..60,
        ) {
            let end = calendar.add_working_days(start, n).expect("in range");
            prop_assert!(end > start);
            prop_assert_eq!(calendar.is_working_day(end), Ok(true));
        }

        #[test]
        fn adding_one_more_working_day_gives_a_strictly_later_date(
            calendar in any_calendar(),
            start in start_date(),
            n in 0u32..60,
        ) {
            let earlier = calendar.add_working_days(start, n).expect("in range");
            let later = calendar.add_working_days(start, n + 1).expect("in range");
            prop_assert!(later > earlier);
        }

        #[test]
        fn working_days_between_inverts_add_working_days(
            calendar in any_calendar(),
            start in start_date(),
            n in 0u32..60,
        ) {
            let end = calendar.add_working_days(start, n).expect("in range");
            prop_assert_eq!(calendar.working_days_between(start, end), Ok(n));
        }

        #[test]
        fn working_days_between_is_zero_when_end_is_not_after_start(
            calendar in any_calendar(),
            start in supported_date(),
            end in supported_date(),
        ) {
            prop_assume!(end <= start);
            prop_assert_eq!(calendar.working_days_between(start, end), Ok(0));
        }

        #[test]
        fn any_supported_date_gets_an_answer_and_weekends_are_never_working_days(
            calendar in any_calendar(),
            day in supported_date(),
        ) {
            let working = calendar.is_working_day(day);
            prop_assert!(working.is_ok());
            if is_weekend(day) {
                prop_assert_eq!(working, Ok(false));
            }
        }
    }
}
