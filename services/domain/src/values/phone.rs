use super::ValueError;
use serde::{Deserialize, Serialize};

/// A telephone number as published, e.g. `01622 602068`. Only its shape is
/// checked (digits with spaces, `+`, `(`, `)`, `-`; 6 to 15 digits): the
/// register shows numbers, it does not dial them.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PhoneNumber(String);

impl PhoneNumber {
    /// Trims `raw` and accepts a number of 6 to 15 digits, at most 32
    /// characters, with spaces, `+`, `(`, `)` and `-` as separators.
    pub fn parse(raw: &str) -> Result<Self, ValueError> {
        const WHAT: &str = "phone number";
        let s = raw.trim();
        if s.is_empty() {
            return Err(ValueError::Blank { what: WHAT });
        }
        if s.len() > 32 {
            return Err(ValueError::TooLong {
                what: WHAT,
                max: 32,
                actual: s.chars().count(),
            });
        }
        if !s
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '+' | '(' | ')' | '-'))
        {
            return Err(ValueError::Malformed {
                what: WHAT,
                detail: "only digits, spaces, +, (, ) and - are allowed",
            });
        }
        let digits = s.chars().filter(char::is_ascii_digit).count();
        if !(6..=15).contains(&digits) {
            return Err(ValueError::Malformed {
                what: WHAT,
                detail: "must have between 6 and 15 digits",
            });
        }
        Ok(Self(s.to_owned()))
    }

    /// The number as given.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for PhoneNumber {
    type Error = ValueError;
    fn try_from(raw: String) -> Result<Self, Self::Error> {
        Self::parse(&raw)
    }
}

impl From<PhoneNumber> for String {
    fn from(value: PhoneNumber) -> Self {
        value.0
    }
}

impl std::fmt::Display for PhoneNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uk_numbers_in_their_usual_shapes_are_accepted() {
        for ok in ["01622 602068", "+44 (0)1622 602068", "0300-123-4567"] {
            assert!(PhoneNumber::parse(ok).is_ok(), "{ok:?} should be accepted");
        }
    }

    #[test]
    fn letters_and_too_few_digits_are_refused() {
        for bad in ["", "call me", "12345", "0162260206812345678"] {
            assert!(
                PhoneNumber::parse(bad).is_err(),
                "{bad:?} should be refused"
            );
        }
    }
}
