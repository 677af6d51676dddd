//! The public keys of RS256/ES256 tokens, from a JSON Web Key Set file or URL: read at start,
//! and read again when a token names a key id the gateway does not know (key rotation), at most
//! once per `min_refresh`.

use std::sync::Arc;
use std::time::{Duration, Instant};

use jsonwebtoken::jwk::{AlgorithmParameters, EllipticCurve, Jwk, KeyAlgorithm, PublicKeyUse};
use jsonwebtoken::{Algorithm, DecodingKey};
use tokio::sync::{Mutex, RwLock};

use crate::settings::JwksSource;

/// The largest key set accepted from a URL: real ones are a few kilobytes.
const MAX_JWKS_BYTES: usize = 1024 * 1024;
/// How long a fetch of the key set may take.
const FETCH_TIMEOUT: Duration = Duration::from_secs(10);

/// Why the key set could not be read.
#[derive(Debug, thiserror::Error)]
pub enum JwksError {
    /// The file could not be read.
    #[error("cannot read the JWKS file {path}: {source}")]
    File {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// The URL could not be fetched.
    #[error("cannot fetch the JWKS from {url}: {source}")]
    Fetch {
        /// The URL.
        url: String,
        /// Why.
        source: reqwest::Error,
    },
    /// The key server answered with an error status or an oversized body.
    #[error("the JWKS at {url} answered {detail}")]
    BadResponse {
        /// The URL.
        url: String,
        /// What was wrong.
        detail: String,
    },
    /// The document is not a JWKS (`{"keys": [...]}`).
    #[error("the JWKS is not valid JSON of the form {{\"keys\": [...]}}: {0}")]
    Parse(serde_json::Error),
}

/// One usable verification key.
#[derive(Clone)]
struct VerifyingKey {
    kid: Option<String>,
    algorithm: Algorithm,
    key: DecodingKey,
}

struct Loaded {
    keys: Vec<VerifyingKey>,
    read_at: Instant,
}

/// A JWKS, kept fresh.
pub struct KeySet {
    source: JwksSource,
    client: Option<reqwest::Client>,
    min_refresh: Duration,
    loaded: RwLock<Loaded>,
    refreshing: Mutex<()>,
}

impl std::fmt::Debug for KeySet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeySet")
            .field("source", &self.source)
            .finish_non_exhaustive()
    }
}

impl KeySet {
    /// Reads the key set once; fails if it cannot be read, so a misconfigured gateway does not
    /// start.
    pub async fn load(source: JwksSource, min_refresh: Duration) -> Result<Arc<Self>, JwksError> {
        let client = match &source {
            JwksSource::Url(url) => Some(http_client(url)?),
            JwksSource::File(_) => None,
        };
        let keys = read(&source, client.as_ref()).await?;
        tracing::info!(
            source = ?source,
            keys = keys.len(),
            "loaded the JWKS for RS256/ES256 tokens"
        );
        Ok(Arc::new(Self {
            source,
            client,
            min_refresh,
            loaded: RwLock::new(Loaded {
                keys,
                read_at: Instant::now(),
            }),
            refreshing: Mutex::new(()),
        }))
    }

    /// The key for a token signed with `algorithm` under `kid`. A token without a `kid` is
    /// accepted only when exactly one key of its algorithm is known. An unknown `kid` makes the
    /// set be read again (at most once per `min_refresh`).
    pub async fn key(&self, kid: Option<&str>, algorithm: Algorithm) -> Option<DecodingKey> {
        if let Some(key) = self.find(kid, algorithm).await {
            return Some(key);
        }
        kid?;
        let _one_refresh_at_a_time = self.refreshing.lock().await;
        if let Some(key) = self.find(kid, algorithm).await {
            return Some(key);
        }
        if self.loaded.read().await.read_at.elapsed() < self.min_refresh {
            return None;
        }
        match read(&self.source, self.client.as_ref()).await {
            Ok(keys) => {
                tracing::info!(keys = keys.len(), "re-read the JWKS for an unknown key id");
                *self.loaded.write().await = Loaded {
                    keys,
                    read_at: Instant::now(),
                };
            }
            Err(error) => {
                tracing::warn!(%error, "could not re-read the JWKS; keeping the keys known");
                self.loaded.write().await.read_at = Instant::now();
            }
        }
        self.find(kid, algorithm).await
    }

    async fn find(&self, kid: Option<&str>, algorithm: Algorithm) -> Option<DecodingKey> {
        let loaded = self.loaded.read().await;
        let mut candidates = loaded.keys.iter().filter(|k| k.algorithm == algorithm);
        match kid {
            Some(kid) => candidates
                .find(|k| k.kid.as_deref() == Some(kid))
                .map(|k| k.key.clone()),
            None => {
                let first = candidates.next()?;
                candidates.next().is_none().then(|| first.key.clone())
            }
        }
    }
}

