//! The behaviour every event store backend must show, written once against the trait.

use std::collections::BTreeSet;
use std::sync::Arc;

use civic_eventstore::{
    Actor, AppendMetadata, AppendOutcome, AppendRequest, CanonicalJson, ChainVerifier,
    CommandFingerprint, CommandRecord, EventStore, EventType, ExpectedVersion, GENESIS_HASH,
    MAX_BATCH, NewEvent, PersonalValue, RecordedEvent, StoreError, StreamName, TenantId,
};
use serde_json::json;
use tokio::sync::Barrier;
use tokio::task::JoinSet;
use uuid::Uuid;

/// A backend under test: the store plus raw SQL access, to try what the store never does.
pub trait Backend: EventStore + 'static {
    /// Runs one statement directly on the database; `Err` carries the database's message.
    fn execute_raw(&self, sql: &'static str) -> impl Future<Output = Result<u64, String>> + Send;
    /// The statements that turn off the database's append-only guard, as its owner could.
    const DISABLE_GUARD: &'static [&'static str];
}

fn stream(name: &str) -> StreamName {
    StreamName::parse(name).unwrap()
}

fn event(n: usize) -> NewEvent {
    NewEvent::new(
        EventType::parse("SomethingHappened").unwrap(),
        1,
        CanonicalJson::from_value(&json!({"n": n, "text": "Council’s \"note\"\nline two"}))
            .unwrap(),
    )
}

fn request(
    tenant: TenantId,
    name: &str,
    expected: ExpectedVersion,
    events: usize,
) -> AppendRequest {
    AppendRequest {
        erase: Vec::new(),
        tenant,
        stream: stream(name),
        expected,
        metadata: AppendMetadata {
            actor: Actor::parse("user:clerk@example.gov.uk").unwrap(),
            command_id: Uuid::now_v7(),
            causation_id: None,
            correlation_id: Uuid::now_v7(),
            fingerprint: Some(CommandFingerprint::of(name.as_bytes())),
        },
        events: (0..events).map(event).collect(),
    }
}

async fn whole_log<S: EventStore>(store: &S, tenant: TenantId) -> Vec<RecordedEvent> {
    let mut all = Vec::new();
    loop {
        let page = store.read_log(tenant, all.len() as u64, 100).await.unwrap();
        if page.is_empty() {
            return all;
        }
        all.extend(page);
    }
}

/// Checks gapless positions from 1, the hash chain and the head.
async fn assert_log_is_sound<S: EventStore>(store: &S, tenant: TenantId) -> Vec<RecordedEvent> {
    let log = whole_log(store, tenant).await;
    let mut verifier = ChainVerifier::default();
    for event in &log {
        verifier.check(event).unwrap();
        assert_eq!(event.tenant, tenant);
    }
    let head = store.head(tenant).await.unwrap();
    assert_eq!(head.position, log.len() as u64);
    assert_eq!(head.hash, verifier.head().1);
    log
}

pub async fn appends_a_batch_and_reads_it_back_in_order<S: Backend>(store: &S) {
    let tenant = TenantId::new();
    let req = request(tenant, "decision/a", ExpectedVersion::MustBe(0), 3);
    let outcome = store.append(req.clone()).await.unwrap();
    assert!(!outcome.replayed);
    assert_eq!(outcome.committed.first_position, 1);
    assert_eq!(outcome.committed.last_position, 3);
    assert_eq!(outcome.committed.stream_version, 3);

    let log = assert_log_is_sound(store, tenant).await;
    assert_eq!(log.len(), 3);
    for (i, (stored, sent)) in log.iter().zip(&req.events).enumerate() {
        assert_eq!(stored.position, i as u64 + 1);
        assert_eq!(stored.stream_version, i as u64 + 1);
        assert_eq!(stored.event_id, sent.event_id);
        assert_eq!(stored.event_type, sent.event_type);
        assert_eq!(stored.payload, sent.payload);
        assert_eq!(stored.actor, req.metadata.actor);
        assert_eq!(stored.command_id, req.metadata.command_id);
        assert_eq!(stored.correlation_id, req.metadata.correlation_id);
    }
    let by_stream = store.read_stream(tenant, &req.stream, 0).await.unwrap();
    assert_eq!(by_stream, log);
    let tail = store.read_stream(tenant, &req.stream, 2).await.unwrap();
    assert_eq!(tail.len(), 1);
    assert_eq!(tail[0].stream_version, 3);
}

