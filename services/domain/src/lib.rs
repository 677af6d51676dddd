//! The pure domain model of Civic Register: an event-sourced, multi-tenant
//! register of UK council decisions, where each council is a tenant.
//!
//! Nothing here does IO, awaits, or reads the clock: the current UK date is
//! an argument. Commands hold validated values; `handle` decides and emits
//! events; `apply`/`evolve` only folds them and never fails.
//!
//! Modules:
//! - [`values`]: validated newtypes (text, slug, email, URL, digest, phone,
//!   pence, ids); `parse` is the only way in.
//! - [`nation`]: the UK nation, choosing bank holidays and exemption scheme.
//! - [`restriction`]: exempt and confidential information, schemes and
//!   paragraphs, and the public "withheld" notice.
//! - [`council`]: the council (tenant) aggregate, stream `council`: wards,
//!   bodies, thresholds, call-in policy, closure days, status labels.
//! - [`forward_plan`]: forward-plan entries, stream `forward-plan/{uuid}`:
//!   notice of decisions, the 28-clear-day rule and its exceptions.
//! - [`decision`]: decisions, stream `decision/{uuid}`: the typed record and
//!   the lifecycle (publication, call-in, effect, corrections).
//! - [`meeting`]: meetings of the council's bodies, stream `meeting/{uuid}`:
//!   agenda items, minutes, items taken in private and the resolutions
//!   excluding the public.
//! - [`strategy`]: strategy documents, stream `strategy/{uuid}`: names,
//!   versions and the decisions that approved them.
//! - [`provenance`]: where an imported record came from: the page, its SHA-256, and each
//!   field's text as given.
//! - [`personal`]: which values of a record are personal data, and their erasure.
//! - [`event`]: the [`Event`] enum over all aggregates, stable names and
//!   versions, and the codec with its upcasting step.
//! - [`stream`]: stream names.
//! - [`command`]: [`Command`] and [`decide`], the application layer's entry
//!   point.
//! - [`warning`]: [`Warning`]s for the unusual-but-possible.
//! - [`error`]: [`DomainError`] and the [`ErrorKind`] the edge maps.
//! - [`example`]: the example decision of a real register, for tests and the demo council.
//! - [`example_plans`]: the demo council's forward plan and a strategy by financial years.

pub mod command;
pub mod council;
pub mod decision;
pub mod error;
pub mod event;
pub mod example;
pub mod example_plans;
pub mod forward_plan;
pub mod illustrative;
pub mod meeting;
pub mod nation;
pub mod personal;
pub mod provenance;
pub mod restriction;
pub mod strategy;
pub mod stream;
pub mod values;
pub mod warning;

#[cfg(test)]
mod testing;

pub use chrono::NaiveDate;
pub use command::{Command, CommandSequence, Decided, SequenceError, council_from_history, decide};
pub use council::{Council, CouncilCommand, CouncilEvent};
pub use decision::{Decision, DecisionCommand, DecisionEvent};
pub use error::{DomainError, ErrorKind};
pub use event::{DecodeError, EncodedEvent, Event};
pub use forward_plan::{ForwardPlanCommand, ForwardPlanEntry, ForwardPlanEvent};
pub use meeting::{Meeting, MeetingCommand, MeetingEvent};
pub use nation::Nation;
pub use strategy::{StrategyCommand, StrategyDocument, StrategyEvent};
pub use stream::StreamId;
pub use values::{
    AgendaItemId, BodyId, DecisionId, ForwardPlanEntryId, ForwardPlanId, MeetingId,
    StrategyDocumentId, WardId,
};
pub use warning::Warning;
