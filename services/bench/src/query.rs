//! `civic-bench query`: the register page under concurrent load.
//!
//! Loads many councils with many published decisions into a scratch PostgreSQL database, starts
//! the real gateway on a free port, and has concurrent clients request the register page (20
//! rows, two filters) over HTTP as an anonymous member of the public. In the same run the same
//! clients run the same read-model query directly (the SQL the gateway's resolver runs, without
//! HTTP and GraphQL). `ratio` = gateway rate / direct rate. The gateway runs with its response
//! cache off, so every page is executed; with `--repeat`, a second gateway with the cache on
//! serves the same pages, and the last line adds its rate, p50, p99 and hit ratio.

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context as _, bail};
use civic_app::codec::to_new_event;
use civic_domain::council::{BodyKind, CouncilCommand, CouncilKind};
use civic_domain::decision::{DecisionCommand, DecisionDetails, Outcome};
use civic_domain::example::{self};
use civic_domain::values::{BodyId, DecisionId, Name, Slug, StatusLabel, Title};
use civic_domain::{Command, Council, Event, NaiveDate, Nation, decide};
use civic_eventstore::{
    Actor, AnyEventStore, AppendMetadata, AppendRequest, EventStore, ExpectedVersion, PgEventStore,
    StreamName, TenantId,
};
use civic_gateway::{CacheSettings, Settings};
use civic_projections::{DecisionFilter, Detail, PageRequest, Projector, ReadModels, Viewer};
use civic_runtime::{Clock, Envelope, Runtime};
use serde_json::json;
use tokio::task::JoinSet;
use uuid::Uuid;

use crate::cpu::{CpuSample, per_operation_us};
use crate::gateway_thread::{self, GatewayThread};
use crate::latency::Tally;
use crate::scratch_db::{ScratchDb, Server};

/// Options of `civic-bench query`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    server: Server,
    /// Councils to load.
    #[arg(long, default_value_t = 100)]
    councils: usize,
    /// Published decisions per council.
    #[arg(long, default_value_t = 1000)]
    decisions: usize,
    /// Concurrent clients.
    #[arg(long, default_value_t = 32)]
    clients: usize,
    /// Seconds each measured phase runs.
    #[arg(long, default_value_t = 10)]
    seconds: u64,
    /// Also measure repeated public pages through the gateway's response cache (a second
    /// gateway on the same database, cache on), beside the uncached figure.
    #[arg(long)]
    repeat: bool,
    /// Keep the scratch database afterwards (its name is printed), to study the queries.
    #[arg(long)]
    keep: bool,
}

/// The register page: 20 rows, two filters (key decisions, decided since 2015).
pub(crate) const REGISTER_PAGE: &str = "query RegisterPage($first: Int!) {
  decisions(first: $first, filter: { keyDecision: true, decidedFrom: \"2015-01-01\" }) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id title dateOfDecision publicationDate statusLabel decisionMaker { name } } }
  }
}";

fn register_page_filter() -> anyhow::Result<DecisionFilter> {
    Ok(DecisionFilter {
        key_decision: Some(true),
        decided_from: Some(date(2015, 1, 1)?),
        ..DecisionFilter::default()
    })
}

pub(crate) fn date(year: i32, month: u32, day: u32) -> anyhow::Result<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day).context("a calendar date")
}

pub async fn run(args: Args) -> anyhow::Result<()> {
    if !args.server.database_url.starts_with("postgres") {
        bail!("civic-bench query measures PostgreSQL; DATABASE_URL must be postgres://");
    }
    if args.councils == 0 || args.decisions == 0 || args.clients == 0 || args.seconds == 0 {
        bail!("--councils, --decisions, --clients and --seconds must be at least 1");
    }
    let scratch = ScratchDb::create(&args.server.database_url).await?;
    let result = measure(&scratch, &args).await;
    if args.keep {
        println!("kept the scratch database {}", scratch.name());
    } else {
        scratch.drop_now().await?;
    }
    result
}

