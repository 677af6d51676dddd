//! `civic replay`: rebuild one council's read models from its log.
//!
//! The rebuild folds the whole log into a new generation of read models beside the live one and
//! switches to it in one transaction, so a running server keeps answering throughout.

use civic_eventstore::EventStore as _;

use crate::config;

/// Options of `civic replay`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The council (slug) whose read models to rebuild.
    #[arg(long)]
    council: String,
}

pub async fn run(args: Args) -> anyhow::Result<()> {
    let runtime = config::runtime().await?;
    let tenant = config::council(&runtime, &args.council).await?;
    let generation = runtime.projector().rebuild(tenant).await?;
    let position = runtime.read_models().checkpoint(tenant).await?;
    let events = runtime.store().head(tenant).await?.position;
    println!(
        "replayed council {} (tenant {tenant}): read models rebuilt from its log, {events} \
         events, up to position {position} (read-model generation {generation})",
        args.council
    );
    Ok(())
}
