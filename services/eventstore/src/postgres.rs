//! The PostgreSQL backend.
//!
//! An append is an INSERT … SELECT in autocommit: no lock, one durable commit. It inserts the
//! events at the positions after the head the writer knows, and only if, in the statement's
//! snapshot, that head is the tenant's last event and the stream is at the expected version. The
//! primary key (tenant, position) makes this safe without a lock: any append committed after the
//! snapshot occupies the next position, so this insert fails with a unique violation instead of
//! writing on a stale view. Hence positions are gapless and become visible in order, even with
//! many server processes. The command id is checked the same way: a command's first event
//! carries its event count, and a unique index over first events (`events_command_key`,
//! migration 0009) refuses a second command with the same id as part of the insert; events
//! recorded before that migration are still looked up, in the old index.
//!
//! The statement is written by `group_commit`'s writers: appends to different tenants that wait
//! at the same time share one statement and one commit, each with its own checks.
//!
//! The store caches each tenant's head, so an append with an exact expected version needs no
//! read first. When the cache is cold, the expectation is `Any`, or another writer moved the head,
//! it reads the head, the stream's version and the command in one query and tries again.
//!
//! [`PgEventStore::connect`] migrates as the configured user (the tables' owner) and then opens a
//! pool whose every connection acts as [`APPLICATION_ROLE`], which may read and append events but
//! not change, delete or truncate them, nor disable or drop the triggers that refuse it
//! (`migrations/postgres/0004_application_role.sql`, `docs/security.md`).
//!
//! Every operation runs to completion on its own task ([`run_to_completion`]), so a caller that
//! is dropped half-way (a client that disconnects) never interrupts a statement or the retry
//! loop; connections go back to the pool clean.

use crate::CommandRecord;
use crate::personal::{
    MATCHES_SQL, PersonalMatch, PersonalValue, VALUES_SQL, contains_pattern, personal_match,
    personal_value,
};
use crate::prepare::replayed;
use std::str::FromStr as _;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions, PgRow};
use sqlx::{Connection as _, Executor as _, PgConnection, Row};
use uuid::Uuid;

use crate::chain::GENESIS_HASH;
use crate::completion::run_to_completion;
use crate::decode::{self, to_i64};
use crate::error::StoreError;
use crate::group_commit::{AppendGroups, GroupCommit, Written};
use crate::heads::Heads;
use crate::migrations::{self, Migrated};
use crate::prepare::check_expected;
use crate::store::EventStore;
use crate::types::{
    AppendOutcome, AppendRequest, ExpectedVersion, LogHead, RecordedEvent, StreamName, TenantId,
};

/// The role's name as a literal, so that the `SET ROLE` statement is built from the same text.
macro_rules! application_role {
    () => {
        "civic_app"
    };
}

/// The least-privileged role the application's connections act as, created by migration 0003:
/// it may read and append events and maintain the read models; it owns nothing, so it can
/// neither disable nor drop the append-only triggers.
pub const APPLICATION_ROLE: &str = application_role!();

/// How many times an append is retried while other writers keep moving the tenant's head.
const MAX_ATTEMPTS: u32 = 100;

/// The state an append is decided on, read in one snapshot. `ORDER BY … LIMIT 1` walks an index
/// backwards; `max()` would read the whole stream. A command is found by its first event, or,
/// recorded before migration 0009, by any of its events.
const READ_STATE: &str = "SELECT \
     (SELECT position FROM events WHERE tenant_id = $1 ORDER BY position DESC LIMIT 1), \
     (SELECT hash FROM events WHERE tenant_id = $1 ORDER BY position DESC LIMIT 1), \
     (SELECT stream_version FROM events WHERE tenant_id = $1 AND stream_id = $2 \
      ORDER BY stream_version DESC LIMIT 1), \
     EXISTS (SELECT 1 FROM events WHERE tenant_id = $1 AND command_id = $3 \
             AND command_events > 0) \
     OR EXISTS (SELECT 1 FROM events WHERE tenant_id = $1 AND command_id = $3 \
                AND command_events IS NULL)";

