//! A meeting of one of the council's bodies: when and where, its agenda with the minutes of each
//! item, the items taken in private and the resolutions excluding the public. [`MeetingFields`]
//! resolves the record's fields once, for the meeting and for a correction's previous version.

use async_graphql::{Context, ID, Object};
use civic_domain::decision::BodyRef as DomainBodyRef;
use civic_projections::views::{
    AgendaItemView, CancellationView, ExclusionView, MeetingCorrectionView, MeetingRecordView,
    MeetingView,
};
use uuid::Uuid;

use super::common::{BodyRef, WithheldNotice};
use super::history::HistoryEvent;
use super::source::RecordSource;
use crate::error::ApiError;
use crate::graphql::enums::MeetingStatus;
use crate::graphql::global_id::{self, NodeKind};
use crate::graphql::query::as_of::record_history;
use crate::graphql::scalars::{Date, Time};

/// A meeting of one of the council's bodies, e.g. the Cabinet of 9 June 2010.
pub struct Meeting(pub MeetingView);

#[Object]
impl Meeting {
    /// The meeting's global id, for `node(id:)`.
    pub async fn id(&self) -> ID {
        global_id::id(NodeKind::Meeting, self.0.tenant, self.0.id.as_uuid())
    }

    /// The meeting's own id, as mutations take it.
    async fn uuid(&self) -> Uuid {
        self.0.id.as_uuid()
    }

    /// The meeting stream's version: the `expectedVersion` for the next command on it.
    async fn version(&self) -> u64 {
        self.0.version
    }

    /// The record's fields that read the same on a meeting and on a correction's previous
    /// version.
    #[graphql(flatten)]
    async fn record(&self) -> MeetingFields<'_> {
        MeetingFields(&self.0.record)
    }

    /// The cancellation, if the meeting was cancelled after it was recorded.
    async fn cancellation(&self) -> Option<MeetingCancellation<'_>> {
        self.0.cancellation.as_ref().map(MeetingCancellation)
    }

    /// Every correction of the record, oldest first.
    async fn corrections(&self) -> Vec<MeetingCorrection<'_>> {
        self.0.corrections.iter().map(MeetingCorrection).collect()
    }

    /// The pages the record was imported from, each as last read, with each field as the page
    /// gave it; empty when it was not imported, and for the public.
    async fn sources(&self) -> Vec<RecordSource<'_>> {
        self.0.sources.iter().map(RecordSource).collect()
    }

    /// Every event of the meeting, oldest first, with what it changed. Meetings are public once
    /// recorded, so the public sees every event, with withheld minutes left out and not who
    /// recorded them.
    async fn history(&self, ctx: &Context<'_>) -> Result<Vec<HistoryEvent>, ApiError> {
        record_history::<MeetingView>(ctx, self.0.id).await
    }
}

/// The fields of a meeting's record, for the audience its view was built for: flattened into a
/// `Meeting`, and on its own as a correction's previous version.
pub struct MeetingFields<'a>(pub &'a MeetingRecordView);

