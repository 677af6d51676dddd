#![allow(clippy::unwrap_used, missing_docs)]
//! CORS as `CIVIC_CORS_ORIGINS` configures it: nothing when unset; listed origins may send a
//! token; `*` lets any other origin read anonymously, never with a token or credentials.

mod common;

use civic_gateway::CorsOrigins;
use common::{Backend, TestApp, spawn_with};
use reqwest::StatusCode;
use reqwest::header::HeaderMap;

const MAIDSTONE: &str = "/councils/maidstone/graphql";
const TRUSTED: &str = "https://register.maidstone.gov.uk";
const ELSEWHERE: &str = "https://elsewhere.example";

async fn app(backend: Backend, test: &str, origins: Option<&str>) -> Option<TestApp> {
    spawn_with(backend, test, |settings| {
        if let Some(origins) = origins {
            settings.http.cors = CorsOrigins::parse(origins).unwrap();
        }
    })
    .await
}

/// A browser's preflight before a POST with a JSON body and, if `with_token`, a bearer token.
async fn preflight(app: &TestApp, path: &str, origin: &str, with_token: bool) -> HeaderMap {
    let headers = if with_token {
        "authorization,content-type"
    } else {
        "content-type"
    };
    let response = app
        .client
        .request(reqwest::Method::OPTIONS, app.url(path))
        .header("origin", origin)
        .header("access-control-request-method", "POST")
        .header("access-control-request-headers", headers)
        .send()
        .await
        .unwrap();
    let mut headers = response.headers().clone();
    headers.insert("x-status", response.status().as_u16().into());
    headers
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).map(|v| v.to_str().unwrap())
}

/// The allowed request headers of a preflight answer, lower-cased.
fn allowed_headers(headers: &HeaderMap) -> Vec<String> {
    header(headers, "access-control-allow-headers")
        .unwrap_or_default()
        .split(',')
        .map(|h| h.trim().to_ascii_lowercase())
        .filter(|h| !h.is_empty())
        .collect()
}

async fn a_query_from(app: &TestApp, origin: &str, token: Option<&str>) -> HeaderMap {
    let mut request = app
        .client
        .post(app.url(MAIDSTONE))
        .header("origin", origin)
        .header("content-type", "application/json")
        .body(r#"{"query": "{ council { slug } }"}"#);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    response.headers().clone()
}

async fn no_cors_headers_are_sent_when_no_origin_is_configured(backend: Backend) {
    let Some(app) = app(backend, "cors_unset", None).await else {
        return;
    };
    let answer = preflight(&app, MAIDSTONE, TRUSTED, true).await;
    assert!(
        answer
            .keys()
            .all(|name| !name.as_str().starts_with("access-control-")),
        "{answer:?}"
    );
    let query = a_query_from(&app, TRUSTED, None).await;
    assert!(
        query
            .keys()
            .all(|name| !name.as_str().starts_with("access-control-")),
        "{query:?}"
    );
}

async fn a_listed_origin_may_send_a_token_with_credentials(backend: Backend) {
    let Some(app) = app(backend, "cors_listed", Some(TRUSTED)).await else {
        return;
    };
    for path in ["/graphql", MAIDSTONE] {
        let answer = preflight(&app, path, TRUSTED, true).await;
        assert_eq!(header(&answer, "x-status"), Some("200"), "{answer:?}");
        assert_eq!(
            header(&answer, "access-control-allow-origin"),
            Some(TRUSTED)
        );
        assert_eq!(
            header(&answer, "access-control-allow-credentials"),
            Some("true")
        );
        assert!(allowed_headers(&answer).contains(&"authorization".to_owned()));
        assert!(allowed_headers(&answer).contains(&"content-type".to_owned()));
        let methods = header(&answer, "access-control-allow-methods").unwrap();
        assert!(
            methods.contains("GET") && methods.contains("POST"),
            "{methods}"
        );
        assert!(header(&answer, "vary").unwrap().contains("origin"));
    }
    let query = a_query_from(&app, TRUSTED, Some(&app.clerk("maidstone"))).await;
    assert_eq!(header(&query, "access-control-allow-origin"), Some(TRUSTED));
    assert_eq!(
        header(&query, "access-control-allow-credentials"),
        Some("true")
    );
}

async fn an_unlisted_origin_gets_no_cors_permission(backend: Backend) {
    let Some(app) = app(backend, "cors_unlisted", Some(TRUSTED)).await else {
        return;
    };
    let answer = preflight(&app, MAIDSTONE, ELSEWHERE, false).await;
    assert_eq!(header(&answer, "access-control-allow-origin"), None);
    assert_eq!(header(&answer, "access-control-allow-credentials"), None);
    let query = a_query_from(&app, ELSEWHERE, None).await;
    assert_eq!(header(&query, "access-control-allow-origin"), None);
}

async fn a_star_lets_any_origin_read_anonymously_but_not_send_a_token(backend: Backend) {
    let Some(app) = app(backend, "cors_star", Some("*")).await else {
        return;
    };
    let answer = preflight(&app, MAIDSTONE, ELSEWHERE, false).await;
    assert_eq!(header(&answer, "x-status"), Some("200"));
    assert_eq!(header(&answer, "access-control-allow-origin"), Some("*"));
    assert_eq!(header(&answer, "access-control-allow-credentials"), None);
    let allowed = allowed_headers(&answer);
    assert!(allowed.contains(&"content-type".to_owned()), "{allowed:?}");
    assert!(
        !allowed.contains(&"authorization".to_owned()),
        "{allowed:?}"
    );
    assert!(!allowed.contains(&"*".to_owned()), "{allowed:?}");
    assert!(allowed.contains(&"if-none-match".to_owned()), "{allowed:?}");
    let query = a_query_from(&app, ELSEWHERE, None).await;
    assert_eq!(header(&query, "access-control-allow-origin"), Some("*"));
    assert_eq!(header(&query, "access-control-allow-credentials"), None);
    // A public answer's tag is readable from anywhere, to send back in `If-None-Match`.
    assert!(header(&query, "etag").is_some());
    let exposed = header(&query, "access-control-expose-headers").unwrap_or_default();
    assert!(exposed.to_ascii_lowercase().contains("etag"), "{exposed}");
}

async fn a_star_beside_listed_origins_keeps_tokens_to_the_listed_ones(backend: Backend) {
    let origins = format!("{TRUSTED}, *");
    let Some(app) = app(backend, "cors_mixed", Some(&origins)).await else {
        return;
    };
    let trusted = preflight(&app, MAIDSTONE, TRUSTED, true).await;
    assert_eq!(
        header(&trusted, "access-control-allow-origin"),
        Some(TRUSTED)
    );
    assert_eq!(
        header(&trusted, "access-control-allow-credentials"),
        Some("true")
    );
    assert!(allowed_headers(&trusted).contains(&"authorization".to_owned()));
    let other = preflight(&app, MAIDSTONE, ELSEWHERE, true).await;
    assert_eq!(header(&other, "access-control-allow-origin"), Some("*"));
    assert_eq!(header(&other, "access-control-allow-credentials"), None);
    assert!(!allowed_headers(&other).contains(&"authorization".to_owned()));
}

both_backends!(
    no_cors_headers_are_sent_when_no_origin_is_configured,
    a_listed_origin_may_send_a_token_with_credentials,
    an_unlisted_origin_gets_no_cors_permission,
    a_star_lets_any_origin_read_anonymously_but_not_send_a_token,
    a_star_beside_listed_origins_keeps_tokens_to_the_listed_ones,
);
