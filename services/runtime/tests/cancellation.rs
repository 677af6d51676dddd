//! A request dropped at any await point (a client that disconnects, a timeout, an aborted task)
//! never leaves a pooled connection inside a transaction.
//!
//! Hundreds of read-model queries, log reads and commands (`Runtime::run`: load, decide, append,
//! catch up) are dropped at random await points on a pool of three connections. Then, on every
//! pooled connection: a read sees the latest committed write, a write succeeds and commits (it is
//! visible from an independent connection), and on PostgreSQL no session of the database is idle
//! in a transaction. See `docs/reliability/cancellation.md`.

#![allow(clippy::unwrap_used, missing_docs)]

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use civic_domain::council::{BodyKind, CouncilCommand, CouncilKind};
use civic_domain::decision::DecisionCommand;
use civic_domain::example;
use civic_domain::values::{BodyId, DecisionId, Name, Slug, WardId};
use civic_domain::{Command, Nation};
use civic_eventstore::{Actor, AnyEventStore, EventStore, SqliteEventStore, TenantId};
use civic_projections::{DecisionFilter, Detail, PageRequest, Viewer};
use civic_runtime::{Envelope, Runtime};
use civic_testkit::{TestPostgres, TestSqlite};
use sqlx::Connection;
use uuid::Uuid;

/// The pool is small so that every connection serves many of the dropped requests.
const POOL: u32 = 3;
/// Requests in flight at once (more than the pool: some wait for a connection when dropped).
const WORKERS: u64 = 8;
/// Requests each worker starts per storm; most are dropped before they finish.
const REQUESTS_PER_WORKER: u64 = 40;
/// Storms, each followed by the checks on every pooled connection.
const ROUNDS: usize = 3;
/// Only against hangs: nothing here is timed.
const HANG_GUARD: Duration = Duration::from_secs(120);

macro_rules! both_backends {
    ($($test:ident),+ $(,)?) => {
        $(
            mod $test {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    super::$test(false).await;
                }

                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    super::$test(true).await;
                }
            }
        )+
    };
}

both_backends!(requests_dropped_at_random_await_points_leave_no_connection_inside_a_transaction);

