//! The public register as JSON, for mirrors and scripts: each record as the public sees it, and
//! the answers and errors of the JSON forms (the changes API, the pages asked for as JSON).
//!
//! A record's JSON is its public view as the read models hold it for the public
//! ([`VIEWER`](super::VIEWER)): the view the pages render, so drafts never, a withheld value only as its
//! notice (`record.withheld`), links only to decisions the public may see. Only the keys that
//! say which stored copy it is (`tenant`, `audience`, `detail`) are left out.

use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, X_CONTENT_TYPE_OPTIONS};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::{Value, json};

use super::export::{ExportRequest, Refusal, start_export};
use crate::error::{ApiError, Code};
use crate::http::AppState;

/// Keys of a stored view that say which copy it is, not what the record holds.
const STORAGE_KEYS: [&str; 3] = ["tenant", "audience", "detail"];

/// `view` (a public view, as read for the public) as the JSON the public is given.
pub(crate) fn record_json(view: &impl Serialize) -> Result<Value, ApiError> {
    let mut value = serde_json::to_value(view).map_err(|error| {
        ApiError::Internal(anyhow::Error::new(error).context("writing a record as JSON"))
    })?;
    if let Some(object) = value.as_object_mut() {
        for key in STORAGE_KEYS {
            object.remove(key);
        }
    }
    Ok(value)
}

/// A page of the council `slug` asked for as JSON (`representation` names it for its tag): the
/// value `make` gives, with the answer's validators, or the JSON error it gives.
pub(crate) async fn json_from<T: Serialize>(
    state: &AppState,
    slug: &str,
    uri: &Uri,
    headers: &HeaderMap,
    representation: &str,
    make: impl AsyncFnOnce(&ExportRequest) -> Result<T, ApiError>,
) -> Response {
    let request = match start_export(state, slug, uri, headers, representation).await {
        Ok(request) => request,
        Err(refusal) => return refused(refusal),
    };
    match make(&request).await {
        Ok(value) => json_answer(&request, &value),
        Err(error) => json_error(error),
    }
}

/// A page of a list as JSON, the list page's own records asked for by `Accept`: the page's
/// records under `key` (each as [`record_json`] writes it), how many the whole list holds
/// (`total_count`) and the absolute address of the
/// next page (`next`, `null` on the last), so a script pages the list as a browser does.
pub(crate) fn list_json<'a, V: Serialize + 'a>(
    key: &str,
    records: impl IntoIterator<Item = &'a V>,
    total_count: u64,
    next: Option<String>,
) -> Result<Value, ApiError> {
    let records = records
        .into_iter()
        .map(record_json)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(json!({ key: records, "total_count": total_count, "next": next }))
}

/// `value` as a `200` JSON answer with the request's validators (`ETag`, `Last-Modified`),
/// revalidated on every use (`no-cache`).
pub(crate) fn json_answer(request: &ExportRequest, value: &impl Serialize) -> Response {
    let response = json_ok(value);
    if response.status().is_success() {
        request.validators(response)
    } else {
        response
    }
}

/// `value` as a `200` JSON answer without validators (an answer that is no one council's), revalidated
/// on every use.
pub(crate) fn json_ok(value: &impl Serialize) -> Response {
    match serde_json::to_vec(value) {
        Ok(bytes) => json_response(StatusCode::OK, bytes),
        Err(error) => json_error(ApiError::Internal(
            anyhow::Error::new(error).context("writing a JSON answer"),
        )),
    }
}

/// The answer to a refused start: the error as JSON, or the `304`.
pub(crate) fn refused(refusal: Refusal) -> Response {
    match refusal {
        Refusal::Error(error) => json_error(error),
        Refusal::NotModified(answer) => answer,
    }
}

/// An error of the JSON forms: `{"error": {"code", "message"}}` (and `field`, for a bad
/// argument), with the status it means: 404 for what does not exist or the public may not see,
/// 400 for a bad argument or page link, 503 for a failed read (logged, never shown).
pub(crate) fn json_error(error: ApiError) -> Response {
    let (status, body) = match &error {
        ApiError::NotFound(message) => (
            StatusCode::NOT_FOUND,
            json!({"code": Code::NotFound.as_str(), "message": message}),
        ),
        ApiError::Invalid { field, message } => (
            StatusCode::BAD_REQUEST,
            json!({"code": Code::BadUserInput.as_str(), "field": field, "message": message}),
        ),
        ApiError::ReadModel(
            civic_projections::ProjectionError::InvalidCursor
            | civic_projections::ProjectionError::InvalidPage(_),
        ) => (
            StatusCode::BAD_REQUEST,
            json!({"code": Code::BadUserInput.as_str(), "field": "after",
                   "message": "This page link is not valid: start again from the first page."}),
        ),
        _ => {
            tracing::error!(
                ?error,
                "a JSON answer of the public register could not be read"
            );
            (
                StatusCode::SERVICE_UNAVAILABLE,
                json!({"code": Code::Internal.as_str(),
                       "message": "The register cannot be read just now. Try again shortly."}),
            )
        }
    };
    let bytes = serde_json::to_vec(&json!({ "error": body })).unwrap_or_default();
    json_response(status, bytes)
}

fn json_response(status: StatusCode, bytes: Vec<u8>) -> Response {
    let mut response = (status, bytes).into_response();
    let headers = response.headers_mut();
    headers.insert(
        CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_leaves_out_only_which_stored_copy_it_is() {
        let view = json!({"tenant": "t", "audience": "public", "detail": "full",
                          "id": "d", "version": 3, "record": {"title": "Land"}});
        assert_eq!(
            record_json(&view).unwrap(),
            json!({"id": "d", "version": 3, "record": {"title": "Land"}})
        );
    }

    #[test]
    fn a_list_page_holds_its_records_its_count_and_its_next_page() {
        let views = [
            json!({"tenant": "t", "id": "m1"}),
            json!({"tenant": "t", "id": "m2"}),
        ];
        let next = Some("http://x/councils/y/meetings?after=c2".to_owned());
        assert_eq!(
            list_json("meetings", &views, 5, next).unwrap(),
            json!({"meetings": [{"id": "m1"}, {"id": "m2"}], "total_count": 5,
                   "next": "http://x/councils/y/meetings?after=c2"})
        );
        assert_eq!(
            list_json::<Value>("meetings", [], 0, None).unwrap(),
            json!({"meetings": [], "total_count": 0, "next": null})
        );
    }

    #[test]
    fn a_bad_argument_is_400_with_its_field() {
        let response = json_error(ApiError::invalid("since", "not a position"));
        assert_eq!(response.status(), StatusCode::BAD_REQUEST);
        assert_eq!(
            response.headers()[CONTENT_TYPE],
            "application/json; charset=utf-8"
        );
        let response = json_error(ApiError::NotFound("no council".into()));
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
    }
}
