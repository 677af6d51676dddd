//! The stored format of the meeting events: each version's fixed JSON payload decodes to the
//! expected value and encodes back to exactly that JSON. Samples for the codec's round trip of
//! every registered event type.

use super::*;
use crate::event::EncodedEvent;
use crate::restriction::{ExemptionScheme, Restriction, RestrictionCategory};
use crate::testing::*;
use crate::values::{AgendaItemId, BodyId, ItemNumber, Location, Title};
use chrono::NaiveTime;

fn uuid(n: u8) -> uuid::Uuid {
    uuid::Uuid::parse_str(&format!("0190a1b2-0000-7000-8000-0000000000{n:02x}")).unwrap()
}

fn golden_details() -> MeetingDetails {
    MeetingDetails {
        body: MeetingBody {
            body_id: BodyId::from_uuid(uuid(2)),
            name_as_shown: name("Cabinet"),
        },
        date: d(2010, 6, 9),
        start_time: NaiveTime::from_hms_opt(18, 30, 0),
        end_time: None,
        location: Some(Location::parse("Town Hall, High Street, Maidstone").unwrap()),
        status: Some(MeetingStatus::Held),
        items: vec![
            AgendaItem {
                id: AgendaItemId::from_uuid(uuid(0x41)),
                number: Some(ItemNumber::parse("12.").unwrap()),
                title: Title::parse("Information Strategy 2010 - 13").unwrap(),
                minutes: Some(text("RESOLVED: That the strategy be approved.")),
                in_private: false,
                restriction: None,
            },
            AgendaItem {
                id: AgendaItemId::from_uuid(uuid(0x42)),
                number: None,
                title: Title::parse("Disposal of land").unwrap(),
                minutes: None,
                in_private: true,
                restriction: Some(
                    Restriction::parse(RestrictionDraft {
                        category: RestrictionCategory::Exempt,
                        public_interest_test_applied: Some(true),
                        reason: None,
                        ..RestrictionDraft::exempt(Some(ExemptionScheme::Schedule12APart1), &[3])
                    })
                    .unwrap(),
                ),
            },
        ],
        exclusions: vec![ExclusionResolution {
            text: Some(text("That the public be excluded.")),
            items: vec![AgendaItemId::from_uuid(uuid(0x42))],
        }],
        minutes: None,
        source: Default::default(),
    }
}

const GOLDEN_DETAILS: &str = r#"{
    "body": {"body_id": "0190a1b2-0000-7000-8000-000000000002", "name_as_shown": "Cabinet"},
    "date": "2010-06-09",
    "start_time": "18:30:00",
    "end_time": null,
    "location": "Town Hall, High Street, Maidstone",
    "status": "held",
    "items": [
        {"id": "0190a1b2-0000-7000-8000-000000000041", "number": "12.",
         "title": "Information Strategy 2010 - 13",
         "minutes": "RESOLVED: That the strategy be approved.", "in_private": false,
         "restriction": null},
        {"id": "0190a1b2-0000-7000-8000-000000000042", "number": null,
         "title": "Disposal of land", "minutes": null, "in_private": true,
         "restriction": {"category": "exempt", "scheme": "schedule_12a_part_1",
                         "paragraphs": [3], "public_interest_test_applied": true,
                         "reason": null}}
    ],
    "exclusions": [
        {"text": "That the public be excluded.",
         "items": ["0190a1b2-0000-7000-8000-000000000042"]}
    ],
    "minutes": null,
    "source": {"url": null, "system_id": null}
}"#;

fn assert_golden(event: Event, event_type: &str, golden: serde_json::Value) {
    let encoded = event.encode();
    assert_eq!(encoded.event_type, event_type);
    assert_eq!(encoded.schema_version, 1);
    assert_eq!(
        encoded.payload, golden,
        "the stored format of {event_type} changed"
    );
    let stored = EncodedEvent {
        event_type: event_type.to_owned(),
        schema_version: 1,
        payload: golden,
    };
    assert_eq!(Event::decode(&stored).unwrap(), event);
}

fn details_json() -> serde_json::Value {
    serde_json::from_str(GOLDEN_DETAILS).unwrap()
}

fn recorded() -> Event {
    Event::Meeting(MeetingEvent::Recorded(MeetingRecorded {
        meeting_id: MeetingId::from_uuid(uuid(0x40)),
        details: golden_details(),
    }))
}

fn corrected() -> Event {
    Event::Meeting(MeetingEvent::Corrected(MeetingCorrected {
        details: golden_details(),
        reason: reason("Minute 12 was the draft."),
        corrected_on: d(2010, 7, 1),
    }))
}

fn cancelled() -> Event {
    Event::Meeting(MeetingEvent::Cancelled(MeetingCancelled {
        reason: None,
        cancelled_on: d(2010, 6, 2),
    }))
}

/// One event of each meeting type, for the codec's round trip of every registered type.
pub(crate) fn samples() -> Vec<Event> {
    let noted = Event::Meeting(MeetingEvent::SourceNoted(MeetingSourceNoted {
        provenance: crate::provenance::sample(),
    }));
    vec![recorded(), corrected(), cancelled(), noted]
}

#[test]
fn meeting_recorded_v1_matches_its_golden_payload() {
    let mut golden = serde_json::json!({ "meeting_id": "0190a1b2-0000-7000-8000-000000000040" });
    golden["details"] = details_json();
    assert_golden(recorded(), "MeetingRecorded", golden);
}

#[test]
fn meeting_corrected_v1_matches_its_golden_payload() {
    let mut golden = serde_json::json!({
        "reason": "Minute 12 was the draft.",
        "corrected_on": "2010-07-01"
    });
    golden["details"] = details_json();
    assert_golden(corrected(), "MeetingCorrected", golden);
}

#[test]
fn meeting_cancelled_v1_matches_its_golden_payload() {
    assert_golden(
        cancelled(),
        "MeetingCancelled",
        serde_json::json!({ "reason": null, "cancelled_on": "2010-06-02" }),
    );
}

#[test]
fn a_stored_meeting_with_an_impossible_paragraph_does_not_decode() {
    let mut golden = serde_json::json!({ "meeting_id": "0190a1b2-0000-7000-8000-000000000040" });
    golden["details"] = details_json();
    golden["details"]["items"][1]["restriction"]["paragraphs"] = serde_json::json!([8]);
    let stored = EncodedEvent {
        event_type: "MeetingRecorded".to_owned(),
        schema_version: 1,
        payload: golden,
    };
    assert!(Event::decode(&stored).is_err());
}
