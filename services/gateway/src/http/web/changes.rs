//! `GET /councils/{slug}/changes?since=POSITION`: the incremental sync API for mirrors. The
//! public records (the council's own, decisions, forward-plan entries, strategy documents,
//! meetings) that changed
//! after a position of the council's log, in log order, each as the public sees it now, and the
//! position to ask from next. `since` may also be an RFC 3339 time (as OParl's
//! `modified_since`): the changes recorded after it.
//!
//! The log says which records changed ([`super::changed`]); the public read models say what the
//! public sees of them, read as the pages read them ([`VIEWER`], the read replica when there is
//! one): a record the public may not see (a draft) is not listed, and a withheld value is only
//! its notice. The log is read no further than the position the read models reflect, so every
//! record listed is shown as of its change or later. A record whose public view has moved past
//! the answer's end is left to the answer that reads its later change.

use std::collections::HashMap;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use chrono::{DateTime, SecondsFormat, Utc};
use civic_domain::decision::DecisionStatus;
use civic_domain::values::{DecisionId, ForwardPlanEntryId, MeetingId, StrategyDocumentId};
use civic_eventstore::EventStore as _;
use civic_projections::views::{CouncilView, ForwardPlanStatusView};
use civic_projections::{DecisionView, ForwardPlanView, MeetingView, StrategyDocumentView};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

use super::VIEWER;
use super::changed::{RecordRef, Stretch, Touch, changed_after, position_at};
use super::export::{ExportRequest, start_export};
use super::public_json::{json_answer, json_error, record_json, refused};
use crate::error::ApiError;
use crate::http::AppState;

/// The most records one answer lists, and how many it lists unless asked for fewer.
pub(crate) const MAX_CHANGES: usize = 500;

/// The query string of the changes API.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct ChangesQuery {
    /// A position of the council's log (0: from the start), or an RFC 3339 time.
    since: Option<String>,
    /// At most this many records (1 to [`MAX_CHANGES`]).
    limit: Option<String>,
}

/// Where the changes asked for start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Since {
    /// After this position of the council's log.
    Position(u64),
    /// After the last event recorded at or before this time.
    Time(DateTime<Utc>),
}

impl Since {
    /// `since=` as given: digits are a position; anything else must be an RFC 3339 time. A `+`
    /// of an offset left unencoded arrives as a space, and is read as the `+` it was.
    fn parse(text: Option<&str>) -> Result<Self, ApiError> {
        let Some(text) = text.map(str::trim).filter(|text| !text.is_empty()) else {
            return Ok(Since::Position(0));
        };
        if text.bytes().all(|b| b.is_ascii_digit()) {
            return text.parse().map(Since::Position).map_err(|_| {
                ApiError::invalid(
                    "since",
                    "since is a position of the council's log too large to be one",
                )
            });
        }
        DateTime::parse_from_rfc3339(text)
            .or_else(|_| DateTime::parse_from_rfc3339(&text.replace(' ', "+")))
            .map(|at| Since::Time(at.with_timezone(&Utc)))
            .map_err(|_| {
                ApiError::invalid(
                    "since",
                    "since must be a position of the council's log (0 for every record, or the \
                     next of the last answer) or an RFC 3339 time such as \
                     2010-06-11T09:30:00Z",
                )
            })
    }
}

/// `limit=` as given: 1 to [`MAX_CHANGES`], [`MAX_CHANGES`] when absent.
fn parse_limit(text: Option<&str>) -> Result<usize, ApiError> {
    let Some(text) = text.map(str::trim).filter(|text| !text.is_empty()) else {
        return Ok(MAX_CHANGES);
    };
    text.parse()
        .ok()
        .filter(|limit| (1..=MAX_CHANGES).contains(limit))
        .ok_or_else(|| {
            ApiError::invalid(
                "limit",
                format!("limit must be a whole number from 1 to {MAX_CHANGES}"),
            )
        })
}

/// An answer of the changes API. The field names are documented in docs/web.md and are kept
/// stable for the mirrors that read them.
#[derive(Debug, Serialize)]
struct Changes {
    /// The council's slug.
    council: String,
    /// The position this answer starts after (a time asked for, as the position it stands for).
    since: u64,
    /// The position to ask from next (`since=` of the next poll).
    next: u64,
    /// Whether the read models hold changes after `next` already: ask again at once.
    more: bool,
    /// The records changed in `(since, next]`, by the position of their last change there.
    changes: Vec<Change>,
}

