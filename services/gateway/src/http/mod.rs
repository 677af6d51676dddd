//! GraphQL over HTTP on axum.
//!
//! - [`media`]: which response media type, and whether a browser wants GraphiQL.
//! - [`request`]: reading GET and POST requests; no mutations over GET.
//! - [`response`]: status codes and bodies.
//! - [`graphql`]: the two endpoints' handlers.
//! - [`variables`]: variables coerced before execution (a bad one is a request error).
//! - [`health`]: liveness and readiness.

pub mod graphql;
pub mod health;
pub mod media;
pub mod request;
pub mod response;
pub mod variables;

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
    /// The platform schema.
    pub platform_schema: PlatformSchema,
    /// Verifies bearer tokens.
    pub authenticator: Authenticator,
    /// The council schema's input types, for coercing variables before execution.
    pub council_inputs: Arc<InputTypes>,
    /// The platform schema's input types.
    pub platform_inputs: Arc<InputTypes>,
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
            platform_schema,
            services,
            authenticator,
        }
    }
}
