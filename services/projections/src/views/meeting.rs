//! A meeting as the register shows it: the body, when and where, the agenda with its minutes,
//! the items taken in private and the resolutions excluding the public; and its public view, in
//! which the minutes of an item withheld from the public are replaced by the withheld notice.

use chrono::{NaiveDate, NaiveTime};
use civic_domain::Meeting;
use civic_domain::meeting::{
    AgendaItem, ExclusionResolution, MeetingBody, MeetingCorrection, MeetingDetails, MeetingStatus,
};
use civic_domain::provenance::Provenance;
use civic_domain::values::{
    AgendaItemId, BodyId, ItemNumber, Location, LongText, MeetingId, Name, Reason, Source, Title,
};
use civic_eventstore::TenantId;
use serde::{Deserialize, Serialize};

use super::decision::Audience;
use super::withheld::WithheldNotice;

/// One meeting, for the audience it was built for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingView {
    /// The council whose log holds the meeting.
    pub tenant: TenantId,
    /// The meeting.
    pub id: MeetingId,
    /// The meeting stream's version: the `expected_version` for the next command on it.
    pub version: u64,
    /// Position of the stream's last event in the tenant's log.
    pub last_position: u64,
    /// Whether this is the public or the full view.
    pub audience: Audience,
    /// The record as this audience may see it, stored as its own object (a flattened one is
    /// read through a buffer of every key; see [`super::DecisionView::record`]).
    pub record: MeetingRecordView,
    /// The cancellation, if the meeting was cancelled by command.
    pub cancellation: Option<CancellationView>,
    /// Every correction, oldest first.
    pub corrections: Vec<MeetingCorrectionView>,
    /// The pages the record was imported from, each as last read, with each field as the page
    /// gave it (full
    /// view only: the page's text may hold withheld minutes).
    #[serde(default)]
    pub sources: Vec<Provenance>,
}

/// The fields of a meeting's record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingRecordView {
    /// The body that met, as the page named it.
    pub body: MeetingBodyView,
    /// The day of the meeting.
    pub date: NaiveDate,
    /// When it started, if stated.
    pub start_time: Option<NaiveTime>,
    /// When it ended, if stated.
    pub end_time: Option<NaiveTime>,
    /// Where, if stated.
    pub location: Option<Location>,
    /// Scheduled, held, cancelled or postponed; `None` when not stated.
    pub status: Option<MeetingStatusView>,
    /// The agenda items, in page order.
    pub items: Vec<AgendaItemView>,
    /// The resolutions excluding the public.
    pub exclusions: Vec<ExclusionView>,
    /// The minutes of the meeting as a whole, if recorded.
    pub minutes: Option<LongText>,
    /// The page and publishing system the meeting was taken from.
    #[serde(default)]
    pub source: Source,
}

/// The body that met, as the page named it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingBodyView {
    /// The body in the council's list.
    pub body_id: BodyId,
    /// The name the page showed.
    pub name_as_shown: Name,
}

/// Where a meeting stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MeetingStatusView {
    /// Arranged, not yet held.
    #[serde(rename = "scheduled")]
    Scheduled,
    /// It took place.
    #[serde(rename = "held")]
    Held,
    /// It will not take place.
    #[serde(rename = "cancelled")]
    Cancelled,
    /// Moved to a later date.
    #[serde(rename = "postponed")]
    Postponed,
}

impl MeetingStatusView {
    /// The value stored in the `status` column.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            MeetingStatusView::Scheduled => "scheduled",
            MeetingStatusView::Held => "held",
            MeetingStatusView::Cancelled => "cancelled",
            MeetingStatusView::Postponed => "postponed",
        }
    }
}

/// One agenda item. In the public view an item withheld from the public keeps its number and
/// title (the agenda lists them) and its notice; its minutes are absent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaItemView {
    /// The item's id.
    pub id: AgendaItemId,
    /// Its number or minute number as the council writes it.
    pub number: Option<ItemNumber>,
    /// Its title.
    pub title: Title,
    /// Its minutes (`None` in the public view when withheld).
    pub minutes: Option<LongText>,
    /// Whether it was taken with the public excluded.
    pub in_private: bool,
    /// The basis on which its minutes are withheld from the public, if they are (in the full
    /// view too, so clerks see what the public is told).
    pub withheld: Option<WithheldNotice>,
}

