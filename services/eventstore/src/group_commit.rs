//! Group commit on PostgreSQL: appends to different tenants that arrive while the database is
//! busy share one statement and one commit.
//!
//! Why: an append's cost in PostgreSQL is mostly per statement and per transaction (the round
//! trip, starting the executor, the CHECK constraints, the commit), not per row: a single append
//! cost its backend about twice a plain INSERT, while in groups of eight each append costs less
//! than one plain INSERT (docs/benchmarks.md, `append`). A busy server has many appends in flight
//! at once; written together, each pays a share of those costs.
//!
//! How: appends wait in one queue. A few writers ([`WRITERS`]) each take, whenever they are free,
//! every waiting append whose tenant no writer is writing (never waiting for more: on an idle
//! server an append goes at once), at most one per tenant, and write them with [`INSERT_GROUP`]:
//! one INSERT … SELECT in autocommit in which each append carries its own checks (the head it
//! chains to, its stream's version, its command id). An append whose checks fail is left out and
//! the others go in; its caller learns that it was stale and reads the state again. So within
//! this process a tenant's appends are written one after another, in the order they arrived,
//! each chained to the head the one before it wrote (the store's cache of heads, which the
//! writers keep current). An append with personal values or an erasure is written alone, by
//! [`INSERT_WITH_PERSONAL`].
//!
//! Every unique key of `events` begins with the tenant, so appends to different tenants never
//! collide with each other: a unique violation means another process took a position or a
//! command id first, or the command is a retry of one already recorded. The whole statement then rolled
//! back, and the writer writes that group's appends one at a time, so only the stale one is
//! refused. Any other refusal by the database (a value a constraint refuses) is also retried one
//! append at a time, so one bad append never fails another; a lost connection fails the group,
//! as it would have failed each append.
//!
//! Each writer has a connection of its own, acting as the pool's connections act (the same
//! user and role), with `plan_cache_mode = force_generic_plan`: the statement's arrays are its
//! parameters, and with the default mode PostgreSQL planned it anew on every execution for the
//! arrays' actual lengths, which cost more than the whole insert (docs/benchmarks.md, `append`).
//! The generic plan reaches every row it checks through an index (the plan test in
//! `postgres.rs`).
//!
//! The writers only write; deciding (the expectation, the head cache, reading the state after a
//! lost race, backing off) stays with the caller in `postgres.rs`.

use std::collections::{HashSet, VecDeque};
use std::pin::pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use sqlx::postgres::PgPool;
use sqlx::{Connection as _, PgConnection};
use tokio::sync::{Notify, oneshot};
use uuid::Uuid;

use crate::CommandFingerprint;
use crate::decode::to_i64;
use crate::error::StoreError;
use crate::heads::Heads;
use crate::personal::Commitment;
use crate::prepare::{PreparedAppend, prepare};
use crate::types::{AppendRequest, LogHead, MAX_BATCH, NewEvent, TenantId, now_micros};

/// How many groups are written at once. Two keep a commit in flight while the next group
/// gathers, so the disk's flush and the CPU overlap; more make smaller groups and cost
/// connections (docs/benchmarks.md, `append`).
const WRITERS: usize = 2;

/// The most appends one statement writes, and the most events: bounds on a statement's size and
/// on how long its appends wait for each other.
const MAX_GROUP: usize = 64;
const MAX_GROUP_EVENTS: usize = MAX_BATCH;

