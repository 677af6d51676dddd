//! `GET /councils/{slug}/meetings`: the meetings of the council's bodies, newest first, a page
//! at a time (`after=`, the cursors of GraphQL's `meetings`), each linking to its own page
//! ([`super::meeting`]). Meetings are public once recorded: the list shows no minutes.
//!
//! The list can be narrowed to one body's meetings and to a stretch of days ([`filters`]).
//!
//! A client that asks for `application/json` (`Accept`) gets the same page of meetings as JSON
//! ([`list_json`]): each meeting's public record, as the changes API gives it.

mod filters;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use civic_projections::Page;
use civic_projections::views::{MeetingStatusView, MeetingView};
use maud::{Markup, html};

use self::filters::{Chosen, MeetingsQuery};
use super::locale::Locale;
use super::nav::{Section, council_nav};
use super::pages;
use super::public_json::{json_from, list_json};
use super::{
    Crumb, HTML, JSON, PageRequest, VIEWER, home_crumb, negotiated, page_with_head, query_of,
    serve_page,
};
use crate::error::ApiError;
use crate::graphql::query::page::page_request;
use crate::http::AppState;
use crate::http::media::preferred;
use civic_eventstore::TenantId;
use civic_projections::ReadModels;
use civic_projections::views::CouncilView;

/// `GET /councils/{slug}/meetings`.
pub(crate) async fn meetings(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    query: Result<Query<MeetingsQuery>, QueryRejection>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let answer = match preferred(&headers, HTML, &[JSON]) {
        JSON => meetings_json(&state, &slug, query, &uri, &headers).await,
        _ => {
            serve_page(&state, &slug, &uri, &headers, async |request| {
                render(&state, request, &slug, query_of(query, "after")?).await
            })
            .await
        }
    };
    negotiated(answer)
}

/// The page's meetings as JSON, with the address of the next page.
async fn meetings_json(
    state: &AppState,
    slug: &str,
    query: Result<Query<MeetingsQuery>, QueryRejection>,
    uri: &Uri,
    headers: &HeaderMap,
) -> Response {
    json_from(state, slug, uri, headers, "meetings", async |request| {
        let query = query_of(query, "after")?;
        let council = request
            .reads
            .council(request.tenant)
            .await?
            .ok_or_else(|| ApiError::NotFound(format!("no council {slug:?} yet")))?;
        let (chosen, meetings) =
            read(state, &request.reads, request.tenant, &council, query).await?;
        let pairs = chosen.pairs();
        let kept = pairs.iter().map(|(name, value)| (*name, value.as_str()));
        let next = pages::next_cursor(&meetings).map(|cursor| {
            let page = pages::link(&Section::Meetings.href(slug), kept, Some(cursor));
            format!("{}{page}", request.base)
        });
        list_json(
            "meetings",
            meetings.items.iter().map(|(_, meeting)| meeting),
            meetings.total_count,
            next,
        )
    })
    .await
}

/// The page of meetings `query` asks for, and the conditions it chose.
async fn read(
    state: &AppState,
    reads: &ReadModels,
    tenant: TenantId,
    council: &CouncilView,
    query: MeetingsQuery,
) -> Result<(Chosen, Page<MeetingView>), ApiError> {
    let chosen = query.chosen(council)?;
    let page_asked = page_request(&state.services.limits, None, query.after)?;
    let meetings = reads
        .meetings(tenant, VIEWER, &chosen.filter(), &page_asked)
        .await?;
    Ok((chosen, meetings))
}

