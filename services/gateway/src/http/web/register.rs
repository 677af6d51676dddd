//! `GET /councils/{slug}`: the council's public register of decisions, newest first, a page at a
//! time, with a search box. Everything the page depends on is in its URL (`q=` the search,
//! `sort=relevance` its best matches first, `after=` the cursor of the last decision of the page
//! before), so every page is bookmarkable. A search by relevance is one page, as in GraphQL.
//!
//! The list is the GraphQL `decisions` query's, read the same way: the same filter (its text
//! search, checked by [`DecisionFilterInput::to_filter`]), the same page size and cursors
//! ([`page_request`]), the public's read models, summaries only.
//!
//! A client that asks for `application/json` (`Accept`) gets `decisions.json`'s JSON instead,
//! and one that asks for `application/atom+xml` the feed: every public decision, or the newest,
//! whatever `q=` and `after=` say (they page and search the HTML).

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use civic_projections::views::{DecisionView, Detail};
use civic_projections::{DecisionFilter, DecisionOrder, Page};
use maud::{Markup, html};
use serde::Deserialize;

use super::downloads::decisions_json_shown;
use super::feed::atom;
use super::locale::Locale;
use super::nav::{Section, council_nav};
use super::pages;
use super::{
    ATOM, HTML, JSON, PageRequest, VIEWER, home_crumb, negotiated, page_with_head, serve_page,
};
use crate::error::ApiError;
use crate::graphql::query::filter::DecisionFilterInput;
use crate::graphql::query::page::page_request;
use crate::http::AppState;
use crate::http::media::preferred;

use civic_domain::decision::DecisionField;

/// The query string of a register page.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct RegisterQuery {
    /// Words to search for; blank is no search.
    q: Option<String>,
    /// The cursor of the last decision already seen.
    after: Option<String>,
    /// `newest` (the default) or `relevance`; relevance orders only a search.
    sort: Option<String>,
}

/// How the page orders a search.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sort {
    Newest,
    Relevance,
}

impl Sort {
    fn parse(sort: Option<&str>) -> Result<Self, ApiError> {
        match sort {
            None | Some("" | "newest") => Ok(Sort::Newest),
            Some("relevance") => Ok(Sort::Relevance),
            Some(_) => Err(ApiError::invalid(
                "sort",
                "Sort the search by newest or by relevance.",
            )),
        }
    }
}

/// `GET /councils/{slug}`.
pub(crate) async fn register(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    query: Result<Query<RegisterQuery>, QueryRejection>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let answer = match preferred(&headers, HTML, &[JSON, ATOM]) {
        JSON => decisions_json_shown(&state, &slug, &uri, &headers).await,
        ATOM => atom(&state, &slug, &uri, &headers).await,
        _ => register_page(&state, &slug, query, &uri, &headers).await,
    };
    negotiated(answer)
}

/// The register as an HTML page.
async fn register_page(
    state: &AppState,
    slug: &str,
    query: Result<Query<RegisterQuery>, QueryRejection>,
    uri: &Uri,
    headers: &HeaderMap,
) -> Response {
    serve_page(state, slug, uri, headers, async |request| {
        // A query string we cannot read (a key given twice, bad percent-encoding) gets the HTML
        // error page, not axum's plain-text rejection.
        let Ok(Query(query)) = query else {
            return Err(ApiError::invalid(
                "q",
                "The address of this search is not valid. Search again.",
            ));
        };
        render(state, request, slug, query).await
    })
    .await
}

