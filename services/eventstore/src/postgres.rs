//! The PostgreSQL backend.
//!
//! An append is one call of the `civic_append` SQL function in autocommit: one round trip and one
//! durable commit. The function compare-and-sets the tenant's head, so positions are gapless and
//! commit in order even with many server processes. The backend caches each tenant's head to
//! compute hashes without reading first; when another writer has moved the head, the call fails
//! with CV001 and the append is retried in a transaction that locks the head row.

use std::collections::HashMap;
use std::sync::Mutex;

use chrono::{DateTime, Utc};
use sqlx::postgres::{PgPool, PgRow};
use sqlx::{Executor, PgConnection, Row};
use uuid::Uuid;

use crate::chain::GENESIS_HASH;
use crate::error::StoreError;
use crate::prepare::{PreparedAppend, check_expected, prepare};
use crate::store::EventStore;
use crate::types::{
    AppendOutcome, AppendRequest, Committed, ExpectedVersion, LogHead, RecordedEvent, StreamName,
    TenantId, now_micros,
};
use crate::{decode, migrations};

/// How many times the locked path is retried when the first event of a new tenant races.
const MAX_ATTEMPTS: usize = 8;

/// The event store on PostgreSQL.
#[derive(Debug)]
pub struct PgEventStore {
    pool: PgPool,
    heads: Mutex<HashMap<TenantId, LogHead>>,
}

/// Why one attempt of the append function did not commit.
enum AttemptError {
    /// Another writer moved the tenant's head: retry with the head locked.
    HeadMoved,
    /// Anything else, final.
    Final(StoreError),
}

impl PgEventStore {
    /// Wraps a pool; run [`PgEventStore::migrate`] once before use.
    pub fn new(pool: PgPool) -> Self {
        Self {
            pool,
            heads: Mutex::new(HashMap::new()),
        }
    }

    /// Applies the embedded migrations (idempotent; safe with several processes starting).
    pub async fn migrate(&self) -> Result<(), StoreError> {
        migrations::postgres()
            .run(&self.pool)
            .await
            .map_err(|e| StoreError::Database(e.into()))
    }

    /// The pool, for read models that live in the same database.
    pub fn pool(&self) -> &PgPool {
        &self.pool
    }

    fn cached_head(&self, tenant: TenantId) -> Option<LogHead> {
        self.heads.lock().ok()?.get(&tenant).cloned()
    }

    fn remember_head(&self, tenant: TenantId, head: LogHead) {
        if let Ok(mut heads) = self.heads.lock() {
            let entry = heads.entry(tenant).or_insert_with(|| head.clone());
            if head.position >= entry.position {
                *entry = head;
            }
        }
    }

    fn forget_head(&self, tenant: TenantId) {
        if let Ok(mut heads) = self.heads.lock() {
            heads.remove(&tenant);
        }
    }

    /// The fast path: chain to the cached head without reading, in one round trip.
    async fn append_optimistically(
        &self,
        request: &AppendRequest,
        head: &LogHead,
        expected: u64,
    ) -> Result<PreparedAppend, AttemptError> {
        let prepared = prepare(request, head, expected, now_micros());
        call_append(&self.pool, request, head, &prepared).await?;
        Ok(prepared)
    }

    /// The slow path: lock the head row, read the stream's version, then append.
    async fn append_locked(&self, request: &AppendRequest) -> Result<AppendOutcome, AttemptError> {
        let mut tx = self.pool.begin().await.map_err(final_db)?;
        let head =
            sqlx::query("SELECT position, hash FROM event_heads WHERE tenant_id = $1 FOR UPDATE")
                .bind(request.tenant.as_uuid())
                .fetch_optional(&mut *tx)
                .await
                .map_err(final_db)?
                .map(|row| head_from_row(&row))
                .transpose()
                .map_err(AttemptError::Final)?
                .unwrap_or_else(empty_head);
        if let Some(committed) = find_command(&mut tx, request.tenant, request.metadata.command_id)
            .await
            .map_err(AttemptError::Final)?
        {
            return replayed(request, committed).map_err(AttemptError::Final);
        }
        let actual = stream_version(&mut tx, request.tenant, &request.stream)
            .await
            .map_err(AttemptError::Final)?;
        check_expected(request, actual).map_err(AttemptError::Final)?;
        let prepared = prepare(request, &head, actual, now_micros());
        call_append(&mut *tx, request, &head, &prepared).await?;
        tx.commit().await.map_err(final_db)?;
        self.remember_head(request.tenant, prepared.new_head());
        Ok(AppendOutcome {
            committed: prepared.committed,
            replayed: false,
        })
    }

