//! `civic-bench asof`: a decision as it stood at a moment of the log, over the gateway.
//!
//! One council with one decision of `--events` events (recorded, published, then corrected
//! again and again), and other councils' work interleaved in the log. A client asks
//! `decision(id, asOf: {position})` for random positions within the decision's history, one
//! request at a time; in the same run it asks for the decision as it stands now (the read
//! model), the baseline. `ratio` = as-of rate / current rate. Target: p99 < 5 ms.

use std::time::{Duration, Instant};

use anyhow::bail;
use civic_domain::council::{BodyKind, CouncilKind};
use civic_domain::nation::Nation;
use civic_domain::values::{BodyId, DecisionId, Name, Reason, Slug, Title};
use civic_domain::{Command, CouncilCommand, DecisionCommand};
use civic_eventstore::Actor;
use civic_gateway::{Application, Settings};
use civic_runtime::{Envelope, Runtime};
use serde_json::json;
use uuid::Uuid;

use crate::latency::Tally;
use crate::query::date;
use crate::scratch_db::{ScratchDb, Server};

/// Options of `civic-bench asof`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    server: Server,
    /// Events of the decision (at least 3: recorded, published, corrected).
    #[arg(long, default_value_t = 50)]
    events: usize,
    /// Requests of each kind.
    #[arg(long, default_value_t = 2000)]
    requests: usize,
}

pub async fn run(args: Args) -> anyhow::Result<()> {
    if !args.server.database_url.starts_with("postgres") {
        bail!("civic-bench asof measures PostgreSQL; DATABASE_URL must be postgres://");
    }
    if args.events < 3 || args.requests == 0 {
        bail!("--events must be at least 3 and --requests at least 1");
    }
    let scratch = ScratchDb::create(&args.server.database_url).await?;
    let result = measure(&scratch, &args).await;
    scratch.drop_now().await?;
    result
}

async fn measure(scratch: &ScratchDb, args: &Args) -> anyhow::Result<()> {
    let runtime = Runtime::connect(&scratch.url(), 8).await?;
    let actor = Actor::parse("system:bench")?;
    let registration = CouncilCommand::Register {
        slug: Slug::parse("asof")?,
        name: Name::parse("As-of Borough Council")?,
        kind: CouncilKind::District,
        nation: Nation::England,
    };
    let (tenant, _) = runtime
        .register_council(actor.clone(), Uuid::now_v7(), registration)
        .await?;
    let run = |command: Command| {
        let envelope = Envelope::new(tenant, actor.clone(), Uuid::now_v7());
        let runtime = &runtime;
        async move { runtime.run(&envelope, &command).await }
    };
    let cabinet = BodyId::new();
    run(Command::Council(CouncilCommand::AddBody {
        body: cabinet,
        name: Name::parse("Cabinet")?,
        kind: BodyKind::Cabinet,
    }))
    .await?;
    let decision = DecisionId::new();
    let details = civic_domain::example::details(cabinet, None)?;
    let mut positions = Vec::with_capacity(args.events);
    let on_decision = |command| Command::Decision { decision, command };
    let recorded = run(on_decision(DecisionCommand::Record {
        details: details.clone().into(),
    }))
    .await?;
    positions.push(recorded.committed.last_position);
    let published = run(on_decision(DecisionCommand::Publish {
        publication_date: date(2010, 6, 11)?,
        call_in_deadline: None,
        call_in_deadline_time: None,
        effective_from: None,
        override_reason: None,
    }))
    .await?;
    positions.push(published.committed.last_position);
    // The title the decision had after each of its events: every answer is checked against it.
    let mut titles = vec![details.title.to_string(); 2];
    for n in 2..args.events {
        // Another record of the council between corrections, as in a living log.
        run(Command::Council(CouncilCommand::AddWard {
            ward: civic_domain::values::WardId::new(),
            name: Name::parse(&format!("Ward {n}"))?,
        }))
        .await?;
        let mut corrected = details.clone();
        corrected.title = Title::parse(&format!("Information Strategy 2010 - 13 (revision {n})"))?;
        titles.push(corrected.title.to_string());
        let done = run(on_decision(DecisionCommand::Correct {
            details: corrected.into(),
            reason: Reason::parse("A revised title")?,
        }))
        .await?;
        positions.push(done.committed.last_position);
    }
    println!(
        "one decision of {} events at positions {}..={} of a log of {}",
        positions.len(),
        positions.first().copied().unwrap_or_default(),
        positions.last().copied().unwrap_or_default(),
        positions.last().copied().unwrap_or_default(),
    );

    let mut settings = Settings::new(scratch.url());
    settings.listen = "127.0.0.1:0".parse()?;
    let application = Application::build(settings).await?;
    let port = application.port();
    let server = tokio::spawn(application.run_until_stopped());
    let _ = rustls::crypto::ring::default_provider().install_default();
    let http = reqwest::Client::new();
    let url = format!("http://127.0.0.1:{port}/councils/asof/graphql");
    let ask = |body: serde_json::Value, title: &str| {
        let (http, url, title) = (http.clone(), url.clone(), title.to_owned());
        async move {
            let sent = Instant::now();
            let answer: serde_json::Value =
                http.post(&url).json(&body).send().await?.json().await?;
            let took = sent.elapsed();
            if answer["data"]["decision"]["title"].as_str() != Some(title.as_str()) {
                bail!("not the decision titled {title:?} in the answer: {answer}");
            }
            anyhow::Ok(took)
        }
    };
    let now = titles.last().cloned().unwrap_or_default();
    let as_of = "query($id: UUID!, $p: Int!) { decision(id: $id, asOf: {position: $p}) { title status effectiveFrom } }";
    let current = "query($id: UUID!) { decision(id: $id) { title status effectiveFrom } }";
    // Warm both paths (connections, plans), then measure them in turns.
    for _ in 0..50 {
        ask(
            json!({"query": current, "variables": {"id": decision.as_uuid()}}),
            &now,
        )
        .await?;
    }
    let (mut asof_tally, mut current_tally) = (Tally::default(), Tally::default());
    let started = Instant::now();
    let mut asof_time = Duration::ZERO;
    let mut current_time = Duration::ZERO;
    for _ in 0..args.requests {
        // From the publication on: the anonymous caller sees the public record.
        let index = 1 + crate::query::random_index(positions.len() - 1);
        let took = ask(
            json!({"query": as_of, "variables": {"id": decision.as_uuid(), "p": positions[index]}}),
            &titles[index],
        )
        .await?;
        asof_time += took;
        asof_tally.record(took);
        let took = ask(
            json!({"query": current, "variables": {"id": decision.as_uuid()}}),
            &now,
        )
        .await?;
        current_time += took;
        current_tally.record(took);
    }
    server.abort();
    let elapsed = started.elapsed();
    let asof_rate = args.requests as f64 / asof_time.as_secs_f64();
    let current_rate = args.requests as f64 / current_time.as_secs_f64();
    println!(
        "{} requests of each kind in {:.1}s",
        args.requests,
        elapsed.as_secs_f64()
    );
    println!(
        "asof: backend=postgres events={} requests={} asof_p50={:.2}ms asof_p99={:.2}ms \
         current_p50={:.2}ms current_p99={:.2}ms asof={asof_rate:.0}/s current={current_rate:.0}/s \
         ratio={:.2}",
        positions.len(),
        args.requests,
        asof_tally.percentile_ms(0.50),
        asof_tally.percentile_ms(0.99),
        current_tally.percentile_ms(0.50),
        current_tally.percentile_ms(0.99),
        asof_rate / current_rate.max(f64::EPSILON),
    );
    Ok(())
}
