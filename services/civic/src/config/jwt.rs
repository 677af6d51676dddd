//! Which bearer tokens are accepted, from the environment. The rules, and why
//! (`docs/reliability/tokens.md`):
//!
//! - Without `CIVIC_JWKS`, HS256 tokens from `civic token` are accepted (the development
//!   default), signed with `CIVIC_JWT_SECRET` or the secret generated beside the database file.
//! - With `CIVIC_JWKS` (an identity provider's keys), `CIVIC_JWT_ISSUER` and
//!   `CIVIC_JWT_AUDIENCE` are required, and HS256 is off unless `CIVIC_JWT_HS256=1`. A
//!   `CIVIC_JWT_SECRET` left set without that switch is refused rather than silently ignored.
//! - `CIVIC_JWT_HS256=0` turns HS256 off in any case; `1` turns it on in any case.
//! - An issuer and audience, when configured, are required of every token; `civic token` mints
//!   them in.

use civic_gateway::{Issuance, JwksSource, JwtSettings, Secret};
use civic_runtime::DataLocation;

use super::secret::{self, MIN_SECRET_LEN, SecretError};

/// Why the token configuration cannot be used; `civic` does not start.
#[derive(Debug, thiserror::Error)]
pub enum JwtConfigError {
    /// A JWKS without the issuer and audience to require of its tokens.
    #[error(
        "CIVIC_JWKS is set, so CIVIC_JWT_ISSUER and CIVIC_JWT_AUDIENCE must be set too (missing: \
         {missing}): without them a token the identity provider issued for another application \
         would be accepted here"
    )]
    JwksWithoutIssuerAndAudience {
        /// The variables that are missing.
        missing: &'static str,
    },
    /// A secret configured while HS256 is off because a JWKS is: ambiguous, so refused.
    #[error(
        "CIVIC_JWT_SECRET is set but HS256 tokens are off because CIVIC_JWKS is set: set \
         CIVIC_JWT_HS256=1 to accept both kinds of token, or unset CIVIC_JWT_SECRET"
    )]
    SecretWithoutHs256,
    /// The switch is neither yes nor no.
    #[error("CIVIC_JWT_HS256 must be 1 or 0 (or true or false), not {0:?}")]
    BadSwitch(String),
    /// A secret too short to be an HS256 key.
    #[error("CIVIC_JWT_SECRET must be at least {MIN_SECRET_LEN} characters")]
    ShortSecret,
    /// The development secret could not be found or made.
    #[error(transparent)]
    Secret(#[from] SecretError),
}

/// The token rules the environment asks for, read before any secret is.
#[derive(Debug, Clone)]
pub struct TokenRules {
    hs256: bool,
    secret: Option<Secret>,
    jwks: Option<JwksSource>,
    issuer: Option<String>,
    audience: Option<String>,
}

impl TokenRules {
    /// The rules of the process's settings (environment, else configuration file).
    pub fn from_env() -> Result<Self, JwtConfigError> {
        Self::read(super::var)
    }

    /// The rules of the variables `env` gives (blank values count as unset, except a blank
    /// `CIVIC_JWT_SECRET`, which is refused as too short).
    pub fn read(env: impl Fn(&str) -> Option<String>) -> Result<Self, JwtConfigError> {
        let set = |name| env(name).filter(|value: &String| !value.trim().is_empty());
        let jwks = set("CIVIC_JWKS").map(|value| JwksSource::parse(&value));
        let issuer = set("CIVIC_JWT_ISSUER");
        let audience = set("CIVIC_JWT_AUDIENCE");
        if jwks.is_some() {
            let missing = match (&issuer, &audience) {
                (Some(_), Some(_)) => None,
                (None, Some(_)) => Some("CIVIC_JWT_ISSUER"),
                (Some(_), None) => Some("CIVIC_JWT_AUDIENCE"),
                (None, None) => Some("CIVIC_JWT_ISSUER and CIVIC_JWT_AUDIENCE"),
            };
            if let Some(missing) = missing {
                return Err(JwtConfigError::JwksWithoutIssuerAndAudience { missing });
            }
        }
        let secret = match env("CIVIC_JWT_SECRET") {
            Some(secret) if secret.len() < MIN_SECRET_LEN => {
                return Err(JwtConfigError::ShortSecret);
            }
            Some(secret) => Some(Secret::new(secret)),
            None => None,
        };
        let hs256 = match set("CIVIC_JWT_HS256").as_deref().map(str::trim) {
            None if jwks.is_some() && secret.is_some() => {
                return Err(JwtConfigError::SecretWithoutHs256);
            }
            None => jwks.is_none(),
            Some("1" | "true") => true,
            Some("0" | "false") => false,
            Some(other) => return Err(JwtConfigError::BadSwitch(other.to_owned())),
        };
        Ok(Self {
            hs256,
            secret,
            jwks,
            issuer,
            audience,
        })
    }

    /// Whether HS256 tokens (those of `civic token`) are accepted.
    pub fn accepts_hs256(&self) -> bool {
        self.hs256
    }

    /// The HS256 secret for the database at `location`, or `None` when HS256 is off:
    /// `CIVIC_JWT_SECRET`, else the development secret beside the database file (generated on
    /// first use), else an error saying what to set.
    pub fn hs256_secret(&self, location: &DataLocation) -> Result<Option<Secret>, JwtConfigError> {
        if !self.hs256 {
            return Ok(None);
        }
        if let Some(secret) = &self.secret {
            return Ok(Some(secret.clone()));
        }
        let path = secret::secret_path(location)?;
        Ok(Some(secret::development_secret(&path)?))
    }

