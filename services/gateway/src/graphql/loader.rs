//! Lookups by id, batched per request: every `decision(id:)`, `node(id:)`, `forwardPlanEntry`,
//! `meeting`
//! and nested link to another record that a request resolves at the same time is answered by one
//! read of [`civic_projections::ReadModels`] per kind of record, instead of one read each.
//!
//! async-graphql's [`DataLoader`] collects the ids asked for while the resolvers of a request run
//! concurrently, and calls [`RecordLoader`] once with all of them. A loader belongs to one
//! request: [`with_request_loader`] builds a new one for each from the request's own council and
//! caller, so nothing read for one tenant or audience can answer another's request, and its
//! cache (a request's lookups of the same id read it once) dies with the request.

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::sync::Arc;

use async_graphql::Request;
use async_graphql::dataloader::{DataLoader, HashMapCache, Loader};
use async_graphql::extensions::ExtensionContext;
use civic_domain::values::{DecisionId, ForwardPlanEntryId, MeetingId, StrategyDocumentId};
use civic_eventstore::TenantId;
use civic_projections::{
    DecisionView, ForwardPlanView, MeetingView, ProjectionError, StrategyDocumentView, Viewer,
};

use civic_runtime::Runtime;

use crate::auth::Access;
use crate::graphql::context::CouncilScope;
use crate::services::Services;

/// The loader of one request, as resolvers find it in the request's data.
pub type RequestLoader = DataLoader<RecordLoader, HashMapCache>;

/// Reads records by id for one council and one viewer: a batch of ids is one read.
pub struct RecordLoader {
    services: Arc<Services>,
    runtime: Arc<Runtime>,
    tenant: TenantId,
    viewer: Viewer,
}

impl RecordLoader {
    /// A loader for the records of `scope`'s council as `viewer` may see them, wrapped for one
    /// request.
    pub fn for_request(
        services: Arc<Services>,
        scope: &CouncilScope,
        viewer: Viewer,
    ) -> RequestLoader {
        let loader = Self {
            services,
            runtime: scope.runtime.clone(),
            tenant: scope.tenant,
            viewer,
        };
        DataLoader::with_cache(loader, tokio::spawn, HashMapCache::default())
    }
}

impl Loader<DecisionId> for RecordLoader {
    type Value = DecisionView;
    type Error = Arc<ProjectionError>;

    async fn load(
        &self,
        ids: &[DecisionId],
    ) -> Result<HashMap<DecisionId, DecisionView>, Self::Error> {
        self.services
            .reads_in(&self.runtime, self.viewer)
            .decisions_by_ids(self.tenant, self.viewer, ids)
            .await
            .map_err(Arc::new)
    }
}

impl Loader<ForwardPlanEntryId> for RecordLoader {
    type Value = ForwardPlanView;
    type Error = Arc<ProjectionError>;

    async fn load(
        &self,
        ids: &[ForwardPlanEntryId],
    ) -> Result<HashMap<ForwardPlanEntryId, ForwardPlanView>, Self::Error> {
        self.services
            .reads_in(&self.runtime, self.viewer)
            .forward_plan_entries_by_ids(self.tenant, self.viewer, ids)
            .await
            .map_err(Arc::new)
    }
}

impl Loader<StrategyDocumentId> for RecordLoader {
    type Value = StrategyDocumentView;
    type Error = Arc<ProjectionError>;

    async fn load(
        &self,
        ids: &[StrategyDocumentId],
    ) -> Result<HashMap<StrategyDocumentId, StrategyDocumentView>, Self::Error> {
        self.services
            .reads_in(&self.runtime, self.viewer)
            .strategy_documents_by_ids(self.tenant, self.viewer, ids)
            .await
            .map_err(Arc::new)
    }
}

impl Loader<MeetingId> for RecordLoader {
    type Value = MeetingView;
    type Error = Arc<ProjectionError>;

    async fn load(
        &self,
        ids: &[MeetingId],
    ) -> Result<HashMap<MeetingId, MeetingView>, Self::Error> {
        self.services
            .reads_in(&self.runtime, self.viewer)
            .meetings_by_ids(self.tenant, self.viewer, ids)
            .await
            .map_err(Arc::new)
    }
}

/// The request with its own [`RequestLoader`], built from the [`CouncilScope`] and [`Access`]
/// it carries and the schema's [`Services`] (the schemas' one extension calls this, see
/// [`crate::graphql::extension`]). A request without them gets none, and a resolver that needs
/// one reports INTERNAL (a gateway bug), as for any missing data.
pub(crate) fn with_request_loader(ctx: &ExtensionContext<'_>, request: Request) -> Request {
    let services = ctx.data_opt::<Arc<Services>>();
    let scope = attached::<CouncilScope>(&request);
    let viewer = attached::<Access>(&request).map(Access::viewer);
    match (services, scope, viewer) {
        (Some(services), Some(scope), Some(viewer)) => {
            let loader = RecordLoader::for_request(services.clone(), scope, viewer);
            request.data(loader)
        }
        _ => request,
    }
}

/// The request's data of type `T`, if attached.
fn attached<T: Any>(request: &Request) -> Option<&T> {
    request
        .data
        .get(&TypeId::of::<T>())
        .and_then(|data| data.downcast_ref::<T>())
}
