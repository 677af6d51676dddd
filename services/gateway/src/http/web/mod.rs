//! The public register on the web: server-rendered HTML pages, without JavaScript, in the style
//! of the GOV.UK Design System (its CSS served by the binary: [`super::assets`]).
//!
//! - [`register`]: `/councils/{slug}`, the council's register of decisions, with search and pages.
//! - [`decision`]: `/councils/{slug}/decisions/{id}`, one decision as the council's page shows it.
//! - [`forward_plan`]: `/councils/{slug}/forward-plan`, the decisions to come, by date due.
//! - [`plan_entry`]: `/councils/{slug}/forward-plan/{id}`, one forward-plan entry, every public
//!   field of it.
//! - [`meetings`]: `/councils/{slug}/meetings`, the meetings of its bodies, newest first.
//! - [`meeting`]: `/councils/{slug}/meetings/{id}`, one meeting with its agenda and minutes.
//! - [`strategies`]: `/councils/{slug}/strategies`, the council's strategy documents.
//! - [`strategy`]: `/councils/{slug}/strategies/{id}`, one document: its versions and names.
//! - [`history`]: `…/decisions/{id}/history` (and meetings', strategies', forward-plan
//!   entries'): a record's public changes, oldest first.
//! - [`linked_data`]: schema.org JSON-LD in the head of the pages of a decision, a meeting, a
//!   forward-plan entry and a strategy document.
//! - [`nav`]: the links between a council's pages.
//! - [`locale`]: the pages' language (English, or Welsh), and every fixed word of them.
//! - [`tag`]: `ETag` and `304 Not Modified` from the council's log position.
//! - [`feed`]: `/councils/{slug}/feed.atom`, the newest decisions and the forward-plan entries
//!   changed last, as an Atom feed.
//! - [`downloads`]: `/councils/{slug}/decisions.csv` and `.json`, every public decision.
//! - [`export`]: what the feed, the downloads and the changes API share.
//! - [`changes`]: `/councils/{slug}/changes?since=`, the sync API for mirrors; [`changed`]: which
//!   records a stretch of the log changed.
//! - [`public_json`]: each record as JSON for the public, and the JSON answers and errors.
//!
//! The register, a decision, the forward plan and an entry of it, the meetings, a meeting and the
//! strategies answer by `Accept` ([`negotiated`]): HTML, else JSON (and the register, Atom).
//! - [`calendar`]: `/councils/{slug}/meetings.ics`, the meetings as an iCalendar.
//! - [`export`]: what the feed, the downloads and the calendar share.
//! - [`uk_time`]: clock times in the UK, for meetings' times and the history's.
//!
//! Every page reads the read models as [`Viewer::Public`], through the same reads the GraphQL
//! queries use, so a page shows exactly what an anonymous GraphQL query answers: drafts never,
//! withheld values only as their notices. maud escapes every value it is given.

pub(crate) mod calendar;
pub(crate) mod changed;
pub(crate) mod changes;
pub(crate) mod decision;
pub(crate) mod downloads;
pub(crate) mod export;
pub(crate) mod feed;
pub(crate) mod form_input;
pub(crate) mod forward_plan;
pub(crate) mod history;
pub(crate) mod linked_data;
pub(crate) mod locale;
pub(crate) mod meeting;
pub(crate) mod meetings;
pub(crate) mod nav;
pub(crate) mod pages;
pub(crate) mod plan_entry;
pub(crate) mod public_json;
pub(crate) mod register;
pub(crate) mod strategies;
pub(crate) mod strategy;
pub(crate) mod tag;
pub(crate) mod uk_time;

use axum::extract::Query;
use axum::extract::rejection::QueryRejection;
use axum::http::header::{CONTENT_LANGUAGE, VARY};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::Response;
use civic_eventstore::TenantId;
use civic_projections::views::CouncilView;
use civic_projections::{ReadModels, Viewer};
use civic_runtime::Runtime;
use maud::{DOCTYPE, Markup, html};
use std::sync::Arc;

use super::AppState;
use super::assets::{GOVUK_STYLES, govuk_asset_url};
use super::graphql::council_scope;
use crate::error::ApiError;
use locale::Locale;