async fn render(
    state: &AppState,
    request: &PageRequest,
    slug: &str,
    query: RegisterQuery,
) -> Result<Markup, ApiError> {
    let services = &state.services;
    let reads = &request.reads;
    let search = query
        .q
        .as_deref()
        .map(str::trim)
        .filter(|q| !q.is_empty())
        .map(str::to_owned);
    // Only a search has an order of relevance; the control is shown only with one.
    let sort = match Sort::parse(query.sort.as_deref())? {
        Sort::Relevance if search.is_some() => Sort::Relevance,
        _ => Sort::Newest,
    };
    let filter = DecisionFilter {
        order: match sort {
            Sort::Newest => DecisionOrder::Newest,
            Sort::Relevance => DecisionOrder::Relevance,
        },
        ..DecisionFilterInput {
            text: search.clone(),
            ..DecisionFilterInput::default()
        }
        .to_filter(services.today())?
    };
    let after_given = query.after.is_some();
    let page_asked = page_request(&services.limits, None, query.after)?;
    let council = reads
        .council(request.tenant)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("no council {slug:?} yet")))?;
    let decisions = reads
        .decisions(
            request.tenant,
            VIEWER,
            &filter,
            &page_asked,
            Detail::Summary,
        )
        .await?;
    let name = council.name.as_str();
    let locale = &request.locale;
    let labels = locale.labels();
    let base = format!("/councils/{slug}");
    let feed = format!("{base}/feed.atom");
    let title = match &search {
        Some(q) => format!("{}{}{q}” – {name}", labels.decisions, labels.matching[0]),
        None => format!("{} – {name}", labels.decisions),
    };
    let [intro, intro_end] = labels.register_intro;
    let [follow, atom_feed, download, or] = labels.register_downloads;
    let main = html! {
        h1 class="govuk-heading-xl" {
            span class="govuk-caption-xl" { (name) }
            (labels.register_heading)
        }
        (council_nav(locale, slug, Section::Register))
        p class="govuk-body" { (intro) (name) (intro_end) }
        p class="govuk-body" {
            (follow)
            a class="govuk-link" href=(feed) type="application/atom+xml" { (atom_feed) }
            (download)
            a class="govuk-link" href=(format!("{base}/decisions.csv")) type="text/csv" download {
                "CSV" span class="govuk-visually-hidden" { (labels.spreadsheet) }
            }
            (or)
            a class="govuk-link" href=(format!("{base}/decisions.json")) type="application/json" download {
                "JSON"
            }
            "."
        }
        form method="get" action=(base) role="search" {
            div class="govuk-form-group" {
                label class="govuk-label govuk-label--m" for="q" { (labels.search_label) }
                div class="govuk-hint" id="q-hint" {
                    (labels.search_hint)
                }
                input class="govuk-input govuk-!-width-two-thirds" id="q" name="q" type="search"
                    value=[search.as_deref()] aria-describedby="q-hint" spellcheck="false";
            }
            @if sort == Sort::Relevance {
                input type="hidden" name="sort" value="relevance";
            }
            (locale.form_field())
            button class="govuk-button" type="submit" { (labels.search_button) }
        }
        (summary(locale, &decisions, search.as_deref(), after_given, &base))
        @if let Some(q) = &search {
            (sort_control(locale, &base, q, sort))
        }
        @if !decisions.items.is_empty() {
            (table(locale, &decisions, &base, sort))
        }
        @if sort == Sort::Relevance {
            @if decisions.has_next_page {
                p class="govuk-body" id="most-relevant" {
                    (labels.most_relevant[0]) (decisions.items.len()) (labels.most_relevant[1])
                }
            }
        } @else {
            (pages::pagination(locale, &labels.register_pages, pages::next_cursor(&decisions), after_given, |cursor| {
                pages::link(&base, search.as_deref().map(|q| ("q", q)), cursor)
            }))
        }
    };
    // Feed readers find the feed from the page's head.
    let head = html! {
        link rel="alternate" type="application/atom+xml" href=(feed)
            title=(format!("{} – {name}", labels.decisions));
    };
    // Breadcrumbs lead to the pages above this one, not to itself.
    Ok(page_with_head(
        locale,
        &title,
        &[home_crumb(locale)],
        head,
        main,
    ))
}

