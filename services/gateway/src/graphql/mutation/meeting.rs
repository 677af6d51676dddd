//! Mutations of meetings: recording one as its page shows it, correcting it, cancelling it.

use async_graphql::{Context, Object};
use civic_domain::MeetingId;
use uuid::Uuid;

use super::run::run;
use crate::error::ApiError;
use crate::graphql::input::meeting::*;
use crate::graphql::objects::payload::MeetingPayload;

/// Meetings (clerks of this council only).
#[derive(Default)]
pub struct MeetingMutation;

#[Object]
impl MeetingMutation {
    /// Records a meeting of one of the council's bodies: one to come, or one held with its
    /// agenda and minutes. The meeting's id defaults to the idempotency key.
    async fn record_meeting(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The command's id: the same key again returns the original result.")]
        idempotency_key: Uuid,
        #[graphql(desc = "The meeting's version the change was decided on; refused if it moved.")]
        expected_version: Option<u64>,
        #[graphql(desc = "The new meeting's id (default: the idempotency key).")]
        meeting_id: Option<Uuid>,
        input: MeetingDetailsInput,
    ) -> Result<MeetingPayload, ApiError> {
        run(
            ctx,
            MeetingId::from_uuid(meeting_id.unwrap_or(idempotency_key)),
            &input,
            idempotency_key,
            expected_version,
        )
        .await
    }

    /// Corrects a meeting's record: the whole record again, and why. The previous version is
    /// kept.
    async fn correct_meeting(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The command's id: the same key again returns the original result.")]
        idempotency_key: Uuid,
        #[graphql(desc = "The meeting's version the change was decided on; refused if it moved.")]
        expected_version: Option<u64>,
        #[graphql(desc = "The meeting.")] meeting_id: Uuid,
        input: CorrectMeetingInput,
    ) -> Result<MeetingPayload, ApiError> {
        run(
            ctx,
            MeetingId::from_uuid(meeting_id),
            &input,
            idempotency_key,
            expected_version,
        )
        .await
    }

    /// Cancels a meeting not yet held.
    async fn cancel_meeting(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The command's id: the same key again returns the original result.")]
        idempotency_key: Uuid,
        #[graphql(desc = "The meeting's version the change was decided on; refused if it moved.")]
        expected_version: Option<u64>,
        #[graphql(desc = "The meeting.")] meeting_id: Uuid,
        #[graphql(desc = "Why, if the council said (default: not stated).")] input: Option<
            CancelMeetingInput,
        >,
    ) -> Result<MeetingPayload, ApiError> {
        run(
            ctx,
            MeetingId::from_uuid(meeting_id),
            &input.unwrap_or_default(),
            idempotency_key,
            expected_version,
        )
        .await
    }
}
