//! The SQLite backend: the embedded default, one database file in the working directory.
//!
//! Appends run in `BEGIN IMMEDIATE` transactions, which take SQLite's write lock up front, so
//! reading the head and writing after it cannot interleave with another writer, in this process
//! or another. Within a process, appends also queue on a mutex so that they wait in order instead
//! of spinning on SQLite's busy handler. WAL mode with `synchronous = FULL` makes every
//! acknowledged append durable.
//!
//! Every operation runs to completion on its own task ([`run_to_completion`]), so a caller that
//! is dropped half-way never interrupts a transaction: it commits or rolls back, and releases the
//! write queue and its connection, whatever happens to the caller.

use crate::personal::{
    MATCHES_SQL, PersonalMatch, PersonalValue, VALUES_SQL, contains_pattern, personal_match,
    personal_value,
};
use crate::prepare::replayed;
use crate::{CommandFingerprint, CommandRecord};
use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteRow,
    SqliteSynchronous,
};
use sqlx::{Row, SqliteConnection};
use tokio::sync::Mutex;
use uuid::Uuid;

use crate::chain::{GENESIS_HASH, format_recorded_at};
use crate::completion::run_to_completion;
use crate::decode::{self, to_i64};
use crate::error::StoreError;
use crate::migrations::{self, Migrated};
use crate::prepare::{check_expected, prepare};
use crate::store::EventStore;
use crate::types::{
    AppendOutcome, AppendRequest, LogHead, RecordedEvent, StreamName, TenantId, now_micros,
};

/// How many connections the SQLite pool opens unless told otherwise: WAL readers run in
/// parallel, and writers queue anyway.
pub const DEFAULT_MAX_CONNECTIONS: u32 = 8;

/// The event store on SQLite. Clones share the pool and the write queue.
#[derive(Debug, Clone)]
pub struct SqliteEventStore {
    pool: SqlitePool,
    write_lock: Arc<Mutex<()>>,
}

/// How many times opening a database file is tried while another process holds it locked.
const OPEN_ATTEMPTS: u64 = 20;

impl SqliteEventStore {
    /// Opens (creating if missing) the database at `url` (`sqlite://civic.db`, `sqlite:path`).
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
        let options = SqliteConnectOptions::from_str(url)?;
        Self::open(options, DEFAULT_MAX_CONNECTIONS).await
    }

    /// Opens (creating if missing) the database file at `path`.
    pub async fn open_file(path: &Path) -> Result<Self, StoreError> {
        Self::open_file_with_pool_size(path, DEFAULT_MAX_CONNECTIONS).await
    }

    /// Opens the database file at `path` with a pool of at most `max_connections`: tests that
    /// must reuse every connection many times use a small one.
    pub async fn open_file_with_pool_size(
        path: &Path,
        max_connections: u32,
    ) -> Result<Self, StoreError> {
        Self::open(SqliteConnectOptions::new().filename(path), max_connections).await
    }

    async fn open(options: SqliteConnectOptions, max_connections: u32) -> Result<Self, StoreError> {
        let options = options
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .busy_timeout(Duration::from_secs(30))
            .foreign_keys(true)
            // An erased personal value is overwritten in the file, not only unlinked from it.
            .pragma("secure_delete", "ON");
        // Two processes opening a new database file at once race to switch it to WAL, and SQLite
        // answers the loser "database is locked" at once rather than through the busy handler:
        // try again shortly, as the migrations do.
        let mut attempt = 1;
        loop {
            let opened = SqlitePoolOptions::new()
                .max_connections(max_connections)
                .connect_with(options.clone())
                .await;
            match opened {
                Ok(pool) => return Ok(Self::new(pool)),
                Err(sqlx::Error::Database(error))
                    if attempt < OPEN_ATTEMPTS && error.code().as_deref() == Some("5") =>
                {
                    tokio::time::sleep(Duration::from_millis(20 * attempt)).await;
                    attempt += 1;
                }
                Err(error) => return Err(error.into()),
            }
        }
    }

    /// Wraps a pool; run [`SqliteEventStore::migrate`] once before use.
    pub fn new(pool: SqlitePool) -> Self {
        Self {
            pool,
            write_lock: Arc::new(Mutex::new(())),
        }
    }

    /// Applies the embedded migrations and reports which it applied.
    ///
    /// SQLite has no advisory lock, so two processes starting on a new database file can both try
    /// to apply the same migration; the loser's transaction fails ("table already exists") and is
    /// rolled back. Trying again then finds the winner's migrations applied and skips them, so a
    /// failed run is retried a few times before its error is reported.
    pub async fn migrate(&self) -> Result<Migrated, StoreError> {
        const ATTEMPTS: u64 = 10;
        let migrator = migrations::sqlite();
        let mut attempt = 1;
        loop {
            let mut conn = self.pool.acquire().await?;
            let outcome = migrations::apply(&migrator, &mut *conn).await;
            drop(conn);
            match outcome {
                Ok(migrated) => return Ok(migrated),
                Err(_) if attempt < ATTEMPTS => {
                    tokio::time::sleep(std::time::Duration::from_millis(50 * attempt)).await;
                    attempt += 1;
                }
                Err(error) => return Err(StoreError::Database(error.into())),
            }
        }
    }

    /// The pool, for read models that live in the same database.
    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }
}

