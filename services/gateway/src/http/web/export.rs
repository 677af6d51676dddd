//! What the feed and the downloads share: the council and its tag (with `304` for a client that
//! holds the answer), the site's absolute address from the request, and the public decisions
//! read page by page, newest first, as the register page lists them.
//!
//! Like the pages, everything is read as [`Viewer::Public`](super::VIEWER): drafts never appear
//! and a withheld value is never in the view, only its notice.

use axum::http::header::{FORWARDED, HOST, IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED};
use axum::http::uri::Authority;
use axum::http::{HeaderMap, HeaderValue, Uri};
use axum::response::Response;
use chrono::{DateTime, Utc};
use civic_domain::decision::DecisionField;
use civic_eventstore::{EventStore as _, TenantId};
use civic_projections::PageRequest;
use civic_projections::query::MAX_PAGE;
use civic_projections::views::{DecisionView, Detail, RecordView};
use sha2::{Digest, Sha256};

use super::locale::Lang;
use super::{VIEWER, error_page, tag};
use crate::error::ApiError;
use crate::graphql::query::filter::DecisionFilterInput;
use crate::http::AppState;
use crate::http::graphql::council_scope;
use civic_projections::ReadModels;
use civic_runtime::Runtime;
use std::sync::Arc;

/// A feed or download request under way.
pub(crate) struct ExportRequest {
    /// The council of the slug.
    pub tenant: TenantId,
    /// The runtime of the council's database, for its log.
    pub runtime: Arc<Runtime>,
    /// The read models the public's reads of the council are answered from (its database's, or
    /// a read replica's: [`crate::Services::reads_in`]).
    pub reads: ReadModels,
    /// The site's address as the client named it (`http://host:port`), for absolute links.
    pub base: String,
    /// The answer's `ETag`; `None` when the council's position could not be read.
    pub etag: Option<String>,
    /// When the last event the read models reflect was recorded; `None` when unknown.
    pub last_modified: Option<DateTime<Utc>>,
    /// The last position of the council's log the public read models reflect (read before the
    /// records are); `None` when it could not be read, or before the first projection.
    pub checkpoint: Option<u64>,
}

impl ExportRequest {
    /// `response` with the answer's `ETag` and `Last-Modified`, where known.
    pub(crate) fn validators(&self, response: Response) -> Response {
        let mut response = match &self.etag {
            Some(etag) => tag::with_tag(response, etag),
            None => response,
        };
        if let Some(at) = self.last_modified
            && let Ok(value) = HeaderValue::from_str(&http_date(at))
        {
            response.headers_mut().insert(LAST_MODIFIED, value);
        }
        response
    }
}

/// Why an export was not begun: an error (for the caller to answer in its own form: an HTML
/// page, or JSON for the changes API), or a client that holds the answer already (the `304` to
/// send).
pub(crate) enum Refusal {
    /// An unknown council (404) or a request without a valid host (400).
    Error(ApiError),
    /// The answer to give: `304 Not Modified` with the validators.
    NotModified(Response),
}

/// Starts a feed or download of the council `slug`, answering errors with the HTML error page:
/// see [`start_export`].
pub(crate) async fn begin_export(
    state: &AppState,
    slug: &str,
    uri: &Uri,
    headers: &HeaderMap,
    representation: &str,
) -> Result<ExportRequest, Response> {
    start_export(state, slug, uri, headers, representation)
        .await
        .map_err(|refusal| match refusal {
            Refusal::Error(error) => error_page(error),
            Refusal::NotModified(answer) => answer,
        })
}

