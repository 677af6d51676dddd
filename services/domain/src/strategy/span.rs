//! The span a strategy states, in the forms councils write: calendar years ("2010-2013"), or
//! financial years ("2024/25 to 2026/27"). A strategy that states no span has `None` where this
//! is used: many strategies ("Digital Strategy") run until replaced.

use super::StrategyPeriod;
use crate::values::ValueError;
use serde::{Deserialize, Serialize};

/// Financial years (April to March), e.g. 2024/25 to 2026/27: kept as the years they start in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "FinancialRecord", into = "FinancialRecord")]
pub struct FinancialYears {
    first: i32,
    last: i32,
    rolling: bool,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
struct FinancialRecord {
    #[serde(rename = "first_starts")]
    first_starts: i32,
    #[serde(rename = "last_starts")]
    last_starts: i32,
    #[serde(rename = "rolling")]
    rolling: bool,
}

impl TryFrom<FinancialRecord> for FinancialYears {
    type Error = ValueError;
    fn try_from(r: FinancialRecord) -> Result<Self, Self::Error> {
        FinancialYears::parse(r.first_starts, r.last_starts, r.rolling)
    }
}

impl From<FinancialYears> for FinancialRecord {
    fn from(f: FinancialYears) -> Self {
        FinancialRecord {
            first_starts: f.first,
            last_starts: f.last,
            rolling: f.rolling,
        }
    }
}

impl FinancialYears {
    /// Accepts the starting years of the first and last financial year, from 1900 to 2200,
    /// the last not before the first: 2024/25 to 2026/27 is `parse(2024, 2026, _)`.
    pub fn parse(first_starts: i32, last_starts: i32, rolling: bool) -> Result<Self, ValueError> {
        // The same bounds and order as calendar years.
        let years = StrategyPeriod::parse(first_starts, last_starts, rolling)?;
        Ok(Self {
            first: years.start_year(),
            last: years.end_year(),
            rolling,
        })
    }

    /// The year the first financial year starts in (2024 for 2024/25).
    pub fn first_starts(&self) -> i32 {
        self.first
    }

    /// The year the last financial year starts in.
    pub fn last_starts(&self) -> i32 {
        self.last
    }

    /// Whether it is a rolling programme, reviewed annually.
    pub fn rolling(&self) -> bool {
        self.rolling
    }
}

impl std::fmt::Display for FinancialYears {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let short = |y: i32| (y + 1).rem_euclid(100);
        if self.first == self.last {
            write!(f, "{}/{:02}", self.first, short(self.first))
        } else {
            write!(
                f,
                "{}/{:02} to {}/{:02}",
                self.first,
                short(self.first),
                self.last,
                short(self.last)
            )
        }
    }
}

/// The span a strategy or version states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind")]
pub enum StrategySpan {
    /// Calendar years, e.g. 2010-2013.
    #[serde(rename = "years")]
    Years(StrategyPeriod),
    /// Financial years, e.g. 2024/25 to 2026/27.
    #[serde(rename = "financial_years")]
    FinancialYears(FinancialYears),
}

impl From<StrategyPeriod> for StrategySpan {
    fn from(p: StrategyPeriod) -> Self {
        StrategySpan::Years(p)
    }
}

impl std::fmt::Display for StrategySpan {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StrategySpan::Years(p) => p.fmt(f),
            StrategySpan::FinancialYears(y) => y.fmt(f),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn financial_years_are_written_as_councils_write_them() {
        assert_eq!(
            FinancialYears::parse(2024, 2026, false)
                .unwrap()
                .to_string(),
            "2024/25 to 2026/27"
        );
        assert_eq!(
            FinancialYears::parse(1999, 1999, false)
                .unwrap()
                .to_string(),
            "1999/00"
        );
        assert!(FinancialYears::parse(2026, 2024, false).is_err());
    }

    #[test]
    fn a_span_is_tagged_by_kind_in_json() {
        let years = StrategySpan::Years(StrategyPeriod::parse(2010, 2013, true).unwrap());
        let json = serde_json::to_value(years).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"kind": "years", "start_year": 2010, "end_year": 2013, "rolling": true})
        );
        assert_eq!(serde_json::from_value::<StrategySpan>(json).unwrap(), years);
        let fy = StrategySpan::FinancialYears(FinancialYears::parse(2024, 2026, false).unwrap());
        let json = serde_json::to_value(fy).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"kind": "financial_years", "first_starts": 2024, "last_starts": 2026, "rolling": false})
        );
        assert_eq!(serde_json::from_value::<StrategySpan>(json).unwrap(), fy);
    }
}
