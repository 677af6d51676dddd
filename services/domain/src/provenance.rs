//! Where an imported record came from: the page (its location and the SHA-256 of its bytes) and
//! the text of each field exactly as the page gave it. An auditor compares the register with the
//! council's original through it; a later import of the same page tells from it what changed.

use crate::values::{LongText, Name, Sha256Digest, SourceLocation};
use serde::{Deserialize, Serialize};

/// The page a record was read from, and what it said, field by field.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Provenance {
    /// The page's address, or the path of the saved file when the page does not say it.
    #[serde(rename = "location")]
    pub location: SourceLocation,
    /// SHA-256 of the page's bytes as read.
    #[serde(rename = "sha256")]
    pub sha256: Sha256Digest,
    /// Each field read from the page, in page order.
    #[serde(rename = "fields")]
    pub fields: Vec<SourceField>,
}

/// One field as the page gave it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SourceField {
    /// The field in the register's words, e.g. "date of decision": the same whatever the page's
    /// language, so two readings of a record compare field by field.
    #[serde(rename = "field")]
    pub field: Name,
    /// The label as the page showed it, e.g. "Dyddiad y penderfyniad:".
    #[serde(rename = "label")]
    pub label: Name,
    /// The value as the page showed it; `None` once erased as personal data
    /// (`crate::personal`).
    #[serde(rename = "text")]
    pub text: Option<LongText>,
}

/// The latest reading of each page a record was read from, in the order the pages were first
/// noted: a record listed on one page and detailed on another keeps both.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Sources(Vec<Provenance>);

impl Sources {
    /// Notes `reading`: it replaces the earlier reading of the same page, or is added.
    pub fn note(&mut self, reading: Provenance) {
        match self.0.iter_mut().find(|s| s.location == reading.location) {
            Some(earlier) => *earlier = reading,
            None => self.0.push(reading),
        }
    }

    /// The latest reading of `location`, if it was ever read.
    pub fn of(&self, location: &SourceLocation) -> Option<&Provenance> {
        self.0.iter().find(|s| &s.location == location)
    }

    /// Every page's latest reading.
    pub fn as_slice(&self) -> &[Provenance] {
        &self.0
    }
}

impl Provenance {
    /// The fields whose text differs between this reading and `earlier` (present in one only,
    /// or with other text), each named once, in this reading's order and then `earlier`'s.
    pub fn changed_fields<'a>(&'a self, earlier: &'a Provenance) -> Vec<&'a str> {
        let text = |reading: &'a Provenance, field: &str| -> Vec<Option<&'a str>> {
            reading
                .fields
                .iter()
                .filter(|f| f.field.as_str() == field)
                .map(|f| f.text.as_ref().map(LongText::as_str))
                .collect()
        };
        let mut changed: Vec<&str> = Vec::new();
        for field in self.fields.iter().chain(&earlier.fields) {
            let name = field.field.as_str();
            if !changed.contains(&name) && text(self, name) != text(earlier, name) {
                changed.push(name);
            }
        }
        changed
    }
}

/// A reading of the example page, for the codec's samples and golden payloads.
#[cfg(test)]
pub(crate) fn sample() -> Provenance {
    tests::reading(&[
        ("title", "Information Strategy 2010 - 13"),
        ("decision maker", "Cabinet."),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn reading(fields: &[(&str, &str)]) -> Provenance {
        Provenance {
            location: SourceLocation::parse("https://example.gov.uk/ieDecisionDetails.aspx?ID=1")
                .unwrap(),
            sha256: Sha256Digest::parse(&"ab".repeat(32)).unwrap(),
            fields: fields
                .iter()
                .map(|(field, text)| SourceField {
                    field: Name::parse(field).unwrap(),
                    label: Name::parse(&format!("{field}:")).unwrap(),
                    text: Some(LongText::parse(text).unwrap()),
                })
                .collect(),
        }
    }

    #[test]
    fn changed_fields_name_what_differs_added_or_dropped_once_each() {
        let before = reading(&[("title", "A"), ("purpose", "P"), ("contact", "C")]);
        let after = reading(&[("title", "A"), ("purpose", "Q"), ("wards affected", "All")]);
        assert_eq!(
            after.changed_fields(&before),
            vec!["purpose", "wards affected", "contact"]
        );
        assert!(before.changed_fields(&before).is_empty());
    }

    /// The stored form is permanent: field names and shapes never change.
    #[test]
    fn provenance_matches_its_golden_payload() {
        let golden = serde_json::json!({
            "location": "https://example.gov.uk/ieDecisionDetails.aspx?ID=1",
            "sha256": "ab".repeat(32),
            "fields": [
                {"field": "title", "label": "title:", "text": "Information Strategy 2010 - 13"},
                {"field": "decision maker", "label": "decision maker:", "text": "Cabinet."}
            ]
        });
        assert_eq!(serde_json::to_value(sample()).unwrap(), golden);
        assert_eq!(
            serde_json::from_value::<Provenance>(golden).unwrap(),
            sample()
        );
    }
}
