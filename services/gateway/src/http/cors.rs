//! Cross-origin requests from browsers (CORS), as `CIVIC_CORS_ORIGINS` allows them.
//!
//! - Unset or empty: no CORS headers at all; browsers let only same-origin pages (GraphiQL, the
//!   home page) read the answers.
//! - Listed origins (`https://register.example.gov.uk`) are trusted: they may send
//!   `Authorization` (a clerk's bearer token) and credentials, with GET and POST.
//! - `*` lets any other origin read anonymously: GET and POST with `Content-Type` and `Accept`
//!   only, no credentials and no `Authorization`, so a page elsewhere can read the public
//!   registers but not act with anyone's token. `*` may stand beside listed origins.
//! - Every allowed origin may read `ETag` and send `If-None-Match` (the response cache).
//!
//! tower-http's [`CorsLayer`] answers preflights and sets the headers. One layer cannot allow
//! `Authorization` to some origins and not to others, so [`cors`] picks one of two layers by the
//! request's `Origin`.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, ETAG, IF_NONE_MATCH, ORIGIN};
use axum::http::{HeaderValue, Method};
use axum::middleware::Next;
use axum::response::Response;
use tower::{Layer as _, ServiceExt as _};
use tower_http::cors::{AllowCredentials, AllowOrigin, CorsLayer};

/// How long a browser may cache a preflight's answer (browsers cap it: Chromium at 2 hours).
const PREFLIGHT_MAX_AGE: Duration = Duration::from_secs(60 * 60);

/// The browser origins allowed to call the gateway from scripts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CorsOrigins {
    anonymous_from_anywhere: bool,
    trusted: Vec<HeaderValue>,
}

/// Why `CIVIC_CORS_ORIGINS` could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CorsOriginError {
    /// Not an `http://` or `https://` URL; the operator fixes the value.
    #[error(
        "{0:?} is not an origin: write scheme://host[:port], e.g. https://register.example.gov.uk"
    )]
    NotAnOrigin(String),
    /// A URL with more than an origin (a path, a query, a user); browsers never send those in
    /// `Origin`, so such an entry would silently match nothing.
    #[error("{0:?} is more than an origin: write only scheme://host[:port], without a path")]
    MoreThanAnOrigin(String),
}

impl CorsOrigins {
    /// No origin: no CORS headers (the default).
    pub fn none() -> Self {
        Self::default()
    }

    /// Reads a comma-separated list of origins (`https://a.example,https://b.example`), where
    /// `*` lets any other origin read anonymously. Blank entries are ignored, so an empty value
    /// is [`CorsOrigins::none`]. Origins are kept in the form browsers send (`https://host`, the
    /// host in lower case, no default port).
    pub fn parse(value: &str) -> Result<Self, CorsOriginError> {
        let mut origins = Self::none();
        for entry in value.split(',').map(str::trim).filter(|e| !e.is_empty()) {
            if entry == "*" {
                origins.anonymous_from_anywhere = true;
                continue;
            }
            let origin = parse_origin(entry)?;
            if !origins.trusted.contains(&origin) {
                origins.trusted.push(origin);
            }
        }
        Ok(origins)
    }

    /// Whether no origin is allowed, so no CORS headers are sent.
    pub fn is_none(&self) -> bool {
        !self.anonymous_from_anywhere && self.trusted.is_empty()
    }

    /// Whether any origin may read anonymously (`*`).
    pub fn anonymous_from_anywhere(&self) -> bool {
        self.anonymous_from_anywhere
    }

    /// The trusted origins, which may send `Authorization` and credentials.
    pub fn trusted(&self) -> &[HeaderValue] {
        &self.trusted
    }
}

fn parse_origin(entry: &str) -> Result<HeaderValue, CorsOriginError> {
    let not_an_origin = || CorsOriginError::NotAnOrigin(entry.to_owned());
    let url = url::Url::parse(entry).map_err(|_| not_an_origin())?;
    if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
        return Err(not_an_origin());
    }
    if url.path() != "/"
        || url.query().is_some()
        || url.fragment().is_some()
        || !url.username().is_empty()
        || url.password().is_some()
    {
        return Err(CorsOriginError::MoreThanAnOrigin(entry.to_owned()));
    }
    HeaderValue::from_str(&url.origin().ascii_serialization()).map_err(|_| not_an_origin())
}

