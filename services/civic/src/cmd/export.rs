//! `civic export --council SLUG`: a council's whole log as NDJSON on standard output, one event
//! a line in position order, each line the event's canonical JSON: the data of its leaf in the
//! log's Merkle tree (`docs/audit-chain.md`).

use std::io::Write as _;

use anyhow::Context as _;
use civic_eventstore::export::{export_line, for_each_event};

use crate::config;

/// Options of `civic export`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The council (slug) whose log to export.
    #[arg(long)]
    council: String,
}

pub async fn run(args: Args) -> anyhow::Result<()> {
    let directory = config::directory().await?;
    let (tenant, runtime) = config::council(&directory, &args.council).await?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = None;
    for_each_event(runtime.store(), tenant, |event| {
        if failed.is_none() {
            let line = export_line(event)?;
            if let Err(error) = writeln!(out, "{line}") {
                failed = Some(error);
            }
        }
        Ok(())
    })
    .await?;
    let flushed = match failed {
        Some(error) => Err(error),
        None => out.flush(),
    };
    match flushed {
        // The reader stopped reading (`civic export | head`): not a failure of the export.
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.context("write the export"),
    }
}
