//! Meetings, property-tested: any combination of stated and not-stated fields survives the
//! command, the stored event and the views exactly (nothing invented, nothing lost); and two
//! meetings that differ only in the minutes of items withheld from the public look the same to
//! the public, byte for byte.

#![allow(clippy::unwrap_used, missing_docs)]

use chrono::{NaiveDate, NaiveTime};
use civic_domain::council::CountedFrom;
use civic_domain::meeting::{
    AgendaItem, ExclusionResolution, MeetingBody, MeetingCommand, MeetingDetails, MeetingStatus,
};
use civic_domain::restriction::{
    ExemptionScheme, Restriction, RestrictionCategory, RestrictionDraft,
};
use civic_domain::values::{
    AgendaItemId, BodyId, ItemNumber, Location, LongText, MeetingId, Name, Reason, Title,
};
use civic_domain::{Command, Council, EncodedEvent, Event, Meeting, council_from_history, decide};
use civic_eventstore::TenantId;
use civic_projections::views::MeetingStatusView;
use civic_projections::{Audience, MeetingView};
use civic_testkit::withheld::council_commands;
use proptest::prelude::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2010, 12, 31).unwrap()
}

fn council(bodies: [BodyId; 2]) -> Council {
    let mut history: Vec<Event> = Vec::new();
    for command in council_commands(CountedFrom::Publication, bodies) {
        let decided = decide(&Command::Council(command), None, &history, today()).unwrap();
        history.extend(decided.events);
    }
    council_from_history(&history).unwrap()
}

/// The basis an item in private gives: exempt under a paragraph, or confidential.
fn restriction(paragraph: Option<u8>, reason: Option<&str>) -> Restriction {
    let (category, paragraphs) = match paragraph {
        Some(p) => (RestrictionCategory::Exempt, vec![p]),
        None => (RestrictionCategory::Confidential, vec![]),
    };
    Restriction::parse(RestrictionDraft {
        category,
        public_interest_test_applied: Some(paragraph.is_some()),
        reason: reason.map(|r| Reason::parse(r).unwrap()),
        ..RestrictionDraft::exempt(Some(ExemptionScheme::Schedule12APart1), &paragraphs)
    })
    .unwrap()
}

/// One agenda item's shape: which optional fields are stated, and whether it was in private.
#[derive(Debug, Clone)]
struct ItemShape {
    number: Option<u16>,
    minutes: Option<u8>,
    private: Option<(Option<u8>, bool)>,
}

fn item_shape() -> impl Strategy<Value = ItemShape> {
    (
        proptest::option::of(1u16..500),
        proptest::option::of(any::<u8>()),
        proptest::option::of((proptest::option::of(1u8..=7), any::<bool>())),
    )
        .prop_map(|(number, minutes, private)| ItemShape {
            number,
            minutes,
            private,
        })
}

/// A meeting's shape: every optional field stated or not.
#[derive(Debug, Clone)]
struct Shape {
    day: u32,
    start: Option<(u32, u32)>,
    end: Option<(u32, u32)>,
    location: bool,
    status: Option<u8>,
    minutes: bool,
    items: Vec<ItemShape>,
    exclusion_text: Option<bool>,
}

fn shape() -> impl Strategy<Value = Shape> {
    (
        1u32..=28,
        proptest::option::of((0u32..24, 0u32..60)),
        proptest::option::of((0u32..24, 0u32..60)),
        any::<bool>(),
        proptest::option::of(0u8..4),
        any::<bool>(),
        proptest::collection::vec(item_shape(), 0..5),
        proptest::option::of(any::<bool>()),
    )
        .prop_map(
            |(day, start, end, location, status, minutes, items, exclusion_text)| Shape {
                day,
                start,
                end,
                location,
                status,
                minutes,
                items,
                exclusion_text,
            },
        )
}

fn text(s: &str) -> LongText {
    LongText::parse(s).unwrap()
}

/// The record `shape` describes; `secret` is written into the minutes of items in private.
fn details(shape: &Shape, body: BodyId, ids: &[AgendaItemId], secret: u8) -> MeetingDetails {
    let time = |(h, m): (u32, u32)| NaiveTime::from_hms_opt(h, m, 0).unwrap();
    let items: Vec<AgendaItem> = shape
        .items
        .iter()
        .zip(ids)
        .enumerate()
        .map(|(n, (item, id))| AgendaItem {
            id: *id,
            number: item
                .number
                .map(|k| ItemNumber::parse(&format!("{k}.")).unwrap()),
            title: Title::parse(&format!("Item {n}")).unwrap(),
            minutes: item.minutes.map(|m| match item.private {
                Some(_) => text(&format!("Private minute {m}, secret {secret}")),
                None => text(&format!("Minute {m}")),
            }),
            in_private: item.private.is_some(),
            restriction: item.private.map(|(paragraph, reason)| {
                restriction(paragraph, reason.then_some("Commercially sensitive"))
            }),
        })
        .collect();
    let private: Vec<AgendaItemId> = items
        .iter()
        .filter(|i| i.in_private)
        .map(|i| i.id)
        .collect();
    MeetingDetails {
        body: MeetingBody {
            body_id: body,
            name_as_shown: Name::parse("Cabinet").unwrap(),
        },
        date: NaiveDate::from_ymd_opt(2010, 6, shape.day).unwrap(),
        start_time: shape.start.map(time),
        end_time: shape.end.map(time),
        location: shape
            .location
            .then(|| Location::parse("Town Hall, Maidstone").unwrap()),
        status: shape.status.map(|s| match s {
            0 => MeetingStatus::Scheduled,
            1 => MeetingStatus::Held,
            2 => MeetingStatus::Cancelled,
            _ => MeetingStatus::Postponed,
        }),
        exclusions: shape
            .exclusion_text
            .filter(|_| !private.is_empty())
            .map(|stated| ExclusionResolution {
                text: stated.then(|| text("That the public be excluded.")),
                items: private.clone(),
            })
            .into_iter()
            .collect(),
        items,
        minutes: shape.minutes.then(|| text("Present: Councillors A and B.")),
        source: Default::default(),
    }
}