async fn measure(scratch: &ScratchDb, args: &Args) -> anyhow::Result<()> {
    let pool = scratch.pool(16).await?;
    let store = PgEventStore::new(pool.clone());
    store.migrate().await?;
    let runtime = Arc::new(
        Runtime::over(AnyEventStore::Postgres(store)).with_clock(Clock::Fixed(
            date(2026, 11, 25)?
                .and_hms_opt(12, 0, 0)
                .context("noon")?
                .and_utc(),
        )),
    );
    let models = ReadModels::postgres(pool.clone());

    let started = Instant::now();
    let slugs = load(&runtime, args).await?;
    let loaded = started.elapsed();
    let projector = Projector::new(models.clone());
    projector.catch_up_all().await?;
    // The steady state of a live database, where autovacuum has caught up with the load.
    sqlx::query("VACUUM ANALYZE").execute(&pool).await?;
    println!(
        "loaded {} councils x {} decisions in {:.1}s, projected in {:.1}s",
        args.councils,
        args.decisions,
        loaded.as_secs_f64(),
        (started.elapsed() - loaded).as_secs_f64()
    );

    let slugs = Arc::new(slugs);
    let phase = Duration::from_secs(args.seconds);
    let server = serve(scratch, 0).await?;
    let (mut gateway, gateway_cpu) =
        gateway_phase(server.port, &slugs, args.clients, phase).await?;
    server.stop().await?;
    let repeated = if args.repeat {
        Some(repeated_phase(scratch, &slugs, args.clients, phase).await?)
    } else {
        None
    };
    let mut direct = direct_phase(&models, &slugs, args.clients, phase).await?;

    let mut line = format!(
        "query: councils={} decisions_per_council={} clients={} gateway={:.0}/s gateway_p50={:.2}ms \
         gateway_p99={:.2}ms gateway_cpu_per_page={:.0}us postgres_cpu_per_page={:.0}us \
         direct={:.0}/s direct_p50={:.2}ms direct_p99={:.2}ms ratio={:.2}",
        args.councils,
        args.decisions,
        args.clients,
        gateway.rate(),
        gateway.percentile_ms(0.50),
        gateway.percentile_ms(0.99),
        per_operation_us(gateway_cpu.gateway, gateway.operations),
        per_operation_us(gateway_cpu.postgres, gateway.operations),
        direct.rate(),
        direct.percentile_ms(0.50),
        direct.percentile_ms(0.99),
        gateway.rate() / direct.rate().max(f64::EPSILON),
    );
    if let Some((mut cached, cpu, hit_ratio)) = repeated {
        line.push_str(&format!(
            " cached={:.0}/s cached_p50={:.2}ms cached_p99={:.2}ms hit_ratio={hit_ratio:.3} \
             cached_gateway_cpu_per_page={:.0}us cached_postgres_cpu_per_page={:.0}us",
            cached.rate(),
            cached.percentile_ms(0.50),
            cached.percentile_ms(0.99),
            per_operation_us(cpu.gateway, cached.operations),
            per_operation_us(cpu.postgres, cached.operations),
        ));
    }
    println!("{line}");
    Ok(())
}

/// A gateway started on the scratch database, on threads of its own, with a response cache of
/// `cache_entries` (0: off).
async fn serve(scratch: &ScratchDb, cache_entries: usize) -> anyhow::Result<GatewayThread> {
    let mut settings = Settings::new(scratch.url());
    settings.listen = "127.0.0.1:0".parse()?;
    settings.database_max_connections = 16;
    settings.response_cache.max_entries = cache_entries;
    GatewayThread::start(settings).await
}

/// The same clients and pages through a gateway with its response cache on: the tally, the CPU
/// it took and the share of pages served from the cache.
async fn repeated_phase(
    scratch: &ScratchDb,
    slugs: &Arc<Vec<(String, TenantId)>>,
    clients: usize,
    length: Duration,
) -> anyhow::Result<(Tally, PhaseCpu, f64)> {
    let server = serve(scratch, CacheSettings::default().max_entries).await?;
    let (tally, cpu) = gateway_phase(server.port, slugs, clients, length).await?;
    let stats = server.services.responses.stats();
    server.stop().await?;
    let answered = (stats.hits + stats.misses).max(1) as f64;
    Ok((tally, cpu, stats.hits as f64 / answered))
}

