//! What resolvers read from the request: the shared [`Services`], the caller's [`Access`] and,
//! at a council's endpoint, the [`CouncilScope`] and the request's [`RequestLoader`]. The HTTP
//! layer attaches the first three, the council schema the loader; resolvers use
//! `ctx.data::<T>()?`, never `data_unchecked`.

use std::sync::Arc;

use async_graphql::Context;
use civic_eventstore::TenantId;
use civic_projections::ReadModels;
use civic_runtime::Runtime;

use crate::auth::Access;
use crate::error::ApiError;
use crate::graphql::loader::RequestLoader;
use crate::services::Services;

/// The council a request is for: resolved from the URL's slug before the schema runs, so every
/// resolver of a council's schema reads and writes that tenant only, in its database.
#[derive(Debug, Clone)]
pub struct CouncilScope {
    /// The council's tenant.
    pub tenant: TenantId,
    /// The slug it was reached by.
    pub slug: String,
    /// The runtime of the database the council lives in ([`Services::runtime_of`]).
    pub runtime: Arc<Runtime>,
}

/// The request data every resolver needs, fetched once.
pub(crate) struct RequestContext<'a> {
    /// The shared services.
    pub services: &'a Services,
    /// The caller's rights.
    pub access: &'a Access,
    scope: Option<&'a CouncilScope>,
    loader: Option<&'a RequestLoader>,
}

impl<'a> RequestContext<'a> {
    /// Reads the request data; missing data is a bug in the gateway (INTERNAL).
    pub fn of(ctx: &Context<'a>) -> Result<Self, ApiError> {
        Ok(Self {
            services: ctx.data::<Arc<Services>>()?.as_ref(),
            access: ctx.data::<Access>()?,
            scope: ctx.data_opt::<CouncilScope>(),
            loader: ctx.data_opt::<RequestLoader>(),
        })
    }

    /// The request's loader of records by id (council endpoints): lookups through it that run
    /// at the same time are read together.
    pub fn loader(&self) -> Result<&'a RequestLoader, ApiError> {
        self.loader.ok_or_else(|| {
            ApiError::Internal(anyhow::anyhow!(
                "a council resolver ran without the request's loader"
            ))
        })
    }

    /// The council of a council endpoint's request.
    pub fn scope(&self) -> Result<&'a CouncilScope, ApiError> {
        self.scope.ok_or_else(|| {
            ApiError::Internal(anyhow::anyhow!(
                "a council resolver ran without a council scope"
            ))
        })
    }

    /// The read models this council request reads: its database's, a read replica's for the
    /// public when there is one ([`Services::reads_in`]).
    pub fn reads(&self) -> Result<&'a ReadModels, ApiError> {
        let scope = self.scope()?;
        Ok(self.services.reads_in(&scope.runtime, self.access.viewer()))
    }

    /// The runtime of the council of a council endpoint's request.
    pub fn runtime(&self) -> Result<&'a Runtime, ApiError> {
        Ok(&self.scope()?.runtime)
    }

    /// The tenant of a council endpoint's request.
    pub fn tenant(&self) -> Result<TenantId, ApiError> {
        self.scope().map(|scope| scope.tenant)
    }
}
