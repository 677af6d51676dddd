//! The platform endpoint's queries (`/graphql`): which councils keep their register here.

use async_graphql::{Context, Object};
use civic_projections::views::CouncilView;

use crate::error::ApiError;
use crate::graphql::context::RequestContext;
use crate::graphql::enums::{CouncilKind, Nation};

/// The councils on this platform.
#[derive(Default)]
pub struct PlatformQuery;

#[Object(name = "Query")]
impl PlatformQuery {
    /// Every council, by slug.
    async fn councils(&self, ctx: &Context<'_>) -> Result<Vec<PlatformCouncil>, ApiError> {
        let request = RequestContext::of(ctx)?;
        let mut councils: Vec<PlatformCouncil> = request
            .services
            .directory
            .councils()
            .await?
            .into_iter()
            .map(PlatformCouncil)
            .collect();
        councils.sort_by(|a, b| a.0.slug.cmp(&b.0.slug));
        Ok(councils)
    }
}

/// A council on the platform.
pub struct PlatformCouncil(pub CouncilView);

#[Object(name = "Council")]
impl PlatformCouncil {
    /// Its URL slug, e.g. `maidstone`.
    async fn slug(&self) -> &str {
        self.0.slug.as_str()
    }

    /// Its current name.
    async fn name(&self) -> &str {
        self.0.name.as_str()
    }

    /// Its legal kind.
    async fn kind(&self) -> CouncilKind {
        self.0.kind.into()
    }

    /// Its nation.
    async fn nation(&self) -> Nation {
        self.0.nation.into()
    }

    /// Where its register's GraphQL endpoint is, e.g. `/councils/maidstone/graphql`.
    async fn endpoint(&self) -> String {
        format!("/councils/{}/graphql", self.0.slug)
    }
}