async fn requests_dropped_at_random_await_points_leave_no_connection_inside_a_transaction(
    postgres: bool,
) {
    let Some(db) = Database::fresh(postgres).await else {
        return;
    };
    let runtime = Arc::new(db.runtime().await);
    let world = Arc::new(World::set_up(&runtime).await);
    let seed = std::env::var("CIVIC_CANCEL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| Uuid::now_v7().as_u128() as u64 | 1);

    let mut storm = Storm::default();
    let mut checks = Checks::default();
    for round in 0..ROUNDS {
        let one = tokio::time::timeout(HANG_GUARD, storm_of(&runtime, &world, seed ^ round as u64))
            .await
            .unwrap_or_else(|_| panic!("storm {round} hung (seed {seed})"));
        storm.add(one);
        tokio::time::timeout(
            HANG_GUARD,
            check_round(&db, &runtime, &world, round, &mut checks),
        )
        .await
        .unwrap_or_else(|_| panic!("the checks after storm {round} hung (seed {seed})"));
    }
    let report = format!(
        "{} backend, seed {seed}: {} requests, {} dropped, {} finished with an error {:?}; \
         {} pooled connections checked; {} reads, {} stale; {} writes, {} failed; {} sessions \
         idle in a transaction",
        if postgres { "PostgreSQL" } else { "SQLite" },
        storm.started,
        storm.dropped,
        storm.errors.len(),
        storm.errors.iter().take(3).collect::<Vec<_>>(),
        checks.connections,
        checks.reads,
        checks.stale_reads,
        checks.writes,
        checks.failed_writes,
        checks.idle_in_transaction,
    );
    println!("{report}");
    assert!(storm.dropped > 0, "nothing was dropped: {report}");
    assert!(storm.errors.is_empty(), "{report}");
    assert_eq!(checks.stale_reads, 0, "{report}");
    assert_eq!(checks.failed_writes, 0, "{report}");
    assert_eq!(checks.idle_in_transaction, 0, "{report}");
}

/// A fresh database of either backend, with raw access for the checks.
enum Database {
    Sqlite(TestSqlite),
    Postgres(Box<TestPostgres>),
}

impl Database {
    async fn fresh(postgres: bool) -> Option<Self> {
        Some(if postgres {
            let db = TestPostgres::fresh("cancellation", &civic_eventstore::migrations::postgres())
                .await?;
            Self::Postgres(Box::new(db))
        } else {
            Self::Sqlite(TestSqlite::fresh())
        })
    }

    /// The runtime as production builds it, on a pool of [`POOL`] connections.
    async fn runtime(&self) -> Runtime {
        match self {
            Self::Postgres(db) => Runtime::connect(db.url(), POOL).await.unwrap(),
            Self::Sqlite(db) => {
                let store = SqliteEventStore::open_file_with_pool_size(&db.path(), POOL)
                    .await
                    .unwrap();
                store.migrate().await.unwrap();
                Runtime::over(AnyEventStore::Sqlite(store))
            }
        }
    }
}

/// Two councils, each with a body to record decisions for and one known decision.
struct World {
    councils: Vec<(TenantId, BodyId, DecisionId)>,
}

fn clerk() -> Actor {
    Actor::parse("clerk:alice").unwrap()
}

fn record(cabinet: BodyId, decision: DecisionId) -> Command {
    Command::Decision {
        decision,
        command: DecisionCommand::Record {
            details: example::details(cabinet, None).unwrap().into(),
        },
    }
}

impl World {
    async fn set_up(runtime: &Runtime) -> Self {
        let mut councils = Vec::new();
        for slug in ["ashford", "dover"] {
            let (tenant, _) = runtime
                .register_council(
                    Actor::parse("admin:root").unwrap(),
                    Uuid::now_v7(),
                    CouncilCommand::Register {
                        slug: Slug::parse(slug).unwrap(),
                        name: Name::parse("A Borough Council").unwrap(),
                        kind: CouncilKind::District,
                        nation: Nation::England,
                    },
                )
                .await
                .unwrap();
            let cabinet = BodyId::new();
            let add_body = Command::Council(CouncilCommand::AddBody {
                body: cabinet,
                name: Name::parse("Cabinet").unwrap(),
                kind: BodyKind::Cabinet,
            });
            let envelope = Envelope::new(tenant, clerk(), Uuid::now_v7());
            runtime.run(&envelope, &add_body).await.unwrap();
            let decision = DecisionId::new();
            let envelope = Envelope::new(tenant, clerk(), Uuid::now_v7());
            runtime
                .run(&envelope, &record(cabinet, decision))
                .await
                .unwrap();
            councils.push((tenant, cabinet, decision));
        }
        Self { councils }
    }
}

/// A small xorshift generator: the storm is random but reproducible from its seed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// Polls a future until it has been suspended `suspensions` times, then drops it: a client that
/// goes away at exactly that await point.
struct DropAfter<F> {
    future: Pin<Box<F>>,
    suspensions: u64,
}

impl<F: Future> Future for DropAfter<F> {
    type Output = Option<F::Output>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match self.future.as_mut().poll(cx) {
            Poll::Ready(output) => Poll::Ready(Some(output)),
            Poll::Pending if self.suspensions == 0 => Poll::Ready(None),
            Poll::Pending => {
                self.suspensions -= 1;
                Poll::Pending
            }
        }
    }
}

/// One request of the storm: a read of a read model or of the log, or a command.
async fn request(runtime: Arc<Runtime>, world: Arc<World>, pick: u64) -> Result<(), String> {
    let (tenant, cabinet, known) = world.councils[(pick / 16) as usize % world.councils.len()];
    let models = runtime.read_models();
    let page = PageRequest {
        first: 10,
        after: None,
    };
    let filter = DecisionFilter::default();
    match pick % 10 {
        0 => models
            .decisions(tenant, Viewer::Clerk, &filter, &page, Detail::Summary)
            .await
            .map(drop)
            .map_err(|e| e.to_string()),
        1 => models
            .decisions(tenant, Viewer::Public, &filter, &page, Detail::Full)
            .await
            .map(drop)
            .map_err(|e| e.to_string()),
        2 => models
            .decision(tenant, Viewer::Clerk, known)
            .await
            .map(drop)
            .map_err(|e| e.to_string()),
        3 => models
            .council(tenant)
            .await
            .map(drop)
            .map_err(|e| e.to_string()),
        4 => models
            .checkpoint(tenant)
            .await
            .map(drop)
            .map_err(|e| e.to_string()),
        5 => models
            .strategy_documents(tenant, Viewer::Public)
            .await
            .map(drop)
            .map_err(|e| e.to_string()),
        6 => runtime
            .store()
            .read_log(tenant, 0, 50)
            .await
            .map(drop)
            .map_err(|e| e.to_string()),
        7 => runtime
            .store()
            .head(tenant)
            .await
            .map(drop)
            .map_err(|e| e.to_string()),
        8 => {
            let add_ward = Command::Council(CouncilCommand::AddWard {
                ward: WardId::new(),
                name: Name::parse(&format!("Ward {}", Uuid::now_v7().simple())).unwrap(),
            });
            let envelope = Envelope::new(tenant, clerk(), Uuid::now_v7());
            runtime
                .run(&envelope, &add_ward)
                .await
                .map(drop)
                .map_err(|e| e.to_string())
        }
        _ => {
            let envelope = Envelope::new(tenant, clerk(), Uuid::now_v7());
            runtime
                .run(&envelope, &record(cabinet, DecisionId::new()))
                .await
                .map(drop)
                .map_err(|e| e.to_string())
        }
    }
}

