//! Running commands against a council's log, and reading its streams back.

use chrono::{DateTime, NaiveDate, Utc};
use civic_domain::{Command, Council, Event, StreamId, Warning, council_from_history, decide};
use civic_eventstore::{
    Actor, AppendMetadata, AppendRequest, Committed, EventStore, ExpectedVersion, StreamName,
    TenantId,
};
use uuid::Uuid;

use crate::codec::{from_recorded, to_new_event};
use crate::error::AppError;

/// How many times a command without an expected version is decided again after losing a race.
/// Each lost race means another command on the same stream landed, so this bounds the number
/// of simultaneous writers to one aggregate that all get through.
const MAX_DECISIONS: usize = 16;

/// Who runs a command, why, and on what basis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommandContext {
    /// The idempotency key: the same id again returns the original result.
    pub command_id: Uuid,
    /// Who issues it.
    pub actor: Actor,
    /// The version of the command's stream the caller saw, if it wants the command refused when
    /// the stream has moved since. Without it, a command that loses a race is decided again on
    /// the new state.
    pub expected_version: Option<u64>,
    /// What caused it, if anything.
    pub causation_id: Option<Uuid>,
    /// The request or job it belongs to.
    pub correlation_id: Uuid,
    /// The UK date the domain's rules are applied on.
    pub today: NaiveDate,
}

impl CommandContext {
    /// A context for `actor` at `now`, with fresh ids and no expected version.
    pub fn new(actor: Actor, now: DateTime<Utc>) -> Self {
        let command_id = Uuid::now_v7();
        Self {
            command_id,
            actor,
            expected_version: None,
            causation_id: None,
            correlation_id: command_id,
            today: civic_calendar::uk_date(now),
        }
    }
}

/// What a recorded command did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Executed {
    /// Where its events are in the tenant's log, and the stream's version after them.
    pub committed: Committed,
    /// True when the command id had been recorded before: nothing new was appended, and
    /// `warnings` is empty because they were given the first time.
    pub replayed: bool,
    /// What the domain found unusual but kept.
    pub warnings: Vec<Warning>,
}

/// Runs domain commands against the event store.
#[derive(Debug)]
pub struct Register<S> {
    store: S,
}

/// The store's name for a domain stream. Domain stream ids are a subset of store stream names.
fn stream_name(stream: &StreamId) -> Result<StreamName, AppError> {
    StreamName::parse(stream.as_str()).map_err(AppError::Encode)
}

impl<S: EventStore> Register<S> {
    /// A register over `store`.
    pub fn new(store: S) -> Self {
        Self { store }
    }

    /// The underlying store, for reads that need no domain.
    pub fn store(&self) -> &S {
        &self.store
    }

    /// The decoded events of one stream and its version.
    pub async fn stream(
        &self,
        tenant: TenantId,
        stream: &StreamId,
    ) -> Result<(Vec<Event>, u64), AppError> {
        let recorded = self
            .store
            .read_stream(tenant, &stream_name(stream)?, 0)
            .await?;
        let version = recorded.last().map_or(0, |event| event.stream_version);
        let events = recorded
            .iter()
            .map(from_recorded)
            .collect::<Result<Vec<_>, _>>()?;
        Ok((events, version))
    }

    /// The council as its stream stands now, if it has been registered.
    pub async fn council(&self, tenant: TenantId) -> Result<Option<Council>, AppError> {
        let (events, _) = self.stream(tenant, &StreamId::council()).await?;
        Ok(council_from_history(&events))
    }

    /// Decides `command` on the current state and appends its events.
    pub async fn execute(
        &self,
        tenant: TenantId,
        command: &Command,
        context: &CommandContext,
    ) -> Result<Executed, AppError> {
        let stream = command.stream_id();
        let name = stream_name(&stream)?;
        if let Some(committed) = self.store.find_command(tenant, context.command_id).await? {
            if committed.stream != name {
                return Err(AppError::CommandIdReused {
                    command_id: context.command_id,
                    original_stream: committed.stream.to_string(),
                });
            }
            return Ok(Executed {
                committed,
                replayed: true,
                warnings: Vec::new(),
            });
        }
        let mut attempt = 0;
        loop {
            attempt += 1;
            let (history, version) = self.stream(tenant, &stream).await?;
            if let Some(expected) = context.expected_version
                && expected != version
            {
                return Err(AppError::Conflict {
                    stream: stream.as_str().to_owned(),
                    expected,
                    actual: version,
                });
            }
            let council = if stream == StreamId::council() {
                None
            } else {
                self.council(tenant).await?
            };
            let decided = decide(command, council.as_ref(), &history, context.today)?;
            if decided.events.is_empty() {
                return Err(AppError::NoChange);
            }
            let events = decided
                .events
                .iter()
                .map(to_new_event)
                .collect::<Result<Vec<_>, _>>()?;
            let request = AppendRequest {
                tenant,
                stream: name.clone(),
                expected: ExpectedVersion::MustBe(version),
                metadata: AppendMetadata {
                    actor: context.actor.clone(),
                    command_id: context.command_id,
                    causation_id: context.causation_id,
                    correlation_id: context.correlation_id,
                },
                events,
            };
            match self.store.append(request).await.map_err(AppError::from) {
                Ok(outcome) => {
                    return Ok(Executed {
                        committed: outcome.committed,
                        replayed: outcome.replayed,
                        warnings: if outcome.replayed {
                            Vec::new()
                        } else {
                            decided.warnings
                        },
                    });
                }
                Err(AppError::Conflict { .. })
                    if context.expected_version.is_none() && attempt < MAX_DECISIONS => {}
                Err(error) => return Err(error),
            }
        }
    }
}
