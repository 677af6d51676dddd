//! `civic-bench append`: the cost of the event store's guarantees.
//!
//! Concurrent clients send single-event commands over many tenants (each with an expected stream
//! version, so every append is checked, chained, made idempotent and committed durably). In the
//! same run, the same clients insert rows of the same width into a plain table with plain
//! autocommit INSERTs. Phases alternate for several rounds so that drift in the machine's speed
//! hits both alike. `ratio` = store rate / plain rate.
//!
//! Each phase also reports the CPU time per operation of this process (the clients) and of its
//! own PostgreSQL backends: on a machine shared with other work, rates move with the load but
//! the CPU an operation costs much less so.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context as _, bail};
use civic_eventstore::{
    Actor, AppendMetadata, AppendRequest, CanonicalJson, EventStore, EventType, ExpectedVersion,
    NewEvent, PgEventStore, StreamName, TenantId,
};
use serde_json::json;
use sqlx::PgPool;
use tokio::task::JoinSet;
use uuid::Uuid;

use crate::cpu::{CpuSample, per_operation_us};
use crate::latency::Tally;
use crate::scratch_db::{ScratchDb, Server};

/// Options of `civic-bench append`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    server: Server,
    /// Concurrent clients.
    #[arg(long, default_value_t = 8)]
    clients: usize,
    /// Tenants (councils) the clients spread their commands over.
    #[arg(long, default_value_t = 100)]
    tenants: usize,
    /// Seconds each measured phase runs.
    #[arg(long, default_value_t = 5)]
    seconds: u64,
    /// Rounds of (store phase, plain phase).
    #[arg(long, default_value_t = 3)]
    rounds: usize,
    /// Events appended before measuring (records of ten events each, over the tenants), to see
    /// whether an append costs more as the log grows.
    #[arg(long, default_value_t = 0)]
    preload: u64,
}

/// A payload of realistic size: a published decision with its call-in window.
fn payload(n: u64) -> CanonicalJson {
    let value = json!({
        "decision_id": Uuid::now_v7(),
        "publication_date": "2010-06-11",
        "call_in": {"deadline": "2010-06-18", "effective_from": "2010-06-19", "computed": true},
        "status_label": "Recommendations Approved",
        "sequence": n,
        "note": "The review of the Council's Information Strategy (formerly the ICT Strategy), an annual review of the rolling 3 year programme, published for call-in.",
        "warnings": [],
    });
    CanonicalJson::from_value(&value).unwrap_or_else(|_| unreachable!("the payload has no floats"))
}

pub async fn run(args: Args) -> anyhow::Result<()> {
    if !args.server.database_url.starts_with("postgres") {
        bail!("civic-bench append measures PostgreSQL; DATABASE_URL must be postgres://");
    }
    if args.clients == 0 || args.tenants == 0 || args.rounds == 0 || args.seconds == 0 {
        bail!("--clients, --tenants, --rounds and --seconds must be at least 1");
    }
    let scratch = ScratchDb::create(&args.server.database_url).await?;
    let result = measure(&scratch, &args).await;
    scratch.drop_now().await?;
    result
}