/// The event store on PostgreSQL. Clones share the pool and the cache of heads.
#[derive(Debug, Clone)]
pub struct PgEventStore {
    pool: PgPool,
    /// The last known head of recently used tenants: the position and hash new appends chain to.
    heads: Arc<Heads>,
    /// The queue and the writers that write every append, in groups.
    group: Arc<GroupCommit>,
}

/// A tenant's log as seen by one append.
#[derive(Debug)]
struct AppendState {
    head: LogHead,
    stream_version: u64,
    command_committed: bool,
}

impl PgEventStore {
    /// Connects to `url`: applies the migrations as the URL's user (who owns the tables), then
    /// opens a pool of at most `max_connections` whose every connection acts as
    /// [`APPLICATION_ROLE`]. This is how the server connects; [`PgEventStore::new`] takes any
    /// pool as it is.
    pub async fn connect(url: &str, max_connections: u32) -> Result<Self, StoreError> {
        let options = PgConnectOptions::from_str(url)?;
        migrate_as_owner(&options).await?;
        Ok(Self::new(application_pool(options, max_connections).await?))
    }

    /// Wraps a pool, acting as whoever its connections are; run [`PgEventStore::migrate`] once
    /// before use. Prefer [`PgEventStore::connect`], which acts as [`APPLICATION_ROLE`].
    pub fn new(pool: PgPool) -> Self {
        let heads = Arc::new(Heads::default());
        Self {
            group: Arc::new(GroupCommit::new(pool.clone(), heads.clone())),
            pool,
            heads,
        }
    }

    /// Applies the embedded migrations (safe with several processes starting at once), on a
    /// connection of its own as the pool's configured user: the pool itself may act as
    /// [`APPLICATION_ROLE`], which may not create or alter tables.
    pub async fn migrate(&self) -> Result<Migrated, StoreError> {
        migrate_as_owner(&self.pool.connect_options()).await
    }

    /// Applies the embedded migrations to the database at `url` as its user, on one connection
    /// closed afterwards, without opening a pool: a migration job's whole work.
    pub async fn apply_migrations(url: &str) -> Result<Migrated, StoreError> {
        migrate_as_owner(&PgConnectOptions::from_str(url)?).await
    }

    /// The pool, for read models that live in the same database.
    pub fn pool(&self) -> &PgPool {
        &self.pool
    }

    /// What the store's group-commit writers have done since it was made.
    pub fn append_groups(&self) -> AppendGroups {
        self.group.counted()
    }

    fn cached_head(&self, tenant: TenantId) -> Option<LogHead> {
        self.heads.get(tenant)
    }

    fn remember_head(&self, tenant: TenantId, head: LogHead) {
        self.heads.remember(tenant, head);
    }

    fn forget_head(&self, tenant: TenantId) {
        self.heads.forget(tenant);
    }

    async fn read_state(&self, request: &AppendRequest) -> Result<AppendState, StoreError> {
        let (position, hash, version, command_committed): (
            Option<i64>,
            Option<String>,
            Option<i64>,
            bool,
        ) = sqlx::query_as(READ_STATE)
            .bind(request.tenant.as_uuid())
            .bind(request.stream.as_str())
            .bind(request.metadata.command_id)
            .fetch_one(&self.pool)
            .await?;
        let head = match (position, hash) {
            (Some(position), Some(hash)) => LogHead {
                position: decode::position(position)?,
                hash,
            },
            _ => empty_head(),
        };
        Ok(AppendState {
            head,
            stream_version: decode::position(version.unwrap_or(0))?,
            command_committed,
        })
    }
}

impl PgEventStore {
    /// The original result of an already committed command.
    async fn original_result(&self, request: &AppendRequest) -> Result<AppendOutcome, StoreError> {
        let mut conn = self.pool.acquire().await?;
        match find_command(&mut conn, request.tenant, request.metadata.command_id).await? {
            Some(committed) => replayed(request, committed),
            None => Err(StoreError::Corrupt(format!(
                "command {} was reported as committed but is not recorded",
                request.metadata.command_id
            ))),
        }
    }
}

const SET_APPLICATION_ROLE: &str = concat!("SET ROLE ", application_role!());

