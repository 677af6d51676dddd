//! The subcommands of `civic`, one file each: `serve`, `token`, `replay`, `project`.

mod project;
mod replay;
mod serve;
mod token;

use clap::{Parser, Subcommand};

/// Civic Register: registers of council decisions, event-sourced and verifiable.
#[derive(Debug, Parser)]
#[command(name = "civic", version, about)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the GraphQL gateway (embedded SQLite in the working directory by default).
    Serve(serve::Args),
    /// Mint a development bearer token (HS256) for a council of the configured database.
    Token(token::Args),
    /// Rebuild a council's read models from its log, beside the live ones, then switch.
    Replay(replay::Args),
    /// Keep every council's read models in step with its log, as a process of its own.
    Project(project::Args),
}

impl Cli {
    /// Runs the chosen subcommand.
    pub async fn run(self) -> anyhow::Result<()> {
        match self.command {
            Command::Serve(args) => serve::run(args).await,
            Command::Token(args) => token::run(args).await,
            Command::Replay(args) => replay::run(args).await,
            Command::Project(args) => project::run(args).await,
        }
    }
}
