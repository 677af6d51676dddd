//! Traces: OpenTelemetry over OTLP/HTTP (protobuf), only when an endpoint is configured.
//!
//! `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` (used as given) or `OTEL_EXPORTER_OTLP_ENDPOINT` (with
//! `/v1/traces` appended) turns export on; without either there is no exporter and no
//! OpenTelemetry layer, so spans cost what `tracing` alone costs. The other standard variables
//! are read by the SDK and the exporter themselves: `OTEL_SERVICE_NAME` and
//! `OTEL_RESOURCE_ATTRIBUTES` (the service is `civic` unless they say otherwise),
//! `OTEL_TRACES_SAMPLER` and `OTEL_TRACES_SAMPLER_ARG`, `OTEL_EXPORTER_OTLP_[TRACES_]HEADERS`,
//! `_TIMEOUT`, and the batch processor's `OTEL_BSP_*`. `OTEL_SDK_DISABLED=true` and
//! `OTEL_TRACES_EXPORTER=none` turn export off. A setting that cannot work (another protocol
//! than `http/protobuf`, an endpoint that is not a URL) is reported on stderr and the process
//! runs without export: telemetry never stops the register. See docs/operations.md, "Traces".
//!
//! [`Telemetry::shutdown`] exports what is still queued before the process exits.

use std::time::Duration;

use opentelemetry::trace::TracerProvider as _;
use opentelemetry_http::{Bytes, HttpClient, HttpError, Request, Response};
use opentelemetry_otlp::{Protocol, SpanExporter, WithExportConfig as _, WithHttpConfig as _};
use opentelemetry_sdk::Resource;
use opentelemetry_sdk::resource::{EnvResourceDetector, TelemetryResourceDetector};
use opentelemetry_sdk::trace::{SdkTracer, SdkTracerProvider};
use tracing_opentelemetry::OpenTelemetryLayer;
use tracing_subscriber::Registry;

/// The service name when neither `OTEL_SERVICE_NAME` nor `OTEL_RESOURCE_ATTRIBUTES` gives one.
const SERVICE_NAME: &str = "civic";

/// How long the exit waits for the last spans to reach the collector.
const SHUTDOWN_TIMEOUT: Duration = Duration::from_secs(5);

/// The `tracing` layer that turns spans into OpenTelemetry spans, innermost (next to the
/// registry), so it is one type whatever the log format.
pub type TraceLayer = OpenTelemetryLayer<Registry, SdkTracer>;

/// The exporting tracer provider, if export is on; shut it down before the process exits.
#[derive(Debug)]
#[must_use = "shut it down at exit, or the last spans are lost"]
pub struct Telemetry {
    provider: Option<SdkTracerProvider>,
}

/// Sets up export as the environment says: the layer to add to the subscriber (none when export
/// is off), and the provider to shut down at exit. Must run inside the Tokio runtime: exports
/// are sent from it.
pub fn init() -> (Option<TraceLayer>, Telemetry) {
    let var = |name: &str| std::env::var(name).ok();
    let provider = match configured(var) {
        Ok(false) => None,
        Ok(true) => match provider() {
            Ok(provider) => Some(provider),
            Err(why) => {
                eprintln!("traces are not exported: {why}");
                None
            }
        },
        Err(why) => {
            eprintln!("traces are not exported: {why}");
            None
        }
    };
    if provider.is_some()
        && let Some(note) = compression_ignored(var)
    {
        eprintln!("{note}");
    }
    let layer = provider.as_ref().map(|provider| {
        tracing_opentelemetry::layer()
            .with_tracer(provider.tracer("civic"))
            // Thread names are allocated for every span and say little in an async server;
            // busy and idle times take two clock reads each time a span is entered.
            .with_threads(false)
            .with_tracked_inactivity(false)
    });
    (layer, Telemetry { provider })
}

