//! The meeting aggregate: stream `meeting/{uuid}`. A meeting of one of the council's bodies as
//! its pages show it (OParl's `Meeting` and `AgendaItem` are the guide):
//!
//! - `details`: the record: body, date and times, location, status, agenda items with their
//!   minute numbers and minutes, items taken in private and their basis, and the resolutions
//!   excluding the public;
//! - `commands`, `events`, `errors`: the aggregate's language;
//! - `rules`: checks on a record (errors for the impossible, warnings for the unusual);
//! - [`example`]: the Cabinet of 9 June 2010, for the demo council and tests.

mod commands;
mod details;
mod errors;
mod events;
pub mod example;
mod rules;

pub use commands::MeetingCommand;
pub use details::{AgendaItem, ExclusionResolution, MeetingBody, MeetingDetails, MeetingStatus};
pub use errors::MeetingError;
pub use events::*;

use crate::Decided;
use crate::council::Council;
use crate::event::Event;
use crate::provenance::{Provenance, Sources};
use crate::restriction::RestrictionDraft;
use crate::values::{MeetingId, Reason};
use chrono::NaiveDate;
use serde::Serialize;

/// A correction of the record, with the version it replaced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MeetingCorrection {
    /// The record before the correction.
    pub previous: MeetingDetails,
    /// Why.
    pub reason: Reason,
    /// When.
    pub corrected_on: NaiveDate,
}

/// The folded state of a meeting stream: what projections read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meeting {
    id: MeetingId,
    details: MeetingDetails,
    cancellation: Option<MeetingCancelled>,
    corrections: Vec<MeetingCorrection>,
    sources: Sources,
    version: u64,
}

impl Meeting {
    /// Folds a meeting stream; `None` if nothing was recorded. Events of other aggregates are
    /// ignored.
    pub fn from_history(events: &[Event]) -> Option<Meeting> {
        events.iter().fold(None, |state, event| match event {
            Event::Meeting(e) => Meeting::evolve(state, e),
            _ => state,
        })
    }

    /// Applies one event. Never fails: the log is trusted; an event before the meeting was
    /// recorded is ignored.
    pub fn evolve(state: Option<Meeting>, event: &MeetingEvent) -> Option<Meeting> {
        match (state, event) {
            (None, MeetingEvent::Recorded(e)) => Some(Meeting {
                id: e.meeting_id,
                details: e.details.clone(),
                cancellation: None,
                corrections: Vec::new(),
                sources: Sources::default(),
                version: 1,
            }),
            (None, _) => None,
            (Some(mut meeting), event) => {
                meeting.version += 1;
                match event {
                    MeetingEvent::Recorded(_) => {}
                    MeetingEvent::Corrected(e) => {
                        let previous = std::mem::replace(&mut meeting.details, e.details.clone());
                        // A correction that no longer says cancelled says the cancellation
                        // was wrong; the log keeps it.
                        if meeting.details.status != Some(MeetingStatus::Cancelled) {
                            meeting.cancellation = None;
                        }
                        meeting.corrections.push(MeetingCorrection {
                            previous,
                            reason: e.reason.clone(),
                            corrected_on: e.corrected_on,
                        });
                    }
                    MeetingEvent::Cancelled(e) => {
                        meeting.details.status = Some(MeetingStatus::Cancelled);
                        meeting.cancellation = Some(e.clone());
                    }
                    MeetingEvent::SourceNoted(e) => {
                        meeting.sources.note(e.provenance.clone());
                    }
                }
                Some(meeting)
            }
        }
    }

    /// Decides a meeting command. `state` is the folded stream (`None` if empty), `council` the
    /// folded council, `today` the UK date now. All rules live here and in `rules`; `evolve`
    /// only records their results.
    pub fn handle(
        state: Option<&Meeting>,
        id: MeetingId,
        command: &MeetingCommand,
        council: &Council,
        today: NaiveDate,
    ) -> Result<Decided, MeetingError> {
        let (event, warnings) = match (state, command) {
            (None, MeetingCommand::Record { details }) => {
                let details = resolve(details, council)?;
                let warnings = rules::check_details(&details, council, today)?;
                (
                    MeetingEvent::Recorded(MeetingRecorded {
                        meeting_id: id,
                        details,
                    }),
                    warnings,
                )
            }
            (Some(_), MeetingCommand::Record { .. }) => return Err(MeetingError::AlreadyRecorded),
            (None, _) => return Err(MeetingError::NotFound),
            (Some(meeting), MeetingCommand::Correct { details, reason }) => {
                let details = resolve(details, council)?;
                if details == meeting.details {
                    return Err(MeetingError::NothingToCorrect);
                }
                let warnings = rules::check_details(&details, council, today)?;
                (
                    MeetingEvent::Corrected(MeetingCorrected {
                        details,
                        reason: reason.clone(),
                        corrected_on: today,
                    }),
                    warnings,
                )
            }
            (Some(meeting), MeetingCommand::NoteSource { provenance }) => {
                if meeting.sources.of(&provenance.location) == Some(provenance) {
                    return Err(MeetingError::SourceAlreadyNoted);
                }
                (
                    MeetingEvent::SourceNoted(MeetingSourceNoted {
                        provenance: provenance.clone(),
                    }),
                    Vec::new(),
                )
            }
            (Some(meeting), MeetingCommand::Cancel { reason }) => {
                match meeting.details.status {
                    Some(status @ (MeetingStatus::Held | MeetingStatus::Cancelled)) => {
                        return Err(MeetingError::CannotCancel(status));
                    }
                    Some(MeetingStatus::Scheduled | MeetingStatus::Postponed) | None => {}
                }
                (
                    MeetingEvent::Cancelled(MeetingCancelled {
                        reason: reason.clone(),
                        cancelled_on: today,
                    }),
                    Vec::new(),
                )
            }
        };
        Ok(Decided {
            events: vec![Event::Meeting(event)],
            warnings,
        })
    }

    /// The meeting's id.
    pub fn id(&self) -> MeetingId {
        self.id
    }

    /// The record as it stands now (after corrections and a cancellation).
    pub fn details(&self) -> &MeetingDetails {
        &self.details
    }

    /// The cancellation, if the meeting was cancelled by command (a record entered as
    /// cancelled has its status only).
    pub fn cancellation(&self) -> Option<&MeetingCancelled> {
        self.cancellation.as_ref()
    }

    /// The pages the record was read from (an import), each as last read.
    pub fn sources(&self) -> &[Provenance] {
        self.sources.as_slice()
    }

    /// Every correction, oldest first, each with the version it replaced.
    pub fn corrections(&self) -> &[MeetingCorrection] {
        &self.corrections
    }

    /// How many events have been applied.
    pub fn version(&self) -> u64 {
        self.version
    }
}

fn resolve(
    details: &MeetingDetails<RestrictionDraft>,
    council: &Council,
) -> Result<MeetingDetails, MeetingError> {
    details
        .clone()
        .resolve(council.nation().default_scheme())
        .map_err(MeetingError::Restriction)
}

#[cfg(test)]
pub(crate) mod golden;
#[cfg(test)]
mod tests;
