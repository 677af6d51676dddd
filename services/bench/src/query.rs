//! `civic-bench query`: the register page under concurrent load.
//!
//! Loads many councils with many published decisions into a scratch PostgreSQL database, starts
//! the real gateway on a free port, and has concurrent clients request the register page (20
//! rows, two filters) over HTTP as an anonymous member of the public. In the same run the same
//! clients run the same read-model query directly (the SQL the gateway's resolver runs, without
//! HTTP and GraphQL). `ratio` = gateway rate / direct rate. The gateway runs with its response
//! cache off, so every page is executed; with `--repeat`, a second gateway with the cache on
//! serves the same pages, and the last line adds its rate, p50, p99 and hit ratio.
//!
//! A council's page holds the rows it really has (up to 20): small councils fill less than a
//! page. With `--baseline-councils N`, the same total decisions are also loaded over N councils
//! into a second scratch database and measured in the same run, phases alternating, so the last
//! line compares the cost of a page over many small councils with that over a few large ones. The
//! baseline's clients ask for pages as long as the small councils fill, so that both pages hold
//! the same rows and differ only in how the decisions are spread over councils.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
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
    /// Also load the same total decisions over this many councils (a second scratch database)
    /// and measure its pages in the same run: the last line adds its figures and the cost ratios
    /// (this run's p50 and p99 over the baseline's).
    #[arg(long)]
    baseline_councils: Option<usize>,
    /// Measured rounds; with a baseline, each round measures both, so load from elsewhere on the
    /// machine falls on both alike.
    #[arg(long, default_value_t = 1)]
    rounds: usize,
    /// Keep the scratch database afterwards (its name is printed), to study the queries.
    #[arg(long)]
    keep: bool,
}

/// Rows on the register page.
const PAGE_ROWS: u32 = 20;

/// When decision `n` was decided: `7n` days before 2021-12-31, wrapping over ten years, so a small
/// council's few decisions are recent, as a real parish council's would be.
fn decided_on(number: usize) -> anyhow::Result<NaiveDate> {
    Ok(date(2021, 12, 31)? - chrono::Duration::days((number * 7 % 3650) as i64))
}

/// What the register page of a council loaded with `decisions` decisions must answer: its
/// `totalCount` (key decisions decided since 2015) and the rows on its first page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct ExpectedPage {
    total: usize,
    rows: usize,
}

impl ExpectedPage {
    /// The page of `first` rows of a council loaded with `decisions` decisions.
    fn for_council(decisions: usize, first: u32) -> anyhow::Result<Self> {
        let from = date(2015, 1, 1)?;
        let mut total = 0;
        for number in 0..decisions {
            if is_key(number) && decided_on(number)? >= from {
                total += 1;
            }
        }
        Ok(Self {
            total,
            rows: total.min(first as usize),
        })
    }
}

/// Every third decision is a key decision.
fn is_key(number: usize) -> bool {
    number.is_multiple_of(3)
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
    if args.councils == 0
        || args.decisions == 0
        || args.clients == 0
        || args.seconds == 0
        || args.rounds == 0
    {
        bail!("--councils, --decisions, --clients, --seconds and --rounds must be at least 1");
    }
    let baseline = match args.baseline_councils {
        Some(councils) => {
            let total = args.councils * args.decisions;
            if councils == 0 || !total.is_multiple_of(councils) {
                bail!(
                    "--baseline-councils must divide the {total} decisions evenly (the same total data)"
                );
            }
            Some((councils, total / councils))
        }
        None => None,
    };
    let mut scratches = vec![ScratchDb::create(&args.server.database_url).await?];
    if baseline.is_some() {
        match ScratchDb::create(&args.server.database_url).await {
            Ok(scratch) => scratches.push(scratch),
            Err(error) => {
                for scratch in scratches {
                    scratch.drop_now().await?;
                }
                return Err(error);
            }
        }
    }
    let result = measure(&scratches, baseline, &args).await;
    for scratch in scratches {
        if args.keep {
            println!("kept the scratch database {}", scratch.name());
        } else {
            scratch.drop_now().await?;
        }
    }
    result
}

