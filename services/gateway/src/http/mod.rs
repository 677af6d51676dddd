//! GraphQL over HTTP on axum.
//!
//! - [`media`]: which response media type, and whether a browser wants GraphiQL.
//! - [`request`]: reading GET and POST requests; no mutations over GET.
//! - [`response`]: status codes and bodies.
//! - [`graphql`]: the two endpoints' handlers.
//! - [`health`]: liveness and readiness.

pub mod graphql;
pub mod health;
pub mod media;
pub mod request;
pub mod response;

use std::sync::Arc;

use crate::auth::Authenticator;
use crate::graphql::{CouncilSchema, PlatformSchema};
use crate::services::Services;

/// What the handlers share. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    /// The shared services.
    pub services: Arc<Services>,
    /// The council schema.
    pub council_schema: CouncilSchema,
    /// The platform schema.
    pub platform_schema: PlatformSchema,
    /// Verifies bearer tokens.
    pub authenticator: Authenticator,
}

impl AppState {
    /// The state over `services`, with both schemas built once.
    pub fn new(services: Arc<Services>, authenticator: Authenticator) -> Self {
        Self {
            council_schema: crate::graphql::council_schema(services.clone()),
            platform_schema: crate::graphql::platform_schema(services.clone()),
            services,
            authenticator,
        }
    }
}
