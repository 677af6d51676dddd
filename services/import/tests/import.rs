#![allow(clippy::unwrap_used, missing_docs)]
//! `civic import` below the CLI, on both backends: real and synthetic pages become records
//! through the runtime; importing again appends nothing; a changed page becomes a correction
//! naming its changed fields; two imports at once append each record once; bad pages are
//! reported while the rest come in.

use std::path::{Path, PathBuf};

use civic_domain::CouncilCommand;
use civic_domain::council::CouncilKind;
use civic_domain::decision::{DecisionStatus, Outcome};
use civic_domain::forward_plan::DateDue;
use civic_domain::nation::Nation;
use civic_domain::values::{Name, Slug};
use civic_eventstore::{Actor, EventStore as _, TenantId};
use civic_import::{Importer, Quiet, Report};
use civic_projections::views::{
    AnticipatedRestrictionKind, DecisionView, ForwardPlanView, MeetingView,
};
use civic_projections::{DecisionFilter, Detail, MeetingFilter, PageRequest, Viewer};
use civic_runtime::Runtime;
use civic_testkit::TestDatabase;
use sha2::Digest as _;

async fn database(postgres: bool, test: &str) -> Option<(String, TestDatabase)> {
    TestDatabase::fresh(postgres, test, &civic_eventstore::migrations::postgres()).await
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn example_text() -> PathBuf {
    fixtures().join("text/maidstone--decision-details--1.txt")
}

async fn council(runtime: &Runtime, slug: &str) -> TenantId {
    let registration = CouncilCommand::Register {
        slug: Slug::parse(slug).unwrap(),
        name: Name::parse("Imported Borough Council").unwrap(),
        kind: CouncilKind::District,
        nation: Nation::England,
    };
    let admin = Actor::parse("admin:test").unwrap();
    runtime
        .register_council(admin, uuid::Uuid::now_v7(), registration)
        .await
        .unwrap()
        .0
}

async fn import(runtime: &Runtime, tenant: TenantId, paths: &[PathBuf]) -> Report {
    let importer = Importer::new(runtime, tenant, Actor::parse("import:test").unwrap());
    importer.import_paths(paths, &Quiet).await.unwrap()
}

async fn decisions(runtime: &Runtime, tenant: TenantId) -> Vec<DecisionView> {
    let page = PageRequest {
        first: 100,
        after: None,
    };
    let found = runtime
        .read_models()
        .decisions(
            tenant,
            Viewer::Auditor,
            &DecisionFilter::default(),
            &page,
            Detail::Full,
        )
        .await
        .unwrap();
    found.items.into_iter().map(|(_, view)| view).collect()
}

async fn meetings(runtime: &Runtime, tenant: TenantId) -> Vec<MeetingView> {
    let page = PageRequest {
        first: 100,
        after: None,
    };
    let found = runtime
        .read_models()
        .meetings(tenant, Viewer::Auditor, &MeetingFilter::default(), &page)
        .await
        .unwrap();
    found.items.into_iter().map(|(_, view)| view).collect()
}

async fn head(runtime: &Runtime, tenant: TenantId) -> u64 {
    runtime.store().head(tenant).await.unwrap().position
}

fn sha256_hex(path: &Path) -> String {
    let digest = sha2::Sha256::digest(std::fs::read(path).unwrap());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

async fn the_example_text_page_becomes_a_published_decision_in_effect(postgres: bool) {
    let Some((url, _db)) = database(postgres, "import_example").await else {
        return;
    };
    let runtime = Runtime::connect(&url, 4).await.unwrap();
    let tenant = council(&runtime, "imported").await;
    let report = import(&runtime, tenant, &[example_text()]).await;
    assert!(report.complete(), "{report}");
    assert_eq!((report.pages_read, report.imported), (1, 1));
    let found = decisions(&runtime, tenant).await;
    let [decision] = found.as_slice() else {
        panic!("one decision, not {}", found.len());
    };
    let record = &decision.record;
    assert_eq!(record.title, "Information Strategy 2010 - 13");
    assert_eq!(
        record
            .decision_maker
            .as_ref()
            .map(|b| b.name_as_shown.as_str()),
        Some("Cabinet")
    );
    assert_eq!(
        record.status_label.as_ref().map(|l| l.as_str()),
        Some("Recommendations Approved")
    );
    // The council's label map gives the outcome.
    assert_eq!(record.outcome, Some(Outcome::Approved));
    assert_eq!(
        (record.key_decision, record.subject_to_call_in),
        (Some(true), Some(true))
    );
    assert_eq!(record.resolutions.len(), 3);
    assert_eq!(
        record.resolutions[0].text.as_str(),
        civic_domain::example::RESOLUTION_1
    );
    assert_eq!(
        record.purpose.as_ref().map(|p| p.as_str()),
        Some(civic_domain::example::PURPOSE)
    );
    assert_eq!(record.reason_key.len(), 1);
    let date = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d);
    assert_eq!(record.representations_by, date(2010, 5, 21));
    // Published on 11 June; effective (as the page says) from 19 June, and in effect now.
    assert_eq!(decision.publication_date, date(2010, 6, 11));
    assert_eq!(decision.effective_from, date(2010, 6, 19));
    assert_eq!(decision.status, DecisionStatus::Effective);
    // The source: the file read, its digest, and each field as given.
    let [source] = decision.sources.as_slice() else {
        panic!("one source, not {}", decision.sources.len());
    };
    assert!(
        source
            .location
            .as_str()
            .ends_with("maidstone--decision-details--1.txt")
    );
    assert_eq!(source.sha256.as_str(), sha256_hex(&example_text()));
    let given = |field: &str| {
        source
            .fields
            .iter()
            .find(|f| f.field.as_str() == field)
            .and_then(|f| f.text.as_ref().map(|t| t.as_str()))
    };
    assert_eq!(given("date of decision"), Some("09/06/2010"));
    assert_eq!(given("decided at"), Some("09/06/2010 - Cabinet."));
    assert_eq!(given("wards affected"), Some("(All Wards);"));
}

async fn importing_the_same_pages_again_appends_nothing(postgres: bool) {
    let Some((url, _db)) = database(postgres, "import_again").await else {
        return;
    };
    let runtime = Runtime::connect(&url, 4).await.unwrap();
    let tenant = council(&runtime, "imported").await;
    let first = import(&runtime, tenant, &[fixtures()]).await;
    // 3 Kirklees decision pages, 2 list rows (one on both lists), the Maidstone text page, the
    // synthetic English and Welsh pages (one record, ID 4321, read twice), 3 CMIS meetings, the
    // 2 meetings decision pages link (Kirklees 4832, synthetic 1500), and 4 forward-plan entries
    // (5120 from its page and the plan, 5133 from the plan, and the English and Welsh text
    // renderings, which carry no id).
    assert_eq!(first.imported, 16, "{first}");
    assert_eq!(
        first.unreadable, 3,
        "the month calendar and two documents tabs: {first}"
    );
    assert_eq!(first.refused, 0, "{first}");
    let after_first = head(&runtime, tenant).await;
    let second = import(&runtime, tenant, &[fixtures()]).await;
    assert_eq!(
        (second.imported, second.corrected, second.noted),
        (0, 0, 0),
        "{second}"
    );
    assert_eq!(
        second.unchanged,
        first.imported + first.corrected + first.noted
    );
    assert_eq!(head(&runtime, tenant).await, after_first);
    assert_eq!(decisions(&runtime, tenant).await.len(), 7);
    let held = meetings(&runtime, tenant).await;
    assert_eq!(held.len(), 5);
    // A decision page's "Decided at meeting" is a meeting record, and the decision points at it.
    let policy = held
        .iter()
        .find(|m| m.record.source.system_id.as_ref().map(|r| r.as_str()) == Some("4832"))
        .unwrap();
    assert_eq!(
        policy.record.body.name_as_shown.as_str(),
        "Policy Committee"
    );
    let minutes = decisions(&runtime, tenant)
        .await
        .into_iter()
        .find(|d| d.record.title == "Minutes of Previous Meeting")
        .unwrap();
    assert_eq!(
        minutes.record.meeting.as_ref().map(|m| m.meeting_id),
        Some(policy.id)
    );
}

async fn a_changed_page_becomes_a_correction_naming_the_changed_fields(postgres: bool) {
    let Some((url, _db)) = database(postgres, "import_changed").await else {
        return;
    };
    let runtime = Runtime::connect(&url, 4).await.unwrap();
    let tenant = council(&runtime, "imported").await;
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("decision.txt");
    let original = std::fs::read_to_string(example_text()).unwrap();
    std::fs::write(&page, &original).unwrap();
    assert_eq!(
        import(&runtime, tenant, std::slice::from_ref(&page))
            .await
            .imported,
        1
    );

    let changed = original
        .replace(
            "Decision status: Recommendations Approved",
            "Decision status: Approved with amendments",
        )
        .replace(
            "an annual review of the rolling 3 year program.",
            "an annual review.",
        );
    std::fs::write(&page, changed).unwrap();
    let report = import(&runtime, tenant, std::slice::from_ref(&page)).await;
    assert_eq!((report.corrected, report.imported), (1, 0), "{report}");
    let found = decisions(&runtime, tenant).await;
    let [decision] = found.as_slice() else {
        panic!("still one decision, not {}", found.len());
    };
    let correction = decision.corrections.last().unwrap();
    assert_eq!(
        correction.reason.as_str(),
        "re-imported from source: fields decision status, purpose changed"
    );
    assert_eq!(
        decision.record.purpose.as_ref().map(|p| p.as_str()),
        Some(
            "The review of the Council's Information Strategy (formally the ICT Strategy), an annual review."
        )
    );
    assert_eq!(decision.sources.len(), 1, "the same page, read again");
    // And the changed page, imported again, is unchanged.
    let again = import(&runtime, tenant, &[page]).await;
    assert_eq!((again.unchanged, again.corrected), (1, 0), "{again}");
}

async fn two_imports_at_once_append_each_record_once(postgres: bool) {
    let Some((url, _db)) = database(postgres, "import_concurrent").await else {
        return;
    };
    let one = Runtime::connect(&url, 4).await.unwrap();
    let other = Runtime::connect(&url, 4).await.unwrap();
    let together = council(&one, "together").await;
    let alone = council(&one, "alone").await;
    let paths = [fixtures()];
    let (a, b) = tokio::join!(
        import(&one, together, &paths),
        import(&other, together, &paths)
    );
    assert_eq!(a.imported + b.imported, 16, "{a}\n{b}");
    let single = import(&one, alone, &paths).await;
    assert_eq!(single.imported, 16);
    // The same events, whoever appended them: the two logs are as long.
    assert_eq!(head(&one, together).await, head(&one, alone).await);
    one.catch_up(together).await.unwrap();
    assert_eq!(decisions(&one, together).await.len(), 7);
}

async fn bad_pages_are_reported_and_the_rest_come_in(postgres: bool) {
    let Some((url, _db)) = database(postgres, "import_bad").await else {
        return;
    };
    let runtime = Runtime::connect(&url, 4).await.unwrap();
    let tenant = council(&runtime, "imported").await;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("binary.html"),
        [0u8, 159, 146, 150, 0, 1, 2],
    )
    .unwrap();
    std::fs::write(
        dir.path().join("no-date.txt"),
        "Decision details\n\nA decision with no date\n\nDecision Maker: Cabinet\n",
    )
    .unwrap();
    std::fs::copy(example_text(), dir.path().join("good.txt")).unwrap();
    std::fs::write(dir.path().join("notes.md"), "not a page").unwrap();
    let report = import(&runtime, tenant, &[dir.path().to_owned()]).await;
    assert!(!report.complete());
    assert_eq!(
        (report.unreadable, report.refused, report.imported),
        (1, 1, 1),
        "{report}"
    );
    let text = report.to_string();
    assert!(
        text.contains("binary.html: not a text or HTML page"),
        "{text}"
    );
    assert!(
        text.contains("no-date.txt: \"A decision with no date\": no date of decision on the page"),
        "{text}"
    );
    assert!(
        !text.contains("notes.md"),
        "a directory walk reads saved pages only"
    );
    assert_eq!(decisions(&runtime, tenant).await.len(), 1);
}

