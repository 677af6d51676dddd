//! PostgreSQL-only: the store's connections act as `civic_app`, which may read and append events
//! but cannot change or remove them, nor take away the triggers that refuse it to everyone else
//! (`migrations/postgres/0004_application_role.sql`, `docs/security.md`).

#![allow(clippy::unwrap_used, missing_docs)]

use civic_eventstore::postgres::APPLICATION_ROLE;
use civic_eventstore::{
    Actor, AppendMetadata, AppendRequest, CanonicalJson, ChainVerifier, EventStore, EventType,
    ExpectedVersion, NewEvent, PgEventStore, StreamName, TenantId, migrations,
};
use civic_testkit::TestPostgres;
use uuid::Uuid;

fn request(tenant: TenantId) -> AppendRequest {
    AppendRequest {
        erase: Vec::new(),
        tenant,
        stream: StreamName::parse("decision/a").unwrap(),
        expected: ExpectedVersion::Any,
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

async fn store(test: &str) -> Option<(PgEventStore, TestPostgres)> {
    let db = TestPostgres::fresh(test, &migrations::postgres()).await?;
    let store = PgEventStore::connect(db.url(), 2).await.unwrap();
    Some((store, db))
}

#[tokio::test]
async fn the_application_role_cannot_change_remove_or_unguard_the_log() {
    let Some((store, _db)) = store("roles_guard").await else {
        return;
    };
    let tenant = TenantId::new();
    for _ in 0..2 {
        store.append(request(tenant)).await.unwrap();
    }
    let mut conn = store.pool().acquire().await.unwrap();
    let acting_as: String = sqlx::query_scalar("SELECT CAST(current_user AS TEXT)")
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    assert_eq!(acting_as, APPLICATION_ROLE);

    for sql in [
        "ALTER TABLE events DISABLE TRIGGER ALL",
        "ALTER TABLE events DISABLE TRIGGER events_append_only",
        "DROP TRIGGER events_append_only ON events",
        "DROP TRIGGER events_no_truncate ON events",
        "DROP FUNCTION civic_refuse_change() CASCADE",
        "CREATE OR REPLACE FUNCTION civic_refuse_change() RETURNS trigger LANGUAGE plpgsql \
         AS $$ BEGIN RETURN OLD; END $$",
        "TRUNCATE events",
        "DELETE FROM events",
        "UPDATE events SET actor = 'someone else'",
        "DROP TABLE events",
        "ALTER TABLE events RENAME TO old_events",
        "ALTER TABLE events OWNER TO civic_app",
        "SET session_replication_role = replica",
    ] {
        let refused = sqlx::query(sql).execute(&mut *conn).await;
        assert!(refused.is_err(), "{sql} was allowed");
    }
    // Granting itself more is not an error in PostgreSQL (a warning), but grants nothing.
    let _ = sqlx::query("GRANT UPDATE, DELETE ON events TO civic_app")
        .execute(&mut *conn)
        .await;
    let may_change: bool = sqlx::query_scalar(
        "SELECT has_table_privilege('events', 'UPDATE') OR has_table_privilege('events', 'DELETE')",
    )
    .fetch_one(&mut *conn)
    .await
    .unwrap();
    assert!(!may_change);
    drop(conn);

    // The log is untouched and still takes appends.
    store.append(request(tenant)).await.unwrap();
    let log = store.read_log(tenant, 0, 10).await.unwrap();
    assert_eq!(log.len(), 3);
    let mut verifier = ChainVerifier::default();
    for event in &log {
        verifier.check(event).unwrap();
    }
}

#[tokio::test]
async fn the_application_role_owns_nothing_and_may_only_read_and_append_events() {
    let Some((store, _db)) = store("roles_privileges").await else {
        return;
    };
    let owned: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner \
         WHERE r.rolname = $1",
    )
    .bind(APPLICATION_ROLE)
    .fetch_one(store.pool())
    .await
    .unwrap();
    assert_eq!(owned, 0, "civic_app owns a table, index or sequence");
    let (superuser, bypasses_rls, logs_in): (bool, bool, bool) = sqlx::query_as(
        "SELECT rolsuper, rolbypassrls, rolcanlogin FROM pg_roles WHERE rolname = $1",
    )
    .bind(APPLICATION_ROLE)
    .fetch_one(store.pool())
    .await
    .unwrap();
    assert!(!superuser && !bypasses_rls && !logs_in);
    for (privilege, expected) in [
        ("SELECT", true),
        ("INSERT", true),
        ("UPDATE", false),
        ("DELETE", false),
        ("TRUNCATE", false),
        ("TRIGGER", false),
        ("REFERENCES", false),
    ] {
        let granted: bool = sqlx::query_scalar("SELECT has_table_privilege($1, 'events', $2)")
            .bind(APPLICATION_ROLE)
            .bind(privilege)
            .fetch_one(store.pool())
            .await
            .unwrap();
        assert_eq!(granted, expected, "{privilege} on events");
    }
}
