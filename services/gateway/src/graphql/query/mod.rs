//! Query roots and what they share.
//!
//! - [`council`]: a council's register (`/councils/{slug}/graphql`).
//! - [`as_of`]: history and `asOf`, one path for every kind of record.
//! - [`platform`]: the list of councils (`/graphql`).
//! - [`node`]: the `Node` interface behind `node(id:)`.
//! - [`filter`]: the decisions filter.
//! - [`log`]: the council's whole log, for its clerks and auditors.
//! - [`page`]: page sizes and connection complexity.

pub(crate) mod as_of;
pub mod council;
pub mod filter;
pub mod log;
pub mod node;
pub mod page;
pub mod platform;
