//! `GET /councils/{slug}/meetings.ics`: the council's meetings as an iCalendar (RFC 5545), for
//! calendar apps to subscribe to, written with the `icalendar` crate (which folds lines at 75
//! octets and escapes commas, semicolons, backslashes and line breaks in text).
//!
//! One `VEVENT` per meeting the public may see (every recorded meeting: the calendar holds no
//! minutes). Its `UID` is the meeting's UUID, so an app updates the same event whatever changes;
//! `DTSTART` is the instant UK clocks read its start time on its day (UTC), or, with no time
//! stated, the day itself (`VALUE=DATE`, an all-day event); `STATUS:CANCELLED` once a
//! cancellation is recorded.

use axum::extract::{Path, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, X_CONTENT_TYPE_OPTIONS};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use civic_projections::query::MAX_PAGE;
use civic_projections::views::{MeetingStatusView, MeetingView};
use civic_projections::{MeetingFilter, PageRequest};
use icalendar::{Calendar, Component, Event, EventLike, EventStatus};

use super::export::{ExportRequest, begin_export};
use super::locale::Locale;
use super::meetings::status_words;
use super::uk_time::uk_instant;
use super::{VIEWER, error_page};
use crate::error::ApiError;
use crate::http::AppState;

/// Who wrote the calendar (RFC 5545 3.7.3), the same in every council's.
const PRODUCT: &str = "-//Civic Register//Meetings//EN";

/// `GET /councils/{slug}/meetings.ics`.
pub(crate) async fn meetings_calendar(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let request = match begin_export(&state, &slug, &uri, &headers, "ics").await {
        Ok(request) => request,
        Err(answer) => return answer,
    };
    match render(&request, &slug).await {
        Ok(text) => {
            let mut response = (StatusCode::OK, text).into_response();
            let headers = response.headers_mut();
            headers.insert(
                CONTENT_TYPE,
                HeaderValue::from_static("text/calendar; charset=utf-8"),
            );
            headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
            headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
            request.validators(response)
        }
        Err(error) => error_page(error),
    }
}

async fn render(request: &ExportRequest, slug: &str) -> Result<String, ApiError> {
    let reads = &request.reads;
    let council = reads
        .council(request.tenant)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("no council {slug:?} yet")))?;
    let meetings = public_meetings(request).await?;
    // When the calendar's information was last revised (RFC 5545 3.8.7.2, for a calendar without
    // METHOD): the last event the read models reflect. Unknown only when the position could not
    // be read, and then the answer carries no tag either.
    let stamp = request.last_modified.unwrap_or_else(Utc::now);
    let mut calendar = Calendar::empty();
    calendar
        .append_property(("VERSION", "2.0"))
        .append_property(("PRODID", PRODUCT))
        .append_property(("CALSCALE", "GREGORIAN"))
        .name(&text(&format!("Meetings – {}", council.name.as_str())))
        .description(&text(&format!(
            "The meetings of {}'s committees and other bodies, from its public register.",
            council.name.as_str()
        )));
    for meeting in &meetings {
        let url = format!(
            "{}/councils/{slug}/meetings/{}",
            request.base,
            meeting.id.as_uuid()
        );
        calendar.push(event(meeting, &url, stamp));
    }
    Ok(calendar.to_string())
}

/// Every meeting of the council the public may see, read a page of at most [`MAX_PAGE`] at a
/// time.
async fn public_meetings(request: &ExportRequest) -> Result<Vec<MeetingView>, ApiError> {
    let reads = &request.reads;
    let filter = MeetingFilter::default();
    let mut meetings = Vec::new();
    let mut after = None;
    loop {
        let page = reads
            .meetings(
                request.tenant,
                VIEWER,
                &filter,
                &PageRequest {
                    first: MAX_PAGE,
                    after,
                },
            )
            .await?;
        after = page.items.last().map(|(cursor, _)| cursor.clone());
        let more = page.has_next_page;
        meetings.extend(page.items.into_iter().map(|(_, meeting)| meeting));
        if !more || after.is_none() {
            return Ok(meetings);
        }
    }
}

/// One meeting as a `VEVENT`.
fn event(meeting: &MeetingView, url: &str, stamp: DateTime<Utc>) -> Event {
    let record = &meeting.record;
    let mut event = Event::new();
    event
        .uid(&meeting.id.as_uuid().to_string())
        .timestamp(stamp)
        .summary(&text(record.body.name_as_shown.as_str()))
        .url(url)
        // Each command on the meeting is a revision; an app keeps the highest it has seen.
        .sequence(u32::try_from(meeting.version).unwrap_or(u32::MAX));
    match record.start_time {
        Some(start) => {
            let starts = uk_instant(record.date, start).with_timezone(&Utc);
            event.starts(starts);
            if let Some(end) = record.end_time {
                let ends = uk_instant(record.date, end).with_timezone(&Utc);
                if ends > starts {
                    event.ends(ends);
                }
            }
        }
        // No time stated: the day, an all-day event (no DTEND: it lasts that one day).
        None => {
            event.starts(record.date);
        }
    }
    if let Some(location) = &record.location {
        event.location(&text(location.as_str()));
    }
    if let Some(status) = status(meeting) {
        event.status(status);
    }
    let mut description = status_words(&Locale::english(), meeting).to_owned();
    if let Some(reason) = meeting
        .cancellation
        .as_ref()
        .and_then(|c| c.reason.as_ref())
    {
        description = format!("{description}: {}", reason.as_str());
    }
    event.description(&text(&description));
    event.done()
}

/// The event's `STATUS`: cancelled once a cancellation is recorded whatever the record says;
/// tentative while postponed; none when the record states none.
fn status(meeting: &MeetingView) -> Option<EventStatus> {
    if meeting.cancellation.is_some() {
        return Some(EventStatus::Cancelled);
    }
    match meeting.record.status? {
        MeetingStatusView::Cancelled => Some(EventStatus::Cancelled),
        MeetingStatusView::Postponed => Some(EventStatus::Tentative),
        MeetingStatusView::Scheduled | MeetingStatusView::Held => Some(EventStatus::Confirmed),
    }
}

/// `value` as iCalendar text can carry it: line breaks as `\n` (the writer escapes them; a
/// carriage return it would leave raw), and no other control characters (RFC 5545 3.3.11).
fn text(value: &str) -> String {
    value
        .replace("\r\n", "\n")
        .chars()
        .filter(|&c| c == '\n' || c == '\t' || !c.is_control())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_keeps_line_breaks_and_drops_what_icalendar_cannot_hold() {
        assert_eq!(
            text("Town Hall,\r\nHigh St; \u{7}Room 1"),
            "Town Hall,\nHigh St; Room 1"
        );
    }

    #[test]
    fn long_text_is_folded_and_escaped() {
        let mut calendar = Calendar::empty();
        let mut event = Event::new();
        event
            .uid("x")
            .timestamp(DateTime::UNIX_EPOCH)
            .location(&text(&format!(
                "Town Hall, High Street; Room\r\n{}",
                "é".repeat(60)
            )));
        calendar.push(event.done());
        let written = calendar.to_string();
        assert!(
            written.contains("LOCATION:Town Hall\\, High Street\\; Room\\n"),
            "{written}"
        );
        for line in written.split("\r\n") {
            assert!(line.len() <= 75, "{line:?} is over 75 octets");
        }
    }
}
