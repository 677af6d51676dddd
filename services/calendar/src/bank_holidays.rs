//! UK bank holidays for 1990-2040, computed by rule per division, with
//! substitute days and the one-off changes made by royal proclamation.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use chrono::{Datelike, Days, NaiveDate, Weekday};

use crate::division::Division;
use crate::easter::easter_sunday;
use crate::error::{CalendarError, ensure_supported_year};
use crate::{FIRST_SUPPORTED_YEAR, LAST_SUPPORTED_YEAR};

/// One bank holiday in one division.
///
/// Carries its official name as well as its date so that a deadline shown to
/// a user can explain why a day was skipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct BankHoliday {
    /// The day that is not a working day.
    pub date: NaiveDate,
    /// The official name, e.g. "Boxing Day (substitute day)", as gov.uk
    /// publishes it, so the register's wording matches what councils cite.
    pub name: &'static str,
}

/// The bank holidays of `division` in `year`, sorted by date.
///
/// Returns an owned list so callers can keep or filter it freely; the rules
/// are evaluated once per process and shared.
///
/// # Errors
/// [`CalendarError::YearOutOfRange`] if `year` is outside
/// [`FIRST_SUPPORTED_YEAR`]..=[`LAST_SUPPORTED_YEAR`].
pub fn bank_holidays(division: Division, year: i32) -> Result<Vec<BankHoliday>, CalendarError> {
    holidays_in_year(division, year).map(<[BankHoliday]>::to_vec)
}

/// Whether `date` is a bank holiday in `division`.
///
/// The building block of working-day arithmetic; it does not allocate, so it
/// is cheap enough to call for every day of a call-in window.
///
/// # Errors
/// [`CalendarError::YearOutOfRange`] if the date's year is unsupported.
pub fn is_bank_holiday(division: Division, date: NaiveDate) -> Result<bool, CalendarError> {
    let holidays = holidays_in_year(division, date.year())?;
    Ok(holidays
        .binary_search_by_key(&date, |holiday| holiday.date)
        .is_ok())
}

/// The shared, date-sorted holidays of one division and year.
pub(crate) fn holidays_in_year(
    division: Division,
    year: i32,
) -> Result<&'static [BankHoliday], CalendarError> {
    ensure_supported_year(year)?;
    // A supported year whose rules failed to evaluate cannot happen (the
    // tests evaluate every one), but if it did, "rules unknown for this year"
    // is the honest answer rather than an empty list.
    table_index(division, year)
        .and_then(|index| HOLIDAY_TABLE.get(index))
        .and_then(Option::as_deref)
        .ok_or(CalendarError::YearOutOfRange { year })
}

/// Every supported year's holidays for every division, computed on first use
/// so that working-day loops do a binary search instead of re-deriving Easter
/// for every day they look at.
static HOLIDAY_TABLE: LazyLock<Vec<Option<Vec<BankHoliday>>>> = LazyLock::new(|| {
    (FIRST_SUPPORTED_YEAR..=LAST_SUPPORTED_YEAR)
        .flat_map(|year| {
            Division::ALL
                .into_iter()
                .map(move |division| holidays_by_rule(division, year))
        })
        .collect()
});

/// Position of `(division, year)` in [`HOLIDAY_TABLE`]: years outer,
/// divisions inner, matching the order the table is built in.
fn table_index(division: Division, year: i32) -> Option<usize> {
    let year_offset = usize::try_from(year.checked_sub(FIRST_SUPPORTED_YEAR)?).ok()?;
    year_offset
        .checked_mul(Division::ALL.len())?
        .checked_add(division.index())
}

/// A holiday's name and the name its substitute day takes, kept together so
/// that a substitute can never be given a name that does not match its
/// holiday.
#[derive(Debug, Clone, Copy)]
struct HolidayName {
    own: &'static str,
    substitute: &'static str,
}