    /// The gateway's token settings for the database at `location`.
    pub fn settings(&self, location: &DataLocation) -> Result<JwtSettings, JwtConfigError> {
        Ok(JwtSettings {
            hs256_secret: self.hs256_secret(location)?,
            jwks: self.jwks.clone(),
            issuer: self.issuer.clone(),
            audience: self.audience.clone(),
            ..JwtSettings::default()
        })
    }

    /// The `iss` and `aud` `civic token` mints in: those the gateway requires.
    pub fn issuance(&self) -> Issuance {
        Issuance {
            issuer: self.issuer.clone(),
            audience: self.audience.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use std::collections::HashMap;

    use super::*;

    const SECRET: &str = "0123456789abcdef0123456789abcdef";

    fn rules(vars: &[(&str, &str)]) -> Result<TokenRules, JwtConfigError> {
        let vars: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        TokenRules::read(|name| vars.get(name).cloned())
    }

    const IDP: [(&str, &str); 3] = [
        ("CIVIC_JWKS", "/etc/civic/jwks.json"),
        ("CIVIC_JWT_ISSUER", "https://id.example/"),
        ("CIVIC_JWT_AUDIENCE", "civic-register"),
    ];

    #[test]
    fn without_a_jwks_hs256_is_on_with_the_secret_beside_the_database() {
        let dir = tempfile::tempdir().unwrap();
        let location = DataLocation::File(dir.path().join("civic.db"));
        let settings = rules(&[]).unwrap().settings(&location).unwrap();
        let secret = settings.hs256_secret.unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.path().join(secret::SECRET_FILE)).unwrap(),
            secret.expose()
        );
        assert!(settings.jwks.is_none());
        let explicit = rules(&[("CIVIC_JWT_SECRET", SECRET)])
            .unwrap()
            .settings(&DataLocation::Server)
            .unwrap();
        assert_eq!(explicit.hs256_secret.unwrap().expose(), SECRET);
    }

    #[test]
    fn a_jwks_without_an_issuer_or_an_audience_is_refused() {
        for (vars, missing) in [
            (&IDP[..1], "CIVIC_JWT_ISSUER and CIVIC_JWT_AUDIENCE"),
            (&[IDP[0], IDP[1]][..], "CIVIC_JWT_AUDIENCE"),
            (&[IDP[0], IDP[2]][..], "CIVIC_JWT_ISSUER"),
        ] {
            assert!(
                matches!(
                    rules(vars),
                    Err(JwtConfigError::JwksWithoutIssuerAndAudience { missing: m }) if m == missing
                ),
                "{vars:?}"
            );
        }
    }

    #[test]
    fn with_a_jwks_hs256_is_off_unless_asked_for() {
        let off = rules(&IDP).unwrap();
        assert!(!off.accepts_hs256());
        let settings = off.settings(&DataLocation::Server).unwrap();
        assert!(settings.hs256_secret.is_none());
        assert_eq!(settings.issuer.as_deref(), Some("https://id.example/"));
        assert_eq!(settings.audience.as_deref(), Some("civic-register"));

        let mut on = IDP.to_vec();
        on.extend([("CIVIC_JWT_HS256", "1"), ("CIVIC_JWT_SECRET", SECRET)]);
        let on = rules(&on).unwrap();
        assert!(on.accepts_hs256());
        assert_eq!(
            on.settings(&DataLocation::Server)
                .unwrap()
                .hs256_secret
                .unwrap()
                .expose(),
            SECRET
        );
        assert_eq!(
            on.issuance(),
            Issuance {
                issuer: Some("https://id.example/".into()),
                audience: Some("civic-register".into()),
            }
        );
    }

    #[test]
    fn a_secret_left_set_beside_a_jwks_without_the_switch_is_refused() {
        let mut vars = IDP.to_vec();
        vars.push(("CIVIC_JWT_SECRET", SECRET));
        assert!(matches!(
            rules(&vars),
            Err(JwtConfigError::SecretWithoutHs256)
        ));
        vars.push(("CIVIC_JWT_HS256", "0"));
        assert!(!rules(&vars).unwrap().accepts_hs256());
    }

    #[test]
    fn a_server_database_needs_an_explicit_secret_unless_hs256_is_off() {
        assert!(matches!(
            rules(&[]).unwrap().settings(&DataLocation::Server),
            Err(JwtConfigError::Secret(SecretError::Server))
        ));
        let off = rules(&[("CIVIC_JWT_HS256", "0")])
            .unwrap()
            .settings(&DataLocation::Server)
            .unwrap();
        assert!(off.hs256_secret.is_none());
    }

    #[test]
    fn a_short_secret_and_an_unclear_switch_are_refused() {
        assert!(matches!(
            rules(&[("CIVIC_JWT_SECRET", "hunter2")]),
            Err(JwtConfigError::ShortSecret)
        ));
        assert!(matches!(
            rules(&[("CIVIC_JWT_SECRET", "")]),
            Err(JwtConfigError::ShortSecret)
        ));
        assert!(matches!(
            rules(&[("CIVIC_JWT_HS256", "yes please")]),
            Err(JwtConfigError::BadSwitch(_))
        ));
    }
}
