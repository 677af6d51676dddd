#![allow(clippy::unwrap_used, missing_docs)]
//! A clerk records a meeting with an item taken in private, corrects it and cancels another;
//! the public reads every meeting but never the withheld minutes; another council sees none of
//! it. On both backends.

mod common;

use common::{Backend, TestApp, spawn};
use serde_json::{Value, json};
use uuid::Uuid;

const KENT: &str = "/councils/kent/graphql";
const SURREY: &str = "/councils/surrey/graphql";

const RECORD: &str = "mutation($key: UUID!, $input: MeetingDetailsInput!) {
  recordMeeting(idempotencyKey: $key, input: $input) {
    replayed version warnings { code }
    meeting { uuid version status items { title minutes } }
  }
}";

const CORRECT: &str = "mutation($key: UUID!, $version: Int, $meeting: UUID!, $input: CorrectMeetingInput!) {
  correctMeeting(idempotencyKey: $key, expectedVersion: $version, meetingId: $meeting, input: $input) {
    version meeting { items { minutes } }
  }
}";

const CANCEL: &str = "mutation($key: UUID!, $meeting: UUID!, $input: CancelMeetingInput) {
  cancelMeeting(idempotencyKey: $key, meetingId: $meeting, input: $input) {
    version meeting { status cancellation { reason } }
  }
}";

/// Every field of a meeting, as a page shows it.
const READ: &str = "query($id: UUID!) { meeting(id: $id) {
  id uuid version
  body { bodyId name } date startTime endTime location status minutes
  items { uuid number title minutes inPrivate withheld { category paragraphs text } }
  exclusions { text items { uuid } }
  cancellation { reason cancelledOn }
  corrections { reason previous { items { minutes } } }
} }";

const PUBLIC_MINUTES: &str = "RESOLVED: That the plan be approved.";
const PRIVATE_MINUTES: &str = "RESOLVED: That the land at Mote Park be sold to X Ltd for £1.2m.";

async fn kent(backend: Backend, test: &str) -> Option<(TestApp, String)> {
    let app = spawn(backend, test).await?;
    app.register_council("kent", "Kent County Council").await;
    let cabinet = app.add_body("kent", "Cabinet", "CABINET").await;
    Some((app, cabinet))
}

/// A held Cabinet meeting: one item in public, one taken in private under paragraph 3 with the
/// resolution excluding the public from it.
fn cabinet_meeting(cabinet: &str, public: Uuid, private: Uuid) -> Value {
    json!({
        "bodyId": cabinet,
        "bodyName": "Cabinet",
        "date": "2024-03-06",
        "startTime": "18:30",
        "endTime": "20:05",
        "location": "Sessions House, Maidstone",
        "status": "HELD",
        "items": [
            {"id": public, "number": "45.", "title": "Highways Plan",
             "minutes": PUBLIC_MINUTES},
            {"id": private, "number": "CAB 12/24", "title": "Disposal of land",
             "minutes": PRIVATE_MINUTES, "inPrivate": true,
             "restriction": {"category": "EXEMPT", "paragraphs": [3],
                             "publicInterestTestApplied": true}}
        ],
        "exclusions": [{"text": "That the public be excluded.", "itemIds": [private]}],
        "minutes": "Present: Councillors A, B and C."
    })
}

async fn read(app: &TestApp, path: &str, token: Option<&str>, id: Uuid) -> Value {
    let answer = app.post(path, token, READ, json!({"id": id})).await;
    assert!(answer.body.get("errors").is_none(), "{}", answer.text);
    answer.body["data"]["meeting"].clone()
}

