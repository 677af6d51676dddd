//! `GET /councils/{slug}`: the council's public register of decisions, newest first, a page at a
//! time, with a search box and filters. Everything the page depends on is in its URL (`q=` the
//! search, `sort=relevance` its best matches first, `after=` the cursor of the last decision of
//! the page before, and the filters: [`filters`]), so every page is bookmarkable. A search by
//! relevance pages in its own order, as in GraphQL.
//!
//! - [`filters`]: the query string read, and the filters written back into the links.
//! - [`form`]: the search and filters form.
//!
//! The list is the GraphQL `decisions` query's, read the same way: the same filter (its text
//! search and conditions, checked by GraphQL's
//! [`DecisionFilterInput::to_filter`](crate::graphql::query::filter::DecisionFilterInput::to_filter)),
//! the same page size and cursors ([`page_request`]), the public's read models, summaries only.
//! A condition applies to what the public sees: a withheld value matches no filter.
//!
//! A client that asks for `application/json` (`Accept`) gets `decisions.json`'s JSON instead,
//! and one that asks for `application/atom+xml` the feed: every public decision, or the newest,
//! whatever `q=`, `after=` and the filters say (they page, search and filter the HTML).

mod filters;
mod form;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use civic_projections::views::{CouncilView, DecisionView, Detail};
use civic_projections::{DecisionFilter, DecisionOrder, Page};
use maud::{Markup, html};

use super::downloads::decisions_json_shown;
use super::feed::atom;
use super::locale::Locale;
use super::nav::{Section, council_nav};
use super::pages;
use super::{
    ATOM, HTML, JSON, PageRequest, VIEWER, home_crumb, negotiated, page_with_head, serve_page,
};
use crate::error::ApiError;
use crate::graphql::query::page::page_request;
use crate::http::AppState;
use crate::http::media::preferred;
use filters::{Filters, RegisterQuery};
use form::{Chosen, search_form};

use civic_domain::decision::DecisionField;

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
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let answer = match preferred(&headers, HTML, &[JSON, ATOM]) {
        JSON => decisions_json_shown(&state, &slug, &uri, &headers).await,
        ATOM => atom(&state, &slug, &uri, &headers).await,
        _ => register_page(&state, &slug, &uri, &headers).await,
    };
    negotiated(answer)
}