async fn a_cmis_meeting_summary_becomes_a_meeting(postgres: bool) {
    let Some((url, _db)) = database(postgres, "import_cmis").await else {
        return;
    };
    let runtime = Runtime::connect(&url, 4).await.unwrap();
    let tenant = council(&runtime, "imported").await;
    let page = fixtures().join("cmis/birmingham--cmis-meeting-summary--1.html");
    let report = import(&runtime, tenant, &[page]).await;
    assert!(report.complete(), "{report}");
    let found = meetings(&runtime, tenant).await;
    let [meeting] = found.as_slice() else {
        panic!("one meeting, not {}", found.len());
    };
    assert_eq!(
        meeting.record.date,
        chrono::NaiveDate::from_ymd_opt(2026, 8, 3).unwrap()
    );
    assert_eq!(
        meeting.record.start_time,
        chrono::NaiveTime::from_hms_opt(10, 0, 0)
    );
    assert_eq!(
        meeting.record.location.as_ref().map(|l| l.as_str()),
        Some("On-line meeting")
    );
    assert_eq!(meeting.sources.len(), 1);
}

async fn entries(runtime: &Runtime, tenant: TenantId) -> Vec<ForwardPlanView> {
    let page = PageRequest {
        first: 100,
        after: None,
    };
    let from = chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap();
    let found = runtime
        .read_models()
        .forward_plan(tenant, Viewer::Clerk, from, &page)
        .await
        .unwrap();
    found.items.into_iter().map(|(_, view)| view).collect()
}

