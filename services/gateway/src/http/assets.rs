//! Static files embedded in the binary, so that pages work without internet access and load
//! nothing from elsewhere: GraphiQL's scripts and styles under `/assets/graphiql/`
//! (`assets/graphiql/README.md`), and the GOV.UK Design System's CSS of the public register pages
//! under `/assets/govuk/` (`assets/govuk/README.md`), each with its packages, versions and
//! licences.
//!
//! Pages refer to an asset as `/assets/{set}/{name}?v={fingerprint}`, the fingerprint being a
//! hash of every asset's bytes in the set: a new build with other assets has other URLs, so
//! browsers may keep an asset for a year without ever using a stale one.

use std::hash::{DefaultHasher, Hash as _, Hasher as _};
use std::sync::LazyLock;

use axum::extract::{Path, RawQuery};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, X_CONTENT_TYPE_OPTIONS};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// One embedded file.
struct Asset {
    name: &'static str,
    content_type: &'static str,
    bytes: &'static [u8],
}

const JAVASCRIPT: &str = "text/javascript; charset=utf-8";
const CSS: &str = "text/css; charset=utf-8";

/// Every GraphiQL asset, in the order the page loads them.
const GRAPHIQL: [Asset; 6] = [
    Asset {
        name: "graphiql.min.css",
        content_type: CSS,
        bytes: include_bytes!("../../assets/graphiql/graphiql.min.css"),
    },
    Asset {
        name: "page.css",
        content_type: CSS,
        bytes: include_bytes!("../../assets/graphiql/page.css"),
    },
    Asset {
        name: "react.production.min.js",
        content_type: JAVASCRIPT,
        bytes: include_bytes!("../../assets/graphiql/react.production.min.js"),
    },
    Asset {
        name: "react-dom.production.min.js",
        content_type: JAVASCRIPT,
        bytes: include_bytes!("../../assets/graphiql/react-dom.production.min.js"),
    },
    Asset {
        name: "graphiql.min.js",
        content_type: JAVASCRIPT,
        bytes: include_bytes!("../../assets/graphiql/graphiql.min.js"),
    },
    Asset {
        name: "start.js",
        content_type: JAVASCRIPT,
        bytes: include_bytes!("../../assets/graphiql/start.js"),
    },
];

/// The GOV.UK Design System's styles, compiled for the public register pages.
const GOVUK: [Asset; 1] = [Asset {
    name: GOVUK_STYLES,
    content_type: CSS,
    bytes: include_bytes!("../../assets/govuk/govuk-register.min.css"),
}];

/// The stylesheet of the public register pages.
pub(crate) const GOVUK_STYLES: &str = "govuk-register.min.css";

/// The stylesheets of the GraphiQL page, in order.
pub(crate) const GRAPHIQL_STYLES: [&str; 2] = ["graphiql.min.css", "page.css"];
/// The scripts of the GraphiQL page, in order: React, then GraphiQL, then what starts it.
pub(crate) const GRAPHIQL_SCRIPTS: [&str; 4] = [
    "react.production.min.js",
    "react-dom.production.min.js",
    "graphiql.min.js",
    "start.js",
];

/// A hash of every asset's bytes in `assets`. `DefaultHasher` may hash differently in another
/// build of the compiler; that only changes the URLs, which costs a download.
fn fingerprint(assets: &[Asset]) -> String {
    let mut hasher = DefaultHasher::new();
    for asset in assets {
        asset.name.hash(&mut hasher);
        asset.bytes.hash(&mut hasher);
    }
    format!("{:016x}", hasher.finish())
}

/// GraphiQL's fingerprint, computed once.
static GRAPHIQL_FINGERPRINT: LazyLock<String> = LazyLock::new(|| fingerprint(&GRAPHIQL));
/// The GOV.UK styles' fingerprint, computed once.
static GOVUK_FINGERPRINT: LazyLock<String> = LazyLock::new(|| fingerprint(&GOVUK));

/// Where the page finds the GraphiQL asset `name`.
pub(crate) fn graphiql_asset_url(name: &str) -> String {
    format!("/assets/graphiql/{name}?v={}", *GRAPHIQL_FINGERPRINT)
}

/// Where a register page finds the GOV.UK asset `name`.
pub(crate) fn govuk_asset_url(name: &str) -> String {
    format!("/assets/govuk/{name}?v={}", *GOVUK_FINGERPRINT)
}

/// The GOV.UK styles' fingerprint: a register page's `ETag` includes it, so a build with other
/// styles (and so other links in the page) never answers 304 to a page of the old build.
pub(crate) fn govuk_fingerprint() -> &'static str {
    &GOVUK_FINGERPRINT
}

/// `GET /assets/graphiql/{name}`: see [`serve`].
pub(crate) async fn graphiql_asset(
    Path(name): Path<String>,
    RawQuery(query): RawQuery,
) -> Response {
    serve(&GRAPHIQL, &GRAPHIQL_FINGERPRINT, &name, query.as_deref())
}

/// `GET /assets/govuk/{name}`: see [`serve`].
pub(crate) async fn govuk_asset(Path(name): Path<String>, RawQuery(query): RawQuery) -> Response {
    serve(&GOVUK, &GOVUK_FINGERPRINT, &name, query.as_deref())
}

/// The asset `name` of `assets`, cached for a year when asked for by the URL of this build
/// (`?v=` the set's current fingerprint), else revalidated each time; 404 for any other name.
fn serve(assets: &[Asset], fingerprint: &str, name: &str, query: Option<&str>) -> Response {
    let Some(asset) = assets.iter().find(|asset| asset.name == name) else {
        return (StatusCode::NOT_FOUND, "no such asset").into_response();
    };
    let current = query.is_some_and(|query| {
        query
            .split('&')
            .any(|pair| pair.strip_prefix("v=") == Some(fingerprint))
    });
    let cache = if current {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    let mut response = asset.bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(asset.content_type));
    headers.insert(CACHE_CONTROL, HeaderValue::from_static(cache));
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_asset_the_page_names_is_embedded_and_not_empty() {
        for name in GRAPHIQL_STYLES.iter().chain(&GRAPHIQL_SCRIPTS) {
            let asset = GRAPHIQL.iter().find(|asset| asset.name == *name);
            assert!(asset.is_some_and(|a| !a.bytes.is_empty()), "{name}");
        }
        assert_eq!(
            GRAPHIQL_STYLES.len() + GRAPHIQL_SCRIPTS.len(),
            GRAPHIQL.len()
        );
    }

    #[test]
    fn the_govuk_styles_are_embedded_and_load_no_font_or_image() {
        let css = std::str::from_utf8(GOVUK[0].bytes).unwrap();
        assert!(css.contains(".govuk-summary-list"));
        // Councils are not GOV.UK: no GDS Transport, and nothing fetched from elsewhere.
        assert!(!css.contains("GDS Transport"));
        assert!(!css.contains("@font-face"));
        assert!(!css.contains("url("));
    }
}
