#![allow(clippy::unwrap_used, missing_docs)]
//! Erasure of personal data on both backends: the demo decision's contact email is held beside
//! the log, never in it; erasing it deletes it for good (from the database's files, the read
//! models and every later export) while every earlier leaf, root and the hash chain still
//! verify, and the erasure itself is on the record.

use civic_domain::example::ExampleIds;
use civic_domain::values::Reason;
use civic_eventstore::export::{export_line, for_each_event, leaves, verify_log};
use civic_eventstore::{Actor, EventStore as _, TenantId};
use civic_projections::Viewer;
use civic_runtime::{Envelope, Runtime, RuntimeError};
use civic_testkit::TestDatabase;
use sqlx::Connection as _;
use uuid::Uuid;

/// The demo decision's contact email, lower-cased: every search below ignores case.
const EMAIL: &str = "paultaylor@maidstone.gov.uk";

/// Erases `needle` from `tenant`'s records as a data protection officer, for `reason`.
async fn erase(
    runtime: &Runtime,
    tenant: TenantId,
    needle: &str,
    reason: &str,
) -> Result<civic_app::Erasure, RuntimeError> {
    let dpo = Actor::parse("user:data-protection-officer").unwrap();
    runtime
        .erase_personal_data(
            &Envelope::new(tenant, dpo, Uuid::now_v7()),
            needle,
            Reason::parse(reason).unwrap(),
        )
        .await
}

async fn export(runtime: &Runtime, tenant: TenantId) -> String {
    let mut lines = String::new();
    for_each_event(runtime.store(), tenant, |event| {
        lines.push_str(&export_line(event)?);
        lines.push('\n');
        Ok(())
    })
    .await
    .unwrap();
    lines.to_lowercase()
}

/// Every byte the database keeps: each table's rows as text on PostgreSQL, the database file
/// and its write-ahead log on SQLite; lower-cased.
async fn everything_stored(db: &TestDatabase, url: &str) -> String {
    match db {
        TestDatabase::Postgres(_) => {
            let mut conn = sqlx::PgConnection::connect(url).await.unwrap();
            let tables: Vec<String> = sqlx::query_scalar(
                "SELECT table_name::text FROM information_schema.tables \
                 WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
            )
            .fetch_all(&mut conn)
            .await
            .unwrap();
            let mut all = String::new();
            for table in tables {
                let sql =
                    format!("SELECT coalesce(string_agg(t::text, ' '), '') FROM \"{table}\" t");
                let rows: String = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
                    .fetch_one(&mut conn)
                    .await
                    .unwrap();
                all.push_str(&rows);
            }
            all.to_lowercase()
        }
        TestDatabase::Sqlite(file) => {
            let mut bytes = std::fs::read(file.path()).unwrap();
            if let Ok(wal) = std::fs::read(file.path().with_extension("db-wal")) {
                bytes.extend(wal);
            }
            String::from_utf8_lossy(&bytes).to_lowercase()
        }
    }
}

