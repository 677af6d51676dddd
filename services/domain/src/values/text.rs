use super::ValueError;
use serde::{Deserialize, Serialize};

/// Checks shared by every text newtype: trimmed, non-blank, bounded, and free
/// of control characters other than line breaks and tabs.
fn check_text<'a>(what: &'static str, raw: &'a str, max: usize) -> Result<&'a str, ValueError> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return Err(ValueError::Blank { what });
    }
    let actual = trimmed.chars().count();
    if actual > max {
        return Err(ValueError::TooLong { what, max, actual });
    }
    if trimmed
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err(ValueError::ControlCharacter { what });
    }
    Ok(trimmed)
}

macro_rules! bounded_text {
    ($(#[$doc:meta])* $name:ident, $what:literal, $max:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// The longest accepted value, in characters.
            pub const MAX_CHARS: usize = $max;

            /// Trims `raw` and accepts it if it is non-blank, at most
            /// [`Self::MAX_CHARS`] characters and free of control characters.
            pub fn parse(raw: &str) -> Result<Self, ValueError> {
                check_text($what, raw, $max).map(|trimmed| Self(trimmed.to_owned()))
            }

            /// The text as stored (already trimmed).
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = ValueError;
            fn try_from(raw: String) -> Result<Self, Self::Error> {
                // Stored values are trimmed already: keep their allocation (every text of every
                // row a page reads comes through here).
                let trimmed = check_text($what, &raw, $max)?.len();
                if trimmed == raw.len() {
                    Ok(Self(raw))
                } else {
                    Self::parse(&raw)
                }
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> Self {
                value.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

bounded_text!(
    /// A heading: a decision's or entry's title, a document's title.
    /// Bounded so listings and feeds stay usable.
    Title, "title", 500
);
bounded_text!(
    /// A short proper name: a council, ward, body, person or category.
    Name, "name", 200
);
bounded_text!(
    /// Why something was done (deferral, withdrawal, override...): the
    /// public record must say why, so it is never blank.
    Reason, "reason", 4_000
);
bounded_text!(
    /// Free prose of a record (purpose, reasons, resolutions, consultees),
    /// kept exactly as published apart from surrounding whitespace.
    LongText, "text", 100_000
);
bounded_text!(
    /// A council's own words for a decision's status, e.g.
    /// "Recommendations Approved"; mapped to a canonical status per council.
    StatusLabel, "status label", 100
);
bounded_text!(
    /// A strategy version's label, e.g. "2010-2013" or "v2".
    VersionLabel, "version label", 100
);
bounded_text!(
    /// An agenda item's number as the council writes it, e.g. "45.",
    /// "CAB 12/24" or "6(a)": minute numbers are labels, not integers.
    ItemNumber, "item number", 50
);
bounded_text!(
    /// Where a meeting takes place, as the council writes it, e.g. "Council
    /// Chamber, Town Hall, High Street, Maidstone".
    Location, "location", 500
);

bounded_text!(
    /// A council's or a source system's own identifier for a record, kept as written: a
    /// decision number "CAB/2010/045", a minute number "45.", a ModernGov issue id "1234".
    Reference, "reference", 200
);
bounded_text!(
    /// Where a record was read from: a page's address, or the path of a saved copy when the
    /// page does not say its address.
    SourceLocation, "source location", 2_000
);
bounded_text!(
    /// A resolution's label as the council wrote it: "1", "(i)", "a)", "1.1".
    ResolutionLabel, "resolution label", 50
);

impl StatusLabel {
    /// The label folded for comparison: councils are inconsistent about case
    /// and spacing ("Recommendations approved" vs "Recommendations Approved").
    pub fn normalised(&self) -> String {
        self.0
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_trimmed_on_the_way_in() {
        assert_eq!(
            Title::parse("  Information Strategy  ").unwrap().as_str(),
            "Information Strategy"
        );
    }

    #[test]
    fn blank_text_is_refused() {
        assert_eq!(
            Title::parse(" \n\t "),
            Err(ValueError::Blank { what: "title" })
        );
        assert_eq!(Name::parse(""), Err(ValueError::Blank { what: "name" }));
    }

    #[test]
    fn over_long_text_is_refused_counting_characters_not_bytes() {
        let ok = "é".repeat(Title::MAX_CHARS);
        assert!(Title::parse(&ok).is_ok());
        let long = "é".repeat(Title::MAX_CHARS + 1);
        assert_eq!(
            Title::parse(&long),
            Err(ValueError::TooLong {
                what: "title",
                max: 500,
                actual: 501
            })
        );
    }

    #[test]
    fn control_characters_other_than_line_breaks_are_refused() {
        assert!(LongText::parse("line one\nline two\tend").is_ok());
        assert_eq!(
            LongText::parse("bad\u{0}byte"),
            Err(ValueError::ControlCharacter { what: "text" })
        );
    }

    #[test]
    fn deserialising_goes_through_parse() {
        let bad: Result<Title, _> = serde_json::from_str("\"   \"");
        assert!(bad.is_err());
        let good: Title = serde_json::from_str("\" Budget \"").unwrap();
        assert_eq!(good.as_str(), "Budget");
        assert_eq!(serde_json::to_string(&good).unwrap(), "\"Budget\"");
    }

    #[test]
    fn status_labels_compare_ignoring_case_and_spacing() {
        let a = StatusLabel::parse("Recommendations  approved").unwrap();
        let b = StatusLabel::parse("Recommendations Approved").unwrap();
        assert_eq!(a.normalised(), b.normalised());
    }
}
