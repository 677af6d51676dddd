//! What `history` and `asOf` read, for every kind of record alike: a record's stream folded and
//! diffed ([`record_history`]), a record now or as it stood at a moment
//! ([`record_now_or_at`]), and the whole register as it stood ([`register_at`]) for the lists.
//! All from the log, not the read models; the viewer's rules are the live register's.

use std::hash::Hash;
use std::sync::Arc;

use async_graphql::Context;
use async_graphql::dataloader::Loader;
use civic_domain::StreamId;
use civic_domain::values::{DecisionId, ForwardPlanEntryId, MeetingId, StrategyDocumentId};
use civic_eventstore::TenantId;
use civic_projections::views::history::{AsOf, Historic, Reader, as_of, history, linked_over_time};
use civic_projections::{DecisionView, ProjectionError, RegisterAt, Viewer};
use civic_runtime::Records;

use crate::error::ApiError;
use crate::graphql::context::RequestContext;
use crate::graphql::loader::RecordLoader;
use crate::graphql::objects::history::{AsOf as AsOfInput, HistoryEvent};

/// The history of the record `id`, as the caller may see it. The public sees the public
/// view with links only to decisions it may see now: the history ends where the live record
/// stands.
pub(crate) async fn record_history<V: Historic>(
    ctx: &Context<'_>,
    id: impl RecordId,
) -> Result<Vec<HistoryEvent>, ApiError> {
    let request = RequestContext::of(ctx)?;
    let (tenant, records) = recorded(&request, id).await?;
    let entries = match request.access.viewer() {
        Viewer::Public => {
            let linked = linked_over_time::<V>(tenant, &records);
            let visible: Vec<DecisionId> = request
                .loader()?
                .load_many(linked)
                .await?
                .into_keys()
                .collect();
            history::<V>(tenant, &records, Reader::Public(&visible))
        }
        Viewer::Clerk | Viewer::Auditor => history::<V>(tenant, &records, Reader::Full),
    };
    Ok(entries.into_iter().map(HistoryEvent).collect())
}

/// The stream of the record `id` as stored, decoded, and the tenant it is in.
async fn recorded(
    request: &RequestContext<'_>,
    id: impl RecordId,
) -> Result<(TenantId, Records), ApiError> {
    let tenant = request.tenant()?;
    let runtime = request.runtime()?;
    Ok((tenant, runtime.recorded_stream(tenant, &id.stream()).await?))
}

/// The record `id` as it stood at `moment`, as the caller would have seen it then: for
/// the public, only if it was public then, and linking only to decisions public then. Names are
/// resolved from the council as it is now.
async fn record_as_of<V: Historic>(
    request: &RequestContext<'_>,
    id: impl RecordId,
    moment: AsOf,
) -> Result<Option<V>, ApiError> {
    let (tenant, records) = recorded(request, id).await?;
    let Some(full) = as_of::<V>(tenant, records.iter(), moment) else {
        return Ok(None);
    };
    let view = match request.access.viewer() {
        Viewer::Public => {
            let mut visible = Vec::new();
            for id in full.linked_decisions() {
                let (_, records) = recorded(request, id).await?;
                if as_of::<DecisionView>(tenant, records.iter(), moment)
                    .is_some_and(|decision| decision.public().is_some())
                {
                    visible.push(id);
                }
            }
            full.for_public(&visible)
        }
        Viewer::Clerk | Viewer::Auditor => Some(full),
    };
    let Some(mut view) = view else {
        return Ok(None);
    };
    if let Some(council) = request.runtime()?.read_models().council(tenant).await? {
        view.resolve_names(&council);
    }
    Ok(Some(view))
}

/// The council's whole register as it stood at `moment`, for the lists' `asOf`.
pub(crate) async fn register_at(
    request: &RequestContext<'_>,
    moment: AsOf,
) -> Result<RegisterAt, ApiError> {
    let tenant = request.tenant()?;
    let runtime = request.runtime()?;
    let log = runtime.recorded_log(tenant, moment).await?;
    let council = runtime.read_models().council(tenant).await?;
    Ok(RegisterAt::fold(tenant, &log, moment, council.as_ref()))
}

/// The id of a record with a stream of its own.
pub(crate) trait RecordId: Copy + Send + Sync + Hash + Eq + 'static {
    /// Its stream.
    fn stream(self) -> StreamId;
}

impl RecordId for DecisionId {
    fn stream(self) -> StreamId {
        StreamId::decision(self)
    }
}

impl RecordId for ForwardPlanEntryId {
    fn stream(self) -> StreamId {
        StreamId::forward_plan(self)
    }
}

impl RecordId for MeetingId {
    fn stream(self) -> StreamId {
        StreamId::meeting(self)
    }
}

impl RecordId for StrategyDocumentId {
    fn stream(self) -> StreamId {
        StreamId::strategy(self)
    }
}

/// One record by id, as the caller may see it: as it stands now (through the request's loader,
/// batched with the request's other lookups), or as it stood at `as_of`.
pub(crate) async fn record_now_or_at<Id, V>(
    ctx: &Context<'_>,
    id: Id,
    as_of: Option<AsOfInput>,
) -> Result<Option<V>, ApiError>
where
    Id: RecordId,
    V: Historic + Send + Sync + 'static,
    RecordLoader: Loader<Id, Value = V, Error = Arc<ProjectionError>>,
{
    let request = RequestContext::of(ctx)?;
    match as_of {
        None => Ok(request.loader()?.load_one(id).await?),
        Some(as_of) => record_as_of::<V>(&request, id, as_of.moment()?).await,
    }
}