/// The checked insert of a group of appends to distinct tenants, one row of arrays per event
/// (an append's fields repeated on each of its events): $1 tenant, $2 position, $3 the position
/// and $4 the hash of the head the append chains to, $5 stream, $6 stream version, $7 the
/// stream's expected version before the append, $8 command, $9 actor, $10 causation,
/// $11 correlation, $12 the command's fingerprint, $13 the time recorded on every event,
/// $14..$18 id, type, schema version, payload and hash, $19 the command's event count on its
/// first event and 0 on the others.
///
/// Each event goes in only if, in the statement's snapshot, its append's head is the tenant's
/// last event (or the log is empty and the append chains to genesis), its stream is at the
/// expected version, and its command id was not used before migration 0009 (since then the
/// unique index `events_command_key` refuses a reused id as part of the insert: a command's
/// first event carries its event count, the others 0). An append's events therefore go in
/// together or not at all. The primary key makes this safe without a lock: an append committed
/// by another writer after the snapshot took the next position, so this insert fails with a
/// unique violation instead of writing on a stale view.
///
/// Every lookup must reach its row through an index whatever the planner knows (the plan test in
/// `postgres.rs`): so the head is the tenant's last event by walking the primary key backwards,
/// not a point lookup on (tenant, position), which without statistics the planner once costed
/// the same through the command index, reading the tenant's whole log (docs/benchmarks.md,
/// `append`); and the command check is a scalar subquery with `LIMIT`, not `NOT EXISTS`, which
/// PostgreSQL turns into an anti-join that reads the whole index and filters it.
macro_rules! insert_checked {
    () => {
        "INSERT INTO events (tenant_id, position, event_id, stream_id, stream_version, \
             event_type, schema_version, actor, command_id, causation_id, correlation_id, \
             recorded_at, payload, hash, command_fingerprint, command_events) \
         SELECT e.tenant_id, e.position, e.event_id, e.stream_id, e.stream_version, \
                e.event_type, e.schema_version, e.actor, e.command_id, e.causation_id, \
                e.correlation_id, $13, e.payload, e.hash, e.fingerprint, e.command_events \
         FROM unnest($1::uuid[], $2::bigint[], $3::bigint[], $4::text[], $5::text[], \
                     $6::bigint[], $7::bigint[], $8::uuid[], $9::text[], $10::uuid[], \
                     $11::uuid[], $12::text[], $14::uuid[], $15::text[], $16::integer[], \
                     $17::text[], $18::text[], $19::integer[]) \
              AS e(tenant_id, position, previous_position, previous_hash, stream_id, \
                   stream_version, expected_version, command_id, actor, causation_id, \
                   correlation_id, fingerprint, event_id, event_type, schema_version, payload, \
                   hash, command_events) \
         WHERE coalesce((SELECT h.position = e.previous_position AND h.hash = e.previous_hash \
                         FROM events h WHERE h.tenant_id = e.tenant_id \
                         ORDER BY h.position DESC LIMIT 1), e.previous_position = 0) \
           AND coalesce((SELECT false FROM events c WHERE c.tenant_id = e.tenant_id \
                         AND c.command_id = e.command_id AND c.command_events IS NULL \
                         LIMIT 1), true) \
           AND coalesce((SELECT s.stream_version FROM events s \
                         WHERE s.tenant_id = e.tenant_id AND s.stream_id = e.stream_id \
                         ORDER BY s.stream_version DESC LIMIT 1), 0) = e.expected_version"
    };
}

/// The group's checked insert, returning the tenant of every event inserted.
pub(crate) const INSERT_GROUP: &str = concat!(insert_checked!(), " RETURNING tenant_id");

/// The append of events with personal values or an erasure, always alone in its group: the
/// checked insert in a CTE, and, only if the events went in, their personal values inserted at
/// the positions they took ($20..$23 the values' event ids, commitments, salts and values) and
/// the erased commitments' values deleted ($24). One statement is one transaction. The other
/// appends leave these CTEs out: PostgreSQL sets up their insert, delete and scans on every
/// execution, even with nothing to do (docs/benchmarks.md, `append`).
pub(crate) const INSERT_WITH_PERSONAL: &str = concat!(
    "WITH appended AS (",
    insert_checked!(),
    " RETURNING tenant_id, event_id, position), \
   personal AS (INSERT INTO personal_values (tenant_id, commitment, position, salt, value) \
     SELECT a.tenant_id, p.commitment, a.position, p.salt, p.value \
     FROM unnest($20::uuid[], $21::text[], $22::text[], $23::text[]) \
          AS p(event_id, commitment, salt, value) \
     JOIN appended a ON a.event_id = p.event_id), \
   erased AS (DELETE FROM personal_values \
     WHERE tenant_id = ($1::uuid[])[1] AND commitment = ANY($24::text[]) \
       AND EXISTS (SELECT 1 FROM appended)) \
   SELECT tenant_id FROM appended"
);

/// What a writer did with one append.
pub(crate) enum Written {
    /// The events are committed.
    Appended(PreparedAppend),
    /// Nothing was written: the head or the stream moved, or the command id is taken.
    Stale,
}

/// One append waiting for a writer.
struct Pending {
    request: Arc<AppendRequest>,
    head: LogHead,
    stream_version: u64,
    reply: oneshot::Sender<Result<Written, StoreError>>,
}

/// The queue of one store (shared by its clones) and its writers.
#[derive(Debug)]
pub(crate) struct GroupCommit {
    pool: PgPool,
    /// The store's cache of heads: a writer chains each append to the newest head it knows,
    /// and records the heads it writes.
    heads: Arc<Heads>,
    shared: Arc<Shared>,
}

