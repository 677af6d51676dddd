//! The subscriptions of a council's endpoint, served over WebSocket ([`crate::http::subscriptions`]):
//! the council's log as it grows ([`crate::feed`]), as the subscriber may see it.

use async_graphql::futures_util::stream::{Stream, StreamExt as _};
use async_graphql::{Context, Subscription};
use civic_domain::StreamId;
use civic_eventstore::RecordedEvent;
use civic_projections::Viewer;
use civic_projections::views::history::{changed_publicly, public_whole};

use crate::error::ApiError;
use crate::feed::{SubscriptionSlots, follow};
use crate::graphql::context::RequestContext;
use crate::graphql::objects::log::{LogEntry, RecordChange};
use civic_runtime::Runtime;

/// The subscriptions of one council.
#[derive(Default)]
pub struct CouncilSubscription;

#[Subscription(name = "Subscription")]
impl CouncilSubscription {
    /// Every new event of the council's log, in position order, each once: for its clerks and
    /// auditors (FORBIDDEN for the public). Starts after `after` (default 0: the whole log),
    /// so a client that reconnects passes the last position it saw.
    async fn events(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The last position already seen (default 0).")] after: Option<u64>,
    ) -> Result<impl Stream<Item = Result<LogEntry, async_graphql::Error>> + use<>, ApiError> {
        let request = RequestContext::of(ctx)?;
        request.access.log_reader()?;
        let slot = ctx.data::<SubscriptionSlots>()?.take()?;
        let runtime = request.scope()?.runtime.clone();
        Ok(follow(
            runtime,
            request.services.subscription_poll,
            request.tenant()?,
            after.unwrap_or(0),
            slot,
        )
        .map(|event| event.map(LogEntry::of).map_err(Into::into)))
    }

    /// Each change of a record the subscriber may see, in position order, each once: which
    /// record, by which event, at which position (read the record itself with `node`). Clerks
    /// and auditors are told of every change; the public only of changes to what the public
    /// sees (a decision once published, a meeting's public record; never a draft, withheld
    /// minutes or who made the change). Starts after `after` (default 0).
    async fn record_changed(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The last position already seen (default 0).")] after: Option<u64>,
    ) -> Result<impl Stream<Item = Result<RecordChange, async_graphql::Error>> + use<>, ApiError>
    {
        let request = RequestContext::of(ctx)?;
        let public = request.access.viewer() == Viewer::Public;
        let slot = ctx.data::<SubscriptionSlots>()?.take()?;
        let runtime = request.scope()?.runtime.clone();
        let tenant = request.tenant()?;
        let poll = request.services.subscription_poll;
        let events = follow(runtime.clone(), poll, tenant, after.unwrap_or(0), slot);
        Ok(events
            .then(move |event| {
                let runtime = runtime.clone();
                async move {
                    let event = event?;
                    let shown = !public || publicly(&runtime, &event).await?;
                    Ok::<_, ApiError>(shown.then_some(event))
                }
            })
            .filter_map(|shown| async move {
                match shown {
                    Ok(Some(event)) => Some(Ok(RecordChange::of(&event))),
                    Ok(None) => None,
                    Err(error) => Some(Err(error.into())),
                }
            }))
    }
}

/// Whether `event` changed what the public sees of its record: its stream folded as the
/// record's public history folds it ([`changed_publicly`]).
async fn publicly(runtime: &Runtime, event: &RecordedEvent) -> Result<bool, ApiError> {
    let stream = StreamId::parse(event.stream.as_str())
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("a stream of the log: {e}")))?;
    if public_whole(&stream) {
        return Ok(true);
    }
    let records = runtime.recorded_stream(event.tenant, &stream).await?;
    Ok(changed_publicly(event.tenant, &records, event.position))
}
