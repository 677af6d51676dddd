//! `node(id:)`: any object of this council by its global id.

use async_graphql::{ID, Interface};

use crate::graphql::objects::council::Council;
use crate::graphql::objects::decision::Decision;
use crate::graphql::objects::forward_plan::ForwardPlanEntry;
use crate::graphql::objects::meeting::Meeting;
use crate::graphql::objects::strategy::StrategyDocument;

/// An object with a global id.
#[derive(Interface)]
#[allow(
    clippy::large_enum_variant,
    reason = "one value per `node` query, built and serialised at once"
)]
#[graphql(field(name = "id", ty = "ID", desc = "The object's global id."))]
pub enum Node {
    /// The council.
    Council(Council),
    /// A decision.
    Decision(Decision),
    /// A forward-plan entry.
    ForwardPlanEntry(ForwardPlanEntry),
    /// A strategy document.
    StrategyDocument(StrategyDocument),
    /// A meeting.
    Meeting(Meeting),
}