/// Records `details`, stores the event as the log would (canonical JSON text) and reads it
/// back, and folds it: the meeting as the projector would see it.
fn record_and_fold(council: &Council, id: MeetingId, details: &MeetingDetails) -> Meeting {
    let command = Command::Meeting {
        meeting: id,
        command: MeetingCommand::Record {
            details: details.clone().into(),
        },
    };
    let decided = decide(&command, Some(council), &[], today()).unwrap();
    let stored: Vec<Event> = decided
        .events
        .iter()
        .map(|event| {
            let text = serde_json::to_string(&event.encode()).unwrap();
            let back: EncodedEvent = serde_json::from_str(&text).unwrap();
            Event::decode(&back).unwrap()
        })
        .collect();
    assert_eq!(stored, decided.events);
    Meeting::from_history(&stored).unwrap()
}

/// A view stored as the read model's JSON document and read back.
fn stored(view: &MeetingView) -> MeetingView {
    serde_json::from_str(&serde_json::to_string(view).unwrap()).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn any_stated_or_not_stated_field_round_trips_through_events_and_views(shape in shape()) {
        let bodies = [BodyId::new(), BodyId::new()];
        let council = council(bodies);
        let ids: Vec<AgendaItemId> = shape.items.iter().map(|_| AgendaItemId::new()).collect();
        let details = details(&shape, bodies[0], &ids, 1);
        let meeting = record_and_fold(&council, MeetingId::new(), &details);
        prop_assert_eq!(meeting.details(), &details);

        let full = MeetingView::from_meeting(TenantId::new(), &meeting, 7);
        prop_assert_eq!(&stored(&full), &full);
        let public = full.public();
        prop_assert_eq!(&stored(&public), &public);
        prop_assert_eq!(public.audience, Audience::Public);
        for view in [&full, &public] {
            let record = &view.record;
            prop_assert_eq!(record.date, details.date);
            prop_assert_eq!(record.start_time, details.start_time);
            prop_assert_eq!(record.end_time, details.end_time);
            prop_assert_eq!(&record.location, &details.location);
            prop_assert_eq!(record.status.is_some(), details.status.is_some());
            prop_assert_eq!(
                record.status == Some(MeetingStatusView::Held),
                details.status == Some(MeetingStatus::Held)
            );
            prop_assert_eq!(&record.minutes, &details.minutes);
            prop_assert_eq!(record.items.len(), details.items.len());
            prop_assert_eq!(record.exclusions.len(), details.exclusions.len());
            for (shown, item) in record.items.iter().zip(&details.items) {
                prop_assert_eq!(shown.id, item.id);
                prop_assert_eq!(&shown.number, &item.number);
                prop_assert_eq!(&shown.title, &item.title);
                prop_assert_eq!(shown.in_private, item.in_private);
                prop_assert_eq!(shown.withheld.is_some(), item.restriction.is_some());
                // The full view holds every minute; the public view every one not withheld.
                let visible = view.audience == Audience::Full || item.restriction.is_none();
                let expected = if visible { item.minutes.clone() } else { None };
                prop_assert_eq!(&shown.minutes, &expected);
            }
        }
    }

    #[test]
    fn meetings_differing_only_in_withheld_minutes_look_the_same_to_the_public(
        shape in shape(),
        secrets in (any::<u8>(), any::<u8>()),
    ) {
        let bodies = [BodyId::new(), BodyId::new()];
        let council = council(bodies);
        let ids: Vec<AgendaItemId> = shape.items.iter().map(|_| AgendaItemId::new()).collect();
        let id = MeetingId::new();
        let tenant = TenantId::new();
        let public = |secret| {
            let meeting = record_and_fold(&council, id, &details(&shape, bodies[0], &ids, secret));
            serde_json::to_string(&MeetingView::from_meeting(tenant, &meeting, 7).public())
                .unwrap()
        };
        prop_assert_eq!(public(secrets.0), public(secrets.1));
    }
}