/// The reads of every page: the public's.
const VIEWER: Viewer = Viewer::Public;

/// The site's own stylesheet and nothing else: no scripts, frames or inline styles; the search
/// form submits only to this site.
const POLICY: &str = "default-src 'none'; style-src 'self'; base-uri 'none'; \
                      form-action 'self'; frame-ancestors 'none'";

/// A page request under way: the council, its reads, and the page's tag if its position could
/// be read.
pub(crate) struct PageRequest {
    /// The council of the slug.
    pub tenant: TenantId,
    /// The read models the public's reads of the council are answered from (its database's, or
    /// a read replica's: [`crate::Services::reads_in`]).
    pub reads: ReadModels,
    /// The runtime of the council's database, for its log.
    pub runtime: Arc<Runtime>,
    /// The page's `ETag` ([`tag::page_tag`]); `None` when the position could not be read (the
    /// page is then served untagged rather than not at all).
    pub etag: Option<String>,
    /// The page's language: `lang=`, else the council's own.
    pub locale: Locale,
    /// The council as its public read models stand (read once, after the page's position).
    pub council: CouncilView,
}

/// Starts a page of the council `slug`: its tenant and its record (else the 404 page), and its
/// tag; a client that holds the page gets 304 (`Err` is the answer to give).
///
/// The position is read first: the council and the records read after it are at least as new
/// as the position the tag names, so a page is never older than its tag.
async fn begin(
    state: &AppState,
    slug: &str,
    uri: &Uri,
    headers: &HeaderMap,
) -> Result<PageRequest, Response> {
    let unknown = Locale::new(uri, None);
    let scope = council_scope(state, slug)
        .await
        .map_err(|error| localised_error_page(&unknown, error))?;
    let tenant = scope.tenant;
    let services = &state.services;
    let reads = services.reads_in(&scope.runtime, VIEWER).clone();
    let position = match reads.read_position(tenant).await {
        Ok(position) => position,
        Err(error) => {
            tracing::warn!(%error, "a register page could not read the council's position");
            None
        }
    };
    let council = match reads.council(tenant).await {
        Ok(Some(council)) => council,
        // Registered, but not yet in its read models: as unknown as a council never registered.
        Ok(None) => {
            let error = ApiError::NotFound(format!("no council {slug:?} yet"));
            return Err(localised_error_page(&unknown, error));
        }
        Err(error) => return Err(localised_error_page(&unknown, error.into())),
    };
    // The council's nation sets the language its pages default to.
    let locale = Locale::new(uri, Some(council.nation));
    let etag = position
        .map(|position| tag::page_tag(tenant, position, services.today(), uri, locale.lang));
    if let Some(etag) = &etag
        && super::cached::matches(headers, etag)
    {
        return Err(tag::not_modified(etag));
    }
    Ok(PageRequest {
        tenant,
        reads,
        runtime: scope.runtime,
        etag,
        locale,
        council,
    })
}

/// Answers a page of the council `slug`: the council and the page's tag first ([`begin`]: its
/// 404, or a 304 when the client holds the page, ends it there), then `render`, answered as
/// HTML with the tag or as the error page.
pub(crate) async fn serve_page(
    state: &AppState,
    slug: &str,
    uri: &Uri,
    headers: &HeaderMap,
    render: impl AsyncFnOnce(&PageRequest) -> Result<Markup, ApiError>,
) -> Response {
    let request = match begin(state, slug, uri, headers).await {
        Ok(request) => request,
        Err(answer) => return answer,
    };
    let page = render(&request).await;
    finish(&request, page)
}

/// The answer to a page request: the page with its tag, or the error page (untagged).
fn finish(request: &PageRequest, page: Result<Markup, ApiError>) -> Response {
    match page {
        Ok(markup) => {
            let response = html_response(StatusCode::OK, &request.locale, markup);
            match &request.etag {
                Some(etag) => tag::with_tag(response, etag),
                None => response,
            }
        }
        Err(error) => localised_error_page(&request.locale, error),
    }
}

