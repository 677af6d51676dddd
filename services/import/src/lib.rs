//! Civic Register's import side: reading what councils publish (saved register pages and their
//! text renderings) into typed values. Scraping is kept out of the pure domain: the domain holds
//! validated values, and how a council happens to write a date or a contact line is this
//! crate's concern.
//!
//! Modules:
//! - [`page`]: what a page holds, as read: records of labelled raw fields.
//! - [`read`]: saved pages (ModernGov and CMIS HTML, text renderings) read into [`page::Page`]s.
//! - [`text`]: UK dates as councils write them, and contact lines.

pub mod page;
pub mod read;
pub mod text;
