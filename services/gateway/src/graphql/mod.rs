//! The two GraphQL schemas and what they are made of.
//!
//! - [`query`], [`mutation`]: the roots; resolvers delegate to the read models and to
//!   [`civic_runtime::Runtime::run`]. [`subscription`]: the council's log as it grows.
//! - [`objects`]: output types, thin wrappers over the read models' views.
//! - [`input`]: input types and their `TryFrom` conversion into domain commands.
//! - [`enums`], [`scalars`], [`global_id`]: the vocabulary (`Date` is ISO `YYYY-MM-DD`).
//! - [`context`]: the request data resolvers read ([`CouncilScope`], access, services, loader).
//! - [`cost`]: what a document costs, checked before it is validated or run.
//! - [`loader`]: lookups by id, batched per request.
//! - [`error_codes`]: the code async-graphql's own errors get.
//! - [`extension`]: the schemas' one extension (pricing, loaders, values budget, error codes).
//! - [`sdl`]: the schema file `schema/schema.graphql`.

pub mod context;
pub mod cost;
pub mod enums;
pub mod error_codes;
pub mod extension;
pub mod global_id;
pub mod input;
pub mod loader;
pub mod mutation;
pub mod objects;
pub mod query;
pub mod scalars;
pub mod sdl;
pub mod subscription;

use std::sync::Arc;

use async_graphql::{EmptySubscription, Schema, SchemaBuilder};
use subscription::CouncilSubscription;

pub use context::CouncilScope;
use mutation::CouncilRegisterMutation;
use mutation::platform::PlatformMutation;
use query::council::CouncilQuery;
use query::platform::PlatformQuery;

use crate::services::Services;
use crate::settings::Limits;

/// The schema of a council's register, served at `/councils/{slug}/graphql`.
/// Its subscriptions are served over WebSocket at the same path.
pub type CouncilSchema = Schema<CouncilQuery, CouncilRegisterMutation, CouncilSubscription>;

/// The platform schema, served at `/graphql`.
pub type PlatformSchema = Schema<PlatformQuery, PlatformMutation, EmptySubscription>;

/// The limits every schema has: the document's cost first ([`extension::RequestGuard`], before
/// async-graphql parses and validates it), then async-graphql's own depth, complexity,
/// recursion and directive limits in validation, and while it runs, a budget of values for its
/// answer ([`cost::budget::ValuesBudget`], spent by the same extension, which also gives council
/// requests their loader and errors their codes).
fn limited<Q, M, S>(builder: SchemaBuilder<Q, M, S>, limits: &Limits) -> SchemaBuilder<Q, M, S> {
    builder
        .extension(extension::RequestGuard { limits: *limits })
        .limit_depth(limits.max_depth)
        .limit_complexity(limits.max_complexity)
        .limit_recursive_depth(limits.max_depth.saturating_mul(2).max(32))
        .limit_directives(16)
}

/// The council schema without services: for the SDL, and as the base of [`council_schema`].
pub fn council_schema_builder(
    limits: &Limits,
) -> SchemaBuilder<CouncilQuery, CouncilRegisterMutation, CouncilSubscription> {
    limited(
        Schema::build(
            CouncilQuery,
            CouncilRegisterMutation::default(),
            CouncilSubscription,
        ),
        limits,
    )
}

/// The platform schema without services.
pub fn platform_schema_builder(
    limits: &Limits,
) -> SchemaBuilder<PlatformQuery, PlatformMutation, EmptySubscription> {
    limited(
        Schema::build(PlatformQuery, PlatformMutation, EmptySubscription),
        limits,
    )
}

/// The council schema over `services`. Each request adds its [`CouncilScope`] and
/// [`crate::auth::Access`]; the schema adds the request's [`loader::RequestLoader`].
pub fn council_schema(services: Arc<Services>) -> CouncilSchema {
    let limits = services.limits;
    council_schema_builder(&limits).data(services).finish()
}

/// The council schema over `services` for documents that have passed the full validation once
/// ([`cost::documents::DocumentCache::validated`]): it validates in
/// [`async_graphql::ValidationMode::Fast`], which still computes each request's depth and
/// complexity. Only the HTTP handlers use it, after checking the request's variables.
pub fn council_schema_for_validated(services: Arc<Services>) -> CouncilSchema {
    let limits = services.limits;
    council_schema_builder(&limits)
        .validation_mode(async_graphql::ValidationMode::Fast)
        .data(services)
        .finish()
}

/// The platform schema over `services`. Each request adds its [`crate::auth::Access`].
pub fn platform_schema(services: Arc<Services>) -> PlatformSchema {
    let limits = services.limits;
    platform_schema_builder(&limits).data(services).finish()
}
