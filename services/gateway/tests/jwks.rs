#![allow(clippy::unwrap_used, missing_docs)]
//! RS256/ES256 tokens verified against a JWKS, from a file or a URL, re-read when a token names
//! a key id the gateway does not know yet (key rotation).

mod common;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use civic_gateway::JwksSource;
use common::{Backend, TestApp, spawn_with};
use jsonwebtoken::jwk::{Jwk, JwkSet};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use reqwest::StatusCode;
use serde_json::{Value, json};

const KEY_A: &[u8] = include_bytes!("fixtures/es256-a.pem");
const KEY_B: &[u8] = include_bytes!("fixtures/es256-b.pem");
const ISSUER: &str = "https://id.example.test/";
const AUDIENCE: &str = "civic-register";
const MAIDSTONE: &str = "/councils/maidstone/graphql";

fn jwk(pem: &[u8], kid: &str) -> Jwk {
    let mut jwk =
        Jwk::from_encoding_key(&EncodingKey::from_ec_pem(pem).unwrap(), Algorithm::ES256).unwrap();
    jwk.common.key_id = Some(kid.to_owned());
    jwk
}

fn set(keys: &[(&[u8], &str)]) -> String {
    serde_json::to_string(&JwkSet {
        keys: keys.iter().map(|(pem, kid)| jwk(pem, kid)).collect(),
    })
    .unwrap()
}

fn es256(pem: &[u8], kid: &str, claims: Value) -> String {
    let mut header = Header::new(Algorithm::ES256);
    header.kid = Some(kid.to_owned());
    jsonwebtoken::encode(&header, &claims, &EncodingKey::from_ec_pem(pem).unwrap()).unwrap()
}

fn clerk_claims(audience: &str) -> Value {
    json!({"sub": "jane@maidstone.gov.uk", "council": "maidstone", "role": "clerk",
           "iss": ISSUER, "aud": audience, "exp": jsonwebtoken::get_current_timestamp() + 600})
}

async fn rename(app: &TestApp, token: &str) -> common::Answer {
    app.post(
        MAIDSTONE,
        Some(token),
        "mutation($key: UUID!, $name: String!) { renameCouncil(idempotencyKey: $key, input: {name: $name}) { council { name } } }",
        json!({"key": uuid::Uuid::now_v7(), "name": format!("Maidstone Borough Council {}", uuid::Uuid::now_v7())}),
    )
    .await
}

async fn tokens_signed_with_keys_of_a_jwks_file_are_accepted_and_rotation_is_picked_up(
    backend: Backend,
) {
    let path = std::env::temp_dir().join(format!("civic-jwks-{}.json", uuid::Uuid::now_v7()));
    std::fs::write(&path, set(&[(KEY_A, "a")])).unwrap();
    let source = JwksSource::File(path.clone());
    let Some(app) = spawn_with(backend, "jwks_file", move |settings| {
        settings.jwt.jwks = Some(source);
        settings.jwt.issuer = Some(ISSUER.to_owned());
        settings.jwt.audience = Some(AUDIENCE.to_owned());
        settings.jwt.jwks_min_refresh = Duration::ZERO;
    })
    .await
    else {
        return;
    };
    let accepted = rename(&app, &es256(KEY_A, "a", clerk_claims(AUDIENCE))).await;
    assert!(accepted.body["errors"].is_null(), "{}", accepted.text);
    let wrong_audience = rename(&app, &es256(KEY_A, "a", clerk_claims("someone-else"))).await;
    assert_eq!(
        wrong_audience.status,
        StatusCode::UNAUTHORIZED,
        "{}",
        wrong_audience.text
    );

    // Key B is not published yet; then it is, and the gateway re-reads the set.
    let with_b = es256(KEY_B, "b", clerk_claims(AUDIENCE));
    let unknown = rename(&app, &with_b).await;
    assert_eq!(unknown.status, StatusCode::UNAUTHORIZED);
    assert_eq!(unknown.code(), Some("UNAUTHENTICATED"));
    std::fs::write(&path, set(&[(KEY_A, "a"), (KEY_B, "b")])).unwrap();
    let rotated = rename(&app, &with_b).await;
    assert!(rotated.body["errors"].is_null(), "{}", rotated.text);

    // A token claiming key A's id but signed with key B is forged.
    let forged = rename(&app, &es256(KEY_B, "a", clerk_claims(AUDIENCE))).await;
    assert_eq!(forged.status, StatusCode::UNAUTHORIZED);
    let _ = std::fs::remove_file(&path);
}

