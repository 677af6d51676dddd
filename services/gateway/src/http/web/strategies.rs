//! `GET /councils/{slug}/strategies`: the council's strategy documents (GraphQL's
//! `strategyDocuments` for an anonymous caller), by current name, each with its standing, the
//! date of its latest version and a link to its own page ([`super::strategy`]).

use axum::extract::{Path, State};
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use civic_domain::strategy::StrategyStatus;
use civic_projections::views::{StrategyDocumentView, StrategyVersionView, VersionStatusView};
use maud::{Markup, html};

use super::nav::{Section, council_nav};
use super::{Crumb, PageRequest, VIEWER, home_crumb, long_date, page, serve_page};
use crate::error::ApiError;
use crate::http::AppState;

/// `GET /councils/{slug}/strategies`.
pub(crate) async fn strategies(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    serve_page(&state, &slug, &uri, &headers, async |request| {
        render(request, &slug).await
    })
    .await
}

async fn render(request: &PageRequest, slug: &str) -> Result<Markup, ApiError> {
    let reads = &request.reads;
    let council = reads
        .council(request.tenant)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("no council {slug:?} yet")))?;
    let documents = reads.strategy_documents(request.tenant, VIEWER).await?;
    let name = council.name.as_str();
    let base = Section::Strategies.href(slug);
    let count = documents.len();
    let main = html! {
        h1 class="govuk-heading-xl" {
            span class="govuk-caption-xl" { (name) }
            "Strategies"
        }
        (council_nav(slug, Section::Strategies))
        p class="govuk-body" role="status" {
            (count) " strategy " (if count == 1 { "document" } else { "documents" })
            " recorded, by current name."
        }
        @if !documents.is_empty() {
            table class="govuk-table" {
                caption class="govuk-table__caption govuk-visually-hidden" { "Strategy documents, by current name" }
                thead class="govuk-table__head" {
                    tr class="govuk-table__row" {
                        th scope="col" class="govuk-table__header" { "Strategy" }
                        th scope="col" class="govuk-table__header" { "Status" }
                        th scope="col" class="govuk-table__header" { "Latest version" }
                    }
                }
                tbody class="govuk-table__body" {
                    @for document in &documents {
                        tr class="govuk-table__row" {
                            th scope="row" class="govuk-table__header" {
                                a class="govuk-link" href=(format!("{base}/{}", document.id.as_uuid())) {
                                    (document.title.as_str())
                                }
                            }
                            td class="govuk-table__cell" {
                                strong class="govuk-tag govuk-tag--grey" { (standing(document)) }
                            }
                            td class="govuk-table__cell" {
                                (document.versions.last().map_or_else(|| "None recorded".to_owned(), version_date))
                            }
                        }
                    }
                }
            }
        }
    };
    let crumbs = [
        home_crumb(),
        Crumb {
            text: name.to_owned(),
            href: Section::Register.href(slug),
        },
    ];
    Ok(page(&format!("Strategies – {name}"), &crumbs, main))
}

/// The document's standing: in the council's words if it gave them, else the register's.
pub(crate) fn standing(document: &StrategyDocumentView) -> &str {
    match (&document.status_label, document.status) {
        (Some(label), _) => label.as_str(),
        (None, Some(status)) => status_words(status),
        (None, None) => "Not stated",
    }
}

/// A strategy's standing in words.
pub(crate) fn status_words(status: StrategyStatus) -> &'static str {
    match status {
        StrategyStatus::Draft => "Draft",
        StrategyStatus::ForConsultation => "For consultation",
        StrategyStatus::RecommendedForAdoption => "Recommended for adoption",
        StrategyStatus::Adopted => "Adopted",
        StrategyStatus::Paused => "Paused",
        StrategyStatus::Superseded => "Superseded",
        StrategyStatus::Withdrawn => "Withdrawn",
    }
}

/// A version's standing in words.
pub(crate) fn version_status_words(status: VersionStatusView) -> &'static str {
    match status {
        VersionStatusView::Draft => "Draft",
        VersionStatusView::Approved => "Approved",
        VersionStatusView::Superseded => "Superseded",
    }
}

/// A version's label and date: approved on, else reviewed on, "2010-2013, approved 9 June 2010".
pub(crate) fn version_date(version: &StrategyVersionView) -> String {
    let label = version.label.as_str();
    match (version.approved_on, version.review_date) {
        (Some(approved), _) => format!("{label}, approved {}", long_date(approved)),
        (None, Some(reviewed)) => format!("{label}, reviewed {}", long_date(reviewed)),
        (None, None) => format!("{label}, no date recorded"),
    }
}
