//! Mutations of strategy documents: names over time, versions, approvals.

use async_graphql::{Context, Object};
use civic_domain::StrategyDocumentId;
use uuid::Uuid;

use super::run::run;
use crate::error::ApiError;
use crate::graphql::input::strategy::*;
use crate::graphql::objects::payload::StrategyDocumentPayload;

/// Strategy documents (clerks of this council only).
#[derive(Default)]
pub struct StrategyMutation;

#[Object]
impl StrategyMutation {
    /// Starts tracking a strategy document. Its id defaults to the idempotency key.
    async fn create_strategy_document(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The command's id: the same key again returns the original result.")]
        idempotency_key: Uuid,
        #[graphql(
            desc = "The strategy document's version the change was decided on; refused if it moved."
        )]
        expected_version: Option<u64>,
        #[graphql(desc = "The new document's id (default: the idempotency key).")]
        document_id: Option<Uuid>,
        input: CreateStrategyDocumentInput,
    ) -> Result<StrategyDocumentPayload, ApiError> {
        run(
            ctx,
            StrategyDocumentId::from_uuid(document_id.unwrap_or(idempotency_key)),
            &input,
            idempotency_key,
            expected_version,
        )
        .await
    }

    /// Records that the strategy was renamed (e.g. "ICT Strategy" to "Information Strategy").
    async fn rename_strategy_document(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The command's id: the same key again returns the original result.")]
        idempotency_key: Uuid,
        #[graphql(
            desc = "The strategy document's version the change was decided on; refused if it moved."
        )]
        expected_version: Option<u64>,
        #[graphql(desc = "The strategy document.")] document_id: Uuid,
        input: RenameStrategyDocumentInput,
    ) -> Result<StrategyDocumentPayload, ApiError> {
        run(
            ctx,
            StrategyDocumentId::from_uuid(document_id),
            &input,
            idempotency_key,
            expected_version,
        )
        .await
    }

    /// Records a new draft version (an annual review).
    async fn draft_strategy_version(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The command's id: the same key again returns the original result.")]
        idempotency_key: Uuid,
        #[graphql(
            desc = "The strategy document's version the change was decided on; refused if it moved."
        )]
        expected_version: Option<u64>,
        #[graphql(desc = "The strategy document.")] document_id: Uuid,
        input: DraftStrategyVersionInput,
    ) -> Result<StrategyDocumentPayload, ApiError> {
        run(
            ctx,
            StrategyDocumentId::from_uuid(document_id),
            &input,
            idempotency_key,
            expected_version,
        )
        .await
    }

    /// Records that a decision approved a draft version; the previously approved one is superseded.
    async fn approve_strategy_version(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The command's id: the same key again returns the original result.")]
        idempotency_key: Uuid,
        #[graphql(
            desc = "The strategy document's version the change was decided on; refused if it moved."
        )]
        expected_version: Option<u64>,
        #[graphql(desc = "The strategy document.")] document_id: Uuid,
        input: ApproveStrategyVersionInput,
    ) -> Result<StrategyDocumentPayload, ApiError> {
        run(
            ctx,
            StrategyDocumentId::from_uuid(document_id),
            &input,
            idempotency_key,
            expected_version,
        )
        .await
    }

    /// Records that a decision noted a version without approving it.
    async fn note_strategy_version(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The command's id: the same key again returns the original result.")]
        idempotency_key: Uuid,
        #[graphql(
            desc = "The strategy document's version the change was decided on; refused if it moved."
        )]
        expected_version: Option<u64>,
        #[graphql(desc = "The strategy document.")] document_id: Uuid,
        input: NoteStrategyVersionInput,
    ) -> Result<StrategyDocumentPayload, ApiError> {
        run(
            ctx,
            StrategyDocumentId::from_uuid(document_id),
            &input,
            idempotency_key,
            expected_version,
        )
        .await
    }

    /// Records a strategy's new standing (out for consultation, recommended for adoption,
    /// adopted, paused, superseded...).
    async fn change_strategy_status(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The command's id: the same key again returns the original result.")]
        idempotency_key: Uuid,
        #[graphql(
            desc = "The strategy document's version the change was decided on; refused if it moved."
        )]
        expected_version: Option<u64>,
        #[graphql(desc = "The strategy document.")] document_id: Uuid,
        input: ChangeStrategyStatusInput,
    ) -> Result<StrategyDocumentPayload, ApiError> {
        run(
            ctx,
            StrategyDocumentId::from_uuid(document_id),
            &input,
            idempotency_key,
            expected_version,
        )
        .await
    }
}
