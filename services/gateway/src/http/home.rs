//! `/`: a short HTML page, without JavaScript, for whoever opens the server in a browser: the
//! councils (name and slug) with a link to each one's public register and GraphiQL, the
//! platform endpoint and the README. It is one of the web pages ([`super::web::page`]): GOV.UK's
//! styles served by the binary, their strict policy (no inline styles), in English, or Welsh on
//! `?lang=cy` with the link back to English. Council names are the councils' own text: maud
//! escapes every value it is given.
//!
//! A client that asks for `application/json` (`Accept`) gets the councils as JSON instead: each
//! one's slug, names, kind and nation, and the absolute addresses of its register, feed, sync
//! API and GraphQL endpoint, for mirrors that find the councils from the site itself.

use axum::extract::State;
use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use civic_projections::views::CouncilView;
use maud::html;
use serde_json::{Value, json};

use super::AppState;
use super::media::preferred;
use super::web::export::site_base;
use super::web::locale::Locale;
use super::web::public_json::{json_error, json_ok};
use super::web::{HTML, JSON, html_response, negotiated, page};
use crate::error::ApiError;

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
        _ => home_page(&uri, councils),
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

/// The home page in the reader's language (`?lang=cy`: Welsh, else English), in the pages'
/// house style ([`page`]): the councils by name, each with its register (linked in the
/// reader's language where it is not the council's own: [`Locale::href`]) and GraphQL endpoint.
fn home_page(
    uri: &Uri,
    councils: Result<Vec<CouncilView>, civic_runtime::RuntimeError>,
) -> Response {
    let locale = &Locale::new(uri, None);
    let labels = locale.labels();
    let mut councils = match councils {
        Ok(councils) => councils,
        Err(error) => {
            tracing::error!(%error, "the home page could not list the councils");
            let main = html! {
                h1 class="govuk-heading-l" { (labels.unavailable) }
                p class="govuk-body" { (labels.home_unavailable) }
            };
            return html_response(
                StatusCode::SERVICE_UNAVAILABLE,
                locale,
                page(locale, labels.unavailable, &[], main),
            );
        }
    };
    councils.sort_by(|a, b| a.name.as_str().cmp(b.name.as_str()));
    let [graphiql, under_headers] = labels.home_graphiql;
    let main = html! {
        h1 class="govuk-heading-xl" { "Civic Register" }
        p class="govuk-body" { (labels.home_intro) }
        p class="govuk-body" {
            (graphiql) code { "Authorization: Bearer …" } (under_headers)
        }
        h2 class="govuk-heading-m" { (labels.councils) }
        @if councils.is_empty() {
            p class="govuk-body" { (labels.home_no_councils) }
        } @else {
            table class="govuk-table" {
                caption class="govuk-table__caption govuk-visually-hidden" { (labels.home_caption) }
                thead class="govuk-table__head" {
                    tr class="govuk-table__row" {
                        th scope="col" class="govuk-table__header" { (labels.home_council) }
                        th scope="col" class="govuk-table__header" { (labels.home_slug) }
                        th scope="col" class="govuk-table__header" { (labels.home_register) }
                        th scope="col" class="govuk-table__header" { "GraphQL" }
                    }
                }
                tbody class="govuk-table__body" {
                    @for council in &councils {
                        @let register = format!("/councils/{}", council.slug);
                        @let endpoint = format!("{register}/graphql");
                        // The register in the reader's language, as the council's pages link.
                        @let in_language = Locale::new(uri, Some(council.nation)).href(&register);
                        tr class="govuk-table__row" {
                            th scope="row" class="govuk-table__header" { (council.name.as_str()) }
                            td class="govuk-table__cell" { code { (council.slug.as_str()) } }
                            td class="govuk-table__cell" {
                                a class="govuk-link" href=(in_language) { (register) }
                            }
                            td class="govuk-table__cell" {
                                a class="govuk-link" href=(endpoint) { (endpoint) }
                            }
                        }
                    }
                }
            }
        }
        h2 class="govuk-heading-m" { (labels.home_platform) }
        p class="govuk-body" {
            a class="govuk-link" href="/graphql" { "/graphql" }
            (labels.home_platform_text)
        }
        h2 class="govuk-heading-m" { (labels.home_documentation) }
        p class="govuk-body" {
            a class="govuk-link" href="/README.md" { "README" }
            (labels.home_readme_text)
        }
    };
    html_response(
        StatusCode::OK,
        locale,
        page(locale, labels.councils, &[], main),
    )
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
