//! Withheld information as typed: the basis on which a field, a document or a planned decision
//! is kept from the public, as the council's notice gives it.

use async_graphql::InputObject;
use civic_domain::restriction::{Paragraph, ParagraphReason, RestrictionDraft};
use civic_domain::values::{LongText, Reason};

use super::{InputError, at, optional};

use crate::graphql::enums::{ExemptionScheme, RestrictionCategory};

/// Why something is withheld from the public.
#[derive(InputObject, Debug, Clone)]
pub struct RestrictionInput {
    /// Exempt (the council may withhold it) or confidential (it must).
    pub category: RestrictionCategory,
    /// The statute; defaults to the current scheme of the council's nation.
    pub scheme: Option<ExemptionScheme>,
    /// The paragraphs relied on, by number. Exempt information normally cites at least one
    /// (none is kept, with a warning).
    #[graphql(default)]
    pub paragraphs: Vec<u8>,
    /// Paragraphs as the notice cites them, with sub-letters: "6a", "6(b)", "3". Added to
    /// `paragraphs`.
    #[graphql(default)]
    pub paragraph_codes: Vec<String>,
    /// Whether the public-interest test was applied; null when the notice does not say (and
    /// under Scotland's Schedule 7A, which has no such test).
    pub public_interest_test_applied: Option<bool>,
    /// The council's reason, shown to the public with the notice.
    pub reason: Option<String>,
    /// Reasons given paragraph by paragraph, where the notice gives them so.
    #[graphql(default)]
    pub paragraph_reasons: Vec<ParagraphReasonInput>,
    /// The basis in the council's own words, e.g. "Part 1 paragraph 18", kept beside the scheme.
    pub as_given: Option<String>,
}

/// The council's reason for citing one paragraph.
#[derive(InputObject, Debug, Clone)]
pub struct ParagraphReasonInput {
    /// The paragraph, e.g. "3" or "6a".
    pub paragraph: String,
    /// Why it applies.
    pub reason: String,
}

impl RestrictionInput {
    /// The restriction as stated; the domain resolves a missing scheme to the council's.
    pub fn draft(&self, field: &str) -> Result<RestrictionDraft, InputError> {
        let mut paragraphs: Vec<Paragraph> = self
            .paragraphs
            .iter()
            .map(|&n| {
                at(
                    &format!("{field}.paragraphs"),
                    Paragraph::parse(&n.to_string()),
                )
            })
            .collect::<Result<_, _>>()?;
        for (n, code) in self.paragraph_codes.iter().enumerate() {
            paragraphs.push(at(
                &format!("{field}.paragraphCodes[{n}]"),
                Paragraph::parse(code),
            )?);
        }
        let paragraph_reasons = self
            .paragraph_reasons
            .iter()
            .enumerate()
            .map(|(n, r)| {
                let path = format!("{field}.paragraphReasons[{n}]");
                Ok(ParagraphReason {
                    paragraph: at(&format!("{path}.paragraph"), Paragraph::parse(&r.paragraph))?,
                    reason: at(&format!("{path}.reason"), Reason::parse(&r.reason))?,
                })
            })
            .collect::<Result<_, InputError>>()?;
        Ok(RestrictionDraft {
            category: self.category.into(),
            scheme: self.scheme.map(Into::into),
            paragraphs,
            public_interest_test_applied: self.public_interest_test_applied,
            reason: optional(
                &format!("{field}.reason"),
                self.reason.as_deref(),
                Reason::parse,
            )?,
            paragraph_reasons,
            as_given: optional(
                &format!("{field}.asGiven"),
                self.as_given.as_deref(),
                LongText::parse,
            )?,
        })
    }
}