/// The CPU time a gateway phase took, in the gateway's threads and in PostgreSQL.
#[derive(Debug, Clone, Copy)]
struct PhaseCpu {
    gateway: Duration,
    postgres: Duration,
}

/// Registers the councils through the runtime, as the platform's `registerCouncil` does, then
/// appends each decision's history (recorded and published) as one batch decided by the domain:
/// the same events the gateway's mutations would write, loaded in a fraction of the time.
async fn load(runtime: &Arc<Runtime>, args: &Args) -> anyhow::Result<Vec<(String, TenantId)>> {
    let mut councils = JoinSet::new();
    let per_task = args.councils.div_ceil(8);
    let indexes: Vec<usize> = (0..args.councils).collect();
    for chunk in indexes.chunks(per_task) {
        let (runtime, chunk) = (runtime.clone(), chunk.to_vec());
        let decisions = args.decisions;
        councils.spawn(async move {
            let mut loaded = Vec::new();
            for index in chunk {
                loaded.push(load_council(&runtime, index, decisions).await?);
            }
            anyhow::Ok(loaded)
        });
    }
    let mut slugs = Vec::new();
    while let Some(joined) = councils.join_next().await {
        slugs.extend(joined??);
    }
    Ok(slugs)
}

pub(crate) async fn load_council(
    runtime: &Runtime,
    index: usize,
    decisions: usize,
) -> anyhow::Result<(String, TenantId)> {
    let slug = format!("council-{index:03}");
    let actor = Actor::parse("system:bench")?;
    let registration = CouncilCommand::Register {
        slug: Slug::parse(&slug)?,
        name: Name::parse(&format!("Bench Council {index}"))?,
        kind: CouncilKind::District,
        nation: Nation::England,
    };
    let (tenant, _) = runtime
        .register_council(actor.clone(), Uuid::now_v7(), registration)
        .await?;
    let cabinet = BodyId::new();
    let add_cabinet = Command::Council(CouncilCommand::AddBody {
        body: cabinet,
        name: Name::parse("Cabinet")?,
        kind: BodyKind::Cabinet,
    });
    runtime
        .run(
            &Envelope::new(tenant, actor.clone(), Uuid::now_v7()),
            &add_cabinet,
        )
        .await?;
    let council = runtime
        .council(tenant)
        .await?
        .context("the council was just registered")?;
    for number in 0..decisions {
        append_decision(runtime.store(), &council, tenant, cabinet, number, &actor).await?;
    }
    Ok((slug, tenant))
}

/// One decision, recorded and published, as a single append of the domain's events.
async fn append_decision(
    store: &AnyEventStore,
    council: &Council,
    tenant: TenantId,
    cabinet: BodyId,
    number: usize,
    actor: &Actor,
) -> anyhow::Result<()> {
    let id = DecisionId::new();
    let decided_on = date(2012, 1, 2)? + chrono::Duration::days((number * 7 % 3650) as i64);
    let mut details: DecisionDetails = example::details(cabinet, None)?;
    details.title = Title::parse(&format!("Decision {number}: {}", example::TITLE))?;
    details.key_decision = Some(number.is_multiple_of(3));
    details.date_of_decision = decided_on;
    details.outcome = Some(Outcome::Approved);
    details.status_label = Some(StatusLabel::parse("Recommendations Approved")?);
    let today = date(2026, 11, 25)?;
    let mut history: Vec<Event> = Vec::new();
    for command in [
        DecisionCommand::Record {
            details: details.into(),
        },
        DecisionCommand::Publish {
            publication_date: decided_on + chrono::Duration::days(2),
            call_in_deadline: None,
            call_in_deadline_time: None,
            effective_from: None,
            override_reason: None,
        },
    ] {
        let command = Command::Decision {
            decision: id,
            command,
        };
        history.extend(decide(&command, Some(council), &history, today)?.events);
    }
    let command_id = Uuid::now_v7();
    store
        .append(AppendRequest {
            erase: Vec::new(),
            tenant,
            stream: StreamName::parse(&format!("decision/{}", id.as_uuid()))?,
            expected: ExpectedVersion::MustBe(0),
            metadata: AppendMetadata {
                actor: actor.clone(),
                command_id,
                causation_id: None,
                correlation_id: command_id,
                fingerprint: None,
            },
            events: history.iter().map(to_new_event).collect::<Result<_, _>>()?,
        })
        .await?;
    Ok(())
}