impl Telemetry {
    /// Exports the spans still queued and stops the exporter, waiting at most
    /// [`SHUTDOWN_TIMEOUT`] (a collector that is down must not hold the exit).
    pub async fn shutdown(self) {
        let Some(provider) = self.provider else {
            return;
        };
        // Shutting down blocks until the batch thread has exported, which it does on this
        // runtime: wait on a blocking thread, never on a worker.
        let stopped =
            tokio::task::spawn_blocking(move || provider.shutdown_with_timeout(SHUTDOWN_TIMEOUT))
                .await;
        match stopped {
            Ok(Ok(())) => {}
            Ok(Err(error)) => tracing::warn!(%error, "the last spans may not have been exported"),
            Err(error) => tracing::warn!(%error, "the last spans may not have been exported"),
        }
    }
}

/// Whether the environment (`var`) asks for export, or why what it asks cannot be done.
fn configured(var: impl Fn(&str) -> Option<String>) -> Result<bool, String> {
    let set = |name: &str| var(name).is_some_and(|value| !value.trim().is_empty());
    if !set("OTEL_EXPORTER_OTLP_ENDPOINT") && !set("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") {
        return Ok(false);
    }
    if var("OTEL_SDK_DISABLED").is_some_and(|value| value.eq_ignore_ascii_case("true")) {
        return Ok(false);
    }
    match var("OTEL_TRACES_EXPORTER").as_deref() {
        None | Some("" | "otlp") => {}
        Some("none") => return Ok(false),
        Some(other) => {
            return Err(format!(
                "OTEL_TRACES_EXPORTER={other:?}: only \"otlp\" and \"none\" are built in"
            ));
        }
    }
    for name in [
        "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL",
        "OTEL_EXPORTER_OTLP_PROTOCOL",
    ] {
        match var(name).as_deref() {
            None | Some("" | "http/protobuf") => {}
            Some(other) => {
                return Err(format!(
                    "{name}={other:?}: only \"http/protobuf\" is built in"
                ));
            }
        }
    }
    Ok(true)
}

/// What to say when a compression is asked for: none is built in, and the exporter sends
/// uncompressed (it would say so itself, but before logging is set up, so nobody would see it).
fn compression_ignored(var: impl Fn(&str) -> Option<String>) -> Option<String> {
    [
        "OTEL_EXPORTER_OTLP_TRACES_COMPRESSION",
        "OTEL_EXPORTER_OTLP_COMPRESSION",
    ]
    .into_iter()
    .find_map(|name| {
        let value = var(name)?;
        let value = value.trim();
        (!value.is_empty() && !value.eq_ignore_ascii_case("none")).then(|| {
            format!("{name}={value:?}: no compression is built in; traces are sent uncompressed")
        })
    })
}

/// The tracer provider: OTLP/HTTP export in batches (the SDK's batch processor, on a thread of
/// its own), the sampler from `OTEL_TRACES_SAMPLER`, and the resource.
fn provider() -> Result<SdkTracerProvider, String> {
    let runtime = tokio::runtime::Handle::try_current()
        .map_err(|_| "no Tokio runtime to send them from".to_owned())?;
    // reqwest is built without a bundled TLS provider (as for JWKS): ring, for `https://`
    // endpoints. Installing fails only if one was installed first, which is as good.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let client = reqwest::Client::builder()
        .build()
        .map_err(|error| format!("the HTTP client could not be built: {error}"))?;
    let exporter = SpanExporter::builder()
        .with_http()
        .with_protocol(Protocol::HttpBinary)
        .with_http_client(OnRuntime { client, runtime })
        .build()
        .map_err(|error| error.to_string())?;
    Ok(SdkTracerProvider::builder()
        .with_batch_exporter(exporter)
        .with_resource(resource())
        .build())
}

