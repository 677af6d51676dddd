//! `/metrics`: what the process counts, in the OpenMetrics text format that Prometheus and the
//! OpenTelemetry collector scrape.
//!
//! - `http`: requests by method, route (the route's template, never the path asked for, so
//!   the number of series stays bounded) and status, with a latency histogram;
//! - `graphql`: operations by type and outcome, counted by the schemas' one extension;
//! - the runtime's [`civic_runtime::CommandMetrics`]: commands by kind of record and outcome
//!   (appends, replays, conflicts, refusals) and events appended;
//! - `snapshot`: the response cache's counters, the database pool and each council's projection
//!   lag (events not yet shown, and the age of the oldest), read when scraped.
//!
//! The families are created once (in [`Metrics`], part of [`crate::Services`]) and counted into
//! as requests run; each scrape registers them with a snapshot in a registry of its own, so the
//! snapshot needs no reference back to the services.

mod graphql;
mod http;
mod snapshot;

use axum::extract::State;
use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};
use prometheus_client::encoding::text::encode;
use prometheus_client::registry::Registry;

pub use graphql::GraphqlMetrics;
pub(crate) use graphql::operation;
pub use http::HttpMetrics;
pub(crate) use http::method_label;

use crate::http::AppState;

/// The media type of the answer: OpenMetrics text, which Prometheus reads.
const OPENMETRICS: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

/// The gateway's own counters.
#[derive(Debug, Clone, Default)]
pub struct Metrics {
    /// HTTP requests.
    pub http: HttpMetrics,
    /// GraphQL operations.
    pub graphql: GraphqlMetrics,
}

/// `GET /metrics`.
pub(crate) async fn metrics(State(state): State<AppState>) -> Response {
    let services = &state.services;
    let mut registry = Registry::default();
    services.metrics.http.register(&mut registry);
    services.metrics.graphql.register(&mut registry);
    services.directory.home().metrics().register(&mut registry);
    registry.register_collector(Box::new(snapshot::Snapshot::of(services).await));
    let mut text = String::with_capacity(16 * 1024);
    match encode(&mut text, &registry) {
        Ok(()) => ([(CONTENT_TYPE, OPENMETRICS)], text).into_response(),
        Err(error) => {
            tracing::error!(%error, "the metrics could not be written");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