async fn render(
    state: &AppState,
    request: &PageRequest,
    slug: &str,
    query: MeetingsQuery,
) -> Result<Markup, ApiError> {
    let reads = &request.reads;
    let after_given = query.after.is_some();
    let council = &request.council;
    let (chosen, meetings) = read(state, reads, request.tenant, council, query).await?;
    let pairs = chosen.pairs();
    let name = council.name.as_str();
    let base = Section::Meetings.href(slug);
    let calendar = format!("{base}.ics");
    let locale = &request.locale;
    let labels = locale.labels();
    let [add, subscription, end] = labels.calendar_intro;
    let main = html! {
        h1 class="govuk-heading-xl" {
            span class="govuk-caption-xl" { (name) }
            (labels.meetings)
        }
        (council_nav(locale, slug, Section::Meetings))
        (chosen.form(locale, council, &base))
        p class="govuk-body" role="status" {
            (locale.count(meetings.total_count, labels.meeting_nouns))
            @if chosen.any() {
                (labels.match_filters[usize::from(meetings.total_count != 1)])
            } @else {
                (labels.meetings_recorded)
            }
            @if after_given && meetings.items.is_empty() {
                (labels.no_more_meetings)
            }
        }
        p class="govuk-body" {
            (add)
            a class="govuk-link" href=(calendar) type="text/calendar" { (subscription) }
            (end)
        }
        @if !meetings.items.is_empty() {
            (table(locale, &meetings, &base))
        }
        (pages::pagination(locale, &labels.meeting_pages, pages::next_cursor(&meetings), after_given, |cursor| {
            pages::link(&base, pairs.iter().map(|(name, value)| (*name, value.as_str())), cursor)
        }))
    };
    let crumbs = [
        home_crumb(locale),
        Crumb {
            text: name.to_owned(),
            href: locale.href(&Section::Register.href(slug)),
        },
    ];
    // Calendar apps find the calendar from the page's head.
    let head = html! {
        link rel="alternate" type="text/calendar" href=(calendar)
            title=(format!("{} – {name}", labels.meetings));
    };
    Ok(page_with_head(
        locale,
        &format!("{} – {name}", labels.meetings),
        &crumbs,
        head,
        main,
    ))
}

fn table(locale: &Locale, meetings: &Page<MeetingView>, base: &str) -> Markup {
    let labels = locale.labels();
    html! {
        table class="govuk-table" {
            caption class="govuk-table__caption govuk-visually-hidden" { (labels.meetings_caption) }
            thead class="govuk-table__head" {
                tr class="govuk-table__row" {
                    th scope="col" class="govuk-table__header" { (labels.meeting) }
                    th scope="col" class="govuk-table__header" { (labels.time) }
                    th scope="col" class="govuk-table__header" { (labels.place) }
                    th scope="col" class="govuk-table__header" { (labels.status) }
                }
            }
            tbody class="govuk-table__body" {
                @for (_, meeting) in &meetings.items {
                    @let record = &meeting.record;
                    tr class="govuk-table__row" {
                        th scope="row" class="govuk-table__header" {
                            a class="govuk-link" href=(locale.href(&format!("{base}/{}", meeting.id.as_uuid()))) {
                                (heading(locale, meeting))
                            }
                        }
                        td class="govuk-table__cell" { (times(locale, meeting)) }
                        td class="govuk-table__cell" {
                            (record.location.as_ref().map_or(labels.not_stated, |l| l.as_str()))
                        }
                        td class="govuk-table__cell" {
                            strong class="govuk-tag govuk-tag--grey" { (status_words(locale, meeting)) }
                        }
                    }
                }
            }
        }
    }
}

/// A meeting's name: its body (in the council's words) and day, "Cabinet, 9 June 2010".
pub(crate) fn heading(locale: &Locale, meeting: &MeetingView) -> String {
    format!(
        "{}, {}",
        meeting.record.body.name_as_shown.as_str(),
        locale.date(meeting.record.date)
    )
}

/// When it started (and ended), "18:30" or "18:30 to 20:00"; "Not stated".
pub(crate) fn times(locale: &Locale, meeting: &MeetingView) -> String {
    let labels = locale.labels();
    match (meeting.record.start_time, meeting.record.end_time) {
        (Some(start), Some(end)) => format!(
            "{}{}{}",
            start.format("%H:%M"),
            labels.time_to,
            end.format("%H:%M")
        ),
        (Some(start), None) => start.format("%H:%M").to_string(),
        (None, Some(end)) => format!("{}{}", labels.ended, end.format("%H:%M")),
        (None, None) => labels.not_stated.to_owned(),
    }
}

/// Where it stands; a cancellation recorded later says so whatever the status.
pub(crate) fn status_words(locale: &Locale, meeting: &MeetingView) -> &'static str {
    let labels = locale.labels();
    let statuses = &labels.meeting_statuses;
    if meeting.cancellation.is_some() {
        return statuses.cancelled;
    }
    match meeting.record.status {
        Some(MeetingStatusView::Scheduled) => statuses.scheduled,
        Some(MeetingStatusView::Held) => statuses.held,
        Some(MeetingStatusView::Cancelled) => statuses.cancelled,
        Some(MeetingStatusView::Postponed) => statuses.postponed,
        None => labels.not_stated,
    }
}
