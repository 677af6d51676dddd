//! The query API the gateway calls: [`ReadModels`], one file per read model.
//!
//! - [`position`]: where a council's answers stand ([`ReadPosition`]), for exact caching.
//! - [`directory`]: the platform's registry: slugs and, with several databases, placements.
//! - [`session`]: read transactions (one snapshot; tenant isolation on PostgreSQL).
//! - `councils`, `decisions`, `forward_plan`, `strategy`, `meetings`: the queries of each read
//!   model.
//!
//! Every query reads the tenant's active generation, so a rebuild switches what it sees at once.
//!
//! Transactions are opened only through a [`Session`], which only [`ReadModels::to_completion`]
//! hands out: every query, slug claim and projector batch runs to its end on a task of its own,
//! so a caller dropped half-way (a client that disconnects) cannot interrupt a `BEGIN` or a
//! `COMMIT` and leave a pooled connection inside a transaction. See
//! `docs/reliability/cancellation.md`.

mod councils;
mod decisions;
mod directory;
mod forward_plan;
mod lag;
mod meetings;
mod position;
mod session;
mod strategy;

use std::future::Future;
use std::num::NonZeroUsize;
use std::ops::Deref;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use civic_domain::values::DecisionId;
use civic_eventstore::{TenantId, run_to_completion_with};
use lru::LruCache;
use sqlx::{PgPool, SqlitePool};

use crate::db::{Dialect, Param, Tx};
use crate::error::ProjectionError;
use crate::views::CouncilView;

pub use directory::{Placement, PlacementCount};
pub use lag::CouncilLag;
pub use position::ReadPosition;

/// The database that holds both the events and the read models.
#[derive(Debug, Clone)]
pub(crate) enum Db {
    Postgres(PgPool),
    Sqlite(SqlitePool),
}

/// The read-model tables whose rows hold records' contact details (views and listings): an
/// erasure rewrites them after their rows were folded again, so that no copy of an erased value
/// stays in the database's files.
pub const TABLES_WITH_PERSONAL_DATA: &[&str] = &[
    "decisions",
    "forward_plan_entries",
    "forward_plan_listings",
    "meetings",
];

/// The read models of every council and the queries over them. Cheap to clone: it holds a pool,
/// a shared cache and a shared count of reads.
#[derive(Debug, Clone)]
pub struct ReadModels {
    pub(crate) db: Db,
    cache: Arc<Cache>,
    reads_begun: Arc<AtomicU64>,
}

/// A council view and the (generation, last position) it was read at.
type CachedCouncil = ((u64, u64), Arc<CouncilView>);

/// Councils whose slug and view are kept: every English parish council (about 10,000) stays
/// warm, a few MB of views; beyond it the least recently used council is read again when asked.
const CACHED_COUNCILS: NonZeroUsize = NonZeroUsize::new(16_384).expect("not zero");

/// What every request would otherwise read again, for the most recently used councils. Only
/// claimed slugs are kept, so requests for unknown slugs add nothing.
#[derive(Debug)]
struct Cache {
    /// Slug claims, which are permanent: a hit never goes stale.
    slugs: Mutex<LruCache<String, TenantId>>,
    /// Each tenant's council view, with the (generation, position) it was read at; a query
    /// that sees another position reads the council again.
    councils: Mutex<LruCache<TenantId, CachedCouncil>>,
}

impl Default for Cache {
    fn default() -> Self {
        Self::with_capacity(CACHED_COUNCILS)
    }
}

impl Cache {
    fn with_capacity(councils: NonZeroUsize) -> Self {
        Self {
            slugs: Mutex::new(LruCache::new(councils)),
            councils: Mutex::new(LruCache::new(councils)),
        }
    }

    fn tenant(&self, slug: &str) -> Option<TenantId> {
        lock(&self.slugs).get(slug).copied()
    }

    fn claimed(&self, slug: &str, tenant: TenantId) {
        lock(&self.slugs).put(slug.to_owned(), tenant);
    }