/// One loaded database: its councils, the rows its clients ask for and what each council's page
/// must answer.
struct Dataset<'a> {
    first: u32,
    scratch: &'a ScratchDb,
    councils: usize,
    decisions: usize,
    models: ReadModels,
    slugs: Arc<Vec<(String, TenantId)>>,
    expected: ExpectedPage,
}

/// Loads `councils` councils of `decisions` decisions each into `scratch` and projects them;
/// clients will ask for pages of `first` rows.
async fn prepare(
    scratch: &ScratchDb,
    councils: usize,
    decisions: usize,
    first: u32,
) -> anyhow::Result<Dataset<'_>> {
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
    let slugs = load(&runtime, councils, decisions).await?;
    let loaded = started.elapsed();
    project(&Projector::new(models.clone()), &slugs).await?;
    // The steady state of a live database, where autovacuum has caught up with the load.
    sqlx::query("VACUUM ANALYZE").execute(&pool).await?;
    println!(
        "loaded {councils} councils x {decisions} decisions in {:.1}s, projected in {:.1}s",
        loaded.as_secs_f64(),
        (started.elapsed() - loaded).as_secs_f64()
    );
    Ok(Dataset {
        scratch,
        councils,
        decisions,
        models,
        slugs: Arc::new(slugs),
        first,
        expected: ExpectedPage::for_council(decisions, first)?,
    })
}

/// What the uncached phases measured on one dataset, summed over the rounds.
#[derive(Default)]
struct Figures {
    gateway: Tally,
    cpu: PhaseCpu,
    direct: Tally,
}

impl Figures {
    /// The figures for the last line, each key prefixed with `prefix`.
    fn fields(&mut self, prefix: &str, dataset: &Dataset<'_>) -> String {
        format!(
            "{prefix}councils={} {prefix}decisions_per_council={} {prefix}rows_per_page={} \
             {prefix}gateway={:.0}/s {prefix}gateway_p50={:.2}ms {prefix}gateway_p99={:.2}ms \
             {prefix}gateway_cpu_per_page={:.0}us {prefix}postgres_cpu_per_page={:.0}us \
             {prefix}direct={:.0}/s {prefix}direct_p50={:.2}ms {prefix}direct_p99={:.2}ms",
            dataset.councils,
            dataset.decisions,
            dataset.expected.rows,
            self.gateway.rate(),
            self.gateway.percentile_ms(0.50),
            self.gateway.percentile_ms(0.99),
            per_operation_us(self.cpu.gateway, self.gateway.operations),
            per_operation_us(self.cpu.postgres, self.gateway.operations),
            self.direct.rate(),
            self.direct.percentile_ms(0.50),
            self.direct.percentile_ms(0.99),
        )
    }
}

