//! The record of a meeting as a council publishes it (OParl's `Meeting` and `AgendaItem`): the
//! body, when and where, the agenda items in page order with their minute numbers and minutes,
//! the items taken in private and on what basis, and the resolutions excluding the public.

use crate::restriction::{ExemptionScheme, Restriction, RestrictionAt, RestrictionDraft};
use crate::values::{AgendaItemId, BodyId, ItemNumber, Location, LongText, Name, Source, Title};
use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

/// The body that met, as the page names it: its id in the council's list and the name the page
/// showed (which may be an old name of the body). A meeting always has a body.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct MeetingBody {
    /// The body in the council's list.
    #[serde(rename = "body_id")]
    pub body_id: BodyId,
    /// The name as shown on the page, e.g. "Cabinet".
    #[serde(rename = "name_as_shown")]
    pub name_as_shown: Name,
}

/// Where the meeting stands, as the page says. A page that says nothing leaves it not stated
/// (`None` in [`MeetingDetails::status`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MeetingStatus {
    /// Arranged, not yet held.
    #[serde(rename = "scheduled")]
    Scheduled,
    /// It took place.
    #[serde(rename = "held")]
    Held,
    /// It will not take place.
    #[serde(rename = "cancelled")]
    Cancelled,
    /// Moved to a later date not given on this record.
    #[serde(rename = "postponed")]
    Postponed,
}

/// One item of the agenda, with what the minutes say of it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct AgendaItem<R = Restriction> {
    /// Its id: kept across corrections so that decisions can point at it.
    #[serde(rename = "id")]
    pub id: AgendaItemId,
    /// Its number or minute number as the council writes it ("45.", "CAB 12/24"), if shown.
    #[serde(rename = "number")]
    pub number: Option<ItemNumber>,
    /// Its title, e.g. "Information Strategy 2010 - 13". Published even for an item taken in
    /// private: the agenda lists it.
    #[serde(rename = "title")]
    pub title: Title,
    /// The minute of the item, if recorded.
    #[serde(rename = "minutes")]
    pub minutes: Option<LongText>,
    /// Whether the item was taken with the public excluded ("Part II").
    #[serde(rename = "in_private")]
    pub in_private: bool,
    /// The exempt or confidential information that justified it: the public is told this
    /// instead of the minutes. Required for an item taken in private.
    #[serde(rename = "restriction")]
    pub restriction: Option<R>,
}

/// A resolution excluding the public from the meeting for some of its items ("That under
/// Section 100A(4) of the Local Government Act 1972 the public be excluded...").
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ExclusionResolution {
    /// Its text as minuted, if the page gives it.
    #[serde(rename = "text")]
    pub text: Option<LongText>,
    /// The agenda items it excludes the public from, in agenda order.
    #[serde(rename = "items")]
    pub items: Vec<AgendaItemId>,
}

/// Every field of a meeting's record. `R` is the restriction type: [`RestrictionDraft`] in
/// commands, [`Restriction`] (its scheme resolved) in events and state.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct MeetingDetails<R = Restriction> {
    /// The body that met.
    #[serde(rename = "body")]
    pub body: MeetingBody,
    /// The day of the meeting.
    #[serde(rename = "date")]
    pub date: NaiveDate,
    /// When it started (or was called for), if the page says.
    #[serde(rename = "start_time")]
    pub start_time: Option<NaiveTime>,
    /// When it ended, if the minutes say.
    #[serde(rename = "end_time")]
    pub end_time: Option<NaiveTime>,
    /// Where, if the page says.
    #[serde(rename = "location")]
    pub location: Option<Location>,
    /// Scheduled, held, cancelled or postponed, if the page says.
    #[serde(rename = "status")]
    pub status: Option<MeetingStatus>,
    /// The agenda items in page order.
    #[serde(rename = "items")]
    pub items: Vec<AgendaItem<R>>,
    /// The resolutions excluding the public, in the order passed.
    #[serde(rename = "exclusions")]
    pub exclusions: Vec<ExclusionResolution>,
    /// The minutes of the meeting as a whole (attendance, apologies...), if recorded.
    #[serde(rename = "minutes")]
    pub minutes: Option<LongText>,
    /// The page and publishing system the meeting was taken from.
    #[serde(rename = "source")]
    pub source: Source,
}

impl<R> MeetingDetails<R> {
    /// The same record with each item's restriction converted by `convert`, which is given the
    /// restriction's field path (`items[2].restriction`). Destructured without `..`: a new field
    /// must be carried over here.
    pub fn map_restrictions<S, E>(
        self,
        mut convert: impl FnMut(String, R) -> Result<S, E>,
    ) -> Result<MeetingDetails<S>, E> {
        let MeetingDetails {
            body,
            date,
            start_time,
            end_time,
            location,
            status,
            items,
            exclusions,
            minutes,
            source,
        } = self;
        let items = items
            .into_iter()
            .enumerate()
            .map(|(n, item)| {
                let AgendaItem {
                    id,
                    number,
                    title,
                    minutes,
                    in_private,
                    restriction,
                } = item;
                let restriction = restriction
                    .map(|r| convert(format!("items[{n}].restriction"), r))
                    .transpose()?;
                Ok(AgendaItem {
                    id,
                    number,
                    title,
                    minutes,
                    in_private,
                    restriction,
                })
            })
            .collect::<Result<_, E>>()?;
        Ok(MeetingDetails {
            body,
            date,
            start_time,
            end_time,
            location,
            status,
            items,
            exclusions,
            minutes,
            source,
        })
    }

    /// The item with id `id`, if it is on the agenda.
    pub fn item(&self, id: AgendaItemId) -> Option<&AgendaItem<R>> {
        self.items.iter().find(|item| item.id == id)
    }
}

impl MeetingDetails<RestrictionDraft> {
    /// The record with every restriction resolved: a restriction naming no scheme takes
    /// `nation_default`, the current scheme of the council's nation.
    pub fn resolve(self, nation_default: ExemptionScheme) -> Result<MeetingDetails, RestrictionAt> {
        self.map_restrictions(|field, draft| {
            draft
                .resolve(nation_default)
                .map_err(|error| RestrictionAt { field, error })
        })
    }
}

/// A resolved record stated again as a draft (every scheme named): for importers, the demo and
/// tests that build records from resolved values.
impl From<MeetingDetails> for MeetingDetails<RestrictionDraft> {
    fn from(details: MeetingDetails) -> Self {
        match details.map_restrictions(|_, r| Ok::<_, std::convert::Infallible>(r.into())) {
            Ok(draft) => draft,
            Err(never) => match never {},
        }
    }
}

impl MeetingDetails {
    /// Every restriction on the record, in agenda order.
    pub fn restrictions(&self) -> impl Iterator<Item = &Restriction> {
        self.items
            .iter()
            .filter_map(|item| item.restriction.as_ref())
    }

    /// Whether the item is named by one of the resolutions excluding the public.
    pub fn excluded_by_resolution(&self, id: AgendaItemId) -> bool {
        self.exclusions.iter().any(|e| e.items.contains(&id))
    }
}