pub async fn an_empty_log_has_the_genesis_head<S: Backend>(store: &S) {
    let head = store.head(TenantId::new()).await.unwrap();
    assert_eq!(head.position, 0);
    assert_eq!(head.hash, GENESIS_HASH);
    assert!(
        store
            .read_log(TenantId::new(), 0, 10)
            .await
            .unwrap()
            .is_empty()
    );
}

pub async fn a_wrong_expected_version_is_a_conflict_and_writes_nothing<S: Backend>(store: &S) {
    let tenant = TenantId::new();
    store
        .append(request(tenant, "decision/a", ExpectedVersion::MustBe(0), 2))
        .await
        .unwrap();
    let before = store.head(tenant).await.unwrap();

    for expected in [0, 1, 3] {
        let error = store
            .append(request(
                tenant,
                "decision/a",
                ExpectedVersion::MustBe(expected),
                1,
            ))
            .await
            .unwrap_err();
        match error {
            StoreError::Conflict {
                stream: s,
                expected: e,
                actual,
            } => {
                assert_eq!(s, stream("decision/a"));
                assert_eq!(e, expected);
                assert_eq!(actual, 2);
            }
            other => panic!("expected a conflict, got {other:?}"),
        }
    }
    assert_eq!(store.head(tenant).await.unwrap(), before);
    assert_eq!(whole_log(store, tenant).await.len(), 2);

    store
        .append(request(tenant, "decision/a", ExpectedVersion::MustBe(2), 1))
        .await
        .unwrap();
    assert_log_is_sound(store, tenant).await;
}

pub async fn any_version_appends_after_whatever_is_there<S: Backend>(store: &S) {
    let tenant = TenantId::new();
    for _ in 0..3 {
        store
            .append(request(tenant, "strategy/s", ExpectedVersion::Any, 2))
            .await
            .unwrap();
    }
    let outcome = store
        .append(request(tenant, "strategy/s", ExpectedVersion::Any, 1))
        .await
        .unwrap();
    assert_eq!(outcome.committed.stream_version, 7);
    assert_eq!(outcome.committed.last_position, 7);
    assert_log_is_sound(store, tenant).await;
}

pub async fn positions_are_gapless_across_the_streams_of_a_tenant<S: Backend>(store: &S) {
    let tenant = TenantId::new();
    let names = ["council", "decision/a", "decision/b", "forward-plan/c"];
    for round in 0..3u64 {
        for name in names {
            store
                .append(request(tenant, name, ExpectedVersion::MustBe(round), 1))
                .await
                .unwrap();
        }
    }
    let log = assert_log_is_sound(store, tenant).await;
    assert_eq!(log.len(), 12);
    for name in names {
        let versions: Vec<u64> = store
            .read_stream(tenant, &stream(name), 0)
            .await
            .unwrap()
            .iter()
            .map(|e| e.stream_version)
            .collect();
        assert_eq!(versions, vec![1, 2, 3]);
    }
}

pub async fn replaying_a_command_returns_the_original_result_and_appends_nothing<S: Backend>(
    store: &S,
) {
    let tenant = TenantId::new();
    let first = request(tenant, "decision/a", ExpectedVersion::MustBe(0), 2);
    let original = store.append(first.clone()).await.unwrap();
    store
        .append(request(tenant, "decision/b", ExpectedVersion::MustBe(0), 1))
        .await
        .unwrap();

    // The same command again, even with a now-stale expected version and fresh event ids.
    let mut again = first.clone();
    again.events = vec![event(9)];
    let replayed = store.append(again).await.unwrap();
    assert_eq!(
        replayed,
        AppendOutcome {
            committed: original.committed.clone(),
            replayed: true
        }
    );
    assert_eq!(whole_log(store, tenant).await.len(), 3);
    assert_eq!(
        store
            .find_command(tenant, first.metadata.command_id)
            .await
            .unwrap(),
        Some(CommandRecord {
            committed: original.committed,
            fingerprint: first.metadata.fingerprint.clone(),
        })
    );
    assert_eq!(
        store.find_command(tenant, Uuid::now_v7()).await.unwrap(),
        None
    );
}