/// Runs the migrations on one fresh connection as the user `options` name, and closes it.
/// A pool of at most `max_connections` to the database at `url` whose every connection acts as
/// [`APPLICATION_ROLE`], without migrating anything: for a read replica, which is read-only and
/// has its primary's schema by replaying it.
pub async fn replica_pool(url: &str, max_connections: u32) -> Result<PgPool, StoreError> {
    application_pool(PgConnectOptions::from_str(url)?, max_connections).await
}

async fn application_pool(
    options: PgConnectOptions,
    max_connections: u32,
) -> Result<PgPool, StoreError> {
    Ok(PgPoolOptions::new()
        .max_connections(max_connections)
        .after_connect(|conn, _| {
            Box::pin(async move {
                // Role names cannot be bound as parameters; this one is a constant.
                conn.execute(SET_APPLICATION_ROLE).await?;
                Ok(())
            })
        })
        .connect_with(options)
        .await?)
}

async fn migrate_as_owner(options: &PgConnectOptions) -> Result<Migrated, StoreError> {
    let mut owner = PgConnection::connect_with(options).await?;
    let migrated = migrations::apply(&migrations::postgres(), &mut owner)
        .await
        .map_err(|e| StoreError::Database(e.into()));
    // The connection is dropped either way; a failed close only loses a goodbye message.
    let _ = owner.close().await;
    migrated
}

/// A short, growing, jittered pause before trying again, so that writers that keep colliding on
/// one tenant spread out instead of colliding again.
async fn back_off(attempt: u32) {
    let jitter = u64::from(Uuid::now_v7().as_u128() as u16 % 100);
    let micros = (50u64 << attempt.min(6)) + jitter * 10;
    tokio::time::sleep(Duration::from_micros(micros)).await;
}

fn empty_head() -> LogHead {
    LogHead {
        position: 0,
        hash: GENESIS_HASH.to_owned(),
    }
}

/// The last event's position and hash, or the genesis head for an empty log.
async fn read_head(conn: &mut PgConnection, tenant: TenantId) -> Result<LogHead, StoreError> {
    let row = sqlx::query(
        "SELECT position, hash FROM events WHERE tenant_id = $1 ORDER BY position DESC LIMIT 1",
    )
    .bind(tenant.as_uuid())
    .fetch_optional(&mut *conn)
    .await?;
    match row {
        Some(row) => Ok(LogHead {
            position: decode::position(row.try_get("position")?)?,
            hash: row.try_get("hash")?,
        }),
        None => Ok(empty_head()),
    }
}

/// A committed command: its first event and event count (migration 0009), or, recorded before,
/// all its events. A command's events are consecutive in one stream, so the first event and the
/// count give the last position and version. The older events are aggregated without
/// `GROUP BY stream_id`: grouping made the planner walk the stream index over the tenant's whole
/// log instead of looking the command up (the plan test below).
const FIND_COMMAND: &str = "\
     SELECT stream_id, position AS first_position, \
            position + command_events - 1 AS last_position, \
            stream_version + command_events - 1 AS stream_version, \
            command_fingerprint AS fingerprint \
     FROM events WHERE tenant_id = $1 AND command_id = $2 AND command_events > 0 \
     UNION ALL \
     SELECT max(stream_id), min(position), max(position), max(stream_version), \
            max(command_fingerprint) \
     FROM events WHERE tenant_id = $1 AND command_id = $2 AND command_events IS NULL \
     HAVING count(*) > 0";

async fn find_command(
    conn: &mut PgConnection,
    tenant: TenantId,
    command_id: Uuid,
) -> Result<Option<CommandRecord>, StoreError> {
    let row = sqlx::query(FIND_COMMAND)
        .bind(tenant.as_uuid())
        .bind(command_id)
        .fetch_optional(&mut *conn)
        .await?;
    row.map(|row| {
        decode::command(decode::RawCommand {
            stream: row.try_get("stream_id")?,
            first_position: row.try_get("first_position")?,
            last_position: row.try_get("last_position")?,
            stream_version: row.try_get("stream_version")?,
            fingerprint: row.try_get("fingerprint")?,
        })
    })
    .transpose()
}

