//! Each council's own words for a decision's status, mapped to the canonical
//! lifecycle stage or outcome the register reasons about.

use crate::decision::Outcome;
use crate::values::StatusLabel;
use serde::{Deserialize, Serialize};

/// The canonical meaning of a council's status label: either an outcome of
/// the decision or a lifecycle stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CanonicalStatus {
    /// The recommendations were approved.
    #[serde(rename = "approved")]
    Approved,
    /// Approved with amendments.
    #[serde(rename = "approved_with_amendments")]
    ApprovedWithAmendments,
    /// Rejected or refused.
    #[serde(rename = "rejected")]
    Rejected,
    /// Noted, with nothing to approve.
    #[serde(rename = "noted")]
    Noted,
    /// Awaiting determination.
    #[serde(rename = "for_determination")]
    ForDetermination,
    /// The decision was deferred.
    #[serde(rename = "deferred")]
    Deferred,
    /// The item was withdrawn.
    #[serde(rename = "withdrawn")]
    Withdrawn,
    /// The decision was called in.
    #[serde(rename = "called_in")]
    CalledIn,
}

impl CanonicalStatus {
    /// The decision outcome this status means, if it is an outcome rather than
    /// a lifecycle stage.
    pub fn outcome(self) -> Option<Outcome> {
        match self {
            CanonicalStatus::Approved => Some(Outcome::Approved),
            CanonicalStatus::ApprovedWithAmendments => Some(Outcome::ApprovedWithAmendments),
            CanonicalStatus::Rejected => Some(Outcome::Rejected),
            CanonicalStatus::Noted => Some(Outcome::Noted),
            CanonicalStatus::ForDetermination => Some(Outcome::ForDetermination),
            CanonicalStatus::Deferred | CanonicalStatus::Withdrawn | CanonicalStatus::CalledIn => {
                None
            }
        }
    }
}

/// One council label and what it means.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct StatusLabelMapping {
    /// The council's words, e.g. "Recommendations Approved".
    #[serde(rename = "label")]
    pub label: StatusLabel,
    /// What they mean.
    #[serde(rename = "status")]
    pub status: CanonicalStatus,
}

/// The labels every new council starts with: the words ModernGov councils use
/// most often. Councils add or remap their own afterwards.
pub fn default_status_labels() -> Vec<StatusLabelMapping> {
    use CanonicalStatus::*;
    [
        ("Recommendations Approved", Approved),
        ("Approved", Approved),
        ("Agreed", Approved),
        ("Approved with Amendments", ApprovedWithAmendments),
        ("Noted", Noted),
        ("Rejected", Rejected),
        ("Refused", Rejected),
        ("Deferred", Deferred),
        ("Withdrawn", Withdrawn),
        ("Called In", CalledIn),
        ("For Determination", ForDetermination),
    ]
    .into_iter()
    .filter_map(|(label, status)| {
        StatusLabel::parse(label)
            .ok()
            .map(|label| StatusLabelMapping { label, status })
    })
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_labels_map_the_common_council_words() {
        let labels = default_status_labels();
        let find = |s: &str| {
            labels
                .iter()
                .find(|m| m.label.as_str() == s)
                .map(|m| m.status)
        };
        assert_eq!(
            find("Recommendations Approved"),
            Some(CanonicalStatus::Approved)
        );
        assert_eq!(find("Agreed"), Some(CanonicalStatus::Approved));
        assert_eq!(find("Refused"), Some(CanonicalStatus::Rejected));
        assert_eq!(find("Called In"), Some(CanonicalStatus::CalledIn));
        assert_eq!(
            find("For Determination"),
            Some(CanonicalStatus::ForDetermination)
        );
        assert_eq!(labels.len(), 11);
    }

    #[test]
    fn only_outcome_statuses_map_to_an_outcome() {
        assert_eq!(CanonicalStatus::Noted.outcome(), Some(Outcome::Noted));
        assert_eq!(CanonicalStatus::Deferred.outcome(), None);
    }
}