pub(crate) fn random_index(len: usize) -> usize {
    (Uuid::now_v7().as_u128() as u64 % len as u64) as usize
}

/// Anonymous clients POST the register page to random councils' endpoints: the tally and the
/// CPU the gateway and PostgreSQL spent meanwhile.
async fn gateway_phase(
    port: u16,
    slugs: &Arc<Vec<(String, TenantId)>>,
    clients: usize,
    length: Duration,
) -> anyhow::Result<(Tally, PhaseCpu)> {
    // reqwest is built without a bundled TLS provider (the gateway picks ring); the bench speaks
    // plain HTTP but the client still wants one installed.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(clients)
        .build()?;
    let body = Arc::new(json!({ "query": REGISTER_PAGE, "variables": { "first": 20 } }));
    let (gateway_before, postgres_before) = (
        CpuSample::threads(gateway_thread::THREAD_NAME),
        CpuSample::postgres(),
    );
    let started = Instant::now();
    let deadline = started + length;
    let mut tasks = JoinSet::new();
    for _ in 0..clients {
        let (http, slugs, body) = (http.clone(), slugs.clone(), body.clone());
        tasks.spawn(async move {
            let mut tally = Tally::default();
            while Instant::now() < deadline {
                let (slug, _) = &slugs[random_index(slugs.len())];
                let url = format!("http://127.0.0.1:{port}/councils/{slug}/graphql");
                let sent = Instant::now();
                let response = http.post(&url).json(&*body).send().await?;
                let status = response.status();
                let answer: serde_json::Value = response.json().await?;
                tally.record(sent.elapsed());
                let rows = answer["data"]["decisions"]["edges"]
                    .as_array()
                    .map_or(0, Vec::len);
                if !status.is_success() || answer.get("errors").is_some() || rows != 20 {
                    bail!("the register page failed ({status}): {answer}");
                }
            }
            anyhow::Ok(tally)
        });
    }
    let tally = collect(tasks, started).await?;
    let cpu = PhaseCpu {
        gateway: CpuSample::threads(gateway_thread::THREAD_NAME).since(&gateway_before),
        postgres: CpuSample::postgres().since(&postgres_before),
    };
    Ok((tally, cpu))
}

/// The same clients run the resolver's read-model query directly.
async fn direct_phase(
    models: &ReadModels,
    slugs: &Arc<Vec<(String, TenantId)>>,
    clients: usize,
    length: Duration,
) -> anyhow::Result<Tally> {
    let filter = Arc::new(register_page_filter()?);
    let started = Instant::now();
    let deadline = started + length;
    let mut tasks = JoinSet::new();
    for _ in 0..clients {
        let (models, slugs, filter) = (models.clone(), slugs.clone(), filter.clone());
        tasks.spawn(async move {
            let mut tally = Tally::default();
            let page = PageRequest {
                first: 20,
                after: None,
            };
            while Instant::now() < deadline {
                let (_, tenant) = slugs[random_index(slugs.len())];
                let sent = Instant::now();
                let found = models
                    // The register page asks only short fields: the gateway reads summaries.
                    .decisions(tenant, Viewer::Public, &filter, &page, Detail::Summary)
                    .await?;
                tally.record(sent.elapsed());
                if found.items.len() != 20 {
                    bail!("the direct query returned {} rows", found.items.len());
                }
            }
            anyhow::Ok(tally)
        });
    }
    collect(tasks, started).await
}

pub(crate) async fn collect(
    mut tasks: JoinSet<anyhow::Result<Tally>>,
    started: Instant,
) -> anyhow::Result<Tally> {
    let mut total = Tally::default();
    while let Some(joined) = tasks.join_next().await {
        total.add(joined??);
    }
    total.elapsed = started.elapsed();
    Ok(total)
}
