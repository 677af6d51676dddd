//! Running commands against a council's log, and reading its streams back.

use chrono::{DateTime, NaiveDate, Utc};
use civic_domain::values::Reason;
use civic_domain::{
    Command, Council, CouncilCommand, Event, StreamId, Warning, council_from_history, decide,
};
use civic_eventstore::{
    Actor, AppendMetadata, AppendRequest, CommandFingerprint, Commitment, Committed, EventStore,
    ExpectedVersion, InvalidInput, StreamName, TenantId,
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
    ///
    /// Idempotent: a command id already in the log answers with the original result when the
    /// command is the same (same stream, same fingerprint), and is refused with
    /// [`AppError::CommandIdReused`] when it is a different one. Identical commands racing each
    /// other all get the original result: a refusal (the domain's, or a lost race) is only
    /// reported after checking that the id was not recorded meanwhile by one of them.
    pub async fn execute(
        &self,
        tenant: TenantId,
        command: &Command,
        context: &CommandContext,
    ) -> Result<Executed, AppError> {
        let stream = command.stream_id();
        let name = stream_name(&stream)?;
        let fingerprint = fingerprint(command)?;
        let original = Original {
            tenant,
            command_id: context.command_id,
            stream: &name,
            fingerprint: &fingerprint,
        };
        if let Some(executed) = self.original(&original).await? {
            return Ok(executed);
        }
        let mut attempt = 0;
        loop {
            attempt += 1;
            let (history, version) = self.stream(tenant, &stream).await?;
            if let Some(expected) = context.expected_version
                && expected != version
            {
                let conflict = AppError::Conflict {
                    stream: stream.as_str().to_owned(),
                    expected,
                    actual: version,
                };
                return self.refuse(&original, conflict).await;
            }
            let council = if stream == StreamId::council() {
                None
            } else {
                self.council(tenant).await?
            };
            let decided = match decide(command, council.as_ref(), &history, context.today) {
                Ok(decided) if decided.events.is_empty() => {
                    return self.refuse(&original, AppError::NoChange).await;
                }
                Ok(decided) => decided,
                Err(refused) => return self.refuse(&original, refused.into()).await,
            };
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
                    fingerprint: Some(fingerprint.clone()),
                },
                events,
                erase: erasing(command)?,
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
                Err(error) => return self.refuse(&original, error).await,
            }
        }
    }

    /// Erases for good every personal value held beside the tenant's log that contains `needle`
    /// (ignoring case): the values and their salts are deleted in the transaction that appends a
    /// `PersonalDataErased` event saying why (who and when are the event's own). The log and
    /// its proofs are untouched; the records that held the values read null for them from then
    /// on, once the read models have folded them again.
    pub async fn erase_personal_data(
        &self,
        tenant: TenantId,
        needle: &str,
        reason: Reason,
        context: &CommandContext,
    ) -> Result<Erasure, AppError> {
        let matches = self.store.find_personal(tenant, needle).await?;
        let mut records: Vec<String> = matches
            .iter()
            .map(|m| m.stream.as_str().to_owned())
            .collect();
        records.sort();
        records.dedup();
        let command = Command::Council(CouncilCommand::ErasePersonalData {
            commitments: matches
                .iter()
                .map(|m| m.commitment.as_str().to_owned())
                .collect(),
            records: records.clone(),
            reason,
        });
        let executed = self.execute(tenant, &command, context).await?;
        Ok(Erasure {
            executed,
            values: matches.len(),
            records,
        })
    }

    /// The original result of the command, if its id is already in the log; a refusal if the id
    /// was used for a different command.
    async fn original(&self, original: &Original<'_>) -> Result<Option<Executed>, AppError> {
        let Some(recorded) = self
            .store
            .find_command(original.tenant, original.command_id)
            .await?
        else {
            return Ok(None);
        };
        let committed = recorded.replay_for(
            original.command_id,
            original.stream,
            Some(original.fingerprint),
        )?;
        Ok(Some(Executed {
            committed,
            replayed: true,
            warnings: Vec::new(),
        }))
    }

    /// `error`, unless an identical command with the same id was recorded while this one was
    /// being decided: then its original result.
    async fn refuse(&self, original: &Original<'_>, error: AppError) -> Result<Executed, AppError> {
        match self.original(original).await? {
            Some(executed) => Ok(executed),
            None => Err(error),
        }
    }
}

/// What an erasure did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Erasure {
    /// Where its `PersonalDataErased` event is.
    pub executed: Executed,
    /// How many personal values it erased.
    pub values: usize,
    /// The streams of the records that held them.
    pub records: Vec<String>,
}

/// The personal values a command erases in the transaction that appends its events.
fn erasing(command: &Command) -> Result<Vec<Commitment>, AppError> {
    match command {
        Command::Council(CouncilCommand::ErasePersonalData { commitments, .. }) => commitments
            .iter()
            .map(|c| Commitment::parse(c).map_err(AppError::Encode))
            .collect(),
        _ => Ok(Vec::new()),
    }
}

/// What identifies a command's original result in the log.
struct Original<'a> {
    tenant: TenantId,
    command_id: Uuid,
    stream: &'a StreamName,
    fingerprint: &'a CommandFingerprint,
}

/// The fingerprint of a command: SHA-256 of its canonical JSON (the command's own
/// serialisation, with its target ids), under a version tag so a change of form can be told.
pub fn fingerprint(command: &Command) -> Result<CommandFingerprint, AppError> {
    let canonical = serde_json::to_vec(&("civic-command/1", command)).map_err(|_| {
        AppError::Encode(InvalidInput::new("command", "cannot be serialised to JSON"))
    })?;
    Ok(CommandFingerprint::of(&canonical))
}