/// Starts an answer of the council `slug` that links absolutely: its tenant (else 404), the
/// site's base address (else 400), and its tag, read before the records are; a client that
/// holds the answer gets 304. `representation` names the answer's form (`atom`, `csv`, `json`,
/// `changes`): one URL may answer several forms by `Accept`, each with its own tag.
pub(crate) async fn start_export(
    state: &AppState,
    slug: &str,
    uri: &Uri,
    headers: &HeaderMap,
    representation: &str,
) -> Result<ExportRequest, Refusal> {
    let scope = council_scope(state, slug).await.map_err(Refusal::Error)?;
    let tenant = scope.tenant;
    let base = site_base(uri, headers).map_err(Refusal::Error)?;
    let services = &state.services;
    let reads = services.reads_in(&scope.runtime, VIEWER).clone();
    let position = match reads.read_position(tenant).await {
        Ok(position) => position,
        Err(error) => {
            tracing::warn!(%error, "a feed or download could not read the council's position");
            None
        }
    };
    // The answer holds absolute links, so its tag covers the address they start with too.
    let etag = position.map(|position| {
        let page = tag::page_tag(tenant, position, services.today(), uri, Lang::En);
        let digest = Sha256::new()
            .chain_update(page)
            .chain_update([0])
            .chain_update(&base)
            .chain_update([0])
            .chain_update(representation)
            .finalize();
        let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
        format!("\"e-{hex}\"")
    });
    let last_modified = match position {
        Some(position) => last_recorded(&scope.runtime, tenant, position.checkpoint).await,
        None => None,
    };
    let request = ExportRequest {
        tenant,
        runtime: scope.runtime,
        reads,
        base,
        etag,
        last_modified,
        checkpoint: position.map(|position| position.checkpoint),
    };
    if let Some(etag) = &request.etag
        && unchanged(headers, etag, request.last_modified)
    {
        return Err(Refusal::NotModified(
            request.validators(tag::not_modified(etag)),
        ));
    }
    Ok(request)
}

/// Whether the client holds the answer: `If-None-Match` names its tag or, when the request has
/// no `If-None-Match` (which then decides, RFC 9110 13.2.2), `If-Modified-Since` is no earlier
/// than its `Last-Modified`.
fn unchanged(headers: &HeaderMap, etag: &str, last_modified: Option<DateTime<Utc>>) -> bool {
    if headers.contains_key(IF_NONE_MATCH) {
        return crate::http::cached::matches(headers, etag);
    }
    let since = headers
        .get(IF_MODIFIED_SINCE)
        .and_then(|value| value.to_str().ok())
        .and_then(|text| DateTime::parse_from_rfc2822(text).ok());
    match (since, last_modified) {
        (Some(since), Some(at)) => at.timestamp() <= since.timestamp(),
        _ => false,
    }
}

/// When the event at `checkpoint` (the last the public read models reflect) was recorded: every
/// change to what the feed and the downloads show is an event, so they last changed then at
/// the latest. `None` before the first event, or when the log cannot be read (logged).
async fn last_recorded(
    runtime: &Runtime,
    tenant: TenantId,
    checkpoint: u64,
) -> Option<DateTime<Utc>> {
    let after = checkpoint.checked_sub(1)?;
    match runtime.store().read_log(tenant, after, 1).await {
        Ok(events) => events
            .into_iter()
            .find(|event| event.position == checkpoint)
            .map(|event| event.recorded_at),
        Err(error) => {
            tracing::warn!(%error, "a feed or download could not read its last event's time");
            None
        }
    }
}

/// An HTTP date (RFC 9110 5.6.7): `Fri, 11 Jun 2010 09:30:00 GMT`.
pub(crate) fn http_date(at: DateTime<Utc>) -> String {
    at.format("%a, %d %b %Y %H:%M:%S GMT").to_string()
}

/// The site's address as the client reached it: `http://` and the request's host (the
/// authority of an absolute request line, else the `Host` header), or `https://` when a proxy
/// in front says the client used TLS (`X-Forwarded-Proto: https`, or `proto=https` in
/// `Forwarded`). A missing or malformed host is the client's mistake: 400.
pub(crate) fn site_base(uri: &Uri, headers: &HeaderMap) -> Result<String, ApiError> {
    let bad = || {
        ApiError::invalid(
            "host",
            "The request does not name this site's address (its Host header is missing or not \
             valid), so the links in this answer cannot be written.",
        )
    };
    let host = match uri.authority() {
        Some(authority) => authority.as_str().to_owned(),
        None => headers
            .get(HOST)
            .and_then(|value| value.to_str().ok())
            .ok_or_else(bad)?
            .to_owned(),
    };
    let authority: Authority = host.parse().map_err(|_| bad())?;
    // An authority may carry user information; a site's address never does.
    if authority.as_str().contains('@') || authority.host().is_empty() {
        return Err(bad());
    }
    let https = headers
        .get("x-forwarded-proto")
        .and_then(|value| value.to_str().ok())
        .is_some_and(|proto| proto.trim().eq_ignore_ascii_case("https"))
        || headers
            .get(FORWARDED)
            .and_then(|value| value.to_str().ok())
            .is_some_and(|forwarded| {
                forwarded
                    .split([';', ','])
                    .any(|pair| pair.trim().eq_ignore_ascii_case("proto=https"))
            });
    let scheme = if https { "https" } else { "http" };
    Ok(format!(
        "{scheme}://{}",
        authority.as_str().to_ascii_lowercase()
    ))
}

