//! `/`: a short HTML page, without JavaScript, for whoever opens the server in a browser: the
//! councils (name and slug) with a link to each one's public register and GraphiQL, the platform endpoint and the
//! README. Council names are the councils' own text: maud escapes every value it is given.
//!
//! A client that asks for `application/json` (`Accept`) gets the councils as JSON instead: each
//! one's slug, names, kind and nation, and the absolute addresses of its register, feed, sync
//! API and GraphQL endpoint, for mirrors that find the councils from the site itself.

use axum::extract::State;
use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use civic_projections::views::CouncilView;
use maud::{DOCTYPE, Markup, html};
use serde_json::{Value, json};

use super::AppState;
use super::media::preferred;
use super::web::export::site_base;
use super::web::public_json::{json_error, json_ok};
use super::web::{HTML, JSON, negotiated};
use crate::error::ApiError;

/// Nothing but the page's own inline styles; no scripts, frames, forms or requests elsewhere.
const POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; \
                      form-action 'none'; frame-ancestors 'none'";

const STYLE: &str = "body{font-family:system-ui,sans-serif;line-height:1.5;max-width:50rem;\
                     margin:2rem auto;padding:0 1rem}table{border-collapse:collapse}\
                     th,td{text-align:left;padding:.25rem 1rem .25rem 0}";

/// The README of this build, served as text so that the page can link to it offline.
const README: &str = include_str!("../../../../README.md");

/// `GET /`: the home page, or the councils as JSON.
pub(crate) async fn home(State(state): State<AppState>, uri: Uri, headers: HeaderMap) -> Response {
    let councils = state.services.directory.councils().await;
    let answer = match preferred(&headers, HTML, &[JSON]) {
        JSON => {
            let list = async {
                let base = site_base(&uri, &headers)?;
                Ok::<_, ApiError>(councils_json(&base, &councils?))
            };
            match list.await {
                Ok(list) => json_ok(&list),
                Err(error) => json_error(error),
            }
        }
        _ => home_page(councils),
    };
    negotiated(answer)
}

/// The councils as JSON, by name: what a mirror needs to find and follow each one.
fn councils_json(base: &str, councils: &[CouncilView]) -> Value {
    let councils: Vec<Value> = councils
        .iter()
        .map(|council| {
            let register = format!("{base}/councils/{}", council.slug);
            json!({
                "slug": council.slug.as_str(),
                "name": council.name.as_str(),
                "former_names": council.former_names.iter().map(|name| name.as_str()).collect::<Vec<_>>(),
                "kind": council.kind,
                "nation": council.nation,
                "register": register,
                "feed": format!("{register}/feed.atom"),
                "changes": format!("{register}/changes"),
                "graphql": format!("{register}/graphql"),
            })
        })
        .collect();
    json!({ "councils": councils })
}

fn home_page(councils: Result<Vec<CouncilView>, civic_runtime::RuntimeError>) -> Response {
    let mut councils = match councils {
        Ok(councils) => councils,
        Err(error) => {
            tracing::error!(%error, "the home page could not list the councils");
            return html_response(
                StatusCode::SERVICE_UNAVAILABLE,
                page(
                    html! { p { "The list of councils cannot be read just now; try again shortly." } },
                ),
            );
        }
    };
    councils.sort_by(|a, b| a.name.as_str().cmp(b.name.as_str()));
    let body = html! {
        p {
            "The registers of decisions of the councils below: read each on the web, or query it "
            "over GraphQL. "
            "Open a council's GraphiQL to query its register from the browser; clerks add "
            code { "Authorization: Bearer …" } " under Headers."
        }
        h2 { "Councils" }
        @if councils.is_empty() {
            p { "No council has been registered yet." }
        } @else {
            table {
                thead { tr { th scope="col" { "Council" } th scope="col" { "Slug" } th scope="col" { "Register" } th scope="col" { "GraphQL" } } }
                tbody {
                    @for council in &councils {
                        @let endpoint = format!("/councils/{}/graphql", council.slug);
                        @let register = format!("/councils/{}", council.slug);
                        tr {
                            td { (council.name.as_str()) }
                            td { code { (council.slug.as_str()) } }
                            td { a href=(register) { (register) } }
                            td { a href=(endpoint) { (endpoint) } }
                        }
                    }
                }
            }
        }
        h2 { "Platform" }
        p {
            a href="/graphql" { "/graphql" }
            ": the councils on this platform, and their registration by platform administrators."
        }
        h2 { "Documentation" }
        p {
            a href="/README.md" { "README" }
            ": running the register, its configuration and its HTTP routes."
        }
    };
    html_response(StatusCode::OK, page(body))
}

/// `GET /README.md`: the README of this build, as plain text (browsers show it, where
/// `text/markdown` would make them download it).
pub(crate) async fn readme() -> Response {
    let mut response = README.into_response();
    response.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}

fn page(body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { "Civic Register" }
                style { (STYLE) }
            }
            // One `main` landmark holds the page, so screen-reader users can jump to it.
            body {
                main {
                    h1 { "Civic Register" }
                    (body)
                }
            }
        }
    }
}

fn html_response(status: StatusCode, markup: Markup) -> Response {
    super::html::html_page(status, markup, POLICY)
}