#[Object(name = "MeetingRecord")]
impl MeetingFields<'_> {
    /// The body that met, as the page names it.
    async fn body(&self) -> BodyRef {
        BodyRef(DomainBodyRef {
            body_id: self.0.body.body_id,
            name_as_shown: self.0.body.name_as_shown.clone(),
        })
    }

    /// The day of the meeting.
    async fn date(&self) -> Date {
        Date(self.0.date)
    }

    /// When it started; null when not stated.
    async fn start_time(&self) -> Option<Time> {
        self.0.start_time.map(Time)
    }

    /// When it ended; null when not stated.
    async fn end_time(&self) -> Option<Time> {
        self.0.end_time.map(Time)
    }

    /// Where; null when not stated.
    async fn location(&self) -> Option<&str> {
        self.0.location.as_ref().map(|l| l.as_str())
    }

    /// Scheduled, held, cancelled or postponed; null when not stated.
    async fn status(&self) -> Option<MeetingStatus> {
        self.0.status.map(Into::into)
    }

    /// The agenda items, in page order.
    async fn items(&self) -> Vec<AgendaItem<'_>> {
        self.0.items.iter().map(AgendaItem).collect()
    }

    /// The resolutions excluding the public from some of the items.
    async fn exclusions(&self) -> Vec<ExclusionResolution<'_>> {
        self.0
            .exclusions
            .iter()
            .map(|exclusion| ExclusionResolution {
                exclusion,
                record: self.0,
            })
            .collect()
    }

    /// The minutes of the meeting as a whole (attendance, apologies...).
    async fn minutes(&self) -> Option<&str> {
        self.0.minutes.as_ref().map(|m| m.as_str())
    }

    /// The page the record was taken from, if known.
    async fn source_url(&self) -> Option<&str> {
        self.0.source.url.as_ref().map(|u| u.as_str())
    }

    /// The record's id in the system that published it, if known.
    async fn source_id(&self) -> Option<&str> {
        self.0.source.system_id.as_ref().map(|r| r.as_str())
    }
}

/// One item of a meeting's agenda.
pub struct AgendaItem<'a>(pub &'a AgendaItemView);

#[Object]
impl AgendaItem<'_> {
    /// The item's own id: what a decision names as the item it was taken under.
    async fn uuid(&self) -> Uuid {
        self.0.id.as_uuid()
    }

    /// Its number or minute number as the council writes it, e.g. "45."; null when not shown.
    async fn number(&self) -> Option<&str> {
        self.0.number.as_ref().map(|n| n.as_str())
    }

    /// Its title (listed on the agenda even when taken in private).
    async fn title(&self) -> &str {
        self.0.title.as_str()
    }

    /// Its minutes; null when not recorded, or withheld from the caller (see `withheld`).
    async fn minutes(&self) -> Option<&str> {
        self.0.minutes.as_ref().map(|m| m.as_str())
    }

    /// Whether it was taken with the public excluded.
    async fn in_private(&self) -> bool {
        self.0.in_private
    }

    /// Why its minutes are withheld from the public, if they are.
    async fn withheld(&self) -> Option<WithheldNotice> {
        self.0.withheld.clone().map(WithheldNotice)
    }
}

/// A resolution excluding the public from some of a meeting's items.
pub struct ExclusionResolution<'a> {
    exclusion: &'a ExclusionView,
    record: &'a MeetingRecordView,
}

#[Object]
impl ExclusionResolution<'_> {
    /// Its text as minuted; null when the page does not give it.
    async fn text(&self) -> Option<&str> {
        self.exclusion.text.as_ref().map(|t| t.as_str())
    }

    /// The items it excluded the public from, in the order it names them.
    async fn items(&self) -> Vec<AgendaItem<'_>> {
        self.exclusion
            .items
            .iter()
            .filter_map(|id| self.record.item(*id))
            .map(AgendaItem)
            .collect()
    }
}

/// A meeting cancelled after it was recorded.
pub struct MeetingCancellation<'a>(pub &'a CancellationView);

#[Object]
impl MeetingCancellation<'_> {
    /// Why; null when the council did not say.
    async fn reason(&self) -> Option<&str> {
        self.0.reason.as_ref().map(|r| r.as_str())
    }

    /// The day the cancellation was recorded.
    async fn cancelled_on(&self) -> Date {
        Date(self.0.cancelled_on)
    }
}

/// A correction of a meeting's record.
pub struct MeetingCorrection<'a>(pub &'a MeetingCorrectionView);

#[Object]
impl MeetingCorrection<'_> {
    /// Why the record was wrong.
    async fn reason(&self) -> &str {
        self.0.reason.as_str()
    }

    /// The day it was corrected.
    async fn corrected_on(&self) -> Date {
        Date(self.0.corrected_on)
    }

    /// The record before the correction; null for the public, as it may hold withheld minutes.
    async fn previous(&self) -> Option<MeetingFields<'_>> {
        self.0.previous.as_ref().map(MeetingFields)
    }
}
