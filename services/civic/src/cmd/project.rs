//! `civic project`: keep every council's read models in step with its log, as a process of its
//! own (for deployments that run `civic serve --no-projector`), with a projector for each council
//! database. Several may run at once: a per-tenant lock makes them share the work without
//! applying an event twice.

use crate::config;

/// Options of `civic project`.
#[derive(Debug, clap::Args)]
pub struct Args {}

pub async fn run(_args: Args) -> anyhow::Result<()> {
    let directory = config::directory().await?;
    let mut councils = 0;
    for database in directory.databases() {
        councils += database.runtime.projector().catch_up_all().await?.len();
    }
    tracing::info!(
        councils,
        databases = directory.databases().len(),
        "projector caught up; following new events"
    );
    // SIGTERM too (an orchestrator's stop): the batch in hand is finished first, the process
    // then ends normally, and the spans still queued are exported on the way out
    // (`crate::telemetry`).
    directory
        .run_projectors(civic_gateway::shutdown_signal())
        .await;
    tracing::info!("projector stopped");
    Ok(())
}