/// Events recorded before migration 0009 carry no event count (`command_events` is NULL) and are
/// found through the older command index: their commands are still found, replayed and refused.
pub async fn a_command_recorded_before_the_command_key_is_still_replayed<S: Backend>(store: &S) {
    let (original_tenant, tenant) = (TenantId::new(), TenantId::new());
    let mut first = request(original_tenant, "decision/a", ExpectedVersion::MustBe(0), 2);
    store.append(first.clone()).await.unwrap();
    // The same two events as an older store wrote them, in a tenant of their own.
    let copy = format!(
        "INSERT INTO events (tenant_id, position, event_id, stream_id, stream_version, \
         event_type, schema_version, actor, command_id, causation_id, correlation_id, \
         recorded_at, payload, hash, command_fingerprint) SELECT '{tenant}', position, \
         event_id, stream_id, stream_version, event_type, schema_version, actor, command_id, \
         causation_id, correlation_id, recorded_at, payload, hash, command_fingerprint \
         FROM events WHERE tenant_id = '{original_tenant}'"
    );
    tamper(store, copy).await;
    first.tenant = tenant;
    let record = store
        .find_command(tenant, first.metadata.command_id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (
            record.committed.first_position,
            record.committed.last_position,
            record.committed.stream_version
        ),
        (1, 2, 2)
    );
    let replayed = store.append(first.clone()).await.unwrap();
    assert!(replayed.replayed);
    assert_eq!(replayed.committed, record.committed);
    let mut other = request(tenant, "decision/b", ExpectedVersion::MustBe(0), 1);
    other.metadata.command_id = first.metadata.command_id;
    assert!(matches!(
        store.append(other).await.unwrap_err(),
        StoreError::CommandIdReused { .. }
    ));
    assert_eq!(whole_log(store, tenant).await.len(), 2);
}

pub async fn a_command_id_names_one_stream_only<S: Backend>(store: &S) {
    let tenant = TenantId::new();
    let first = request(tenant, "decision/a", ExpectedVersion::MustBe(0), 1);
    store.append(first.clone()).await.unwrap();
    let mut other = request(tenant, "decision/b", ExpectedVersion::MustBe(0), 1);
    other.metadata.command_id = first.metadata.command_id;
    let error = store.append(other).await.unwrap_err();
    assert!(
        matches!(error, StoreError::CommandIdReused { original_stream, .. } if original_stream == stream("decision/a"))
    );
    assert_eq!(whole_log(store, tenant).await.len(), 1);
}

pub async fn a_command_id_reused_for_another_command_on_its_stream_is_refused<S: Backend>(
    store: &S,
) {
    let tenant = TenantId::new();
    let first = request(tenant, "decision/a", ExpectedVersion::Any, 1);
    store.append(first.clone()).await.unwrap();
    let mut other_input = request(tenant, "decision/a", ExpectedVersion::Any, 1);
    other_input.metadata.command_id = first.metadata.command_id;
    other_input.metadata.fingerprint = Some(CommandFingerprint::of(b"something else"));
    let error = store.append(other_input).await.unwrap_err();
    assert!(
        matches!(error, StoreError::CommandIdReused { original_stream, .. } if original_stream == stream("decision/a"))
    );
    // Without a fingerprint to compare (a raw append), the stream alone decides: a retry.
    let mut unfingerprinted = first.clone();
    unfingerprinted.metadata.fingerprint = None;
    assert!(store.append(unfingerprinted).await.unwrap().replayed);
    assert_eq!(whole_log(store, tenant).await.len(), 1);
}

pub async fn a_command_id_is_scoped_to_its_tenant<S: Backend>(store: &S) {
    let (a, b) = (TenantId::new(), TenantId::new());
    let first = request(a, "decision/a", ExpectedVersion::MustBe(0), 1);
    store.append(first.clone()).await.unwrap();
    let mut same_id = request(b, "decision/a", ExpectedVersion::MustBe(0), 1);
    same_id.metadata.command_id = first.metadata.command_id;
    let outcome = store.append(same_id).await.unwrap();
    assert!(!outcome.replayed);
}

