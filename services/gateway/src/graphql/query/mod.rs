//! Query roots and what they share.
//!
//! - [`council`]: a council's register (`/councils/{slug}/graphql`).
//! - [`platform`]: the list of councils (`/graphql`).
//! - [`node`]: the `Node` interface behind `node(id:)`.
//! - [`filter`]: the decisions filter.
//! - [`log`]: the council's whole log, for its clerks and auditors.
//! - [`page`]: page sizes and connection complexity.

pub mod council;
pub mod filter;
pub mod log;
pub mod node;
pub mod page;
pub mod platform;