    fn council(&self, tenant: TenantId) -> Option<CachedCouncil> {
        lock(&self.councils).get(&tenant).cloned()
    }

    fn read_council(&self, tenant: TenantId, council: CachedCouncil) {
        lock(&self.councils).put(tenant, council);
    }
}

/// A cache's lock; a panic elsewhere cannot leave an entry half-written, so a poisoned lock is
/// still sound.
fn lock<T>(cache: &Mutex<T>) -> MutexGuard<'_, T> {
    cache.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The (generation, last position) of the tenant's council as of its active generation, as two
/// text columns, for [`ReadModels::council_at`]. Takes the tenant twice.
pub(crate) const COUNCIL_AT: &str = "(SELECT CAST(c.generation AS TEXT) FROM councils c \
     WHERE c.tenant_id = ? AND c.generation = \
     (SELECT g.active_generation FROM projection_generations g WHERE g.tenant_id = c.tenant_id)), \
     (SELECT CAST(c.last_position AS TEXT) FROM councils c \
     WHERE c.tenant_id = ? AND c.generation = \
     (SELECT g.active_generation FROM projection_generations g WHERE g.tenant_id = c.tenant_id))";

/// The active generation of the tenant named by the next parameter.
pub(crate) const ACTIVE_GENERATION: &str =
    "(SELECT g.active_generation FROM projection_generations g WHERE g.tenant_id = ?)";

impl ReadModels {
    /// Read models in a PostgreSQL database migrated with `civic_eventstore::migrations`.
    pub fn postgres(pool: PgPool) -> Self {
        Self {
            db: Db::Postgres(pool),
            cache: Arc::default(),
            reads_begun: Arc::default(),
        }
    }

    /// Read models in a SQLite database migrated with `civic_eventstore::migrations`.
    pub fn sqlite(pool: SqlitePool) -> Self {
        Self {
            db: Db::Sqlite(pool),
            cache: Arc::default(),
            reads_begun: Arc::default(),
        }
    }

    /// Read models in the database of `store`, sharing its pool.
    pub fn for_store(store: &civic_eventstore::AnyEventStore) -> Self {
        match store {
            civic_eventstore::AnyEventStore::Postgres(store) => {
                Self::postgres(store.pool().clone())
            }
            civic_eventstore::AnyEventStore::Sqlite(store) => Self::sqlite(store.pool().clone()),
        }
    }

    /// How many read transactions these read models (and their clones) have begun: every query
    /// of this API is one, so the count is the number of database round trips a caller caused,
    /// e.g. that a request's many lookups by id were read as one batch. The projector's own
    /// transactions are not counted.
    pub fn reads_begun(&self) -> u64 {
        self.reads_begun.load(Ordering::Relaxed)
    }

    /// Runs `work`, given a [`Session`] on this database, to its end on a task of its own: if
    /// the caller's future is dropped, the work still commits or rolls back and returns its
    /// connections clean; only its result is lost. The work's future is made on that task
    /// ([`run_to_completion_with`]), so the caller's future holds only `work`'s captures.
    pub(crate) async fn to_completion<T, Work>(
        &self,
        work: impl FnOnce(Session) -> Work + Send + 'static,
    ) -> Result<T, ProjectionError>
    where
        Work: Future<Output = Result<T, ProjectionError>> + Send + 'static,
        T: Send + 'static,
    {
        let session = Session {
            models: self.clone(),
        };
        run_to_completion_with(move || work(session)).await
    }

    /// The tenant's council as of its active generation, read inside `tx` unless the cached view
    /// was read at `seen` = (generation, last position), which the caller's query returned.
    pub(crate) async fn council_at(
        &self,
        tx: &mut Tx,
        tenant: TenantId,
        seen: Option<(u64, u64)>,
    ) -> Result<Option<Arc<CouncilView>>, ProjectionError> {
        let Some(seen) = seen else {
            return Ok(None);
        };
        if let Some((at, view)) = self.cache.council(tenant)
            && at == seen
        {
            return Ok(Some(view));
        }
        let Some(view) = council_in(tx, tenant).await?.map(Arc::new) else {
            return Ok(None);
        };
        self.cache.read_council(tenant, (seen, view.clone()));
        Ok(Some(view))
    }