/// What the writers share.
#[derive(Debug, Default)]
struct Shared {
    queue: Mutex<Queue>,
    /// Wakes the writers: an append arrived, a group's tenants are free again, or the store is
    /// gone.
    wake: Notify,
    counted: Counted,
}

/// What the writers have done since the store was made, for `/metrics`.
#[derive(Debug, Default)]
struct Counted {
    statements: AtomicU64,
    appends: AtomicU64,
    split: AtomicU64,
}

/// What a store's writers have done since it was made: with `statements`, how big groups are,
/// and with `split`, how often they lose races to other processes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AppendGroups {
    /// Checked inserts run, each one transaction: groups, and appends written alone after
    /// their group was split.
    pub statements: u64,
    /// Appends those statements wrote or found stale.
    pub appends: u64,
    /// Groups the database refused whole (a race lost to another process, a retried command,
    /// a value refused), then written again one append at a time.
    pub split: u64,
}

/// Several stores' counts together (one per council database).
impl std::ops::AddAssign for AppendGroups {
    fn add_assign(&mut self, other: Self) {
        self.statements += other.statements;
        self.appends += other.appends;
        self.split += other.split;
    }
}

impl Counted {
    fn statement(&self, appends: usize) {
        self.statements.fetch_add(1, Ordering::Relaxed);
        self.appends.fetch_add(appends as u64, Ordering::Relaxed);
    }
}

#[derive(Debug, Default)]
struct Queue {
    /// Appends not yet taken, oldest first.
    waiting: VecDeque<Pending>,
    /// The tenants of the groups being written.
    writing: HashSet<TenantId>,
    /// Writers running. They are started by the appends that find fewer than [`WRITERS`]: a
    /// writer is a task, which needs the runtime appends run on, and ends with that runtime.
    writers: usize,
    /// The store was dropped: the writers finish what is waiting and stop.
    closed: bool,
}

impl std::fmt::Debug for Pending {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pending")
            .field("tenant", &self.request.tenant)
            .finish_non_exhaustive()
    }
}

impl GroupCommit {
    pub(crate) fn new(pool: PgPool, heads: Arc<Heads>) -> Self {
        Self {
            pool,
            heads,
            shared: Arc::default(),
        }
    }

    /// Writes `request`'s events after `head`, with its stream at `stream_version`, together
    /// with whatever other tenants' appends are waiting.
    pub(crate) async fn write(
        &self,
        request: Arc<AppendRequest>,
        head: LogHead,
        stream_version: u64,
    ) -> Result<Written, StoreError> {
        let (reply, answer) = oneshot::channel();
        let missing = {
            let mut queue = self.shared.lock();
            queue.waiting.push_back(Pending {
                request,
                head,
                stream_version,
                reply,
            });
            let missing = WRITERS.saturating_sub(queue.writers);
            queue.writers += missing;
            missing
        };
        for _ in 0..missing {
            let writer = run_writer(self.shared.clone(), self.pool.clone(), self.heads.clone());
            tokio::spawn(writer);
        }
        self.shared.wake.notify_waiters();
        // A writer stops half-way only with its runtime; the append then fails as any database
        // work would.
        answer
            .await
            .map_err(|_| StoreError::Database(sqlx::Error::WorkerCrashed))?
    }
}

impl GroupCommit {
    /// What the writers have done so far.
    pub(crate) fn counted(&self) -> AppendGroups {
        let counted = &self.shared.counted;
        AppendGroups {
            statements: counted.statements.load(Ordering::Relaxed),
            appends: counted.appends.load(Ordering::Relaxed),
            split: counted.split.load(Ordering::Relaxed),
        }
    }
}

