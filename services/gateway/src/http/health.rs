//! `/healthz` (the process answers) and `/readyz` (it can serve: its database answers with the
//! schema it needs, and the projectors keep up). Their meaning for operators: docs/operations.md.

use axum::extract::State;
use axum::http::StatusCode;

use super::AppState;

/// The process is up.
pub(crate) async fn healthz() -> &'static str {
    "ok"
}

/// `ready`, or 503 with the reason, so a load balancer stops sending requests.
pub(crate) async fn readyz(State(state): State<AppState>) -> (StatusCode, String) {
    let max_lag = state.services.ready_max_lag;
    match state.services.directory.readiness(max_lag).await {
        Ok(()) => (StatusCode::OK, "ready".to_owned()),
        Err(reason) => {
            tracing::warn!(error = %reason, "not ready");
            (StatusCode::SERVICE_UNAVAILABLE, reason.to_string())
        }
    }
}