    /// The position of the tenant's log that its read models reflect (0 before the first
    /// catch-up). A client that appended at position p can wait until this reaches p to read its
    /// own write.
    #[tracing::instrument(level = "debug", skip_all, fields(tenant = %tenant))]
    pub async fn checkpoint(&self, tenant: TenantId) -> Result<u64, ProjectionError> {
        self.to_completion(move |session| async move {
            let mut tx = session.reader(Some(tenant)).await?;
            let sql = format!(
                "SELECT CAST(c.position AS TEXT) FROM projection_checkpoints c \
                 WHERE c.tenant_id = ? AND c.generation = {ACTIVE_GENERATION}"
            );
            let row = tx
                .row(
                    &sql,
                    &[Param::Uuid(tenant.as_uuid()), Param::Uuid(tenant.as_uuid())],
                )
                .await?;
            tx.commit().await?;
            row.map_or(Ok(0), |row| row.u64(0))
        })
        .await
    }
}

/// The database's transactions, handed only to work that runs to its end
/// ([`ReadModels::to_completion`]), so no transaction is ever opened where dropping a caller
/// could interrupt it. Derefs to the [`ReadModels`] it came from (for their cache).
pub(crate) struct Session {
    models: ReadModels,
}

impl Deref for Session {
    type Target = ReadModels;

    fn deref(&self) -> &ReadModels {
        &self.models
    }
}

impl Session {
    /// A read transaction; on PostgreSQL scoped to `tenant` by row-level security.
    pub(crate) async fn reader(&self, tenant: Option<TenantId>) -> Result<Tx, ProjectionError> {
        self.models.reads_begun.fetch_add(1, Ordering::Relaxed);
        match &self.models.db {
            Db::Postgres(pool) => session::postgres(pool, tenant).await,
            Db::Sqlite(pool) => session::sqlite(pool).await,
        }
    }

    /// A write transaction that holds the per-tenant lock once taken. SQLite's `BEGIN IMMEDIATE`
    /// takes the database's write lock up front, so reading and writing cannot interleave with
    /// another writer.
    pub(crate) async fn writer(&self) -> Result<Tx, ProjectionError> {
        Ok(match &self.models.db {
            Db::Postgres(pool) => Tx::Postgres(pool.begin().await?),
            Db::Sqlite(pool) => Tx::Sqlite(pool.begin_with("BEGIN IMMEDIATE").await?),
        })
    }

    /// A write transaction of the projector (batches, rebuilds): like [`Session::writer`], but
    /// on PostgreSQL committed without waiting for the WAL to reach the disk. Everything it
    /// writes is derived from the log, rows and checkpoint in one transaction, so a crash can only
    /// lose its last few commits whole, never part of one; the projector then projects those
    /// events again from the older checkpoint. The log's own appends stay durable.
    pub(crate) async fn projector_writer(&self) -> Result<Tx, ProjectionError> {
        Ok(match &self.models.db {
            Db::Postgres(pool) => Tx::Postgres(
                pool.begin_with("BEGIN; SET LOCAL synchronous_commit = off")
                    .await?,
            ),
            Db::Sqlite(pool) => Tx::Sqlite(pool.begin_with("BEGIN IMMEDIATE").await?),
        })
    }

    /// A plain transaction for the projector's own reads (which tenants are behind): no role
    /// switch, and on SQLite no write lock.
    pub(crate) async fn scanner(&self) -> Result<Tx, ProjectionError> {
        Ok(match &self.models.db {
            Db::Postgres(pool) => Tx::Postgres(pool.begin().await?),
            Db::Sqlite(pool) => Tx::Sqlite(pool.begin().await?),
        })
    }
}