async fn measure(
    scratches: &[ScratchDb],
    baseline: Option<(usize, usize)>,
    args: &Args,
) -> anyhow::Result<()> {
    let mut datasets =
        vec![prepare(&scratches[0], args.councils, args.decisions, PAGE_ROWS).await?];
    if let (Some((councils, decisions)), Some(scratch)) = (baseline, scratches.get(1)) {
        // Pages as long as this run's councils fill (small councils fill less than 20 rows), so
        // that the two differ only in how the same decisions are spread over councils.
        let first = u32::try_from(datasets[0].expected.rows.max(1))?;
        datasets.push(prepare(scratch, councils, decisions, first).await?);
    }

    let phase = Duration::from_secs(args.seconds);
    let mut figures: Vec<Figures> = datasets.iter().map(|_| Figures::default()).collect();
    for _ in 0..args.rounds {
        for (dataset, figures) in datasets.iter().zip(&mut figures) {
            let server = serve(dataset.scratch, 0).await?;
            let measured = gateway_phase(server.port, dataset, args.clients, phase).await;
            server.stop().await?;
            let (tally, cpu) = measured?;
            figures.gateway.add_round(tally);
            figures.cpu.add(cpu);
        }
        for (dataset, figures) in datasets.iter().zip(&mut figures) {
            figures
                .direct
                .add_round(direct_phase(dataset, args.clients, phase).await?);
        }
    }
    let repeated = if args.repeat {
        Some(repeated_phase(&datasets[0], args.clients, phase).await?)
    } else {
        None
    };

    let mut line = format!(
        "query: clients={} {} ratio={:.2}",
        args.clients,
        figures[0].fields("", &datasets[0]),
        figures[0].gateway.rate() / figures[0].direct.rate().max(f64::EPSILON),
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
    if let [many, few] = figures.as_mut_slice() {
        // Many councils' latency at quantile `p` over the baseline's.
        let cost = |many: &mut Tally, few: &mut Tally, p: f64| {
            many.percentile_ms(p) / few.percentile_ms(p).max(f64::EPSILON)
        };
        let ratios = format!(
            "gateway_p50_cost={:.2} gateway_p99_cost={:.2} direct_p50_cost={:.2} \
             direct_p99_cost={:.2}",
            cost(&mut many.gateway, &mut few.gateway, 0.50),
            cost(&mut many.gateway, &mut few.gateway, 0.99),
            cost(&mut many.direct, &mut few.direct, 0.50),
            cost(&mut many.direct, &mut few.direct, 0.99),
        );
        line.push_str(&format!(
            " {} {ratios}",
            few.fields("baseline_", &datasets[1])
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
    dataset: &Dataset<'_>,
    clients: usize,
    length: Duration,
) -> anyhow::Result<(Tally, PhaseCpu, f64)> {
    let server = serve(dataset.scratch, CacheSettings::default().max_entries).await?;
    let measured = gateway_phase(server.port, dataset, clients, length).await;
    let stats = server.services.responses.stats();
    server.stop().await?;
    let (tally, cpu) = measured?;
    let answered = (stats.hits + stats.misses).max(1) as f64;
    Ok((tally, cpu, stats.hits as f64 / answered))
}

/// The CPU time a gateway phase took, in the gateway's threads and in PostgreSQL.
#[derive(Debug, Clone, Copy, Default)]
struct PhaseCpu {
    gateway: Duration,
    postgres: Duration,
}

impl PhaseCpu {
    /// Adds another round's CPU.
    fn add(&mut self, other: PhaseCpu) {
        self.gateway += other.gateway;
        self.postgres += other.postgres;
    }
}

/// Registers the councils through the runtime, as the platform's `registerCouncil` does, then
/// appends each decision's history (recorded and published) as one batch decided by the domain:
/// the same events the gateway's mutations would write, loaded in a fraction of the time.
/// Workers take the next council from a shared counter, so a slow council delays no chunk; as
/// many workers as the pool has connections keep PostgreSQL's group commit busy.
async fn load(
    runtime: &Arc<Runtime>,
    councils: usize,
    decisions: usize,
) -> anyhow::Result<Vec<(String, TenantId)>> {
    const WORKERS: usize = 16;
    let next = Arc::new(AtomicUsize::new(0));
    let mut workers = JoinSet::new();
    for _ in 0..WORKERS.min(councils) {
        let (runtime, next) = (runtime.clone(), next.clone());
        workers.spawn(async move {
            let mut loaded = Vec::new();
            loop {
                let index = next.fetch_add(1, Ordering::Relaxed);
                if index >= councils {
                    break;
                }
                loaded.push((index, load_council(&runtime, index, decisions).await?));
            }
            anyhow::Ok(loaded)
        });
    }
    let mut slugs = Vec::with_capacity(councils);
    while let Some(joined) = workers.join_next().await {
        slugs.extend(joined??);
    }
    // In council order, so a run's councils are the same whatever order the workers finished in.
    slugs.sort_unstable_by_key(|(index, _)| *index);
    Ok(slugs.into_iter().map(|(_, slug)| slug).collect())
}

/// Catches up every council, several at once: the projector locks each tenant on its own, and
/// ten thousand small councils one after another spend most of their time waiting on commits.
async fn project(projector: &Projector, slugs: &[(String, TenantId)]) -> anyhow::Result<()> {
    const WORKERS: usize = 4;
    let tenants: Arc<Vec<TenantId>> = Arc::new(slugs.iter().map(|(_, tenant)| *tenant).collect());
    let next = Arc::new(AtomicUsize::new(0));
    let mut workers = JoinSet::new();
    for _ in 0..WORKERS.min(tenants.len()) {
        let (projector, tenants, next) = (projector.clone(), tenants.clone(), next.clone());
        workers.spawn(async move {
            while let Some(tenant) = tenants.get(next.fetch_add(1, Ordering::Relaxed)) {
                projector.catch_up(*tenant).await?;
            }
            anyhow::Ok(())
        });
    }
    while let Some(joined) = workers.join_next().await {
        joined??;
    }
    Ok(())
}

pub(crate) async fn load_council(
    runtime: &Runtime,
    index: usize,
    decisions: usize,
) -> anyhow::Result<(String, TenantId)> {
    // Five digits: England's ten thousand parish councils keep slugs of one width.
    let slug = format!("council-{index:05}");
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
    let decided_on = decided_on(number)?;
    let mut details: DecisionDetails = example::details(cabinet, None)?;
    details.title = Title::parse(&format!("Decision {number}: {}", example::TITLE))?;
    details.key_decision = Some(is_key(number));
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
    dataset: &Dataset<'_>,
    clients: usize,
    length: Duration,
) -> anyhow::Result<(Tally, PhaseCpu)> {
    // reqwest is built without a bundled TLS provider (the gateway picks ring); the bench speaks
    // plain HTTP but the client still wants one installed.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(clients)
        .build()?;
    let body = Arc::new(json!({ "query": REGISTER_PAGE, "variables": { "first": dataset.first } }));
    let expected = dataset.expected;
    let (gateway_before, postgres_before) = (
        CpuSample::threads(gateway_thread::THREAD_NAME),
        CpuSample::postgres(),
    );
    let started = Instant::now();
    let deadline = started + length;
    let mut tasks = JoinSet::new();
    for _ in 0..clients {
        let (http, slugs, body) = (http.clone(), dataset.slugs.clone(), body.clone());
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
                let page = &answer["data"]["decisions"];
                let rows = page["edges"].as_array().map_or(0, Vec::len);
                let total = page["totalCount"].as_u64();
                if !status.is_success()
                    || answer.get("errors").is_some()
                    || rows != expected.rows
                    || total != Some(expected.total as u64)
                {
                    bail!("the register page of {slug} failed ({status}, expected {expected:?}): {answer}");
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
    dataset: &Dataset<'_>,
    clients: usize,
    length: Duration,
) -> anyhow::Result<Tally> {
    let (expected, first) = (dataset.expected, dataset.first);
    let filter = Arc::new(register_page_filter()?);
    let started = Instant::now();
    let deadline = started + length;
    let mut tasks = JoinSet::new();
    for _ in 0..clients {
        let (models, slugs, filter) = (
            dataset.models.clone(),
            dataset.slugs.clone(),
            filter.clone(),
        );
        tasks.spawn(async move {
            let mut tally = Tally::default();
            let page = PageRequest { first, after: None };
            while Instant::now() < deadline {
                let (_, tenant) = slugs[random_index(slugs.len())];
                let sent = Instant::now();
                let found = models
                    // The register page asks only short fields: the gateway reads summaries.
                    .decisions(tenant, Viewer::Public, &filter, &page, Detail::Summary)
                    .await?;
                tally.record(sent.elapsed());
                if found.items.len() != expected.rows || found.total_count != expected.total as u64
                {
                    bail!(
                        "the direct query returned {} rows of {} (expected {expected:?})",
                        found.items.len(),
                        found.total_count
                    );
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_council_fills_its_page_and_a_small_one_shows_the_key_decisions_it_has() {
        // 2,000 decisions over ten years: 667 key, those since 2015 counted.
        let large = ExpectedPage::for_council(2000, 20).unwrap();
        assert_eq!(large.rows, 20);
        assert!(large.total > 20);
        // 20 recent decisions: numbers 0, 3, ..., 18 are key.
        assert_eq!(
            ExpectedPage::for_council(20, 20).unwrap(),
            ExpectedPage { total: 7, rows: 7 }
        );
        assert_eq!(ExpectedPage::for_council(2000, 7).unwrap().rows, 7);
    }
}