/// What the storms did.
#[derive(Debug, Default)]
struct Storm {
    started: u64,
    dropped: u64,
    errors: Vec<String>,
}

impl Storm {
    fn add(&mut self, other: Storm) {
        self.started += other.started;
        self.dropped += other.dropped;
        self.errors.extend(other.errors);
    }
}

/// Starts `WORKERS × REQUESTS_PER_WORKER` requests and drops most of them: after a random
/// number of suspensions, after a random sub-3 ms timeout, or by aborting the task running it.
async fn storm_of(runtime: &Arc<Runtime>, world: &Arc<World>, seed: u64) -> Storm {
    let mut workers = Vec::new();
    for worker in 0..WORKERS {
        let runtime = runtime.clone();
        let world = world.clone();
        workers.push(tokio::spawn(async move {
            let mut rng = Rng(seed.wrapping_mul(worker + 1) | 1);
            let mut storm = Storm::default();
            for _ in 0..REQUESTS_PER_WORKER {
                storm.started += 1;
                let pick = rng.below(1 << 20);
                let one = request(runtime.clone(), world.clone(), pick);
                let finished = match rng.below(3) {
                    0 => {
                        DropAfter {
                            future: Box::pin(one),
                            suspensions: rng.below(12),
                        }
                        .await
                    }
                    1 => {
                        let within = Duration::from_micros(rng.below(3_000));
                        tokio::time::timeout(within, one).await.ok()
                    }
                    _ => {
                        let task = tokio::spawn(one);
                        for _ in 0..rng.below(24) {
                            tokio::task::yield_now().await;
                        }
                        task.abort();
                        task.await.ok()
                    }
                };
                match finished {
                    None => storm.dropped += 1,
                    Some(Ok(())) => {}
                    Some(Err(error)) => storm.errors.push(error),
                }
            }
            storm
        }));
    }
    let mut total = Storm::default();
    for worker in workers {
        total.add(worker.await.unwrap());
    }
    total
}

/// What the checks after each storm found.
#[derive(Debug, Default)]
struct Checks {
    /// Pooled connections checked (each held at once with the others).
    connections: u64,
    /// Reads, on a pooled connection or through the query API, of something committed before.
    reads: u64,
    /// Of those, reads that did not see it.
    stale_reads: u64,
    /// Writes: commands through the runtime, and a probe row on each pooled connection.
    writes: u64,
    /// Of those, writes that failed or were not visible from an independent connection.
    failed_writes: u64,
    /// PostgreSQL sessions of the database idle in a transaction while the pool was idle.
    idle_in_transaction: i64,
}

/// The checks after a storm.
///
/// 1. Every pooled connection is taken (so the dropped requests' connections are back in the
///    pool, their detached work finished) and, on PostgreSQL, the sessions idle in a transaction
///    are counted from an independent connection.
/// 2. A row committed on the independent connection is read on every pooled connection.
/// 3. Each pooled connection writes a row, which the independent connection must see.
/// 4. A command in each council, then reads of its decision through the query API.
async fn check_round(
    db: &Database,
    runtime: &Runtime,
    world: &World,
    round: usize,
    checks: &mut Checks,
) {
    let raw = Raw::of(runtime.store());
    let mut independent = db.independent().await;
    let mut held = Vec::new();
    for _ in 0..POOL {
        held.push(raw.acquire().await);
    }
    checks.connections += held.len() as u64;
    checks.idle_in_transaction += independent.idle_in_transaction().await;

    let (tenant, _, _) = world.councils[0];
    let marker = format!("marker-{round}");
    independent.claim(&marker, tenant).await;
    for (i, conn) in held.iter_mut().enumerate() {
        checks.reads += 1;
        if !conn.sees(&marker).await {
            checks.stale_reads += 1;
        }
        let probe = format!("probe-{round}-{i}");
        checks.writes += 1;
        if !conn.claim(&probe, tenant).await || !independent.sees(&probe).await {
            checks.failed_writes += 1;
        }
    }
    drop(held);

    for &(tenant, cabinet, _) in &world.councils {
        let decision = DecisionId::new();
        let envelope = Envelope::new(tenant, clerk(), Uuid::now_v7());
        checks.writes += 1;
        if let Err(error) = runtime.run(&envelope, &record(cabinet, decision)).await {
            println!("a write failed: {error}");
            checks.failed_writes += 1;
            continue;
        }
        for _ in 0..2 * POOL {
            checks.reads += 1;
            match runtime
                .read_models()
                .decision(tenant, Viewer::Clerk, decision)
                .await
            {
                Ok(Some(_)) => {}
                Ok(None) => checks.stale_reads += 1,
                Err(error) => {
                    println!("a read failed: {error}");
                    checks.stale_reads += 1;
                }
            }
        }
    }
}

