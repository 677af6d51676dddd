//! The `Date` scalar: a UK civil date as ISO `YYYY-MM-DD`, without time or zone, as every date in
//! the register is (a decision is taken "on 9 June 2010", not at an instant).

use async_graphql::{InputValueError, InputValueResult, Scalar, ScalarType, Value};
use chrono::NaiveDate;

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
            Value::String(text) => NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .ok()
                .filter(|_| text.len() == 10)
                .map(Date)
                .ok_or_else(|| {
                    InputValueError::custom(format!(
                        "{text:?} is not a date of the form YYYY-MM-DD"
                    ))
                }),
            _ => Err(InputValueError::expected_type(value)),
        }
    }

    fn to_value(&self) -> Value {
        Value::String(self.0.format("%Y-%m-%d").to_string())
    }
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

#[cfg(test)]
mod tests {
    use super::*;

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