/// The forms a negotiated page answers in, by `Accept` ([`crate::http::media::preferred`]).
pub(crate) const HTML: &str = "text/html";
/// JSON: the register's `decisions.json`, a decision's or a forward-plan entry's public record.
pub(crate) const JSON: &str = "application/json";
/// Atom: the register's feed.
pub(crate) const ATOM: &str = "application/atom+xml";

/// `response`, an answer chosen by the request's `Accept` header, marked so (`Vary: Accept`):
/// a cache keeps each form apart. Every answer of the path says so, the HTML page and its 304
/// and error pages too.
pub(crate) fn negotiated(mut response: Response) -> Response {
    response
        .headers_mut()
        .append(VARY, HeaderValue::from_static("accept"));
    response
}

/// A page that also answers JSON: by the request's `Accept`, the JSON `json` makes
/// ([`public_json::json_from`], `representation` naming it for its tag) or the page `render`
/// makes ([`serve_page`]), either marked as negotiated.
pub(crate) async fn page_or_json<T: serde::Serialize>(
    state: &AppState,
    slug: &str,
    uri: &Uri,
    headers: &HeaderMap,
    representation: &str,
    json: impl AsyncFnOnce(&export::ExportRequest) -> Result<T, ApiError>,
    render: impl AsyncFnOnce(&PageRequest) -> Result<Markup, ApiError>,
) -> Response {
    let answer = match crate::http::media::preferred(headers, HTML, &[JSON]) {
        JSON => public_json::json_from(state, slug, uri, headers, representation, json).await,
        _ => serve_page(state, slug, uri, headers, render).await,
    };
    negotiated(answer)
}

/// A page's query string as its handler asked axum to read it, else the bad request's error
/// (answered as the page's 400, not as axum's plain-text rejection): a key given twice, bad
/// percent-encoding, a value of the wrong kind. `field` names what the page reads from it.
pub(crate) fn query_of<T>(
    query: Result<Query<T>, QueryRejection>,
    field: &str,
) -> Result<T, ApiError> {
    query
        .map(|Query(query)| query)
        .map_err(|_| ApiError::invalid(field, "The address of this page is not valid."))
}

/// A link in the breadcrumbs above a page's heading.
pub(crate) struct Crumb {
    /// The link's text.
    pub text: String,
    /// Where it goes.
    pub href: String,
}

/// The whole page in `locale`'s language: `title` names it in the browser's tab, `crumbs` lead
/// back to the home page; the link to the page in the other language, when it has one, comes
/// first.
pub(crate) fn page(locale: &Locale, title: &str, crumbs: &[Crumb], main: Markup) -> Markup {
    page_with_head(locale, title, crumbs, html! {}, main)
}

/// [`page`] with more in its `head` (such as a link to the page's feed).
pub(crate) fn page_with_head(
    locale: &Locale,
    title: &str,
    crumbs: &[Crumb],
    head: Markup,
    main: Markup,
) -> Markup {
    let labels = locale.labels();
    html! {
        (DOCTYPE)
        html lang=(locale.lang.code()) class="govuk-template" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " – Civic Register" }
                link rel="stylesheet" href=(govuk_asset_url(GOVUK_STYLES));
                (head)
            }
            body class="govuk-template__body" {
                a href="#main-content" class="govuk-skip-link" { (labels.skip_link) }
                div class="govuk-width-container" {
                    (locale.toggle())
                    @if !crumbs.is_empty() {
                        nav class="govuk-breadcrumbs" aria-label=(labels.breadcrumb) {
                            ol class="govuk-breadcrumbs__list" {
                                @for crumb in crumbs {
                                    li class="govuk-breadcrumbs__list-item" {
                                        a class="govuk-breadcrumbs__link" href=(crumb.href) {
                                            (crumb.text)
                                        }
                                    }
                                }
                            }
                        }
                    }
                    main class="govuk-main-wrapper" id="main-content" {
                        (main)
                    }
                }
            }
        }
    }
}

/// The link back to the home page, in the page's language, first of every page's breadcrumbs.
pub(crate) fn home_crumb(locale: &Locale) -> Crumb {
    Crumb {
        text: locale.labels().councils.to_owned(),
        href: locale.home_href().to_owned(),
    }
}