impl Drop for GroupCommit {
    fn drop(&mut self) {
        self.shared.lock().closed = true;
        self.shared.wake.notify_waiters();
    }
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Queue> {
        self.queue.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The next group to write, once there is one; `None` when the store is gone and nothing
    /// waits.
    async fn next_group(&self) -> Option<Vec<Pending>> {
        loop {
            // Registered before looking, so that a wake-up between the look and the wait is not
            // lost.
            let mut woken = pin!(self.wake.notified());
            woken.as_mut().enable();
            {
                let mut queue = self.lock();
                let group = queue.take_group();
                if !group.is_empty() {
                    return Some(group);
                }
                if queue.closed && queue.waiting.is_empty() {
                    return None;
                }
            }
            woken.await;
        }
    }

    /// The group's tenants may be written again.
    fn done(&self, tenants: &[TenantId]) {
        let mut queue = self.lock();
        for tenant in tenants {
            queue.writing.remove(tenant);
        }
        drop(queue);
        self.wake.notify_waiters();
    }
}

impl Queue {
    /// Takes the oldest waiting append of each tenant that no writer is writing, within the
    /// group's bounds, and marks their tenants as being written. An append with personal
    /// values or an erasure is written alone (its statement is another): it only starts a group.
    fn take_group(&mut self) -> Vec<Pending> {
        let (mut group, mut events) = (Vec::new(), 0);
        let mut kept = VecDeque::with_capacity(self.waiting.len());
        for pending in self.waiting.drain(..) {
            let size = pending.request.events.len();
            let tenant = pending.request.tenant;
            let alone = with_personal(&pending.request);
            let full = group
                .first()
                .is_some_and(|p: &Pending| with_personal(&p.request))
                || group.len() == MAX_GROUP
                || (alone && !group.is_empty());
            if !full && events + size <= MAX_GROUP_EVENTS && !self.writing.contains(&tenant) {
                self.writing.insert(tenant);
                events += size;
                group.push(pending);
            } else {
                kept.push_back(pending);
            }
        }
        self.waiting = kept;
        group
    }
}

/// Whether an append carries personal values or erases some: it is written with
/// [`INSERT_WITH_PERSONAL`].
fn with_personal(request: &AppendRequest) -> bool {
    !request.erase.is_empty() || request.events.iter().any(|e| !e.personal.is_empty())
}

/// A writer: writes groups until the store is gone, on a connection of its own, opened when
/// needed and opened again after it fails.
async fn run_writer(shared: Arc<Shared>, pool: PgPool, heads: Arc<Heads>) {
    let _running = Running(shared.clone());
    let mut conn = None;
    while let Some(group) = shared.next_group().await {
        let _writing = Writing {
            shared: &shared,
            tenants: group.iter().map(|p| p.request.tenant).collect(),
        };
        write_group(&pool, &heads, &mut conn, group, &shared.counted).await;
    }
    if let Some(conn) = conn {
        // The connection is dropped either way; a failed close only loses a goodbye message.
        let _ = conn.close().await;
    }
}

/// Counts a writer as running while it lives, however it ends (its runtime may drop it).
struct Running(Arc<Shared>);

impl Drop for Running {
    fn drop(&mut self) {
        self.0.lock().writers -= 1;
    }
}

/// A group's tenants, free to be written again when the group is done, however it ends.
struct Writing<'a> {
    shared: &'a Shared,
    tenants: Vec<TenantId>,
}

impl Drop for Writing<'_> {
    fn drop(&mut self) {
        self.shared.done(&self.tenants);
    }
}

/// A connection for a writer: the pool's options, acting as the pool's connections do, with
/// generic plans (see the module's documentation).
async fn connect(pool: &PgPool) -> Result<PgConnection, sqlx::Error> {
    let (role, session): (String, String) =
        sqlx::query_as("SELECT current_user::text, session_user::text")
            .fetch_one(pool)
            .await?;
    let options = (*pool.connect_options())
        .clone()
        .options([("plan_cache_mode", "force_generic_plan")]);
    let mut conn = PgConnection::connect_with(&options).await?;
    if role != session {
        sqlx::query("SELECT set_config('role', $1, false)")
            .bind(role)
            .execute(&mut conn)
            .await?;
    }
    Ok(conn)
}

