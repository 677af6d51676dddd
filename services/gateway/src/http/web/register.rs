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
use super::nav::{Section, council_nav};
use super::pages;
use super::{
    ATOM, HTML, JSON, PageRequest, VIEWER, home_crumb, long_date, negotiated, page_with_head,
    serve_page,
};
use crate::error::ApiError;
use crate::graphql::query::filter::DecisionFilterInput;
use crate::graphql::query::page::page_request;
use crate::http::AppState;
use crate::http::media::preferred;

/// How the register names its pages.
const DECISIONS: pages::Names = pages::Names {
    of: "decisions",
    first: "Newest decisions",
};
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
    let base = format!("/councils/{slug}");
    let feed = format!("{base}/feed.atom");
    let title = match &search {
        Some(q) => format!("Decisions matching “{q}” – {name}"),
        None => format!("Decisions – {name}"),
    };
    let main = html! {
        h1 class="govuk-heading-xl" {
            span class="govuk-caption-xl" { (name) }
            "Register of decisions"
        }
        (council_nav(slug, Section::Register))
        p class="govuk-body" {
            "Decisions published by " (name) ", newest first. Information the law allows the council "
            "to withhold is shown as a notice saying why."
        }
        p class="govuk-body" {
            "Follow new decisions with the "
            a class="govuk-link" href=(feed) type="application/atom+xml" { "Atom feed" }
            ", or download every decision as "
            a class="govuk-link" href=(format!("{base}/decisions.csv")) type="text/csv" download {
                "CSV" span class="govuk-visually-hidden" { " (spreadsheet)" }
            }
            " or "
            a class="govuk-link" href=(format!("{base}/decisions.json")) type="application/json" download {
                "JSON"
            }
            "."
        }
        form method="get" action=(base) role="search" {
            div class="govuk-form-group" {
                label class="govuk-label govuk-label--m" for="q" { "Search decisions" }
                div class="govuk-hint" id="q-hint" {
                    "Words in the title, purpose, decision, reasons, reason key, report author, "
                    "consultees or reference. Put a phrase in \"quotes\", use OR between "
                    "alternatives, end a word with * to match its beginning (highw*), and put - "
                    "before a word to leave it out."
                }
                input class="govuk-input govuk-!-width-two-thirds" id="q" name="q" type="search"
                    value=[search.as_deref()] aria-describedby="q-hint" spellcheck="false";
            }
            @if sort == Sort::Relevance {
                input type="hidden" name="sort" value="relevance";
            }
            button class="govuk-button" type="submit" { "Search" }
        }
        (summary(&decisions, search.as_deref(), after_given, &base))
        @if let Some(q) = &search {
            (sort_control(&base, q, sort))
        }
        @if !decisions.items.is_empty() {
            (table(&decisions, &base, sort))
        }
        @if sort == Sort::Relevance {
            @if decisions.has_next_page {
                p class="govuk-body" id="most-relevant" {
                    "These are the " (decisions.items.len()) " most relevant. Sort by newest to "
                    "see every match, page by page."
                }
            }
        } @else {
            (pages::pagination(&DECISIONS, pages::next_cursor(&decisions), after_given, |cursor| {
                pages::link(&base, search.as_deref().map(|q| ("q", q)), cursor)
            }))
        }
    };
    // Feed readers find the feed from the page's head.
    let head = html! {
        link rel="alternate" type="application/atom+xml" href=(feed)
            title=(format!("Decisions – {name}"));
    };
    // Breadcrumbs lead to the pages above this one, not to itself.
    Ok(page_with_head(&title, &[home_crumb()], head, main))
}

/// How many decisions the list has, and what the search was.
fn summary(
    decisions: &Page<DecisionView>,
    search: Option<&str>,
    after_given: bool,
    base: &str,
) -> Markup {
    let count = decisions.total_count;
    let noun = if count == 1 { "decision" } else { "decisions" };
    html! {
        p class="govuk-body" role="status" {
            @match search {
                Some(q) => {
                    (count) " " (noun) " matching “" (q) "”. "
                    a class="govuk-link" href=(base) { "Clear the search" }
                }
                None => { (count) " " (noun) " published." }
            }
            @if after_given && decisions.items.is_empty() {
                " There are no more decisions after this page."
            }
        }
    }
}

/// "Sort by: newest / relevance", the current order in bold, the other a link to it.
fn sort_control(base: &str, q: &str, sort: Sort) -> Markup {
    let newest = pages::link(base, Some(("q", q)), None);
    let relevance = format!("{newest}&sort=relevance");
    html! {
        p class="govuk-body" id="sort" {
            "Sort by: "
            @if sort == Sort::Newest { strong { "newest" } }
            @else { a class="govuk-link" href=(newest) { "newest" } }
            " / "
            @if sort == Sort::Relevance { strong { "relevance" } }
            @else { a class="govuk-link" href=(relevance) { "relevance" } }
        }
    }
}

/// The decisions of the page, one row each.
fn table(decisions: &Page<DecisionView>, base: &str, sort: Sort) -> Markup {
    let caption = match sort {
        Sort::Newest => "Decisions, newest first",
        Sort::Relevance => "Decisions, most relevant first",
    };
    html! {
        table class="govuk-table" {
            caption class="govuk-table__caption govuk-visually-hidden" { (caption) }
            thead class="govuk-table__head" {
                tr class="govuk-table__row" {
                    th scope="col" class="govuk-table__header" { "Decision" }
                    th scope="col" class="govuk-table__header" { "Date of decision" }
                    th scope="col" class="govuk-table__header" { "Decision maker" }
                    th scope="col" class="govuk-table__header" { "Status" }
                    th scope="col" class="govuk-table__header" { "Key decision" }
                }
            }
            tbody class="govuk-table__body" {
                @for (_, decision) in &decisions.items {
                    (row(decision, base))
                }
            }
        }
    }
}

fn row(decision: &DecisionView, base: &str) -> Markup {
    let record = &decision.record;
    let withheld = |field: DecisionField| record.withheld.iter().any(|w| w.field == field);
    let href = format!("{base}/decisions/{}", decision.id.as_uuid());
    html! {
        tr class="govuk-table__row" {
            th scope="row" class="govuk-table__header" {
                a class="govuk-link" href=(href) { (record.title) }
            }
            td class="govuk-table__cell" {
                @if withheld(DecisionField::DateOfDecision) { "Withheld" }
                @else if let Some(date) = record.date_of_decision { (long_date(date)) }
                @else { "Not stated" }
            }
            td class="govuk-table__cell" {
                @if withheld(DecisionField::DecisionMaker) { "Withheld" }
                @else if let Some(body) = &record.decision_maker { (body.name_as_shown.as_str()) }
                @else { "Not stated" }
            }
            td class="govuk-table__cell" {
                strong class="govuk-tag govuk-tag--grey" { (super::decision::status_words(decision)) }
            }
            td class="govuk-table__cell" {
                @if withheld(DecisionField::KeyDecision) { "Withheld" }
                @else { (super::yes_no(record.key_decision)) }
            }
        }
    }
}
