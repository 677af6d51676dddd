//! Every HTTP route of the gateway, in one function.

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::get;

use crate::http::AppState;
use crate::http::graphql::{council, platform};
use crate::http::health::{healthz, readyz};

/// The gateway's routes:
///
/// | route | methods | what |
/// | --- | --- | --- |
/// | `/graphql` | GET, POST | the platform schema (GraphiQL for a browser) |
/// | `/councils/{slug}/graphql` | GET, POST | a council's schema (GraphiQL for a browser) |
/// | `/healthz` | GET | the process is up |
/// | `/readyz` | GET | the database answers |
///
/// Bodies over the configured limit are refused with 413.
pub fn router(state: AppState) -> Router {
    let max_body = state.services.limits.max_body_bytes;
    Router::new()
        .route("/graphql", get(platform).post(platform))
        .route("/councils/{slug}/graphql", get(council).post(council))
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .layer(DefaultBodyLimit::max(max_body))
        .with_state(state)
}