async fn measure(scratch: &ScratchDb, args: &Args) -> anyhow::Result<()> {
    let pool = scratch.pool(args.clients as u32).await?;
    let synchronous_commit: String = sqlx::query_scalar("SHOW synchronous_commit")
        .fetch_one(&pool)
        .await?;
    let fsync: String = sqlx::query_scalar("SHOW fsync").fetch_one(&pool).await?;
    println!("synchronous_commit={synchronous_commit} fsync={fsync}");
    if synchronous_commit != "on" || fsync != "on" {
        println!("warning: commits are not durable on this server; the figures flatter both sides");
    }
    let store = Arc::new(PgEventStore::new(pool.clone()));
    store.migrate().await?;
    create_plain_table(&pool).await?;

    let tenants: Arc<Vec<TenantId>> =
        Arc::new((0..args.tenants).map(|_| TenantId::new()).collect());
    if args.preload > 0 {
        let started = Instant::now();
        preload(&store, &tenants, args.clients, args.preload).await?;
        println!(
            "preloaded {} events in {:.1}s",
            args.preload,
            started.elapsed().as_secs_f64()
        );
    }
    let phase = Duration::from_secs(args.seconds);
    // Warm-up (not counted): every tenant gets its first event, and both paths are exercised.
    let mut versions: Vec<Vec<u64>> = vec![vec![0; args.tenants]; args.clients];
    run_store_phase(&store, &tenants, &mut versions, Duration::from_secs(1)).await?;
    let next_position = Arc::new(AtomicU64::new(0));
    run_plain_phase(
        &pool,
        &tenants,
        args.clients,
        &next_position,
        Duration::from_secs(1),
    )
    .await?;

    // Every client has held a connection at once during the warm-up, so the pool's backends are
    // all open; they stay open (the pool keeps `clients` connections).
    let backends = Backends::of(&pool).await?;

    let (mut store_total, mut plain_total) = (Tally::default(), Tally::default());
    let (mut store_wal, mut plain_wal) = (Wal::default(), Wal::default());
    let (mut store_cpu, mut plain_cpu) = (PhaseCpu::default(), PhaseCpu::default());
    for round in 1..=args.rounds {
        let (before, cpu_before) = (Wal::now(&pool).await?, backends.sample());
        let store_tally = run_store_phase(&store, &tenants, &mut versions, phase).await?;
        let (between, cpu_between) = (Wal::now(&pool).await?, backends.sample());
        let plain_tally =
            run_plain_phase(&pool, &tenants, args.clients, &next_position, phase).await?;
        let (after, cpu_after) = (Wal::now(&pool).await?, backends.sample());
        let (store_round, plain_round) = (between.since(&before), after.since(&between));
        let store_round_cpu = PhaseCpu::between(&cpu_before, &cpu_between);
        let plain_round_cpu = PhaseCpu::between(&cpu_between, &cpu_after);
        println!(
            "round {round}: store={:.0}/s plain={:.0}/s store_wal={} plain_wal={} store_cpu={} \
             plain_cpu={}",
            store_tally.rate(),
            plain_tally.rate(),
            store_round.per(store_tally.operations),
            plain_round.per(plain_tally.operations),
            store_round_cpu.per(store_tally.operations),
            plain_round_cpu.per(plain_tally.operations),
        );
        store_wal = store_wal.plus(&store_round);
        plain_wal = plain_wal.plus(&plain_round);
        store_cpu = store_cpu.plus(&store_round_cpu);
        plain_cpu = plain_cpu.plus(&plain_round_cpu);
        store_total.add_round(store_tally);
        plain_total.add_round(plain_tally);
    }
    let (store_rate, plain_rate) = (store_total.rate(), plain_total.rate());
    println!(
        "wal per operation: store {} plain {}",
        store_wal.per(store_total.operations),
        plain_wal.per(plain_total.operations)
    );
    println!(
        "cpu per operation (bench+postgres): store {} plain {}",
        store_cpu.per(store_total.operations),
        plain_cpu.per(plain_total.operations)
    );
    println!(
        "append: backend=postgres clients={} tenants={} preload={} store={:.0}/s plain={:.0}/s \
         store_p50={:.2}ms store_p99={:.2}ms plain_p50={:.2}ms plain_p99={:.2}ms \
         store_cpu_per_op={:.0}us plain_cpu_per_op={:.0}us ratio={:.2}",
        args.clients,
        args.tenants,
        args.preload,
        store_rate,
        plain_rate,
        store_total.percentile_ms(0.50),
        store_total.percentile_ms(0.99),
        plain_total.percentile_ms(0.50),
        plain_total.percentile_ms(0.99),
        store_cpu.total_us(store_total.operations),
        plain_cpu.total_us(plain_total.operations),
        store_rate / plain_rate.max(f64::EPSILON),
    );
    Ok(())
}

/// The server's write-ahead log counters (`pg_stat_wal`, the whole cluster: measure on an
/// otherwise idle server). WAL bytes and full-page images per operation tell whether an append
/// writes more as the log grows (full-page images after each checkpoint, one per index page first
/// touched).
#[derive(Debug, Default, Clone, Copy)]
struct Wal {
    bytes: i64,
    full_pages: i64,
    records: i64,
}

impl Wal {
    async fn now(pool: &PgPool) -> anyhow::Result<Self> {
        let (bytes, full_pages, records): (i64, i64, i64) =
            sqlx::query_as("SELECT wal_bytes::bigint, wal_fpi, wal_records FROM pg_stat_wal")
                .fetch_one(pool)
                .await
                .context("read pg_stat_wal")?;
        Ok(Self {
            bytes,
            full_pages,
            records,
        })
    }

    fn since(&self, earlier: &Wal) -> Wal {
        Wal {
            bytes: self.bytes - earlier.bytes,
            full_pages: self.full_pages - earlier.full_pages,
            records: self.records - earlier.records,
        }
    }

