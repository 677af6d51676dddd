//! Writing GraphQL responses with the status codes of GraphQL over HTTP.
//!
//! - A request that does not parse or validate (every error without a path, no data) is a
//!   request error: 400 with `application/graphql-response+json`, 200 with `application/json`;
//!   its body has no `data`.
//! - Anything that executed is 200, with `data` and any field errors.
//! - Refusals before execution have their own status: 401 (bad token), 403 (a token for
//!   another council), 404 (unknown council), 405, 406, 413, 415.

use async_graphql::{ErrorExtensions, ServerError};
use axum::body::Bytes;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, WWW_AUTHENTICATE};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{Value, json};

use super::media::Media;
use crate::error::{ApiError, Code};
use crate::graphql::error_codes::with_code;

fn body(status: StatusCode, media: Media, json: &Value) -> Response {
    let bytes = serde_json::to_vec(json).unwrap_or_else(|_| b"{}".to_vec());
    json_bytes(status, media, bytes.into())
}

/// A JSON body of `media`, not to be stored by HTTP caches.
pub(crate) fn json_bytes(status: StatusCode, media: Media, bytes: Bytes) -> Response {
    let mut response = (status, bytes).into_response();
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(media.content_type()));
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Whether a response reports a request error: nothing executed.
fn is_request_error(response: &async_graphql::Response) -> bool {
    !response.errors.is_empty()
        && response.data == async_graphql::Value::Null
        && response.errors.iter().all(|e| e.path.is_empty())
}

/// The HTTP response for an executed (or refused-by-validation) GraphQL request.
pub fn graphql(media: Media, response: async_graphql::Response) -> Response {
    let request_error = is_request_error(&response);
    let status = match (request_error, media) {
        (true, Media::GraphqlResponseJson) => StatusCode::BAD_REQUEST,
        _ => StatusCode::OK,
    };
    json_bytes(status, media, encoded(response, request_error))
}

/// The body of an answer without errors (200 in either media type), for the response cache.
pub(crate) fn answer_bytes(response: async_graphql::Response) -> Bytes {
    encoded(response, false)
}

/// What a response body holds; written straight from async-graphql's values, so `data` keeps
/// the order of the selection (as the GraphQL specification asks) and no intermediate JSON tree
/// is built (that tree was about a tenth of the gateway's work per register page).
#[derive(Serialize)]
struct Body<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    data: Option<&'a async_graphql::Value>,
    #[serde(skip_serializing_if = "<[ServerError]>::is_empty")]
    errors: &'a [ServerError],
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    extensions: &'a BTreeMap<String, async_graphql::Value>,
}

/// The body: `data` unless nothing executed, then the errors (with their codes) and any
/// extensions.
fn encoded(mut response: async_graphql::Response, request_error: bool) -> Bytes {
    response.errors.iter_mut().for_each(with_code);
    let body = Body {
        data: (!request_error).then_some(&response.data),
        errors: &response.errors,
        extensions: &response.extensions,
    };
    serde_json::to_vec(&body)
        .unwrap_or_else(|_| b"{}".to_vec())
        .into()
}

/// A refusal before execution: one error with its code, at `status`.
pub fn refused(media: Media, status: StatusCode, error: ApiError) -> Response {
    let code = error.code();
    let error = error.extend();
    let server_error = ServerError {
        message: error.message,
        source: None,
        locations: Vec::new(),
        path: Vec::new(),
        extensions: error.extensions,
    };
    let mut response = body(status, media, &json!({ "errors": [server_error] }));
    if code == Code::Unauthenticated {
        response.headers_mut().insert(
            WWW_AUTHENTICATE,
            HeaderValue::from_static("Bearer error=\"invalid_token\""),
        );
    }
    response
}

/// A request that GraphQL over HTTP does not allow (bad body, wrong method or media type).
pub fn bad_request(media: Media, status: StatusCode, message: &str) -> Response {
    let mut response = refused(media, status, ApiError::invalid("request", message));
    if status == StatusCode::METHOD_NOT_ALLOWED {
        response
            .headers_mut()
            .insert("allow", HeaderValue::from_static("POST"));
    }
    response
}

/// The status of a refusal before execution.
pub fn status_of(error: &ApiError) -> StatusCode {
    match error.code() {
        Code::BadUserInput | Code::QueryTooExpensive => StatusCode::BAD_REQUEST,
        Code::Unauthenticated => StatusCode::UNAUTHORIZED,
        Code::Forbidden => StatusCode::FORBIDDEN,
        Code::NotFound => StatusCode::NOT_FOUND,
        Code::Conflict | Code::IdempotencyKeyReused => StatusCode::CONFLICT,
        Code::Internal => StatusCode::INTERNAL_SERVER_ERROR,
    }
}
