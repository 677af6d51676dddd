//! A council's queries answered through the response cache ([`crate::cache`]): a cacheable
//! request is keyed by where the council's answers stand, read before it runs; `If-None-Match`
//! with the key's tag is answered 304 without running anything; a kept answer is served as it
//! was; anything else runs, and its answer is kept only if nothing moved while it ran.
//!
//! A GraphQL POST that asks a query is a safe read like a GET, so both are answered 304 alike.

use async_graphql::Request;
use axum::body::Bytes;
use axum::http::header::{CACHE_CONTROL, ETAG, IF_NONE_MATCH, VARY};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use super::AppState;
use super::media::Media;
use super::response::{answer_bytes, graphql, json_bytes};
use crate::auth::Access;
use crate::cache::{CacheKey, Question};
use crate::graphql::CouncilScope;

/// Answers a council's request, from the cache when it may.
pub(crate) async fn answer(
    state: &AppState,
    media: Media,
    headers: &HeaderMap,
    scope: CouncilScope,
    access: Access,
    mut request: Request,
) -> Response {
    let services = &state.services;
    let cache = &services.responses;
    // The same read models the query reads, so the key names the position it answers at.
    let runtime = scope.runtime.clone();
    let read_models = services.reads_in(&runtime, access.viewer());
    let tenant = scope.tenant;
    let question = if cache.is_enabled() {
        Question::of(&mut request, &access)
    } else {
        None
    };
    // Read before the query runs, never after: an answer is at least as new as its key.
    let position = match question {
        Some(_) => read_models.read_position(tenant).await,
        None => Ok(None),
    };
    let position = position.unwrap_or_else(|error| {
        tracing::warn!(%error, "the response cache could not read the council's position");
        None
    });
    let (Some(question), Some(position)) = (question, position) else {
        cache.bypassed();
        return execute(state, media, scope, access, request).await;
    };
    let today = services.today();
    let key = CacheKey::new(tenant, position, today, media, &question);
    let etag = key.etag();
    if matches(headers, &etag) {
        cache.not_modified();
        return with_tag(StatusCode::NOT_MODIFIED.into_response(), &etag);
    }
    if let Some(body) = cache.get(&key) {
        return tagged(media, body, &etag);
    }
    let response = run(state, request.data(scope).data(access)).await;
    if !response.errors.is_empty() {
        return graphql(media, response);
    }
    let body = answer_bytes(response);
    // The query's reads may have seen a later position than the key's; the same position after
    // it ran proves they did not (positions only grow), so the answer is the key's.
    let unmoved = matches!(read_models.read_position(tenant).await, Ok(Some(after)) if after == position)
        && services.today() == today;
    if !unmoved {
        return json_bytes(StatusCode::OK, media, body);
    }
    cache.put(&key, body.clone());
    tagged(media, body, &etag)
}

/// Runs the request without the cache.
async fn execute(
    state: &AppState,
    media: Media,
    scope: CouncilScope,
    access: Access,
    request: Request,
) -> Response {
    let request = request.data(scope).data(access);
    graphql(media, run(state, request).await)
}

/// Runs a council request whose variables the handler has checked: on the schema that skips the
/// validation walk when its document has passed the full validation before, otherwise on the
/// full schema, recording a run without errors as a pass
/// ([`crate::graphql::cost::documents`]).
async fn run(state: &AppState, request: Request) -> async_graphql::Response {
    let documents = &state.services.documents;
    if documents.validated(&request.query) {
        return state.council_schema_for_validated.execute(request).await;
    }
    let text = request.query.clone();
    let response = state.council_schema.execute(request).await;
    if response.errors.is_empty() {
        documents.passed_validation(&text);
    }
    response
}

/// A cacheable answer: 200, with its tag.
fn tagged(media: Media, body: Bytes, etag: &str) -> Response {
    with_tag(json_bytes(StatusCode::OK, media, body), etag)
}

/// `response` with the answer's tag. HTTP caches may keep it but must ask again each time
/// (`no-cache`): the next write changes the answer. The answer depends on the token and the
/// media type asked for (`Vary`).
fn with_tag(mut response: Response, etag: &str) -> Response {
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(etag) {
        headers.insert(ETAG, value);
    }
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    headers.append(VARY, HeaderValue::from_static("accept, authorization"));
    response
}

/// Whether `If-None-Match` names `etag` (compared weakly, as RFC 9110 says for this header) or
/// is `*`: what the GraphQL answers and the public pages both use.
pub(crate) fn matches(headers: &HeaderMap, etag: &str) -> bool {
    headers
        .get_all(IF_NONE_MATCH)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(|tag| tag.trim())
        .any(|tag| tag == "*" || tag.strip_prefix("W/").unwrap_or(tag) == etag)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn if_none_match_names_a_tag_among_others_weakly_or_strongly() {
        let mut headers = HeaderMap::new();
        assert!(!matches(&headers, "\"a\""));
        headers.insert(IF_NONE_MATCH, HeaderValue::from_static("\"b\", W/\"a\""));
        assert!(matches(&headers, "\"a\""));
        assert!(!matches(&headers, "\"c\""));
        headers.insert(IF_NONE_MATCH, HeaderValue::from_static("a"));
        assert!(!matches(&headers, "\"a\""));
        headers.insert(IF_NONE_MATCH, HeaderValue::from_static("*"));
        assert!(matches(&headers, "\"a\""));
    }
}