async fn the_jwks_is_fetched_from_a_url_and_refetched_for_an_unknown_key(backend: Backend) {
    let published = Arc::new(Mutex::new(set(&[(KEY_A, "a")])));
    let fetches = Arc::new(Mutex::new(0_u32));
    let router = {
        let published = published.clone();
        let fetches = fetches.clone();
        axum::Router::new().route(
            "/.well-known/jwks.json",
            axum::routing::get(move || {
                let published = published.clone();
                let fetches = fetches.clone();
                async move {
                    *fetches.lock().unwrap() += 1;
                    let body = published.lock().unwrap().clone();
                    ([("content-type", "application/json")], body)
                }
            }),
        )
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!(
        "http://{}/.well-known/jwks.json",
        listener.local_addr().unwrap()
    );
    tokio::spawn(async move { axum::serve(listener, router).await });
    let source = JwksSource::Url(url);
    let Some(app) = spawn_with(backend, "jwks_url", move |settings| {
        settings.jwt.hs256_secret = None;
        settings.jwt.jwks = Some(source);
        settings.jwt.issuer = Some(ISSUER.to_owned());
        settings.jwt.audience = Some(AUDIENCE.to_owned());
        settings.jwt.jwks_min_refresh = Duration::ZERO;
    })
    .await
    else {
        return;
    };
    assert_eq!(*fetches.lock().unwrap(), 1, "read once at start");
    let accepted = rename(&app, &es256(KEY_A, "a", clerk_claims(AUDIENCE))).await;
    assert!(accepted.body["errors"].is_null(), "{}", accepted.text);
    assert_eq!(*fetches.lock().unwrap(), 1, "a known key needs no fetch");

    *published.lock().unwrap() = set(&[(KEY_B, "b")]);
    let rotated = rename(&app, &es256(KEY_B, "b", clerk_claims(AUDIENCE))).await;
    assert!(rotated.body["errors"].is_null(), "{}", rotated.text);
    assert_eq!(
        *fetches.lock().unwrap(),
        2,
        "re-read for the unknown key id"
    );

    // Without a configured secret, HS256 tokens are refused whatever they say.
    let hs256 = rename(&app, &app.clerk("maidstone")).await;
    assert_eq!(hs256.status, StatusCode::UNAUTHORIZED);
}

/// A gateway behind an identity provider whose JWKS file holds key A, as `civic serve` sets it
/// up from `CIVIC_JWKS`, `CIVIC_JWT_ISSUER` and `CIVIC_JWT_AUDIENCE`: HS256 off.
async fn behind_an_identity_provider(backend: Backend, test: &str) -> Option<(TestApp, Jwks)> {
    let jwks = Jwks::write(&set(&[(KEY_A, "a")]));
    let source = JwksSource::File(jwks.0.clone());
    let app = spawn_with(backend, test, move |settings| {
        settings.jwt.hs256_secret = None;
        settings.jwt.jwks = Some(source);
        settings.jwt.issuer = Some(ISSUER.to_owned());
        settings.jwt.audience = Some(AUDIENCE.to_owned());
    })
    .await?;
    Some((app, jwks))
}

/// A JWKS file, removed when dropped.
struct Jwks(std::path::PathBuf);

impl Jwks {
    fn write(contents: &str) -> Self {
        let path = std::env::temp_dir().join(format!("civic-jwks-{}.json", uuid::Uuid::now_v7()));
        std::fs::write(&path, contents).unwrap();
        Self(path)
    }
}

impl Drop for Jwks {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

async fn assert_unauthenticated(app: &TestApp, token: &str, why: &str) {
    let refused = rename(app, token).await;
    assert_eq!(
        refused.status,
        StatusCode::UNAUTHORIZED,
        "{why}: {}",
        refused.text
    );
    assert_eq!(
        refused.code(),
        Some("UNAUTHENTICATED"),
        "{why}: {}",
        refused.text
    );
}

async fn tokens_without_or_with_a_wrong_issuer_or_audience_are_unauthenticated(backend: Backend) {
    let Some((app, _jwks)) = behind_an_identity_provider(backend, "jwks_iss_aud").await else {
        return;
    };
    let accepted = rename(&app, &es256(KEY_A, "a", clerk_claims(AUDIENCE))).await;
    assert!(accepted.body["errors"].is_null(), "{}", accepted.text);

    let without = |claim: &str| {
        let mut claims = clerk_claims(AUDIENCE);
        claims.as_object_mut().unwrap().remove(claim);
        claims
    };
    let mut wrong_issuer = clerk_claims(AUDIENCE);
    wrong_issuer["iss"] = json!("https://another-tenant.example.test/");
    for (claims, why) in [
        (without("iss"), "no issuer"),
        (wrong_issuer, "another issuer"),
        (without("aud"), "no audience"),
        (clerk_claims("another-application"), "another audience"),
    ] {
        assert_unauthenticated(&app, &es256(KEY_A, "a", claims), why).await;
    }
}

async fn an_hs256_token_is_refused_when_a_jwks_is_configured_and_hs256_is_not_enabled(
    backend: Backend,
) {
    let Some((app, _jwks)) = behind_an_identity_provider(backend, "jwks_no_hs256").await else {
        return;
    };
    // Well signed with the secret a development setup would use, with the right issuer and
    // audience: refused for its algorithm alone.
    let hs256 = civic_gateway::mint_issued_token(
        app.secret.as_bytes(),
        Some("maidstone"),
        civic_gateway::Role::Clerk,
        Duration::from_secs(600),
        &civic_gateway::Issuance {
            issuer: Some(ISSUER.to_owned()),
            audience: Some(AUDIENCE.to_owned()),
        },
    )
    .unwrap();
    assert_unauthenticated(&app, &hs256, "HS256 with a JWKS").await;
}

async fn a_token_whose_nbf_is_in_the_future_is_unauthenticated(backend: Backend) {
    let Some((app, _jwks)) = behind_an_identity_provider(backend, "jwks_nbf").await else {
        return;
    };
    let now = jsonwebtoken::get_current_timestamp();
    let mut claims = clerk_claims(AUDIENCE);
    claims["nbf"] = json!(now + 3_600);
    assert_unauthenticated(&app, &es256(KEY_A, "a", claims.clone()), "nbf in an hour").await;
    claims["nbf"] = json!(now - 60);
    let accepted = rename(&app, &es256(KEY_A, "a", claims)).await;
    assert!(accepted.body["errors"].is_null(), "{}", accepted.text);
}

both_backends!(
    tokens_signed_with_keys_of_a_jwks_file_are_accepted_and_rotation_is_picked_up,
    the_jwks_is_fetched_from_a_url_and_refetched_for_an_unknown_key,
    tokens_without_or_with_a_wrong_issuer_or_audience_are_unauthenticated,
    an_hs256_token_is_refused_when_a_jwks_is_configured_and_hs256_is_not_enabled,
    a_token_whose_nbf_is_in_the_future_is_unauthenticated,
);