pub async fn tenants_have_separate_logs_and_chains<S: Backend>(store: &S) {
    let (a, b) = (TenantId::new(), TenantId::new());
    store
        .append(request(a, "council", ExpectedVersion::MustBe(0), 2))
        .await
        .unwrap();
    let outcome = store
        .append(request(b, "council", ExpectedVersion::MustBe(0), 1))
        .await
        .unwrap();
    assert_eq!(outcome.committed.first_position, 1);
    let log_a = assert_log_is_sound(store, a).await;
    let log_b = assert_log_is_sound(store, b).await;
    assert_eq!((log_a.len(), log_b.len()), (2, 1));
    // Another council's event spliced into a log is caught even where the position fits.
    let mut verifier = ChainVerifier::default();
    verifier.check(&log_a[0]).unwrap();
    let mut spliced = log_b[0].clone();
    spliced.position = 2;
    assert!(matches!(
        verifier.check(&spliced),
        Err(civic_eventstore::ChainBreak::ForeignEvent { position: 2, .. })
    ));
    let tenants = store.tenants().await.unwrap();
    assert!(tenants.contains(&a) && tenants.contains(&b));
    assert!(tenants.windows(2).all(|w| w[0] < w[1]));
}

pub async fn reading_the_log_pages_by_position<S: Backend>(store: &S) {
    let tenant = TenantId::new();
    store
        .append(request(tenant, "decision/a", ExpectedVersion::Any, 10))
        .await
        .unwrap();
    let page = store.read_log(tenant, 3, 4).await.unwrap();
    let positions: Vec<u64> = page.iter().map(|e| e.position).collect();
    assert_eq!(positions, vec![4, 5, 6, 7]);
    assert!(store.read_log(tenant, 10, 4).await.unwrap().is_empty());
}

pub async fn bad_batches_are_refused_and_write_nothing<S: Backend>(store: &S) {
    let tenant = TenantId::new();
    let empty = request(tenant, "decision/a", ExpectedVersion::Any, 0);
    assert!(matches!(
        store.append(empty).await,
        Err(StoreError::InvalidInput(_))
    ));
    let too_big = request(tenant, "decision/a", ExpectedVersion::Any, MAX_BATCH + 1);
    assert!(matches!(
        store.append(too_big).await,
        Err(StoreError::InvalidInput(_))
    ));
    let mut duplicate_ids = request(tenant, "decision/a", ExpectedVersion::Any, 2);
    duplicate_ids.events[1].event_id = duplicate_ids.events[0].event_id;
    assert!(matches!(
        store.append(duplicate_ids).await,
        Err(StoreError::InvalidInput(_))
    ));
    let mut version_zero = request(tenant, "decision/a", ExpectedVersion::Any, 1);
    version_zero.events[0].schema_version = 0;
    assert!(matches!(
        store.append(version_zero).await,
        Err(StoreError::InvalidInput(_))
    ));
    assert_eq!(store.head(tenant).await.unwrap().position, 0);
}

pub async fn a_full_batch_is_appended_atomically<S: Backend>(store: &S) {
    let tenant = TenantId::new();
    let outcome = store
        .append(request(
            tenant,
            "import/x",
            ExpectedVersion::MustBe(0),
            MAX_BATCH,
        ))
        .await
        .unwrap();
    assert_eq!(outcome.committed.last_position, MAX_BATCH as u64);
    assert_eq!(assert_log_is_sound(store, tenant).await.len(), MAX_BATCH);
}

pub async fn the_database_refuses_to_update_or_delete_events<S: Backend>(store: &S) {
    let tenant = TenantId::new();
    store
        .append(request(tenant, "decision/a", ExpectedVersion::Any, 2))
        .await
        .unwrap();
    for sql in [
        "UPDATE events SET actor = 'someone else'",
        "DELETE FROM events",
    ] {
        let error = store.execute_raw(sql).await.unwrap_err();
        assert!(error.contains("append-only"), "{sql}: {error}");
    }
    assert_eq!(assert_log_is_sound(store, tenant).await.len(), 2);
}

