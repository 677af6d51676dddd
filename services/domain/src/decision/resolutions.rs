//! "The decision": the resolutions as the council set them out, in page order, each with the
//! council's own label ("1", "(i)", "a)", "1.1") or none when the decision is unnumbered prose.

use crate::values::{LongText, ResolutionLabel};
use serde::{Deserialize, Serialize};

/// One resolution of "The decision".
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Resolution {
    /// Its label as published; `None` for unnumbered prose.
    #[serde(rename = "label")]
    pub label: Option<ResolutionLabel>,
    /// Its text.
    #[serde(rename = "text")]
    pub text: LongText,
}

/// The decision's resolutions in the order published. Labels are kept as written and need not
/// be unique or ascending: councils nest ("1", "(a)", "(b)", "2", "(a)") and renumber on
/// amendment. May be empty: a "Noted" item often has none, and imported records sometimes omit
/// the text (recording proceeds with a warning rather than losing the record).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Resolutions(Vec<Resolution>);

impl Resolutions {
    /// The resolutions, in the order published.
    pub fn new(resolutions: Vec<Resolution>) -> Self {
        Self(resolutions)
    }

    /// The resolutions in order.
    pub fn as_slice(&self) -> &[Resolution] {
        &self.0
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl From<Vec<Resolution>> for Resolutions {
    fn from(value: Vec<Resolution>) -> Self {
        Self(value)
    }
}

impl From<Resolutions> for Vec<Resolution> {
    fn from(value: Resolutions) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(label: Option<&str>, text: &str) -> Resolution {
        Resolution {
            label: label.map(|l| ResolutionLabel::parse(l).unwrap()),
            text: LongText::parse(text).unwrap(),
        }
    }

    #[test]
    fn labels_are_kept_as_written_in_page_order_even_when_repeated() {
        let nested = Resolutions::new(vec![
            r(Some("1"), "That the strategy be approved, subject to:"),
            r(Some("(a)"), "the costs in Appendix A;"),
            r(Some("2"), "That the Director be authorised:"),
            r(Some("(a)"), "to sign the contract."),
        ]);
        let labels: Vec<_> = nested
            .as_slice()
            .iter()
            .map(|r| r.label.as_ref().map(|l| l.as_str()))
            .collect();
        assert_eq!(labels, [Some("1"), Some("(a)"), Some("2"), Some("(a)")]);
    }

    #[test]
    fn unnumbered_prose_has_no_label_and_serialises_as_null() {
        let prose = Resolutions::new(vec![r(None, "RESOLVED: That the report be noted.")]);
        assert_eq!(
            serde_json::to_value(&prose).unwrap(),
            serde_json::json!([{"label": null, "text": "RESOLVED: That the report be noted."}])
        );
    }
}
