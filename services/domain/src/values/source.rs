//! Where a record was taken from: the page and the publishing system's own id for it, so an
//! auditor or an importer can go back to the council's original.

use super::{HttpUrl, Reference};
use serde::{Deserialize, Serialize};

/// The source of a record, as far as it is known (both parts may be not stated).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Source {
    /// The page the record was taken from, e.g. a ModernGov "ieIssueDetails.aspx?IId=…" page.
    #[serde(rename = "url")]
    pub url: Option<HttpUrl>,
    /// The record's id in the publishing system (ModernGov, CMIS...), e.g. "12345".
    #[serde(rename = "system_id")]
    pub system_id: Option<Reference>,
}
