//! `civic-bench`: Civic Register's benchmarks, one subcommand per measurement.
//!
//! Each subcommand prints progress, then a last line with the figures (and `ratio=X` where it
//! measures against a baseline), so scripts can `tail -n 1`.
//!
//! Modules:
//! - `asof`: a decision as it stood at a log position, over the gateway, against the same
//!   decision as it stands.
//! - `append`: event-store appends against plain INSERTs of rows of the same width.
//! - `import`: the importer over saved pages against COPY of the rows it stored.
//! - `cost`: a plain query while other clients send the most expensive documents accepted.
//! - `query`: the register page over the GraphQL gateway against the same query run directly.
//! - `rebuild`: every council's read models rebuilt from a log of real events, against
//!   hand-written SQL writing the same rows.
//! - `latency`: operation counts and latency percentiles.
//! - `scratch_db`: a throw-away PostgreSQL database per run.

/// The allocator `civic` runs with, so the gateway measured here is the one that is served.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod append;
mod asof;
mod cost;
mod cpu;
mod gateway_thread;
mod import;
mod latency;
mod query;
mod rebuild;
mod scratch_db;

use clap::{Parser, Subcommand};

/// Civic Register benchmarks.
#[derive(Debug, Parser)]
#[command(name = "civic-bench", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Single-event commands from concurrent clients over many tenants, against plain INSERTs.
    Append(append::Args),
    /// The register page (20 rows, two filters) under concurrent load, against the same query
    /// run directly.
    Query(query::Args),
    /// The register page while other clients send the most expensive documents the gateway
    /// accepts, and documents it refuses for their cost.
    Cost(cost::Args),
    /// Saved decision pages imported into a fresh council, against COPY of the rows the import
    /// stored into a plain table.
    Import(import::Args),
    /// One decision of 50 events asked for as it stood at random positions, over the gateway,
    /// against the same decision as it stands now.
    Asof(asof::Args),
    /// Every council's read models rebuilt from zero over a log of real events, against
    /// hand-written SQL writing the same rows.
    Rebuild(rebuild::Args),
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    match Cli::parse().command {
        Command::Append(args) => append::run(args).await,
        Command::Query(args) => query::run(args).await,
        Command::Cost(args) => cost::run(args).await,
        Command::Import(args) => import::run(args).await,
        Command::Asof(args) => asof::run(args).await,
        Command::Rebuild(args) => rebuild::run(args).await,
    }
}