    /// Maps a duplicate command id (found by the unique key) to the original result.
    async fn original_result(&self, request: &AppendRequest) -> Result<AppendOutcome, StoreError> {
        let mut conn = self.pool.acquire().await?;
        match find_command(&mut conn, request.tenant, request.metadata.command_id).await? {
            Some(committed) => replayed(request, committed),
            None => Err(StoreError::Corrupt(format!(
                "command {} was reported as a duplicate but is not recorded",
                request.metadata.command_id
            ))),
        }
    }
}

/// Calls `civic_append` with the prepared rows.
async fn call_append<'e, E>(
    executor: E,
    request: &AppendRequest,
    head: &LogHead,
    prepared: &PreparedAppend,
) -> Result<(), AttemptError>
where
    E: Executor<'e, Database = sqlx::Postgres>,
{
    let events = &request.events;
    let result = sqlx::query(
        "SELECT civic_append($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
    )
    .bind(request.tenant.as_uuid())
    .bind(to_i64(head.position))
    .bind(request.stream.as_str())
    .bind(to_i64(
        prepared.committed.stream_version - events.len() as u64,
    ))
    .bind(request.metadata.command_id)
    .bind(request.metadata.actor.as_str())
    .bind(request.metadata.causation_id)
    .bind(request.metadata.correlation_id)
    .bind(prepared.recorded_at)
    .bind(events.iter().map(|e| e.event_id).collect::<Vec<Uuid>>())
    .bind(
        events
            .iter()
            .map(|e| e.event_type.as_str().to_owned())
            .collect::<Vec<String>>(),
    )
    .bind(
        events
            .iter()
            .map(|e| i32::from(e.schema_version))
            .collect::<Vec<i32>>(),
    )
    .bind(
        events
            .iter()
            .map(|e| e.payload.as_str().to_owned())
            .collect::<Vec<String>>(),
    )
    .bind(&prepared.hashes)
    .execute(executor)
    .await;
    match result {
        Ok(_) => Ok(()),
        Err(sqlx::Error::Database(db)) if db.code().as_deref() == Some("CV001") => {
            Err(AttemptError::HeadMoved)
        }
        Err(sqlx::Error::Database(db)) if db.code().as_deref() == Some("CV002") => {
            let actual = db
                .try_downcast_ref::<sqlx::postgres::PgDatabaseError>()
                .and_then(|pg| pg.detail())
                .and_then(|detail| detail.parse::<u64>().ok());
            match (request.expected, actual) {
                (ExpectedVersion::MustBe(expected), Some(actual)) => {
                    Err(AttemptError::Final(StoreError::Conflict {
                        stream: request.stream.clone(),
                        expected,
                        actual,
                    }))
                }
                // `Any` was resolved under the head lock, so a mismatch means the head moved.
                _ => Err(AttemptError::HeadMoved),
            }
        }
        Err(error) => Err(final_db(error)),
    }
}

fn final_db(error: sqlx::Error) -> AttemptError {
    AttemptError::Final(StoreError::Database(error))
}

/// True when the error is the unique violation of an already committed command id.
fn is_duplicate_command(error: &AttemptError) -> bool {
    matches!(
        error,
        AttemptError::Final(StoreError::Database(sqlx::Error::Database(db)))
            if db.code().as_deref() == Some("23505") && db.constraint() == Some("commands_pkey")
    )
}

fn replayed(request: &AppendRequest, committed: Committed) -> Result<AppendOutcome, StoreError> {
    if committed.stream != request.stream {
        return Err(StoreError::CommandIdReused {
            command_id: request.metadata.command_id,
            original_stream: committed.stream,
        });
    }
    Ok(AppendOutcome {
        committed,
        replayed: true,
    })
}

fn empty_head() -> LogHead {
    LogHead {
        position: 0,
        hash: GENESIS_HASH.to_owned(),
    }
}

/// Positions and versions are `u64` in Rust and `bigint` in SQL; neither gets near `i64::MAX`.
fn to_i64(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

fn head_from_row(row: &PgRow) -> Result<LogHead, StoreError> {
    Ok(LogHead {
        position: decode::position(row.try_get::<i64, _>("position")?)?,
        hash: row.try_get("hash")?,
    })
}

async fn find_command(
    conn: &mut PgConnection,
    tenant: TenantId,
    command_id: Uuid,
) -> Result<Option<Committed>, StoreError> {
    let row = sqlx::query(
        "SELECT stream_id, first_position, last_position, stream_version \
         FROM commands WHERE tenant_id = $1 AND command_id = $2",
    )
    .bind(tenant.as_uuid())
    .bind(command_id)
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|row| {
        Ok(Committed {
            stream: decode::stream(row.try_get("stream_id")?)?,
            first_position: decode::position(row.try_get("first_position")?)?,
            last_position: decode::position(row.try_get("last_position")?)?,
            stream_version: decode::position(row.try_get("stream_version")?)?,
        })
    })
    .transpose()
}