async fn forward_plan_pages_become_entries_and_a_changed_item_is_corrected_and_rescheduled(
    postgres: bool,
) {
    let Some((url, _db)) = database(postgres, "import_forward_plan").await else {
        return;
    };
    let runtime = Runtime::connect(&url, 4).await.unwrap();
    let tenant = council(&runtime, "imported").await;
    let synthetic = fixtures().join("synthetic");
    let item = synthetic.join("example--forward-plan-item--synthetic-en.html");
    let list = synthetic.join("example--forward-plan-list--synthetic-en.html");
    let report = import(&runtime, tenant, &[item.clone(), list]).await;
    assert!(report.complete(), "{report}");
    assert_eq!(report.imported, 2, "{report}");
    let found = entries(&runtime, tenant).await;
    assert_eq!(found.len(), 2);
    let cycling = found
        .iter()
        .find(|e| e.source.system_id.as_ref().map(|r| r.as_str()) == Some("5120"))
        .unwrap();
    assert_eq!(
        cycling.title.as_str(),
        "Adoption of the Local Cycling and Walking Infrastructure Plan"
    );
    let date = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
    assert_eq!(
        cycling.date_due,
        Some(DateDue::Day {
            date: date(2026, 7, 21)
        })
    );
    assert_eq!(cycling.notice_date, Some(date(2026, 5, 12)));
    assert!(cycling.key_decision);
    assert_eq!(
        cycling.reference.as_ref().map(|r| r.as_str()),
        Some("FP/2026/014")
    );
    assert_eq!(
        cycling.status_label.as_ref().map(|l| l.as_str()),
        Some("For determination")
    );
    assert_eq!(
        cycling.contacts.len(),
        3,
        "lead member, lead officer, contact"
    );
    // Read from the item's page and from the plan: both readings kept.
    assert_eq!(cycling.sources.len(), 2);
    let contract = found
        .iter()
        .find(|e| e.source.system_id.as_ref().map(|r| r.as_str()) == Some("5133"))
        .unwrap();
    assert_eq!(
        contract.date_due,
        Some(DateDue::NotBefore {
            date: date(2026, 9, 1)
        })
    );
    assert_eq!(
        contract.anticipated_restriction.kind,
        AnticipatedRestrictionKind::PartExempt
    );

    // The item's page changes: a new date due and description.
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("item.html");
    let original = std::fs::read_to_string(&item).unwrap();
    let changed = original.replace("21 Jul 2026", "15 Sep 2026").replace(
        "(LCWIP), which sets out",
        "(LCWIP), as revised, which sets out",
    );
    assert_ne!(
        changed, original,
        "the fixture holds the text the test changes"
    );
    std::fs::write(&page, &original).unwrap();
    let first = import(&runtime, tenant, std::slice::from_ref(&page)).await;
    // The page names its own address: a copy saved elsewhere is the same source, unchanged.
    assert_eq!(first.unchanged, 1, "{first}");
    std::fs::write(&page, changed).unwrap();
    let again = import(&runtime, tenant, std::slice::from_ref(&page)).await;
    assert_eq!(again.corrected, 1, "{again}");
    let cycling = entries(&runtime, tenant)
        .await
        .into_iter()
        .find(|e| e.source.system_id.as_ref().map(|r| r.as_str()) == Some("5120"))
        .unwrap();
    assert_eq!(
        cycling.date_due,
        Some(DateDue::Day {
            date: date(2026, 9, 15)
        })
    );
    assert_eq!(cycling.reschedulings.len(), 1);
    assert_eq!(
        cycling.corrections.last().map(|c| c.reason.as_str()),
        Some("re-imported from source: fields description, date due changed")
    );
}

macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$name(false).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                super::$name(true).await;
            }
        }
    )*};
}

on_both_backends!(
    the_example_text_page_becomes_a_published_decision_in_effect,
    importing_the_same_pages_again_appends_nothing,
    a_changed_page_becomes_a_correction_naming_the_changed_fields,
    two_imports_at_once_append_each_record_once,
    bad_pages_are_reported_and_the_rest_come_in,
    a_cmis_meeting_summary_becomes_a_meeting,
    forward_plan_pages_become_entries_and_a_changed_item_is_corrected_and_rescheduled,
);