const EVENT_COLUMNS: &str = "tenant_id, position, event_id, stream_id, stream_version, event_type, \
     schema_version, actor, command_id, causation_id, correlation_id, recorded_at, payload, hash, \
     (SELECT json_object_agg(p.commitment, p.value)::text FROM personal_values p \
      WHERE p.tenant_id = events.tenant_id AND p.position = events.position) AS disclosed";

fn event_from_row(row: &PgRow) -> Result<RecordedEvent, StoreError> {
    decode::event(decode::RawEvent {
        tenant: row.try_get("tenant_id")?,
        position: row.try_get("position")?,
        event_id: row.try_get("event_id")?,
        stream: row.try_get("stream_id")?,
        stream_version: row.try_get("stream_version")?,
        event_type: row.try_get("event_type")?,
        schema_version: row.try_get("schema_version")?,
        actor: row.try_get("actor")?,
        command_id: row.try_get("command_id")?,
        causation_id: row.try_get("causation_id")?,
        correlation_id: row.try_get("correlation_id")?,
        recorded_at: row.try_get::<DateTime<Utc>, _>("recorded_at")?,
        payload: row.try_get("payload")?,
        hash: row.try_get("hash")?,
        disclosed: row.try_get("disclosed")?,
    })
}

impl PgEventStore {
    /// The append itself: checked inserts, re-reading the state after each lost race.
    async fn append_with_retries(
        &self,
        request: AppendRequest,
    ) -> Result<AppendOutcome, StoreError> {
        request.validate()?;
        let request = Arc::new(request);
        // With a cached head and an exact expectation there is nothing to read: try at once.
        let mut known = match (self.cached_head(request.tenant), request.expected) {
            (Some(head), ExpectedVersion::MustBe(version)) => Some((head, version)),
            _ => None,
        };
        for attempt in 0..MAX_ATTEMPTS {
            let (head, stream_version) = match known.take() {
                Some(known) => known,
                None => {
                    let state = self.read_state(&request).await?;
                    if state.command_committed {
                        return self.original_result(&request).await;
                    }
                    check_expected(&request, state.stream_version)?;
                    self.remember_head(request.tenant, state.head.clone());
                    (state.head, state.stream_version)
                }
            };
            let written = self.group.write(request.clone(), head, stream_version);
            match written.await? {
                Written::Appended(prepared) => {
                    self.remember_head(request.tenant, prepared.new_head());
                    return Ok(AppendOutcome {
                        committed: prepared.committed,
                        replayed: false,
                    });
                }
                Written::Stale => {
                    self.forget_head(request.tenant);
                    if attempt > 0 {
                        back_off(attempt).await;
                    }
                }
            }
        }
        Err(StoreError::Busy {
            tenant: request.tenant,
        })
    }
}

impl EventStore for PgEventStore {
    async fn append(&self, request: AppendRequest) -> Result<AppendOutcome, StoreError> {
        let store = self.clone();
        run_to_completion(async move { store.append_with_retries(request).await }).await
    }

    async fn read_log(
        &self,
        tenant: TenantId,
        after: u64,
        limit: u32,
    ) -> Result<Vec<RecordedEvent>, StoreError> {
        let pool = self.pool.clone();
        run_to_completion(async move {
            let sql = sqlx::AssertSqlSafe(format!(
                "SELECT {EVENT_COLUMNS} FROM events WHERE tenant_id = $1 AND position > $2 \
                 ORDER BY position LIMIT $3"
            ));
            let rows = sqlx::query(sql)
                .bind(tenant.as_uuid())
                .bind(to_i64(after))
                .bind(i64::from(limit))
                .fetch_all(&pool)
                .await?;
            rows.iter().map(event_from_row).collect()
        })
        .await
    }