async fn a_clerk_records_a_meeting_and_the_public_never_reads_its_withheld_minutes(
    backend: Backend,
) {
    let Some((app, cabinet)) = kent(backend, "meeting_record").await else {
        return;
    };
    let clerk = app.clerk("kent");
    let (key, public, private) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
    let recorded = app
        .post(
            KENT,
            Some(&clerk),
            RECORD,
            json!({"key": key, "input": cabinet_meeting(&cabinet, public, private)}),
        )
        .await;
    assert_eq!(
        recorded.body,
        json!({"data": {"recordMeeting": {
            "replayed": false, "version": 1, "warnings": [],
            "meeting": {"uuid": key, "version": 1, "status": "HELD", "items": [
                {"title": "Highways Plan", "minutes": PUBLIC_MINUTES},
                {"title": "Disposal of land", "minutes": PRIVATE_MINUTES}
            ]}
        }}}),
        "{}",
        recorded.text
    );

    let notice = json!({"category": "EXEMPT", "paragraphs": [3], "text":
        "Withheld as exempt information under Local Government Act 1972, Schedule 12A, Part 1 \
         paragraph 3"});
    let full = read(&app, KENT, Some(&clerk), key).await;
    let expected = |private_minutes: Value| {
        json!({
            "id": full["id"], "uuid": key, "version": 1,
            "body": {"bodyId": cabinet, "name": "Cabinet"},
            "date": "2024-03-06", "startTime": "18:30", "endTime": "20:05",
            "location": "Sessions House, Maidstone", "status": "HELD",
            "minutes": "Present: Councillors A, B and C.",
            "items": [
                {"uuid": public, "number": "45.", "title": "Highways Plan",
                 "minutes": PUBLIC_MINUTES, "inPrivate": false, "withheld": null},
                {"uuid": private, "number": "CAB 12/24", "title": "Disposal of land",
                 "minutes": private_minutes, "inPrivate": true, "withheld": notice}
            ],
            "exclusions": [{"text": "That the public be excluded.", "items": [{"uuid": private}]}],
            "cancellation": null,
            "corrections": []
        })
    };
    assert_eq!(full, expected(json!(PRIVATE_MINUTES)));
    // The public sees the item, its number, title and notice, but not its minutes.
    let anonymous = read(&app, KENT, None, key).await;
    assert_eq!(anonymous, expected(Value::Null));
    let listed = app
        .post(
            KENT,
            None,
            "{ meetings { totalCount edges { node { uuid items { minutes } } } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        listed.body,
        json!({"data": {"meetings": {"totalCount": 1, "edges": [{"node": {
            "uuid": key, "items": [{"minutes": PUBLIC_MINUTES}, {"minutes": null}]
        }}]}}})
    );
    assert!(!listed.text.contains("Mote Park"));
    let node = app
        .post(
            KENT,
            None,
            "query($id: ID!) { node(id: $id) { ... on Meeting { items { minutes } } } }",
            json!({"id": full["id"]}),
        )
        .await;
    assert_eq!(
        node.body,
        json!({"data": {"node": {"items": [{"minutes": PUBLIC_MINUTES}, {"minutes": null}]}}})
    );

    // A correction keeps the previous version, for clerks only.
    let mut corrected = cabinet_meeting(&cabinet, public, private);
    corrected["items"][1]["minutes"] = json!("RESOLVED: That the land be sold to Y Ltd.");
    let answer = app
        .post(
            KENT,
            Some(&clerk),
            CORRECT,
            json!({"key": Uuid::now_v7(), "version": 1, "meeting": key,
                   "input": {"details": corrected, "reason": "The buyer was misnamed."}}),
        )
        .await;
    assert_eq!(
        answer.body["data"]["correctMeeting"]["version"], 2,
        "{}",
        answer.text
    );
    let full = read(&app, KENT, Some(&clerk), key).await;
    assert_eq!(
        full["corrections"],
        json!([{"reason": "The buyer was misnamed.", "previous": {"items": [
            {"minutes": PUBLIC_MINUTES}, {"minutes": PRIVATE_MINUTES}
        ]}}])
    );
    let anonymous = read(&app, KENT, None, key).await;
    assert_eq!(
        anonymous["corrections"],
        json!([{"reason": "The buyer was misnamed.", "previous": null}])
    );
    assert_eq!(anonymous["items"][1]["minutes"], Value::Null);

    // A meeting that was held cannot be cancelled.
    let refused = app
        .post(
            KENT,
            Some(&clerk),
            CANCEL,
            json!({"key": Uuid::now_v7(), "meeting": key}),
        )
        .await;
    assert_eq!(refused.code(), Some("CONFLICT"), "{}", refused.text);
}

async fn a_meeting_states_only_what_its_page_shows_and_can_be_cancelled(backend: Backend) {
    let Some((app, cabinet)) = kent(backend, "meeting_bare").await else {
        return;
    };
    let clerk = app.clerk("kent");
    let key = Uuid::now_v7();
    let recorded = app
        .post(
            KENT,
            Some(&clerk),
            RECORD,
            json!({"key": key, "input": {
                "bodyId": cabinet, "bodyName": "Cabinet", "date": "2030-01-15"
            }}),
        )
        .await;
    assert_eq!(
        recorded.body["data"]["recordMeeting"]["meeting"]["status"],
        Value::Null,
        "{}",
        recorded.text
    );
    let meeting = read(&app, KENT, None, key).await;
    for field in [
        "startTime",
        "endTime",
        "location",
        "status",
        "minutes",
        "cancellation",
    ] {
        assert_eq!(meeting[field], Value::Null, "{field}: {meeting}");
    }
    assert_eq!(meeting["items"], json!([]));
    assert_eq!(meeting["exclusions"], json!([]));

    let cancelled = app
        .post(
            KENT,
            Some(&clerk),
            CANCEL,
            json!({"key": Uuid::now_v7(), "meeting": key,
                   "input": {"reason": "No business to transact."}}),
        )
        .await;
    assert_eq!(
        cancelled.body,
        json!({"data": {"cancelMeeting": {"version": 2, "meeting": {
            "status": "CANCELLED", "cancellation": {"reason": "No business to transact."}
        }}}}),
        "{}",
        cancelled.text
    );
}

