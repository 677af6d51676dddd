#![allow(clippy::unwrap_used, missing_docs)]
//! A clerk enters records as real registers show them, through GraphQL, with exactly what the
//! page has: nothing invented (what the page leaves out is null and listed as not stated) and
//! nothing lost (references, links, people, votes, labelled resolutions, notices citing "6a").

mod common;

use std::sync::Arc;

use async_graphql::{Request, Response, Variables};
use chrono::{TimeZone, Utc};
use civic_gateway::auth::Access;
use civic_gateway::auth::verify::{Identity, Principal};
use civic_gateway::graphql::{CouncilSchema, CouncilScope, council_schema};
use civic_gateway::{Clock, Role, Services, Settings};
use civic_runtime::Runtime;
use common::{Backend, Database, database};
use serde_json::{Value, json};
use uuid::Uuid;

struct Fixture {
    schema: CouncilSchema,
    scope: CouncilScope,
    _database: Database,
}

/// The demo council (England), the clock on Monday 11 March 2024.
async fn fixture(backend: Backend, test: &str) -> Option<Fixture> {
    let (url, database) = database(backend, test).await?;
    let runtime = Runtime::connect(&url, 8)
        .await
        .unwrap()
        .with_clock(Clock::Fixed(
            Utc.with_ymd_and_hms(2024, 3, 11, 12, 0, 0).unwrap(),
        ));
    let services = Arc::new(Services::new(runtime, Settings::new(url).limits));
    let tenant = services
        .directory
        .home()
        .ensure_demo()
        .await
        .unwrap()
        .tenant();
    Some(Fixture {
        scope: CouncilScope {
            tenant,
            slug: "maidstone".into(),
            runtime: services.directory.home().clone(),
        },
        schema: council_schema(services),
        _database: database,
    })
}

impl Fixture {
    async fn run(&self, clerk: bool, query: &str, variables: Value) -> Value {
        let principal = if clerk {
            Principal::Authenticated(Identity {
                subject: "clerk@maidstone".into(),
                council: Some("maidstone".into()),
                role: Role::Clerk,
            })
        } else {
            Principal::Anonymous
        };
        let request = Request::new(query)
            .variables(Variables::from_json(variables))
            .data(self.scope.clone())
            .data(Access::for_council(&principal, "maidstone").unwrap());
        let response: Response = self.schema.execute(request).await;
        serde_json::to_value(&response).unwrap()
    }

    async fn record(&self, input: Value, selection: &str) -> Value {
        let query = format!(
            "mutation($key: UUID!, $input: DecisionDetailsInput!) {{ recordDecision(idempotencyKey: $key, input: $input) {{ {selection} }} }}"
        );
        self.run(true, &query, json!({"key": Uuid::now_v7(), "input": input}))
            .await
    }
}

async fn an_officer_decision_with_only_what_the_law_requires_is_kept_as_shown(backend: Backend) {
    let Some(f) = fixture(backend, "records_bare").await else {
        return;
    };
    let answer = f
        .record(
            json!({"title": "Approval of a street trading consent", "dateOfDecision": "2024-03-04"}),
            "decision { decisionMaker { name } statusLabel outcome keyDecision notStated \
             interestsStatement interests { member } resolutions { number } references { reference } \
             links { relation } meeting { meetingId } leadMember { nameAsShown } vote { votesFor } } \
             warnings { code message }",
        )
        .await;
    assert_eq!(
        answer,
        json!({"data": {"recordDecision": {
            "decision": {
                "decisionMaker": null, "statusLabel": null, "outcome": null, "keyDecision": null,
                "notStated": ["DECISION_MAKER", "STATUS_LABEL", "OUTCOME", "KEY_DECISION"],
                "interestsStatement": "NOT_STATED", "interests": [], "resolutions": [],
                "references": {"reference": null}, "links": [], "meeting": null,
                "leadMember": null, "vote": null
            },
            "warnings": [
                {"code": "not_stated", "message": "the record does not state: decision maker, decision status, outcome, whether it is a key decision"}
            ]
        }}})
    );
}

