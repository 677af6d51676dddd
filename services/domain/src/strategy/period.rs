//! The years a strategy covers.

use crate::values::ValueError;
use serde::{Deserialize, Serialize};

/// The period a strategy or version covers, e.g. 2010-2013, and whether it
/// is a rolling programme reviewed each year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "PeriodRecord", into = "PeriodRecord")]
pub struct StrategyPeriod {
    start_year: i32,
    end_year: i32,
    rolling: bool,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
struct PeriodRecord {
    #[serde(rename = "start_year")]
    start_year: i32,
    #[serde(rename = "end_year")]
    end_year: i32,
    #[serde(rename = "rolling")]
    rolling: bool,
}

impl TryFrom<PeriodRecord> for StrategyPeriod {
    type Error = ValueError;
    fn try_from(r: PeriodRecord) -> Result<Self, Self::Error> {
        StrategyPeriod::parse(r.start_year, r.end_year, r.rolling)
    }
}

impl From<StrategyPeriod> for PeriodRecord {
    fn from(p: StrategyPeriod) -> Self {
        PeriodRecord {
            start_year: p.start_year,
            end_year: p.end_year,
            rolling: p.rolling,
        }
    }
}

impl StrategyPeriod {
    /// Accepts years from 1900 to 2200 with the end not before the start.
    pub fn parse(start_year: i32, end_year: i32, rolling: bool) -> Result<Self, ValueError> {
        for year in [start_year, end_year] {
            if !(1900..=2200).contains(&year) {
                return Err(ValueError::OutOfRange {
                    what: "strategy year",
                    min: 1900,
                    max: 2200,
                    actual: i64::from(year),
                });
            }
        }
        if end_year < start_year {
            return Err(ValueError::OutOfRange {
                what: "strategy end year",
                min: i64::from(start_year),
                max: 2200,
                actual: i64::from(end_year),
            });
        }
        Ok(Self {
            start_year,
            end_year,
            rolling,
        })
    }

    /// First year covered.
    pub fn start_year(&self) -> i32 {
        self.start_year
    }

    /// Last year covered.
    pub fn end_year(&self) -> i32 {
        self.end_year
    }

    /// Whether it is a rolling programme, reviewed annually.
    pub fn rolling(&self) -> bool {
        self.rolling
    }
}

impl std::fmt::Display for StrategyPeriod {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-{}", self.start_year, self.end_year)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_period_ends_no_earlier_than_it_starts() {
        assert_eq!(
            StrategyPeriod::parse(2010, 2013, true).unwrap().to_string(),
            "2010-2013"
        );
        assert!(StrategyPeriod::parse(2013, 2010, false).is_err());
        assert!(StrategyPeriod::parse(2010, 2010, false).is_ok());
        assert!(StrategyPeriod::parse(1850, 2010, false).is_err());
    }
}
