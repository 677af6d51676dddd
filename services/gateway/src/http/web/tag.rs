//! `ETag` and `304 Not Modified` for the register pages, from where the council's public read
//! models stand, as the GraphQL answers do ([`crate::http::cached`], docs/caching.md).
//!
//! A page is a function of: the read models it reads (named by the council's [`ReadPosition`],
//! read before the page is, so a page is at least as new as its tag), the day (what a record
//! says of call-in and effect can change with the date), the URL (path and query), the language
//! it is written in (without `lang=`, a council's own), and this build's templates and styles. The tag hashes all of them, so an unchanged tag means the page
//! the client holds is the page it would get.

use axum::http::header::ETAG;
use axum::http::{HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use civic_eventstore::TenantId;
use civic_projections::ReadPosition;
use sha2::{Digest, Sha256};

use super::locale::Lang;
use crate::http::assets::govuk_fingerprint;

/// The tag of the page at `uri` in `lang`, for a council whose public read models stand at
/// `position`.
pub(crate) fn page_tag(
    tenant: TenantId,
    position: ReadPosition,
    today: NaiveDate,
    uri: &Uri,
    lang: Lang,
) -> String {
    let mut hash = Sha256::new();
    hash.update(env!("CARGO_PKG_VERSION"));
    hash.update([0]);
    hash.update(govuk_fingerprint());
    hash.update([0]);
    hash.update(tenant.as_uuid().as_bytes());
    for part in [position.generation, position.checkpoint, position.head] {
        hash.update(part.to_be_bytes());
    }
    hash.update(today.to_string());
    hash.update([0]);
    hash.update(uri.path());
    hash.update([0]);
    hash.update(uri.query().unwrap_or_default());
    hash.update([0]);
    hash.update(lang.code());
    let digest = hash.finalize();
    let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    format!("\"p-{hex}\"")
}

/// 304 with the tag, for a client that holds the page.
pub(crate) fn not_modified(etag: &str) -> Response {
    with_tag(StatusCode::NOT_MODIFIED.into_response(), etag)
}

/// `response` with its `ETag`.
pub(crate) fn with_tag(mut response: Response, etag: &str) -> Response {
    if let Ok(value) = HeaderValue::from_str(etag) {
        response.headers_mut().insert(ETAG, value);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn position(checkpoint: u64) -> ReadPosition {
        ReadPosition {
            generation: 1,
            checkpoint,
            head: checkpoint,
        }
    }

    #[test]
    fn a_page_tag_changes_with_the_position_the_day_the_query_and_the_language() {
        let tenant = TenantId::from_uuid(uuid::Uuid::from_u128(7));
        let day = NaiveDate::from_ymd_opt(2024, 3, 8).unwrap();
        let uri: Uri = "/councils/maidstone?q=strategy".parse().unwrap();
        let tag = page_tag(tenant, position(5), day, &uri, Lang::En);
        assert_eq!(tag, page_tag(tenant, position(5), day, &uri, Lang::En));
        assert_ne!(tag, page_tag(tenant, position(6), day, &uri, Lang::En));
        assert_ne!(
            tag,
            page_tag(tenant, position(5), day.succ_opt().unwrap(), &uri, Lang::En)
        );
        let other: Uri = "/councils/maidstone?q=land".parse().unwrap();
        assert_ne!(tag, page_tag(tenant, position(5), day, &other, Lang::En));
        assert_ne!(tag, page_tag(tenant, position(5), day, &uri, Lang::Cy));
    }
}
