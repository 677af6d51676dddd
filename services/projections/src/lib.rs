//! Civic Register's read models: each council's log folded into tables of the same database
//! (PostgreSQL or SQLite), and the queries the gateway serves from them.
//!
//! The projector re-folds every aggregate a batch of events touches with the domain's own folds,
//! writes its views as JSON documents beside the columns used to filter, order and search, and
//! moves the tenant's checkpoint in the same transaction. Decisions get two rows: the full view
//! for clerks and auditors, and, once published, the public view with withheld information
//! replaced by notices, so neither a public filter nor a public search can reach it.
//!
//! Modules:
//! - [`views`]: the views (council, decision, forward plan, strategy, meeting), built purely
//!   from folded aggregates; the public redaction of a decision and of a meeting; a record's
//!   history and the record as of a moment (`views::history`), one path for every kind.
//! - [`query`]: [`Viewer`], [`DecisionFilter`], [`MeetingFilter`], [`PageRequest`] and
//!   [`Page`]; keyset cursors and the filters' SQL.
//! - [`read_models`]: [`ReadModels`], the query API, with tenant isolation on PostgreSQL
//!   (`SET LOCAL ROLE civic_reader` and row-level security).
//! - [`projector`]: [`Projector`]: catch-up, rebuild by generations, and the run loop.
//! - [`notifier`]: [`Notifier`], which wakes projectors after an append.
//! - [`log_watch`]: [`LogWatch`], which wakes readers that follow a log (subscriptions).
//! - [`error`]: [`ProjectionError`], with the code the edge reports for each case.
//! - [`as_of`]: [`RegisterAt`], the register as it stood at a moment, folded in memory from the
//!   log, and its lists.
//! - `db`: one SQL text for both backends.

pub mod as_of;
mod db;
pub mod error;
pub mod log_watch;
pub mod notifier;
pub mod projector;
pub mod query;
pub mod read_models;
pub mod views;

pub use as_of::RegisterAt;
pub use error::ProjectionError;
pub use log_watch::LogWatch;
pub use notifier::Notifier;
pub use projector::Projector;
pub use query::{
    DecisionFilter, DecisionOrder, MeetingFilter, Page, PageRequest, SearchQuery,
    SearchSyntaxError, Viewer,
};
pub use read_models::{
    CouncilLag, Placement, PlacementCount, ReadModels, ReadPosition, TABLES_WITH_PERSONAL_DATA,
};
pub use views::{
    Audience, CouncilView, DecisionView, Detail, ForwardPlanView, MeetingView,
    StrategyDocumentView, WithheldNotice,
};
