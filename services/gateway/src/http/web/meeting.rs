//! `GET /councils/{slug}/meetings/{id}`: one meeting as the public sees it (GraphQL's
//! `meeting(id:)` for an anonymous caller): when and where, the agenda items in order with their
//! minutes, and the decisions recorded as taken at the meeting, linked.
//!
//! A client that asks for `application/json` (`Accept`) gets the meeting's public record as
//! JSON instead, as the changes API gives it.
//!
//! An item whose minutes are withheld from the public shows its number, title and the notice
//! saying why; the public view holds no withheld minutes to show.

use std::collections::HashMap;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use civic_domain::values::{AgendaItemId, LongText, MeetingId};
use civic_eventstore::TenantId;
use civic_projections::views::{AgendaItemView, DecisionView, Detail, MeetingView};
use civic_projections::{DecisionFilter, PageRequest as ReadPage, ReadModels};
use maud::{Markup, html};
use uuid::Uuid;

use super::linked_data;
use super::locale::Locale;
use super::meetings::{heading, status_words, times};
use super::nav::{Section, council_nav, record_crumbs};
use super::public_json::record_json;
use super::{PageRequest, VIEWER, page_or_json, page_with_head};
use crate::error::ApiError;
use crate::http::AppState;

/// `GET /councils/{slug}/meetings/{id}`; as JSON, its public record (the same object as a
/// record of the changes API).
pub(crate) async fn meeting(
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
        "meeting",
        async |request| record_json(&read(&request.reads, request.tenant, &id).await?),
        async |request| render(&state, request, &slug, &id).await,
    )
    .await
}

/// The meeting `id` names; a 404 when there is none (or the id is not a UUID).
async fn read(reads: &ReadModels, tenant: TenantId, id: &str) -> Result<MeetingView, ApiError> {
    reads
        .meeting(tenant, VIEWER, meeting_id(id)?)
        .await?
        .ok_or_else(|| not_found(id))
}

fn not_found(id: &str) -> ApiError {
    ApiError::NotFound(format!("no meeting {id:?}"))
}

/// The meeting `id` names; a malformed id names none.
fn meeting_id(id: &str) -> Result<MeetingId, ApiError> {
    Uuid::parse_str(id)
        .map(MeetingId::from_uuid)
        .map_err(|_| not_found(id))
}

/// The decisions taken at a meeting, by the agenda item they name (`None`: no item named).
type Taken = HashMap<Option<AgendaItemId>, Vec<DecisionView>>;

async fn render(
    state: &AppState,
    request: &PageRequest,
    slug: &str,
    id: &str,
) -> Result<Markup, ApiError> {
    let reads = &request.reads;
    let meeting = read(reads, request.tenant, id).await?;
    let council = &request.council;
    let taken = decisions_taken(state, request, &meeting).await?;
    let name = council.name.as_str();
    let locale = &request.locale;
    let labels = locale.labels();
    let title = heading(locale, &meeting);
    let record = &meeting.record;
    let main = html! {
        h1 class="govuk-heading-l" {
            span class="govuk-caption-l" { (name) }
            (title)
        }
        (council_nav(locale, slug, Section::Meetings))
        dl class="govuk-summary-list" {
            (row(labels.body, html! { (record.body.name_as_shown.as_str()) }))
            (row(labels.date, html! { (locale.date(record.date)) }))
            (row(labels.time, html! { (times(locale, &meeting)) }))
            (row(labels.place, html! { (record.location.as_ref().map_or(labels.not_stated, |l| l.as_str())) }))
            (row(labels.status, html! { strong class="govuk-tag govuk-tag--grey" { (status_words(locale, &meeting)) } }))
            @if let Some(cancellation) = &meeting.cancellation {
                (row(labels.cancelled, html! {
                    (labels.recorded_on) (locale.date(cancellation.cancelled_on))
                    @if let Some(reason) = &cancellation.reason { ": " (reason.as_str()) }
                }))
            }
        }
        @if let Some(minutes) = &record.minutes {
            h2 class="govuk-heading-m" { (labels.meeting_minutes) }
            (text(minutes))
        }
        h2 class="govuk-heading-m" { (labels.agenda) }
        @if record.items.is_empty() {
            p class="govuk-body" { (labels.no_agenda_items) }
        }
        @for item in &record.items {
            (agenda_item(locale, item, taken.get(&Some(item.id)), slug))
        }
        @if let Some(others) = taken.get(&None) {
            h2 class="govuk-heading-m" { (labels.other_decisions) }
            (decision_links(locale, others, slug))
        }
        @if !record.exclusions.is_empty() {
            h2 class="govuk-heading-m" { (labels.exclusion) }
            @for exclusion in &record.exclusions {
                @match &exclusion.text {
                    Some(text_given) => (text(text_given)),
                    None => p class="govuk-body" { (labels.excluded_from[0])
                        (exclusion.items.iter().filter_map(|i| record.item(*i))
                            .map(|i| i.number.as_ref().map_or(i.title.as_str(), |n| n.as_str()))
                            .collect::<Vec<_>>().join(", ")) (labels.excluded_from[1]) },
                }
            }
        }
        p class="govuk-body" {
            a class="govuk-link" href=(locale.href(&format!("{}/{}/history", Section::Meetings.href(slug), meeting.id.as_uuid()))) {
                (labels.meeting_history)
            }
        }
        p class="govuk-body" {
            a class="govuk-link" href=(locale.href(&Section::Meetings.href(slug))) {
                (labels.all_meetings_of) (name)
            }
        }
    };
    let crumbs = record_crumbs(locale, slug, name, Section::Meetings);
    let path = format!("{}/{}", Section::Meetings.href(slug), meeting.id.as_uuid());
    let head = linked_data::script(&linked_data::meeting(council, &meeting, &path));
    Ok(page_with_head(
        locale,
        &format!("{title} – {name}"),
        &crumbs,
        head,
        main,
    ))
}