async fn the_unusual_is_recorded_with_warnings_and_the_impossible_refused(backend: Backend) {
    let Some((app, cabinet)) = kent(backend, "meeting_rules").await else {
        return;
    };
    let clerk = app.clerk("kent");
    let (public, private) = (Uuid::now_v7(), Uuid::now_v7());
    // No resolution excluding the public is recorded: kept, with a warning.
    let mut unexcluded = cabinet_meeting(&cabinet, public, private);
    unexcluded["exclusions"] = json!([]);
    let answer = app
        .post(
            KENT,
            Some(&clerk),
            RECORD,
            json!({"key": Uuid::now_v7(), "input": unexcluded}),
        )
        .await;
    assert_eq!(
        answer.body["data"]["recordMeeting"]["warnings"],
        json!([{"code": "private_item_not_excluded"}]),
        "{}",
        answer.text
    );
    // An item in private must say why; a paragraph must exist in the scheme.
    let mut no_basis = cabinet_meeting(&cabinet, public, private);
    no_basis["items"][1]["restriction"] = Value::Null;
    let refused = app
        .post(
            KENT,
            Some(&clerk),
            RECORD,
            json!({"key": Uuid::now_v7(), "input": no_basis}),
        )
        .await;
    assert_eq!(refused.code(), Some("BAD_USER_INPUT"), "{}", refused.text);
    let mut paragraph_9 = cabinet_meeting(&cabinet, public, private);
    paragraph_9["items"][1]["restriction"]["paragraphs"] = json!([9]);
    let refused = app
        .post(
            KENT,
            Some(&clerk),
            RECORD,
            json!({"key": Uuid::now_v7(), "input": paragraph_9}),
        )
        .await;
    assert_eq!(refused.code(), Some("BAD_USER_INPUT"), "{}", refused.text);
    assert_eq!(
        refused.body["errors"][0]["extensions"]["field"], "items[1].restriction",
        "{}",
        refused.text
    );
    // The public cannot record anything.
    let anonymous = app
        .post(
            KENT,
            None,
            RECORD,
            json!({"key": Uuid::now_v7(), "input": cabinet_meeting(&cabinet, public, private)}),
        )
        .await;
    assert_eq!(
        anonymous.code(),
        Some("UNAUTHENTICATED"),
        "{}",
        anonymous.text
    );
}

async fn another_council_sees_none_of_a_councils_meetings(backend: Backend) {
    let Some((app, cabinet)) = kent(backend, "meeting_tenants").await else {
        return;
    };
    app.register_council("surrey", "Surrey County Council")
        .await;
    let key = Uuid::now_v7();
    let recorded = app
        .post(
            KENT,
            Some(&app.clerk("kent")),
            RECORD,
            json!({"key": key, "input": cabinet_meeting(&cabinet, Uuid::now_v7(), Uuid::now_v7())}),
        )
        .await;
    assert!(recorded.body.get("errors").is_none(), "{}", recorded.text);
    let global = read(&app, KENT, None, key).await["id"].clone();
    let surrey_clerk = app.clerk("surrey");
    let answer = app
        .post(
            SURREY,
            Some(&surrey_clerk),
            "query($id: UUID!, $global: ID!) {
               meeting(id: $id) { uuid } node(id: $global) { id } meetings { totalCount }
             }",
            json!({"id": key, "global": global}),
        )
        .await;
    assert_eq!(
        answer.body,
        json!({"data": {"meeting": null, "node": null, "meetings": {"totalCount": 0}}}),
        "{}",
        answer.text
    );
    // Nor can its clerk change them.
    let refused = app
        .post(
            KENT,
            Some(&surrey_clerk),
            CANCEL,
            json!({"key": Uuid::now_v7(), "meeting": key}),
        )
        .await;
    assert_eq!(refused.code(), Some("FORBIDDEN"), "{}", refused.text);
}

