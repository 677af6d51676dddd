//! What mutations return: the state after the command (read your own write), and what
//! happened.

use async_graphql::SimpleObject;
use civic_runtime::Executed;

use super::common::Warning;
use super::council::Council;
use super::decision::Decision;
use super::forward_plan::ForwardPlanEntry;
use super::meeting::Meeting;
use super::strategy::StrategyDocument;

/// What a command did.
#[derive(SimpleObject, Debug, Clone, PartialEq, Eq)]
pub struct Recorded {
    /// True when this idempotency key had been used already: nothing new was recorded, and the
    /// state is returned as it is now. Warnings are given the first time only.
    pub replayed: bool,
    /// The version of the changed record after the command: the `expectedVersion` for the next.
    pub version: u64,
    /// The position of the command's last event in the council's log.
    pub position: u64,
    /// Unusual things noticed; they did not stop the command.
    pub warnings: Vec<Warning>,
}

impl From<&Executed> for Recorded {
    fn from(executed: &Executed) -> Self {
        Self {
            replayed: executed.replayed,
            version: executed.committed.stream_version,
            position: executed.committed.last_position,
            warnings: executed.warnings.iter().map(Warning::from).collect(),
        }
    }
}

/// The council after a council command.
#[derive(SimpleObject)]
pub struct CouncilPayload {
    /// The council as it is now.
    pub council: Option<Council>,
    /// What the command did.
    #[graphql(flatten)]
    pub recorded: Recorded,
}

/// A decision after a decision command.
#[derive(SimpleObject)]
pub struct DecisionPayload {
    /// The decision as it is now.
    pub decision: Option<Decision>,
    /// What the command did.
    #[graphql(flatten)]
    pub recorded: Recorded,
}

/// A forward-plan entry after a forward-plan command.
#[derive(SimpleObject)]
pub struct ForwardPlanEntryPayload {
    /// The entry as it is now.
    pub entry: Option<ForwardPlanEntry>,
    /// What the command did.
    #[graphql(flatten)]
    pub recorded: Recorded,
}

/// A strategy document after a strategy command.
#[derive(SimpleObject)]
pub struct StrategyDocumentPayload {
    /// The document as it is now.
    pub document: Option<StrategyDocument>,
    /// What the command did.
    #[graphql(flatten)]
    pub recorded: Recorded,
}

/// A meeting after a meeting command.
#[derive(SimpleObject)]
pub struct MeetingPayload {
    /// The meeting as it is now.
    pub meeting: Option<Meeting>,
    /// What the command did.
    #[graphql(flatten)]
    pub recorded: Recorded,
}
