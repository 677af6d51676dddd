//! Each request's span, continuing the caller's W3C trace context, and the trace a command is
//! correlated with.
//!
//! The span (`http.request`, named `{method} {route}` for OpenTelemetry) carries the method, the
//! route's template (never the path asked for) and the status. When the request has a valid
//! `traceparent` (and perhaps a `tracestate`), that remote span becomes the span's parent, so the
//! trace goes on where the caller's left off. The layer that exports spans is the binary's
//! (`civic`, only when an OTLP endpoint is configured); without it the span is a plain `tracing`
//! span, and the remote context is still made current for the request's future, so a command
//! run for the request is correlated with the caller's trace either way ([`current_trace_id`]).

use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::Response;
use opentelemetry::Context;
use opentelemetry::context::FutureExt as _;
use opentelemetry::propagation::{Extractor, TextMapPropagator as _};
use opentelemetry::trace::TraceContextExt as _;
use opentelemetry_sdk::propagation::TraceContextPropagator;
use tracing::Instrument as _;
use tracing::field::Empty;
use tracing_opentelemetry::OpenTelemetrySpanExt as _;
use uuid::Uuid;

use super::AppState;
use crate::metrics::method_label;

/// The W3C header that carries the caller's trace and span ids.
const TRACEPARENT: &str = "traceparent";

/// The middleware that runs every request in its span and counts it for `/metrics`, outermost so
/// that refusals by the other layers are in both. One middleware, not two: each layer of axum
/// middleware costs every request a boxed future and a clone of the inner service.
pub(crate) async fn trace_request(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let started = Instant::now();
    let method = method_label(request.method());
    // The route's template (`/councils/{slug}/graphql`), never the path asked for: one span
    // name and one metrics series per route.
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or("unmatched", MatchedPath::as_str)
        .to_owned();
    let route = route.as_str();
    let span = tracing::info_span!(
        "http.request",
        otel.name = %RequestName(method, route),
        otel.kind = "server",
        http.request.method = method,
        http.route = route,
        http.response.status_code = Empty,
        otel.status_code = Empty,
    );
    let response = match remote_context(request.headers()) {
        Some(remote) => match span.set_parent(remote.clone()) {
            Ok(()) => next.run(request).instrument(span.clone()).await,
            // No layer exports spans (or the filter disabled this one): the caller's context
            // itself is made current, so a command is still correlated with its trace. Never
            // both: with the layer, the current context is the entered span's, and the
            // operation's span would otherwise take the caller's span as its parent.
            Err(_) => {
                next.run(request)
                    .with_context(remote)
                    .instrument(span.clone())
                    .await
            }
        },
        None => next.run(request).instrument(span.clone()).await,
    };
    let status = response.status();
    span.record("http.response.status_code", status.as_u16());
    if status.is_server_error() {
        span.record("otel.status_code", "ERROR");
    }
    state.services.metrics.http.record(
        method,
        route,
        status.as_u16(),
        started.elapsed().as_secs_f64(),
    );
    response
}

/// A request span's name for OpenTelemetry, `{method} {route}`, written only by the layers that
/// read it (no string is made for it when nothing exports).
struct RequestName<'a>(&'static str, &'a str);

impl std::fmt::Display for RequestName<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.0, self.1)
    }
}

/// The caller's trace context, when the request carries a valid `traceparent`.
fn remote_context(headers: &HeaderMap) -> Option<Context> {
    if !headers.contains_key(TRACEPARENT) {
        return None;
    }
    let remote =
        TraceContextPropagator::new().extract_with_context(&Context::new(), &Headers(headers));
    remote.span().span_context().is_valid().then_some(remote)
}

/// The request's headers as the propagator reads them.
struct Headers<'a>(&'a HeaderMap);

impl Extractor for Headers<'_> {
    fn get(&self, key: &str) -> Option<&str> {
        self.0.get(key).and_then(|value| value.to_str().ok())
    }

    fn keys(&self) -> Vec<&str> {
        self.0.keys().map(|name| name.as_str()).collect()
    }
}

/// The id of the trace the current code runs in, as a UUID (the same 128 bits; the trace id's
/// 32 hex digits are the UUID's without its dashes): the caller's, continued from its
/// `traceparent`, or one this process started while exporting traces. `None` outside any trace.
pub(crate) fn current_trace_id() -> Option<Uuid> {
    let context = Context::current();
    let span = context.span();
    let span = span.span_context();
    span.is_valid()
        .then(|| Uuid::from_bytes(span.trace_id().to_bytes()))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use axum::http::HeaderValue;

    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for (name, value) in pairs {
            headers.insert(*name, HeaderValue::from_static(value));
        }
        headers
    }

    #[test]
    fn a_valid_traceparent_is_the_remote_parent_and_its_trace_id_a_uuid() {
        let remote = remote_context(&headers(&[(
            "traceparent",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        )]))
        .unwrap();
        let _current = remote.attach();
        assert_eq!(
            current_trace_id().unwrap(),
            Uuid::parse_str("4bf92f35-77b3-4da6-a3ce-929d0e0e4736").unwrap()
        );
    }

    #[test]
    fn no_or_an_invalid_traceparent_is_no_trace() {
        assert!(remote_context(&headers(&[])).is_none());
        for invalid in [
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
            "not a traceparent",
        ] {
            let headers = headers(&[("traceparent", invalid)]);
            assert!(remote_context(&headers).is_none(), "{invalid}");
        }
        assert!(current_trace_id().is_none());
    }
}