/// An HTML answer in `locale`'s language (`Content-Language`) with the pages' policy;
/// revalidated on every use ([`tag`] says whether it changed).
pub(crate) fn html_response(status: StatusCode, locale: &Locale, markup: Markup) -> Response {
    let mut response = super::html::html_page(status, markup, POLICY);
    response.headers_mut().insert(
        CONTENT_LANGUAGE,
        HeaderValue::from_static(locale.lang.code()),
    );
    response
}

/// The error page in English, for the feeds and downloads (see [`localised_error_page`]).
pub(crate) fn error_page(error: ApiError) -> Response {
    localised_error_page(&Locale::english(), error)
}

/// A page's error as an HTML page: 404 for what does not exist (or the public may not see: a
/// draft is not told apart from a missing decision), 400 for a bad search or page link, 503 for
/// a failed read (logged, never shown). In `locale`'s language, a bad request's explanation
/// too ([`bad_input_text`]).
pub(crate) fn localised_error_page(locale: &Locale, error: ApiError) -> Response {
    let labels = locale.labels();
    let (status, heading, text) = match &error {
        ApiError::NotFound(_) => (
            StatusCode::NOT_FOUND,
            labels.not_found,
            labels.not_found_text.to_owned(),
        ),
        // A record's address that holds no id at all ([`plan_entry`]).
        ApiError::Invalid { field, message } => (
            StatusCode::BAD_REQUEST,
            if field == "id" {
                labels.bad_address
            } else {
                labels.bad_search
            },
            bad_input_text(locale, field, message),
        ),
        ApiError::ReadModel(
            civic_projections::ProjectionError::InvalidCursor
            | civic_projections::ProjectionError::InvalidPage(_),
        ) => (
            StatusCode::BAD_REQUEST,
            labels.bad_page_link,
            labels.bad_page_link_text.to_owned(),
        ),
        _ => {
            tracing::error!(?error, "a register page could not be read");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                labels.unavailable,
                labels.unavailable_text.to_owned(),
            )
        }
    };
    let main = html! {
        h1 class="govuk-heading-l" { (heading) }
        p class="govuk-body" { (text) }
        p class="govuk-body" { a class="govuk-link" href=(locale.home_href()) { (labels.every_council) } }
    };
    html_response(
        status,
        locale,
        page(locale, heading, &[home_crumb(locale)], main),
    )
}

/// What a 400 page says of the input refused. The web handlers refuse input as GraphQL's
/// resolvers do, with an English sentence for the field refused (`ApiError::invalid("from",
/// "…")`), which the English page shows as it is: it may quote the value refused. A page in
/// another language shows its own sentence for that field ([`locale::Labels::bad_inputs`]),
/// else its sentence for an address it cannot read, never the English one.
pub(crate) fn bad_input_text(locale: &Locale, field: &str, message: &str) -> String {
    let labels = locale.labels();
    if locale.lang == locale::Lang::En {
        return message.to_owned();
    }
    labels
        .bad_inputs
        .iter()
        .find(|(name, _)| *name == field)
        .map_or(labels.bad_address_text, |(_, text)| text)
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_inputs_explanation_is_in_the_pages_language() {
        let english = Locale::english();
        let welsh = Locale::new(&"/councils/x?lang=cy".parse().unwrap(), None);
        let said = "The date of decision “to” is not a date: write it as YYYY-MM-DD.";
        assert_eq!(bad_input_text(&english, "to", said), said);
        assert!(bad_input_text(&welsh, "to", said).starts_with("Rhowch y dyddiad “Hyd at”"));
        assert_eq!(
            bad_input_text(&welsh, "after", "The address of this page is not valid."),
            "Nid yw cyfeiriad y dudalen hon yn ddilys."
        );
    }

    #[test]
    fn every_value_on_a_page_is_escaped() {
        let html = page(&Locale::english(), "<b>", &[], html! { p { ("<script>") } }).into_string();
        assert!(!html.contains("<script>") && !html.contains("<b>"));
        assert!(html.contains("&lt;script&gt;"));
    }
}
