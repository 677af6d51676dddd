//! `civic replay`: rebuild one council's read models from its log.
//!
//! The rebuild folds the whole log into a new generation of read models beside the live one and
//! switches to it in one transaction, so a running server keeps answering throughout.

use anyhow::bail;

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
    let Some(tenant) = runtime.read_models().tenant_for_slug(&args.council).await? else {
        bail!("no council with slug {:?}", args.council);
    };
    let position = runtime.projector().rebuild(tenant).await?;
    println!(
        "replayed council {} (tenant {tenant}): read models rebuilt to position {position}",
        args.council
    );
    Ok(())
}
