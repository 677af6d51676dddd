//! The platform's mutation: registering a council (platform administrators only).

use async_graphql::{Context, Object, SimpleObject};
use civic_domain::CouncilCommand;
use uuid::Uuid;

use crate::error::ApiError;
use crate::graphql::context::RequestContext;
use crate::graphql::input::council::RegisterCouncilInput;
use crate::graphql::objects::payload::Recorded;
use crate::graphql::query::platform::PlatformCouncil;
use crate::http::trace::current_trace_id;

/// Changes to the platform.
#[derive(Default)]
pub struct PlatformMutation;

/// A council after its registration.
#[derive(SimpleObject)]
pub struct RegisterCouncilPayload {
    /// The council as it is now.
    pub council: Option<PlatformCouncil>,
    /// What the command did.
    #[graphql(flatten)]
    pub recorded: Recorded,
}

#[Object(name = "Mutation")]
impl PlatformMutation {
    /// Registers a council as a new tenant with its own register at `/councils/{slug}/graphql`.
    /// The slug is claimed first, so of two registrations of one slug only one succeeds; a
    /// retried request (same idempotency key) completes or replays the first.
    async fn register_council(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The command's id: the same key again returns the original result.")]
        idempotency_key: Uuid,
        input: RegisterCouncilInput,
    ) -> Result<RegisterCouncilPayload, ApiError> {
        let request = RequestContext::of(ctx)?;
        let actor = request.access.admin_actor()?;
        let command = CouncilCommand::try_from(&input)
            .map_err(|errors| super::run::every_input_error(ctx, errors))?;
        let directory = &request.services.directory;
        let (tenant, executed) = directory
            .register_council_correlated(
                actor,
                idempotency_key,
                current_trace_id().unwrap_or(idempotency_key),
                command,
            )
            .await?;
        Ok(RegisterCouncilPayload {
            council: directory
                .runtime_of(tenant)
                .await?
                .read_models()
                .council(tenant)
                .await?
                .map(PlatformCouncil),
            recorded: Recorded::from(&executed),
        })
    }
}
