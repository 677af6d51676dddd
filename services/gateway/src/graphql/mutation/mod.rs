//! Mutation roots: one file per aggregate, merged into the council's mutation root.
//!
//! - [`run`]: authorise, convert, execute, catch up, read back: what every council mutation does.
//! - [`council`], [`forward_plan`], [`decision`], [`strategy`], [`meeting`]: a mutation per domain
//!   command.
//! - [`platform`]: the platform mutation, registering a council.

pub mod council;
pub mod decision;
pub mod forward_plan;
pub mod meeting;
pub mod platform;
pub(crate) mod run;
pub mod strategy;

use async_graphql::MergedObject;

/// Every command of a council's register, for its clerks.
#[derive(MergedObject, Default)]
#[graphql(name = "Mutation")]
pub struct CouncilRegisterMutation(
    council::CouncilMutation,
    forward_plan::ForwardPlanMutation,
    decision::DecisionMutation,
    strategy::StrategyMutation,
    meeting::MeetingMutation,
);