/// Builds a [`HolidayName`] whose substitute name is derived at compile time,
/// because `BankHoliday::name` must be `&'static str`.
macro_rules! holiday_name {
    ($name:literal) => {
        HolidayName {
            own: $name,
            substitute: concat!($name, " (substitute day)"),
        }
    };
}

const NEW_YEARS_DAY: HolidayName = holiday_name!("New Year's Day");
const SECOND_JANUARY: HolidayName = holiday_name!("2nd January");
const ST_PATRICKS_DAY: HolidayName = holiday_name!("St Patrick's Day");
const GOOD_FRIDAY: HolidayName = holiday_name!("Good Friday");
const EASTER_MONDAY: HolidayName = holiday_name!("Easter Monday");
const EARLY_MAY: HolidayName = holiday_name!("Early May bank holiday");
const SPRING: HolidayName = holiday_name!("Spring bank holiday");
const BATTLE_OF_THE_BOYNE: HolidayName = holiday_name!("Battle of the Boyne (Orangemen's Day)");
const SUMMER: HolidayName = holiday_name!("Summer bank holiday");
const ST_ANDREWS_DAY: HolidayName = holiday_name!("St Andrew's Day");
const CHRISTMAS_DAY: HolidayName = holiday_name!("Christmas Day");
const BOXING_DAY: HolidayName = holiday_name!("Boxing Day");

const MILLENNIUM: HolidayName = holiday_name!("Millennium Day");
const GOLDEN_JUBILEE: HolidayName = holiday_name!("Queen's Golden Jubilee");
const ROYAL_WEDDING: HolidayName = holiday_name!("Royal wedding");
const DIAMOND_JUBILEE: HolidayName = holiday_name!("Queen's Diamond Jubilee");
const PLATINUM_JUBILEE: HolidayName = holiday_name!("Platinum Jubilee bank holiday");
const STATE_FUNERAL: HolidayName =
    holiday_name!("Bank Holiday for the State Funeral of Queen Elizabeth II");
const CORONATION: HolidayName =
    holiday_name!("Bank holiday for the coronation of King Charles III");

/// An extra one-off holiday granted by proclamation in every division.
struct OneOff {
    month: u32,
    day: u32,
    name: HolidayName,
}

/// The extra days granted by proclamation; they cannot be derived from any
/// rule, so they are listed by year.
fn one_off_holidays(year: i32) -> &'static [OneOff] {
    match year {
        1999 => &[OneOff {
            month: 12,
            day: 31,
            name: MILLENNIUM,
        }],
        2002 => &[OneOff {
            month: 6,
            day: 3,
            name: GOLDEN_JUBILEE,
        }],
        2011 => &[OneOff {
            month: 4,
            day: 29,
            name: ROYAL_WEDDING,
        }],
        2012 => &[OneOff {
            month: 6,
            day: 5,
            name: DIAMOND_JUBILEE,
        }],
        2022 => &[
            OneOff {
                month: 6,
                day: 3,
                name: PLATINUM_JUBILEE,
            },
            OneOff {
                month: 9,
                day: 19,
                name: STATE_FUNERAL,
            },
        ],
        2023 => &[OneOff {
            month: 5,
            day: 8,
            name: CORONATION,
        }],
        _ => &[],
    }
}

/// The year's holidays in all divisions, evaluated from the rules; `None`
/// only if a date falls outside chrono's range, which no supported year does.
fn holidays_by_rule(division: Division, year: i32) -> Option<Vec<BankHoliday>> {
    let mut own_right = holidays_in_own_right(division, year)?;
    own_right.sort_by_key(|(date, _)| *date);
    with_substitutes(&own_right)
}

