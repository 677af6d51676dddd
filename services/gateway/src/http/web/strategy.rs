//! `GET /councils/{slug}/strategies/{id}`: one strategy document as the public sees it
//! (GraphQL's `strategyDocument(id:)` for an anonymous caller): its standing, its names over
//! time with the day each took over, its versions in drafting order, and the decisions that
//! noted or approved them, linked when the public may see them (the read model drops the rest).
//! Its schema.org JSON-LD is in the head ([`linked_data::strategy_document`]).
//!
//! A client that asks for `application/json` (`Accept`) gets the document's public record as
//! JSON instead, as the changes API gives it.

use std::collections::HashMap;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use civic_domain::values::{DecisionId, StrategyDocumentId};
use civic_eventstore::TenantId;
use civic_projections::ReadModels;
use civic_projections::views::{DecisionView, StrategyDocumentView, VersionRoleView};
use maud::{Markup, html};
use uuid::Uuid;

use super::linked_data;
use super::locale::Locale;
use super::nav::{Section, council_nav, record_crumbs};
use super::public_json::record_json;
use super::strategies::{standing, status_words, version_status_words};
use super::{PageRequest, VIEWER, page_or_json, page_with_head};
use crate::error::ApiError;
use crate::http::AppState;

/// `GET /councils/{slug}/strategies/{id}`; as JSON, its public record (the same object as a
/// record of the changes API).
pub(crate) async fn strategy(
    State(state): State<AppState>,
    Path((slug, id)): Path<(String, String)>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    page_or_json(
        &state,
        &slug,
        &uri,
        &headers,
        "strategy",
        async |request| record_json(&read(&request.reads, request.tenant, &id).await?),
        async |request| render(request, &slug, &id).await,
    )
    .await
}

/// The document `id` names as the public sees it; a 404 when there is none (or the id is not
/// a UUID).
async fn read(
    reads: &ReadModels,
    tenant: TenantId,
    id: &str,
) -> Result<StrategyDocumentView, ApiError> {
    let not_found = || ApiError::NotFound(format!("no strategy document {id:?}"));
    let id = StrategyDocumentId::from_uuid(Uuid::parse_str(id).map_err(|_| not_found())?);
    reads
        .strategy_document(tenant, VIEWER, id)
        .await?
        .ok_or_else(not_found)
}

/// The public decisions the document links, by id.
type Linked = HashMap<DecisionId, DecisionView>;

async fn render(request: &PageRequest, slug: &str, id: &str) -> Result<Markup, ApiError> {
    let reads = &request.reads;
    let document = read(reads, request.tenant, id).await?;
    let council = &request.council;
    let linked = reads
        .decisions_by_ids(request.tenant, VIEWER, &decision_ids(&document))
        .await?;
    let name = council.name.as_str();
    let title = document.title.as_str();
    let locale = &request.locale;
    let labels = locale.labels();
    let main = html! {
        h1 class="govuk-heading-l" {
            span class="govuk-caption-l" { (name) }
            (title)
        }
        (council_nav(locale, slug, Section::Strategies))
        dl class="govuk-summary-list" {
            (row(labels.status, html! { strong class="govuk-tag govuk-tag--grey" { (standing(locale, &document)) } }))
            (row(labels.period_covered, html! {
                (document.period.map_or_else(|| labels.not_stated.to_owned(), |p| p.to_string()))
            }))
        }
        (names(locale, &document, &linked, slug))
        (versions(locale, &document, &linked, slug))
        @if !document.status_history.is_empty() {
            h2 class="govuk-heading-m" { (labels.status_changes) }
            ul class="govuk-list govuk-list--bullet" {
                @for change in &document.status_history {
                    li {
                        (change.label.as_ref().map_or(status_words(locale, change.status), |l| l.as_str()))
                        @if let Some(on) = change.on { (labels.from_comma) (locale.date(on)) }
                        @if let Some(decision) = change.decision.and_then(|d| linked.get(&d)) {
                            ": " (decision_link(locale, decision, slug))
                        }
                    }
                }
            }
        }
        p class="govuk-body" {
            a class="govuk-link" href=(locale.href(&format!("{}/{}/history", Section::Strategies.href(slug), document.id.as_uuid()))) {
                (labels.document_history)
            }
        }
        p class="govuk-body" {
            a class="govuk-link" href=(locale.href(&Section::Strategies.href(slug))) {
                (labels.all_strategies_of) (name)
            }
        }
    };
    let path = format!(
        "{}/{}",
        Section::Strategies.href(slug),
        document.id.as_uuid()
    );
    let head = linked_data::script(&linked_data::strategy_document(council, &document, &path));
    let crumbs = record_crumbs(locale, slug, name, Section::Strategies);
    Ok(page_with_head(
        locale,
        &format!("{title} – {name}"),
        &crumbs,
        head,
        main,
    ))
}

