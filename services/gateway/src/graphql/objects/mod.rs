//! GraphQL objects: thin wrappers over the read models' views. Resolvers only reshape; the
//! views decide what each viewer may see.
//!
//! - [`common`]: references, withheld notices, resolutions, periods, warnings.
//! - [`council`]: the council and its reference data.
//! - [`decision`]: the decision page and its lifecycle.
//! - [`record`]: a decision's record, shared by the decision and a correction's previous version.
//! - [`forward_plan`]: forward-plan entries.
//! - [`strategy`]: strategy documents and versions.
//! - [`meeting`]: meetings, their agenda items and minutes.
//! - [`history`]: a record's events and what each changed; the moment of `asOf`.
//! - [`log`]: the council's log for its clerks and auditors, and the changes of records.
//! - [`source`]: the page an imported record came from.
//! - [`connection`]: Relay connections with `totalCount`.
//! - [`payload`]: what mutations return.

pub mod common;
pub mod connection;
pub mod council;
pub mod decision;
pub mod forward_plan;
pub mod history;
pub mod log;
pub mod meeting;
pub mod payload;
pub mod people;
pub mod record;
pub mod source;
pub mod strategy;
