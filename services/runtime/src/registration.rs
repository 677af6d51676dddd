//! Registering a council: claiming its slug for a new tenant, then recording the registration in
//! that tenant's log.

use civic_app::Executed;
use civic_domain::{Command, CouncilCommand};
use civic_eventstore::{Actor, TenantId};
use civic_projections::ProjectionError;
use uuid::Uuid;

use crate::envelope::Envelope;
use crate::error::RuntimeError;
use crate::runtime::Runtime;

impl Runtime {
    /// Registers a council as a new tenant and returns it with what the command did.
    ///
    /// The slug is claimed first (the claim is the only cross-tenant write), so of two
    /// registrations of one slug only one succeeds: the other is decided against the winner's
    /// tenant, where the domain refuses a second registration, or, when it is a retry with the
    /// same command id, replays the first. A registration interrupted after its claim is
    /// completed by its retry.
    pub async fn register_council(
        &self,
        actor: Actor,
        command_id: Uuid,
        registration: CouncilCommand,
    ) -> Result<(TenantId, Executed), RuntimeError> {
        self.register_council_correlated(actor, command_id, command_id, registration)
            .await
    }

    /// [`Runtime::register_council`] as part of `correlation_id`'s request or job (the
    /// gateway's: the request's trace id).
    pub async fn register_council_correlated(
        &self,
        actor: Actor,
        command_id: Uuid,
        correlation_id: Uuid,
        registration: CouncilCommand,
    ) -> Result<(TenantId, Executed), RuntimeError> {
        let slug = match &registration {
            CouncilCommand::Register { slug, .. } => slug.as_str().to_owned(),
            _ => return Err(RuntimeError::NotARegistration),
        };
        let tenant = self.claim(&slug).await?;
        let envelope = Envelope::new(tenant, actor, command_id).correlated_with(correlation_id);
        let executed = self.run(&envelope, &Command::Council(registration)).await?;
        Ok((tenant, executed))
    }

    /// The tenant that holds `slug`, claiming it for a new tenant when nobody does.
    pub(crate) async fn claim(&self, slug: &str) -> Result<TenantId, RuntimeError> {
        let read = self.read_models();
        if let Some(tenant) = read.tenant_for_slug(slug).await? {
            return Ok(tenant);
        }
        let tenant = TenantId::new();
        match read.claim_slug(slug, tenant).await {
            Ok(()) => Ok(tenant),
            // Another registration claimed it in the meantime: use its tenant.
            Err(ProjectionError::SlugTaken) => read
                .tenant_for_slug(slug)
                .await?
                .ok_or(RuntimeError::ReadModel(ProjectionError::SlugTaken)),
            Err(error) => Err(error.into()),
        }
    }
}