async fn people_votes_links_and_notices_are_kept_as_the_page_gives_them(backend: Backend) {
    let Some(f) = fixture(backend, "records_full").await else {
        return;
    };
    let member = f
        .run(
            true,
            "mutation($key: UUID!) { addMember(idempotencyKey: $key, input: {name: \"Cllr Jane Smith\", party: \"Independent\"}) { council { members { memberId name party leftOn } } } }",
            json!({"key": Uuid::now_v7()}),
        )
        .await;
    let members = &member["data"]["addMember"]["council"]["members"];
    let jane = members
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["name"] == "Cllr Jane Smith")
        .unwrap_or_else(|| panic!("{member}"));
    assert_eq!(jane["party"], "Independent");
    let jane_id = jane["memberId"].as_str().unwrap().to_owned();
    let other = Uuid::now_v7();
    let meeting = Uuid::now_v7();
    let input = json!({
        "title": "Disposal of the former library",
        "dateOfDecision": "2024-03-04",
        "keyDecision": true,
        "subjectToCallIn": false,
        "interestsStatement": "NONE_DECLARED",
        "resolutions": [
            {"label": "(i)", "text": "That the building be sold."},
            {"text": "The Director to complete the sale."}
        ],
        "references": {"reference": "CAB/24/012", "minuteNumber": "45.", "sourceUrl": "https://democracy.example.gov.uk/ieDecisionDetails.aspx?ID=12", "sourceId": "12"},
        "links": [{"relation": "REPLACES", "decisionId": other}],
        "meetingId": meeting,
        "leadMember": {"memberId": jane_id, "nameAsShown": "Cllr Mrs J Smith"},
        "leadOfficer": "Head of Property",
        "department": "Place",
        "vote": {
            "proposer": {"memberId": jane_id, "nameAsShown": "Cllr Smith"},
            "votesFor": 6, "votesAgainst": 2, "asGiven": "For 6, Against 2",
            "named": [{"member": {"nameAsShown": "Cllr Brown"}, "cast": "AGAINST"}]
        },
        "documents": [{"title": "Valuation", "restriction": {
            "category": "EXEMPT", "paragraphCodes": ["6a"], "paragraphs": [3],
            "paragraphReasons": [{"paragraph": "6a", "reason": "A notice to the tenant"}],
            "asGiven": "Exempt under para 3 and 6(a)"
        }}],
        "fieldRestrictions": [{"field": "VOTE", "restriction": {"category": "EXEMPT", "paragraphs": [1]}}]
    });
    let selection = "decision { uuid notStated interestsStatement resolutions { number label text } \
        references { reference minuteNumber sourceUrl sourceId } links { relation decisionId } \
        meeting { meetingId agendaItemId } leadMember { memberId nameAsShown } leadOfficer department \
        vote { proposer { memberId nameAsShown } votesFor votesAgainst abstained asGiven named { member { nameAsShown } cast } } \
        documents { title withheld { paragraphs paragraphCodes paragraphReasons { paragraph reason } asGiven publicInterestTestApplied } } } \
        warnings { code }";
    let answer = f.record(input, selection).await;
    let decision = &answer["data"]["recordDecision"]["decision"];
    assert_eq!(
        decision["resolutions"],
        json!([
            {"number": 1, "label": "(i)", "text": "That the building be sold."},
            {"number": 2, "label": null, "text": "The Director to complete the sale."}
        ]),
        "{answer}"
    );
    assert_eq!(decision["interestsStatement"], "NONE_DECLARED");
    assert_eq!(
        decision["references"],
        json!({"reference": "CAB/24/012", "minuteNumber": "45.", "sourceUrl": "https://democracy.example.gov.uk/ieDecisionDetails.aspx?ID=12", "sourceId": "12"})
    );
    assert_eq!(
        decision["links"],
        json!([{"relation": "REPLACES", "decisionId": other.to_string()}])
    );
    assert_eq!(
        decision["meeting"],
        json!({"meetingId": meeting.to_string(), "agendaItemId": null})
    );
    assert_eq!(
        decision["leadMember"],
        json!({"memberId": jane_id, "nameAsShown": "Cllr Mrs J Smith"})
    );
    assert_eq!(decision["leadOfficer"], "Head of Property");
    assert_eq!(decision["department"], "Place");
    assert_eq!(
        decision["vote"],
        json!({
            "proposer": {"memberId": jane_id, "nameAsShown": "Cllr Smith"},
            "votesFor": 6, "votesAgainst": 2, "abstained": null, "asGiven": "For 6, Against 2",
            "named": [{"member": {"nameAsShown": "Cllr Brown"}, "cast": "AGAINST"}]
        })
    );
    assert_eq!(
        decision["documents"],
        json!([{"title": "Valuation", "withheld": {
            "paragraphs": [3, 6], "paragraphCodes": ["3", "6a"],
            "paragraphReasons": [{"paragraph": "6a", "reason": "A notice to the tenant"}],
            "asGiven": "Exempt under para 3 and 6(a)", "publicInterestTestApplied": null
        }}])
    );
    assert_eq!(
        decision["notStated"],
        json!(["DECISION_MAKER", "STATUS_LABEL", "OUTCOME"])
    );

    // Published, the public sees the notice but not the withheld vote.
    let id = decision["uuid"].as_str().unwrap().to_owned();
    let published = f
        .run(
            true,
            "mutation($key: UUID!, $d: UUID!) { publishDecision(idempotencyKey: $key, decisionId: $d, input: {publicationDate: \"2024-03-06\"}) { version } }",
            json!({"key": Uuid::now_v7(), "d": id}),
        )
        .await;
    assert!(published["errors"].is_null(), "{published}");
    let public = f
        .run(
            false,
            "query($d: UUID!) { decision(id: $d) { vote { votesFor } withheld { field } leadMember { nameAsShown } } }",
            json!({"d": id}),
        )
        .await;
    assert_eq!(
        public,
        json!({"data": {"decision": {
            "vote": null, "withheld": [{"field": "VOTE"}],
            "leadMember": {"nameAsShown": "Cllr Mrs J Smith"}
        }}})
    );
}

