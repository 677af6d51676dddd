//! Withheld information as typed: the basis on which a field, a document or a planned decision
//! is kept from the public.

use async_graphql::InputObject;
use civic_domain::restriction::RestrictionDraft;
use civic_domain::values::Reason;

use super::{InputError, optional};

use crate::graphql::enums::{ExemptionScheme, RestrictionCategory};

/// Why something is withheld from the public.
#[derive(InputObject, Debug, Clone)]
pub struct RestrictionInput {
    /// Exempt (the council may withhold it) or confidential (it must).
    pub category: RestrictionCategory,
    /// The statute; defaults to the current scheme of the council's nation.
    pub scheme: Option<ExemptionScheme>,
    /// The paragraphs relied on: at least one for exempt information, none for confidential.
    #[graphql(default)]
    pub paragraphs: Vec<u8>,
    /// Whether the public-interest test was applied (required for exempt information in England
    /// since 2006).
    pub public_interest_test_applied: bool,
    /// The council's reason, shown to the public with the notice.
    pub reason: Option<String>,
}

impl RestrictionInput {
    /// The restriction as stated; the domain resolves a missing scheme to the council's.
    pub fn draft(&self, field: &str) -> Result<RestrictionDraft, InputError> {
        Ok(RestrictionDraft {
            category: self.category.into(),
            scheme: self.scheme.map(Into::into),
            paragraphs: self.paragraphs.clone(),
            public_interest_test_applied: self.public_interest_test_applied,
            reason: optional(
                &format!("{field}.reason"),
                self.reason.as_deref(),
                Reason::parse,
            )?,
        })
    }
}
