use super::ValueError;
use serde::{Deserialize, Serialize};

/// The SHA-256 of a document's bytes as 64 hex digits (stored lower-case), so
/// anyone can check that a published PDF is the one the register recorded.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Sha256Digest(String);

impl Sha256Digest {
    /// Accepts exactly 64 hexadecimal digits in either case.
    pub fn parse(raw: &str) -> Result<Self, ValueError> {
        const WHAT: &str = "SHA-256 digest";
        let s = raw.trim();
        if s.is_empty() {
            return Err(ValueError::Blank { what: WHAT });
        }
        if s.len() != 64 || !s.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(ValueError::Malformed {
                what: WHAT,
                detail: "must be 64 hexadecimal digits",
            });
        }
        Ok(Self(s.to_ascii_lowercase()))
    }

    /// The digest as lower-case hex.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Sha256Digest {
    type Error = ValueError;
    fn try_from(raw: String) -> Result<Self, Self::Error> {
        Self::parse(&raw)
    }
}

impl From<Sha256Digest> for String {
    fn from(value: Sha256Digest) -> Self {
        value.0
    }
}

impl std::fmt::Display for Sha256Digest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_digest_is_stored_lower_case() {
        let d = Sha256Digest::parse(&"AB".repeat(32)).unwrap();
        assert_eq!(d.as_str(), "ab".repeat(32));
    }

    #[test]
    fn wrong_length_or_non_hex_digests_are_refused() {
        assert!(Sha256Digest::parse(&"a".repeat(63)).is_err());
        assert!(Sha256Digest::parse(&"g".repeat(64)).is_err());
        assert!(Sha256Digest::parse("").is_err());
    }
}
