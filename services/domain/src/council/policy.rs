//! The council's key-decision thresholds, which the decision rules read. (The call-in
//! policy has its own module, `call_in_policy`.)

use crate::values::Pence;
use serde::{Deserialize, Serialize};

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
