//! What can be asked of a meeting. Each variant holds validated values only.

use super::MeetingDetails;
use crate::provenance::Provenance;
use crate::restriction::RestrictionDraft;
use crate::values::Reason;

/// A command for one meeting stream.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub enum MeetingCommand {
    /// Record a meeting as its page shows it: a meeting to come (status scheduled or not
    /// stated) or one held, with its agenda and minutes.
    Record {
        /// The record's fields.
        details: MeetingDetails<RestrictionDraft>,
    },
    /// Correct the record: a full replacement of its fields. The previous version stays in the
    /// history.
    Correct {
        /// The corrected fields (all of them).
        details: MeetingDetails<RestrictionDraft>,
        /// Why the record was wrong.
        reason: Reason,
    },
    /// Note the page the record was read from (an import).
    NoteSource {
        /// The page and what it said.
        provenance: Provenance,
    },
    /// The meeting will not take place.
    Cancel {
        /// Why, if the council said.
        reason: Option<Reason>,
    },
}
