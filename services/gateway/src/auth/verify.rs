//! Turning an `Authorization` header into a [`Principal`]: HS256 tokens against the configured
//! secret, RS256/ES256 tokens against the JWKS. Nothing else is accepted (no `none`, no HS256
//! with a public key as the secret, no HS256 at all without a configured secret). `exp` is
//! required, `nbf` checked when present, both with the configured leeway; with a JWKS, `iss` and
//! `aud` are required and must be the configured ones (`docs/reliability/tokens.md`).

use std::sync::Arc;

use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};

use super::claims::{Claims, Role};
use super::error::AuthError;
use super::jwks::{JwksError, KeySet};
use super::token::subject_is_valid;
use crate::settings::JwtSettings;

/// Who is asking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Principal {
    /// No `Authorization` header: reads published, non-exempt content only.
    Anonymous,
    /// A verified token.
    Authenticated(Identity),
}

/// The holder of a verified token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    /// The token's `sub`.
    pub subject: String,
    /// The council slug the token is for; `None` for platform administrators.
    pub council: Option<String>,
    /// What the holder may do.
    pub role: Role,
}

const MALFORMED_HEADER: AuthError =
    AuthError::Unauthenticated("the Authorization header must be `Bearer <token>`");
const MALFORMED: AuthError = AuthError::Unauthenticated("the token is malformed");
const EXPIRED: AuthError = AuthError::Unauthenticated("the token has expired");
const NOT_YET_VALID: AuthError = AuthError::Unauthenticated("the token is not valid yet (nbf)");
const FORGED: AuthError = AuthError::Unauthenticated("the token's signature is not valid");
const UNKNOWN_KEY: AuthError =
    AuthError::Unauthenticated("the token is signed with a key this service does not know");
const WRONG_ALGORITHM: AuthError =
    AuthError::Unauthenticated("the token's signing algorithm is not accepted here");
const WRONG_AUDIENCE: AuthError =
    AuthError::Unauthenticated("the token was not issued for this service");
const MISSING_CLAIM: AuthError = AuthError::Unauthenticated("the token lacks a required claim");
const BAD_CLAIMS: AuthError = AuthError::Unauthenticated(
    "the token's claims are inconsistent: clerks and auditors name one council, administrators none",
);

/// Why token verification cannot be set up; the gateway does not start.
#[derive(Debug, thiserror::Error)]
pub enum VerifierError {
    /// A JWKS is the key set of an identity provider that issues tokens for many applications;
    /// without an issuer and an audience to require, a token it issued for any of them would be
    /// accepted here.
    #[error(
        "a JWKS is configured, so the issuer and the audience tokens must carry are required too \
         (missing: {missing}); without them a token the identity provider issued for another \
         application would be accepted"
    )]
    JwksWithoutIssuerAndAudience {
        /// Which of the two is missing: `issuer`, `audience` or both.
        missing: &'static str,
    },
    /// The key set could not be read.
    #[error(transparent)]
    Jwks(#[from] JwksError),
}

/// Verifies bearer tokens. Cheap to clone.
#[derive(Clone)]
pub struct Authenticator {
    inner: Arc<Inner>,
}

struct Inner {
    hs256: Option<DecodingKey>,
    jwks: Option<Arc<KeySet>>,
    issuer: Option<String>,
    audience: Option<String>,
    leeway_seconds: u64,
}

impl std::fmt::Debug for Authenticator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Authenticator")
            .field("hs256", &self.inner.hs256.is_some())
            .field("jwks", &self.inner.jwks)
            .field("issuer", &self.inner.issuer)
            .field("audience", &self.inner.audience)
            .finish()
    }
}

