//! The council's whole log, a page at a time, for its clerks and auditors: `log(after, first,
//! from, to)`. Read from the event store, not a read model, so it is the log exactly as stored.

use async_graphql::connection::Edge;
use chrono::{DateTime, Utc};
use civic_eventstore::EventStore as _;

use super::page::page_request;
use crate::error::ApiError;
use crate::graphql::context::RequestContext;
use crate::graphql::objects::log::{LogConnection, LogEntry, LogTotals};

/// Events read from the store at once while looking for a page's entries.
const SCAN: u32 = 500;

/// The position a cursor names (cursors of the log are positions, in decimal).
fn position(cursor: Option<&str>) -> Result<u64, ApiError> {
    cursor.map_or(Ok(0), |cursor| {
        cursor.parse().map_err(|_| {
            ApiError::invalid("after", "a cursor of the log is a position, e.g. \"41\"")
        })
    })
}

/// Up to `first` events after the cursor `after`, recorded within `from..=to` if given, in
/// position order. Recorded times come from the appending server's clock and need not rise
/// strictly with positions, so a time range is a filter over the log read in order, not a seek:
/// a range far into a long log is found fastest with an `after` near it.
pub(crate) async fn log_page(
    request: &RequestContext<'_>,
    after: Option<String>,
    first: Option<i32>,
    from: Option<DateTime<Utc>>,
    to: Option<DateTime<Utc>>,
) -> Result<LogConnection, ApiError> {
    request.access.log_reader()?;
    let tenant = request.tenant()?;
    let first = page_request(&request.services.limits, first, None)?.first as usize;
    let start = position(after.as_deref())?;
    if let (Some(from), Some(to)) = (from, to)
        && from > to
    {
        return Err(ApiError::invalid("to", "the range ends before it starts"));
    }
    let within =
        |at: DateTime<Utc>| from.is_none_or(|from| at >= from) && to.is_none_or(|to| at <= to);
    let store = request.runtime()?.store();
    let log_size = store.head(tenant).await?.position;
    let mut found = Vec::new();
    let mut cursor = start;
    'scan: while found.len() <= first {
        let batch = store.read_log(tenant, cursor, SCAN).await?;
        if batch.is_empty() {
            break;
        }
        for event in batch {
            cursor = event.position;
            if within(event.recorded_at) {
                found.push(event);
                if found.len() > first {
                    break 'scan;
                }
            }
        }
    }
    let has_next = found.len() > first;
    found.truncate(first);
    let mut connection =
        LogConnection::with_additional_fields(start > 0, has_next, LogTotals { log_size });
    connection.edges = found
        .into_iter()
        .map(|event| Edge::new(event.position.to_string(), LogEntry::of(event)))
        .collect();
    Ok(connection)
}