async fn stream_version(
    conn: &mut PgConnection,
    tenant: TenantId,
    stream: &StreamName,
) -> Result<u64, StoreError> {
    let version: Option<i64> = sqlx::query_scalar(
        "SELECT max(stream_version) FROM events WHERE tenant_id = $1 AND stream_id = $2",
    )
    .bind(tenant.as_uuid())
    .bind(stream.as_str())
    .fetch_one(&mut *conn)
    .await?;
    decode::position(version.unwrap_or(0))
}

const EVENT_COLUMNS: &str = "tenant_id, position, event_id, stream_id, stream_version, event_type, \
     schema_version, actor, command_id, causation_id, correlation_id, recorded_at, payload, hash";

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
    })
}

impl EventStore for PgEventStore {
    async fn append(&self, request: AppendRequest) -> Result<AppendOutcome, StoreError> {
        request.validate()?;
        if let (Some(head), ExpectedVersion::MustBe(expected)) =
            (self.cached_head(request.tenant), request.expected)
        {
            match self.append_optimistically(&request, &head, expected).await {
                Ok(prepared) => {
                    self.remember_head(request.tenant, prepared.new_head());
                    return Ok(AppendOutcome {
                        committed: prepared.committed,
                        replayed: false,
                    });
                }
                Err(AttemptError::HeadMoved) => self.forget_head(request.tenant),
                Err(error) if is_duplicate_command(&error) => {
                    return self.original_result(&request).await;
                }
                Err(AttemptError::Final(error)) => return Err(error),
            }
        }
        for _ in 0..MAX_ATTEMPTS {
            match self.append_locked(&request).await {
                Ok(outcome) => return Ok(outcome),
                Err(AttemptError::HeadMoved) => self.forget_head(request.tenant),
                Err(error) if is_duplicate_command(&error) => {
                    return self.original_result(&request).await;
                }
                Err(AttemptError::Final(error)) => return Err(error),
            }
        }
        Err(StoreError::Corrupt(format!(
            "the head of tenant {} kept moving under a lock",
            request.tenant
        )))
    }

    async fn read_log(
        &self,
        tenant: TenantId,
        after: u64,
        limit: u32,
    ) -> Result<Vec<RecordedEvent>, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!(
            "SELECT {EVENT_COLUMNS} FROM events WHERE tenant_id = $1 AND position > $2 \
             ORDER BY position LIMIT $3"
        ));
        let rows = sqlx::query(sql)
            .bind(tenant.as_uuid())
            .bind(to_i64(after))
            .bind(i64::from(limit))
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(event_from_row).collect()
    }

    async fn read_stream(
        &self,
        tenant: TenantId,
        stream: &StreamName,
        after: u64,
    ) -> Result<Vec<RecordedEvent>, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!(
            "SELECT {EVENT_COLUMNS} FROM events \
             WHERE tenant_id = $1 AND stream_id = $2 AND stream_version > $3 \
             ORDER BY stream_version"
        ));
        let rows = sqlx::query(sql)
            .bind(tenant.as_uuid())
            .bind(stream.as_str())
            .bind(to_i64(after))
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(event_from_row).collect()
    }

    async fn head(&self, tenant: TenantId) -> Result<LogHead, StoreError> {
        let row = sqlx::query("SELECT position, hash FROM event_heads WHERE tenant_id = $1")
            .bind(tenant.as_uuid())
            .fetch_optional(&self.pool)
            .await?;
        row.map(|row| head_from_row(&row))
            .transpose()
            .map(|head| head.unwrap_or_else(empty_head))
    }

    async fn find_command(
        &self,
        tenant: TenantId,
        command_id: Uuid,
    ) -> Result<Option<Committed>, StoreError> {
        let mut conn = self.pool.acquire().await?;
        find_command(&mut conn, tenant, command_id).await
    }

    async fn tenants(&self) -> Result<Vec<TenantId>, StoreError> {
        let ids: Vec<Uuid> =
            sqlx::query_scalar("SELECT tenant_id FROM event_heads ORDER BY tenant_id")
                .fetch_all(&self.pool)
                .await?;
        Ok(ids.into_iter().map(TenantId::from_uuid).collect())
    }
}