async fn what_cannot_be_so_is_refused_naming_the_field(backend: Backend) {
    let Some(f) = fixture(backend, "records_refused").await else {
        return;
    };
    let stranger = Uuid::now_v7();
    let unknown = f
        .record(
            json!({"title": "T", "dateOfDecision": "2024-03-04",
                   "leadMember": {"memberId": stranger, "nameAsShown": "Cllr Nobody"}}),
            "version",
        )
        .await;
    assert_eq!(
        unknown["errors"][0]["extensions"]["code"], "NOT_FOUND",
        "{unknown}"
    );
    let half_a_body = f
        .record(
            json!({"title": "T", "dateOfDecision": "2024-03-04", "decisionMakerBodyId": Uuid::now_v7()}),
            "version",
        )
        .await;
    assert_eq!(
        half_a_body["errors"][0]["extensions"],
        json!({"code": "BAD_USER_INPUT", "field": "decisionMakerName"}),
        "{half_a_body}"
    );
    let two_labels = f
        .record(
            json!({"title": "T", "dateOfDecision": "2024-03-04",
                   "resolutions": [{"label": "(i)", "number": 1, "text": "x"}]}),
            "version",
        )
        .await;
    assert_eq!(
        two_labels["errors"][0]["extensions"],
        json!({"code": "BAD_USER_INPUT", "field": "resolutions[0].label"}),
        "{two_labels}"
    );
    let scottish_test = f
        .record(
            json!({"title": "T", "dateOfDecision": "2024-03-04",
                   "documents": [{"title": "D", "restriction": {"category": "EXEMPT",
                       "scheme": "SCHEDULE_7A", "paragraphs": [6], "publicInterestTestApplied": true}}]}),
            "version",
        )
        .await;
    assert_eq!(
        scottish_test["errors"][0]["extensions"]["field"], "documents[0].restriction",
        "{scottish_test}"
    );
    let bad_paragraph = f
        .record(
            json!({"title": "T", "dateOfDecision": "2024-03-04",
                   "documents": [{"title": "D", "restriction": {"category": "EXEMPT", "paragraphCodes": ["6ab"]}}]}),
            "version",
        )
        .await;
    assert_eq!(
        bad_paragraph["errors"][0]["extensions"],
        json!({"code": "BAD_USER_INPUT", "field": "documents[0].restriction.paragraphCodes[0]"}),
        "{bad_paragraph}"
    );
}

