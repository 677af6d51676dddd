//! `civic`: runs Civic Register and the operator tasks around it.
//!
//! Modules:
//! - `cmd`: one file per subcommand (`serve`, `token`, `import`, `export`, `erase`, `verify`,
//!   `replay`, `project`, `migrate`), dispatched from an enum.
//! - `config`: layered configuration: defaults, then `CIVIC_*`/`DATABASE_URL`, then flags.

mod cmd;
mod config;

use std::io::IsTerminal;

use clap::Parser;

/// mimalloc rather than glibc's malloc: a register page allocates and frees thousands of small
/// values across threads, and glibc's malloc and free were about 12 % of the gateway's CPU per
/// page (docs/benchmarks.md, `query`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> anyhow::Result<std::process::ExitCode> {
    init_logging();
    cmd::Cli::parse().run().await
}

/// Logs to stderr; `RUST_LOG` filters (default: info for Civic Register, warn for the rest).
/// `CIVIC_LOG_FORMAT=json` writes one JSON object a line, for log collectors; otherwise lines
/// for people, coloured only when stderr is a terminal (no escape codes in files and journals).
fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| {
        tracing_subscriber::EnvFilter::new(
            "warn,civic=info,civic_gateway=info,civic_runtime=info,civic_projections=info",
        )
    });
    let logs = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match std::env::var("CIVIC_LOG_FORMAT").as_deref() {
        Ok("json") => logs.json().init(),
        format => {
            if let Ok(other) = format
                && other != "text"
            {
                eprintln!("CIVIC_LOG_FORMAT={other:?} is neither json nor text: writing text");
            }
            logs.with_ansi(std::io::stderr().is_terminal()).init();
        }
    }
}
