//! `civic`: runs Civic Register and the operator tasks around it.
//!
//! Modules:
//! - `cmd`: one file per subcommand (`serve`, `token`, `import`, `export`, `erase`, `verify`,
//!   `replay`, `project`), dispatched from an enum.
//! - `config`: layered configuration: defaults, then `CIVIC_*`/`DATABASE_URL`, then flags.

mod cmd;
mod config;

use std::io::IsTerminal;

/// mimalloc rather than glibc's malloc: a register page allocates and frees thousands of small
/// values across threads, and glibc's malloc and free were about 12 % of the gateway's CPU per
/// page (docs/benchmarks.md, `query`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> anyhow::Result<std::process::ExitCode> {
    let cli = cmd::Cli::parse_with_config_file()?;
    init_logging();
    cli.run().await
}

/// Logs to stderr; `RUST_LOG` filters (default: info for Civic Register, warn for the rest).
/// Both settings may come from the configuration file too.
/// `CIVIC_LOG_FORMAT=json` writes one JSON object a line, for log collectors; otherwise lines
/// for people, coloured only when stderr is a terminal (no escape codes in files and journals).
fn init_logging() {
    let filter = config::var("RUST_LOG")
        .and_then(|filter| tracing_subscriber::EnvFilter::try_new(filter).ok())
        .unwrap_or_else(|| tracing_subscriber::EnvFilter::new(config::DEFAULT_LOG_FILTER));
    let logs = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match config::var("CIVIC_LOG_FORMAT").as_deref() {
        Some("json") => logs.json().init(),
        format => {
            if let Some(other) = format
                && other != "text"
            {
                eprintln!("CIVIC_LOG_FORMAT={other:?} is neither json nor text: writing text");
            }
            logs.with_ansi(std::io::stderr().is_terminal()).init();
        }
    }
}
