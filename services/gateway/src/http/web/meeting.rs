//! `GET /councils/{slug}/meetings/{id}`: one meeting as the public sees it (GraphQL's
//! `meeting(id:)` for an anonymous caller): when and where, the agenda items in order with their
//! minutes, and the decisions recorded as taken at the meeting, linked.
//!
//! An item whose minutes are withheld from the public shows its number, title and the notice
//! saying why; the public view holds no withheld minutes to show.

use std::collections::HashMap;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use civic_domain::values::{AgendaItemId, LongText, MeetingId};
use civic_projections::views::{AgendaItemView, DecisionView, Detail, MeetingView};
use civic_projections::{DecisionFilter, PageRequest as ReadPage};
use maud::{Markup, html};
use uuid::Uuid;

use super::linked_data;
use super::meetings::{heading, status_words, times};
use super::nav::{Section, council_nav};
use super::{Crumb, PageRequest, VIEWER, home_crumb, long_date, page_with_head, serve_page};
use crate::error::ApiError;
use crate::http::AppState;

/// `GET /councils/{slug}/meetings/{id}`.
pub(crate) async fn meeting(
    State(state): State<AppState>,
    Path((slug, id)): Path<(String, String)>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    serve_page(&state, &slug, &uri, &headers, async |request| {
        render(&state, request, &slug, &id).await
    })
    .await
}

/// The decisions taken at a meeting, by the agenda item they name (`None`: no item named).
type Taken = HashMap<Option<AgendaItemId>, Vec<DecisionView>>;

async fn render(
    state: &AppState,
    request: &PageRequest,
    slug: &str,
    id: &str,
) -> Result<Markup, ApiError> {
    let not_found = || ApiError::NotFound(format!("no meeting {id:?}"));
    let id = MeetingId::from_uuid(Uuid::parse_str(id).map_err(|_| not_found())?);
    let reads = &request.reads;
    let meeting = reads
        .meeting(request.tenant, VIEWER, id)
        .await?
        .ok_or_else(not_found)?;
    let council = reads.council(request.tenant).await?.ok_or_else(not_found)?;
    let taken = decisions_taken(state, request, &meeting).await?;
    let name = council.name.as_str();
    let title = heading(&meeting);
    let record = &meeting.record;
    let main = html! {
        h1 class="govuk-heading-l" {
            span class="govuk-caption-l" { (name) }
            (title)
        }
        (council_nav(slug, Section::Meetings))
        dl class="govuk-summary-list" {
            (row("Body", html! { (record.body.name_as_shown.as_str()) }))
            (row("Date", html! { (long_date(record.date)) }))
            (row("Time", html! { (times(&meeting)) }))
            (row("Place", html! { (record.location.as_ref().map_or("Not stated", |l| l.as_str())) }))
            (row("Status", html! { strong class="govuk-tag govuk-tag--grey" { (status_words(&meeting)) } }))
            @if let Some(cancellation) = &meeting.cancellation {
                (row("Cancelled", html! {
                    "Recorded on " (long_date(cancellation.cancelled_on))
                    @if let Some(reason) = &cancellation.reason { ": " (reason.as_str()) }
                }))
            }
        }
        @if let Some(minutes) = &record.minutes {
            h2 class="govuk-heading-m" { "Minutes of the meeting" }
            (text(minutes))
        }
        h2 class="govuk-heading-m" { "Agenda" }
        @if record.items.is_empty() {
            p class="govuk-body" { "The record lists no agenda items." }
        }
        @for item in &record.items {
            (agenda_item(item, taken.get(&Some(item.id)), slug))
        }
        @if let Some(others) = taken.get(&None) {
            h2 class="govuk-heading-m" { "Other decisions taken at this meeting" }
            (decision_links(others, slug))
        }
        @if !record.exclusions.is_empty() {
            h2 class="govuk-heading-m" { "Exclusion of the public" }
            @for exclusion in &record.exclusions {
                @match &exclusion.text {
                    Some(text_given) => (text(text_given)),
                    None => p class="govuk-body" { "The public was excluded from items "
                        (exclusion.items.iter().filter_map(|i| record.item(*i))
                            .map(|i| i.number.as_ref().map_or(i.title.as_str(), |n| n.as_str()))
                            .collect::<Vec<_>>().join(", ")) "." },
                }
            }
        }
        p class="govuk-body" {
            a class="govuk-link" href=(format!("{}/{}/history", Section::Meetings.href(slug), meeting.id.as_uuid())) {
                "History of this meeting"
            }
        }
        p class="govuk-body" {
            a class="govuk-link" href=(Section::Meetings.href(slug)) { "All meetings of " (name) }
        }
    };
    let crumbs = [
        home_crumb(),
        Crumb {
            text: name.to_owned(),
            href: Section::Register.href(slug),
        },
        Crumb {
            text: "Meetings".to_owned(),
            href: Section::Meetings.href(slug),
        },
    ];
    let path = format!("{}/{}", Section::Meetings.href(slug), meeting.id.as_uuid());
    let head = linked_data::script(&linked_data::meeting(&council, &meeting, &path));
    Ok(page_with_head(
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

fn agenda_item(item: &AgendaItemView, decisions: Option<&Vec<DecisionView>>, slug: &str) -> Markup {
    html! {
        div class="govuk-!-margin-bottom-6" {
            h3 class="govuk-heading-s" {
                @if let Some(number) = &item.number { (number.as_str()) " " }
                (item.title.as_str())
            }
            @if item.in_private {
                p class="govuk-body" { strong class="govuk-tag govuk-tag--grey" { "Taken in private" } }
            }
            @if let Some(withheld) = &item.withheld {
                div class="govuk-inset-text" { "Minutes withheld. " (withheld.text) }
            } @else if let Some(minutes) = &item.minutes {
                (text(minutes))
            } @else {
                p class="govuk-body" { "No minutes recorded." }
            }
            @if let Some(decisions) = decisions {
                (decision_links(decisions, slug))
            }
        }
    }
}

fn decision_links(decisions: &[DecisionView], slug: &str) -> Markup {
    html! {
        ul class="govuk-list" {
            @for decision in decisions {
                li {
                    "Decision: "
                    a class="govuk-link" href=(format!("/councils/{slug}/decisions/{}", decision.id.as_uuid())) {
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
