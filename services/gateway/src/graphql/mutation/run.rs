//! How every council mutation runs: check the caller is a clerk of this council, convert the
//! input, run the command through the [`civic_app::Register`], wake the projectors and catch
//! this council's read models up, then read the new state back as the clerk sees it.

use async_graphql::Context;
use civic_app::{CommandContext, Executed};
use civic_domain::restriction::ExemptionScheme;
use civic_domain::{
    Command, CouncilCommand, DecisionCommand, DecisionId, DomainError, ForwardPlanCommand,
    ForwardPlanEntryId, StrategyCommand, StrategyDocumentId,
};
use civic_eventstore::{Actor, TenantId};
use uuid::Uuid;

use crate::error::ApiError;
use crate::graphql::context::RequestContext;
use crate::graphql::objects::council::Council;
use crate::graphql::objects::decision::Decision;
use crate::graphql::objects::forward_plan::ForwardPlanEntry;
use crate::graphql::objects::payload::{
    CouncilPayload, DecisionPayload, ForwardPlanEntryPayload, Recorded, StrategyDocumentPayload,
};
use crate::graphql::objects::strategy::StrategyDocument;

/// A clerk's command on this council, authorised.
pub(crate) struct Clerk<'a> {
    request: RequestContext<'a>,
    actor: Actor,
    tenant: TenantId,
}

impl<'a> Clerk<'a> {
    /// Authorises before anything else is looked at: an anonymous caller or an auditor learns
    /// nothing from the input's validation.
    pub fn of(ctx: &Context<'a>) -> Result<Self, ApiError> {
        let request = RequestContext::of(ctx)?;
        let actor = request.access.clerk_actor()?;
        let tenant = request.tenant()?;
        Ok(Self {
            request,
            actor,
            tenant,
        })
    }

    /// The exemption scheme of the council's nation: what a restriction naming none cites.
    pub async fn default_scheme(&self) -> Result<ExemptionScheme, ApiError> {
        let council = self
            .request
            .services
            .register
            .council(self.tenant)
            .await?
            .ok_or(ApiError::Command(civic_app::AppError::Domain(
                DomainError::CouncilNotRegistered,
            )))?;
        Ok(council.nation().default_scheme())
    }

    async fn run(
        &self,
        command: Command,
        idempotency_key: Uuid,
        expected_version: Option<u64>,
    ) -> Result<Executed, ApiError> {
        let services = self.request.services;
        let context = CommandContext {
            command_id: idempotency_key,
            actor: self.actor.clone(),
            expected_version,
            causation_id: None,
            correlation_id: idempotency_key,
            today: services.today(),
        };
        services.record(self.tenant, &command, &context).await
    }

    /// Runs a council command; returns the council.
    pub async fn council(
        &self,
        command: CouncilCommand,
        idempotency_key: Uuid,
        expected_version: Option<u64>,
    ) -> Result<CouncilPayload, ApiError> {
        let executed = self
            .run(Command::Council(command), idempotency_key, expected_version)
            .await?;
        let council = self
            .request
            .services
            .read_models
            .council(self.tenant)
            .await?;
        Ok(CouncilPayload {
            council: council.map(Council),
            recorded: Recorded::from(&executed),
        })
    }

    /// Runs a decision command; returns the decision.
    pub async fn decision(
        &self,
        decision: DecisionId,
        command: DecisionCommand,
        idempotency_key: Uuid,
        expected_version: Option<u64>,
    ) -> Result<DecisionPayload, ApiError> {
        let executed = self
            .run(
                Command::Decision { decision, command },
                idempotency_key,
                expected_version,
            )
            .await?;
        let view = self
            .request
            .services
            .read_models
            .decision(self.tenant, self.request.access.viewer(), decision)
            .await?;
        Ok(DecisionPayload {
            decision: view.map(Decision),
            recorded: Recorded::from(&executed),
        })
    }

    /// Runs a forward-plan command; returns the entry.
    pub async fn forward_plan(
        &self,
        entry: ForwardPlanEntryId,
        command: ForwardPlanCommand,
        idempotency_key: Uuid,
        expected_version: Option<u64>,
    ) -> Result<ForwardPlanEntryPayload, ApiError> {
        let executed = self
            .run(
                Command::ForwardPlan { entry, command },
                idempotency_key,
                expected_version,
            )
            .await?;
        let view = self
            .request
            .services
            .read_models
            .forward_plan_entry(self.tenant, self.request.access.viewer(), entry)
            .await?;
        Ok(ForwardPlanEntryPayload {
            entry: view.map(ForwardPlanEntry),
            recorded: Recorded::from(&executed),
        })
    }

    /// Runs a strategy command; returns the document.
    pub async fn strategy(
        &self,
        document: StrategyDocumentId,
        command: StrategyCommand,
        idempotency_key: Uuid,
        expected_version: Option<u64>,
    ) -> Result<StrategyDocumentPayload, ApiError> {
        let executed = self
            .run(
                Command::Strategy { document, command },
                idempotency_key,
                expected_version,
            )
            .await?;
        let view = self
            .request
            .services
            .read_models
            .strategy_document(self.tenant, self.request.access.viewer(), document)
            .await?;
        Ok(StrategyDocumentPayload {
            document: view.map(StrategyDocument),
            recorded: Recorded::from(&executed),
        })
    }
}