/// Writes a group and answers each of its appends.
///
/// Each append chains to the newest head the store knows for its tenant, which may be newer
/// than the one its caller saw: appends of one tenant that waited together (many clerks of one
/// council) would otherwise all chain to the same head, one would win, and the others would read
/// the head again and meet the same race, again and again. The head is only where the events
/// go: whether the append may go in at all is its stream's expected version, which the
/// statement checks as before.
async fn write_group(
    pool: &PgPool,
    heads: &Heads,
    conn: &mut Option<PgConnection>,
    mut group: Vec<Pending>,
    counted: &Counted,
) {
    if conn.is_none() {
        match connect(pool).await {
            Ok(opened) => *conn = Some(opened),
            Err(error) => return fail(group, &error),
        }
    }
    let Some(connection) = conn.as_mut() else {
        return;
    };
    for pending in &mut group {
        if let Some(known) = heads.get(pending.request.tenant)
            && known.position > pending.head.position
        {
            pending.head = known;
        }
    }
    let recorded_at = now_micros();
    let prepared: Vec<PreparedAppend> = group
        .iter()
        .map(|p| prepare(&p.request, &p.head, p.stream_version, recorded_at))
        .collect();
    counted.statement(group.len());
    match insert_group(connection, &group, &prepared).await {
        Ok(inserted) => {
            for (pending, prepared) in group.into_iter().zip(prepared) {
                let written = if inserted.contains(&pending.request.tenant.as_uuid()) {
                    heads.remember(pending.request.tenant, prepared.new_head());
                    Written::Appended(prepared)
                } else {
                    Written::Stale
                };
                let _ = pending.reply.send(Ok(written));
            }
        }
        // The database refused the statement (a lost race, a value refused): nothing was
        // written; each append alone gets its own answer.
        Err(sqlx::Error::Database(_)) if group.len() > 1 => {
            counted.split.fetch_add(1, Ordering::Relaxed);
            let mut broken = false;
            for (pending, prepared) in group.into_iter().zip(prepared) {
                counted.statement(1);
                let alone = std::slice::from_ref(&pending);
                let result =
                    match insert_group(connection, alone, std::slice::from_ref(&prepared)).await {
                        Ok(inserted) if !inserted.is_empty() => {
                            heads.remember(pending.request.tenant, prepared.new_head());
                            Ok(Written::Appended(prepared))
                        }
                        Ok(_) => Ok(Written::Stale),
                        Err(error) => {
                            broken |= !matches!(error, sqlx::Error::Database(_));
                            answer(error)
                        }
                    };
                let _ = pending.reply.send(result);
            }
            // The connection failed on the way: open another for the next group.
            if broken {
                *conn = None;
            }
        }
        Err(error @ sqlx::Error::Database(_)) => {
            if let Some(pending) = group.into_iter().next() {
                let _ = pending.reply.send(answer(error));
            }
        }
        // The connection failed: open another for the next group.
        Err(error) => {
            *conn = None;
            fail(group, &error);
        }
    }
}

/// Answers every append of `group` with `error`.
fn fail(group: Vec<Pending>, error: &sqlx::Error) {
    for pending in group {
        let _ = pending
            .reply
            .send(Err(StoreError::Database(same_error(error))));
    }
}

/// A failed statement's answer: a unique violation means another writer took the head, the
/// stream version or the command id first (nothing was written); anything else is an error.
fn answer(error: sqlx::Error) -> Result<Written, StoreError> {
    match &error {
        sqlx::Error::Database(db) if db.code().as_deref() == Some("23505") => Ok(Written::Stale),
        _ => Err(error.into()),
    }
}

/// A connection's failure, once for each append that waited on it (`sqlx::Error` is not `Clone`).
fn same_error(error: &sqlx::Error) -> sqlx::Error {
    match error {
        sqlx::Error::PoolTimedOut => sqlx::Error::PoolTimedOut,
        sqlx::Error::PoolClosed => sqlx::Error::PoolClosed,
        other => sqlx::Error::Protocol(format!("could not reach the database: {other}")),
    }
}