/// The register as an HTML page.
async fn register_page(state: &AppState, slug: &str, uri: &Uri, headers: &HeaderMap) -> Response {
    serve_page(state, slug, uri, headers, async |request| {
        // A query string we cannot read (a setting given twice, a bad filter) gets the HTML
        // error page saying why.
        let query = RegisterQuery::parse(uri.query())?;
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
    let filters = &query.filters;
    let filter = DecisionFilter {
        order: match sort {
            Sort::Newest => DecisionOrder::Newest,
            Sort::Relevance => DecisionOrder::Relevance,
        },
        ..filters.input(search.clone()).to_filter(services.today())?
    };
    let after_given = query.after.is_some();
    let page_asked = page_request(&services.limits, None, query.after)?;
    let council = &request.council;
    check_listed(council, filters)?;
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
    let links = Links {
        base: &base,
        search: search.as_deref(),
        filters: filters.pairs(),
    };
    let title = match (&search, filters.any()) {
        (Some(q), false) => format!("{}{}{q}” – {name}", labels.decisions, labels.matching[0]),
        (Some(q), true) => format!(
            "{}{}{q}”{} – {name}",
            labels.decisions, labels.matching[0], labels.and_filters
        ),
        (None, true) => format!("{}{} – {name}", labels.decisions, labels.filtered_title),
        (None, false) => format!("{} – {name}", labels.decisions),
    };
    let chosen = Chosen {
        search: search.as_deref(),
        by_relevance: sort == Sort::Relevance,
        filters,
        clear_filters: filters.any().then(|| {
            let sort = (sort == Sort::Relevance).then_some(("sort", "relevance"));
            pages::link(&base, links.search_pair().into_iter().chain(sort), None)
        }),
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
        (search_form(locale, council, &base, &chosen))
        (summary(locale, &decisions, &links, after_given))
        @if search.is_some() {
            (sort_control(locale, &links, sort))
        }
        @if !decisions.items.is_empty() {
            (table(locale, &decisions, &base, sort))
        }
        @match sort {
            Sort::Newest => (pages::pagination(locale, &labels.register_pages, pages::next_cursor(&decisions), after_given, |cursor| {
                pages::link(&base, links.kept(), cursor)
            })),
            Sort::Relevance => (pages::pagination(locale, &labels.relevant_pages, pages::next_cursor(&decisions), after_given, |cursor| {
                pages::link(&base, links.kept().chain([("sort", "relevance")]), cursor)
            })),
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

/// Refuses a decision maker or ward the council does not list (a link from another council's
/// register, say): the page would show "no decisions" for a choice its form cannot show.
fn check_listed(council: &CouncilView, filters: &Filters) -> Result<(), ApiError> {
    if let Some(maker) = filters.maker
        && !council.bodies.iter().any(|body| body.id.as_uuid() == maker)
    {
        return Err(ApiError::invalid(
            "maker",
            "This council lists no such decision maker. Choose the decision maker from the list.",
        ));
    }
    if let Some(ward) = filters.ward
        && !council
            .wards
            .iter()
            .any(|listed| listed.id.as_uuid() == ward)
    {
        return Err(ApiError::invalid(
            "ward",
            "This council lists no such ward. Choose the ward from the list.",
        ));
    }
    Ok(())
}

/// What the page's links keep: the search and the filters (not the language: [`Locale::href`]
/// adds it).
struct Links<'a> {
    base: &'a str,
    search: Option<&'a str>,
    filters: Vec<(&'static str, String)>,
}

impl Links<'_> {
    fn search_pair(&self) -> Option<(&str, &str)> {
        self.search.map(|q| ("q", q))
    }

    fn filter_pairs(&self) -> impl Iterator<Item = (&str, &str)> {
        self.filters
            .iter()
            .map(|(name, value)| (*name, value.as_str()))
    }

    /// The search, then the filters.
    fn kept(&self) -> impl Iterator<Item = (&str, &str)> {
        self.search_pair().into_iter().chain(self.filter_pairs())
    }

    /// The page without the search, the filters kept.
    fn without_search(&self) -> String {
        pages::link(self.base, self.filter_pairs(), None)
    }
}

/// How many decisions the list has, and what the search and filters were.
fn summary(
    locale: &Locale,
    decisions: &Page<DecisionView>,
    links: &Links<'_>,
    after_given: bool,
) -> Markup {
    let labels = locale.labels();
    let count = locale.count(decisions.total_count, labels.decision_nouns);
    let one = decisions.total_count == 1;
    let pick = |[singular, plural]: [&'static str; 2]| if one { singular } else { plural };
    let filtered = !links.filters.is_empty();
    html! {
        p class="govuk-body" role="status" {
            @match (links.search, filtered) {
                (Some(q), false) => {
                    (count) (labels.matching[0]) (q) (labels.matching[1])
                    a class="govuk-link" href=(locale.href(&links.without_search())) {
                        (labels.clear_search)
                    }
                }
                (Some(q), true) => {
                    (count) (labels.matching[0]) (q) "”" (labels.and_filters) ". "
                    a class="govuk-link" href=(locale.href(&links.without_search())) {
                        (labels.clear_search)
                    }
                }
                (None, true) => { (count) (pick(labels.match_filters)) }
                (None, false) => { (count) (pick(labels.published_count)) }
            }
            @if after_given && decisions.items.is_empty() {
                (labels.no_more_after)
            }
        }
    }
}

/// "Sort by: newest / relevance", the current order in bold, the other a link to it; the
/// filters kept.
fn sort_control(locale: &Locale, links: &Links<'_>, sort: Sort) -> Markup {
    let labels = locale.labels();
    let newest = locale.href(&pages::link(links.base, links.kept(), None));
    let relevance = locale.href(&pages::link(
        links.base,
        links.kept().chain([("sort", "relevance")]),
        None,
    ));
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
