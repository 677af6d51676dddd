//! Civic Register's importer: councils' published registers (saved ModernGov and CMIS pages, and
//! their plain-text renderings) brought into the register through the application runtime, as
//! the commands a clerk would have run, idempotently.
//!
//! Reading is kept apart from judging: [`read`] turns a page into records of labelled fields as
//! given ([`page`]); [`plan`] types them against the council and compares them with what the
//! register holds; [`run`] runs the result through [`civic_runtime::Runtime`] and [`report`]s.
//!
//! Modules:
//! - [`page`]: what a page holds, as read: records of labelled raw fields.
//! - [`read`]: reading HTML and text pages into [`page::Page`]s.
//! - [`plan`]: typing records and choosing the commands (record, correct, note source).
//! - [`ids`]: ids derived from the page, so imports are idempotent.
//! - [`run`]: [`run::Importer`], over files and directories.
//! - [`report`]: the summary: counts, problems, warnings by kind.
//! - [`text`]: UK dates as councils write them, and contact lines.

pub mod ids;
pub mod page;
pub mod plan;
pub mod read;
pub mod report;
pub mod run;
pub mod text;

pub use report::Report;
pub use run::{Importer, Progress, Quiet};
