//! `GET /councils/{slug}/strategies`: the council's strategy documents (GraphQL's
//! `strategyDocuments` for an anonymous caller), by current name, each with its standing, the
//! date of its latest version and a link to its own page ([`super::strategy`]).
//!
//! A client that asks for `application/json` (`Accept`) gets every document's public record as
//! JSON ([`list_json`]; the list is one page).

use axum::extract::{Path, State};
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use civic_domain::strategy::StrategyStatus;
use civic_projections::views::{StrategyDocumentView, StrategyVersionView, VersionStatusView};
use maud::{Markup, html};

use super::locale::Locale;
use super::nav::{Section, council_nav};
use super::public_json::list_json;
use super::{Crumb, PageRequest, VIEWER, home_crumb, page, page_or_json};
use crate::error::ApiError;
use crate::http::AppState;

/// `GET /councils/{slug}/strategies`; as JSON, every document's public record.
pub(crate) async fn strategies(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    page_or_json(
        &state,
        &slug,
        &uri,
        &headers,
        "strategies",
        async |request| {
            let documents = request
                .reads
                .strategy_documents(request.tenant, VIEWER)
                .await?;
            list_json("strategies", &documents, documents.len() as u64, None)
        },
        async |request| render(request, &slug).await,
    )
    .await
}

async fn render(request: &PageRequest, slug: &str) -> Result<Markup, ApiError> {
    let reads = &request.reads;
    let council = &request.council;
    let documents = reads.strategy_documents(request.tenant, VIEWER).await?;
    let name = council.name.as_str();
    let base = Section::Strategies.href(slug);
    let count = documents.len() as u64;
    let locale = &request.locale;
    let labels = locale.labels();
    let main = html! {
        h1 class="govuk-heading-xl" {
            span class="govuk-caption-xl" { (name) }
            (labels.strategies)
        }
        (council_nav(locale, slug, Section::Strategies))
        p class="govuk-body" role="status" {
            (locale.count(count, labels.strategy_nouns)) (labels.strategies_recorded)
        }
        @if !documents.is_empty() {
            table class="govuk-table" {
                caption class="govuk-table__caption govuk-visually-hidden" { (labels.strategies_caption) }
                thead class="govuk-table__head" {
                    tr class="govuk-table__row" {
                        th scope="col" class="govuk-table__header" { (labels.strategy) }
                        th scope="col" class="govuk-table__header" { (labels.status) }
                        th scope="col" class="govuk-table__header" { (labels.latest_version) }
                    }
                }
                tbody class="govuk-table__body" {
                    @for document in &documents {
                        tr class="govuk-table__row" {
                            th scope="row" class="govuk-table__header" {
                                a class="govuk-link" href=(locale.href(&format!("{base}/{}", document.id.as_uuid()))) {
                                    (document.title.as_str())
                                }
                            }
                            td class="govuk-table__cell" {
                                strong class="govuk-tag govuk-tag--grey" { (standing(locale, document)) }
                            }
                            td class="govuk-table__cell" {
                                (document.versions.last().map_or_else(|| labels.none_recorded.to_owned(), |v| version_date(locale, v)))
                            }
                        }
                    }
                }
            }
        }
    };
    let crumbs = [
        home_crumb(locale),
        Crumb {
            text: name.to_owned(),
            href: locale.href(&Section::Register.href(slug)),
        },
    ];
    Ok(page(
        locale,
        &format!("{} – {name}", labels.strategies),
        &crumbs,
        main,
    ))
}

/// The document's standing: in the council's words if it gave them, else the register's.
pub(crate) fn standing<'a>(locale: &Locale, document: &'a StrategyDocumentView) -> &'a str {
    match (&document.status_label, document.status) {
        (Some(label), _) => label.as_str(),
        (None, Some(status)) => status_words(locale, status),
        (None, None) => locale.labels().not_stated,
    }
}

/// A strategy's standing in words.
pub(crate) fn status_words(locale: &Locale, status: StrategyStatus) -> &'static str {
    let statuses = &locale.labels().strategy_statuses;
    match status {
        StrategyStatus::Draft => statuses.draft,
        StrategyStatus::ForConsultation => statuses.for_consultation,
        StrategyStatus::RecommendedForAdoption => statuses.recommended_for_adoption,
        StrategyStatus::Adopted => statuses.adopted,
        StrategyStatus::Paused => statuses.paused,
        StrategyStatus::Superseded => statuses.superseded,
        StrategyStatus::Withdrawn => statuses.withdrawn,
    }
}

/// A version's standing in words.
pub(crate) fn version_status_words(locale: &Locale, status: VersionStatusView) -> &'static str {
    let [draft, approved, superseded] = locale.labels().version_statuses;
    match status {
        VersionStatusView::Draft => draft,
        VersionStatusView::Approved => approved,
        VersionStatusView::Superseded => superseded,
    }
}

/// A version's label and date: approved on, else reviewed on, "2010-2013, approved 9 June 2010".
pub(crate) fn version_date(locale: &Locale, version: &StrategyVersionView) -> String {
    let labels = locale.labels();
    let label = version.label.as_str();
    match (version.approved_on, version.review_date) {
        (Some(approved), _) => format!("{label}{}{}", labels.approved_on, locale.date(approved)),
        (None, Some(reviewed)) => format!("{label}{}{}", labels.reviewed_on, locale.date(reviewed)),
        (None, None) => format!("{label}{}", labels.no_date_recorded),
    }
}