    fn plus(&self, other: &Wal) -> Wal {
        Wal {
            bytes: self.bytes + other.bytes,
            full_pages: self.full_pages + other.full_pages,
            records: self.records + other.records,
        }
    }

    /// `bytes/fpi/records` per operation, e.g. `1830B/0.21fpi/6.0rec`.
    fn per(&self, operations: u64) -> String {
        let n = operations.max(1) as f64;
        format!(
            "{:.0}B/{:.2}fpi/{:.1}rec",
            self.bytes as f64 / n,
            self.full_pages as f64 / n,
            self.records as f64 / n
        )
    }
}

/// The scratch database's PostgreSQL backends: the pool's connections.
struct Backends(Vec<u32>);

impl Backends {
    async fn of(pool: &PgPool) -> anyhow::Result<Self> {
        let pids: Vec<i32> = sqlx::query_scalar(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database()",
        )
        .fetch_all(pool)
        .await
        .context("list the benchmark's backends")?;
        Ok(Self(
            pids.into_iter()
                .filter_map(|pid| u32::try_from(pid).ok())
                .collect(),
        ))
    }

    /// CPU used so far by this process (the clients, the store's code) and by the backends.
    fn sample(&self) -> (CpuSample, CpuSample) {
        (CpuSample::threads(""), CpuSample::processes(&self.0))
    }
}

/// The CPU time a phase took in this process and in its PostgreSQL backends.
#[derive(Debug, Default, Clone, Copy)]
struct PhaseCpu {
    bench: Duration,
    postgres: Duration,
}

impl PhaseCpu {
    fn between(earlier: &(CpuSample, CpuSample), later: &(CpuSample, CpuSample)) -> PhaseCpu {
        PhaseCpu {
            bench: later.0.since(&earlier.0),
            postgres: later.1.since(&earlier.1),
        }
    }

    fn plus(&self, other: &PhaseCpu) -> PhaseCpu {
        PhaseCpu {
            bench: self.bench + other.bench,
            postgres: self.postgres + other.postgres,
        }
    }

    fn total_us(&self, operations: u64) -> f64 {
        per_operation_us(self.bench + self.postgres, operations)
    }

    /// `total(bench+postgres)` in microseconds per operation, e.g. `310us(95+215)`.
    fn per(&self, operations: u64) -> String {
        format!(
            "{:.0}us({:.0}+{:.0})",
            self.total_us(operations),
            per_operation_us(self.bench, operations),
            per_operation_us(self.postgres, operations)
        )
    }
}

/// Appends `events` events before measuring: records of ten events each (a fresh stream per
/// record), spread over the tenants, by `clients` writers at once.
async fn preload(
    store: &Arc<PgEventStore>,
    tenants: &Arc<Vec<TenantId>>,
    clients: usize,
    events: u64,
) -> anyhow::Result<()> {
    const PER_RECORD: u64 = 10;
    let records = events.div_ceil(PER_RECORD);
    let next = Arc::new(AtomicU64::new(0));
    let mut writers = JoinSet::new();
    for _ in 0..clients {
        let (store, tenants, next) = (store.clone(), tenants.clone(), next.clone());
        writers.spawn(async move {
            let actor = Actor::parse("system:bench")?;
            let event_type = EventType::parse("DecisionPublished")?;
            loop {
                let record = next.fetch_add(1, Ordering::Relaxed);
                if record >= records {
                    return anyhow::Ok(());
                }
                let count = PER_RECORD.min(events - record * PER_RECORD);
                let request = AppendRequest {
                    erase: Vec::new(),
                    tenant: tenants[(record % tenants.len() as u64) as usize],
                    stream: StreamName::parse(&format!("decision/{}", Uuid::now_v7()))?,
                    expected: ExpectedVersion::MustBe(0),
                    metadata: metadata(&actor),
                    events: (0..count)
                        .map(|n| NewEvent::new(event_type.clone(), 1, payload(n)))
                        .collect(),
                };
                store.append(request).await?;
            }
        });
    }
    while let Some(joined) = writers.join_next().await {
        joined??;
    }
    Ok(())
}

/// A benchmark command's metadata: fresh ids, no fingerprint.
fn metadata(actor: &Actor) -> AppendMetadata {
    AppendMetadata {
        actor: actor.clone(),
        command_id: Uuid::now_v7(),
        causation_id: None,
        correlation_id: Uuid::now_v7(),
        fingerprint: None,
    }
}