async fn read_head(conn: &mut SqliteConnection, tenant: TenantId) -> Result<LogHead, StoreError> {
    let row = sqlx::query(
        "SELECT position, hash FROM events WHERE tenant_id = ? ORDER BY position DESC LIMIT 1",
    )
    .bind(tenant.to_string())
    .fetch_optional(&mut *conn)
    .await?;
    match row {
        Some(row) => Ok(LogHead {
            position: decode::position(row.try_get("position")?)?,
            hash: row.try_get("hash")?,
        }),
        None => Ok(LogHead {
            position: 0,
            hash: GENESIS_HASH.to_owned(),
        }),
    }
}

async fn find_command(
    conn: &mut SqliteConnection,
    tenant: TenantId,
    command_id: Uuid,
) -> Result<Option<CommandRecord>, StoreError> {
    // A command's first event carries its event count (migration 0009); a command recorded
    // before has none, and is found by all its events. Its events are consecutive in one stream
    // (so no GROUP BY, which could lead the planner to the stream index, as on PostgreSQL).
    let row = sqlx::query(
        "SELECT stream_id, position AS first_position, \
                position + command_events - 1 AS last_position, \
                stream_version + command_events - 1 AS stream_version, \
                command_fingerprint AS fingerprint \
         FROM events WHERE tenant_id = ?1 AND command_id = ?2 AND command_events > 0 \
         UNION ALL \
         SELECT max(stream_id), min(position), max(position), max(stream_version), \
                max(command_fingerprint) \
         FROM events WHERE tenant_id = ?1 AND command_id = ?2 AND command_events IS NULL \
         HAVING count(*) > 0",
    )
    .bind(tenant.to_string())
    .bind(command_id.to_string())
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

async fn stream_version(
    conn: &mut SqliteConnection,
    tenant: TenantId,
    stream: &StreamName,
) -> Result<u64, StoreError> {
    let version: Option<i64> = sqlx::query_scalar(
        "SELECT stream_version FROM events WHERE tenant_id = ? AND stream_id = ? \
         ORDER BY stream_version DESC LIMIT 1",
    )
    .bind(tenant.to_string())
    .bind(stream.as_str())
    .fetch_optional(&mut *conn)
    .await?;
    decode::position(version.unwrap_or(0))
}

const EVENT_COLUMNS: &str = "tenant_id, position, event_id, stream_id, stream_version, event_type, \
     schema_version, actor, command_id, causation_id, correlation_id, recorded_at, payload, hash, \
     (SELECT json_group_object(p.commitment, p.value) FROM personal_values p \
      WHERE p.tenant_id = events.tenant_id AND p.position = events.position \
      HAVING count(*) > 0) AS disclosed";

fn event_from_row(row: &SqliteRow) -> Result<RecordedEvent, StoreError> {
    let causation: Option<String> = row.try_get("causation_id")?;
    decode::event(decode::RawEvent {
        tenant: decode::uuid_text(row.try_get("tenant_id")?)?,
        position: row.try_get("position")?,
        event_id: decode::uuid_text(row.try_get("event_id")?)?,
        stream: row.try_get("stream_id")?,
        stream_version: row.try_get("stream_version")?,
        event_type: row.try_get("event_type")?,
        schema_version: row.try_get("schema_version")?,
        actor: row.try_get("actor")?,
        command_id: decode::uuid_text(row.try_get("command_id")?)?,
        causation_id: causation.as_deref().map(decode::uuid_text).transpose()?,
        correlation_id: decode::uuid_text(row.try_get("correlation_id")?)?,
        recorded_at: decode::time_text(row.try_get("recorded_at")?)?,
        payload: row.try_get("payload")?,
        hash: row.try_get("hash")?,
        disclosed: row.try_get("disclosed")?,
    })
}

impl SqliteEventStore {
    /// The append itself: one `BEGIN IMMEDIATE` transaction, queued behind this process's other
    /// appends.
    async fn append_in_transaction(
        &self,
        request: AppendRequest,
    ) -> Result<AppendOutcome, StoreError> {
        request.validate()?;
        let _queue = self.write_lock.lock().await;
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        if let Some(committed) =
            find_command(&mut tx, request.tenant, request.metadata.command_id).await?
        {
            return replayed(&request, committed);
        }
        let head = read_head(&mut tx, request.tenant).await?;
        let actual = stream_version(&mut tx, request.tenant, &request.stream).await?;
        check_expected(&request, actual)?;
        let prepared = prepare(&request, &head, actual, now_micros());
        let tenant = request.tenant.to_string();
        let recorded_at = format_recorded_at(prepared.recorded_at);
        let metadata = &request.metadata;
        let event_count = request.events.len() as u64;
        for (offset, (event, hash)) in (1u64..).zip(request.events.iter().zip(&prepared.hashes)) {
            sqlx::query(
                "INSERT INTO events (tenant_id, position, event_id, stream_id, stream_version, \
                 event_type, schema_version, actor, command_id, causation_id, correlation_id, \
                 recorded_at, payload, hash, command_fingerprint, command_events) \
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            )
            .bind(&tenant)
            .bind(to_i64(head.position + offset))
            .bind(event.event_id.to_string())
            .bind(request.stream.as_str())
            .bind(to_i64(actual + offset))
            .bind(event.event_type.as_str())
            .bind(i32::from(event.schema_version))
            .bind(metadata.actor.as_str())
            .bind(metadata.command_id.to_string())
            .bind(metadata.causation_id.map(|id| id.to_string()))
            .bind(metadata.correlation_id.to_string())
            .bind(&recorded_at)
            .bind(event.payload.as_str())
            .bind(hash)
            .bind(
                metadata
                    .fingerprint
                    .as_ref()
                    .map(CommandFingerprint::as_str),
            )
            // The command's event count on its first event, 0 on the others (migration 0009).
            .bind(if offset == 1 { to_i64(event_count) } else { 0 })
            .execute(&mut *tx)
            .await?;
            for personal in &event.personal {
                sqlx::query(
                    "INSERT INTO personal_values (tenant_id, commitment, position, salt, value) \
                     VALUES (?, ?, ?, ?, ?)",
                )
                .bind(&tenant)
                .bind(personal.commitment.as_str())
                .bind(to_i64(head.position + offset))
                .bind(&personal.salt)
                .bind(&personal.value)
                .execute(&mut *tx)
                .await?;
            }
        }
        for commitment in &request.erase {
            sqlx::query("DELETE FROM personal_values WHERE tenant_id = ? AND commitment = ?")
                .bind(&tenant)
                .bind(commitment.as_str())
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(AppendOutcome {
            committed: prepared.committed,
            replayed: false,
        })
    }
}

impl EventStore for SqliteEventStore {
    async fn append(&self, request: AppendRequest) -> Result<AppendOutcome, StoreError> {
        let store = self.clone();
        run_to_completion(async move { store.append_in_transaction(request).await }).await
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
                "SELECT {EVENT_COLUMNS} FROM events WHERE tenant_id = ? AND position > ? \
                 ORDER BY position LIMIT ?"
            ));
            let rows = sqlx::query(sql)
                .bind(tenant.to_string())
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
                 WHERE tenant_id = ? AND stream_id = ? AND stream_version > ? \
                 ORDER BY stream_version"
            ));
            let rows = sqlx::query(sql)
                .bind(tenant.to_string())
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
            let ids: Vec<String> = sqlx::query_scalar(decode::DISTINCT_TENANTS_SQLITE)
                .fetch_all(&pool)
                .await?;
            ids.iter()
                .map(|id| decode::uuid_text(id).map(TenantId::from_uuid))
                .collect()
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
                .bind(tenant.to_string())
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
                .bind(tenant.to_string())
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

    async fn reclaim_deleted(&self, _tables: &[&str]) -> Result<(), StoreError> {
        let pool = self.pool.clone();
        run_to_completion(async move {
            // Every connection deletes with `secure_delete` on, so the rows' bytes are already
            // zeroed in the database file; the write-ahead log still holds earlier copies of
            // their pages until it is checkpointed and truncated.
            sqlx::raw_sql("PRAGMA wal_checkpoint(TRUNCATE)")
                .execute(&pool)
                .await?;
            Ok(())
        })
        .await
    }
}
