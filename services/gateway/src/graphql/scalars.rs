//! The `Date` scalar: a UK civil date as ISO `YYYY-MM-DD`, without time or zone, as every date in
//! the register is (a decision is taken "on 9 June 2010", not at an instant). The `Time` scalar:
//! a time of day on the UK clock, `HH:MM`, as a meeting's agenda gives it ("6.30 pm").

use async_graphql::{InputValueError, InputValueResult, Scalar, ScalarType, Value};
use chrono::{NaiveDate, NaiveTime};

/// A calendar date, ISO 8601 `YYYY-MM-DD` (e.g. `2010-06-09`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub NaiveDate);

/// A calendar date, ISO 8601 `YYYY-MM-DD` (e.g. `2010-06-09`), in the UK.
#[Scalar(
    name = "Date",
    specified_by_url = "https://www.iso.org/iso-8601-date-and-time-format.html"
)]
impl ScalarType for Date {
    fn parse(value: Value) -> InputValueResult<Self> {
        match &value {
            Value::String(text) => parse_iso_date(text).map(Date).map_err(|problem| {
                InputValueError::custom(format!("{text:?} is not a date: {problem}"))
            }),
            _ => Err(InputValueError::expected_type(value)),
        }
    }

    fn to_value(&self) -> Value {
        // `Display` is `%Y-%m-%d`, without parsing a format string for every date of an answer.
        Value::String(self.0.to_string())
    }
}

/// Reads `YYYY-MM-DD`, saying what is wrong when it is not a date: the shape, the month, or
/// the day of that month.
pub(crate) fn parse_iso_date(text: &str) -> Result<NaiveDate, String> {
    let shape = "write it as YYYY-MM-DD, e.g. 2010-06-09";
    let bytes = text.as_bytes();
    let well_formed = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !well_formed {
        return Err(shape.to_owned());
    }
    let number =
        |range: std::ops::Range<usize>| text[range].parse::<u32>().map_err(|_| shape.to_owned());
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    let year = i32::try_from(year).map_err(|_| shape.to_owned())?;
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let Some(month_name) = month.checked_sub(1).and_then(|m| MONTHS.get(m as usize)) else {
        return Err(format!(
            "there is no month {month}; months run from 01 to 12"
        ));
    };
    let days_in_month = (28..=31)
        .rev()
        .find(|&last| NaiveDate::from_ymd_opt(year, month, last).is_some())
        .unwrap_or(28);
    if day == 0 || day > days_in_month {
        return Err(format!(
            "{month_name} {year} has {days_in_month} days, not {day}"
        ));
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| shape.to_owned())
}

impl From<NaiveDate> for Date {
    fn from(date: NaiveDate) -> Self {
        Self(date)
    }
}

impl From<Date> for NaiveDate {
    fn from(date: Date) -> Self {
        date.0
    }
}

/// A time of day on the UK clock, 24-hour `HH:MM` (e.g. `18:30`), with no date or zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Time(pub NaiveTime);

/// A time of day on the UK clock, 24-hour `HH:MM` (e.g. `18:30` for "6.30 pm"). `HH:MM:SS` is
/// read too; times are written without seconds unless they have some.
#[Scalar(name = "Time")]
impl ScalarType for Time {
    fn parse(value: Value) -> InputValueResult<Self> {
        match &value {
            // Exactly HH:MM: registers give minutes, and one spelling keeps times comparable.
            Value::String(text) if text.len() == 5 && text.as_bytes()[2] == b':' => {
                NaiveTime::parse_from_str(text, "%H:%M")
                    .map(Time)
                    .map_err(|_| not_a_time(text))
            }
            Value::String(text) => Err(not_a_time(text)),
            _ => Err(InputValueError::expected_type(value)),
        }
    }

    fn to_value(&self) -> Value {
        Value::String(self.0.format("%H:%M").to_string())
    }
}

fn not_a_time(text: &str) -> InputValueError<Time> {
    InputValueError::custom(format!(
        "{text:?} is not a time: write it as HH:MM on the 24-hour clock, e.g. 18:30 or 17:00"
    ))
}

impl From<Time> for NaiveTime {
    fn from(time: Time) -> Self {
        time.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_read_on_the_24_hour_clock_and_written_without_seconds() {
        let time = Time::parse(Value::String("18:30".into())).unwrap();
        assert_eq!(time.0, NaiveTime::from_hms_opt(18, 30, 0).unwrap());
        assert_eq!(time.to_value(), Value::String("18:30".into()));
        for bad in ["6.30 pm", "25:00", "18:60", "1830", "", "09:05:30"] {
            assert!(Time::parse(Value::String(bad.into())).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_date_that_is_not_one_says_what_is_wrong() {
        let message = |text: &str| match Date::parse(Value::String(text.into())) {
            Err(error) => error.into_server_error(Default::default()).message,
            Ok(date) => panic!("{text} parsed as {date:?}"),
        };
        assert_eq!(
            message("2026-02-30"),
            "Failed to parse \"Date\": \"2026-02-30\" is not a date: February 2026 has 28 days, not 30"
        );
        assert!(message("2024-02-30").ends_with("February 2024 has 29 days, not 30"));
        assert!(message("2010-13-01").ends_with("there is no month 13; months run from 01 to 12"));
        assert!(message("2010-06-00").ends_with("June 2010 has 30 days, not 0"));
        assert!(message("09/06/2010").ends_with("write it as YYYY-MM-DD, e.g. 2010-06-09"));
    }

    #[test]
    fn times_are_read_and_written_as_twenty_four_hour_hh_mm_only() {
        let time = Time::parse(Value::String("17:00".into())).unwrap();
        assert_eq!(time.0, NaiveTime::from_hms_opt(17, 0, 0).unwrap());
        assert_eq!(time.to_value(), Value::String("17:00".into()));
        for bad in ["5pm", "17:00:00", "24:00", "7:00", "17.00"] {
            assert!(Time::parse(Value::String(bad.into())).is_err(), "{bad}");
        }
    }

    #[test]
    fn dates_are_read_and_written_as_iso_only() {
        let date = Date::parse(Value::String("2010-06-09".into())).unwrap();
        assert_eq!(date.to_value(), Value::String("2010-06-09".into()));
        for bad in [
            "09/06/2010",
            "2010-6-9",
            "2010-02-30",
            "2010-06-09T00:00:00Z",
        ] {
            assert!(Date::parse(Value::String(bad.into())).is_err(), "{bad}");
        }
    }
}