impl Authenticator {
    /// Builds the verifier, reading the JWKS if one is configured. A JWKS without both an
    /// issuer and an audience is refused.
    pub async fn from_settings(settings: &JwtSettings) -> Result<Self, VerifierError> {
        let jwks = match &settings.jwks {
            Some(source) => {
                let missing = match (&settings.issuer, &settings.audience) {
                    (Some(_), Some(_)) => None,
                    (None, Some(_)) => Some("issuer"),
                    (Some(_), None) => Some("audience"),
                    (None, None) => Some("issuer and audience"),
                };
                if let Some(missing) = missing {
                    return Err(VerifierError::JwksWithoutIssuerAndAudience { missing });
                }
                Some(KeySet::load(source.clone(), settings.jwks_min_refresh).await?)
            }
            None => None,
        };
        Ok(Self {
            inner: Arc::new(Inner {
                hs256: settings
                    .hs256_secret
                    .as_ref()
                    .filter(|secret| !secret.expose().is_empty())
                    .map(|secret| DecodingKey::from_secret(secret.expose().as_bytes())),
                jwks,
                issuer: settings.issuer.clone(),
                audience: settings.audience.clone(),
                leeway_seconds: settings.leeway.as_secs(),
            }),
        })
    }

    /// The principal of a request: anonymous without an `Authorization` header, otherwise the
    /// holder of its bearer token, which must be valid.
    pub async fn authenticate(&self, authorization: Option<&str>) -> Result<Principal, AuthError> {
        let Some(header) = authorization else {
            return Ok(Principal::Anonymous);
        };
        let (scheme, token) = header.trim().split_once(' ').ok_or(MALFORMED_HEADER)?;
        if !scheme.eq_ignore_ascii_case("bearer") || token.trim().is_empty() {
            return Err(MALFORMED_HEADER);
        }
        self.verify(token.trim())
            .await
            .map(Principal::Authenticated)
    }

    /// Verifies one token and checks its claims.
    pub async fn verify(&self, token: &str) -> Result<Identity, AuthError> {
        let header = jsonwebtoken::decode_header(token).map_err(|_| MALFORMED)?;
        let key = match header.alg {
            Algorithm::HS256 => self.inner.hs256.clone().ok_or(WRONG_ALGORITHM)?,
            Algorithm::RS256 | Algorithm::ES256 => {
                let jwks = self.inner.jwks.as_ref().ok_or(WRONG_ALGORITHM)?;
                jwks.key(header.kid.as_deref(), header.alg)
                    .await
                    .ok_or(UNKNOWN_KEY)?
            }
            _ => return Err(WRONG_ALGORITHM),
        };
        let claims = jsonwebtoken::decode::<Claims>(token, &key, &self.validation(header.alg))
            .map_err(|error| match error.kind() {
                ErrorKind::ExpiredSignature => EXPIRED,
                ErrorKind::ImmatureSignature => NOT_YET_VALID,
                ErrorKind::InvalidSignature => FORGED,
                ErrorKind::InvalidIssuer | ErrorKind::InvalidAudience => WRONG_AUDIENCE,
                ErrorKind::MissingRequiredClaim(_) => MISSING_CLAIM,
                ErrorKind::InvalidAlgorithm => WRONG_ALGORITHM,
                _ => MALFORMED,
            })?
            .claims;
        identity(claims)
    }

    fn validation(&self, algorithm: Algorithm) -> Validation {
        let mut validation = Validation::new(algorithm);
        validation.leeway = self.inner.leeway_seconds;
        validation.validate_exp = true;
        validation.validate_nbf = true;
        let mut required = vec!["exp", "sub"];
        if let Some(issuer) = &self.inner.issuer {
            validation.set_issuer(&[issuer]);
            required.push("iss");
        }
        match &self.inner.audience {
            Some(audience) => {
                validation.set_audience(&[audience]);
                required.push("aud");
            }
            None => validation.validate_aud = false,
        }
        validation.set_required_spec_claims(&required);
        validation
    }
}