/// Runs the checked insert for `group` (laid out as `prepared`): [`INSERT_GROUP`], or
/// [`INSERT_WITH_PERSONAL`] for an append with personal values (alone in its group). Returns the
/// tenant of each event inserted.
async fn insert_group(
    conn: &mut PgConnection,
    group: &[Pending],
    prepared: &[PreparedAppend],
) -> Result<Vec<Uuid>, sqlx::Error> {
    let events = || {
        group.iter().zip(prepared).flat_map(|(pending, prepared)| {
            (0u64..)
                .zip(pending.request.events.iter().zip(&prepared.hashes))
                .map(move |(offset, (event, hash))| Row {
                    pending,
                    offset,
                    event,
                    hash,
                })
        })
    };
    let count = |request: &AppendRequest| i32::try_from(request.events.len()).unwrap_or(i32::MAX);
    let personal = match group {
        [alone] if with_personal(&alone.request) => Some(&*alone.request),
        _ => None,
    };
    let sql = if personal.is_some() {
        INSERT_WITH_PERSONAL
    } else {
        INSERT_GROUP
    };
    let query = sqlx::query_scalar(sql)
        .bind(
            events()
                .map(|r| r.pending.request.tenant.as_uuid())
                .collect::<Vec<Uuid>>(),
        )
        .bind(
            events()
                .map(|r| to_i64(r.pending.head.position + r.offset + 1))
                .collect::<Vec<i64>>(),
        )
        .bind(
            events()
                .map(|r| to_i64(r.pending.head.position))
                .collect::<Vec<i64>>(),
        )
        .bind(
            events()
                .map(|r| r.pending.head.hash.as_str())
                .collect::<Vec<&str>>(),
        )
        .bind(
            events()
                .map(|r| r.pending.request.stream.as_str())
                .collect::<Vec<&str>>(),
        )
        .bind(
            events()
                .map(|r| to_i64(r.pending.stream_version + r.offset + 1))
                .collect::<Vec<i64>>(),
        )
        .bind(
            events()
                .map(|r| to_i64(r.pending.stream_version))
                .collect::<Vec<i64>>(),
        )
        .bind(
            events()
                .map(|r| r.pending.request.metadata.command_id)
                .collect::<Vec<Uuid>>(),
        )
        .bind(
            events()
                .map(|r| r.pending.request.metadata.actor.as_str())
                .collect::<Vec<&str>>(),
        )
        .bind(
            events()
                .map(|r| r.pending.request.metadata.causation_id)
                .collect::<Vec<Option<Uuid>>>(),
        )
        .bind(
            events()
                .map(|r| r.pending.request.metadata.correlation_id)
                .collect::<Vec<Uuid>>(),
        )
        .bind(
            events()
                .map(|r| {
                    r.pending
                        .request
                        .metadata
                        .fingerprint
                        .as_ref()
                        .map(CommandFingerprint::as_str)
                })
                .collect::<Vec<Option<&str>>>(),
        )
        .bind(prepared.first().map(|p| p.recorded_at))
        .bind(events().map(|r| r.event.event_id).collect::<Vec<Uuid>>())
        .bind(
            events()
                .map(|r| r.event.event_type.as_str())
                .collect::<Vec<&str>>(),
        )
        .bind(
            events()
                .map(|r| i32::from(r.event.schema_version))
                .collect::<Vec<i32>>(),
        )
        .bind(
            events()
                .map(|r| r.event.payload.as_str())
                .collect::<Vec<&str>>(),
        )
        .bind(events().map(|r| r.hash.as_str()).collect::<Vec<&str>>())
        .bind(
            events()
                .map(|r| {
                    if r.offset == 0 {
                        count(&r.pending.request)
                    } else {
                        0
                    }
                })
                .collect::<Vec<i32>>(),
        );
    let Some(request) = personal else {
        return query.fetch_all(conn).await;
    };
    let values = request
        .events
        .iter()
        .flat_map(|e| e.personal.iter().map(move |value| (e.event_id, value)));
    let (mut value_events, mut commitments, mut salts, mut texts) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (event_id, value) in values {
        value_events.push(event_id);
        commitments.push(value.commitment.as_str());
        salts.push(value.salt.as_str());
        texts.push(value.value.as_str());
    }
    let erase: Vec<&str> = request.erase.iter().map(Commitment::as_str).collect();
    query
        .bind(value_events)
        .bind(commitments)
        .bind(salts)
        .bind(texts)
        .bind(erase)
        .fetch_all(conn)
        .await
}

