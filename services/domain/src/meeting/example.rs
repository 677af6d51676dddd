//! The example meeting: the Cabinet of Maidstone Borough Council on 9 June 2010, where the
//! example decision ("Information Strategy 2010 - 13") was taken, for the demo council and the
//! tests. The Information Strategy item carries the decision's resolutions as on its page; the
//! item taken in private and the exclusion resolution are illustrative (the shape real minutes
//! have), not copied from the council's minutes.

use chrono::{NaiveDate, NaiveTime};

use super::MeetingStatus;
use super::{AgendaItem, ExclusionResolution, MeetingBody, MeetingCommand, MeetingDetails};
use crate::command::Command;
use crate::example::{ExampleError, RESOLUTION_1, RESOLUTION_2, RESOLUTION_3, TITLE};
use crate::restriction::{ExemptionScheme, Restriction, RestrictionCategory, RestrictionDraft};
use crate::values::{
    AgendaItemId, BodyId, ItemNumber, Location, LongText, MeetingId, Name, Reason, Title,
    ValueError,
};

/// The ids of the example meeting and its items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MeetingExampleIds {
    /// The meeting.
    pub meeting: MeetingId,
    /// The Information Strategy item.
    pub strategy_item: AgendaItemId,
    /// The item taken in private.
    pub private_item: AgendaItemId,
}

impl MeetingExampleIds {
    /// Ids derived from `seed` (the demo council's tenant id), as
    /// [`crate::example::ExampleIds::derived_from`] does, in a range of their own.
    pub fn derived_from(seed: uuid::Uuid) -> Self {
        let derive = |k: u128| uuid::Uuid::from_u128(seed.as_u128() ^ (0x4d45_4554_0000 + k));
        Self {
            meeting: MeetingId::from_uuid(derive(1)),
            strategy_item: AgendaItemId::from_uuid(derive(2)),
            private_item: AgendaItemId::from_uuid(derive(3)),
        }
    }
}

/// The minutes of the item taken in private: withheld from the public.
pub const PRIVATE_MINUTES: &str =
    "RESOLVED: That the disposal be approved on the terms set out in the exempt report.";

fn time(hour: u32, minute: u32) -> Result<NaiveTime, ValueError> {
    NaiveTime::from_hms_opt(hour, minute, 0).ok_or(ValueError::Malformed {
        what: "time",
        detail: "not a time of day",
    })
}

/// The meeting's record, with its restriction naming the scheme (English, paragraph 3).
pub fn details(cabinet: BodyId, ids: &MeetingExampleIds) -> Result<MeetingDetails, ExampleError> {
    let text = LongText::parse;
    let paragraph_3 = Restriction::parse(RestrictionDraft {
        category: RestrictionCategory::Exempt,
        public_interest_test_applied: Some(true),
        reason: Some(Reason::parse(
            "Information relating to the financial or business affairs of any particular person",
        )?),
        ..RestrictionDraft::exempt(Some(ExemptionScheme::Schedule12APart1), &[3])
    })
    .map_err(|_| ValueError::Malformed {
        what: "restriction",
        detail: "paragraph 3 of Schedule 12A, Part 1",
    })?;
    Ok(MeetingDetails {
        body: MeetingBody {
            body_id: cabinet,
            name_as_shown: Name::parse("Cabinet")?,
        },
        date: NaiveDate::from_ymd_opt(2010, 6, 9).ok_or(ValueError::Malformed {
            what: "date",
            detail: "not a calendar date",
        })?,
        start_time: Some(time(18, 30)?),
        end_time: None,
        location: Some(Location::parse("Town Hall, High Street, Maidstone")?),
        status: Some(MeetingStatus::Held),
        items: vec![
            AgendaItem {
                id: ids.strategy_item,
                number: Some(ItemNumber::parse("12.")?),
                title: Title::parse(TITLE)?,
                minutes: Some(text(&format!(
                    "RESOLVED:\n1. {RESOLUTION_1}\n2. {RESOLUTION_2}\n3. {RESOLUTION_3}"
                ))?),
                in_private: false,
                restriction: None,
            },
            AgendaItem {
                id: ids.private_item,
                number: Some(ItemNumber::parse("14.")?),
                title: Title::parse("Disposal of Council Land")?,
                minutes: Some(text(PRIVATE_MINUTES)?),
                in_private: true,
                restriction: Some(paragraph_3),
            },
        ],
        exclusions: vec![ExclusionResolution {
            text: Some(text(
                "That the public be excluded from the meeting for the following item of \
                 business because of the likely disclosure of exempt information for the reason \
                 specified, having applied the public interest test: paragraph 3 of Part 1 of \
                 Schedule 12A to the Local Government Act 1972.",
            )?),
            items: vec![ids.private_item],
        }],
        minutes: None,
        source: Default::default(),
    })
}

/// The command recording the example meeting, for a council whose Cabinet is `cabinet`.
pub fn commands(cabinet: BodyId, ids: &MeetingExampleIds) -> Result<Vec<Command>, ExampleError> {
    let details: MeetingDetails<RestrictionDraft> = details(cabinet, ids)?.into();
    Ok(vec![Command::Meeting {
        meeting: ids.meeting,
        command: MeetingCommand::Record { details },
    }])
}
