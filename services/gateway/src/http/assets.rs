//! GraphiQL's scripts and styles, embedded in the binary and served under `/assets/graphiql/`,
//! so that GraphiQL works without internet access and the page loads nothing from elsewhere.
//! Which packages and versions they come from, and their licences: `assets/graphiql/README.md`.
//!
//! Pages refer to an asset as `/assets/graphiql/{name}?v={fingerprint}`, the fingerprint being a
//! hash of every asset's bytes: a new build with other assets has other URLs, so browsers may
//! keep an asset for a year without ever using a stale one.

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

/// The stylesheets of the GraphiQL page, in order.
pub(crate) const GRAPHIQL_STYLES: [&str; 2] = ["graphiql.min.css", "page.css"];
/// The scripts of the GraphiQL page, in order: React, then GraphiQL, then what starts it.
pub(crate) const GRAPHIQL_SCRIPTS: [&str; 4] = [
    "react.production.min.js",
    "react-dom.production.min.js",
    "graphiql.min.js",
    "start.js",
];

/// A hash of every asset's bytes, computed once. `DefaultHasher` may hash differently in
/// another build of the compiler; that only changes the URLs, which costs a download.
static FINGERPRINT: LazyLock<String> = LazyLock::new(|| {
    let mut hasher = DefaultHasher::new();
    for asset in &GRAPHIQL {
        asset.name.hash(&mut hasher);
        asset.bytes.hash(&mut hasher);
    }
    format!("{:016x}", hasher.finish())
});

/// Where the page finds the asset `name`.
pub(crate) fn graphiql_asset_url(name: &str) -> String {
    format!("/assets/graphiql/{name}?v={}", *FINGERPRINT)
}

/// `GET /assets/graphiql/{name}`: the asset, cached for a year when asked for by the URL of this
/// build (`?v=` the current fingerprint), else revalidated each time; 404 for any other name.
pub(crate) async fn graphiql_asset(
    Path(name): Path<String>,
    RawQuery(query): RawQuery,
) -> Response {
    let Some(asset) = GRAPHIQL.iter().find(|asset| asset.name == name) else {
        return (StatusCode::NOT_FOUND, "no such asset").into_response();
    };
    let current = query.is_some_and(|query| {
        query
            .split('&')
            .any(|pair| pair.strip_prefix("v=") == Some(FINGERPRINT.as_str()))
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
}