/// One meeting of each combination of stated and not-stated meeting fields (start, end,
/// location, status, minutes, the exclusion's text), each with an item of each combination of
/// stated and not-stated item fields (number, minutes) and session (public, exempt, confidential):
/// what a clerk records reads back exactly, with null for what was not stated, and the public
/// reads the same with only the minutes of restricted items removed.
async fn every_combination_of_stated_and_not_stated_fields_reads_back_as_recorded(
    backend: Backend,
) {
    let Some((app, cabinet)) = kent(backend, "meeting_combinations").await else {
        return;
    };
    let clerk = app.clerk("kent");
    let stated = |bits: u32, bit: u32, value: Value| {
        if bits & (1 << bit) != 0 {
            value
        } else {
            Value::Null
        }
    };
    const QUERY: &str = "query($id: UUID!) { meeting(id: $id) {
      startTime endTime location status minutes
      items { uuid number title minutes inPrivate withheld { category } }
      exclusions { text items { uuid } }
    } }";
    for bits in 0..64u32 {
        let mut items = Vec::new();
        let mut read_items = Vec::new();
        let mut private = Vec::new();
        for variant in 0..12u32 {
            let id = Uuid::now_v7();
            let session = variant % 3;
            let number = stated(variant, 2, json!(format!("{variant}.")));
            let minutes = stated(variant, 3, json!(format!("Minute {bits}/{variant}")));
            let restriction = match session {
                0 => Value::Null,
                1 => json!({"category": "EXEMPT", "paragraphs": [1 + variant % 7],
                            "publicInterestTestApplied": true}),
                _ => json!({"category": "CONFIDENTIAL", "publicInterestTestApplied": false,
                            "reason": "Legal advice"}),
            };
            if session != 0 {
                private.push(id);
            }
            items.push(
                json!({"id": id, "number": number, "title": format!("Item {variant}"),
                              "minutes": minutes, "inPrivate": session != 0,
                              "restriction": restriction}),
            );
            read_items.push(json!({
                "uuid": id, "number": number, "title": format!("Item {variant}"),
                "minutes": minutes, "inPrivate": session != 0,
                "withheld": match session {
                    0 => Value::Null,
                    1 => json!({"category": "EXEMPT"}),
                    _ => json!({"category": "CONFIDENTIAL"}),
                }
            }));
        }
        let exclusion_text = stated(bits, 5, json!("That the public be excluded."));
        let input = json!({
            "bodyId": cabinet, "bodyName": "Cabinet", "date": "2024-03-06",
            "startTime": stated(bits, 0, json!("18:30")),
            "endTime": stated(bits, 1, json!("21:00")),
            "location": stated(bits, 2, json!("Sessions House")),
            "status": stated(bits, 3, json!("HELD")),
            "minutes": stated(bits, 4, json!("Present: all members.")),
            "items": items,
            "exclusions": [{"text": exclusion_text, "itemIds": private}],
        });
        let key = Uuid::now_v7();
        let recorded = app
            .post(
                KENT,
                Some(&clerk),
                RECORD,
                json!({"key": key, "input": input}),
            )
            .await;
        assert_eq!(
            recorded.body["data"]["recordMeeting"]["warnings"],
            json!([]),
            "{}",
            recorded.text
        );
        let mut expected = json!({
            "startTime": input["startTime"], "endTime": input["endTime"],
            "location": input["location"], "status": input["status"],
            "minutes": input["minutes"], "items": read_items,
            "exclusions": [{"text": exclusion_text,
                            "items": private.iter().map(|id| json!({"uuid": id}))
                                .collect::<Vec<_>>()}],
        });
        let full = app
            .post(KENT, Some(&clerk), QUERY, json!({"id": key}))
            .await;
        assert_eq!(full.body["data"]["meeting"], expected, "{}", full.text);
        for item in expected["items"].as_array_mut().unwrap() {
            if !item["withheld"].is_null() {
                item["minutes"] = Value::Null;
            }
        }
        let public = app.post(KENT, None, QUERY, json!({"id": key})).await;
        assert_eq!(public.body["data"]["meeting"], expected, "{}", public.text);
    }
}

both_backends!(
    every_combination_of_stated_and_not_stated_fields_reads_back_as_recorded,
    a_clerk_records_a_meeting_and_the_public_never_reads_its_withheld_minutes,
    a_meeting_states_only_what_its_page_shows_and_can_be_cancelled,
    the_unusual_is_recorded_with_warnings_and_the_impossible_refused,
    another_council_sees_none_of_a_councils_meetings,
);
