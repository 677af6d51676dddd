//! When a planned decision is due, as forward plans state it: a day ("30 June 2026"), a month
//! ("July 2026"), a day it will not come before ("Not before 1 September 2026"), or not yet
//! known ("Date to be confirmed"). A page that gives no date at all is `None` where this is
//! used: a plan that says "to be confirmed" and one that says nothing are different pages.

use crate::values::ValueError;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// A calendar month, e.g. July 2026; written `"2026-07"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct YearMonth {
    first_day: NaiveDate,
}

impl YearMonth {
    /// Accepts a year from 1900 to 2200 and a month from 1 to 12.
    pub fn new(year: i32, month: u32) -> Result<Self, ValueError> {
        if !(1900..=2200).contains(&year) {
            return Err(ValueError::OutOfRange {
                what: "year",
                min: 1900,
                max: 2200,
                actual: i64::from(year),
            });
        }
        NaiveDate::from_ymd_opt(year, month, 1)
            .map(|first_day| Self { first_day })
            .ok_or(ValueError::OutOfRange {
                what: "month",
                min: 1,
                max: 12,
                actual: i64::from(month),
            })
    }

    /// Parses `"YYYY-MM"`.
    pub fn parse(raw: &str) -> Result<Self, ValueError> {
        let malformed = ValueError::Malformed {
            what: "month",
            detail: "must be YYYY-MM",
        };
        let (year, month) = raw.trim().split_once('-').ok_or(malformed.clone())?;
        if year.len() != 4 || month.len() != 2 {
            return Err(malformed);
        }
        let year = year.parse().map_err(|_| malformed.clone())?;
        let month = month.parse().map_err(|_| malformed)?;
        Self::new(year, month)
    }

    /// The year.
    pub fn year(&self) -> i32 {
        self.first_day.year()
    }

    /// The month, 1 to 12.
    pub fn month(&self) -> u32 {
        self.first_day.month()
    }

    /// The first day of the month.
    pub fn first_day(&self) -> NaiveDate {
        self.first_day
    }

    /// The last day of the month.
    pub fn last_day(&self) -> NaiveDate {
        let next = if self.month() == 12 {
            NaiveDate::from_ymd_opt(self.year() + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(self.year(), self.month() + 1, 1)
        };
        next.and_then(|d| d.pred_opt()).unwrap_or(self.first_day)
    }
}

impl TryFrom<String> for YearMonth {
    type Error = ValueError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<YearMonth> for String {
    fn from(value: YearMonth) -> Self {
        value.to_string()
    }
}

impl std::fmt::Display for YearMonth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year(), self.month())
    }
}

/// When a planned decision is due, as the plan states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind")]
pub enum DateDue {
    /// A day, e.g. "30 June 2026" (usually a meeting date).
    #[serde(rename = "day")]
    Day {
        /// The day.
        #[serde(rename = "date")]
        date: NaiveDate,
    },
    /// Some time in a month, e.g. "July 2026".
    #[serde(rename = "month")]
    Month {
        /// The month.
        #[serde(rename = "month")]
        month: YearMonth,
    },
    /// Not before a day, e.g. "Not before 1 September 2026".
    #[serde(rename = "not_before")]
    NotBefore {
        /// The earliest day.
        #[serde(rename = "date")]
        date: NaiveDate,
    },
    /// The plan says the date is not yet known ("to be confirmed").
    #[serde(rename = "not_known")]
    NotKnown,
}

impl DateDue {
    /// The earliest day the decision can be taken, if the plan bounds it.
    pub fn earliest(&self) -> Option<NaiveDate> {
        match self {
            DateDue::Day { date } | DateDue::NotBefore { date } => Some(*date),
            DateDue::Month { month } => Some(month.first_day()),
            DateDue::NotKnown => None,
        }
    }

    /// The latest day the decision is planned for, if the plan bounds it ("not before" has
    /// no end).
    pub fn latest(&self) -> Option<NaiveDate> {
        match self {
            DateDue::Day { date } => Some(*date),
            DateDue::Month { month } => Some(month.last_day()),
            DateDue::NotBefore { .. } | DateDue::NotKnown => None,
        }
    }

    /// The day, when the plan gives one.
    pub fn day(&self) -> Option<NaiveDate> {
        match self {
            DateDue::Day { date } => Some(*date),
            _ => None,
        }
    }
}

/// Plain words, for messages: "2026-06-30", "in 2026-07", "not before 2026-09-01", "not yet known".
impl std::fmt::Display for DateDue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DateDue::Day { date } => write!(f, "{date}"),
            DateDue::Month { month } => write!(f, "in {month}"),
            DateDue::NotBefore { date } => write!(f, "not before {date}"),
            DateDue::NotKnown => write!(f, "not yet known"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_month_is_written_year_dash_month_and_knows_its_last_day() {
        let feb = YearMonth::parse("2028-02").unwrap();
        assert_eq!(feb.to_string(), "2028-02");
        assert_eq!(
            feb.last_day(),
            NaiveDate::from_ymd_opt(2028, 2, 29).unwrap()
        );
        let dec = YearMonth::new(2026, 12).unwrap();
        assert_eq!(
            dec.last_day(),
            NaiveDate::from_ymd_opt(2026, 12, 31).unwrap()
        );
        assert!(YearMonth::parse("2026-13").is_err());
        assert!(YearMonth::parse("2026-7").is_err());
        assert!(YearMonth::parse("July 2026").is_err());
    }

    #[test]
    fn each_kind_of_date_due_bounds_the_decision_as_far_as_it_says() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let month = DateDue::Month {
            month: YearMonth::new(2026, 7).unwrap(),
        };
        assert_eq!(month.earliest(), Some(d(2026, 7, 1)));
        assert_eq!(month.latest(), Some(d(2026, 7, 31)));
        let not_before = DateDue::NotBefore {
            date: d(2026, 9, 1),
        };
        assert_eq!(not_before.earliest(), Some(d(2026, 9, 1)));
        assert_eq!(not_before.latest(), None);
        assert_eq!(DateDue::NotKnown.earliest(), None);
        assert_eq!(
            serde_json::to_value(month).unwrap(),
            serde_json::json!({"kind": "month", "month": "2026-07"})
        );
    }
}
