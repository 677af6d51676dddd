//! What a query asks for: who is looking, which decisions, and which page.
//!
//! - [`cursor`]: opaque keyset cursors.
//! - [`filter`]: a [`DecisionFilter`] turned into SQL conditions and parameters.
//! - [`meetings`]: [`MeetingFilter`], which meetings to list.
//! - [`search`]: [`SearchQuery`], the search language parsed, and written for each backend.

pub(crate) mod cursor;
pub(crate) mod filter;
pub(crate) mod meetings;
pub mod search;

pub use meetings::MeetingFilter;
pub use search::{SearchQuery, SearchSyntaxError};

use chrono::NaiveDate;
use civic_domain::decision::DecisionStatus;
use civic_domain::values::{BodyId, WardId};

use crate::error::ProjectionError;
use crate::views::Audience;

/// Who is looking: decides which rows and which document a query reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Viewer {
    /// Anyone: published decisions only, with withheld information replaced by notices, and
    /// full-text search over the public text only.
    Public,
    /// A council clerk: everything recorded, published or not.
    Clerk,
    /// An auditor: everything recorded (the same read models as a clerk; the difference is in
    /// what the gateway lets each of them do).
    Auditor,
}

impl Viewer {
    /// The stored view this viewer reads.
    pub(crate) fn audience(self) -> Audience {
        match self {
            Viewer::Public => Audience::Public,
            Viewer::Clerk | Viewer::Auditor => Audience::Full,
        }
    }
}

/// Which decisions to list. Every condition given must hold; the default lists them all.
/// Conditions apply to what the viewer can see: a value withheld from the public never matches a
/// public query, so a filter cannot reveal it.
#[derive(Clone, Debug, Default)]
pub struct DecisionFilter {
    /// What to find in the decision's public text (see [`search`] for the language and the
    /// fields searched); `None` is no condition.
    pub text: Option<SearchQuery>,
    /// Lifecycle statuses, any of which matches; empty is no condition.
    pub statuses: Vec<DecisionStatus>,
    /// Decisions whose decision maker is this body.
    pub decision_maker: Option<BodyId>,
    /// Decisions affecting this ward, including those affecting all wards.
    pub ward: Option<WardId>,
    /// Key decisions (true) or not (false); not-stated values match neither.
    pub key_decision: Option<bool>,
    /// Decisions recorded as subject to call-in (true) or not (false); not-stated match neither.
    pub subject_to_call_in: Option<bool>,
    /// Decisions that can be called in on this day: published by then, with a call-in window,
    /// not called in, withdrawn or in effect, and the deadline on or after the day.
    pub call_in_open_on: Option<NaiveDate>,
    /// Decided on or after this day.
    pub decided_from: Option<NaiveDate>,
    /// Decided on or before this day.
    pub decided_to: Option<NaiveDate>,
    /// Published on or after this day.
    pub published_from: Option<NaiveDate>,
    /// Published on or before this day.
    pub published_to: Option<NaiveDate>,
    /// Not a condition: the order of the list.
    pub order: DecisionOrder,
}

impl DecisionFilter {
    /// Whether the list is ordered by relevance: asked for, with a text search to rank by.
    pub(crate) fn ranked(&self) -> bool {
        self.text.is_some() && self.order == DecisionOrder::Relevance
    }
}

/// The order of the decisions list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DecisionOrder {
    /// Newest first: date descending, then id descending. Pages follow by cursor.
    #[default]
    Newest,
    /// Best match of the text search first, then newest first among equals. PostgreSQL ranks by
    /// `ts_rank` (how often and how close the searched words occur), SQLite by FTS5's BM25 (which
    /// also weighs how rare each word is across the database file); neither weights the title
    /// above other fields, which are indexed as one text. Pages follow by cursor, the last score
    /// seen (the rank times 10^9, rounded), then date and id: ranks move as decisions are added
    /// (on SQLite with any decision of the file), so a page read after such a change may repeat
    /// or skip a decision whose rank moved across it. Without a text search every decision is
    /// equally relevant, and the list is newest first.
    Relevance,
}

/// The page a list query returns: the first `first` items after the `after` cursor.
#[derive(Clone, Debug)]
pub struct PageRequest {
    /// How many items, 1..=100.
    pub first: u32,
    /// The cursor of the last item already seen, as returned in [`Page::items`].
    pub after: Option<String>,
}

/// The largest page a query returns.
pub const MAX_PAGE: u32 = 100;

impl PageRequest {
    /// The page size, checked.
    pub(crate) fn size(&self) -> Result<u32, ProjectionError> {
        if (1..=MAX_PAGE).contains(&self.first) {
            Ok(self.first)
        } else {
            Err(ProjectionError::InvalidPage(format!(
                "first must be between 1 and {MAX_PAGE}, not {}",
                self.first
            )))
        }
    }
}

/// One page of a list.
#[derive(Clone, Debug)]
pub struct Page<T> {
    /// The items with their cursors; pass an item's cursor as `after` to continue from it.
    pub items: Vec<(String, T)>,
    /// Whether more items follow this page.
    pub has_next_page: bool,
    /// How many items the whole list has (ignoring the page).
    pub total_count: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_sizes_outside_one_to_a_hundred_are_refused() {
        let page = |first| PageRequest { first, after: None };
        assert!(matches!(
            page(0).size(),
            Err(ProjectionError::InvalidPage(_))
        ));
        assert!(matches!(
            page(101).size(),
            Err(ProjectionError::InvalidPage(_))
        ));
        assert_eq!(page(1).size().ok(), Some(1));
        assert_eq!(page(100).size().ok(), Some(100));
    }
}
