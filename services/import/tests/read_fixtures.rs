//! Every saved page under `tests/fixtures/` read, and exactly what it yields (see SOURCES.md
//! there for where each came from and what is odd about it).

use civic_import::page::{
    Field, LinkKind, Page, PageKind, RawDocument, RawLink, RawRecord, ReadError, RecordKind,
};
use civic_import::read::read_page;
use std::path::{Path, PathBuf};

fn fixture(rel: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn read(rel: &str) -> Result<Page, ReadError> {
    read_page(&fixture(rel), rel)
}

fn page(rel: &str) -> Page {
    read(rel).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The record's fields as (field, text), in page order.
fn fields(r: &RawRecord) -> Vec<(Field, &str)> {
    r.fields
        .iter()
        .map(|f| (f.field, f.text.as_str()))
        .collect()
}

fn only_record(p: &Page) -> &RawRecord {
    assert_eq!(p.records.len(), 1, "{p:#?}");
    &p.records[0]
}

const MAIDSTONE_DECISION: &[&str] = &[
    "1. That the Information Strategy 2010-2013 be approved.",
    "2. That it be noted that the Information Strategy 2010-2013 will be updated on an on-going \
     basis as the strategy is more firmly embedded within the service planning process and the \
     Council\u{2019}s information management needs become more apparent.",
    "3. That the change in title of this annual review from the \u{2018}ICT Strategy\u{2019} to \
     the \u{2018}Information Strategy\u{2019}, which reflects the shift in focus for the strategy \
     from hardware and infrastructure to that of information management and business \
     improvement, be noted.",
];

fn assert_maidstone(r: &RawRecord) {
    assert_eq!(r.kind, RecordKind::Decision);
    let expect = [
        (Field::Title, "Information Strategy 2010 - 13"),
        (Field::DecisionMaker, "Cabinet."),
        (Field::DecisionStatus, "Recommendations Approved"),
        (Field::KeyDecision, "Yes"),
        (Field::SubjectToCallIn, "Yes"),
        (
            Field::Purpose,
            "The review of the Council's Information Strategy (formally the ICT Strategy), an \
             annual review of the rolling 3 year program.",
        ),
        (Field::ReasonKey, "Policies, Plans, Strategies;"),
        (Field::WardsAffected, "(All Wards);"),
        (Field::CommitteeDetails, "None"),
        (Field::RepresentationsBy, "21st May 2010"),
        (Field::OtherConsulted, "Email"),
        (Field::Consultees, "Finance, Assistant Directors."),
        (
            Field::Contact,
            "Email: Paultaylor@maidstone.gov.uk Tel: 01622 602068.",
        ),
        (Field::ReportAuthor, "Paul Taylor"),
        (Field::PublicationDate, "11/06/2010"),
        (Field::DateOfDecision, "09/06/2010"),
        (Field::DecidedAt, "09/06/2010 - Cabinet."),
        (Field::EffectiveFrom, "19/06/2010"),
    ];
    for (field, text) in expect {
        assert_eq!(r.get(field), Some(text), "{field:?}");
    }
    assert_eq!(
        r.get(Field::Decision),
        Some(MAIDSTONE_DECISION.join("\n\n").as_str())
    );
    let reasons = r.get(Field::Reasons).unwrap_or_default();
    assert!(
        reasons.starts_with("Citizens want to see better value"),
        "{reasons}"
    );
    assert!(
        reasons.contains(
            "\n\n\u{b7} continue to promote and encourage the take-up of our e-services by customers;\n\n"
        ),
        "{reasons}"
    );
    assert!(
        reasons.ends_with("its own information needs mature."),
        "{reasons}"
    );
    assert_eq!(reasons.split("\n\n").count(), 11);
    assert!(
        r.get(Field::AlternativeOptions)
            .is_some_and(|t| t.starts_with("It is inconceivable") && t.ends_with("stakeholders."))
    );
    assert_eq!(r.fields.len(), expect.len() + 3, "{:#?}", fields(r));
}

#[test]
fn maidstone_text_reads_every_field() {
    let p = page("text/maidstone--decision-details--1.txt");
    assert_eq!(p.kind, PageKind::DecisionDetails);
    assert_eq!(p.url, None);
    let r = only_record(&p);
    assert_maidstone(r);
    assert_eq!(r.system_id, None);
    assert!(r.documents.is_empty() && r.links.is_empty());
    // Labels are kept as shown.
    assert_eq!(r.fields[0].label, "Decision details");
    assert_eq!(r.fields[3].label, "Is Key decision?:");
}

#[test]
fn maidstone_synthetic_html_gives_the_text_s_fields() {
    let text = page("text/maidstone--decision-details--1.txt");
    let p = page("synthetic/maidstone--decision-details--synthetic-en.html");
    assert_eq!(p.kind, PageKind::DecisionDetails);
    let url = "https://democracy.example.gov.uk/ieDecisionDetails.aspx?ID=4321";
    assert_eq!(p.url.as_deref(), Some(url));
    let r = only_record(&p);
    assert_maidstone(r);
    assert_eq!(r.fields, only_record(&text).fields, "labels and text alike");
    assert_eq!(r.system_id.as_deref(), Some("4321"));
    assert_eq!(r.url.as_deref(), Some(url));
    assert_eq!(
        r.documents,
        [RawDocument {
            title: "Information Strategy 2010-13".into(),
            href: Some("documents/s12345/Information%20Strategy%202010-13.pdf".into()),
        }]
    );
    assert_eq!(
        r.links,
        [
            RawLink {
                kind: LinkKind::Issue,
                system_id: "2040".into(),
                href: "mgIssueHistoryHome.aspx?IId=2040&Opt=0".into(),
            },
            RawLink {
                kind: LinkKind::Meeting,
                system_id: "1500".into(),
                href: "ieListDocuments.aspx?CId=125&MId=1500".into(),
            },
        ]
    );
}

#[test]
fn maidstone_synthetic_welsh_page_gives_the_same_fields() {
    let en = page("synthetic/maidstone--decision-details--synthetic-en.html");
    let cy = page("synthetic/maidstone--decision-details--synthetic-cy.html");
    let (en, cy) = (only_record(&en), only_record(&cy));
    assert_maidstone(cy);
    assert_eq!(fields(cy), fields(en));
    assert_eq!(cy.documents, en.documents);
    assert_eq!(cy.links, en.links);
    assert_eq!(cy.system_id.as_deref(), Some("4321"));
    let label = |f: Field| {
        cy.fields
            .iter()
            .find(|x| x.field == f)
            .map(|x| x.label.as_str())
    };
    assert_eq!(
        label(Field::DecisionStatus),
        Some("Decision status / Statws y penderfyniad:")
    );
    assert_eq!(
        label(Field::KeyDecision),
        Some("A yw\u{2019}n benderfyniad allweddol?")
    );
    assert_eq!(label(Field::Title), Some("Manylion y penderfyniad"));
}

#[test]
fn kirklees_decision_1_committee_decision() {
    let p = page("decision-details/kirklees--decision-details--1.html");
    assert_eq!(
        (p.kind, p.url.as_deref()),
        (PageKind::DecisionDetails, None)
    );
    let r = only_record(&p);
    assert_eq!(
        fields(r),
        [
            (Field::Title, "Minutes of Previous Meeting"),
            (Field::DecisionStatus, "Recommendations Approved"),
            (Field::KeyDecision, "No"),
            (Field::SubjectToCallIn, "No"),
            (
                Field::Decision,
                "The Minutes of the Policy Committee meeting on 23 September 2015 were approved \
                 as a correct record."
            ),
            (Field::PublicationDate, "22/10/2015"),
            (Field::DateOfDecision, "19/10/2015"),
            (Field::DecidedAt, "19/10/2015 - Policy Committee"),
        ]
    );
    assert_eq!(r.fields[7].label, "Decided at meeting:");
    assert_eq!(r.system_id, None);
    assert_eq!(
        r.documents,
        [RawDocument {
            title: "polc2 - 23.09.2015".into(),
            href: Some("documents/s7942/polc2 - 23.09.2015.pdf".into()),
        }]
    );
    assert_eq!(
        r.links,
        [
            RawLink {
                kind: LinkKind::Issue,
                system_id: "6535".into(),
                href: "mgIssueHistoryHome.aspx?IId=6535&Opt=0".into(),
            },
            RawLink {
                kind: LinkKind::Meeting,
                system_id: "4832".into(),
                href: "ieListDocuments.aspx?CId=151&MID=4832".into(),
            },
        ]
    );
}

#[test]
fn kirklees_decision_2_officer_key_decision() {
    let p = page("decision-details/kirklees--decision-details--2.html");
    let r = only_record(&p);
    assert_eq!(
        fields(r),
        [
            (
                Field::Title,
                "To enable the Council's waste treatment contractor to consult on alternative \
                 processing arrangements"
            ),
            (Field::DecisionMaker, "Strategic Director for Environment"),
            (Field::DecisionStatus, "Recommendations Approved"),
            (Field::KeyDecision, "Yes"),
            (Field::SubjectToCallIn, "Yes"),
            (
                Field::Purpose,
                "To seek approval for alternative processing arrangements."
            ),
            (
                Field::Decision,
                "That approval be given to enable the contractor to consult on alternative \
                 processing arrangements, subject to employee consultation outcomes."
            ),
            (Field::PublicationDate, "05/08/2026"),
            (Field::DateOfDecision, "04/08/2026"),
        ]
    );
    assert!(r.documents.is_empty() && r.links.is_empty());
}

#[test]
fn kirklees_decision_3_has_no_heading_and_a_spacer_paragraph() {
    let p = page("decision-details/kirklees--decision-details--3.html");
    let r = only_record(&p);
    assert_eq!(
        fields(r),
        [
            (
                Field::Title,
                "Appointment of contractor to demolish Holme Park Court"
            ),
            (
                Field::DecisionMaker,
                "Service Director - Homes & Neighbourhoods"
            ),
            (Field::DecisionStatus, "Recommendations Approved"),
            (Field::KeyDecision, "No"),
            (Field::SubjectToCallIn, "No"),
            (
                Field::Decision,
                "The demolition of the existing tower blocks has been approved to support the \
                 regeneration of Berry Brow.\n\nThis decision was authorised by the Cabinet at \
                 its meeting on Tuesday, 27 July 2021."
            ),
            (Field::PublicationDate, "10/12/2025"),
            (Field::DateOfDecision, "27/07/2021"),
        ]
    );
    // No "Decision details" heading above the title: it has no label.
    assert_eq!(r.fields[0].label, "");
}

#[test]
fn kirklees_delegated_list_skips_the_issue_history_row() {
    let p = page("delegated-decisions/kirklees--delegated-decisions--1.html");
    assert_eq!(p.kind, PageKind::DecisionList);
    let ids: Vec<_> = p.records.iter().map(|r| r.system_id.as_deref()).collect();
    assert_eq!(ids, [Some("13567"), Some("13149")]);
    let r = &p.records[0];
    assert_eq!(r.url.as_deref(), Some("ieDecisionDetails.aspx?ID=13567"));
    assert_eq!(
        fields(r),
        [
            (
                Field::Title,
                "Settlement Agreement with Network Rail Infrastructure Limited (NRIL) in respect \
                 of land adjacent to the George Hotel, Railway Street, Huddersfield"
            ),
            (Field::DateOfDecision, "01/04/2025"),
            (Field::EffectiveFrom, "01/04/2025"),
            (Field::CallIns, "Not for call-in"),
        ]
    );
    let labels: Vec<_> = r.fields.iter().map(|f| f.label.as_str()).collect();
    assert_eq!(labels, ["Title", "Date", "Effective from", "Call-ins"]);
    assert_eq!(
        fields(&p.records[1]),
        [
            (Field::Title, "Admission of the Public"),
            (Field::DateOfDecision, "03/11/2025"),
            (Field::EffectiveFrom, "03/11/2025"),
            (Field::CallIns, "Not for call-in"),
        ]
    );
}

#[test]
fn kirklees_officer_list_has_title_and_date_only() {
    let p = page("delegated-decisions/kirklees--delegated-decisions--2.html");
    assert_eq!(p.kind, PageKind::DecisionList);
    let r = only_record(&p);
    assert_eq!(r.system_id.as_deref(), Some("13149"));
    assert_eq!(
        fields(r),
        [
            (Field::Title, "Admission of the Public"),
            (Field::DateOfDecision, "03/11/2025"),
        ]
    );
}

#[test]
fn birmingham_meeting_summary_pairs_labels_by_document_order() {
    let p = page("cmis/birmingham--cmis-meeting-summary--1.html");
    assert_eq!(p.kind, PageKind::CmisMeeting);
    let r = only_record(&p);
    assert_eq!(r.kind, RecordKind::Meeting);
    assert_eq!(
        fields(r),
        [
            (Field::Committee, "Licensing Sub-Committee A"),
            (Field::MeetingDateTime, "3 Aug 2026 - 10:00"),
            (Field::MeetingStatus, "Scheduled"),
            (Field::Venue, "On-line meeting"),
        ]
    );
    // No link or address on the page shows the meeting's id.
    assert_eq!(r.system_id, None);
    assert_eq!(
        r.documents,
        [RawDocument {
            title: "Minutes of the previous meeting".into(),
            href: Some("/birmingham/Document.ashx?czJKcaeAi5tUFL1DTL2UE4sOqCLHzE2A".into()),
        }]
    );
}

#[test]
fn birmingham_meeting_list_gives_a_meeting_per_row() {
    let p = page("cmis/birmingham--cmis-meeting-list--1.html");
    assert_eq!(p.kind, PageKind::CmisMeetingList);
    assert_eq!(p.records.len(), 2);
    let r = &p.records[0];
    assert_eq!(r.system_id.as_deref(), Some("15042"));
    assert!(
        r.url
            .as_deref()
            .is_some_and(|u| u.contains("/Meeting/15042/"))
    );
    assert_eq!(
        fields(r),
        [
            (Field::MeetingDateTime, "9 Jul 2026 11:00"),
            (Field::Committee, "Planning Committee"),
            (Field::Venue, "Committee Rooms 3 & 4"),
        ]
    );
    assert_eq!(p.records[1].system_id.as_deref(), Some("15115"));
    assert_eq!(
        fields(&p.records[1]),
        [
            (Field::MeetingDateTime, "23 Jul 2026 14:00"),
            (Field::Committee, "Standards Committee"),
            (Field::Venue, "Committee Room 2"),
        ]
    );
}

#[test]
fn birmingham_month_calendar_and_documents_tabs_are_refused_with_reasons() {
    assert_eq!(
        read("cmis/birmingham--cmis-meeting-calendar--1.html"),
        Err(ReadError::Unsupported {
            kind: "CMIS month calendar",
            why: "its days carry no year",
        })
    );
    for rel in [
        "cmis/birmingham--cmis-meeting-documents--1.html",
        "cmis/birmingham--cmis-meeting-documents--2.html",
    ] {
        assert_eq!(
            read(rel),
            Err(ReadError::Unsupported {
                kind: "CMIS meeting documents",
                why: "it names neither the committee nor the date; import the meeting's summary \
                      page",
            }),
            "{rel}"
        );
    }
}

/// The synthetic forward-plan item's fields, labels included, as its HTML and text pages give
/// them.
const PLAN_ITEM: &[(Field, &str, &str)] = &[
    (
        Field::Title,
        "Issue details",
        "Adoption of the Local Cycling and Walking Infrastructure Plan",
    ),
    (Field::Reference, "Reference:", "FP/2026/014"),
    (Field::EntryStatus, "Status:", "For determination"),
    (
        Field::Description,
        "Issue description:",
        "To adopt the Local Cycling and Walking Infrastructure Plan (LCWIP), which sets out the \
         Council\u{2019}s priority routes and schemes for walking, wheeling and cycling over the \
         next ten years.\n\nThe plan follows public consultation in spring 2026 and will be used \
         to bid for external funding.",
    ),
    (Field::DecisionMaker, "Decision maker:", "Cabinet"),
    (Field::DateDue, "Decision due:", "21 Jul 2026"),
    (
        Field::LeadMember,
        "Lead member:",
        "Cabinet Member for Transport",
    ),
    (
        Field::LeadOfficer,
        "Lead officer:",
        "Head of Transport Planning",
    ),
    (
        Field::NoticePublished,
        "Notice of proposed decision first published:",
        "12/05/2026",
    ),
    (Field::KeyDecision, "Key decision:", "Yes"),
    (
        Field::ReasonKey,
        "Reason Key:",
        "Expenditure > \u{a3}500,000;",
    ),
    (Field::WardsAffected, "Wards affected:", "(All Wards);"),
    (Field::ExemptInformation, "Exempt information:", "Open"),
    (
        Field::Contact,
        "Contact:",
        "Jane Smith, Transport Planning Manager Email: jane.smith@example.gov.uk Tel: 01234 \
         567890.",
    ),
];

/// The record's fields as (field, label, text), in page order.
fn labelled(r: &RawRecord) -> Vec<(Field, &str, &str)> {
    r.fields
        .iter()
        .map(|f| (f.field, f.label.as_str(), f.text.as_str()))
        .collect()
}

#[test]
fn synthetic_forward_plan_item_html_reads_every_field_and_no_meeting_as_text() {
    let p = page("synthetic/example--forward-plan-item--synthetic-en.html");
    let url = "https://democracy.example.gov.uk/mgIssueHistoryHome.aspx?IId=5120&Opt=0";
    assert_eq!(
        (p.kind, p.url.as_deref()),
        (PageKind::ForwardPlanItem, Some(url))
    );
    let r = only_record(&p);
    assert_eq!(r.kind, RecordKind::ForwardPlanEntry);
    // "Originally due:" and the "Decisions" list of meetings give no field.
    assert_eq!(labelled(r), PLAN_ITEM);
    assert_eq!(r.system_id.as_deref(), Some("5120"));
    assert_eq!(r.url.as_deref(), Some(url));
    assert!(r.documents.is_empty());
    // The link to the item's own history is no link to another record.
    assert_eq!(
        r.links,
        [RawLink {
            kind: LinkKind::Meeting,
            system_id: "2210".into(),
            href: "ieListDocuments.aspx?CId=130&MId=2210".into(),
        }]
    );
}

#[test]
fn synthetic_forward_plan_item_text_gives_the_html_s_fields() {
    let p = page("synthetic/example--forward-plan-item--synthetic-en.txt");
    assert_eq!(
        (p.kind, p.url.as_deref()),
        (PageKind::ForwardPlanItem, None)
    );
    let r = only_record(&p);
    assert_eq!(r.kind, RecordKind::ForwardPlanEntry);
    assert_eq!(labelled(r), PLAN_ITEM);
    let html = page("synthetic/example--forward-plan-item--synthetic-en.html");
    assert_eq!(r.fields, only_record(&html).fields);
    assert_eq!(r.system_id, None);
    assert!(r.documents.is_empty() && r.links.is_empty());
}

#[test]
fn synthetic_welsh_forward_plan_item_reads() {
    let p = page("synthetic/example--forward-plan-item--synthetic-cy.txt");
    assert_eq!(p.kind, PageKind::ForwardPlanItem);
    let r = only_record(&p);
    assert_eq!(
        labelled(r),
        [
            (
                Field::Title,
                "Manylion y mater",
                "Mabwysiadu'r Cynllun Teithio Llesol Lleol"
            ),
            (Field::Reference, "Cyfeirnod:", "FP/2026/015"),
            (Field::EntryStatus, "Statws:", "I'w benderfynu"),
            (Field::DecisionMaker, "Penderfynwr:", "Cabinet"),
            (
                Field::DateDue,
                "Dyddiad disgwyliedig y penderfyniad:",
                "22 Gorff 2026"
            ),
            (
                Field::LeadMember,
                "Aelod arweiniol:",
                "Aelod Cabinet dros Drafnidiaeth"
            ),
            (
                Field::LeadOfficer,
                "Swyddog arweiniol:",
                "Pennaeth Cynllunio Trafnidiaeth"
            ),
            (Field::NoticePublished, "Cyhoeddwyd gyntaf:", "13/05/2026"),
            (Field::KeyDecision, "Penderfyniad allweddol?", "Ydy"),
            (Field::ExemptInformation, "Gwybodaeth eithriedig:", "Agored"),
            // The section ends at the "Penderfyniadau / Decisions" list of meetings.
            (
                Field::Description,
                "Disgrifiad:",
                "Mabwysiadu'r cynllun ar gyfer llwybrau cerdded a beicio."
            ),
        ]
    );
}

#[test]
fn synthetic_forward_plan_list_gives_an_entry_per_item() {
    let p = page("synthetic/example--forward-plan-list--synthetic-en.html");
    assert_eq!(p.kind, PageKind::ForwardPlanList);
    assert_eq!(
        p.url.as_deref(),
        Some("https://democracy.example.gov.uk/mgListPlanItems.aspx?PlanId=310&RP=130")
    );
    assert_eq!(p.records.len(), 2, "{p:#?}");
    let ids: Vec<_> = p.records.iter().map(|r| r.system_id.as_deref()).collect();
    assert_eq!(ids, [Some("5120"), Some("5133")]);
    let urls: Vec<_> = p.records.iter().map(|r| r.url.as_deref()).collect();
    assert_eq!(
        urls,
        [
            Some("mgIssueHistoryHome.aspx?IId=5120&PlanId=310"),
            Some("mgIssueHistoryHome.aspx?IId=5133&PlanId=310"),
        ]
    );
    assert!(
        p.records
            .iter()
            .all(|r| r.kind == RecordKind::ForwardPlanEntry
                && r.documents.is_empty()
                && r.links.is_empty())
    );
    assert_eq!(
        fields(&p.records[0]),
        [
            (
                Field::Title,
                "Adoption of the Local Cycling and Walking Infrastructure Plan"
            ),
            (Field::DecisionMaker, "Cabinet"),
            (Field::DateDue, "21 Jul 2026"),
            (Field::LeadMember, "Cabinet Member for Transport"),
            (Field::LeadOfficer, "Head of Transport Planning"),
            (Field::NoticePublished, "12/05/2026"),
            (Field::KeyDecision, "Yes"),
            (Field::ExemptInformation, "Open"),
            (Field::Reference, "FP/2026/014"),
            (Field::EntryStatus, "For determination"),
        ]
    );
    assert_eq!(
        fields(&p.records[1]),
        [
            (
                Field::Title,
                "Award of the Highways Maintenance Term Contract"
            ),
            (Field::DecisionMaker, "Cabinet"),
            (Field::DateDue, "Not before 1st Sep 2026"),
            (
                Field::LeadMember,
                "Cabinet Member for Highways and Environment"
            ),
            (Field::LeadOfficer, "Director of Place"),
            (Field::NoticePublished, "02/06/2026"),
            (Field::KeyDecision, "Yes"),
            (Field::ExemptInformation, "Part exempt: paragraph 3"),
            (Field::Reference, "FP/2026/021"),
            (Field::EntryStatus, "For determination"),
        ]
    );
    // A list row's title has no label of its own; the rest keep the page's.
    assert_eq!(p.records[1].fields[0].label, "");
    assert_eq!(p.records[1].fields[9].label, "Status:");
}

/// Every fixture file, so a new one cannot be added without being read.
fn all_fixtures() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut out = Vec::new();
    let mut dirs = vec![root];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("fixtures folder").flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "html" || e == "txt") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn every_fixture_is_covered_above() {
    let covered = 17;
    assert_eq!(all_fixtures().len(), covered, "{:#?}", all_fixtures());
    for path in all_fixtures() {
        let bytes = std::fs::read(&path).expect("fixture");
        let name = path.to_string_lossy();
        match read_page(&bytes, &name) {
            Ok(p) => assert!(
                !p.records.is_empty() && p.records.iter().all(|r| !r.fields.is_empty()),
                "{name}"
            ),
            Err(e) => assert!(matches!(e, ReadError::Unsupported { .. }), "{name}: {e}"),
        }
    }
}