/// One record that changed.
#[derive(Debug, Serialize)]
struct Change {
    /// `council`, `decision`, `forward_plan_entry`, `strategy_document` or `meeting`.
    kind: &'static str,
    /// Its UUID (GraphQL's `uuid`; the council's, its tenant id).
    id: Uuid,
    /// The position of the log's last event within the answer that changed it.
    position: u64,
    /// When that event was recorded (RFC 3339, UTC, microseconds).
    recorded_at: String,
    /// `public`, or `withdrawn` for a decision or forward-plan entry withdrawn or abandoned:
    /// still public, with its closing reason, but no longer going ahead.
    state: &'static str,
    /// Whether personal data it held was erased within the answer: earlier copies of the record
    /// hold the values erased and are to be replaced by this one.
    personal_data_erased: bool,
    /// Its public page, absolute.
    url: Option<String>,
    /// The record as the public sees it ([`record_json`]).
    record: Value,
}

/// `GET /councils/{slug}/changes?since=POSITION&limit=N`.
pub(crate) async fn changes(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    query: Result<Query<ChangesQuery>, QueryRejection>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let asked = query
        .map_err(|_| {
            ApiError::invalid(
                "since",
                "the query string is not valid: give since (and limit) once each",
            )
        })
        .and_then(|Query(query)| {
            Ok((
                Since::parse(query.since.as_deref())?,
                parse_limit(query.limit.as_deref())?,
            ))
        });
    let (since, limit) = match asked {
        Ok(asked) => asked,
        Err(error) => return json_error(error),
    };
    let request = match start_export(&state, &slug, &uri, &headers, "changes").await {
        Ok(request) => request,
        Err(refusal) => return refused(refusal),
    };
    match answer(&request, &slug, since, limit).await {
        Ok(changes) => json_answer(&request, &changes),
        Err(error) => json_error(error),
    }
}

async fn answer(
    request: &ExportRequest,
    slug: &str,
    since: Since,
    limit: usize,
) -> Result<Changes, ApiError> {
    let tenant = request.tenant;
    let checkpoint = request.checkpoint.ok_or_else(|| {
        ApiError::Internal(anyhow::anyhow!(
            "the position of the council's read models could not be read"
        ))
    })?;
    let since = match since {
        Since::Position(position) => position,
        Since::Time(at) => position_at(&request.runtime, tenant, at, checkpoint).await?,
    };
    if since > checkpoint {
        // Ahead of the read models: a replica behind the primary, or a position that does not
        // exist yet, which no answer gave.
        let head = request.runtime.store().head(tenant).await?.position;
        if since > head {
            return Err(ApiError::invalid(
                "since",
                format!(
                    "the council's log holds {head} events: since must be at most {head} (the \
                     next of the last answer)"
                ),
            ));
        }
        return Ok(Changes {
            council: slug.to_owned(),
            since,
            next: since,
            more: false,
            changes: Vec::new(),
        });
    }
    let stretch = changed_after(&request.runtime, tenant, since, checkpoint, limit).await?;
    let views = PublicViews::read(request, &stretch).await?;
    let mut changes = Vec::with_capacity(stretch.touched.len());
    for touch in &stretch.touched {
        if let Some(change) = views.change(&request.base, slug, touch, stretch.next)? {
            changes.push(change);
        }
    }
    Ok(Changes {
        council: slug.to_owned(),
        since,
        next: stretch.next,
        more: stretch.next < checkpoint,
        changes,
    })
}

/// The public views of the records a stretch changed, read by kind, one read each.
struct PublicViews {
    /// The council's own record, when the stretch changed it.
    council: Option<CouncilView>,
    decisions: HashMap<DecisionId, DecisionView>,
    entries: HashMap<ForwardPlanEntryId, ForwardPlanView>,
    strategies: HashMap<StrategyDocumentId, StrategyDocumentView>,
    meetings: HashMap<MeetingId, MeetingView>,
}

impl PublicViews {
    async fn read(request: &ExportRequest, stretch: &Stretch) -> Result<Self, ApiError> {
        let reads = &request.reads;
        let tenant = request.tenant;
        let (mut decisions, mut entries, mut strategies, mut meetings) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let mut council = None;
        for touch in &stretch.touched {
            match touch.record {
                RecordRef::Council => council = reads.council(tenant).await?,
                RecordRef::Decision(id) => decisions.push(id),
                RecordRef::ForwardPlanEntry(id) => entries.push(id),
                RecordRef::StrategyDocument(id) => strategies.push(id),
                RecordRef::Meeting(id) => meetings.push(id),
            }
        }
        Ok(Self {
            council,
            decisions: reads.decisions_by_ids(tenant, VIEWER, &decisions).await?,
            entries: reads
                .forward_plan_entries_by_ids(tenant, VIEWER, &entries)
                .await?,
            strategies: reads
                .strategy_documents_by_ids(tenant, VIEWER, &strategies)
                .await?,
            meetings: reads.meetings_by_ids(tenant, VIEWER, &meetings).await?,
        })
    }