/// `service.name` is `civic` unless `OTEL_RESOURCE_ATTRIBUTES` or `OTEL_SERVICE_NAME` (which
/// wins) names another; the SDK's own attributes and the rest of `OTEL_RESOURCE_ATTRIBUTES` are
/// kept.
fn resource() -> Resource {
    let resource = Resource::builder_empty()
        .with_service_name(SERVICE_NAME)
        .with_detectors(&[
            Box::new(TelemetryResourceDetector),
            Box::new(EnvResourceDetector::new()),
        ]);
    match std::env::var("OTEL_SERVICE_NAME") {
        Ok(name) if !name.trim().is_empty() => resource.with_service_name(name),
        _ => resource,
    }
    .build()
}

/// The exporter's HTTP client: the SDK's batch processor exports from a thread of its own,
/// outside any async runtime, and reqwest's async client needs Tokio's; each request is sent
/// from a task on the process's runtime, and the batch thread waits for its answer. (The
/// alternative, reqwest's blocking client, would build a second variant of reqwest, and of
/// the gateway above it, for this binary alone.)
#[derive(Debug)]
struct OnRuntime {
    client: reqwest::Client,
    runtime: tokio::runtime::Handle,
}

#[async_trait::async_trait]
impl HttpClient for OnRuntime {
    async fn send_bytes(&self, request: Request<Bytes>) -> Result<Response<Bytes>, HttpError> {
        let client = self.client.clone();
        self.runtime
            .spawn(async move { client.send_bytes(request).await })
            .await?
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(vars: &[(&str, &str)]) -> Result<bool, String> {
        configured(|name| {
            vars.iter()
                .find(|(found, _)| *found == name)
                .map(|(_, value)| (*value).to_owned())
        })
    }

    #[test]
    fn export_is_on_only_with_an_endpoint() {
        assert_eq!(with(&[]), Ok(false));
        assert_eq!(with(&[("OTEL_EXPORTER_OTLP_ENDPOINT", " ")]), Ok(false));
        assert_eq!(
            with(&[("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318")]),
            Ok(true)
        );
        assert_eq!(
            with(&[(
                "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
                "http://collector:4318/v1/traces"
            )]),
            Ok(true)
        );
    }

    #[test]
    fn the_standard_switches_turn_export_off() {
        let endpoint = ("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318");
        assert_eq!(with(&[endpoint, ("OTEL_SDK_DISABLED", "TRUE")]), Ok(false));
        assert_eq!(with(&[endpoint, ("OTEL_SDK_DISABLED", "false")]), Ok(true));
        assert_eq!(
            with(&[endpoint, ("OTEL_TRACES_EXPORTER", "none")]),
            Ok(false)
        );
        assert_eq!(
            with(&[endpoint, ("OTEL_TRACES_EXPORTER", "otlp")]),
            Ok(true)
        );
    }

    #[test]
    fn a_compression_asked_for_is_said_to_be_ignored() {
        let note = |vars: &[(&str, &str)]| {
            compression_ignored(|name| {
                vars.iter()
                    .find(|(found, _)| *found == name)
                    .map(|(_, value)| (*value).to_owned())
            })
        };
        assert_eq!(note(&[]), None);
        assert_eq!(note(&[("OTEL_EXPORTER_OTLP_COMPRESSION", "none")]), None);
        let said = note(&[("OTEL_EXPORTER_OTLP_TRACES_COMPRESSION", "gzip")]).unwrap();
        assert!(said.contains("uncompressed"), "{said}");
    }

    #[test]
    fn what_is_not_built_in_is_refused_with_the_reason() {
        let endpoint = ("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318");
        let refused = with(&[endpoint, ("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")]).unwrap_err();
        assert!(refused.contains("http/protobuf"), "{refused}");
        let refused = with(&[endpoint, ("OTEL_TRACES_EXPORTER", "zipkin")]).unwrap_err();
        assert!(refused.contains("zipkin"), "{refused}");
        assert_eq!(
            with(&[
                endpoint,
                ("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf")
            ]),
            Ok(true)
        );
    }
}
