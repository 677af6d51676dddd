//! `civic`: runs Civic Register and the operator tasks around it.
//!
//! Modules:
//! - `cmd`: one file per subcommand (`serve`, `token`, `import`, `export`, `erase`, `verify`,
//!   `replay`, `project`, `migrate`, `config`, `backup`), dispatched from an enum.
//! - `config`: layered configuration: defaults, then the configuration file, then
//!   `CIVIC_*`/`DATABASE_URL`, then flags.
//! - `telemetry`: OpenTelemetry traces over OTLP, when an endpoint is configured.

mod cmd;
mod config;
mod telemetry;

use std::io::IsTerminal;

use tracing::Metadata;
use tracing::subscriber::Interest;
use tracing_subscriber::filter::{EnvFilter, FilterExt as _};
use tracing_subscriber::layer::{Context, Filter, SubscriberExt as _};
use tracing_subscriber::util::SubscriberInitExt as _;
use tracing_subscriber::{Layer, Registry};

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
/// The same filter decides which spans are exported as traces ([`telemetry`];
/// `civic_eventstore=info` for the append's span).
///
/// Log lines are events only: spans are for traces. The log layer would otherwise record every
/// span's fields to prefix its lines with them, about 43,000 instructions of a register page
/// (1.7 %; docs/benchmarks.md), and without an exporter no layer wants spans at all, so none is
/// made.
fn init_logging() -> telemetry::Telemetry {
    let filter = || {
        config::var("RUST_LOG")
            .and_then(|filter| EnvFilter::try_new(filter).ok())
            .unwrap_or_else(|| EnvFilter::new(config::DEFAULT_LOG_FILTER))
    };
    let logs = tracing_subscriber::fmt::layer().with_writer(std::io::stderr);
    let logs: BoxedLayer = match config::var("CIVIC_LOG_FORMAT").as_deref() {
        Some("json") => logs.json().with_filter(filter().and(EventsOnly)).boxed(),
        format => {
            if let Some(other) = format
                && other != "text"
            {
                eprintln!("CIVIC_LOG_FORMAT={other:?} is neither json nor text: writing text");
            }
            logs.with_ansi(std::io::stderr().is_terminal())
                .with_filter(filter().and(EventsOnly))
                .boxed()
        }
    };
    let (traces, telemetry) = telemetry::init();
    let mut layers = vec![logs];
    if let Some(traces) = traces {
        layers.push(traces.with_filter(filter()).boxed());
    }
    tracing_subscriber::registry().with(layers).init();
    telemetry
}

/// A layer of the subscriber, boxed so the log format and the exporter can be chosen at run time.
type BoxedLayer = Box<dyn Layer<Registry> + Send + Sync>;

/// The log layer's filter of spans: none. Decided once per call site (a closure filter would be
/// asked again at every span and event, for every layer).
struct EventsOnly;

impl<S> Filter<S> for EventsOnly {
    fn enabled(&self, metadata: &Metadata<'_>, _: &Context<'_, S>) -> bool {
        metadata.is_event()
    }

    fn callsite_enabled(&self, metadata: &'static Metadata<'static>) -> Interest {
        if metadata.is_event() {
            Interest::always()
        } else {
            Interest::never()
        }
    }
}
