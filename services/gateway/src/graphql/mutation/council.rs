//! Mutations of the council's reference data: its name, wards, bodies and policies.

use async_graphql::{Context, Object};
use civic_domain::values::{BodyId, MemberId, WardId};
use uuid::Uuid;

use super::run::{ThisCouncil, run};
use crate::error::ApiError;
use crate::graphql::input::council::*;
use crate::graphql::input::with;
use crate::graphql::objects::payload::CouncilPayload;

/// Changes to the council's reference data (clerks of this council only).
#[derive(Default)]
pub struct CouncilMutation;

#[Object]
impl CouncilMutation {
    /// Renames the council (e.g. on gaining borough status).
    async fn rename_council(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The command's id: the same key again returns the original result.")]
        idempotency_key: Uuid,
        #[graphql(desc = "The council's version the change was decided on; refused if it moved.")]
        expected_version: Option<u64>,
        input: RenameCouncilInput,
    ) -> Result<CouncilPayload, ApiError> {
        run(ctx, ThisCouncil, &input, idempotency_key, expected_version).await
    }

    /// Adds a ward.
    async fn add_ward(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The command's id: the same key again returns the original result.")]
        idempotency_key: Uuid,
        #[graphql(desc = "The council's version the change was decided on; refused if it moved.")]
        expected_version: Option<u64>,
        input: AddWardInput,
    ) -> Result<CouncilPayload, ApiError> {
        let ward = WardId::from_uuid(input.ward_id.unwrap_or(idempotency_key));
        run(
            ctx,
            ThisCouncil,
            with(&input, ward),
            idempotency_key,
            expected_version,
        )
        .await
    }

    /// Adds a member (councillor) to the council's list, so records can name them by id.
    async fn add_member(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The command's id: the same key again returns the original result.")]
        idempotency_key: Uuid,
        #[graphql(desc = "The council's version the change was decided on; refused if it moved.")]
        expected_version: Option<u64>,
        input: AddMemberInput,
    ) -> Result<CouncilPayload, ApiError> {
        let member = MemberId::from_uuid(input.member_id.unwrap_or(idempotency_key));
        run(
            ctx,
            ThisCouncil,
            with(&input, member),
            idempotency_key,
            expected_version,
        )
        .await
    }

    /// Records that a member left office; old records still name them.
    async fn record_member_left(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The command's id: the same key again returns the original result.")]
        idempotency_key: Uuid,
        #[graphql(desc = "The council's version the change was decided on; refused if it moved.")]
        expected_version: Option<u64>,
        input: RecordMemberLeftInput,
    ) -> Result<CouncilPayload, ApiError> {
        run(ctx, ThisCouncil, &input, idempotency_key, expected_version).await
    }

    /// Renames a ward, keeping its id.
    async fn rename_ward(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The command's id: the same key again returns the original result.")]
        idempotency_key: Uuid,
        #[graphql(desc = "The council's version the change was decided on; refused if it moved.")]
        expected_version: Option<u64>,
        input: RenameWardInput,
    ) -> Result<CouncilPayload, ApiError> {
        run(ctx, ThisCouncil, &input, idempotency_key, expected_version).await
    }

    /// Records that a ward ceased to exist (boundary review).
    async fn retire_ward(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The command's id: the same key again returns the original result.")]
        idempotency_key: Uuid,
        #[graphql(desc = "The council's version the change was decided on; refused if it moved.")]
        expected_version: Option<u64>,
        input: RetireWardInput,
    ) -> Result<CouncilPayload, ApiError> {
        run(ctx, ThisCouncil, &input, idempotency_key, expected_version).await
    }

    /// Adds a decision-making body.
    async fn add_body(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The command's id: the same key again returns the original result.")]
        idempotency_key: Uuid,
        #[graphql(desc = "The council's version the change was decided on; refused if it moved.")]
        expected_version: Option<u64>,
        input: AddBodyInput,
    ) -> Result<CouncilPayload, ApiError> {
        let body = BodyId::from_uuid(input.body_id.unwrap_or(idempotency_key));
        run(
            ctx,
            ThisCouncil,
            with(&input, body),
            idempotency_key,
            expected_version,
        )
        .await
    }

