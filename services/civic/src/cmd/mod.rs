//! The subcommands of `civic`, one file each: `serve`, `token`, `import`, `export`, `erase`,
//! `verify`, `replay`, `project`, `migrate`, `config`, `backup`.

/// Writes a line of a report to standard output. A reader that stopped reading (`civic verify |
/// head -1`) is not an error of the command, whose exit status says how it went: the rest of the
/// report is dropped instead of the process panicking as `println!` would.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

mod backup;
mod config;
mod erase;
mod export;
mod import;
mod migrate;
mod project;
mod replay;
mod serve;
mod token;
mod verify;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory as _, FromArgMatches as _, Parser, Subcommand};

use crate::config::file::ConfigFile;
use crate::config::registry;

/// Civic Register: registers of council decisions, event-sourced and verifiable.
#[derive(Debug, Parser)]
#[command(name = "civic", version, about)]
pub struct Cli {
    /// A configuration file: TOML, one `NAME = value` a setting, named as its environment
    /// variable (`civic config` lists them). The environment and flags override it.
    #[arg(long, global = true, env = registry::CONFIG_VARIABLE, value_name = "FILE")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the GraphQL gateway (embedded SQLite in the working directory by default).
    Serve(serve::Args),
    /// Mint a development bearer token (HS256) for a council of the configured database.
    Token(token::Args),
    /// Import saved ModernGov and CMIS pages (HTML or text) into a council's register;
    /// importing the same pages again appends nothing.
    Import(import::Args),
    /// Print a council's whole log as NDJSON (one event a line, canonical JSON: the Merkle
    /// leaves).
    Export(export::Args),
    /// Erase personal data (contact details) from a council's records for good, lawfully and
    /// on the record: the log and its proofs still verify.
    Erase(erase::Args),
    /// Check a council's log: every hash, the Merkle root, and a checkpoint kept earlier.
    Verify(verify::Args),
    /// Rebuild a council's read models from its log, beside the live ones, then switch; with
    /// `--check`, compare them with the live ones instead and report every difference.
    Replay(replay::Args),
    /// Keep every council's read models in step with its log, as a process of its own.
    Project(project::Args),
    /// Apply the schema migrations to the configured database and exit (a deployment's
    /// migration job, run before the servers start).
    Migrate(migrate::Args),
    /// Print the effective settings (secrets hidden) and where each comes from.
    Config(config::Args),
    /// Copy the database consistently while it serves (SQLite: `VACUUM INTO`; PostgreSQL:
    /// `pg_dump`), for `civic verify` to check once restored.
    Backup(backup::Args),
}

impl Cli {
    /// The command line, with the configuration file's settings (`--config` or `CIVIC_CONFIG`)
    /// under the environment's; the file is also kept for the settings no flag takes
    /// ([`crate::config::var`]). On a bad command line, prints the usage and exits.
    pub fn parse_with_config_file() -> anyhow::Result<Self> {
        let cli = Self::parse();
        let Some(path) = &cli.config else {
            return Ok(cli);
        };
        let file = ConfigFile::load(path)?;
        let matches = registry::with_file_defaults(Self::command(), &file).get_matches();
        let cli = Self::from_arg_matches(&matches).unwrap_or_else(|error| error.exit());
        crate::config::use_file(file);
        Ok(cli)
    }

    /// Runs the chosen subcommand. Exit status 1 (after its own report) when it did only part of
    /// what it was asked: an import with pages or records that did not come in.
    pub async fn run(self) -> anyhow::Result<ExitCode> {
        match self.command {
            Command::Serve(args) => serve::run(args).await?,
            Command::Token(args) => token::run(args).await?,
            Command::Import(args) => {
                return Ok(match import::run(args).await? {
                    import::Outcome::Complete => ExitCode::SUCCESS,
                    import::Outcome::Incomplete => ExitCode::FAILURE,
                });
            }
            Command::Export(args) => export::run(args).await?,
            Command::Erase(args) => {
                return Ok(match erase::run(args).await? {
                    erase::Outcome::Erased => ExitCode::SUCCESS,
                    erase::Outcome::NothingMatched => ExitCode::FAILURE,
                });
            }
            Command::Verify(args) => {
                return Ok(match verify::run(args).await? {
                    verify::Outcome::Verified => ExitCode::SUCCESS,
                    verify::Outcome::Failed => ExitCode::FAILURE,
                });
            }
            Command::Replay(args) => {
                return Ok(match replay::run(args).await? {
                    replay::Outcome::Done => ExitCode::SUCCESS,
                    replay::Outcome::Differs => ExitCode::FAILURE,
                });
            }
            Command::Project(args) => project::run(args).await?,
            Command::Migrate(args) => migrate::run(args).await?,
            Command::Config(args) => config::run(args)?,
            Command::Backup(args) => backup::run(args).await?,
        }
        Ok(ExitCode::SUCCESS)
    }
}