/// The holidays that fall on a fixed or computed date regardless of weekday,
/// before any substitute days are added.
fn holidays_in_own_right(division: Division, year: i32) -> Option<Vec<(NaiveDate, HolidayName)>> {
    let easter = easter_sunday(year)?;
    let mut holidays = vec![(ymd(year, 1, 1)?, NEW_YEARS_DAY)];
    if division == Division::Scotland {
        holidays.push((ymd(year, 1, 2)?, SECOND_JANUARY));
    }
    if division == Division::NorthernIreland {
        holidays.push((ymd(year, 3, 17)?, ST_PATRICKS_DAY));
    }
    holidays.push((easter.checked_sub_days(Days::new(2))?, GOOD_FRIDAY));
    if division != Division::Scotland {
        holidays.push((easter.checked_add_days(Days::new(1))?, EASTER_MONDAY));
    }
    holidays.push((early_may_bank_holiday(year)?, EARLY_MAY));
    holidays.push((spring_bank_holiday(year)?, SPRING));
    if division == Division::NorthernIreland {
        holidays.push((ymd(year, 7, 12)?, BATTLE_OF_THE_BOYNE));
    }
    holidays.push((summer_bank_holiday(division, year)?, SUMMER));
    // St Andrew's Day Bank Holiday (Scotland) Act 2007.
    if division == Division::Scotland && year >= 2007 {
        holidays.push((ymd(year, 11, 30)?, ST_ANDREWS_DAY));
    }
    holidays.push((ymd(year, 12, 25)?, CHRISTMAS_DAY));
    holidays.push((ymd(year, 12, 26)?, BOXING_DAY));
    for one_off in one_off_holidays(year) {
        holidays.push((ymd(year, one_off.month, one_off.day)?, one_off.name));
    }
    Some(holidays)
}

/// First Monday in May, except where a proclamation moved it to mark a VE Day
/// anniversary.
fn early_may_bank_holiday(year: i32) -> Option<NaiveDate> {
    match year {
        1995 | 2020 => ymd(year, 5, 8),
        _ => NaiveDate::from_weekday_of_month_opt(year, 5, Weekday::Mon, 1),
    }
}

/// Last Monday in May, except in jubilee years when it was moved to sit
/// beside the extra jubilee day.
fn spring_bank_holiday(year: i32) -> Option<NaiveDate> {
    match year {
        2002 | 2012 => ymd(year, 6, 4),
        2022 => ymd(year, 6, 2),
        _ => last_monday(year, 5),
    }
}

/// Scotland keeps its summer holiday at the start of August; the rest of the
/// UK moved theirs to the end of August in 1971.
fn summer_bank_holiday(division: Division, year: i32) -> Option<NaiveDate> {
    match division {
        Division::Scotland => NaiveDate::from_weekday_of_month_opt(year, 8, Weekday::Mon, 1),
        Division::EnglandAndWales | Division::NorthernIreland => last_monday(year, 8),
    }
}

/// The last Monday of a 31-day month (only May and August are needed).
fn last_monday(year: i32, month: u32) -> Option<NaiveDate> {
    let last_day = ymd(year, month, 31)?;
    last_day.checked_sub_days(Days::new(u64::from(
        last_day.weekday().num_days_from_monday(),
    )))
}

/// Turns a date-sorted list of holidays in their own right into the days
/// actually taken: each one on a weekend moves to the first later weekday
/// that is not already a holiday. Processing in date order is what makes Christmas on a
/// Saturday give Monday to Christmas and Tuesday to Boxing Day.
fn with_substitutes(own_right: &[(NaiveDate, HolidayName)]) -> Option<Vec<BankHoliday>> {
    let mut taken: BTreeSet<NaiveDate> = own_right.iter().map(|(date, _)| *date).collect();
    // A holiday on a weekend is not itself listed: the day off is its
    // substitute, and gov.uk lists only that.
    let mut holidays: Vec<BankHoliday> = own_right
        .iter()
        .filter(|(date, _)| !is_weekend(*date))
        .map(|(date, name)| BankHoliday {
            date: *date,
            name: name.own,
        })
        .collect();
    for (date, name) in own_right {
        if !is_weekend(*date) {
            continue;
        }
        let mut substitute = date.succ_opt()?;
        while is_weekend(substitute) || taken.contains(&substitute) {
            substitute = substitute.succ_opt()?;
        }
        taken.insert(substitute);
        holidays.push(BankHoliday {
            date: substitute,
            name: name.substitute,
        });
    }
    holidays.sort_by_key(|holiday| holiday.date);
    Some(holidays)
}