/// 32 writers race on one stream: exactly one wins each version, with no gap and no duplicate.
pub async fn racing_writers_on_one_stream_get_exactly_one_winner_per_version<S: Backend>(
    store: Arc<S>,
) {
    const WRITERS: usize = 32;
    const WINS_EACH: usize = 3;
    let tenant = TenantId::new();

    // First, a single simultaneous round: all 32 try to create the stream.
    let barrier = Arc::new(Barrier::new(WRITERS));
    let mut tasks = JoinSet::new();
    for _ in 0..WRITERS {
        let (store, barrier) = (store.clone(), barrier.clone());
        tasks.spawn(async move {
            barrier.wait().await;
            store
                .append(request(
                    tenant,
                    "decision/race",
                    ExpectedVersion::MustBe(0),
                    1,
                ))
                .await
        });
    }
    let mut winners = 0;
    while let Some(result) = tasks.join_next().await {
        match result.unwrap() {
            Ok(outcome) => {
                assert_eq!(outcome.committed.stream_version, 1);
                winners += 1;
            }
            Err(StoreError::Conflict { actual: 1, .. }) => {}
            Err(other) => panic!("unexpected error {other:?}"),
        }
    }
    assert_eq!(winners, 1);

    // Then every writer keeps trying until it has won WINS_EACH versions.
    let mut tasks = JoinSet::new();
    for _ in 0..WRITERS {
        let store = store.clone();
        tasks.spawn(async move {
            let mut won = Vec::new();
            while won.len() < WINS_EACH {
                let version = store
                    .read_stream(tenant, &stream("decision/race"), 0)
                    .await
                    .unwrap()
                    .len() as u64;
                match store
                    .append(request(
                        tenant,
                        "decision/race",
                        ExpectedVersion::MustBe(version),
                        1,
                    ))
                    .await
                {
                    Ok(outcome) => won.push(outcome.committed.stream_version),
                    Err(StoreError::Conflict { .. }) => tokio::task::yield_now().await,
                    Err(other) => panic!("unexpected error {other:?}"),
                }
            }
            won
        });
    }
    let mut versions = BTreeSet::new();
    while let Some(result) = tasks.join_next().await {
        for version in result.unwrap() {
            assert!(versions.insert(version), "version {version} won twice");
        }
    }
    let total = (WRITERS * WINS_EACH + 1) as u64;
    assert_eq!(versions, (2..=total).collect());
    let log = assert_log_is_sound(&*store, tenant).await;
    assert_eq!(log.len() as u64, total);
    let stream_versions: Vec<u64> = log.iter().map(|e| e.stream_version).collect();
    assert_eq!(stream_versions, (1..=total).collect::<Vec<_>>());
}

/// Many tenants written in parallel, several writers each: every log stays gapless and chained.
pub async fn many_tenants_append_in_parallel<S: Backend>(store: Arc<S>) {
    const TENANTS: usize = 12;
    const WRITERS_PER_TENANT: usize = 4;
    const APPENDS_EACH: usize = 10;
    let tenants: Vec<TenantId> = (0..TENANTS).map(|_| TenantId::new()).collect();
    let mut tasks = JoinSet::new();
    for &tenant in &tenants {
        for writer in 0..WRITERS_PER_TENANT {
            let store = store.clone();
            tasks.spawn(async move {
                for i in 0..APPENDS_EACH {
                    // Alternate a shared stream (Any) and the writer's own (exact versions).
                    let result = if i % 2 == 0 {
                        store
                            .append(request(tenant, "council", ExpectedVersion::Any, 1))
                            .await
                    } else {
                        let own = format!("decision/{writer}");
                        store
                            .append(request(
                                tenant,
                                &own,
                                ExpectedVersion::MustBe((i / 2 * 2) as u64),
                                2,
                            ))
                            .await
                    };
                    result.unwrap();
                }
            });
        }
    }
    while let Some(result) = tasks.join_next().await {
        result.unwrap();
    }
    let per_tenant = WRITERS_PER_TENANT * (APPENDS_EACH / 2) * 3;
    for tenant in tenants {
        let log = assert_log_is_sound(&*store, tenant).await;
        assert_eq!(log.len(), per_tenant);
    }
}

/// The same command sent by several clients at once is appended exactly once.
pub async fn concurrent_replays_of_one_command_append_once<S: Backend>(store: Arc<S>) {
    let tenant = TenantId::new();
    store
        .append(request(tenant, "council", ExpectedVersion::Any, 1))
        .await
        .unwrap();
    let command = request(tenant, "decision/a", ExpectedVersion::MustBe(0), 2);
    let barrier = Arc::new(Barrier::new(8));
    let mut tasks = JoinSet::new();
    for _ in 0..8 {
        let (store, barrier, command) = (store.clone(), barrier.clone(), command.clone());
        tasks.spawn(async move {
            barrier.wait().await;
            store.append(command).await.unwrap()
        });
    }
    let mut fresh = 0;
    let mut results = BTreeSet::new();
    while let Some(result) = tasks.join_next().await {
        let outcome = result.unwrap();
        fresh += usize::from(!outcome.replayed);
        results.insert(outcome.committed.last_position);
    }
    assert_eq!(fresh, 1);
    assert_eq!(results.len(), 1);
    assert_eq!(assert_log_is_sound(&*store, tenant).await.len(), 3);
}