    /// Renames a body, keeping its id.
    async fn rename_body(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The command's id: the same key again returns the original result.")]
        idempotency_key: Uuid,
        #[graphql(desc = "The council's version the change was decided on; refused if it moved.")]
        expected_version: Option<u64>,
        input: RenameBodyInput,
    ) -> Result<CouncilPayload, ApiError> {
        run(ctx, ThisCouncil, &input, idempotency_key, expected_version).await
    }

    /// Records that a body was dissolved.
    async fn retire_body(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The command's id: the same key again returns the original result.")]
        idempotency_key: Uuid,
        #[graphql(desc = "The council's version the change was decided on; refused if it moved.")]
        expected_version: Option<u64>,
        input: RetireBodyInput,
    ) -> Result<CouncilPayload, ApiError> {
        run(ctx, ThisCouncil, &input, idempotency_key, expected_version).await
    }

    /// Sets the key-decision thresholds.
    async fn set_key_decision_thresholds(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The command's id: the same key again returns the original result.")]
        idempotency_key: Uuid,
        #[graphql(desc = "The council's version the change was decided on; refused if it moved.")]
        expected_version: Option<u64>,
        input: SetKeyDecisionThresholdsInput,
    ) -> Result<CouncilPayload, ApiError> {
        run(ctx, ThisCouncil, &input, idempotency_key, expected_version).await
    }

    /// Sets the call-in policy.
    async fn set_call_in_policy(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The command's id: the same key again returns the original result.")]
        idempotency_key: Uuid,
        #[graphql(desc = "The council's version the change was decided on; refused if it moved.")]
        expected_version: Option<u64>,
        input: SetCallInPolicyInput,
    ) -> Result<CouncilPayload, ApiError> {
        run(ctx, ThisCouncil, &input, idempotency_key, expected_version).await
    }

    /// Adds a day the offices are closed (not a working day for call-in).
    async fn add_closure_day(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The command's id: the same key again returns the original result.")]
        idempotency_key: Uuid,
        #[graphql(desc = "The council's version the change was decided on; refused if it moved.")]
        expected_version: Option<u64>,
        input: AddClosureDayInput,
    ) -> Result<CouncilPayload, ApiError> {
        run(ctx, ThisCouncil, &input, idempotency_key, expected_version).await
    }

    /// Removes a closure day added by mistake.
    async fn remove_closure_day(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The command's id: the same key again returns the original result.")]
        idempotency_key: Uuid,
        #[graphql(desc = "The council's version the change was decided on; refused if it moved.")]
        expected_version: Option<u64>,
        input: RemoveClosureDayInput,
    ) -> Result<CouncilPayload, ApiError> {
        run(ctx, ThisCouncil, &input, idempotency_key, expected_version).await
    }

    /// Maps one of the council's status labels to its meaning (adds or remaps it).
    async fn map_status_label(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The command's id: the same key again returns the original result.")]
        idempotency_key: Uuid,
        #[graphql(desc = "The council's version the change was decided on; refused if it moved.")]
        expected_version: Option<u64>,
        input: MapStatusLabelInput,
    ) -> Result<CouncilPayload, ApiError> {
        run(ctx, ThisCouncil, &input, idempotency_key, expected_version).await
    }

    /// Forgets a status label.
    async fn unmap_status_label(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The command's id: the same key again returns the original result.")]
        idempotency_key: Uuid,
        #[graphql(desc = "The council's version the change was decided on; refused if it moved.")]
        expected_version: Option<u64>,
        input: UnmapStatusLabelInput,
    ) -> Result<CouncilPayload, ApiError> {
        run(ctx, ThisCouncil, &input, idempotency_key, expected_version).await
    }
}