/// A resolution excluding the public.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExclusionView {
    /// Its text as minuted, if given.
    pub text: Option<LongText>,
    /// The items it excluded the public from.
    pub items: Vec<AgendaItemId>,
}

/// A cancellation by command.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CancellationView {
    /// Why, if the council said.
    pub reason: Option<Reason>,
    /// The day it was recorded.
    pub cancelled_on: NaiveDate,
}

/// A correction of the record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingCorrectionView {
    /// Why the record was wrong.
    pub reason: Reason,
    /// When it was corrected.
    pub corrected_on: NaiveDate,
    /// The record before the correction; `None` in the public view, because it may hold
    /// withheld minutes.
    pub previous: Option<MeetingRecordView>,
}

impl MeetingView {
    /// The full view of a folded meeting (clerks and auditors).
    pub fn from_meeting(tenant: TenantId, meeting: &Meeting, last_position: u64) -> Self {
        Self {
            tenant,
            id: meeting.id(),
            version: meeting.version(),
            last_position,
            audience: Audience::Full,
            record: MeetingRecordView::full(meeting.details()),
            cancellation: meeting.cancellation().map(|c| CancellationView {
                reason: c.reason.clone(),
                cancelled_on: c.cancelled_on,
            }),
            corrections: meeting
                .corrections()
                .iter()
                .map(
                    |MeetingCorrection {
                         previous,
                         reason,
                         corrected_on,
                     }| MeetingCorrectionView {
                        reason: reason.clone(),
                        corrected_on: *corrected_on,
                        previous: Some(MeetingRecordView::full(previous)),
                    },
                )
                .collect(),
            sources: meeting.sources().to_vec(),
        }
    }

    /// The public view of this (full) view: each withheld item's minutes removed, and the
    /// previous versions of corrected records dropped because they may hold withheld minutes.
    /// Meetings are public once recorded, so there always is one.
    pub fn public(&self) -> MeetingView {
        let mut view = self.clone();
        view.audience = Audience::Public;
        for item in &mut view.record.items {
            if item.withheld.is_some() {
                item.minutes = None;
            }
        }
        for correction in &mut view.corrections {
            correction.previous = None;
        }
        view.sources = Vec::new();
        view
    }
}

impl MeetingRecordView {
    /// Every field of `details`. Destructured without `..`, so a new field cannot be forgotten.
    pub fn full(details: &MeetingDetails) -> Self {
        let MeetingDetails {
            body:
                MeetingBody {
                    body_id,
                    name_as_shown,
                },
            date,
            start_time,
            end_time,
            location,
            status,
            items,
            exclusions,
            minutes,
            source,
        } = details;
        Self {
            body: MeetingBodyView {
                body_id: *body_id,
                name_as_shown: name_as_shown.clone(),
            },
            date: *date,
            start_time: *start_time,
            end_time: *end_time,
            location: location.clone(),
            status: status.map(|status| match status {
                MeetingStatus::Scheduled => MeetingStatusView::Scheduled,
                MeetingStatus::Held => MeetingStatusView::Held,
                MeetingStatus::Cancelled => MeetingStatusView::Cancelled,
                MeetingStatus::Postponed => MeetingStatusView::Postponed,
            }),
            items: items.iter().map(AgendaItemView::full).collect(),
            exclusions: exclusions
                .iter()
                .map(|ExclusionResolution { text, items }| ExclusionView {
                    text: text.clone(),
                    items: items.clone(),
                })
                .collect(),
            minutes: minutes.clone(),
            source: source.clone(),
        }
    }

    /// The item with id `id`.
    pub fn item(&self, id: AgendaItemId) -> Option<&AgendaItemView> {
        self.items.iter().find(|item| item.id == id)
    }
}

impl AgendaItemView {
    fn full(item: &AgendaItem) -> Self {
        let AgendaItem {
            id,
            number,
            title,
            minutes,
            in_private,
            restriction,
        } = item;
        Self {
            id: *id,
            number: number.clone(),
            title: title.clone(),
            minutes: minutes.clone(),
            in_private: *in_private,
            withheld: restriction.as_ref().map(WithheldNotice::of),
        }
    }
}