/// The public decisions of the meeting's body decided on its day that name this meeting: the
/// register's own filter, so a decision the public may not see, or whose meeting is withheld
/// from it, is not linked.
async fn decisions_taken(
    state: &AppState,
    request: &PageRequest,
    meeting: &MeetingView,
) -> Result<Taken, ApiError> {
    let services = &state.services;
    let filter = DecisionFilter {
        decision_maker: Some(meeting.record.body.body_id),
        decided_from: Some(meeting.record.date),
        decided_to: Some(meeting.record.date),
        ..DecisionFilter::default()
    };
    let page = ReadPage {
        first: services
            .limits
            .max_page_size
            .clamp(1, civic_projections::query::MAX_PAGE),
        after: None,
    };
    let decisions = request
        .reads
        .decisions(request.tenant, VIEWER, &filter, &page, Detail::Summary)
        .await?;
    let mut taken = Taken::new();
    for (_, decision) in decisions.items {
        if let Some(at) = &decision.record.meeting
            && at.meeting_id == meeting.id
        {
            taken.entry(at.agenda_item_id).or_default().push(decision);
        }
    }
    Ok(taken)
}

fn agenda_item(
    locale: &Locale,
    item: &AgendaItemView,
    decisions: Option<&Vec<DecisionView>>,
    slug: &str,
) -> Markup {
    let labels = locale.labels();
    html! {
        div class="govuk-!-margin-bottom-6" {
            h3 class="govuk-heading-s" {
                @if let Some(number) = &item.number { (number.as_str()) " " }
                (item.title.as_str())
            }
            @if item.in_private {
                p class="govuk-body" { strong class="govuk-tag govuk-tag--grey" { (labels.taken_in_private) } }
            }
            @if let Some(withheld) = &item.withheld {
                div class="govuk-inset-text" { (labels.minutes_withheld) (withheld.text) }
            } @else if let Some(minutes) = &item.minutes {
                (text(minutes))
            } @else {
                p class="govuk-body" { (labels.no_minutes) }
            }
            @if let Some(decisions) = decisions {
                (decision_links(locale, decisions, slug))
            }
        }
    }
}

fn decision_links(locale: &Locale, decisions: &[DecisionView], slug: &str) -> Markup {
    html! {
        ul class="govuk-list" {
            @for decision in decisions {
                li {
                    (locale.labels().decision_link)
                    a class="govuk-link" href=(locale.href(&format!("/councils/{slug}/decisions/{}", decision.id.as_uuid()))) {
                        (decision.record.title)
                    }
                }
            }
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

/// A long text, a paragraph per line as the council wrote it.
fn text(text: &LongText) -> Markup {
    html! {
        @for line in text.as_str().lines().map(str::trim).filter(|l| !l.is_empty()) {
            p class="govuk-body" { (line) }
        }
    }
}
