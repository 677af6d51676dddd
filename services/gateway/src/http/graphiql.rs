//! The GraphiQL page a browser gets on a GraphQL endpoint: a few lines of HTML naming the
//! embedded assets ([`super::assets`]) and the endpoint, with no inline script, so that a strict
//! Content-Security-Policy can forbid loading anything from anywhere else.

use axum::http::StatusCode;
use axum::response::Response;
use maud::{DOCTYPE, html};

use super::assets::{GRAPHIQL_SCRIPTS, GRAPHIQL_STYLES, graphiql_asset_url};

/// Scripts, styles and requests from this server only. GraphiQL sets styles on elements (hence
/// `'unsafe-inline'` for styles only) and inlines its fonts and icons as `data:` URLs.
const POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
                      font-src 'self' data:; img-src 'self' data:; connect-src 'self'; \
                      base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// The GraphiQL page for `endpoint` (a path on this server), titled `title`.
pub(crate) fn page(endpoint: &str, title: &str) -> Response {
    let markup = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="robots" content="noindex";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) }
                link rel="icon" href="data:,";
                @for style in GRAPHIQL_STYLES {
                    link rel="stylesheet" href=(graphiql_asset_url(style));
                }
            }
            body {
                div id="graphiql" data-endpoint=(endpoint) { "Loading GraphiQL…" }
                noscript {
                    p {
                        "GraphiQL needs JavaScript. Without it, send GraphQL requests to "
                        code { (endpoint) } " with POST."
                    }
                }
                @for script in GRAPHIQL_SCRIPTS {
                    script src=(graphiql_asset_url(script)) {}
                }
            }
        }
    };
    super::html::html_page(StatusCode::OK, markup, POLICY)
}
