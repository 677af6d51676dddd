//! The per-request deadline: a request that has not been answered in time is stopped and answered
//! 503, so that no request holds a connection and a database connection for ever.
//!
//! Hand-written rather than tower-http's `TimeoutLayer`, which answers with an empty body: a
//! client (and whoever reads its logs) should be told what happened and what is safe to do.

use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, RETRY_AFTER};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Middleware: runs the rest of the stack (the body read included) under `deadline`.
///
/// Stopping a request drops its future: a command whose transaction had not committed is rolled
/// back; one that had committed stays recorded, and retrying it with the same idempotency key
/// returns its result (the projectors catch up on their own).
pub(crate) async fn request_deadline(
    State(deadline): State<Duration>,
    request: Request,
    next: Next,
) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    match tokio::time::timeout(deadline, next.run(request)).await {
        Ok(response) => response,
        Err(_) => {
            tracing::warn!(%method, %path, ?deadline, "a request ran past its deadline and was stopped");
            too_slow(deadline)
        }
    }
}

fn too_slow(deadline: Duration) -> Response {
    let message = format!(
        "the request did not finish within {} s and was stopped; \
         retrying a mutation with the same idempotencyKey is safe",
        deadline.as_secs_f32()
    );
    let mut response = (StatusCode::SERVICE_UNAVAILABLE, message).into_response();
    let headers = response.headers_mut();
    headers.insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(RETRY_AFTER, HeaderValue::from_static("1"));
    response
}

#[cfg(test)]
mod tests {
    use axum::Router;
    use axum::body::Body;
    use axum::middleware::from_fn_with_state;
    use axum::routing::get;
    use tower::ServiceExt as _;

    use super::*;

    #[tokio::test]
    async fn a_handler_slower_than_the_deadline_is_answered_503_with_the_reason() {
        let app = Router::new()
            .route("/never", get(std::future::pending::<&'static str>))
            .route("/now", get(|| async { "done" }))
            .layer(from_fn_with_state(
                Duration::from_millis(50),
                request_deadline,
            ));
        let guard = Duration::from_secs(60);
        let request = |path: &str| Request::get(path).body(Body::empty()).unwrap();
        let slow = tokio::time::timeout(guard, app.clone().oneshot(request("/never")))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(slow.status(), StatusCode::SERVICE_UNAVAILABLE);
        let body = axum::body::to_bytes(slow.into_body(), 1024).await.unwrap();
        assert!(
            String::from_utf8_lossy(&body).contains("did not finish within 0.05 s"),
            "{body:?}"
        );
        let fast = app.oneshot(request("/now")).await.unwrap();
        assert_eq!(fast.status(), StatusCode::OK);
    }
}
