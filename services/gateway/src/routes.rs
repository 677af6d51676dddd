//! Every HTTP route of the gateway, and the layers every request passes, in one function.

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::middleware::from_fn_with_state;
use axum::routing::get;

use crate::http::AppState;
use crate::http::assets::{govuk_asset, graphiql_asset};
use crate::http::body::{BodyLimits, read_body};
use crate::http::cors::{CorsPolicy, cors};
use crate::http::deadline::request_deadline;
use crate::http::graphql::{council, platform};
use crate::http::health::{healthz, readyz};
use crate::http::home::{home, readme};
use crate::http::log;
use crate::http::trace::trace_request;
use crate::http::web::calendar::meetings_calendar;
use crate::http::web::changes::changes;
use crate::http::web::decision::decision;
use crate::http::web::downloads::{decisions_csv, decisions_json};
use crate::http::web::feed::feed;
use crate::http::web::forward_plan::forward_plan;
use crate::http::web::history::{
    decision_history, meeting_history, plan_entry_history, strategy_history,
};
use crate::http::web::meeting::meeting;
use crate::http::web::meetings::meetings;
use crate::http::web::plan_entry::plan_entry;
use crate::http::web::register::register;
use crate::http::web::strategies::strategies;
use crate::http::web::strategy::strategy;
use crate::metrics::metrics;
use crate::settings::HttpSettings;

/// The gateway's routes:
///
/// | route | methods | what |
/// | --- | --- | --- |
/// | `/` | GET | an HTML page: the councils, links to their GraphiQL, the platform, the README |
/// | `/README.md` | GET | the README of this build, as text |
/// | `/graphql` | GET, POST | the platform schema (GraphiQL for a browser) |
/// | `/councils/{slug}/graphql` | GET, POST | a council's schema (GraphiQL for a browser; subscriptions on a WebSocket upgrade) |
/// | `/councils/{slug}` | GET | the council's public register of decisions, HTML ([`crate::http::web`]); JSON or Atom by `Accept` |
/// | `/councils/{slug}/decisions/{id}` | GET | one decision's public page, HTML; JSON by `Accept` |
/// | `/councils/{slug}/{decisions,meetings,strategies,forward-plan}/{id}/history` | GET | a record's public history, HTML |
/// | `/councils/{slug}/forward-plan?from=&after=` | GET | the forward plan's public page, HTML |
/// | `/councils/{slug}/forward-plan/{id}` | GET | one forward-plan entry's public page, HTML; JSON by `Accept` |
/// | `/councils/{slug}/meetings`, `/councils/{slug}/meetings/{id}` | GET | meetings' public pages, HTML |
/// | `/councils/{slug}/strategies`, `/councils/{slug}/strategies/{id}` | GET | strategy documents' public pages, HTML |
/// | `/councils/{slug}/feed.atom` | GET | the newest decisions and forward-plan entries, an Atom feed |
/// | `/councils/{slug}/decisions.csv`, `.json` | GET | every public decision, CSV or JSON |
/// | `/councils/{slug}/changes?since=&limit=` | GET | the public records changed after a log position or time, JSON (the sync API) |
/// | `/councils/{slug}/meetings.ics` | GET | the council's meetings, an iCalendar |
/// | `/assets/graphiql/{file}` | GET | GraphiQL's scripts and styles, embedded in the binary |
/// | `/assets/govuk/{file}` | GET | the register pages' GOV.UK Design System styles, embedded |
/// | `/healthz` | GET | the process is up |
/// | `/readyz` | GET | the database answers |
/// | `/metrics` | GET | what the process counts, OpenMetrics text ([`crate::metrics`]) |
/// | `/log/key` | GET | the verifier key of checkpoint signatures (C2SP note form) |
/// | `/councils/{slug}/log/checkpoint` | GET | the council log's latest signed checkpoint |
/// | `/councils/{slug}/log/proof/inclusion?index=I&size=N` | GET | an inclusion proof (JSON) |
/// | `/councils/{slug}/log/proof/consistency?from=M&to=N` | GET | a consistency proof (JSON) |
///
/// Every request passes, outermost first: its span, continuing the caller's `traceparent`, and
/// its count for `/metrics` ([`trace_request`]), CORS (only when origins are configured; it
/// answers preflights itself), the request deadline (503 past `http.request_timeout`), and the body
/// read (408 past `http.body_read_timeout`, 413 over `limits.max_body_bytes`). Headers, the
/// connection cap and shutdown are the server's ([`crate::http::server`]).
pub fn router(state: AppState, http: &HttpSettings) -> Router {
    let body = BodyLimits {
        read_timeout: http.body_read_timeout,
        max_bytes: state.services.limits.max_body_bytes,
    };
    let routes = Router::new()
        .route("/", get(home))
        .route("/README.md", get(readme))
        .route("/graphql", get(platform).post(platform))
        .route("/councils/{slug}/graphql", get(council).post(council))
        .route("/councils/{slug}", get(register))
        .route("/councils/{slug}/decisions/{id}", get(decision))
        .route(
            "/councils/{slug}/decisions/{id}/history",
            get(decision_history),
        )
        .route("/councils/{slug}/forward-plan", get(forward_plan))
        .route("/councils/{slug}/forward-plan/{id}", get(plan_entry))
        .route(
            "/councils/{slug}/forward-plan/{id}/history",
            get(plan_entry_history),
        )
        .route("/councils/{slug}/meetings", get(meetings))
        .route("/councils/{slug}/meetings/{id}", get(meeting))
        .route(
            "/councils/{slug}/meetings/{id}/history",
            get(meeting_history),
        )
        .route("/councils/{slug}/meetings.ics", get(meetings_calendar))
        .route("/councils/{slug}/strategies", get(strategies))
        .route("/councils/{slug}/strategies/{id}", get(strategy))
        .route(
            "/councils/{slug}/strategies/{id}/history",
            get(strategy_history),
        )
        .route("/councils/{slug}/feed.atom", get(feed))
        .route("/councils/{slug}/decisions.csv", get(decisions_csv))
        .route("/councils/{slug}/decisions.json", get(decisions_json))
        .route("/councils/{slug}/changes", get(changes))
        .route("/assets/graphiql/{file}", get(graphiql_asset))
        .route("/assets/govuk/{file}", get(govuk_asset))
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics))
        .route("/log/key", get(log::key))
        .route("/councils/{slug}/log/checkpoint", get(log::checkpoint))
        .route("/councils/{slug}/log/proof/inclusion", get(log::inclusion))
        .route(
            "/councils/{slug}/log/proof/consistency",
            get(log::consistency),
        )
        .layer(DefaultBodyLimit::max(body.max_bytes))
        .layer(from_fn_with_state(body, read_body))
        .layer(from_fn_with_state(http.request_timeout, request_deadline));
    let routes = match CorsPolicy::new(&http.cors) {
        Some(policy) => routes.layer(from_fn_with_state(policy, cors)),
        None => routes,
    };
    routes
        .layer(from_fn_with_state(state.clone(), trace_request))
        .with_state(state)
}
