//! Inputs of the meeting commands: a meeting's record as its page shows it (body, date and
//! times, location, status, agenda items with their minutes, items taken in private and the
//! resolutions excluding the public), its correction and its cancellation.

use async_graphql::InputObject;
use civic_domain::meeting::{
    AgendaItem, ExclusionResolution, MeetingBody, MeetingCommand, MeetingDetails,
};
use civic_domain::restriction::RestrictionDraft;
use civic_domain::values::{
    AgendaItemId, BodyId, ItemNumber, Location, LongText, Name, Reason, Title,
};
use uuid::Uuid;

use super::restriction::RestrictionInput;
use super::{Checks, InputError, InputErrors, all, at, optional};
use crate::graphql::enums::MeetingStatus;
use crate::graphql::scalars::{Date, Time};

/// One item of the agenda, with what the minutes say of it.
#[derive(InputObject, Debug, Clone)]
pub struct AgendaItemInput {
    /// The item's id, chosen by the caller (a new UUID for a new item; the same id again in a
    /// correction, so that decisions taken under it keep pointing at it).
    pub id: Uuid,
    /// Its number or minute number as the council writes it, e.g. "45." or "CAB 12/24"; null
    /// when the page shows none.
    pub number: Option<String>,
    /// Its title.
    pub title: String,
    /// Its minute, if recorded.
    pub minutes: Option<String>,
    /// Whether it was taken with the public excluded ("Part II").
    #[graphql(default)]
    pub in_private: bool,
    /// The exempt or confidential information that justified excluding the public; required
    /// when `inPrivate`. The public sees this notice instead of the minutes.
    pub restriction: Option<RestrictionInput>,
}

/// A resolution excluding the public from some items.
#[derive(InputObject, Debug, Clone)]
pub struct ExclusionResolutionInput {
    /// Its text as minuted, if the page gives it.
    pub text: Option<String>,
    /// The ids of the agenda items it excludes the public from.
    pub item_ids: Vec<Uuid>,
}

/// Every field of a meeting's record, as its page shows it.
#[derive(InputObject, Debug, Clone)]
pub struct MeetingDetailsInput {
    /// The body that met, from the council's list.
    pub body_id: Uuid,
    /// The body's name as the page shows it, e.g. "Cabinet".
    pub body_name: String,
    /// The day of the meeting.
    pub date: Date,
    /// When it started; null when the page does not say.
    pub start_time: Option<Time>,
    /// When it ended; null when the page does not say.
    pub end_time: Option<Time>,
    /// Where; null when the page does not say.
    pub location: Option<String>,
    /// Scheduled, held, cancelled or postponed; null when the page does not say.
    pub status: Option<MeetingStatus>,
    /// The agenda items, in page order.
    #[graphql(default)]
    pub items: Vec<AgendaItemInput>,
    /// The resolutions excluding the public.
    #[graphql(default)]
    pub exclusions: Vec<ExclusionResolutionInput>,
    /// The minutes of the meeting as a whole (attendance, apologies...).
    pub minutes: Option<String>,
    /// The page the meeting was taken from.
    pub source_url: Option<String>,
    /// The meeting's id in the publishing system, e.g. a ModernGov meeting id.
    pub source_id: Option<String>,
}

impl MeetingDetailsInput {
    /// The record as typed, validated into domain values. Restrictions naming no scheme are
    /// left for the domain, which knows the council's nation; so are the rules across fields.
    pub fn details(&self) -> Result<MeetingDetails<RestrictionDraft>, InputErrors> {
        let MeetingDetailsInput {
            body_id,
            body_name,
            date,
            start_time,
            end_time,
            location,
            status,
            items,
            exclusions,
            minutes,
            source_url,
            source_id,
        } = self;
        let mut c = Checks::default();
        let name_as_shown = c.check(at("bodyName", Name::parse(body_name)));
        let location = c.check(optional("location", location.as_deref(), Location::parse));
        let items = c.check(all(items
            .iter()
            .enumerate()
            .map(|(n, item)| item.item(&format!("items[{n}]")))));
        let exclusions = c.check(all(exclusions.iter().enumerate().map(|(n, e)| {
            Ok(ExclusionResolution {
                text: optional(
                    &format!("exclusions[{n}].text"),
                    e.text.as_deref(),
                    LongText::parse,
                )?,
                items: e
                    .item_ids
                    .iter()
                    .copied()
                    .map(AgendaItemId::from_uuid)
                    .collect(),
            })
        })));
        let minutes = c.check(optional("minutes", minutes.as_deref(), LongText::parse));
        let source = c.check(super::record_parts::source(
            "",
            source_url.as_deref(),
            source_id.as_deref(),
        ));
        c.finish(|| {
            Some(MeetingDetails {
                body: MeetingBody {
                    body_id: BodyId::from_uuid(*body_id),
                    name_as_shown: name_as_shown?,
                },
                date: (*date).into(),
                start_time: start_time.map(Into::into),
                end_time: end_time.map(Into::into),
                location: location?,
                status: status.map(Into::into),
                items: items?,
                exclusions: exclusions?,
                minutes: minutes?,
                source: source?,
            })
        })
    }
}

impl AgendaItemInput {
    fn item(&self, field: &str) -> Result<AgendaItem<RestrictionDraft>, InputError> {
        let AgendaItemInput {
            id,
            number,
            title,
            minutes,
            in_private,
            restriction,
        } = self;
        Ok(AgendaItem {
            id: AgendaItemId::from_uuid(*id),
            number: optional(
                &format!("{field}.number"),
                number.as_deref(),
                ItemNumber::parse,
            )?,
            title: at(&format!("{field}.title"), Title::parse(title))?,
            minutes: optional(
                &format!("{field}.minutes"),
                minutes.as_deref(),
                LongText::parse,
            )?,
            in_private: *in_private,
            restriction: restriction
                .as_ref()
                .map(|r| r.draft(&format!("{field}.restriction")))
                .transpose()?,
        })
    }
}

impl TryFrom<&MeetingDetailsInput> for MeetingCommand {
    type Error = InputErrors;
    fn try_from(input: &MeetingDetailsInput) -> Result<Self, Self::Error> {
        Ok(MeetingCommand::Record {
            details: input.details()?,
        })
    }
}

/// A correction: the whole record again, and why the old one was wrong.
#[derive(InputObject, Debug, Clone)]
pub struct CorrectMeetingInput {
    /// The corrected record (all of it).
    pub details: MeetingDetailsInput,
    /// Why the record was wrong.
    pub reason: String,
}

impl TryFrom<&CorrectMeetingInput> for MeetingCommand {
    type Error = InputErrors;
    fn try_from(input: &CorrectMeetingInput) -> Result<Self, Self::Error> {
        Ok(MeetingCommand::Correct {
            details: input
                .details
                .details()
                .map_err(|errors| errors.under("details"))?,
            reason: at("reason", Reason::parse(&input.reason))?,
        })
    }
}

/// A cancellation.
#[derive(InputObject, Debug, Clone, Default)]
pub struct CancelMeetingInput {
    /// Why, if the council said.
    pub reason: Option<String>,
}

impl TryFrom<&CancelMeetingInput> for MeetingCommand {
    type Error = InputErrors;
    fn try_from(input: &CancelMeetingInput) -> Result<Self, Self::Error> {
        Ok(MeetingCommand::Cancel {
            reason: optional("reason", input.reason.as_deref(), Reason::parse)?,
        })
    }
}
