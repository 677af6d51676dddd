use super::ValueError;
use serde::{Deserialize, Serialize};

/// An email address as published for a contact. Checked for shape only
/// (one `@`, a dotted domain, no spaces); case is kept as the council wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct EmailAddress(String);

impl EmailAddress {
    /// Trims `raw` and accepts `local@domain.tld`, at most 254 characters.
    pub fn parse(raw: &str) -> Result<Self, ValueError> {
        const WHAT: &str = "email address";
        let s = raw.trim();
        if s.is_empty() {
            return Err(ValueError::Blank { what: WHAT });
        }
        if s.len() > 254 {
            return Err(ValueError::TooLong {
                what: WHAT,
                max: 254,
                actual: s.chars().count(),
            });
        }
        let malformed = |detail| ValueError::Malformed { what: WHAT, detail };
        if s.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(malformed("must not contain spaces"));
        }
        let (local, domain) = s
            .split_once('@')
            .ok_or_else(|| malformed("must contain @"))?;
        if local.is_empty() || domain.contains('@') {
            return Err(malformed("must have exactly one @ after a local part"));
        }
        let labels: Vec<&str> = domain.split('.').collect();
        if labels.len() < 2 || labels.iter().any(|l| l.is_empty()) {
            return Err(malformed("domain must have dot-separated parts"));
        }
        Ok(Self(s.to_owned()))
    }

    /// The address as given.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for EmailAddress {
    type Error = ValueError;
    fn try_from(raw: String) -> Result<Self, Self::Error> {
        Self::parse(&raw)
    }
}

impl From<EmailAddress> for String {
    fn from(value: EmailAddress) -> Self {
        value.0
    }
}

impl std::fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_council_address_is_accepted_with_its_case_kept() {
        let e = EmailAddress::parse(" Paultaylor@maidstone.gov.uk ").unwrap();
        assert_eq!(e.as_str(), "Paultaylor@maidstone.gov.uk");
    }

    #[test]
    fn addresses_without_at_or_dotted_domain_are_refused() {
        for bad in [
            "",
            "paul",
            "paul@",
            "@maidstone.gov.uk",
            "paul@localhost",
            "a@b@c.uk",
            "pa ul@x.uk",
            "p@x..uk",
        ] {
            assert!(
                EmailAddress::parse(bad).is_err(),
                "{bad:?} should be refused"
            );
        }
    }
}
