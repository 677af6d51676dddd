//! Turning an append request into rows: positions, stream versions and chained hashes.
//!
//! Shared by every backend so that all of them write byte-identical chains.

use crate::{AppendOutcome, CommandRecord};
use chrono::{DateTime, Utc};

use crate::chain::{ChainFields, event_hash};
use crate::error::StoreError;
use crate::types::{AppendRequest, Committed, ExpectedVersion, LogHead};

/// The rows of one append, ready to insert.
#[derive(Debug)]
pub(crate) struct PreparedAppend {
    /// One hash per event, in order.
    pub hashes: Vec<String>,
    /// The time recorded on every event of the batch.
    pub recorded_at: DateTime<Utc>,
    /// Where the events will land.
    pub committed: Committed,
}

impl PreparedAppend {
    /// The head after this append.
    pub(crate) fn new_head(&self) -> LogHead {
        LogHead {
            position: self.committed.last_position,
            hash: self.hashes.last().cloned().unwrap_or_default(),
        }
    }
}

/// Checks the writer's expectation against the stream's actual version.
pub(crate) fn check_expected(request: &AppendRequest, actual: u64) -> Result<(), StoreError> {
    match request.expected {
        ExpectedVersion::MustBe(expected) if expected != actual => Err(StoreError::Conflict {
            stream: request.stream.clone(),
            expected,
            actual,
        }),
        _ => Ok(()),
    }
}

/// Lays the batch out after `head`, with the stream currently at `stream_version`.
pub(crate) fn prepare(
    request: &AppendRequest,
    head: &LogHead,
    stream_version: u64,
    recorded_at: DateTime<Utc>,
) -> PreparedAppend {
    let mut previous = head.hash.clone();
    let mut hashes = Vec::with_capacity(request.events.len());
    for (offset, event) in (1u64..).zip(&request.events) {
        let hash = event_hash(&ChainFields {
            tenant: request.tenant.as_uuid(),
            position: head.position + offset,
            event_id: event.event_id,
            stream: request.stream.as_str(),
            stream_version: stream_version + offset,
            event_type: event.event_type.as_str(),
            schema_version: event.schema_version,
            recorded_at,
            actor: request.metadata.actor.as_str(),
            command_id: request.metadata.command_id,
            causation_id: request.metadata.causation_id,
            correlation_id: request.metadata.correlation_id,
            previous_hash: &previous,
            payload: event.payload.as_str(),
        });
        previous.clone_from(&hash);
        hashes.push(hash);
    }
    let count = request.events.len() as u64;
    PreparedAppend {
        hashes,
        recorded_at,
        committed: Committed {
            stream: request.stream.clone(),
            first_position: head.position + 1,
            last_position: head.position + count,
            stream_version: stream_version + count,
        },
    }
}

/// The answer to an append whose command id is already in the log: the original result for a
/// retry of the same command, a refusal for a different command reusing the id.
pub(crate) fn replayed(
    request: &AppendRequest,
    recorded: CommandRecord,
) -> Result<AppendOutcome, StoreError> {
    let metadata = &request.metadata;
    let committed = recorded.replay_for(
        metadata.command_id,
        &request.stream,
        metadata.fingerprint.as_ref(),
    )?;
    Ok(AppendOutcome {
        committed,
        replayed: true,
    })
}