/// The runtime's own pool, for checks on each of its connections.
enum Raw {
    Postgres(sqlx::PgPool),
    Sqlite(sqlx::SqlitePool),
}

impl Raw {
    fn of(store: &AnyEventStore) -> Self {
        match store {
            AnyEventStore::Postgres(store) => Self::Postgres(store.pool().clone()),
            AnyEventStore::Sqlite(store) => Self::Sqlite(store.pool().clone()),
        }
    }

    async fn acquire(&self) -> Conn {
        match self {
            Self::Postgres(pool) => Conn::Postgres(pool.acquire().await.unwrap()),
            Self::Sqlite(pool) => Conn::Sqlite(pool.acquire().await.unwrap()),
        }
    }
}

/// One connection, pooled or independent of the pool.
enum Conn {
    Postgres(sqlx::pool::PoolConnection<sqlx::Postgres>),
    Sqlite(sqlx::pool::PoolConnection<sqlx::Sqlite>),
    IndependentPostgres(sqlx::PgConnection),
    IndependentSqlite(sqlx::SqliteConnection),
}

impl Database {
    /// A connection outside the runtime's pool.
    async fn independent(&self) -> Conn {
        match self {
            Self::Postgres(db) => {
                Conn::IndependentPostgres(sqlx::PgConnection::connect(db.url()).await.unwrap())
            }
            Self::Sqlite(db) => {
                Conn::IndependentSqlite(sqlx::SqliteConnection::connect(&db.url()).await.unwrap())
            }
        }
    }
}

impl Conn {
    /// Whether this connection sees the claim of `slug` (an error counts as not seeing it).
    async fn sees(&mut self, slug: &str) -> bool {
        const SQL_PG: &str = "SELECT count(*) FROM council_slugs WHERE slug = $1";
        const SQL_SQLITE: &str = "SELECT count(*) FROM council_slugs WHERE slug = ?";
        let count: Result<i64, _> = match self {
            Self::Postgres(conn) => {
                sqlx::query_scalar(SQL_PG)
                    .bind(slug)
                    .fetch_one(&mut **conn)
                    .await
            }
            Self::IndependentPostgres(conn) => {
                sqlx::query_scalar(SQL_PG).bind(slug).fetch_one(conn).await
            }
            Self::Sqlite(conn) => {
                sqlx::query_scalar(SQL_SQLITE)
                    .bind(slug)
                    .fetch_one(&mut **conn)
                    .await
            }
            Self::IndependentSqlite(conn) => {
                sqlx::query_scalar(SQL_SQLITE)
                    .bind(slug)
                    .fetch_one(conn)
                    .await
            }
        };
        matches!(count, Ok(1))
    }

    /// Claims `slug` for `tenant` (a plain autocommit write); whether the database took it.
    async fn claim(&mut self, slug: &str, tenant: TenantId) -> bool {
        const SQL_PG: &str = "INSERT INTO council_slugs (slug, tenant_id) VALUES ($1, $2)";
        const SQL_SQLITE: &str = "INSERT INTO council_slugs (slug, tenant_id) VALUES (?, ?)";
        let done = match self {
            Self::Postgres(conn) => sqlx::query(SQL_PG)
                .bind(slug)
                .bind(tenant.as_uuid())
                .execute(&mut **conn)
                .await
                .map(drop),
            Self::IndependentPostgres(conn) => sqlx::query(SQL_PG)
                .bind(slug)
                .bind(tenant.as_uuid())
                .execute(conn)
                .await
                .map(drop),
            Self::Sqlite(conn) => sqlx::query(SQL_SQLITE)
                .bind(slug)
                .bind(tenant.to_string())
                .execute(&mut **conn)
                .await
                .map(drop),
            Self::IndependentSqlite(conn) => sqlx::query(SQL_SQLITE)
                .bind(slug)
                .bind(tenant.to_string())
                .execute(conn)
                .await
                .map(drop),
        };
        if let Err(error) = &done {
            println!("a probe write failed: {error}");
        }
        done.is_ok()
    }

    /// PostgreSQL: the sessions of this database idle inside a transaction. SQLite has no such
    /// view (its connections live in this process); there the reads and probe writes on each
    /// connection are the check.
    async fn idle_in_transaction(&mut self) -> i64 {
        match self {
            Self::IndependentPostgres(conn) => sqlx::query_scalar(
                "SELECT count(*) FROM pg_stat_activity \
                 WHERE datname = current_database() AND state LIKE 'idle in transaction%'",
            )
            .fetch_one(conn)
            .await
            .unwrap(),
            _ => 0,
        }
    }
}