/// One event of a group, with the append it belongs to.
struct Row<'a> {
    pending: &'a Pending,
    /// The event's place in its append, from 0.
    offset: u64,
    event: &'a NewEvent,
    hash: &'a String,
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::chain::GENESIS_HASH;
    use crate::types::{Actor, AppendMetadata, EventType, StreamName};
    use crate::{CanonicalJson, EventStore as _, ExpectedVersion, PgEventStore, migrations};
    use civic_testkit::TestPostgres;

    fn request(tenant: TenantId, stream: &str, events: usize) -> Arc<AppendRequest> {
        let event = NewEvent::new(
            EventType::parse("SomethingHappened").unwrap(),
            1,
            CanonicalJson::parse("{}").unwrap(),
        );
        Arc::new(AppendRequest {
            erase: Vec::new(),
            tenant,
            stream: StreamName::parse(stream).unwrap(),
            expected: ExpectedVersion::Any,
            metadata: AppendMetadata {
                actor: Actor::parse("system:test").unwrap(),
                command_id: Uuid::now_v7(),
                causation_id: None,
                correlation_id: Uuid::now_v7(),
                fingerprint: None,
            },
            events: vec![event; events],
        })
    }

    fn genesis() -> LogHead {
        LogHead {
            position: 0,
            hash: GENESIS_HASH.to_owned(),
        }
    }

    fn pending(
        request: Arc<AppendRequest>,
        head: LogHead,
        stream_version: u64,
    ) -> (Pending, oneshot::Receiver<Result<Written, StoreError>>) {
        let (reply, answer) = oneshot::channel();
        let pending = Pending {
            request,
            head,
            stream_version,
            reply,
        };
        (pending, answer)
    }

    fn tenants(group: &[Pending]) -> Vec<TenantId> {
        group.iter().map(|p| p.request.tenant).collect()
    }

    #[test]
    fn a_group_takes_each_free_tenants_oldest_append_and_leaves_the_rest_in_order() {
        let (a, b, c) = (TenantId::new(), TenantId::new(), TenantId::new());
        let mut queue = Queue::default();
        let arrivals = [(a, "x/1"), (a, "x/2"), (b, "x/1"), (c, "x/1"), (b, "x/2")];
        for (tenant, stream) in arrivals {
            queue
                .waiting
                .push_back(pending(request(tenant, stream, 1), genesis(), 0).0);
        }
        // Another writer is writing `c`.
        queue.writing.insert(c);
        let group = queue.take_group();
        assert_eq!(tenants(&group), [a, b]);
        assert_eq!(group[0].request.stream.as_str(), "x/1");
        let left: Vec<(TenantId, &str)> = queue
            .waiting
            .iter()
            .map(|p| (p.request.tenant, p.request.stream.as_str()))
            .collect();
        assert_eq!(left, [(a, "x/2"), (c, "x/1"), (b, "x/2")]);
        assert_eq!(queue.writing, HashSet::from([a, b, c]));
        // While all three are being written, nothing more is taken.
        assert!(queue.take_group().is_empty());
    }

    #[test]
    fn a_group_stays_within_its_bounds_of_appends_and_events() {
        let mut queue = Queue::default();
        for _ in 0..MAX_GROUP + 1 {
            let request = request(TenantId::new(), "x/1", 1);
            queue.waiting.push_back(pending(request, genesis(), 0).0);
        }
        assert_eq!(queue.take_group().len(), MAX_GROUP);
        assert_eq!(queue.waiting.len(), 1);

        let mut queue = Queue::default();
        for events in [MAX_GROUP_EVENTS - 1, 2, 1] {
            let request = request(TenantId::new(), "x/1", events);
            queue.waiting.push_back(pending(request, genesis(), 0).0);
        }
        let sizes: Vec<usize> = queue
            .take_group()
            .iter()
            .map(|p| p.request.events.len())
            .collect();
        // The second would pass the bound; the third still fits and is not held up by it.
        assert_eq!(sizes, [MAX_GROUP_EVENTS - 1, 1]);
        assert_eq!(queue.waiting.len(), 1);
    }

    #[test]
    fn an_append_with_personal_values_or_an_erasure_is_written_alone() {
        let mut erasing = (*request(TenantId::new(), "x/1", 1)).clone();
        erasing.erase = vec![Commitment::of(b"salt", "A. Person")];
        let erasing = Arc::new(erasing);
        let mut queue = Queue::default();
        let plain = || pending(request(TenantId::new(), "x/1", 1), genesis(), 0).0;
        queue.waiting.push_back(plain());
        queue
            .waiting
            .push_back(pending(erasing.clone(), genesis(), 0).0);
        queue.waiting.push_back(plain());
        // It does not join a group...
        assert_eq!(queue.take_group().len(), 2);
        // ...and no other append joins its own.
        queue.waiting.push_back(plain());
        let group = queue.take_group();
        assert_eq!(tenants(&group), [erasing.tenant]);
        assert_eq!(queue.waiting.len(), 1);
    }

    async fn written(answer: oneshot::Receiver<Result<Written, StoreError>>) -> Option<u64> {
        match answer.await.unwrap().unwrap() {
            Written::Appended(prepared) => Some(prepared.committed.last_position),
            Written::Stale => None,
        }
    }

    #[tokio::test]
    async fn a_stale_append_is_left_out_of_its_group_and_the_others_go_in() {
        let Some(db) = TestPostgres::fresh("group_stale", &migrations::postgres()).await else {
            return;
        };
        let store = PgEventStore::connect(db.url(), 2).await.unwrap();
        let (moved, fresh) = (TenantId::new(), TenantId::new());
        store
            .append((*request(moved, "x/1", 1)).clone())
            .await
            .unwrap();

        // `moved` is no longer at genesis: its append is stale; `fresh`'s two events go in.
        let (stale, stale_answer) = pending(request(moved, "x/2", 1), genesis(), 0);
        let (good, good_answer) = pending(request(fresh, "x/1", 2), genesis(), 0);
        let (mut conn, counted) = (None, Counted::default());
        let heads = Heads::default();
        write_group(store.pool(), &heads, &mut conn, vec![stale, good], &counted).await;
        assert_eq!(written(stale_answer).await, None);
        assert_eq!(written(good_answer).await, Some(2));
        assert_eq!(store.head(moved).await.unwrap().position, 1);
        assert_eq!(store.read_log(fresh, 0, 10).await.unwrap().len(), 2);
        // A stale append does not split its group.
        assert_eq!(counted.statements.load(Ordering::Relaxed), 1);
        assert_eq!(counted.split.load(Ordering::Relaxed), 0);
    }

    #[tokio::test]
    async fn a_group_that_breaks_a_unique_key_is_written_again_one_append_at_a_time() {
        let Some(db) = TestPostgres::fresh("group_unique", &migrations::postgres()).await else {
            return;
        };
        let store = PgEventStore::connect(db.url(), 2).await.unwrap();
        let (used, other) = (TenantId::new(), TenantId::new());
        let first = request(used, "x/1", 1);
        let committed = store.append((*first).clone()).await.unwrap().committed;

        // The same command id again, on a head and stream version that still check out: only
        // the unique command key refuses it, which rolls back the whole statement.
        let mut again = (*request(used, "x/2", 1)).clone();
        again.metadata.command_id = first.metadata.command_id;
        let head = store.head(used).await.unwrap();
        let (refused, refused_answer) = pending(Arc::new(again), head, 0);
        let (good, good_answer) = pending(request(other, "x/1", 1), genesis(), 0);
        let (mut conn, counted) = (None, Counted::default());
        let heads = Heads::default();
        write_group(
            store.pool(),
            &heads,
            &mut conn,
            vec![refused, good],
            &counted,
        )
        .await;
        assert_eq!(written(refused_answer).await, None);
        assert_eq!(written(good_answer).await, Some(1));
        assert_eq!(
            store.head(used).await.unwrap().position,
            committed.last_position
        );
        assert_eq!(store.head(other).await.unwrap().position, 1);
        // The group, then each append alone.
        assert_eq!(counted.statements.load(Ordering::Relaxed), 3);
        assert_eq!(counted.appends.load(Ordering::Relaxed), 4);
        assert_eq!(counted.split.load(Ordering::Relaxed), 1);
    }

    #[tokio::test]
    async fn a_writer_acts_as_the_pools_role_and_plans_generically() {
        let Some(db) = TestPostgres::fresh("group_role", &migrations::postgres()).await else {
            return;
        };
        let store = PgEventStore::connect(db.url(), 2).await.unwrap();
        let mut conn = connect(store.pool()).await.unwrap();
        let (role, plans): (String, String) =
            sqlx::query_as("SELECT current_user::text, current_setting('plan_cache_mode')")
                .fetch_one(&mut conn)
                .await
                .unwrap();
        assert_eq!(role, crate::postgres::APPLICATION_ROLE);
        assert_eq!(plans, "force_generic_plan");
    }

    #[test]
    fn appends_after_the_writers_runtime_ended_are_answered_by_new_writers() {
        let runtime = || {
            tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap()
        };
        let first = runtime();
        // Nothing listens on port 1: every write fails, quickly, and is answered.
        let group = {
            let _entered = first.enter();
            let pool = sqlx::postgres::PgPoolOptions::new()
                .acquire_timeout(std::time::Duration::from_millis(200))
                .connect_lazy("postgres://civic@127.0.0.1:1/none")
                .unwrap();
            GroupCommit::new(pool, Arc::default())
        };
        let append = |runtime: &tokio::runtime::Runtime| {
            runtime.block_on(async {
                let write = group.write(request(TenantId::new(), "x/1", 1), genesis(), 0);
                tokio::time::timeout(std::time::Duration::from_secs(30), write).await
            })
        };
        assert!(matches!(append(&first), Ok(Err(StoreError::Database(_)))));
        assert_eq!(group.shared.lock().writers, WRITERS);
        // The writers were tasks of the first runtime and ended with it.
        drop(first);
        assert_eq!(group.shared.lock().writers, 0);
        let second = runtime();
        assert!(matches!(append(&second), Ok(Err(StoreError::Database(_)))));
    }
}
