//! Council policies that the decision rules read: call-in and key-decision
//! thresholds.

use crate::values::{Pence, ValueError};
use serde::{Deserialize, Serialize};

/// The length of the call-in period in working days. Councils use 3 to 10;
/// 1 to 15 is accepted so unusual constitutions can still be recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct CallInPeriod(u8);

impl CallInPeriod {
    /// The usual period: five working days.
    pub const USUAL: CallInPeriod = CallInPeriod(5);

    /// Accepts 1 to 15 working days.
    pub fn parse(working_days: u8) -> Result<Self, ValueError> {
        if !(1..=15).contains(&working_days) {
            return Err(ValueError::OutOfRange {
                what: "call-in period in working days",
                min: 1,
                max: 15,
                actual: i64::from(working_days),
            });
        }
        Ok(Self(working_days))
    }

    /// The number of working days.
    pub fn working_days(self) -> u8 {
        self.0
    }
}

impl TryFrom<u8> for CallInPeriod {
    type Error = ValueError;
    fn try_from(days: u8) -> Result<Self, Self::Error> {
        Self::parse(days)
    }
}

impl From<CallInPeriod> for u8 {
    fn from(value: CallInPeriod) -> Self {
        value.0
    }
}

/// The day the call-in period is counted from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CountedFrom {
    /// From publication of the decision notice (most councils).
    #[serde(rename = "publication")]
    Publication,
    /// From the date of the decision itself.
    #[serde(rename = "decision")]
    Decision,
}

/// When a decision not called in takes effect, relative to the last day for
/// call-in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TakesEffect {
    /// The calendar day after the last day (most councils: published Fri
    /// 11/06/2010, last day Fri 18/06/2010, effective Sat 19/06/2010).
    #[serde(rename = "day_after_last_day")]
    DayAfterLastDay,
    /// On the last day itself.
    #[serde(rename = "last_day")]
    LastDay,
}

/// A council's rules for calling in executive decisions, from its
/// constitution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CallInPolicy {
    /// How many working days members have to call a decision in.
    #[serde(rename = "period_working_days")]
    pub period: CallInPeriod,
    /// What the period is counted from.
    #[serde(rename = "counted_from")]
    pub counted_from: CountedFrom,
    /// When an uncalled decision takes effect.
    #[serde(rename = "takes_effect")]
    pub takes_effect: TakesEffect,
}

impl Default for CallInPolicy {
    /// Five working days from publication, effective the day after the last
    /// day: the commonest English arrangement.
    fn default() -> Self {
        Self {
            period: CallInPeriod::USUAL,
            counted_from: CountedFrom::Publication,
            takes_effect: TakesEffect::DayAfterLastDay,
        }
    }
}

/// A council's thresholds for "key decisions" (Local Authorities (Executive
/// Arrangements) (Meetings and Access to Information) (England) Regulations
/// 2012, reg 8): the amounts are each council's own choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct KeyDecisionThresholds {
    /// Spending at or above this is significant.
    #[serde(rename = "spending_pence")]
    pub spending: Pence,
    /// Savings at or above this are significant.
    #[serde(rename = "savings_pence")]
    pub savings: Pence,
    /// Whether a decision significant in two or more wards is key.
    #[serde(rename = "significant_in_two_or_more_wards")]
    pub significant_in_two_or_more_wards: bool,
}

impl KeyDecisionThresholds {
    /// Whether a proposal with this spending, these savings and this many
    /// significantly affected wards would be a key decision.
    pub fn is_key(
        &self,
        spending: Pence,
        savings: Pence,
        wards_significantly_affected: usize,
    ) -> bool {
        spending >= self.spending
            || savings >= self.savings
            || (self.significant_in_two_or_more_wards && wards_significantly_affected >= 2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn call_in_periods_from_one_to_fifteen_working_days_are_accepted() {
        assert!(CallInPeriod::parse(0).is_err());
        assert!(CallInPeriod::parse(1).is_ok());
        assert!(CallInPeriod::parse(15).is_ok());
        assert!(CallInPeriod::parse(16).is_err());
        assert!(serde_json::from_str::<CallInPeriod>("16").is_err());
    }

    #[test]
    fn the_default_policy_is_five_working_days_from_publication_effective_the_day_after() {
        let p = CallInPolicy::default();
        assert_eq!(p.period.working_days(), 5);
        assert_eq!(p.counted_from, CountedFrom::Publication);
        assert_eq!(p.takes_effect, TakesEffect::DayAfterLastDay);
    }

    #[test]
    fn a_decision_is_key_when_it_meets_any_threshold() {
        let t = KeyDecisionThresholds {
            spending: Pence::parse(25_000_000).unwrap(),
            savings: Pence::parse(10_000_000).unwrap(),
            significant_in_two_or_more_wards: true,
        };
        let p = |n| Pence::parse(n).unwrap();
        assert!(t.is_key(p(25_000_000), p(0), 0));
        assert!(t.is_key(p(0), p(10_000_000), 0));
        assert!(t.is_key(p(0), p(0), 2));
        assert!(!t.is_key(p(24_999_999), p(9_999_999), 1));
    }
}