/// The decisions the document links (those the public may not see are already dropped).
fn decision_ids(document: &StrategyDocumentView) -> Vec<DecisionId> {
    let titles = document.titles.iter().filter_map(|t| t.noted_by);
    let versions = document
        .versions
        .iter()
        .flat_map(|v| v.decisions.iter().map(|d| d.decision));
    let changes = document.status_history.iter().filter_map(|s| s.decision);
    titles.chain(versions).chain(changes).collect()
}

/// Every name the document has had, oldest first: the current one last, the former ones with the
/// days they were used.
fn names(locale: &Locale, document: &StrategyDocumentView, linked: &Linked, slug: &str) -> Markup {
    let labels = locale.labels();
    let titles = &document.titles;
    html! {
        h2 class="govuk-heading-m" { (labels.names) }
        @if titles.len() <= 1 {
            p class="govuk-body" { (labels.not_renamed) }
        } @else {
            table class="govuk-table" {
                caption class="govuk-table__caption govuk-visually-hidden" { (labels.names_caption) }
                thead class="govuk-table__head" {
                    tr class="govuk-table__row" {
                        th scope="col" class="govuk-table__header" { (labels.name) }
                        th scope="col" class="govuk-table__header" { (labels.used) }
                        th scope="col" class="govuk-table__header" { (labels.rename_noted_by) }
                    }
                }
                tbody class="govuk-table__body" {
                    @for (i, title) in titles.iter().enumerate() {
                        @let until = titles.get(i + 1).and_then(|next| next.from);
                        tr class="govuk-table__row" {
                            th scope="row" class="govuk-table__header" { (title.title.as_str()) }
                            td class="govuk-table__cell" { (used(locale, title.from, until, i + 1 == titles.len())) }
                            td class="govuk-table__cell" {
                                @match title.noted_by.and_then(|d| linked.get(&d)) {
                                    Some(decision) => (decision_link(locale, decision, slug)),
                                    None => (labels.not_recorded),
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// When a name was used: "From 9 June 2010 (current)", "Until 9 June 2010".
fn used(
    locale: &Locale,
    from: Option<chrono::NaiveDate>,
    until: Option<chrono::NaiveDate>,
    current: bool,
) -> String {
    let labels = locale.labels();
    let span = match (from, until) {
        (Some(from), Some(until)) => {
            format!(
                "{}{}{}",
                locale.date(from),
                labels.time_to,
                locale.date(until)
            )
        }
        (Some(from), None) => format!("{}{}", labels.from_day, locale.date(from)),
        (None, Some(until)) => format!("{}{}", labels.until_day, locale.date(until)),
        (None, None) => labels.dates_not_recorded.to_owned(),
    };
    if current {
        format!("{span}{}", labels.current_name)
    } else {
        span
    }
}

/// The versions in drafting order.
fn versions(
    locale: &Locale,
    document: &StrategyDocumentView,
    linked: &Linked,
    slug: &str,
) -> Markup {
    let labels = locale.labels();
    html! {
        h2 class="govuk-heading-m" { (labels.versions) }
        @if document.versions.is_empty() {
            p class="govuk-body" { (labels.no_versions) }
        } @else {
            table class="govuk-table" {
                caption class="govuk-table__caption govuk-visually-hidden" { (labels.versions_caption) }
                thead class="govuk-table__head" {
                    tr class="govuk-table__row" {
                        th scope="col" class="govuk-table__header" { (labels.version) }
                        th scope="col" class="govuk-table__header" { (labels.period) }
                        th scope="col" class="govuk-table__header" { (labels.status) }
                        th scope="col" class="govuk-table__header" { (labels.approved) }
                        th scope="col" class="govuk-table__header" { (labels.decisions) }
                    }
                }
                tbody class="govuk-table__body" {
                    @for version in &document.versions {
                        tr class="govuk-table__row" {
                            th scope="row" class="govuk-table__header" { (version.label.as_str()) }
                            td class="govuk-table__cell" {
                                (version.period.map_or_else(|| labels.not_stated.to_owned(), |p| p.to_string()))
                            }
                            td class="govuk-table__cell" { (version_status_words(locale, version.status)) }
                            td class="govuk-table__cell" {
                                (version.approved_on.map_or_else(|| labels.not_recorded.to_owned(), |d| locale.date(d)))
                            }
                            td class="govuk-table__cell" {
                                @for link in &version.decisions {
                                    @if let Some(decision) = linked.get(&link.decision) {
                                        p class="govuk-body" {
                                            (match link.role {
                                                VersionRoleView::Approved => labels.approved_by,
                                                VersionRoleView::Noted => labels.noted_by,
                                            })
                                            (decision_link(locale, decision, slug))
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn decision_link(locale: &Locale, decision: &DecisionView, slug: &str) -> Markup {
    html! {
        a class="govuk-link" href=(locale.href(&format!("/councils/{slug}/decisions/{}", decision.id.as_uuid()))) {
            (decision.record.title)
        }
    }
}

fn row(key: &str, value: Markup) -> Markup {
    html! {
        div class="govuk-summary-list__row" {
            dt class="govuk-summary-list__key" { (key) }
            dd class="govuk-summary-list__value" { (value) }
        }
    }
}
