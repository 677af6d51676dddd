//! The event envelope: one [`Event`] enum over every aggregate's events,
//! each with a stable public name and schema version, and the codec that
//! turns them into stored JSON and back (through an upcasting step).

mod codec;
mod registry;
mod upcast;

pub use codec::{DecodeError, EncodedEvent, UPCASTERS, Upcaster};
pub use registry::EVENT_TYPES;

use crate::council::CouncilEvent;
use crate::decision::DecisionEvent;
use crate::forward_plan::ForwardPlanEvent;
use crate::meeting::MeetingEvent;
use crate::strategy::StrategyEvent;

/// Any event of any aggregate. The variant says which kind of stream it
/// belongs to; [`Event::event_type`] gives its permanent public name.
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(
    clippy::large_enum_variant,
    reason = "short-lived values matched by shape; boxing would only obscure the public API"
)]
pub enum Event {
    /// An event of the `council` stream.
    Council(CouncilEvent),
    /// An event of a `forward-plan/{uuid}` stream.
    ForwardPlan(ForwardPlanEvent),
    /// An event of a `decision/{uuid}` stream.
    Decision(DecisionEvent),
    /// An event of a `strategy/{uuid}` stream.
    Strategy(StrategyEvent),
    /// An event of a `meeting/{uuid}` stream.
    Meeting(MeetingEvent),
}

impl From<CouncilEvent> for Event {
    fn from(e: CouncilEvent) -> Self {
        Event::Council(e)
    }
}

impl From<ForwardPlanEvent> for Event {
    fn from(e: ForwardPlanEvent) -> Self {
        Event::ForwardPlan(e)
    }
}

impl From<DecisionEvent> for Event {
    fn from(e: DecisionEvent) -> Self {
        Event::Decision(e)
    }
}

impl From<StrategyEvent> for Event {
    fn from(e: StrategyEvent) -> Self {
        Event::Strategy(e)
    }
}

impl From<MeetingEvent> for Event {
    fn from(e: MeetingEvent) -> Self {
        Event::Meeting(e)
    }
}