/// Every part a page may leave out, stated or not in many combinations (each part both ways many
/// times, and all-absent and all-present), round-trips through GraphQL: read back exactly as
/// entered, null where not stated, and the usual parts left out listed in `notStated`.
async fn any_combination_of_stated_parts_reads_back_as_entered(backend: Backend) {
    let Some(f) = fixture(backend, "records_combinations").await else {
        return;
    };
    let council = f
        .run(false, "{ council { bodies { bodyId name } } }", json!({}))
        .await;
    let cabinet = council["data"]["council"]["bodies"][0]["bodyId"].clone();
    const PARTS: u32 = 15;
    // Case 0 states nothing, case 1 everything; the others mix the parts pseudo-randomly.
    let stated = |case: u32, part: u32| match case {
        0 => false,
        1 => true,
        _ => (case.wrapping_mul(2_654_435_761).rotate_left(part * 7) >> 13) & 1 == 1,
    };
    const READ: &str = "query($d: UUID!) { decision(id: $d) {
        decisionMaker { name } statusLabel outcome keyDecision subjectToCallIn
        resolutions { number label text } interestsStatement
        references { reference sourceUrl } meeting { meetingId } leadMember { nameAsShown }
        leadOfficer department vote { asGiven } decided { body { name } } notStated
    } }";
    let mut seen = [[false; 2]; PARTS as usize];
    for case in 0..40u32 {
        let on = |part: u32| stated(case, part);
        for (part, seen) in seen.iter_mut().enumerate() {
            seen[usize::from(on(part as u32))] = true;
        }
        let or_null = |part: u32, value: Value| if on(part) { value } else { Value::Null };
        let meeting = Uuid::now_v7();
        let mut input = json!({
            "title": format!("Case {case}"),
            "dateOfDecision": "2024-03-04",
            "statusLabel": or_null(1, json!("Decision made")),
            "outcome": or_null(2, json!("NOTED")),
            "keyDecision": or_null(3, json!(false)),
            "subjectToCallIn": or_null(4, json!(false)),
            "resolutions": [{"label": or_null(5, json!("1.1")), "text": "That the report be noted."}],
            "interestsStatement": or_null(6, json!("NONE_DECLARED")),
            "references": {"reference": or_null(7, json!("CAB/1")),
                           "sourceUrl": or_null(8, json!("https://example.gov.uk/d/1"))},
            "meetingId": or_null(9, json!(meeting)),
            "leadMember": or_null(10, json!({"nameAsShown": "Cllr Smith"})),
            "leadOfficer": or_null(11, json!("Head of Housing")),
            "department": or_null(12, json!("Housing")),
            "vote": or_null(13, json!({"asGiven": "Carried unanimously"})),
        });
        if on(0) {
            input["decisionMakerBodyId"] = cabinet.clone();
            input["decisionMakerName"] = json!("Cabinet");
        }
        if on(14) {
            input["decidedByBodyId"] = cabinet.clone();
            input["decidedByName"] = json!("The Cabinet");
        }
        let recorded = f.record(input, "decision { uuid }").await;
        let id = recorded["data"]["recordDecision"]["decision"]["uuid"].clone();
        assert!(id.is_string(), "{recorded}");
        let not_stated: Vec<&str> = [
            (0, "DECISION_MAKER"),
            (1, "STATUS_LABEL"),
            (2, "OUTCOME"),
            (3, "KEY_DECISION"),
        ]
        .into_iter()
        .filter(|(part, _)| !on(*part))
        .map(|(_, field)| field)
        .collect();
        let read = f.run(true, READ, json!({"d": id})).await;
        assert_eq!(
            read,
            json!({"data": {"decision": {
                "decisionMaker": or_null(0, json!({"name": "Cabinet"})),
                "statusLabel": or_null(1, json!("Decision made")),
                "outcome": or_null(2, json!("NOTED")),
                "keyDecision": or_null(3, json!(false)),
                "subjectToCallIn": or_null(4, json!(false)),
                "resolutions": [{"number": 1, "label": or_null(5, json!("1.1")),
                                 "text": "That the report be noted."}],
                "interestsStatement": if on(6) { "NONE_DECLARED" } else { "NOT_STATED" },
                "references": {"reference": or_null(7, json!("CAB/1")),
                               "sourceUrl": or_null(8, json!("https://example.gov.uk/d/1"))},
                "meeting": or_null(9, json!({"meetingId": meeting})),
                "leadMember": or_null(10, json!({"nameAsShown": "Cllr Smith"})),
                "leadOfficer": or_null(11, json!("Head of Housing")),
                "department": or_null(12, json!("Housing")),
                "vote": or_null(13, json!({"asGiven": "Carried unanimously"})),
                "decided": or_null(14, json!({"body": {"name": "The Cabinet"}})),
                "notStated": not_stated,
            }}}),
            "case {case}"
        );
    }
    assert!(
        seen.iter().all(|both| both[0] && both[1]),
        "every part is tried both stated and not: {seen:?}"
    );
}