/// The bigserial trap: a reader that has seen position N must never later find a smaller
/// position appear. Readers poll while writers append; every page continues where the last ended.
pub async fn a_reader_never_sees_a_position_appear_behind_it<S: Backend>(store: Arc<S>) {
    const WRITERS: usize = 8;
    const APPENDS_EACH: usize = 15;
    let tenant = TenantId::new();
    let mut writers = JoinSet::new();
    for writer in 0..WRITERS {
        let store = store.clone();
        writers.spawn(async move {
            for _ in 0..APPENDS_EACH {
                let name = format!("decision/{writer}");
                store
                    .append(request(tenant, &name, ExpectedVersion::Any, 1))
                    .await
                    .unwrap();
            }
        });
    }
    let total = (WRITERS * APPENDS_EACH) as u64;
    let reader = {
        let store = store.clone();
        tokio::spawn(async move {
            let mut seen = 0u64;
            let mut polls = 0u64;
            while seen < total {
                let page = store.read_log(tenant, seen, 1000).await.unwrap();
                for event in page {
                    assert_eq!(
                        event.position,
                        seen + 1,
                        "a position appeared behind a reader"
                    );
                    seen = event.position;
                }
                polls += 1;
                tokio::task::yield_now().await;
            }
            // Every event the reader saw stays exactly where it was.
            polls
        })
    };
    while let Some(result) = writers.join_next().await {
        result.unwrap();
    }
    assert!(reader.await.unwrap() > 0);
    assert_eq!(
        assert_log_is_sound(&*store, tenant).await.len() as u64,
        total
    );
}

/// Runs `sql` (made for one test) directly on the database.
async fn tamper<S: Backend>(store: &S, sql: String) {
    store
        .execute_raw(Box::leak(sql.into_boxed_str()))
        .await
        .unwrap();
}

/// As the database's owner with the append-only guard off: an event edited, one deleted, two
/// swapped, one forged onto the end, and the last removed. `verify_log` locates each at its
/// position; the removal leaves a valid, shorter chain whose Merkle tree no longer reaches the
/// size of a checkpoint kept before it.
pub async fn every_tampering_of_the_log_is_found_and_located<S: Backend>(store: &S) {
    use civic_eventstore::export::verify_log;
    use civic_eventstore::merkle;
    for sql in S::DISABLE_GUARD {
        store.execute_raw(sql).await.unwrap();
    }
    let tampered = |tenant: TenantId, sql: &str| sql.replace("$T", &format!("'{tenant}'"));
    let cases = [
        (
            "edit",
            "UPDATE events SET actor = 'user:mallory' WHERE tenant_id = $T AND position = 3",
            3,
        ),
        (
            "delete",
            "DELETE FROM events WHERE tenant_id = $T AND position = 3",
            3,
        ),
        (
            "reorder",
            "UPDATE events SET payload = CASE position WHEN 2 THEN (SELECT payload FROM events \
             WHERE tenant_id = $T AND position = 3) ELSE (SELECT payload FROM events WHERE \
             tenant_id = $T AND position = 2) END WHERE tenant_id = $T AND position IN (2, 3)",
            2,
        ),
        (
            "insert",
            "INSERT INTO events (tenant_id, position, event_id, stream_id, stream_version, \
             event_type, schema_version, actor, command_id, causation_id, correlation_id, \
             recorded_at, payload, hash) SELECT tenant_id, 6, event_id, stream_id, 6, \
             event_type, schema_version, actor, command_id, causation_id, correlation_id, \
             recorded_at, payload, hash FROM events WHERE tenant_id = $T AND position = 5",
            6,
        ),
    ];
    for (what, sql, position) in cases {
        let tenant = TenantId::new();
        store
            .append(request(tenant, "decision/a", ExpectedVersion::Any, 5))
            .await
            .unwrap();
        assert!(verify_log(store, tenant).await.unwrap().is_ok());
        tamper(store, tampered(tenant, sql)).await;
        let broken = verify_log(store, tenant).await.unwrap().unwrap_err();
        let text = broken.to_string();
        assert!(
            text.contains(&format!("position {position}"))
                || text.contains(&format!("found {}", position + 1)),
            "{what}: {text}"
        );
    }
    // Truncated at the end: a valid chain, but the checkpoint kept before no longer fits.
    let tenant = TenantId::new();
    store
        .append(request(tenant, "decision/a", ExpectedVersion::Any, 5))
        .await
        .unwrap();
    let before = verify_log(store, tenant).await.unwrap().unwrap();
    let kept = (before.size, merkle::root(&before.leaves));
    tamper(
        store,
        tampered(
            tenant,
            "DELETE FROM events WHERE tenant_id = $T AND position = 5",
        ),
    )
    .await;
    let after = verify_log(store, tenant).await.unwrap().unwrap();
    assert_eq!(after.size, 4);
    assert!(after.size < kept.0);
    assert_ne!(merkle::root(&after.leaves), kept.1);
}

