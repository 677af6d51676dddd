//! The public notice that something is withheld, and references to wards and bodies whose names
//! are resolved from the council when a view is read.

use civic_domain::restriction::{
    ExemptionScheme, Paragraph, ParagraphReason, Restriction, RestrictionCategory,
};
use civic_domain::values::{BodyId, LongText, Name, Reason, WardId};
use serde::{Deserialize, Serialize};

use super::council::CouncilView;

/// What the public is told about withheld information: the fact, the statute, the paragraphs and
/// the council's reason, never the content. Built only by [`Restriction::public_view`], so a
/// notice cannot say more than the domain allows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WithheldNotice {
    /// Exempt or confidential.
    pub category: RestrictionCategory,
    /// The statute relied on.
    pub scheme: ExemptionScheme,
    /// The statute as cited to readers, e.g. "Local Government Act 1972, Schedule 12A, Part 1".
    pub citation: String,
    /// The paragraphs relied on, ascending ("3", "6a").
    pub paragraphs: Vec<Paragraph>,
    /// Whether the public-interest test was applied (`None`: not stated, or the scheme has none).
    pub public_interest_test_applied: Option<bool>,
    /// The council's stated reason, if any.
    pub reason: Option<Reason>,
    /// Reasons given paragraph by paragraph.
    #[serde(default)]
    pub paragraph_reasons: Vec<ParagraphReason>,
    /// The basis in the council's own words, e.g. "Part 1 paragraph 18".
    #[serde(default)]
    pub as_given: Option<LongText>,
    /// The whole notice as one sentence, ready to show in place of the withheld value.
    pub text: String,
}

impl WithheldNotice {
    /// The notice the domain allows the public to see for `restriction`.
    pub fn of(restriction: &Restriction) -> Self {
        let notice = restriction.public_view();
        Self {
            text: notice.to_string(),
            category: notice.category,
            scheme: notice.scheme,
            citation: notice.citation.to_owned(),
            paragraphs: notice.paragraphs,
            public_interest_test_applied: notice.public_interest_test_applied,
            reason: notice.reason,
            paragraph_reasons: notice.paragraph_reasons,
            as_given: notice.as_given,
        }
    }
}

/// A ward named by id in a record. The name is the ward's current name in the council's
/// reference data, filled in when the view is read, so a renamed ward shows its new name
/// everywhere at once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WardRef {
    /// The ward.
    pub id: WardId,
    /// Its name, or `None` if the council does not list it.
    pub name: Option<Name>,
}

impl WardRef {
    /// A reference whose name is still to be resolved.
    pub fn unresolved(id: WardId) -> Self {
        Self { id, name: None }
    }

    /// Fills in the name from the council.
    pub fn resolve(&mut self, council: &CouncilView) {
        self.name = council
            .wards
            .iter()
            .find(|w| w.id == self.id)
            .map(|w| w.name.clone());
    }
}

/// A body named by id only (forward-plan entries record just the id). Resolved like [`WardRef`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BodyNameRef {
    /// The body.
    pub id: BodyId,
    /// Its current name, or `None` if the council does not list it.
    pub name: Option<Name>,
}

impl BodyNameRef {
    /// A reference whose name is still to be resolved.
    pub fn unresolved(id: BodyId) -> Self {
        Self { id, name: None }
    }

    /// Fills in the name from the council.
    pub fn resolve(&mut self, council: &CouncilView) {
        self.name = council
            .bodies
            .iter()
            .find(|b| b.id == self.id)
            .map(|b| b.name.clone());
    }
}