/// A decision names the meeting where it was taken; the meeting resolves from the register, and a
/// meeting the register does not hold reads as null, the id kept as the record gave it.
async fn a_decision_resolves_the_meeting_it_was_taken_at(backend: Backend) {
    let Some(f) = fixture(backend, "records_meeting").await else {
        return;
    };
    let council = f
        .run(false, "{ council { bodies { bodyId } } }", json!({}))
        .await;
    let cabinet = council["data"]["council"]["bodies"][0]["bodyId"].clone();
    let meeting = Uuid::now_v7();
    let item = Uuid::now_v7();
    let recorded = f
        .run(
            true,
            "mutation($key: UUID!, $input: MeetingDetailsInput!) { recordMeeting(idempotencyKey: $key, input: $input) { version } }",
            json!({"key": meeting, "input": {
                "bodyId": cabinet, "bodyName": "Cabinet", "date": "2024-03-04", "status": "HELD",
                "items": [{"id": item, "number": "7.", "title": "Library disposal"}]
            }}),
        )
        .await;
    assert!(recorded["errors"].is_null(), "{recorded}");
    let read = |meeting_id: Uuid| {
        json!({"title": "Library disposal", "dateOfDecision": "2024-03-04",
               "meetingId": meeting_id, "agendaItemId": item})
    };
    let selection = "decision { meeting { meetingId agendaItemId meeting { date status items { uuid number } } } }";
    let taken = f.record(read(meeting), selection).await;
    assert_eq!(
        taken["data"]["recordDecision"]["decision"]["meeting"],
        json!({"meetingId": meeting, "agendaItemId": item, "meeting": {
            "date": "2024-03-04", "status": "HELD", "items": [{"uuid": item, "number": "7."}]
        }}),
        "{taken}"
    );
    let elsewhere = Uuid::now_v7();
    let dangling = f.record(read(elsewhere), selection).await;
    assert_eq!(
        dangling["data"]["recordDecision"]["decision"]["meeting"],
        json!({"meetingId": elsewhere, "agendaItemId": item, "meeting": null}),
        "{dangling}"
    );
}

both_backends!(
    an_officer_decision_with_only_what_the_law_requires_is_kept_as_shown,
    people_votes_links_and_notices_are_kept_as_the_page_gives_them,
    what_cannot_be_so_is_refused_naming_the_field,
    any_combination_of_stated_parts_reads_back_as_entered,
    a_decision_resolves_the_meeting_it_was_taken_at,
);
