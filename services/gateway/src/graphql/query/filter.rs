//! The decisions list's filter as typed, converted to the read model's [`DecisionFilter`].

use async_graphql::InputObject;
use chrono::NaiveDate;
use civic_domain::values::{BodyId, WardId};
use civic_projections::{DecisionFilter, SearchQuery};
use uuid::Uuid;

use crate::error::ApiError;
use crate::graphql::enums::DecisionStatus;
use crate::graphql::scalars::Date;

/// The longest search text accepted.
const MAX_TEXT_CHARS: usize = 500;

/// Which decisions to list. Every condition given must hold; none lists them all. Conditions
/// apply to what the caller can see: a withheld value never matches an anonymous query.
#[derive(InputObject, Debug, Clone, Default)]
pub struct DecisionFilterInput {
    /// What to find in the title, purpose, resolutions, reasons, reason key, report author,
    /// consultees or references (those the caller may see). Every word must match;
    /// `"quoted words"` match as a phrase, `OR` (capitals) between terms matches either,
    /// `highw*` matches words beginning so, `-word` excludes decisions with the word. English
    /// words are stemmed. At most 500 characters; bad syntax (an unclosed quote, a lone `OR`) is
    /// `BAD_USER_INPUT`.
    pub text: Option<String>,
    /// Lifecycle statuses, any of which matches.
    #[graphql(default)]
    pub status: Vec<DecisionStatus>,
    /// Decisions of this decision-making body.
    pub decision_maker: Option<Uuid>,
    /// Decisions affecting this ward (including those affecting all wards).
    pub ward: Option<Uuid>,
    /// Key decisions (true) or not (false); not-stated values match neither.
    pub key_decision: Option<bool>,
    /// Subject to call-in (true) or not (false); not-stated values match neither.
    pub subject_to_call_in: Option<bool>,
    /// Only decisions that can still be called in today (UK date). `false` is refused: omit it
    /// for no condition.
    pub call_in_open: Option<bool>,
    /// Decided on or after this day.
    pub decided_from: Option<Date>,
    /// Decided on or before this day.
    pub decided_to: Option<Date>,
    /// Published on or after this day.
    pub published_from: Option<Date>,
    /// Published on or before this day.
    pub published_to: Option<Date>,
}

impl DecisionFilterInput {
    /// The read model's filter, with "call-in open" taken on `today`.
    pub fn to_filter(&self, today: NaiveDate) -> Result<DecisionFilter, ApiError> {
        if self
            .text
            .as_ref()
            .is_some_and(|t| t.chars().count() > MAX_TEXT_CHARS)
        {
            return Err(ApiError::invalid(
                "filter.text",
                format!("search text is limited to {MAX_TEXT_CHARS} characters"),
            ));
        }
        let text = self
            .text
            .as_deref()
            .map(SearchQuery::parse)
            .transpose()
            .map_err(|error| ApiError::invalid("filter.text", error.to_string()))?
            .flatten();
        let call_in_open_on = match self.call_in_open {
            None => None,
            Some(true) => Some(today),
            Some(false) => {
                return Err(ApiError::invalid(
                    "filter.callInOpen",
                    "only callInOpen: true is a condition; omit it to list every decision",
                ));
            }
        };
        Ok(DecisionFilter {
            text,
            statuses: self.status.iter().map(|s| (*s).into()).collect(),
            decision_maker: self.decision_maker.map(BodyId::from_uuid),
            ward: self.ward.map(WardId::from_uuid),
            key_decision: self.key_decision,
            subject_to_call_in: self.subject_to_call_in,
            call_in_open_on,
            decided_from: self.decided_from.map(Into::into),
            decided_to: self.decided_to.map(Into::into),
            published_from: self.published_from.map(Into::into),
            published_to: self.published_to.map(Into::into),
            order: civic_projections::DecisionOrder::Newest,
        })
    }
}
