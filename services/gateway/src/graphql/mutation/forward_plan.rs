//! Mutations of the forward plan: notice of decisions to come.

use async_graphql::{Context, Object};
use civic_domain::{ForwardPlanEntryId, ForwardPlanId};
use uuid::Uuid;

use super::run::{ThisCouncil, run};
use crate::error::ApiError;
use crate::graphql::input::forward_plan::*;
use crate::graphql::input::with;
use crate::graphql::objects::payload::{CouncilPayload, ForwardPlanEntryPayload};

/// The forward plan (clerks of this council only).
#[derive(Default)]
pub struct ForwardPlanMutation;

#[Object]
impl ForwardPlanMutation {
    /// Puts a matter on the forward plan. The entry's id defaults to the idempotency key.
    async fn enter_forward_plan_entry(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The command's id: the same key again returns the original result.")]
        idempotency_key: Uuid,
        #[graphql(
            desc = "The forward-plan entry's version the change was decided on; refused if it moved."
        )]
        expected_version: Option<u64>,
        #[graphql(desc = "The new entry's id (default: the idempotency key).")] entry_id: Option<
            Uuid,
        >,
        input: EnterForwardPlanEntryInput,
    ) -> Result<ForwardPlanEntryPayload, ApiError> {
        run(
            ctx,
            ForwardPlanEntryId::from_uuid(entry_id.unwrap_or(idempotency_key)),
            &input,
            idempotency_key,
            expected_version,
        )
        .await
    }

    /// Moves the date due; earlier dates are kept.
    async fn reschedule_forward_plan_entry(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The command's id: the same key again returns the original result.")]
        idempotency_key: Uuid,
        #[graphql(
            desc = "The forward-plan entry's version the change was decided on; refused if it moved."
        )]
        expected_version: Option<u64>,
        #[graphql(desc = "The forward-plan entry.")] entry_id: Uuid,
        input: RescheduleForwardPlanEntryInput,
    ) -> Result<ForwardPlanEntryPayload, ApiError> {
        run(
            ctx,
            ForwardPlanEntryId::from_uuid(entry_id),
            &input,
            idempotency_key,
            expected_version,
        )
        .await
    }

    /// Takes the matter off the plan.
    async fn withdraw_forward_plan_entry(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The command's id: the same key again returns the original result.")]
        idempotency_key: Uuid,
        #[graphql(
            desc = "The forward-plan entry's version the change was decided on; refused if it moved."
        )]
        expected_version: Option<u64>,
        #[graphql(desc = "The forward-plan entry.")] entry_id: Uuid,
        input: WithdrawForwardPlanEntryInput,
    ) -> Result<ForwardPlanEntryPayload, ApiError> {
        run(
            ctx,
            ForwardPlanEntryId::from_uuid(entry_id),
            &input,
            idempotency_key,
            expected_version,
        )
        .await
    }

    /// Records that the matter will not be decided at all.
    async fn abandon_forward_plan_entry(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The command's id: the same key again returns the original result.")]
        idempotency_key: Uuid,
        #[graphql(
            desc = "The forward-plan entry's version the change was decided on; refused if it moved."
        )]
        expected_version: Option<u64>,
        #[graphql(desc = "The forward-plan entry.")] entry_id: Uuid,
        input: AbandonForwardPlanEntryInput,
    ) -> Result<ForwardPlanEntryPayload, ApiError> {
        run(
            ctx,
            ForwardPlanEntryId::from_uuid(entry_id),
            &input,
            idempotency_key,
            expected_version,
        )
        .await
    }

    /// Links the decision that resulted.
    async fn link_forward_plan_decision(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The command's id: the same key again returns the original result.")]
        idempotency_key: Uuid,
        #[graphql(
            desc = "The forward-plan entry's version the change was decided on; refused if it moved."
        )]
        expected_version: Option<u64>,
        #[graphql(desc = "The forward-plan entry.")] entry_id: Uuid,
        input: LinkForwardPlanDecisionInput,
    ) -> Result<ForwardPlanEntryPayload, ApiError> {
        run(
            ctx,
            ForwardPlanEntryId::from_uuid(entry_id),
            &input,
            idempotency_key,
            expected_version,
        )
        .await
    }

    /// Records the status a plan now shows for an entry (on hold, deferred, implemented...).
    async fn change_forward_plan_entry_status(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The command's id: the same key again returns the original result.")]
        idempotency_key: Uuid,
        #[graphql(
            desc = "The forward-plan entry's version the change was decided on; refused if it moved."
        )]
        expected_version: Option<u64>,
        #[graphql(desc = "The forward-plan entry.")] entry_id: Uuid,
        input: ChangeForwardPlanEntryStatusInput,
    ) -> Result<ForwardPlanEntryPayload, ApiError> {
        run(
            ctx,
            ForwardPlanEntryId::from_uuid(entry_id),
            &input,
            idempotency_key,
            expected_version,
        )
        .await
    }

    /// Records that an entry appears on another plan document (the next month's, say).
    async fn list_forward_plan_entry_on_plan(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The command's id: the same key again returns the original result.")]
        idempotency_key: Uuid,
        #[graphql(
            desc = "The forward-plan entry's version the change was decided on; refused if it moved."
        )]
        expected_version: Option<u64>,
        #[graphql(desc = "The forward-plan entry.")] entry_id: Uuid,
        input: ListForwardPlanEntryOnPlanInput,
    ) -> Result<ForwardPlanEntryPayload, ApiError> {
        run(
            ctx,
            ForwardPlanEntryId::from_uuid(entry_id),
            &input,
            idempotency_key,
            expected_version,
        )
        .await
    }

    /// Records a forward plan document the council published (kept with the council's
    /// reference data). Its id defaults to the idempotency key.
    async fn publish_forward_plan(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The command's id: the same key again returns the original result.")]
        idempotency_key: Uuid,
        #[graphql(desc = "The council's version the change was decided on; refused if it moved.")]
        expected_version: Option<u64>,
        input: PublishForwardPlanInput,
    ) -> Result<CouncilPayload, ApiError> {
        let plan = ForwardPlanId::from_uuid(input.plan_id.unwrap_or(idempotency_key));
        run(
            ctx,
            ThisCouncil,
            with(&input, plan),
            idempotency_key,
            expected_version,
        )
        .await
    }

    /// Records that a published plan was updated in place.
    async fn refresh_forward_plan(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The command's id: the same key again returns the original result.")]
        idempotency_key: Uuid,
        #[graphql(desc = "The council's version the change was decided on; refused if it moved.")]
        expected_version: Option<u64>,
        input: RefreshForwardPlanInput,
    ) -> Result<CouncilPayload, ApiError> {
        run(ctx, ThisCouncil, &input, idempotency_key, expected_version).await
    }
}