fn http_client(url: &str) -> Result<reqwest::Client, JwksError> {
    // reqwest is built without a bundled TLS provider; ring is the lean one. Installing fails
    // only if another provider was installed first, which is as good.
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder()
        .timeout(FETCH_TIMEOUT)
        .build()
        .map_err(|source| JwksError::Fetch {
            url: url.to_owned(),
            source,
        })
}

async fn read(
    source: &JwksSource,
    client: Option<&reqwest::Client>,
) -> Result<Vec<VerifyingKey>, JwksError> {
    let bytes = match (source, client) {
        (JwksSource::File(path), _) => {
            tokio::fs::read(path)
                .await
                .map_err(|source| JwksError::File {
                    path: path.display().to_string(),
                    source,
                })?
        }
        (JwksSource::Url(url), Some(client)) => fetch(client, url).await?,
        (JwksSource::Url(url), None) => fetch(&http_client(url)?, url).await?,
    };
    parse(&bytes)
}

async fn fetch(client: &reqwest::Client, url: &str) -> Result<Vec<u8>, JwksError> {
    let fetch_error = |source| JwksError::Fetch {
        url: url.to_owned(),
        source,
    };
    let response = client.get(url).send().await.map_err(fetch_error)?;
    if !response.status().is_success() {
        return Err(JwksError::BadResponse {
            url: url.to_owned(),
            detail: format!("HTTP {}", response.status()),
        });
    }
    let body = response.bytes().await.map_err(fetch_error)?;
    if body.len() > MAX_JWKS_BYTES {
        return Err(JwksError::BadResponse {
            url: url.to_owned(),
            detail: format!("{} bytes, more than {MAX_JWKS_BYTES}", body.len()),
        });
    }
    Ok(body.to_vec())
}

#[derive(serde::Deserialize)]
struct RawSet {
    keys: Vec<serde_json::Value>,
}

/// The usable keys of a set: RSA keys for RS256 and P-256 keys for ES256, meant for signatures.
/// Symmetric (`oct`) keys are never taken from a JWKS: HS256 uses the configured secret only.
fn parse(bytes: &[u8]) -> Result<Vec<VerifyingKey>, JwksError> {
    let raw: RawSet = serde_json::from_slice(bytes).map_err(JwksError::Parse)?;
    Ok(raw
        .keys
        .into_iter()
        .filter_map(|value| serde_json::from_value::<Jwk>(value).ok())
        .filter_map(|jwk| usable(&jwk))
        .collect())
}

fn usable(jwk: &Jwk) -> Option<VerifyingKey> {
    if matches!(
        jwk.common.public_key_use,
        Some(PublicKeyUse::Encryption | PublicKeyUse::Other(_))
    ) {
        return None;
    }
    let algorithm = match &jwk.algorithm {
        AlgorithmParameters::RSA(_) => Algorithm::RS256,
        AlgorithmParameters::EllipticCurve(p) if p.curve == EllipticCurve::P256 => Algorithm::ES256,
        _ => return None,
    };
    let declared_matches = match jwk.common.key_algorithm {
        None => true,
        Some(KeyAlgorithm::RS256) => algorithm == Algorithm::RS256,
        Some(KeyAlgorithm::ES256) => algorithm == Algorithm::ES256,
        Some(_) => false,
    };
    if !declared_matches {
        return None;
    }
    let key = DecodingKey::from_jwk(jwk).ok()?;
    Some(VerifyingKey {
        kid: jwk.common.key_id.clone(),
        algorithm,
        key,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symmetric_and_encryption_keys_are_never_used_for_verification() {
        let set = serde_json::json!({"keys": [
            {"kty": "oct", "k": "c2VjcmV0", "kid": "hmac"},
            {"kty": "EC", "crv": "P-256", "use": "enc", "kid": "enc",
             "x": "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
             "y": "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"},
            {"kty": "EC", "crv": "P-256", "kid": "sig",
             "x": "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
             "y": "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"},
            {"kty": "something-new"}
        ]});
        let keys = parse(set.to_string().as_bytes()).unwrap();
        assert_eq!(keys.len(), 1);
        assert_eq!(keys[0].kid.as_deref(), Some("sig"));
        assert_eq!(keys[0].algorithm, Algorithm::ES256);
    }

    #[test]
    fn a_document_without_keys_is_refused() {
        assert!(matches!(parse(b"{\"nope\": 1}"), Err(JwksError::Parse(_))));
    }
}