/// How many decisions the list has, and what the search was.
fn summary(
    locale: &Locale,
    decisions: &Page<DecisionView>,
    search: Option<&str>,
    after_given: bool,
    base: &str,
) -> Markup {
    let labels = locale.labels();
    let count = locale.count(decisions.total_count, labels.decision_nouns);
    let [published_one, published_many] = labels.published_count;
    let published = if decisions.total_count == 1 {
        published_one
    } else {
        published_many
    };
    html! {
        p class="govuk-body" role="status" {
            @match search {
                Some(q) => {
                    (count) (labels.matching[0]) (q) (labels.matching[1])
                    a class="govuk-link" href=(locale.href(base)) { (labels.clear_search) }
                }
                None => { (count) (published) }
            }
            @if after_given && decisions.items.is_empty() {
                (labels.no_more_after)
            }
        }
    }
}

/// "Sort by: newest / relevance", the current order in bold, the other a link to it.
fn sort_control(locale: &Locale, base: &str, q: &str, sort: Sort) -> Markup {
    let labels = locale.labels();
    let newest = pages::link(base, Some(("q", q)), None);
    let relevance = locale.href(&format!("{newest}&sort=relevance"));
    let newest = locale.href(&newest);
    html! {
        p class="govuk-body" id="sort" {
            (labels.sort_by)
            @if sort == Sort::Newest { strong { (labels.sort_newest) } }
            @else { a class="govuk-link" href=(newest) { (labels.sort_newest) } }
            " / "
            @if sort == Sort::Relevance { strong { (labels.sort_relevance) } }
            @else { a class="govuk-link" href=(relevance) { (labels.sort_relevance) } }
        }
    }
}

/// The decisions of the page, one row each.
fn table(locale: &Locale, decisions: &Page<DecisionView>, base: &str, sort: Sort) -> Markup {
    let labels = locale.labels();
    let caption = match sort {
        Sort::Newest => labels.register_caption,
        Sort::Relevance => labels.register_caption_relevant,
    };
    html! {
        table class="govuk-table" {
            caption class="govuk-table__caption govuk-visually-hidden" { (caption) }
            thead class="govuk-table__head" {
                tr class="govuk-table__row" {
                    th scope="col" class="govuk-table__header" { (labels.decision) }
                    th scope="col" class="govuk-table__header" { (labels.date_of_decision) }
                    th scope="col" class="govuk-table__header" { (labels.decision_maker) }
                    th scope="col" class="govuk-table__header" { (labels.status) }
                    th scope="col" class="govuk-table__header" { (labels.key_decision) }
                }
            }
            tbody class="govuk-table__body" {
                @for (_, decision) in &decisions.items {
                    (row(locale, decision, base))
                }
            }
        }
    }
}

fn row(locale: &Locale, decision: &DecisionView, base: &str) -> Markup {
    let labels = locale.labels();
    let record = &decision.record;
    let withheld = |field: DecisionField| record.withheld.iter().any(|w| w.field == field);
    let href = locale.href(&format!("{base}/decisions/{}", decision.id.as_uuid()));
    html! {
        tr class="govuk-table__row" {
            th scope="row" class="govuk-table__header" {
                a class="govuk-link" href=(href) { (record.title) }
            }
            td class="govuk-table__cell" {
                @if withheld(DecisionField::DateOfDecision) { (labels.withheld) }
                @else if let Some(date) = record.date_of_decision { (locale.date(date)) }
                @else { (labels.not_stated) }
            }
            td class="govuk-table__cell" {
                @if withheld(DecisionField::DecisionMaker) { (labels.withheld) }
                @else if let Some(body) = &record.decision_maker { (body.name_as_shown.as_str()) }
                @else { (labels.not_stated) }
            }
            td class="govuk-table__cell" {
                strong class="govuk-tag govuk-tag--grey" {
                    (super::decision::status_words_in(labels, decision))
                }
            }
            td class="govuk-table__cell" {
                @if withheld(DecisionField::KeyDecision) { (labels.withheld) }
                @else { (locale.yes_no(record.key_decision)) }
            }
        }
    }
}
