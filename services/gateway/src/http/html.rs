//! The HTML answers of the gateway's pages (home, GraphiQL, the public register): UTF-8 HTML,
//! revalidated on every use, under the page's own Content-Security-Policy.

use axum::http::header::{CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::Markup;

/// `markup` as an HTML answer with `status`, not stored by caches without revalidation, under
/// `policy`.
pub(crate) fn html_page(status: StatusCode, markup: Markup, policy: &'static str) -> Response {
    let mut response = (status, markup.into_string()).into_response();
    let headers = response.headers_mut();
    headers.insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    headers.insert(CONTENT_SECURITY_POLICY, HeaderValue::from_static(policy));
    response
}
