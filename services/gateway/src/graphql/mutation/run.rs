//! How every council mutation runs, once: check the caller is a clerk of this council, convert
//! the typed input into the domain command, run it through the runtime (which records it and
//! catches this council's read models up), then read the target back as the clerk sees it.
//!
//! A resolver names its [`Target`] (the council, or a decision, entry, document or meeting by id)
//! and
//! hands its input to [`run`]; everything else is here.

use std::future::Future;

use async_graphql::Context;
use civic_domain::{
    Command, CouncilCommand, DecisionCommand, DecisionId, ForwardPlanCommand, ForwardPlanEntryId,
    MeetingCommand, MeetingId, StrategyCommand, StrategyDocumentId,
};
use civic_eventstore::TenantId;
use civic_projections::{ProjectionError, ReadModels, Viewer};
use civic_runtime::Envelope;
use uuid::Uuid;

use async_graphql::ErrorExtensions as _;

use crate::error::ApiError;
use crate::graphql::context::RequestContext;
use crate::graphql::input::InputErrors;
use crate::graphql::objects::council::Council;
use crate::graphql::objects::decision::Decision;
use crate::graphql::objects::forward_plan::ForwardPlanEntry;
use crate::graphql::objects::meeting::Meeting;
use crate::graphql::objects::payload::{
    CouncilPayload, DecisionPayload, ForwardPlanEntryPayload, MeetingPayload, Recorded,
    StrategyDocumentPayload,
};
use crate::graphql::objects::strategy::StrategyDocument;
use crate::http::trace::current_trace_id;

/// What a command is for: the domain command it becomes, and what the mutation answers with.
pub(crate) trait Target: Copy + Send + Sync {
    /// The commands of the target's aggregate.
    type Command;
    /// What the mutation returns: the target as it is now, and what the command did.
    type Payload;

    /// The domain command `command` on this target.
    fn command(self, command: Self::Command) -> Command;

    /// The payload: the target read back for `viewer` after the command, with `recorded`.
    fn read_back(
        self,
        read: &ReadModels,
        tenant: TenantId,
        viewer: Viewer,
        recorded: Recorded,
    ) -> impl Future<Output = Result<Self::Payload, ProjectionError>> + Send;
}

/// Runs `input` as a command on `target` for the clerk making this request, and answers with the
/// target as it is now.
///
/// Authorises before anything else is looked at: an anonymous caller or an auditor learns
/// nothing from the input's validation.
pub(crate) async fn run<T, I>(
    ctx: &Context<'_>,
    target: T,
    input: I,
    idempotency_key: Uuid,
    expected_version: Option<u64>,
) -> Result<T::Payload, ApiError>
where
    T: Target,
    I: TryInto<T::Command>,
    InputErrors: From<I::Error>,
{
    let request = RequestContext::of(ctx)?;
    let actor = request.access.clerk_actor()?;
    let tenant = request.tenant()?;
    let command = match input.try_into() {
        Ok(command) => target.command(command),
        Err(errors) => return Err(every_input_error(ctx, errors.into())),
    };
    let envelope =
        correlated(Envelope::new(tenant, actor, idempotency_key).expecting(expected_version));
    let runtime = request.runtime()?;
    let executed = runtime.run(&envelope, &command).await?;
    let read = runtime.read_models();
    let viewer = request.access.viewer();
    Ok(target
        .read_back(read, tenant, viewer, Recorded::from(&executed))
        .await?)
}

/// `envelope`, correlated with the trace the request runs in, if any: the event's
/// `correlation_id` is then the trace id (the same 128 bits), so an auditor goes from an event to
/// the request's trace and back (docs/audit-chain.md). The command's fingerprint does not
/// include it: a retry in another trace still replays the original.
fn correlated(envelope: Envelope) -> Envelope {
    match current_trace_id() {
        Some(trace) => envelope.correlated_with(trace),
        None => envelope,
    }
}

/// Reports every failing field of an input: all but one as errors of this field beside its
/// result, and the last as the field's own error, so a form can mark them all at once.
pub(crate) fn every_input_error(ctx: &Context<'_>, errors: InputErrors) -> ApiError {
    let mut errors = errors.0;
    let Some(last) = errors.pop() else {
        return ApiError::Internal(anyhow::anyhow!("an input was refused without a reason"));
    };
    for error in errors {
        let error = ApiError::Input(error)
            .extend()
            .into_server_error(ctx.item.pos);
        ctx.add_error(ctx.set_error_path(error));
    }
    ApiError::Input(last)
}

/// The council itself (its reference data).
#[derive(Debug, Clone, Copy)]
pub(crate) struct ThisCouncil;

impl Target for ThisCouncil {
    type Command = CouncilCommand;
    type Payload = CouncilPayload;

    fn command(self, command: CouncilCommand) -> Command {
        Command::Council(command)
    }

    async fn read_back(
        self,
        read: &ReadModels,
        tenant: TenantId,
        _viewer: Viewer,
        recorded: Recorded,
    ) -> Result<CouncilPayload, ProjectionError> {
        Ok(CouncilPayload {
            council: read.council(tenant).await?.map(Council),
            recorded,
        })
    }
}

impl Target for DecisionId {
    type Command = DecisionCommand;
    type Payload = DecisionPayload;

    fn command(self, command: DecisionCommand) -> Command {
        Command::Decision {
            decision: self,
            command,
        }
    }

    async fn read_back(
        self,
        read: &ReadModels,
        tenant: TenantId,
        viewer: Viewer,
        recorded: Recorded,
    ) -> Result<DecisionPayload, ProjectionError> {
        Ok(DecisionPayload {
            decision: read.decision(tenant, viewer, self).await?.map(Decision),
            recorded,
        })
    }
}

impl Target for ForwardPlanEntryId {
    type Command = ForwardPlanCommand;
    type Payload = ForwardPlanEntryPayload;

    fn command(self, command: ForwardPlanCommand) -> Command {
        Command::ForwardPlan {
            entry: self,
            command,
        }
    }

    async fn read_back(
        self,
        read: &ReadModels,
        tenant: TenantId,
        viewer: Viewer,
        recorded: Recorded,
    ) -> Result<ForwardPlanEntryPayload, ProjectionError> {
        Ok(ForwardPlanEntryPayload {
            entry: read
                .forward_plan_entry(tenant, viewer, self)
                .await?
                .map(ForwardPlanEntry),
            recorded,
        })
    }
}

impl Target for StrategyDocumentId {
    type Command = StrategyCommand;
    type Payload = StrategyDocumentPayload;

    fn command(self, command: StrategyCommand) -> Command {
        Command::Strategy {
            document: self,
            command,
        }
    }

    async fn read_back(
        self,
        read: &ReadModels,
        tenant: TenantId,
        viewer: Viewer,
        recorded: Recorded,
    ) -> Result<StrategyDocumentPayload, ProjectionError> {
        Ok(StrategyDocumentPayload {
            document: read
                .strategy_document(tenant, viewer, self)
                .await?
                .map(StrategyDocument),
            recorded,
        })
    }
}

impl Target for MeetingId {
    type Command = MeetingCommand;
    type Payload = MeetingPayload;

    fn command(self, command: MeetingCommand) -> Command {
        Command::Meeting {
            meeting: self,
            command,
        }
    }

    async fn read_back(
        self,
        read: &ReadModels,
        tenant: TenantId,
        viewer: Viewer,
        recorded: Recorded,
    ) -> Result<MeetingPayload, ProjectionError> {
        Ok(MeetingPayload {
            meeting: read.meeting(tenant, viewer, self).await?.map(Meeting),
            recorded,
        })
    }
}
