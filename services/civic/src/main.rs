//! `civic`: runs Civic Register and the operator tasks around it.
//!
//! Modules:
//! - `cmd`: one file per subcommand (`serve`, `token`, `import`, `export`, `erase`, `verify`,
//!   `replay`, `project`, `migrate`), dispatched from an enum.
//! - `config`: layered configuration: defaults, then `CIVIC_*`/`DATABASE_URL`, then flags.
//! - `telemetry`: OpenTelemetry traces over OTLP, when an endpoint is configured.

mod cmd;
mod config;
mod telemetry;

use std::io::IsTerminal;

use tracing_subscriber::layer::SubscriberExt as _;
use tracing_subscriber::util::SubscriberInitExt as _;

/// mimalloc rather than glibc's malloc: a register page allocates and frees thousands of small
/// values across threads, and glibc's malloc and free were about 12 % of the gateway's CPU per
/// page (docs/benchmarks.md, `query`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> anyhow::Result<std::process::ExitCode> {
    let cli = cmd::Cli::parse_with_config_file()?;
    let telemetry = init_logging();
    let outcome = cli.run().await;
    telemetry.shutdown().await;
    outcome
}

/// Logs to stderr; `RUST_LOG` filters (default: info for Civic Register, warn for the rest).
/// Both settings may come from the configuration file too.
/// `CIVIC_LOG_FORMAT=json` writes one JSON object a line, for log collectors; otherwise lines
/// for people, coloured only when stderr is a terminal (no escape codes in files and journals).
/// The same filter decides which spans exist, so it decides which are exported as traces
/// ([`telemetry`]; `civic_eventstore=info` for the append's span).
fn init_logging() -> telemetry::Telemetry {
    let filter = config::var("RUST_LOG")
        .and_then(|filter| tracing_subscriber::EnvFilter::try_new(filter).ok())
        .unwrap_or_else(|| tracing_subscriber::EnvFilter::new(config::DEFAULT_LOG_FILTER));
    let (traces, telemetry) = telemetry::init();
    let subscriber = tracing_subscriber::registry().with(traces).with(filter);
    let logs = tracing_subscriber::fmt::layer().with_writer(std::io::stderr);
    match config::var("CIVIC_LOG_FORMAT").as_deref() {
        Some("json") => subscriber.with(logs.json()).init(),
        format => {
            if let Some(other) = format
                && other != "text"
            {
                eprintln!("CIVIC_LOG_FORMAT={other:?} is neither json nor text: writing text");
            }
            subscriber
                .with(logs.with_ansi(std::io::stderr().is_terminal()))
                .init();
        }
    }
    telemetry
}