fn identity(claims: Claims) -> Result<Identity, AuthError> {
    if !subject_is_valid(&claims.sub) {
        return Err(BAD_CLAIMS);
    }
    match (claims.role, &claims.council) {
        (Role::Admin, None) => {}
        (Role::Clerk | Role::Auditor, Some(council))
            if civic_domain::values::Slug::parse(council).is_ok() => {}
        _ => return Err(BAD_CLAIMS),
    }
    Ok(Identity {
        subject: claims.sub,
        council: claims.council,
        role: claims.role,
    })
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::auth::token::{mint_token, mint_token_for_subject};
    use crate::settings::Secret;

    async fn authenticator(secret: &str) -> Authenticator {
        Authenticator::from_settings(&JwtSettings {
            hs256_secret: Some(Secret::new(secret)),
            ..JwtSettings::default()
        })
        .await
        .unwrap()
    }

    fn expired(secret: &[u8]) -> String {
        let claims = Claims {
            sub: "clerk@maidstone".into(),
            council: Some("maidstone".into()),
            role: Role::Clerk,
            exp: jsonwebtoken::get_current_timestamp() - 3_600,
            iat: None,
        };
        jsonwebtoken::encode(
            &jsonwebtoken::Header::new(Algorithm::HS256),
            &claims,
            &jsonwebtoken::EncodingKey::from_secret(secret),
        )
        .unwrap()
    }

    #[tokio::test]
    async fn no_header_is_anonymous_and_a_good_token_names_its_holder() {
        let auth = authenticator("k").await;
        assert_eq!(auth.authenticate(None).await, Ok(Principal::Anonymous));
        let token = mint_token(
            b"k",
            Some("maidstone"),
            Role::Clerk,
            Duration::from_secs(60),
        )
        .unwrap();
        assert_eq!(
            auth.authenticate(Some(&format!("Bearer {token}"))).await,
            Ok(Principal::Authenticated(Identity {
                subject: "clerk@maidstone".into(),
                council: Some("maidstone".into()),
                role: Role::Clerk,
            }))
        );
    }

    #[tokio::test]
    async fn expired_forged_and_malformed_tokens_are_unauthenticated() {
        let auth = authenticator("k").await;
        let forged = mint_token(
            b"not-k",
            Some("maidstone"),
            Role::Clerk,
            Duration::from_secs(60),
        )
        .unwrap();
        for (header, error) in [
            (format!("Bearer {}", expired(b"k")), EXPIRED),
            (format!("Bearer {forged}"), FORGED),
            ("Bearer not.a.token".to_owned(), MALFORMED),
            ("Basic dXNlcjpwYXNz".to_owned(), MALFORMED_HEADER),
            ("Bearer".to_owned(), MALFORMED_HEADER),
        ] {
            assert_eq!(
                auth.authenticate(Some(&header)).await,
                Err(error),
                "{header}"
            );
        }
    }

    #[tokio::test]
    async fn without_a_secret_no_hs256_token_is_accepted() {
        let auth = Authenticator::from_settings(&JwtSettings::default())
            .await
            .unwrap();
        let token = mint_token(b"k", None, Role::Admin, Duration::from_secs(60)).unwrap();
        assert_eq!(auth.verify(&token).await, Err(WRONG_ALGORITHM));
    }

    fn hs256(secret: &[u8], claims: &serde_json::Value) -> String {
        jsonwebtoken::encode(
            &jsonwebtoken::Header::new(Algorithm::HS256),
            claims,
            &jsonwebtoken::EncodingKey::from_secret(secret),
        )
        .unwrap()
    }

    fn admin_claims() -> serde_json::Value {
        serde_json::json!({"sub": "someone", "role": "admin",
                           "exp": jsonwebtoken::get_current_timestamp() + 600})
    }

    #[tokio::test]
    async fn a_token_whose_nbf_is_in_the_future_is_refused_beyond_the_leeway() {
        let auth = authenticator("k").await;
        let now = jsonwebtoken::get_current_timestamp();
        let mut claims = admin_claims();
        claims["nbf"] = (now + 3_600).into();
        assert_eq!(auth.verify(&hs256(b"k", &claims)).await, Err(NOT_YET_VALID));
        // Within the 30 seconds of leeway, a clock a little behind the issuer's is forgiven.
        claims["nbf"] = (now + 10).into();
        assert!(auth.verify(&hs256(b"k", &claims)).await.is_ok());
        claims["nbf"] = (now - 10).into();
        assert!(auth.verify(&hs256(b"k", &claims)).await.is_ok());
    }

    #[tokio::test]
    async fn a_token_without_an_expiry_is_refused() {
        let auth = authenticator("k").await;
        let mut claims = admin_claims();
        claims.as_object_mut().unwrap().remove("exp");
        assert!(matches!(
            auth.verify(&hs256(b"k", &claims)).await,
            Err(AuthError::Unauthenticated(_))
        ));
    }

    #[tokio::test]
    async fn a_token_with_algorithm_none_is_refused() {
        use base64::Engine as _;
        let auth = authenticator("k").await;
        let encode = |json: &serde_json::Value| {
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(json.to_string())
        };
        let header = serde_json::json!({"alg": "none", "typ": "JWT"});
        let unsigned = format!("{}.{}.", encode(&header), encode(&admin_claims()));
        assert!(auth.verify(&unsigned).await.is_err());
    }

    #[tokio::test]
    async fn a_jwks_without_both_an_issuer_and_an_audience_is_refused_at_start() {
        let jwks = Some(crate::settings::JwksSource::File(
            "/nonexistent/jwks.json".into(),
        ));
        for (issuer, audience, missing) in [
            (None, None, "issuer and audience"),
            (Some("https://id.example/"), None, "audience"),
            (None, Some("civic-register"), "issuer"),
        ] {
            let refused = Authenticator::from_settings(&JwtSettings {
                jwks: jwks.clone(),
                issuer: issuer.map(str::to_owned),
                audience: audience.map(str::to_owned),
                ..JwtSettings::default()
            })
            .await;
            assert!(
                matches!(
                    refused,
                    Err(VerifierError::JwksWithoutIssuerAndAudience { missing: m }) if m == missing
                ),
                "{refused:?}"
            );
        }
    }

    #[tokio::test]
    async fn a_configured_issuer_and_audience_are_checked_on_every_token() {
        let auth = Authenticator::from_settings(&JwtSettings {
            hs256_secret: Some(Secret::new("k")),
            issuer: Some("civic".into()),
            audience: Some("civic-register".into()),
            ..JwtSettings::default()
        })
        .await
        .unwrap();
        let with = |iss: Option<&str>, aud: Option<&str>| {
            let mut claims = admin_claims();
            if let Some(iss) = iss {
                claims["iss"] = iss.into();
            }
            if let Some(aud) = aud {
                claims["aud"] = aud.into();
            }
            hs256(b"k", &claims)
        };
        assert!(
            auth.verify(&with(Some("civic"), Some("civic-register")))
                .await
                .is_ok()
        );
        for (token, error) in [
            (with(None, Some("civic-register")), MISSING_CLAIM),
            (with(Some("civic"), None), MISSING_CLAIM),
            (
                with(Some("elsewhere"), Some("civic-register")),
                WRONG_AUDIENCE,
            ),
            (with(Some("civic"), Some("another-app")), WRONG_AUDIENCE),
        ] {
            assert_eq!(auth.verify(&token).await, Err(error));
        }
        let minted = crate::auth::token::mint_issued_token(
            b"k",
            None,
            Role::Admin,
            Duration::from_secs(60),
            &crate::auth::token::Issuance {
                issuer: Some("civic".into()),
                audience: Some("civic-register".into()),
            },
        )
        .unwrap();
        assert!(auth.verify(&minted).await.is_ok());
    }

    #[tokio::test]
    async fn a_configured_audience_and_issuer_are_required() {
        let auth = Authenticator::from_settings(&JwtSettings {
            hs256_secret: Some(Secret::new("k")),
            audience: Some("civic-register".into()),
            ..JwtSettings::default()
        })
        .await
        .unwrap();
        let token =
            mint_token_for_subject(b"k", "someone", None, Role::Admin, Duration::from_secs(60))
                .unwrap();
        assert_eq!(auth.verify(&token).await, Err(MISSING_CLAIM));
    }
}