    async fn read_stream(
        &self,
        tenant: TenantId,
        stream: &StreamName,
        after: u64,
    ) -> Result<Vec<RecordedEvent>, StoreError> {
        let pool = self.pool.clone();
        let stream = stream.clone();
        run_to_completion(async move {
            let sql = sqlx::AssertSqlSafe(format!(
                "SELECT {EVENT_COLUMNS} FROM events \
                 WHERE tenant_id = $1 AND stream_id = $2 AND stream_version > $3 \
                 ORDER BY stream_version"
            ));
            let rows = sqlx::query(sql)
                .bind(tenant.as_uuid())
                .bind(stream.as_str())
                .bind(to_i64(after))
                .fetch_all(&pool)
                .await?;
            rows.iter().map(event_from_row).collect()
        })
        .await
    }

    async fn head(&self, tenant: TenantId) -> Result<LogHead, StoreError> {
        let pool = self.pool.clone();
        run_to_completion(async move {
            let mut conn = pool.acquire().await?;
            read_head(&mut conn, tenant).await
        })
        .await
    }

    async fn find_command(
        &self,
        tenant: TenantId,
        command_id: Uuid,
    ) -> Result<Option<CommandRecord>, StoreError> {
        let pool = self.pool.clone();
        run_to_completion(async move {
            let mut conn = pool.acquire().await?;
            find_command(&mut conn, tenant, command_id).await
        })
        .await
    }

    async fn tenants(&self) -> Result<Vec<TenantId>, StoreError> {
        let pool = self.pool.clone();
        run_to_completion(async move {
            let ids: Vec<Uuid> = sqlx::query_scalar(decode::DISTINCT_TENANTS_POSTGRES)
                .fetch_all(&pool)
                .await?;
            Ok(ids.into_iter().map(TenantId::from_uuid).collect())
        })
        .await
    }

    async fn find_personal(
        &self,
        tenant: TenantId,
        needle: &str,
    ) -> Result<Vec<PersonalMatch>, StoreError> {
        let pool = self.pool.clone();
        let pattern = contains_pattern(needle);
        run_to_completion(async move {
            let rows: Vec<(String, i64, String)> = sqlx::query_as(MATCHES_SQL)
                .bind(tenant.as_uuid())
                .bind(pattern)
                .fetch_all(&pool)
                .await?;
            rows.into_iter()
                .map(|(commitment, position, stream)| personal_match(&commitment, position, stream))
                .collect()
        })
        .await
    }

    async fn personal_values(
        &self,
        tenant: TenantId,
    ) -> Result<Vec<(u64, PersonalValue)>, StoreError> {
        let pool = self.pool.clone();
        run_to_completion(async move {
            let rows: Vec<(String, i64, String, String)> = sqlx::query_as(VALUES_SQL)
                .bind(tenant.as_uuid())
                .fetch_all(&pool)
                .await?;
            rows.into_iter()
                .map(|(commitment, position, salt, value)| {
                    personal_value(&commitment, position, salt, value)
                })
                .collect()
        })
        .await
    }

