//! GraphQL over HTTP on axum, and the HTTP edge around it.
//!
//! - [`media`]: which response media type, and whether a browser wants GraphiQL.
//! - [`request`]: reading GET and POST requests; no mutations over GET.
//! - [`response`]: status codes and bodies.
//! - [`graphql`]: the two endpoints' handlers; [`cached`]: a council's queries through the
//!   response cache, with `ETag` and `304 Not Modified`.
//! - [`variables`]: variables coerced before execution (a bad one is a request error).
//! - [`graphiql`]: the GraphiQL page; [`assets`]: its scripts and styles and the register
//!   pages' styles, embedded.
//! - [`home`]: `/`, the councils and links to their public registers and GraphiQL.
//! - [`web`]: the public register's HTML pages, in the GOV.UK Design System's style.
//! - [`health`]: liveness and readiness.
//! - [`log`]: each council's verifiable log: signed checkpoints, proofs, the verifier key.
//! - [`subscriptions`]: GraphQL subscriptions over WebSocket (graphql-ws) at a council's endpoint.
//! - [`server`]: the connection loop: header read timeout, connection cap, bounded shutdown.
//! - [`deadline`] and [`body`]: the per-request deadline, and reading a body in time.
//! - [`cors`]: which browser origins may call the gateway.
//! - [`trace`]: each request's span, continuing the caller's W3C trace context.

pub(crate) mod assets;
pub(crate) mod body;
pub(crate) mod cached;
pub mod cors;
pub(crate) mod deadline;
pub(crate) mod graphiql;
pub mod graphql;
pub mod health;
pub(crate) mod home;
pub(crate) mod html;
pub mod log;
pub mod media;
pub mod request;
pub mod response;
pub mod server;
pub mod subscriptions;
pub(crate) mod trace;
pub mod variables;
pub(crate) mod web;

use std::sync::Arc;

use crate::auth::Authenticator;
use crate::graphql::{CouncilSchema, PlatformSchema};
use crate::services::Services;
use variables::InputTypes;

/// What the handlers share. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    /// The shared services.
    pub services: Arc<Services>,
    /// The council schema.
    pub council_schema: CouncilSchema,
    /// The council schema for documents already validated in full
    /// ([`crate::graphql::council_schema_for_validated`]).
    pub council_schema_for_validated: CouncilSchema,
    /// The platform schema.
    pub platform_schema: PlatformSchema,
    /// Verifies bearer tokens.
    pub authenticator: Authenticator,
    /// The council schema's input types, for coercing variables before execution.
    pub council_inputs: Arc<InputTypes>,
    /// The platform schema's input types.
    pub platform_inputs: Arc<InputTypes>,
    /// The subscription sockets being served.
    pub sockets: subscriptions::Sockets,
}

impl AppState {
    /// The state over `services`, with both schemas built once.
    pub fn new(services: Arc<Services>, authenticator: Authenticator) -> Self {
        let council_schema = crate::graphql::council_schema(services.clone());
        let platform_schema = crate::graphql::platform_schema(services.clone());
        Self {
            council_inputs: Arc::new(InputTypes::from_sdl(&council_schema.sdl())),
            platform_inputs: Arc::new(InputTypes::from_sdl(&platform_schema.sdl())),
            council_schema,
            council_schema_for_validated: crate::graphql::council_schema_for_validated(
                services.clone(),
            ),
            platform_schema,
            services,
            authenticator,
            sockets: subscriptions::Sockets::default(),
        }
    }
}