/// The public decisions of the council, newest first (date of decision, then id: the register's
/// order), read a page of at most [`MAX_PAGE`] at a time until `limit` (or all of them).
pub(crate) async fn public_decisions(
    state: &AppState,
    tenant: TenantId,
    detail: Detail,
    limit: Option<usize>,
) -> Result<Vec<DecisionView>, ApiError> {
    let services = &state.services;
    let reads = services.reads(tenant, VIEWER).await?;
    let filter = DecisionFilterInput::default().to_filter(services.today())?;
    let mut decisions = Vec::new();
    let mut after = None;
    loop {
        let wanted = limit.map_or(MAX_PAGE as usize, |limit| limit - decisions.len());
        let first = u32::try_from(wanted.min(MAX_PAGE as usize)).unwrap_or(MAX_PAGE);
        if first == 0 {
            return Ok(decisions);
        }
        let page = reads
            .decisions(
                tenant,
                VIEWER,
                &filter,
                &PageRequest { first, after },
                detail,
            )
            .await?;
        after = page.items.last().map(|(cursor, _)| cursor.clone());
        let more = page.has_next_page;
        decisions.extend(page.items.into_iter().map(|(_, decision)| decision));
        if !more || after.is_none() {
            return Ok(decisions);
        }
    }
}

/// The notice of `field` if the record withholds it from the public.
pub(crate) fn withheld_notice(record: &RecordView, field: DecisionField) -> Option<&str> {
    record
        .withheld
        .iter()
        .find(|withheld| withheld.field == field)
        .map(|withheld| withheld.notice.text.as_str())
}

/// A decision's public page, absolute.
pub(crate) fn decision_url(base: &str, slug: &str, decision: &DecisionView) -> String {
    format!("{base}/councils/{slug}/decisions/{}", decision.id.as_uuid())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn if_modified_since_counts_only_without_if_none_match() {
        let at = Utc.with_ymd_and_hms(2010, 6, 11, 9, 30, 0).unwrap();
        assert_eq!(http_date(at), "Fri, 11 Jun 2010 09:30:00 GMT");
        let since = |text: &str| headers(&[("if-modified-since", text)]);
        assert!(unchanged(
            &since("Fri, 11 Jun 2010 09:30:00 GMT"),
            "\"t\"",
            Some(at)
        ));
        assert!(!unchanged(
            &since("Fri, 11 Jun 2010 09:29:59 GMT"),
            "\"t\"",
            Some(at)
        ));
        assert!(!unchanged(&since("not a date"), "\"t\"", Some(at)));
        assert!(!unchanged(
            &since("Fri, 11 Jun 2010 09:30:00 GMT"),
            "\"t\"",
            None
        ));
        let both = headers(&[
            ("if-modified-since", "Fri, 11 Jun 2010 09:30:00 GMT"),
            ("if-none-match", "\"other\""),
        ]);
        assert!(!unchanged(&both, "\"t\"", Some(at)));
    }

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for (name, value) in pairs {
            headers.insert(*name, value.parse().unwrap());
        }
        headers
    }

    #[test]
    fn the_base_is_the_host_the_client_named() {
        let uri: Uri = "/councils/x/feed.atom".parse().unwrap();
        assert_eq!(
            site_base(&uri, &headers(&[("host", "Register.Example:8080")])).unwrap(),
            "http://register.example:8080"
        );
        assert_eq!(
            site_base(
                &uri,
                &headers(&[("host", "register.example"), ("x-forwarded-proto", "https")])
            )
            .unwrap(),
            "https://register.example"
        );
        assert_eq!(
            site_base(
                &uri,
                &headers(&[
                    ("host", "register.example"),
                    ("forwarded", "for=1.2.3.4;proto=https")
                ])
            )
            .unwrap(),
            "https://register.example"
        );
    }

    #[test]
    fn a_missing_or_odd_host_is_refused() {
        let uri: Uri = "/councils/x/feed.atom".parse().unwrap();
        for bad in ["", "user@evil.example", "a b", "evil.example/path"] {
            assert!(
                site_base(&uri, &headers(&[("host", bad)])).is_err(),
                "{bad:?}"
            );
        }
        assert!(site_base(&uri, &HeaderMap::new()).is_err());
    }
}
