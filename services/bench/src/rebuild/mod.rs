//! `civic-bench rebuild`: every council's read models rebuilt from zero, against hand-written SQL
//! writing the same rows.
//!
//! - `log`: the log of real domain events the rebuild reads.
//! - `reference`: the same final rows written with `INSERT … SELECT` (the baseline).
//! - `lag`: afterwards, the live projector's lag while the same clients keep appending.
//!
//! The rebuild is [`Projector::rebuild`] of each council (generation 2 built beside the empty
//! generation 1, then switched to), `--parallel` councils at a time. `events_per_s` = events in
//! the log / rebuild seconds; `ratio` = rebuild rate / reference rate over the same events.
//! Targets: >= 5,000 events/s and ratio >= 0.8; lag p99 < 500 ms.

mod lag;
mod log;
mod reference;

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context as _, bail};
use civic_projections::{Projector, ReadModels};
use civic_runtime::Runtime;
use futures_util::{StreamExt as _, TryStreamExt as _};

use crate::scratch_db::{ScratchDb, Server};

/// Options of `civic-bench rebuild`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    server: Server,
    /// Events in the log (at least; decisions take six commands each).
    #[arg(long, default_value_t = 100_000)]
    events: u64,
    /// Councils the decisions are spread over.
    #[arg(long, default_value_t = 100)]
    councils: usize,
    /// Clients appending the log at once.
    #[arg(long, default_value_t = 8)]
    clients: usize,
    /// Councils rebuilt at once.
    #[arg(long, default_value_t = 2)]
    parallel: usize,
    /// Seconds of appends (by `--clients` clients) while a live projector follows, after the
    /// rebuild, to measure its lag; 0 skips it.
    #[arg(long, default_value_t = 10)]
    lag_seconds: u64,
}

pub async fn run(args: Args) -> anyhow::Result<()> {
    if !args.server.database_url.starts_with("postgres") {
        bail!("civic-bench rebuild measures PostgreSQL; DATABASE_URL must be postgres://");
    }
    if args.events == 0 || args.councils == 0 || args.clients == 0 || args.parallel == 0 {
        bail!("--events, --councils, --clients and --parallel must be at least 1");
    }
    let scratch = ScratchDb::create(&args.server.database_url).await?;
    let result = measure(&scratch, &args).await;
    scratch.drop_now().await?;
    result
}

async fn measure(scratch: &ScratchDb, args: &Args) -> anyhow::Result<()> {
    let runtime = Arc::new(Runtime::connect(&scratch.url(), args.clients as u32 + 2).await?);
    let started = Instant::now();
    let tenants = log::generate(&runtime, args.councils, args.events, args.clients).await?;
    let pool = scratch.pool(args.parallel as u32 + 1).await?;
    let events: i64 = sqlx::query_scalar("SELECT count(*) FROM events")
        .fetch_one(&pool)
        .await?;
    println!(
        "log: {events} events over {} councils appended in {:.1}s",
        tenants.len(),
        started.elapsed().as_secs_f64()
    );
    sqlx::query("VACUUM ANALYZE").execute(&pool).await?;
    sqlx::query("CHECKPOINT").execute(&pool).await?;

    let projector = Projector::new(ReadModels::postgres(pool.clone()));
    let started = Instant::now();
    futures_util::stream::iter(tenants.iter().copied())
        .map(|tenant| {
            let projector = projector.clone();
            async move {
                projector
                    .rebuild(tenant)
                    .await
                    .with_context(|| format!("rebuild {tenant}"))
            }
        })
        .buffer_unordered(args.parallel)
        .try_collect::<Vec<_>>()
        .await?;
    let rebuild_s = started.elapsed().as_secs_f64();
    let rows: i64 = sqlx::query_scalar("SELECT count(*) FROM decisions")
        .fetch_one(&pool)
        .await?;
    println!("rebuilt: {rows} decision rows in {rebuild_s:.2}s");

    let staged = reference::stage(&pool).await?;
    let reference_s = reference::write(&pool).await?.as_secs_f64();
    reference::check(&pool).await?;
    println!("reference: {staged} decision rows in {reference_s:.2}s, every row equal");

    let lag = if args.lag_seconds > 0 {
        let pool = scratch.pool(4).await?;
        let length = Duration::from_secs(args.lag_seconds);
        let lag::Lag {
            mut appends,
            mut lag,
        } = lag::measure(&runtime, &pool, &tenants, args.clients, length).await?;
        let (appended, lagged) = (appends.operations, lag.operations);
        println!(
            "lag: {} appends by {} clients in {:.1}s ({:.0}/s), append p50={:.2}ms p99={:.2}ms",
            appended,
            args.clients,
            appends.elapsed.as_secs_f64(),
            appends.rate(),
            appends.percentile_ms(0.50),
            appends.percentile_ms(0.99),
        );
        format!(
            " lag_appends={} lag_p50={:.1}ms lag_p99={:.1}ms lag_max={:.1}ms",
            lagged,
            lag.percentile_ms(0.50),
            lag.percentile_ms(0.99),
            lag.percentile_ms(1.0),
        )
    } else {
        String::new()
    };

    let rate = events as f64 / rebuild_s;
    let reference_rate = events as f64 / reference_s;
    println!(
        "rebuild: backend=postgres events={events} councils={} rebuild_s={rebuild_s:.2} \
         reference_s={reference_s:.2} events_per_s={rate:.0} reference_events_per_s={reference_rate:.0} \
         ratio={:.3}{lag}",
        tenants.len(),
        rate / reference_rate.max(f64::EPSILON),
    );
    Ok(())
}
