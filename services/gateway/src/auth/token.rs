//! Minting HS256 tokens: `civic token` for development and operations, and the tests.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use jsonwebtoken::{Algorithm, EncodingKey, Header};

use super::claims::{Claims, Role};

/// Why a token could not be minted.
#[derive(Debug, thiserror::Error)]
pub enum TokenError {
    /// An empty secret would let anyone forge tokens.
    #[error("the signing secret is empty")]
    EmptySecret,
    /// Clerks and auditors belong to one council; administrators to none.
    #[error("a {role} token {}", if *.role == Role::Admin { "must not name a council" } else { "must name a council" })]
    CouncilMismatch {
        /// The role asked for.
        role: Role,
    },
    /// The council is not a slug (lower-case letters, digits, single hyphens).
    #[error("{0:?} is not a council slug")]
    BadCouncil(String),
    /// The subject is empty or not printable on one line.
    #[error("the subject must be printable text on one line, at most 190 bytes")]
    BadSubject,
    /// A token must expire, and not in the past.
    #[error("the lifetime must be at least one second")]
    NoLifetime,
    /// The clock is before 1970 or the expiry overflows.
    #[error("the expiry cannot be computed from the system clock")]
    Clock,
    /// The JWT library refused to sign.
    #[error("signing failed: {0}")]
    Signing(#[from] jsonwebtoken::errors::Error),
}

/// The `iss` and `aud` a token is minted with: those the gateway is configured to require, so
/// that a token minted by `civic token` passes the same checks as a provider's.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Issuance {
    /// The `iss` claim, if the gateway requires one.
    pub issuer: Option<String>,
    /// The `aud` claim, if the gateway requires one.
    pub audience: Option<String>,
}

/// What is signed: the claims the gateway reads, plus the `iss` and `aud` it only checks.
#[derive(serde::Serialize)]
struct Minted<'a> {
    #[serde(flatten)]
    claims: &'a Claims,
    #[serde(skip_serializing_if = "Option::is_none")]
    iss: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    aud: Option<&'a str>,
}

/// Mints an HS256 token for `role` at `council` (`None` for a platform administrator), valid for
/// `ttl`. Its subject is `{role}@{council}` (or `admin@platform`); use
/// [`mint_token_for_subject`] to name the holder.
pub fn mint_token(
    secret: &[u8],
    council: Option<&str>,
    role: Role,
    ttl: Duration,
) -> Result<String, TokenError> {
    mint_issued_token(secret, council, role, ttl, &Issuance::default())
}

/// As [`mint_token`], carrying the `iss` and `aud` of `issuance`.
pub fn mint_issued_token(
    secret: &[u8],
    council: Option<&str>,
    role: Role,
    ttl: Duration,
    issuance: &Issuance,
) -> Result<String, TokenError> {
    let subject = format!("{role}@{}", council.unwrap_or("platform"));
    mint(secret, &subject, council, role, ttl, issuance)
}

/// Mints an HS256 token for `subject`, as [`mint_token`].
pub fn mint_token_for_subject(
    secret: &[u8],
    subject: &str,
    council: Option<&str>,
    role: Role,
    ttl: Duration,
) -> Result<String, TokenError> {
    mint(secret, subject, council, role, ttl, &Issuance::default())
}

fn mint(
    secret: &[u8],
    subject: &str,
    council: Option<&str>,
    role: Role,
    ttl: Duration,
    issuance: &Issuance,
) -> Result<String, TokenError> {
    if secret.is_empty() {
        return Err(TokenError::EmptySecret);
    }
    match (role, council) {
        (Role::Admin, Some(_)) | (Role::Clerk | Role::Auditor, None) => {
            return Err(TokenError::CouncilMismatch { role });
        }
        _ => {}
    }
    if let Some(council) = council
        && civic_domain::values::Slug::parse(council).is_err()
    {
        return Err(TokenError::BadCouncil(council.to_owned()));
    }
    if !subject_is_valid(subject) {
        return Err(TokenError::BadSubject);
    }
    if ttl.as_secs() == 0 {
        return Err(TokenError::NoLifetime);
    }
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_err(|_| TokenError::Clock)?
        .as_secs();
    let exp = now.checked_add(ttl.as_secs()).ok_or(TokenError::Clock)?;
    let claims = Claims {
        sub: subject.to_owned(),
        council: council.map(str::to_owned),
        role,
        exp,
        iat: Some(now),
    };
    let minted = Minted {
        claims: &claims,
        iss: issuance.issuer.as_deref(),
        aud: issuance.audience.as_deref(),
    };
    Ok(jsonwebtoken::encode(
        &Header::new(Algorithm::HS256),
        &minted,
        &EncodingKey::from_secret(secret),
    )?)
}

/// A subject becomes the actor `user:{sub}` in the audit chain, which takes printable single-line
/// text of at most 200 bytes.
pub(crate) fn subject_is_valid(subject: &str) -> bool {
    !subject.is_empty()
        && subject.len() <= 190
        && subject.trim() == subject
        && civic_eventstore::Actor::parse(&format!("user:{subject}")).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clerk_token_names_its_council_and_an_admin_token_none() {
        let day = Duration::from_secs(86_400);
        assert!(mint_token(b"secret", Some("maidstone"), Role::Clerk, day).is_ok());
        assert!(mint_token(b"secret", None, Role::Admin, day).is_ok());
        assert!(matches!(
            mint_token(b"secret", None, Role::Auditor, day),
            Err(TokenError::CouncilMismatch { .. })
        ));
        assert!(matches!(
            mint_token(b"secret", Some("maidstone"), Role::Admin, day),
            Err(TokenError::CouncilMismatch { .. })
        ));
    }

    #[test]
    fn tokens_are_not_minted_with_an_empty_secret_a_bad_slug_or_no_lifetime() {
        let day = Duration::from_secs(86_400);
        assert!(matches!(
            mint_token(b"", Some("maidstone"), Role::Clerk, day),
            Err(TokenError::EmptySecret)
        ));
        assert!(matches!(
            mint_token(b"k", Some("Maidstone BC"), Role::Clerk, day),
            Err(TokenError::BadCouncil(_))
        ));
        assert!(matches!(
            mint_token(b"k", Some("maidstone"), Role::Clerk, Duration::ZERO),
            Err(TokenError::NoLifetime)
        ));
        assert!(matches!(
            mint_token_for_subject(b"k", "two\nlines", Some("maidstone"), Role::Clerk, day),
            Err(TokenError::BadSubject)
        ));
    }
}