/// The tenant's council as of its active generation, read inside `tx`.
pub(crate) async fn council_in(
    tx: &mut Tx,
    tenant: TenantId,
) -> Result<Option<CouncilView>, ProjectionError> {
    let sql = format!(
        "SELECT CAST(c.document AS TEXT) FROM councils c \
         WHERE c.tenant_id = ? AND c.generation = {ACTIVE_GENERATION}"
    );
    tx.row(
        &sql,
        &[Param::Uuid(tenant.as_uuid()), Param::Uuid(tenant.as_uuid())],
    )
    .await?
    .map(|row| row.json(0))
    .transpose()
}

/// Which of `ids` the public may see (published decisions), read inside `tx`: other read models
/// drop references to the rest so that they do not reveal unpublished decisions.
pub(crate) async fn public_decisions_in(
    tx: &mut Tx,
    tenant: TenantId,
    ids: &[DecisionId],
) -> Result<Vec<DecisionId>, ProjectionError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let among = among(tx.dialect(), "d.id");
    let sql = format!(
        "SELECT CAST(d.id AS TEXT) FROM decisions d WHERE d.tenant_id = ? \
         AND d.generation = {ACTIVE_GENERATION} AND d.audience = 'public' AND {among}"
    );
    let rows = tx
        .rows(
            &sql,
            &[
                Param::Uuid(tenant.as_uuid()),
                Param::Uuid(tenant.as_uuid()),
                Param::UuidList(ids.iter().map(DecisionId::as_uuid).collect()),
            ],
        )
        .await?;
    rows.iter()
        .map(|row| row.uuid(0).map(DecisionId::from_uuid))
        .collect()
}

/// The condition "`column` is one of the ids bound to the next parameter" (a [`Param::UuidList`]):
/// an array on PostgreSQL, a JSON array read with `json_each` on SQLite. One placeholder
/// whatever the number of ids, so a batch of lookups is one statement on both backends.
pub(crate) fn among(dialect: Dialect, column: &str) -> String {
    match dialect {
        Dialect::Postgres => format!("{column} = ANY(?)"),
        Dialect::Sqlite => format!("{column} IN (SELECT value FROM json_each(?))"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn council(tenant: TenantId) -> CachedCouncil {
        let view: CouncilView = serde_json::from_value(serde_json::json!({
            "tenant": tenant.to_string(), "slug": "maidstone",
            "name": "Maidstone Borough Council", "former_names": [], "kind": "district",
            "nation": "england", "wards": [], "bodies": [],
            "call_in_policy": {"period_working_days": 3, "counted_from": "decision",
                               "takes_effect": "last_day"},
            "key_decision_thresholds": null, "closure_days": [], "status_labels": [],
            "version": 1, "last_position": 1
        }))
        .unwrap();
        ((1, 1), Arc::new(view))
    }

    #[test]
    fn the_caches_keep_only_the_most_recently_used_councils() {
        let cache = Cache::with_capacity(NonZeroUsize::new(2).unwrap());
        let (a, b, c) = (TenantId::new(), TenantId::new(), TenantId::new());
        cache.claimed("a", a);
        cache.claimed("b", b);
        cache.read_council(a, council(a));
        cache.read_council(b, council(b));
        // `a` was asked for since `b` was stored: `b` is the one to go.
        assert_eq!(cache.tenant("a"), Some(a));
        assert!(cache.council(a).is_some());
        cache.claimed("c", c);
        cache.read_council(c, council(c));
        assert_eq!(cache.tenant("b"), None);
        assert!(cache.council(b).is_none());
        assert_eq!(cache.tenant("a"), Some(a));
        assert_eq!(cache.tenant("c"), Some(c));
        assert!(cache.council(a).is_some());
        assert!(cache.council(c).is_some());
    }
}
