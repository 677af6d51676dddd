//! Easter Sunday by the Gregorian computus, because Good Friday and Easter
//! Monday are the only UK bank holidays that move by more than a week.

use chrono::NaiveDate;

/// Easter Sunday of `year` in the Gregorian calendar (the anonymous algorithm
/// as given by Meeus), or `None` if the date is outside chrono's range.
///
/// Computed in `i64` with Euclidean remainders so that no `i32` input can
/// overflow or produce a negative remainder.
pub(crate) fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let y = i64::from(year);
    let a = y.rem_euclid(19);
    let b = y.div_euclid(100);
    let c = y.rem_euclid(100);
    let d = b.div_euclid(4);
    let e = b.rem_euclid(4);
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c.div_euclid(4);
    let k = c.rem_euclid(4);
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l).div_euclid(451);
    let month_and_day = h + l - 7 * m + 114;
    let month = u32::try_from(month_and_day.div_euclid(31)).ok()?;
    let day = u32::try_from(month_and_day.rem_euclid(31) + 1).ok()?;
    NaiveDate::from_ymd_opt(year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Datelike, Weekday};

    fn date(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).expect("valid test date")
    }

    #[test]
    fn easter_sunday_matches_published_dates() {
        let known = [
            date(1990, 4, 15),
            date(2000, 4, 23),
            date(2008, 3, 23),
            date(2010, 4, 4),
            date(2011, 4, 24),
            date(2019, 4, 21),
            date(2024, 3, 31),
            date(2038, 4, 25),
        ];
        for expected in known {
            assert_eq!(easter_sunday(expected.year()), Some(expected));
        }
    }

    #[test]
    fn easter_is_always_a_sunday_between_22_march_and_25_april() {
        for year in 1583..=4099 {
            let easter = easter_sunday(year).expect("in chrono's range");
            assert_eq!(easter.weekday(), Weekday::Sun, "{easter}");
            assert!(easter >= date(year, 3, 22) && easter <= date(year, 4, 25));
        }
    }

    #[test]
    fn years_outside_chronos_range_give_none_not_a_panic() {
        assert_eq!(easter_sunday(i32::MAX), None);
        assert_eq!(easter_sunday(i32::MIN), None);
    }
}
