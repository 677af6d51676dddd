//! Mutations of a decision's record and lifecycle: record, publish, call-in (withdrawn, ruled
//! invalid, resolved), scrutiny, reconsideration, recommendation to full council, effect,
//! implementation, deferral, withdrawal, abandonment, correction.

use async_graphql::{Context, Object};
use civic_domain::{DecisionCommand, DecisionId};
use uuid::Uuid;

use super::run::run;
use crate::error::ApiError;
use crate::graphql::input::decision::*;
use crate::graphql::objects::payload::DecisionPayload;

/// The lifecycle of decisions (clerks of this council only).
#[derive(Default)]
pub struct DecisionMutation;

#[Object]
impl DecisionMutation {
    /// Records a decision that has been made: every field of its page. The decision's id
    /// defaults to the idempotency key, so a retried request names the same decision.
    async fn record_decision(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The command's id: the same key again returns the original result.")]
        idempotency_key: Uuid,
        #[graphql(desc = "The decision's version the change was decided on; refused if it moved.")]
        expected_version: Option<u64>,
        #[graphql(desc = "The new decision's id (default: the idempotency key).")]
        decision_id: Option<Uuid>,
        input: DecisionDetailsInput,
    ) -> Result<DecisionPayload, ApiError> {
        run(
            ctx,
            DecisionId::from_uuid(decision_id.unwrap_or(idempotency_key)),
            &input,
            idempotency_key,
            expected_version,
        )
        .await
    }

    /// Publishes the decision notice; the call-in window is computed from the council's policy.
    async fn publish_decision(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The command's id: the same key again returns the original result.")]
        idempotency_key: Uuid,
        #[graphql(desc = "The decision's version the change was decided on; refused if it moved.")]
        expected_version: Option<u64>,
        #[graphql(desc = "The decision.")] decision_id: Uuid,
        input: PublishDecisionInput,
    ) -> Result<DecisionPayload, ApiError> {
        run(
            ctx,
            DecisionId::from_uuid(decision_id),
            &input,
            idempotency_key,
            expected_version,
        )
        .await
    }

    /// Records that members called the decision in for scrutiny.
    async fn call_in_decision(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The command's id: the same key again returns the original result.")]
        idempotency_key: Uuid,
        #[graphql(desc = "The decision's version the change was decided on; refused if it moved.")]
        expected_version: Option<u64>,
        #[graphql(desc = "The decision.")] decision_id: Uuid,
        input: CallInDecisionInput,
    ) -> Result<DecisionPayload, ApiError> {
        run(
            ctx,
            DecisionId::from_uuid(decision_id),
            &input,
            idempotency_key,
            expected_version,
        )
        .await
    }

    /// Records the scrutiny committee's result on a call-in.
    async fn resolve_call_in(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The command's id: the same key again returns the original result.")]
        idempotency_key: Uuid,
        #[graphql(desc = "The decision's version the change was decided on; refused if it moved.")]
        expected_version: Option<u64>,
        #[graphql(desc = "The decision.")] decision_id: Uuid,
        input: ResolveCallInInput,
    ) -> Result<DecisionPayload, ApiError> {
        run(
            ctx,
            DecisionId::from_uuid(decision_id),
            &input,
            idempotency_key,
            expected_version,
        )
        .await
    }

    /// Records that members withdrew their call-in request; a suspended decision is published again, effective from its date at publication or the withdrawal if later.
    async fn withdraw_call_in(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The command's id: the same key again returns the original result.")]
        idempotency_key: Uuid,
        #[graphql(desc = "The decision's version the change was decided on; refused if it moved.")]
        expected_version: Option<u64>,
        #[graphql(desc = "The decision.")] decision_id: Uuid,
        input: WithdrawCallInInput,
    ) -> Result<DecisionPayload, ApiError> {
        run(
            ctx,
            DecisionId::from_uuid(decision_id),
            &input,
            idempotency_key,
            expected_version,
        )
        .await
    }

    /// Records that a call-in request was ruled invalid; a suspended decision is published again, effective from its date at publication or the ruling if later.
    async fn rule_call_in_invalid(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The command's id: the same key again returns the original result.")]
        idempotency_key: Uuid,
        #[graphql(desc = "The decision's version the change was decided on; refused if it moved.")]
        expected_version: Option<u64>,
        #[graphql(desc = "The decision.")] decision_id: Uuid,
        input: RuleCallInInvalidInput,
    ) -> Result<DecisionPayload, ApiError> {
        run(
            ctx,
            DecisionId::from_uuid(decision_id),
            &input,
            idempotency_key,
            expected_version,
        )
        .await
    }

    /// Marks the record as a recommendation to full council rather than a decision: it does not take effect on its own.
    async fn recommend_to_full_council(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The command's id: the same key again returns the original result.")]
        idempotency_key: Uuid,
        #[graphql(desc = "The decision's version the change was decided on; refused if it moved.")]
        expected_version: Option<u64>,
        #[graphql(desc = "The decision.")] decision_id: Uuid,
        input: RecommendToFullCouncilInput,
    ) -> Result<DecisionPayload, ApiError> {
        run(
            ctx,
            DecisionId::from_uuid(decision_id),
            &input,
            idempotency_key,
            expected_version,
        )
        .await
    }

    /// Links a recommendation to full council's decision on it.
    async fn link_full_council_decision(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The command's id: the same key again returns the original result.")]
        idempotency_key: Uuid,
        #[graphql(desc = "The decision's version the change was decided on; refused if it moved.")]
        expected_version: Option<u64>,
        #[graphql(desc = "The decision.")] decision_id: Uuid,
        input: LinkFullCouncilDecisionInput,
    ) -> Result<DecisionPayload, ApiError> {
        run(
            ctx,
            DecisionId::from_uuid(decision_id),
            &input,
            idempotency_key,
            expected_version,
        )
        .await
    }

