//! Reading a request body within a deadline and a size: a client that sends its body slowly
//! (a byte now and then) is answered 408 and disconnected; one that sends too much, 413.
//!
//! Hand-written rather than tower-http's `RequestBodyTimeoutLayer`: that one times the gap
//! between two chunks, so a client sending one byte just inside every gap is never cut off. Here
//! the whole body must arrive in time. Every endpoint reads its body whole anyway (a GraphQL
//! request is at most [`crate::Limits::max_body_bytes`]), so reading it here first costs nothing.

use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header::{CONNECTION, CONTENT_TYPE};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http_body_util::LengthLimitError;

/// How long a body may take and how large it may be.
#[derive(Debug, Clone, Copy)]
pub(crate) struct BodyLimits {
    /// The whole body must be in within this time of the handler asking for it.
    pub(crate) read_timeout: Duration,
    /// The largest body, in bytes.
    pub(crate) max_bytes: usize,
}

/// Middleware: reads the body whole under [`BodyLimits`], then hands it on from memory.
pub(crate) async fn read_body(
    State(limits): State<BodyLimits>,
    request: Request,
    next: Next,
) -> Response {
    let (parts, body) = request.into_parts();
    let read = axum::body::to_bytes(body, limits.max_bytes);
    match tokio::time::timeout(limits.read_timeout, read).await {
        Ok(Ok(bytes)) => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        Ok(Err(error)) => {
            let error = error.into_inner();
            let mut causes =
                std::iter::successors(Some(&*error as &(dyn std::error::Error + 'static)), |e| {
                    e.source()
                });
            if causes.any(|cause| cause.is::<LengthLimitError>()) {
                refuse(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    format!("the request body is larger than {} bytes", limits.max_bytes),
                )
            } else {
                tracing::debug!(%error, "a request body could not be read");
                refuse(
                    StatusCode::BAD_REQUEST,
                    "the request body could not be read".into(),
                )
            }
        }
        Err(_) => {
            tracing::info!(path = %parts.uri.path(), "a request body was too slow and was refused");
            refuse(
                StatusCode::REQUEST_TIMEOUT,
                format!(
                    "the request body did not arrive within {} s",
                    limits.read_timeout.as_secs_f32()
                ),
            )
        }
    }
}

/// A refusal that also closes the connection: what is left of the body is never read.
fn refuse(status: StatusCode, message: String) -> Response {
    let mut response = (status, message).into_response();
    let headers = response.headers_mut();
    headers.insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    headers.insert(CONNECTION, HeaderValue::from_static("close"));
    response
}
