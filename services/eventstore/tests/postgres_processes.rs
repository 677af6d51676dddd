//! PostgreSQL-only: several server processes share one tenant's log. Each store instance caches
//! tenant heads; these tests make the caches stale on purpose.

#![allow(clippy::unwrap_used, missing_docs)]

use civic_eventstore::{
    Actor, AppendMetadata, AppendRequest, CanonicalJson, ChainVerifier, EventStore, EventType,
    ExpectedVersion, NewEvent, PgEventStore, StoreError, StreamName, TenantId, migrations,
};
use civic_testkit::TestPostgres;
use uuid::Uuid;

fn request(tenant: TenantId, stream: &str, expected: ExpectedVersion) -> AppendRequest {
    AppendRequest {
        erase: Vec::new(),
        tenant,
        stream: StreamName::parse(stream).unwrap(),
        expected,
        metadata: AppendMetadata {
            actor: Actor::parse("system:test").unwrap(),
            command_id: Uuid::now_v7(),
            causation_id: None,
            correlation_id: Uuid::now_v7(),
            fingerprint: None,
        },
        events: vec![NewEvent::new(
            EventType::parse("SomethingHappened").unwrap(),
            1,
            CanonicalJson::parse("{}").unwrap(),
        )],
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_processes_with_stale_head_caches_still_chain_one_gapless_log() {
    let Some(db) = TestPostgres::fresh("two_processes", &migrations::postgres()).await else {
        return;
    };
    let first = PgEventStore::connect(db.url(), 4).await.unwrap();
    let second = PgEventStore::connect(db.url(), 4).await.unwrap();
    let tenant = TenantId::new();

    // Alternate between the two: each append makes the other's cached head stale.
    for i in 0..20u64 {
        let (store, stream) = if i % 2 == 0 {
            (&first, "decision/even")
        } else {
            (&second, "decision/odd")
        };
        let outcome = store
            .append(request(tenant, stream, ExpectedVersion::MustBe(i / 2)))
            .await
            .unwrap();
        assert_eq!(outcome.committed.first_position, i + 1);
    }

    // A genuine conflict is still a conflict when it is detected on the fast path.
    let error = first
        .append(request(tenant, "decision/even", ExpectedVersion::MustBe(3)))
        .await
        .unwrap_err();
    assert!(matches!(
        error,
        StoreError::Conflict {
            expected: 3,
            actual: 10,
            ..
        }
    ));

    let log = second.read_log(tenant, 0, 100).await.unwrap();
    assert_eq!(log.len(), 20);
    let mut verifier = ChainVerifier::default();
    for event in &log {
        verifier.check(event).unwrap();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_command_replayed_through_another_process_is_not_appended_twice() {
    let Some(db) = TestPostgres::fresh("replay_across_processes", &migrations::postgres()).await
    else {
        return;
    };
    let first = PgEventStore::connect(db.url(), 2).await.unwrap();
    let second = PgEventStore::connect(db.url(), 2).await.unwrap();
    let tenant = TenantId::new();
    first
        .append(request(tenant, "council", ExpectedVersion::Any))
        .await
        .unwrap();
    second
        .append(request(tenant, "council", ExpectedVersion::Any))
        .await
        .unwrap();
    let command = request(tenant, "decision/a", ExpectedVersion::MustBe(0));
    let original = first.append(command.clone()).await.unwrap();
    let replay = second.append(command.clone()).await.unwrap();
    assert!(replay.replayed);
    assert_eq!(replay.committed, original.committed);
    // The first process's cache is current here, so this replay takes the fast path.
    let replay = first.append(command).await.unwrap();
    assert!(replay.replayed);
    assert_eq!(second.head(tenant).await.unwrap().position, 3);
}