    /// Records the reconsideration of a referred decision.
    async fn reconsider_decision(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The command's id: the same key again returns the original result.")]
        idempotency_key: Uuid,
        #[graphql(desc = "The decision's version the change was decided on; refused if it moved.")]
        expected_version: Option<u64>,
        #[graphql(desc = "The decision.")] decision_id: Uuid,
        input: ReconsiderDecisionInput,
    ) -> Result<DecisionPayload, ApiError> {
        run(
            ctx,
            DecisionId::from_uuid(decision_id),
            &input,
            idempotency_key,
            expected_version,
        )
        .await
    }

    /// Exempts the decision from call-in as urgent (before publication).
    async fn exempt_decision_from_call_in(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The command's id: the same key again returns the original result.")]
        idempotency_key: Uuid,
        #[graphql(desc = "The decision's version the change was decided on; refused if it moved.")]
        expected_version: Option<u64>,
        #[graphql(desc = "The decision.")] decision_id: Uuid,
        input: ExemptDecisionFromCallInInput,
    ) -> Result<DecisionPayload, ApiError> {
        run(
            ctx,
            DecisionId::from_uuid(decision_id),
            &input,
            idempotency_key,
            expected_version,
        )
        .await
    }

    /// Records that a decision took effect: once published, or, for a record that states no
    /// publication, straight away (with warnings saying what was not stated).
    async fn take_effect(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The command's id: the same key again returns the original result.")]
        idempotency_key: Uuid,
        #[graphql(desc = "The decision's version the change was decided on; refused if it moved.")]
        expected_version: Option<u64>,
        #[graphql(desc = "The decision.")] decision_id: Uuid,
        input: TakeEffectInput,
    ) -> Result<DecisionPayload, ApiError> {
        run(
            ctx,
            DecisionId::from_uuid(decision_id),
            &input,
            idempotency_key,
            expected_version,
        )
        .await
    }

    /// Records that a decision was implemented: once effective, or, for a record that states no
    /// publication, straight away (with warnings saying what was not stated).
    async fn implement_decision(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The command's id: the same key again returns the original result.")]
        idempotency_key: Uuid,
        #[graphql(desc = "The decision's version the change was decided on; refused if it moved.")]
        expected_version: Option<u64>,
        #[graphql(desc = "The decision.")] decision_id: Uuid,
        input: ImplementDecisionInput,
    ) -> Result<DecisionPayload, ApiError> {
        run(
            ctx,
            DecisionId::from_uuid(decision_id),
            &input,
            idempotency_key,
            expected_version,
        )
        .await
    }

    /// Defers the decision before publication.
    async fn defer_decision(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The command's id: the same key again returns the original result.")]
        idempotency_key: Uuid,
        #[graphql(desc = "The decision's version the change was decided on; refused if it moved.")]
        expected_version: Option<u64>,
        #[graphql(desc = "The decision.")] decision_id: Uuid,
        input: DeferDecisionInput,
    ) -> Result<DecisionPayload, ApiError> {
        run(
            ctx,
            DecisionId::from_uuid(decision_id),
            &input,
            idempotency_key,
            expected_version,
        )
        .await
    }

    /// Resumes a deferred decision.
    async fn resume_decision(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The command's id: the same key again returns the original result.")]
        idempotency_key: Uuid,
        #[graphql(desc = "The decision's version the change was decided on; refused if it moved.")]
        expected_version: Option<u64>,
        #[graphql(desc = "The decision.")] decision_id: Uuid,
    ) -> Result<DecisionPayload, ApiError> {
        run(
            ctx,
            DecisionId::from_uuid(decision_id),
            DecisionCommand::Resume,
            idempotency_key,
            expected_version,
        )
        .await
    }

    /// Withdraws the decision before it takes effect.
    async fn withdraw_decision(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The command's id: the same key again returns the original result.")]
        idempotency_key: Uuid,
        #[graphql(desc = "The decision's version the change was decided on; refused if it moved.")]
        expected_version: Option<u64>,
        #[graphql(desc = "The decision.")] decision_id: Uuid,
        input: WithdrawDecisionInput,
    ) -> Result<DecisionPayload, ApiError> {
        run(
            ctx,
            DecisionId::from_uuid(decision_id),
            &input,
            idempotency_key,
            expected_version,
        )
        .await
    }

    /// Abandons the decision: it will not go ahead.
    async fn abandon_decision(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The command's id: the same key again returns the original result.")]
        idempotency_key: Uuid,
        #[graphql(desc = "The decision's version the change was decided on; refused if it moved.")]
        expected_version: Option<u64>,
        #[graphql(desc = "The decision.")] decision_id: Uuid,
        input: AbandonDecisionInput,
    ) -> Result<DecisionPayload, ApiError> {
        run(
            ctx,
            DecisionId::from_uuid(decision_id),
            &input,
            idempotency_key,
            expected_version,
        )
        .await
    }

    /// Corrects the record: a full replacement of its fields; the previous version stays in its history.
    async fn correct_decision(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The command's id: the same key again returns the original result.")]
        idempotency_key: Uuid,
        #[graphql(desc = "The decision's version the change was decided on; refused if it moved.")]
        expected_version: Option<u64>,
        #[graphql(desc = "The decision.")] decision_id: Uuid,
        input: CorrectDecisionInput,
    ) -> Result<DecisionPayload, ApiError> {
        run(
            ctx,
            DecisionId::from_uuid(decision_id),
            &input,
            idempotency_key,
            expected_version,
        )
        .await
    }
}