/// The two answers: to trusted origins, and to every other origin.
#[derive(Clone)]
pub(crate) struct CorsPolicy {
    trusted_origins: Arc<[HeaderValue]>,
    trusted: CorsLayer,
    others: CorsLayer,
}

impl CorsPolicy {
    /// The policy for `origins`; `None` when no origin is allowed (no CORS layer at all).
    pub(crate) fn new(origins: &CorsOrigins) -> Option<Self> {
        if origins.is_none() {
            return None;
        }
        let trusted_origins: Arc<[HeaderValue]> = origins.trusted.clone().into();
        // Scripts may read a public answer's tag and send it back: revalidation works across
        // origins as it does on the same one.
        let common = CorsLayer::new()
            .allow_methods([Method::GET, Method::POST])
            .expose_headers([ETAG])
            .max_age(PREFLIGHT_MAX_AGE);
        let listed = trusted_origins.clone();
        let trusted = common
            .clone()
            .allow_origin(AllowOrigin::list(origins.trusted.iter().cloned()))
            .allow_headers([CONTENT_TYPE, ACCEPT, AUTHORIZATION, IF_NONE_MATCH])
            // Said only to the listed origins: to any other, nothing is allowed.
            .allow_credentials(AllowCredentials::predicate(move |origin, _| {
                listed.contains(origin)
            }));
        let others = if origins.anonymous_from_anywhere {
            common.allow_origin(AllowOrigin::any()).allow_headers([
                CONTENT_TYPE,
                ACCEPT,
                IF_NONE_MATCH,
            ])
        } else {
            // The trusted layer answers an untrusted origin without `Access-Control-Allow-Origin`,
            // which is how a browser learns it may not read the answer.
            trusted.clone()
        };
        Some(Self {
            trusted_origins,
            trusted,
            others,
        })
    }

    fn for_origin(&self, origin: Option<&HeaderValue>) -> &CorsLayer {
        match origin {
            Some(origin) if self.trusted_origins.contains(origin) => &self.trusted,
            _ => &self.others,
        }
    }
}

/// Middleware: answers preflights and adds the CORS headers of the request's origin.
pub(crate) async fn cors(
    State(policy): State<CorsPolicy>,
    request: Request,
    next: Next,
) -> Response {
    let layer = policy.for_origin(request.headers().get(ORIGIN));
    match layer.layer(next).oneshot(request).await {
        Ok(response) => response,
        Err(infallible) => match infallible {},
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_read_from_a_comma_separated_list_with_a_star_for_anyone() {
        let origins =
            CorsOrigins::parse(" https://Register.Example.gov.uk/ , *,http://localhost:5173,")
                .unwrap();
        assert!(origins.anonymous_from_anywhere());
        assert_eq!(
            origins.trusted(),
            [
                HeaderValue::from_static("https://register.example.gov.uk"),
                HeaderValue::from_static("http://localhost:5173"),
            ]
        );
        assert!(CorsOrigins::parse("").unwrap().is_none());
        assert!(CorsOrigins::parse(" , ").unwrap().is_none());
        assert_eq!(
            CorsOrigins::parse("https://a.example:443")
                .unwrap()
                .trusted(),
            [HeaderValue::from_static("https://a.example")]
        );
    }

    #[test]
    fn anything_but_an_origin_is_refused_with_its_reason() {
        for entry in [
            "register.example.gov.uk",
            "ftp://a.example",
            "null",
            "https://",
        ] {
            assert_eq!(
                CorsOrigins::parse(entry),
                Err(CorsOriginError::NotAnOrigin(entry.to_owned())),
                "{entry}"
            );
        }
        for entry in [
            "https://a.example/graphql",
            "https://a.example/?x=1",
            "https://user@a.example",
        ] {
            assert_eq!(
                CorsOrigins::parse(entry),
                Err(CorsOriginError::MoreThanAnOrigin(entry.to_owned())),
                "{entry}"
            );
        }
    }
}