/// Saturday or Sunday: the days a holiday needs a substitute for.
pub(crate) fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

fn ymd(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn date(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).expect("valid test date")
    }

    fn holiday_dates(division: Division, year: i32) -> Vec<NaiveDate> {
        bank_holidays(division, year)
            .expect("supported year")
            .into_iter()
            .map(|holiday| holiday.date)
            .collect()
    }

    fn dates(year: i32, month_days: &[(u32, u32)]) -> Vec<NaiveDate> {
        month_days
            .iter()
            .map(|&(month, day)| date(year, month, day))
            .collect()
    }

    fn names(division: Division, year: i32) -> Vec<(NaiveDate, &'static str)> {
        bank_holidays(division, year)
            .expect("supported year")
            .into_iter()
            .map(|holiday| (holiday.date, holiday.name))
            .collect()
    }

    use Division::{EnglandAndWales, NorthernIreland, Scotland};

    #[test]
    fn england_and_wales_2010_matches_gov_uk() {
        let expected = [
            (1, 1),
            (4, 2),
            (4, 5),
            (5, 3),
            (5, 31),
            (8, 30),
            (12, 27),
            (12, 28),
        ];
        assert_eq!(holiday_dates(EnglandAndWales, 2010), dates(2010, &expected));
    }

    #[test]
    fn england_and_wales_2012_has_the_moved_spring_holiday_and_diamond_jubilee() {
        let expected = [
            (1, 2),
            (4, 6),
            (4, 9),
            (5, 7),
            (6, 4),
            (6, 5),
            (8, 27),
            (12, 25),
            (12, 26),
        ];
        assert_eq!(holiday_dates(EnglandAndWales, 2012), dates(2012, &expected));
    }

    #[test]
    fn england_and_wales_2020_has_early_may_moved_to_ve_day() {
        let expected = [
            (1, 1),
            (4, 10),
            (4, 13),
            (5, 8),
            (5, 25),
            (8, 31),
            (12, 25),
            (12, 28),
        ];
        assert_eq!(holiday_dates(EnglandAndWales, 2020), dates(2020, &expected));
    }

    #[test]
    fn england_and_wales_2021_matches_gov_uk() {
        let expected = [
            (1, 1),
            (4, 2),
            (4, 5),
            (5, 3),
            (5, 31),
            (8, 30),
            (12, 27),
            (12, 28),
        ];
        assert_eq!(holiday_dates(EnglandAndWales, 2021), dates(2021, &expected));
    }

    #[test]
    fn england_and_wales_2022_has_platinum_jubilee_state_funeral_and_summer_holiday() {
        let expected = [
            (1, 3),
            (4, 15),
            (4, 18),
            (5, 2),
            (6, 2),
            (6, 3),
            (8, 29),
            (9, 19),
            (12, 26),
            (12, 27),
        ];
        assert_eq!(holiday_dates(EnglandAndWales, 2022), dates(2022, &expected));
    }

    #[test]
    fn england_and_wales_2023_has_the_coronation() {
        let expected = [
            (1, 2),
            (4, 7),
            (4, 10),
            (5, 1),
            (5, 8),
            (5, 29),
            (8, 28),
            (12, 25),
            (12, 26),
        ];
        assert_eq!(holiday_dates(EnglandAndWales, 2023), dates(2023, &expected));
    }

    #[test]
    fn scotland_2010_has_2nd_january_substitute_and_st_andrews_day() {
        let expected = [
            (1, 1),
            (1, 4),
            (4, 2),
            (5, 3),
            (5, 31),
            (8, 2),
            (11, 30),
            (12, 27),
            (12, 28),
        ];
        assert_eq!(holiday_dates(Scotland, 2010), dates(2010, &expected));
    }

    #[test]
    fn scotland_2021_matches_gov_uk() {
        let expected = [
            (1, 1),
            (1, 4),
            (4, 2),
            (5, 3),
            (5, 31),
            (8, 2),
            (11, 30),
            (12, 27),
            (12, 28),
        ];
        assert_eq!(holiday_dates(Scotland, 2021), dates(2021, &expected));
    }

    #[test]
    fn scotland_2022_matches_gov_uk() {
        let expected = [
            (1, 3),
            (1, 4),
            (4, 15),
            (5, 2),
            (6, 2),
            (6, 3),
            (8, 1),
            (9, 19),
            (11, 30),
            (12, 26),
            (12, 27),
        ];
        assert_eq!(holiday_dates(Scotland, 2022), dates(2022, &expected));
    }

    #[test]
    fn northern_ireland_2021_matches_gov_uk() {
        let expected = [
            (1, 1),
            (3, 17),
            (4, 2),
            (4, 5),
            (5, 3),
            (5, 31),
            (7, 12),
            (8, 30),
            (12, 27),
            (12, 28),
        ];
        assert_eq!(holiday_dates(NorthernIreland, 2021), dates(2021, &expected));
    }

    #[test]
    fn northern_ireland_2022_matches_gov_uk() {
        let expected = [
            (1, 3),
            (3, 17),
            (4, 15),
            (4, 18),
            (5, 2),
            (6, 2),
            (6, 3),
            (7, 12),
            (8, 29),
            (9, 19),
            (12, 26),
            (12, 27),
        ];
        assert_eq!(holiday_dates(NorthernIreland, 2022), dates(2022, &expected));
    }

    #[test]
    fn northern_ireland_weekend_st_patricks_and_boyne_days_get_monday_substitutes() {
        // 2018: 17 March was a Saturday; 2020: 12 July was a Sunday.
        assert!(
            names(NorthernIreland, 2018)
                .contains(&(date(2018, 3, 19), "St Patrick's Day (substitute day)"))
        );
        assert!(names(NorthernIreland, 2020).contains(&(
            date(2020, 7, 13),
            "Battle of the Boyne (Orangemen's Day) (substitute day)"
        )));
    }

    #[test]
    fn christmas_on_saturday_gives_monday_to_christmas_and_tuesday_to_boxing_day() {
        let december: Vec<_> = names(EnglandAndWales, 2021)
            .into_iter()
            .filter(|(date, _)| date.month() == 12)
            .collect();
        assert_eq!(
            december,
            vec![
                (date(2021, 12, 27), "Christmas Day (substitute day)"),
                (date(2021, 12, 28), "Boxing Day (substitute day)"),
            ]
        );
    }

    #[test]
    fn christmas_on_sunday_gives_monday_to_boxing_day_and_tuesday_to_christmas() {
        let december: Vec<_> = names(EnglandAndWales, 2022)
            .into_iter()
            .filter(|(date, _)| date.month() == 12)
            .collect();
        assert_eq!(
            december,
            vec![
                (date(2022, 12, 26), "Boxing Day"),
                (date(2022, 12, 27), "Christmas Day (substitute day)"),
            ]
        );
    }

    #[test]
    fn scottish_new_year_on_saturday_moves_both_january_holidays_to_monday_and_tuesday() {
        let january: Vec<_> = names(Scotland, 2022)
            .into_iter()
            .filter(|(date, _)| date.month() == 1)
            .collect();
        assert_eq!(
            january,
            vec![
                (date(2022, 1, 3), "New Year's Day (substitute day)"),
                (date(2022, 1, 4), "2nd January (substitute day)"),
            ]
        );
    }

    #[test]
    fn scottish_new_year_on_sunday_keeps_2nd_january_and_substitutes_on_the_3rd() {
        // 1 January 2017 was a Sunday.
        let january: Vec<_> = names(Scotland, 2017)
            .into_iter()
            .filter(|(date, _)| date.month() == 1)
            .collect();
        assert_eq!(
            january,
            vec![
                (date(2017, 1, 2), "2nd January"),
                (date(2017, 1, 3), "New Year's Day (substitute day)"),
            ]
        );
    }

    #[test]
    fn scotland_has_no_easter_monday_and_an_early_august_summer_holiday() {
        let scotland = holiday_dates(Scotland, 2010);
        assert!(!scotland.contains(&date(2010, 4, 5)));
        assert!(scotland.contains(&date(2010, 8, 2)));
        assert!(!scotland.contains(&date(2010, 8, 30)));
    }

    #[test]
    fn st_andrews_day_is_a_holiday_only_from_2007() {
        assert!(!holiday_dates(Scotland, 2006).contains(&date(2006, 11, 30)));
        assert!(holiday_dates(Scotland, 2007).contains(&date(2007, 11, 30)));
        // 30 November 2008 was a Sunday.
        assert!(
            names(Scotland, 2008)
                .contains(&(date(2008, 12, 1), "St Andrew's Day (substitute day)"))
        );
    }

    #[test]
    fn ve_day_50th_anniversary_moved_early_may_1995_to_8_may() {
        for division in Division::ALL {
            let holidays = holiday_dates(division, 1995);
            assert!(holidays.contains(&date(1995, 5, 8)));
            assert!(!holidays.contains(&date(1995, 5, 1)));
        }
    }

    #[test]
    fn millennium_eve_1999_is_an_extra_holiday_everywhere() {
        for division in Division::ALL {
            assert!(names(division, 1999).contains(&(date(1999, 12, 31), "Millennium Day")));
        }
    }

    #[test]
    fn golden_jubilee_2002_moves_spring_holiday_to_tuesday_4_june() {
        for division in Division::ALL {
            let holidays = names(division, 2002);
            assert!(holidays.contains(&(date(2002, 6, 3), "Queen's Golden Jubilee")));
            assert!(holidays.contains(&(date(2002, 6, 4), "Spring bank holiday")));
            assert!(!holidays.iter().any(|(d, _)| *d == date(2002, 5, 27)));
        }
    }

    #[test]
    fn royal_wedding_2011_is_an_extra_holiday_everywhere() {
        for division in Division::ALL {
            assert!(names(division, 2011).contains(&(date(2011, 4, 29), "Royal wedding")));
        }
    }

    #[test]
    fn one_off_holidays_apply_in_every_division() {
        for division in Division::ALL {
            let in_2012 = holiday_dates(division, 2012);
            assert!(in_2012.contains(&date(2012, 6, 4)) && in_2012.contains(&date(2012, 6, 5)));
            assert!(!in_2012.contains(&date(2012, 5, 28)));
            let in_2020 = holiday_dates(division, 2020);
            assert!(in_2020.contains(&date(2020, 5, 8)) && !in_2020.contains(&date(2020, 5, 4)));
            let in_2022 = holiday_dates(division, 2022);
            assert!(in_2022.contains(&date(2022, 9, 19)) && !in_2022.contains(&date(2022, 5, 30)));
            assert!(holiday_dates(division, 2023).contains(&date(2023, 5, 8)));
        }
    }

    #[test]
    fn names_follow_the_official_wording() {
        assert_eq!(
            names(EnglandAndWales, 2022),
            vec![
                (date(2022, 1, 3), "New Year's Day (substitute day)"),
                (date(2022, 4, 15), "Good Friday"),
                (date(2022, 4, 18), "Easter Monday"),
                (date(2022, 5, 2), "Early May bank holiday"),
                (date(2022, 6, 2), "Spring bank holiday"),
                (date(2022, 6, 3), "Platinum Jubilee bank holiday"),
                (date(2022, 8, 29), "Summer bank holiday"),
                (
                    date(2022, 9, 19),
                    "Bank Holiday for the State Funeral of Queen Elizabeth II"
                ),
                (date(2022, 12, 26), "Boxing Day"),
                (date(2022, 12, 27), "Christmas Day (substitute day)"),
            ]
        );
    }

    #[test]
    fn is_bank_holiday_agrees_with_the_list() {
        assert_eq!(is_bank_holiday(EnglandAndWales, date(2010, 4, 5)), Ok(true));
        assert_eq!(is_bank_holiday(Scotland, date(2010, 4, 5)), Ok(false));
        assert_eq!(
            is_bank_holiday(NorthernIreland, date(2010, 7, 12)),
            Ok(true)
        );
        assert_eq!(
            is_bank_holiday(EnglandAndWales, date(2010, 7, 12)),
            Ok(false)
        );
    }

    #[test]
    fn years_outside_the_supported_range_are_errors_not_panics() {
        for division in Division::ALL {
            for year in [i32::MIN, -1, 0, 1989, 2041, 9999, i32::MAX] {
                assert_eq!(
                    bank_holidays(division, year),
                    Err(CalendarError::YearOutOfRange { year })
                );
            }
            assert_eq!(
                is_bank_holiday(division, date(1989, 12, 31)),
                Err(CalendarError::YearOutOfRange { year: 1989 })
            );
            assert_eq!(
                is_bank_holiday(division, date(2041, 1, 1)),
                Err(CalendarError::YearOutOfRange { year: 2041 })
            );
            assert_eq!(
                is_bank_holiday(division, NaiveDate::MAX),
                Err(CalendarError::YearOutOfRange {
                    year: NaiveDate::MAX.year()
                })
            );
            assert!(is_bank_holiday(division, date(1990, 1, 1)).is_ok());
            assert!(is_bank_holiday(division, date(2040, 12, 31)).is_ok());
        }
    }

    #[test]
    fn every_supported_year_evaluates_in_every_division() {
        for year in FIRST_SUPPORTED_YEAR..=LAST_SUPPORTED_YEAR {
            for division in Division::ALL {
                assert!(bank_holidays(division, year).is_ok(), "{division:?} {year}");
            }
        }
    }

    fn any_division() -> impl Strategy<Value = Division> {
        prop::sample::select(Division::ALL.to_vec())
    }

    proptest! {
        #[test]
        fn every_holiday_is_a_weekday_within_its_year(
            division in any_division(),
            year in FIRST_SUPPORTED_YEAR..=LAST_SUPPORTED_YEAR,
        ) {
            for holiday in bank_holidays(division, year).expect("supported year") {
                prop_assert!(!is_weekend(holiday.date), "{holiday:?}");
                prop_assert_eq!(holiday.date.year(), year);
            }
        }

        #[test]
        fn the_list_is_sorted_unique_and_has_8_to_13_entries(
            division in any_division(),
            year in FIRST_SUPPORTED_YEAR..=LAST_SUPPORTED_YEAR,
        ) {
            let dates = holiday_dates(division, year);
            prop_assert!(dates.windows(2).all(|pair| pair.first() < pair.last()));
            prop_assert!((8..=13).contains(&dates.len()), "{} entries", dates.len());
        }

        #[test]
        fn every_listed_holiday_is_reported_by_is_bank_holiday(
            division in any_division(),
            year in FIRST_SUPPORTED_YEAR..=LAST_SUPPORTED_YEAR,
        ) {
            let dates = holiday_dates(division, year);
            let mut day = date(year, 1, 1);
            while day.year() == year {
                prop_assert_eq!(
                    is_bank_holiday(division, day),
                    Ok(dates.contains(&day))
                );
                day = day.succ_opt().expect("within chrono's range");
            }
        }
    }
}
