use super::ValueError;
use serde::{Deserialize, Serialize};

/// An absolute `http` or `https` URL, e.g. where a published document lives.
/// Other schemes (`file:`, `javascript:`) are refused because the register
/// republishes these links to the public.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct HttpUrl(String);

impl HttpUrl {
    /// Trims `raw` and accepts `http(s)://host[/...]` with no whitespace,
    /// at most 2048 characters.
    pub fn parse(raw: &str) -> Result<Self, ValueError> {
        const WHAT: &str = "URL";
        let s = raw.trim();
        if s.is_empty() {
            return Err(ValueError::Blank { what: WHAT });
        }
        if s.len() > 2048 {
            return Err(ValueError::TooLong {
                what: WHAT,
                max: 2048,
                actual: s.chars().count(),
            });
        }
        let malformed = |detail| ValueError::Malformed { what: WHAT, detail };
        if s.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(malformed("must not contain spaces"));
        }
        let lower = s.to_ascii_lowercase();
        let rest = lower
            .strip_prefix("https://")
            .or_else(|| lower.strip_prefix("http://"))
            .ok_or_else(|| malformed("must start with http:// or https://"))?;
        let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
        let host = authority.rsplit('@').next().unwrap_or_default();
        let host = host.split(':').next().unwrap_or_default();
        if host.is_empty() {
            return Err(malformed("must name a host"));
        }
        Ok(Self(s.to_owned()))
    }

    /// The URL as given.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for HttpUrl {
    type Error = ValueError;
    fn try_from(raw: String) -> Result<Self, Self::Error> {
        Self::parse(&raw)
    }
}

impl From<HttpUrl> for String {
    fn from(value: HttpUrl) -> Self {
        value.0
    }
}

impl std::fmt::Display for HttpUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_and_https_urls_are_accepted() {
        for ok in [
            "https://democracy.maidstone.gov.uk/ieDecisionDetails.aspx?ID=123",
            "http://example.org",
            "HTTPS://Example.org:8443/a#b",
        ] {
            assert!(HttpUrl::parse(ok).is_ok(), "{ok:?} should be accepted");
        }
    }

    #[test]
    fn other_schemes_and_hostless_urls_are_refused() {
        for bad in [
            "",
            "ftp://x.org",
            "javascript:alert(1)",
            "https://",
            "https:///path",
            "http://a b.org",
            "example.org",
        ] {
            assert!(HttpUrl::parse(bad).is_err(), "{bad:?} should be refused");
        }
    }
}