    /// The change to list for `touch`: `None` when the public may not see the record (a draft),
    /// or when its view is of a change after `next`, which a later answer lists.
    fn change(
        &self,
        base: &str,
        slug: &str,
        touch: &Touch,
        next: u64,
    ) -> Result<Option<Change>, ApiError> {
        let council = format!("{base}/councils/{slug}");
        let (kind, id, last_position, withdrawn, url, record) = match touch.record {
            RecordRef::Council => {
                let Some(view) = &self.council else {
                    return Ok(None);
                };
                let record = record_json(view)?;
                let (id, last) = (view.tenant.as_uuid(), view.last_position);
                ("council", id, last, false, Some(council), record)
            }
            RecordRef::Decision(id) => {
                let Some(view) = self.decisions.get(&id) else {
                    return Ok(None);
                };
                let withdrawn = matches!(
                    view.status,
                    DecisionStatus::Withdrawn | DecisionStatus::Abandoned
                );
                let url = format!("{council}/decisions/{}", id.as_uuid());
                let record = record_json(view)?;
                let (id, last) = (id.as_uuid(), view.last_position);
                ("decision", id, last, withdrawn, Some(url), record)
            }
            RecordRef::ForwardPlanEntry(id) => {
                let Some(view) = self.entries.get(&id) else {
                    return Ok(None);
                };
                let withdrawn = matches!(
                    view.status,
                    ForwardPlanStatusView::Withdrawn | ForwardPlanStatusView::Abandoned
                );
                let url = format!("{council}/forward-plan/{}", id.as_uuid());
                let record = record_json(view)?;
                let (id, last) = (id.as_uuid(), view.last_position);
                ("forward_plan_entry", id, last, withdrawn, Some(url), record)
            }
            RecordRef::StrategyDocument(id) => {
                let Some(view) = self.strategies.get(&id) else {
                    return Ok(None);
                };
                let url = format!("{council}/strategies/{}", id.as_uuid());
                let record = record_json(view)?;
                let (id, last) = (id.as_uuid(), view.last_position);
                ("strategy_document", id, last, false, Some(url), record)
            }
            RecordRef::Meeting(id) => {
                let Some(view) = self.meetings.get(&id) else {
                    return Ok(None);
                };
                let url = format!("{council}/meetings/{}", id.as_uuid());
                let record = record_json(view)?;
                let (id, last) = (id.as_uuid(), view.last_position);
                ("meeting", id, last, false, Some(url), record)
            }
        };
        if last_position > next {
            return Ok(None);
        }
        Ok(Some(Change {
            kind,
            id,
            position: touch.position,
            recorded_at: touch
                .recorded_at
                .to_rfc3339_opts(SecondsFormat::Micros, true),
            state: if withdrawn { "withdrawn" } else { "public" },
            personal_data_erased: touch.erased,
            url,
            record,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn since_is_a_position_or_an_rfc_3339_time() {
        assert_eq!(Since::parse(None).unwrap(), Since::Position(0));
        assert_eq!(Since::parse(Some("")).unwrap(), Since::Position(0));
        assert_eq!(Since::parse(Some("41")).unwrap(), Since::Position(41));
        let at = Utc.with_ymd_and_hms(2010, 6, 11, 8, 30, 0).unwrap();
        assert_eq!(
            Since::parse(Some("2010-06-11T08:30:00Z")).unwrap(),
            Since::Time(at)
        );
        // `+01:00` sent unencoded arrives as ` 01:00`.
        assert_eq!(
            Since::parse(Some("2010-06-11T09:30:00 01:00")).unwrap(),
            Since::Time(at)
        );
        for bad in [
            "-1",
            "4.5",
            "yesterday",
            "2010-06-11",
            "99999999999999999999999",
        ] {
            assert!(Since::parse(Some(bad)).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_limit_is_from_1_to_the_most_an_answer_lists() {
        assert_eq!(parse_limit(None).unwrap(), MAX_CHANGES);
        assert_eq!(parse_limit(Some("20")).unwrap(), 20);
        for bad in ["0", "501", "ten", "-3"] {
            assert!(parse_limit(Some(bad)).is_err(), "{bad}");
        }
    }
}
