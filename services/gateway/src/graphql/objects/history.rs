//! A record's history as GraphQL shows it: each event with who, when and under which command
//! (clerks and auditors), and the fields it changed, old and new as JSON text.

use async_graphql::{InputObject, Object, SimpleObject};
use chrono::{DateTime, Utc};
use civic_projections::views::history::{AsOf as ViewAsOf, HistoryEntry};
use uuid::Uuid;

use crate::error::ApiError;

/// One event of a record's history.
pub struct HistoryEvent(pub HistoryEntry);

#[Object(name = "HistoryEntry")]
impl HistoryEvent {
    /// Its position in the council's log.
    async fn position(&self) -> u64 {
        self.0.position
    }

    /// Its version in the record's stream.
    async fn stream_version(&self) -> u64 {
        self.0.stream_version
    }

    /// Its public name, e.g. `DecisionCorrected`.
    async fn event_type(&self) -> &str {
        &self.0.event_type
    }

    /// The schema version it was stored in.
    async fn schema_version(&self) -> u16 {
        self.0.schema_version
    }

    /// When it was recorded.
    async fn recorded_at(&self) -> DateTime<Utc> {
        self.0.recorded_at
    }

    /// Who recorded it; null for the public.
    async fn actor(&self) -> Option<&str> {
        self.0.actor.as_deref()
    }

    /// The command that recorded it; null for the public.
    async fn command_id(&self) -> Option<Uuid> {
        self.0.command_id
    }

    /// What caused that command, if recorded; null for the public.
    async fn causation_id(&self) -> Option<Uuid> {
        self.0.causation_id
    }

    /// The request or job it belonged to; null for the public.
    async fn correlation_id(&self) -> Option<Uuid> {
        self.0.correlation_id
    }

    /// The fields of the record it changed, as the caller may see them.
    async fn changes(&self) -> Vec<FieldChange> {
        self.0
            .changes
            .iter()
            .map(|c| FieldChange {
                field: c.field.clone(),
                old: c.old.as_ref().map(ToString::to_string),
                new: c.new.as_ref().map(ToString::to_string),
            })
            .collect()
    }
}

/// A field before and after an event, each as JSON text (null: absent).
#[derive(SimpleObject)]
pub struct FieldChange {
    /// The field, as the record's JSON names it (`status`, `purpose`, `effective_from`).
    pub field: String,
    /// Before, as JSON text.
    pub old: Option<String>,
    /// After, as JSON text.
    pub new: Option<String>,
}

/// A moment of the council's log: a position, or an instant (exactly one).
#[derive(InputObject)]
pub struct AsOf {
    /// Every event at or before this position of the council's log.
    pub position: Option<u64>,
    /// Every event recorded at or before this instant.
    pub at: Option<DateTime<Utc>>,
}

impl AsOf {
    /// The moment, if exactly one of position and instant is given.
    pub fn moment(&self) -> Result<ViewAsOf, ApiError> {
        match (self.position, self.at) {
            (Some(position), None) => Ok(ViewAsOf::Position(position)),
            (None, Some(at)) => Ok(ViewAsOf::Instant(at)),
            _ => Err(ApiError::invalid(
                "asOf",
                "give either a log position or an instant",
            )),
        }
    }
}