/// The baseline table: the columns of `events`, the same primary key, nothing else.
async fn create_plain_table(pool: &PgPool) -> anyhow::Result<()> {
    sqlx::query(
        "CREATE TABLE plain_rows (
            tenant_id uuid NOT NULL, position bigint NOT NULL, event_id uuid NOT NULL,
            stream_id text NOT NULL, stream_version bigint NOT NULL, event_type text NOT NULL,
            schema_version integer NOT NULL, actor text NOT NULL, command_id uuid NOT NULL,
            causation_id uuid, correlation_id uuid NOT NULL, recorded_at timestamptz NOT NULL,
            payload text NOT NULL, hash text NOT NULL,
            PRIMARY KEY (tenant_id, position))",
    )
    .execute(pool)
    .await
    .context("create the baseline table")?;
    Ok(())
}

/// Each client owns one stream per tenant and picks a tenant at random for each command (as
/// independent clerks would), appending one event with the stream's exact expected version.
async fn run_store_phase(
    store: &Arc<PgEventStore>,
    tenants: &Arc<Vec<TenantId>>,
    versions: &mut [Vec<u64>],
    length: Duration,
) -> anyhow::Result<Tally> {
    let started = Instant::now();
    let deadline = started + length;
    let mut clients = JoinSet::new();
    for (client, mut client_versions) in versions.iter().cloned().enumerate() {
        let (store, tenants) = (store.clone(), tenants.clone());
        clients.spawn(async move {
            let stream = StreamName::parse(&format!("decision/bench-{client}"))?;
            let actor = Actor::parse("system:bench")?;
            let event_type = EventType::parse("DecisionPublished")?;
            let mut tally = Tally::default();
            while Instant::now() < deadline {
                let slot = random_index(tenants.len());
                let request = AppendRequest {
                    erase: Vec::new(),
                    tenant: tenants[slot],
                    stream: stream.clone(),
                    expected: ExpectedVersion::MustBe(client_versions[slot]),
                    metadata: metadata(&actor),
                    events: vec![NewEvent::new(
                        event_type.clone(),
                        1,
                        payload(tally.operations),
                    )],
                };
                let sent = Instant::now();
                let outcome = store.append(request).await?;
                tally.record(sent.elapsed());
                client_versions[slot] = outcome.committed.stream_version;
            }
            anyhow::Ok((client, client_versions, tally))
        });
    }
    let mut total = Tally::default();
    while let Some(joined) = clients.join_next().await {
        let (client, client_versions, tally) = joined??;
        versions[client] = client_versions;
        total.add(tally);
    }
    total.elapsed = started.elapsed();
    Ok(total)
}

/// The same clients insert rows of the same width with plain autocommit INSERTs.
async fn run_plain_phase(
    pool: &PgPool,
    tenants: &Arc<Vec<TenantId>>,
    clients: usize,
    next_position: &Arc<AtomicU64>,
    length: Duration,
) -> anyhow::Result<Tally> {
    let started = Instant::now();
    let deadline = started + length;
    let mut tasks = JoinSet::new();
    for client in 0..clients {
        let (pool, tenants, next_position) = (pool.clone(), tenants.clone(), next_position.clone());
        tasks.spawn(async move {
            let hash = "0".repeat(64);
            let mut tally = Tally::default();
            while Instant::now() < deadline {
                let tenant = tenants[random_index(tenants.len())];
                let position = next_position.fetch_add(1, Ordering::Relaxed) + 1;
                let sent = Instant::now();
                sqlx::query(
                    "INSERT INTO plain_rows VALUES \
                     ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
                )
                .bind(tenant.as_uuid())
                .bind(i64::try_from(position)?)
                .bind(Uuid::now_v7())
                .bind(format!("decision/bench-{client}"))
                .bind(i64::try_from(position)?)
                .bind("DecisionPublished")
                .bind(1i32)
                .bind("system:bench")
                .bind(Uuid::now_v7())
                .bind(None::<Uuid>)
                .bind(Uuid::now_v7())
                .bind(chrono_now())
                .bind(payload(tally.operations).as_str())
                .bind(&hash)
                .execute(&pool)
                .await?;
                tally.record(sent.elapsed());
            }
            anyhow::Ok(tally)
        });
    }
    let mut total = Tally::default();
    while let Some(joined) = tasks.join_next().await {
        total.add(joined??);
    }
    total.elapsed = started.elapsed();
    Ok(total)
}

/// A uniformly random index below `len`, from the random bits of a UUIDv7 (no extra crate).
fn random_index(len: usize) -> usize {
    (Uuid::now_v7().as_u128() as u64 % len as u64) as usize
}

fn chrono_now() -> sqlx::types::chrono::DateTime<sqlx::types::chrono::Utc> {
    sqlx::types::chrono::Utc::now()
}