/// An event with one personal value sealed in its payload, as the application layer writes it.
fn event_with_personal(value: &str) -> (NewEvent, PersonalValue) {
    let sealed = PersonalValue::seal(&json!(value)).unwrap();
    let payload = json!({"contact": {"email": sealed.commitment.sealed()}});
    let mut event = NewEvent::new(
        EventType::parse("SomethingHappened").unwrap(),
        1,
        CanonicalJson::from_value(&payload).unwrap(),
    );
    event.personal = vec![sealed.clone()];
    (event, sealed)
}

pub async fn personal_values_are_kept_beside_the_log_and_erased_only_with_an_append<S: Backend>(
    store: &S,
) {
    let tenant = TenantId::new();
    let other = TenantId::new();
    let (event, sealed) = event_with_personal("jo.bloggs@example.gov.uk");
    let mut first = request(tenant, "decision/a", ExpectedVersion::MustBe(0), 1);
    first.events = vec![event];
    store.append(first).await.unwrap();

    // The log holds the commitment only; the value comes back beside it.
    let recorded = whole_log(store, tenant).await.remove(0);
    assert!(!recorded.payload.as_str().contains("jo.bloggs"));
    assert_eq!(
        recorded.disclosed.unseal(recorded.payload.to_value()),
        json!({"contact": {"email": "jo.bloggs@example.gov.uk"}})
    );
    let found = store.find_personal(tenant, "JO.BLOGGS@").await.unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].commitment, sealed.commitment);
    assert_eq!(
        (found[0].position, found[0].stream.as_str()),
        (1, "decision/a")
    );
    assert_eq!(store.find_personal(other, "jo.bloggs").await.unwrap(), []);
    assert_eq!(store.find_personal(tenant, "%").await.unwrap(), []);
    assert_eq!(
        store.personal_values(tenant).await.unwrap(),
        [(1, sealed.clone())]
    );

    // An erasure whose append is refused erases nothing.
    let mut refused = request(tenant, "council", ExpectedVersion::MustBe(7), 1);
    refused.erase = vec![sealed.commitment.clone()];
    assert!(store.append(refused).await.is_err());
    assert_eq!(store.personal_values(tenant).await.unwrap().len(), 1);

    // Another tenant's erasure cannot reach it.
    let mut elsewhere = request(other, "council", ExpectedVersion::Any, 1);
    elsewhere.erase = vec![sealed.commitment.clone()];
    store.append(elsewhere).await.unwrap();
    assert_eq!(store.personal_values(tenant).await.unwrap().len(), 1);

    // The erasure's append deletes it; the log is as it was, plus the erasure.
    let mut erasure = request(tenant, "council", ExpectedVersion::Any, 1);
    erasure.erase = vec![sealed.commitment.clone()];
    store.append(erasure).await.unwrap();
    assert_eq!(store.personal_values(tenant).await.unwrap(), []);
    let log = assert_log_is_sound(store, tenant).await;
    assert_eq!(log.len(), 2);
    assert_eq!(log[0].payload, recorded.payload);
    assert_eq!(log[0].hash, recorded.hash);
    assert_eq!(
        log[0].disclosed.unseal(log[0].payload.to_value()),
        json!({"contact": {"email": null}})
    );
    store.reclaim_deleted(&["personal_values"]).await.unwrap();
}