    async fn reclaim_deleted(&self, tables: &[&str]) -> Result<(), StoreError> {
        let pool = self.pool.clone();
        let tables = tables.join(", ");
        run_to_completion(async move {
            // Only a table's owner may VACUUM it, and pooled connections act as civic_app: this
            // connection returns to the session user (the owner, who ran the migrations) and is
            // closed afterwards rather than handed back to the pool.
            let mut conn = pool.acquire().await?.detach();
            sqlx::raw_sql("RESET ROLE").execute(&mut conn).await?;
            sqlx::raw_sql(sqlx::AssertSqlSafe(format!("VACUUM FULL {tables}")))
                .execute(&mut conn)
                .await?;
            let _ = conn.close().await;
            Ok(())
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::group_commit::{INSERT_GROUP, INSERT_WITH_PERSONAL};
    use crate::migrations;
    use civic_testkit::TestPostgres;
    use serde_json::Value;

    /// The parameter types of [`INSERT_GROUP`], as sqlx binds them.
    const GROUP_TYPES: &str = "uuid[], bigint[], bigint[], text[], text[], bigint[], bigint[], \
         uuid[], text[], uuid[], uuid[], text[], timestamptz, uuid[], text[], integer[], text[], \
         text[], integer[]";

    /// The generic plan PostgreSQL makes for `sql` on the empty log of a fresh database: the plan
    /// a pooled connection would keep after its first executions, when no statistics exist yet.
    async fn generic_plan(db: &TestPostgres, sql: &str, types: &str) -> Value {
        let mut conn = PgConnection::connect(db.url()).await.unwrap();
        sqlx::raw_sql("SET plan_cache_mode = force_generic_plan")
            .execute(&mut conn)
            .await
            .unwrap();
        sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
            "PREPARE probe ({types}) AS {sql}"
        )))
        .execute(&mut conn)
        .await
        .unwrap();
        let nulls = vec!["NULL"; types.split(',').count()].join(", ");
        let (plan,): (Value,) = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "EXPLAIN (FORMAT JSON) EXECUTE probe({nulls})"
        )))
        .fetch_one(&mut conn)
        .await
        .unwrap();
        plan
    }

    /// Every scan of `events` in `plan`: node type, index and whether it reaches its rows
    /// directly (by an index condition, filtering nothing it read).
    fn scans_of_events(plan: &Value, scans: &mut Vec<(String, String, bool)>) {
        match plan {
            Value::Object(node) => {
                let node_type = node.get("Node Type").and_then(Value::as_str);
                let relation = node.get("Relation Name").and_then(Value::as_str);
                if relation == Some("events") && node_type != Some("ModifyTable") {
                    scans.push((
                        node_type.unwrap_or_default().to_owned(),
                        node.get("Index Name")
                            .and_then(Value::as_str)
                            .unwrap_or_default()
                            .to_owned(),
                        node.contains_key("Index Cond") && !node.contains_key("Filter"),
                    ));
                }
                node.values()
                    .for_each(|child| scans_of_events(child, scans));
            }
            Value::Array(items) => items.iter().for_each(|item| scans_of_events(item, scans)),
            _ => {}
        }
    }

    /// The indexes an append's checked insert reads: the head, the commands recorded before
    /// migration 0009 (later ones are refused by `events_command_key` on insert), the stream.
    const APPEND_INDEXES: [&str; 3] = [
        "events_pkey",
        "events_by_command_before_key",
        "events_tenant_id_stream_id_stream_version_key",
    ];

    async fn assert_lookups_are_direct(
        db: &TestPostgres,
        sql: &str,
        types: &str,
        expected: &[&str],
    ) {
        let mut scans = Vec::new();
        scans_of_events(&generic_plan(db, sql, types).await, &mut scans);
        let mut indexes: Vec<&str> = scans.iter().map(|(_, index, _)| index.as_str()).collect();
        let mut expected = expected.to_vec();
        indexes.sort_unstable();
        expected.sort_unstable();
        assert_eq!(indexes, expected, "{scans:?}");
        for (node_type, index, direct) in &scans {
            assert!(
                node_type.starts_with("Index") && *direct,
                "{node_type} on {index} reads rows it then filters out: {scans:?}"
            );
        }
    }

    #[tokio::test]
    async fn an_append_planned_on_an_empty_log_reaches_each_row_it_checks_through_its_index() {
        let Some(db) = TestPostgres::fresh("pg_append_plan", &migrations::postgres()).await else {
            return;
        };
        assert_lookups_are_direct(&db, INSERT_GROUP, GROUP_TYPES, &APPEND_INDEXES).await;
        let personal = format!("{GROUP_TYPES}, uuid[], text[], text[], text[], text[]");
        assert_lookups_are_direct(&db, INSERT_WITH_PERSONAL, &personal, &APPEND_INDEXES).await;
    }

    #[tokio::test]
    async fn the_state_and_command_reads_planned_on_an_empty_log_reach_their_rows_through_indexes()
    {
        let Some(db) = TestPostgres::fresh("pg_read_plan", &migrations::postgres()).await else {
            return;
        };
        let commands = ["events_command_key", "events_by_command_before_key"];
        let state = [
            &["events_pkey", "events_pkey"][..],
            &["events_tenant_id_stream_id_stream_version_key"],
            &commands,
        ]
        .concat();
        assert_lookups_are_direct(&db, READ_STATE, "uuid, text, uuid", &state).await;
        assert_lookups_are_direct(&db, FIND_COMMAND, "uuid, uuid", &commands).await;
    }
}
