//! `civic project`: keep every council's read models in step with its log, as a process of its
//! own (for deployments that run `civic serve --no-projector`). Several may run at once: a
//! per-tenant lock makes them share the work without applying an event twice.

use crate::config;

/// Options of `civic project`.
#[derive(Debug, clap::Args)]
pub struct Args {}

pub async fn run(_args: Args) -> anyhow::Result<()> {
    let runtime = config::runtime().await?;
    let projector = runtime.projector();
    let caught_up = projector.catch_up_all().await?;
    tracing::info!(
        councils = caught_up.len(),
        "projector caught up; following new events"
    );
    // SIGTERM too (an orchestrator's stop): the batch in hand is finished first, the process
    // then ends normally, and the spans still queued are exported on the way out
    // (`crate::telemetry`).
    projector.run(civic_gateway::shutdown_signal()).await;
    tracing::info!("projector stopped");
    Ok(())
}
