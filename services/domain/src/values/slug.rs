use super::ValueError;
use serde::{Deserialize, Serialize};

/// A council's URL-safe identifier, e.g. `maidstone`: lower-case ASCII
/// letters, digits and single inner hyphens, at most 63 characters (one DNS
/// label), so it can name a tenant in paths, hosts and database schemas.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Slug(String);

impl Slug {
    /// Accepts `[a-z0-9]` separated by single hyphens, 1 to 63 characters.
    pub fn parse(raw: &str) -> Result<Self, ValueError> {
        const WHAT: &str = "slug";
        if raw.is_empty() {
            return Err(ValueError::Blank { what: WHAT });
        }
        if raw.len() > 63 {
            return Err(ValueError::TooLong {
                what: WHAT,
                max: 63,
                actual: raw.chars().count(),
            });
        }
        if !raw
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            return Err(ValueError::Malformed {
                what: WHAT,
                detail: "only lower-case letters, digits and hyphens are allowed",
            });
        }
        if raw.starts_with('-') || raw.ends_with('-') || raw.contains("--") {
            return Err(ValueError::Malformed {
                what: WHAT,
                detail: "hyphens must separate letters or digits",
            });
        }
        Ok(Self(raw.to_owned()))
    }

    /// The slug text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Slug {
    type Error = ValueError;
    fn try_from(raw: String) -> Result<Self, Self::Error> {
        Self::parse(&raw)
    }
}

impl From<Slug> for String {
    fn from(value: Slug) -> Self {
        value.0
    }
}

impl std::fmt::Display for Slug {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lower_case_hyphenated_slug_is_accepted() {
        assert_eq!(
            Slug::parse("tunbridge-wells").unwrap().as_str(),
            "tunbridge-wells"
        );
    }

    #[test]
    fn upper_case_spaces_and_stray_hyphens_are_refused() {
        for bad in [
            "Maidstone",
            "mid kent",
            "-kent",
            "kent-",
            "a--b",
            "",
            "kent_1",
        ] {
            assert!(Slug::parse(bad).is_err(), "{bad:?} should be refused");
        }
        assert!(Slug::parse(&"a".repeat(64)).is_err());
    }
}
