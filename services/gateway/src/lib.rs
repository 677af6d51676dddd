//! Civic Register's GraphQL gateway: the platform endpoint (`/graphql`: the councils, and their
//! registration by platform administrators) and one endpoint per council
//! (`/councils/{slug}/graphql`: its register, read by anyone and written by its clerks).
//!
//! Queries read the read models of `civic-projections`; mutations turn typed input into domain
//! commands and run them through `civic-runtime`, which records them and catches the council's
//! read models up so the mutation returns its own write. The layer maps; the domain decides; the
//! runtime owns the database (the gateway names no backend).
//!
//! Modules:
//! - [`settings`]: [`Settings`], filled by the `civic` binary; secrets never logged.
//! - [`startup`]: [`Application`]: build (connect, demo, bind) and run.
//! - [`routes`]: every HTTP route, in one function.
//! - [`http`]: GraphQL over HTTP (media types, GET/POST, status codes), health checks, the home
//!   and GraphiQL pages (assets embedded), and the edge: timeouts, connection cap, bounded
//!   shutdown, CORS.
//! - [`auth`]: bearer tokens (HS256, RS256/ES256 from a JWKS), roles, access per endpoint,
//!   [`mint_token`].
//! - [`graphql`]: the two schemas: queries, mutations, objects, inputs, SDL.
//! - [`feed`]: following a council's log as it grows, exactly once and in order: the source of
//!   every subscription.
//! - [`proofs`]: a council log's signed checkpoint and proofs, for REST and GraphQL alike.
//! - [`cache`]: the exact response cache of council endpoints (public answers, keyed by the
//!   council's log position).
//! - [`services`]: [`Services`], what every request shares (the runtime, the limits, the
//!   response cache).
//! - [`error`]: [`ApiError`], the one mapping to `extensions.code`.
//! - [`metrics`]: `/metrics`, what the process counts (HTTP, GraphQL, commands, cache, pool).

pub mod auth;
pub mod cache;
pub mod error;
pub mod feed;
pub mod graphql;
pub mod http;
pub mod metrics;
pub mod proofs;
pub mod routes;
pub mod services;
pub mod settings;
pub mod startup;

pub use auth::{Issuance, Role, TokenError, mint_issued_token, mint_token};
pub use cache::{CacheStats, ResponseCache};
pub use civic_runtime::Clock;
pub use error::ApiError;
pub use http::cors::{CorsOriginError, CorsOrigins};
pub use services::Services;
pub use settings::{
    CacheSettings, CostLimits, DEFAULT_DATABASE_MAX_CONNECTIONS, DEFAULT_READY_MAX_LAG,
    HttpSettings, JwksSource, JwtSettings, Limits, Secret, Settings,
};
pub use startup::{Application, shutdown_signal};
