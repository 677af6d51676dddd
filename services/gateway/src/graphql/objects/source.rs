//! Where an imported record came from: the page, its SHA-256, and each field as the page gave
//! it. Only the full view (clerks, auditors) carries it.

use async_graphql::Object;
use civic_domain::provenance::{Provenance, SourceField};

/// The page a record was imported from.
pub struct RecordSource<'a>(pub &'a Provenance);

#[Object]
impl RecordSource<'_> {
    /// The page's address, or the path of the saved copy when the page does not say it.
    async fn location(&self) -> &str {
        self.0.location.as_str()
    }

    /// SHA-256 of the page's bytes as imported, in hex.
    async fn sha256(&self) -> &str {
        self.0.sha256.as_str()
    }

    /// Each field read from the page, in page order, as given.
    async fn fields(&self) -> Vec<RecordSourceField<'_>> {
        self.0.fields.iter().map(RecordSourceField).collect()
    }
}

/// One field as the page gave it.
pub struct RecordSourceField<'a>(&'a SourceField);

#[Object]
impl RecordSourceField<'_> {
    /// The field in the register's words, e.g. "date of decision".
    async fn field(&self) -> &str {
        self.0.field.as_str()
    }

    /// The label as the page showed it, e.g. "Dyddiad y penderfyniad:".
    async fn label(&self) -> &str {
        self.0.label.as_str()
    }

    /// The value as the page showed it; null once erased as personal data.
    async fn text(&self) -> Option<&str> {
        self.0.text.as_ref().map(|text| text.as_str())
    }
}
