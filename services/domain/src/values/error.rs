use thiserror::Error;

/// Why a raw value was refused by a `parse` function.
///
/// Every variant is caller error: the edge should report it as invalid input
/// naming `what` (the type being parsed), never retry.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ValueError {
    /// The text was empty or only whitespace; blank values carry no meaning.
    #[error("{what} must not be blank")]
    Blank {
        /// The kind of value being parsed, e.g. "title".
        what: &'static str,
    },
    /// The text was longer than the type allows (counted in characters).
    #[error("{what} is {actual} characters long, more than the {max} allowed")]
    TooLong {
        /// The kind of value being parsed.
        what: &'static str,
        /// The limit.
        max: usize,
        /// The length given.
        actual: usize,
    },
    /// The text held a control character (other than newline or tab), which
    /// no register field legitimately contains.
    #[error("{what} contains a control character")]
    ControlCharacter {
        /// The kind of value being parsed.
        what: &'static str,
    },
    /// The value did not have the required shape (slug, email, URL, digest...).
    #[error("{what} is not valid: {detail}")]
    Malformed {
        /// The kind of value being parsed.
        what: &'static str,
        /// What is wrong with it, for a person to read.
        detail: &'static str,
    },
    /// A number was outside the range the rule allows.
    #[error("{what} must be between {min} and {max}, got {actual}")]
    OutOfRange {
        /// The kind of value being parsed.
        what: &'static str,
        /// Smallest accepted value.
        min: i64,
        /// Largest accepted value.
        max: i64,
        /// The value given.
        actual: i64,
    },
}