async fn an_erasure_removes_the_values_for_good_and_every_proof_still_holds(postgres: bool) {
    let Some((url, db)) = TestDatabase::fresh(
        postgres,
        "erasure",
        &civic_eventstore::migrations::postgres(),
    )
    .await
    else {
        return;
    };
    let runtime = Runtime::connect(&url, 4).await.unwrap();
    let tenant = runtime.ensure_demo().await.unwrap().tenant();
    let decision = ExampleIds::derived_from(tenant.as_uuid()).decision;
    let store = runtime.store();

    // The log commits to the contact details; the values are only beside it.
    assert!(!export(&runtime, tenant).await.contains(EMAIL));
    assert!(everything_stored(&db, &url).await.contains(EMAIL));
    let view = runtime
        .read_models()
        .decision(tenant, Viewer::Clerk, decision)
        .await
        .unwrap()
        .unwrap();
    let contact = view.record.contact.unwrap();
    assert_eq!(
        contact.email.unwrap().as_str(),
        "Paultaylor@maidstone.gov.uk"
    );
    let held = store.personal_values(tenant).await.unwrap();
    assert!(held.iter().all(|(_, value)| value.matches()));
    let before = leaves(store, tenant).await.unwrap();

    let erasure = erase(
        &runtime,
        tenant,
        "PaulTaylor@Maidstone.gov.uk",
        "Erasure request DP-2026-114 (UK GDPR art. 17)",
    )
    .await
    .unwrap();
    // The email itself and the contact text that quotes it.
    assert_eq!(erasure.values, 2);
    assert_eq!(erasure.records, [format!("decision/{decision}")]);

    // Every earlier leaf is unchanged, the chain verifies, and the erasure is its last event.
    let verified = verify_log(store, tenant).await.unwrap().unwrap();
    assert_eq!(verified.leaves.len(), before.len() + 1);
    assert_eq!(verified.leaves[..before.len()], before[..]);
    let last = store
        .read_log(tenant, verified.size - 1, 1)
        .await
        .unwrap()
        .remove(0);
    assert_eq!(last.event_type.as_str(), "PersonalDataErased");
    assert_eq!(last.actor.as_str(), "user:data-protection-officer");
    assert!(last.payload.as_str().contains("DP-2026-114"));

    // The record reads without the values; what did not match (the telephone) stays.
    let view = runtime
        .read_models()
        .decision(tenant, Viewer::Clerk, decision)
        .await
        .unwrap()
        .unwrap();
    let contact = view.record.contact.unwrap();
    assert_eq!(contact.email, None);
    assert_eq!(contact.as_given, None);
    assert_eq!(contact.phone.unwrap().as_str(), "01622 602068");

    // Nothing of the values is left: not in the database, not in an export.
    assert!(!everything_stored(&db, &url).await.contains(EMAIL));
    assert!(!export(&runtime, tenant).await.contains(EMAIL));
    assert_eq!(store.find_personal(tenant, EMAIL).await.unwrap(), []);

    // A forward-plan entry's contact: only the matching value goes; its role and phone stay.
    let entries = civic_domain::example_plans::PlanIds::derived_from(tenant.as_uuid()).entries;
    let lead_officer = || async {
        for id in entries {
            let view = runtime
                .read_models()
                .forward_plan_entry(tenant, Viewer::Public, id)
                .await
                .unwrap()
                .unwrap();
            if let Some(contact) = view.contacts.into_iter().find(|c| {
                c.phone
                    .as_ref()
                    .is_some_and(|p| p.as_str() == "01622 602000")
            }) {
                return contact;
            }
        }
        panic!("no entry has the customer services contact");
    };
    assert!(lead_officer().await.email.is_some());
    let erasure = erase(
        &runtime,
        tenant,
        "customerservices@",
        "Erasure request DP-2026-116",
    )
    .await
    .unwrap();
    assert_eq!(erasure.values, 1);
    let contact = lead_officer().await;
    assert_eq!(contact.email, None);
    assert_eq!(contact.role.unwrap().as_str(), "Lead officer");
    assert!(
        !everything_stored(&db, &url)
            .await
            .contains("customerservices@")
    );

    // A second request finds nothing to erase, and records nothing.
    let head = store.head(tenant).await.unwrap().position;
    let again = erase(&runtime, tenant, EMAIL, "Repeated request").await;
    assert!(matches!(again, Err(RuntimeError::Command(_))), "{again:?}");
    assert_eq!(store.head(tenant).await.unwrap().position, head);
}

mod an_erasure_removes_the_values_for_good_and_every_proof_still_holds {
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        super::an_erasure_removes_the_values_for_good_and_every_proof_still_holds(false).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        super::an_erasure_removes_the_values_for_good_and_every_proof_still_holds(true).await;
    }
}

/// A stream kept decoded by one process is never served stale: another process's erasure on the
/// same database is seen on the next read.
async fn kept_streams_follow_erasures_made_elsewhere(postgres: bool) {
    let Some((url, _db)) = TestDatabase::fresh(
        postgres,
        "erasure_elsewhere",
        &civic_eventstore::migrations::postgres(),
    )
    .await
    else {
        return;
    };
    let reader = Runtime::connect(&url, 4).await.unwrap();
    let writer = Runtime::connect(&url, 4).await.unwrap();
    let tenant = writer.ensure_demo().await.unwrap().tenant();
    let decision =
        civic_domain::StreamId::decision(ExampleIds::derived_from(tenant.as_uuid()).decision);
    let email = |records: &civic_runtime::Records| {
        let events: Vec<_> = records.iter().map(|(_, e)| e.clone()).collect();
        civic_domain::Decision::from_history(&events)
            .and_then(|d| d.details().contact.clone())
            .and_then(|c| c.email)
            .map(|e| e.as_str().to_owned())
    };
    let first = reader.recorded_stream(tenant, &decision).await.unwrap();
    assert_eq!(
        email(&first).as_deref(),
        Some("Paultaylor@maidstone.gov.uk")
    );
    let again = reader.recorded_stream(tenant, &decision).await.unwrap();
    assert!(
        std::sync::Arc::ptr_eq(&first, &again),
        "kept, not read again"
    );

    erase(&writer, tenant, EMAIL, "Erasure request DP-2026-115")
        .await
        .unwrap();
    let after = reader.recorded_stream(tenant, &decision).await.unwrap();
    assert_eq!(after.len(), first.len());
    assert_eq!(email(&after), None);
}

mod kept_streams_follow_erasures_made_elsewhere {
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        super::kept_streams_follow_erasures_made_elsewhere(false).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        super::kept_streams_follow_erasures_made_elsewhere(true).await;
    }
}
