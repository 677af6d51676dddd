//! `GET /councils/{slug}/decisions.csv` and `GET /councils/{slug}/decisions.json`: every public
//! decision of the register (all its pages, newest first), one row or object each, with the
//! register page's columns and the short public fields of the summary. The field names are
//! documented in docs/web.md and are kept stable for the scripts that read them.
//!
//! A withheld value is written as its notice ("Withheld as exempt information under …"), and
//! the row's `withheld` names the fields that are: the public view holds no withheld value.

use axum::extract::{Path, State};
use axum::http::header::{
    CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE, X_CONTENT_TYPE_OPTIONS,
};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use civic_domain::decision::DecisionField;
use civic_projections::views::{DecisionView, Detail, RecordView};
use serde::Serialize;

use super::decision::{stage, status_words};
use super::error_page;
use super::export::{ExportRequest, begin_export, decision_url, public_decisions, withheld_notice};
use crate::error::ApiError;
use crate::http::AppState;

/// One decision in a download. The order of the fields is the CSV's column order.
#[derive(Debug, Serialize)]
pub(crate) struct DecisionRow {
    /// The decision's UUID (GraphQL's `uuid`).
    id: String,
    /// Its public page, absolute.
    url: String,
    title: String,
    decision_maker: Option<Cell<String>>,
    date_of_decision: Option<Cell<NaiveDate>>,
    publication_date: Option<NaiveDate>,
    /// The council's own words for its status, else the stage (as the register shows it).
    status: Cell<String>,
    /// Where the decision is in its lifecycle, in words.
    stage: &'static str,
    key_decision: Option<Cell<bool>>,
    subject_to_call_in: Option<Cell<bool>>,
    call_in_deadline: Option<NaiveDate>,
    /// The time on the deadline's day, `HH:MM`, when the record states one.
    call_in_deadline_time: Option<String>,
    effective_from: Option<NaiveDate>,
    /// The names of the fields above that are withheld, separated by spaces.
    withheld: String,
}

/// A value, or the notice that says why the public may not see it.
#[derive(Debug, Serialize)]
#[serde(untagged)]
enum Cell<T> {
    Value(T),
    Withheld(String),
}

/// `value` as a cell: the field's notice if the record withholds it, else the value if stated.
fn cell<T>(record: &RecordView, field: DecisionField, value: Option<T>) -> Option<Cell<T>> {
    match withheld_notice(record, field) {
        Some(notice) => Some(Cell::Withheld(notice.to_owned())),
        None => value.map(Cell::Value),
    }
}

/// The fields of a row that the record can withhold, by their names in the row.
const WITHHOLDABLE: [(DecisionField, &str); 6] = [
    // The public view's title is already the notice when the title is withheld.
    (DecisionField::Title, "title"),
    (DecisionField::DecisionMaker, "decision_maker"),
    (DecisionField::DateOfDecision, "date_of_decision"),
    (DecisionField::StatusLabel, "status"),
    (DecisionField::KeyDecision, "key_decision"),
    (DecisionField::SubjectToCallIn, "subject_to_call_in"),
];

impl DecisionRow {
    pub(crate) fn new(base: &str, slug: &str, decision: &DecisionView) -> Self {
        let record = &decision.record;
        let withheld: Vec<&str> = WITHHOLDABLE
            .iter()
            .filter(|(field, _)| withheld_notice(record, *field).is_some())
            .map(|(_, name)| *name)
            .collect();
        DecisionRow {
            id: decision.id.as_uuid().to_string(),
            url: decision_url(base, slug, decision),
            title: record.title.clone(),
            decision_maker: cell(
                record,
                DecisionField::DecisionMaker,
                record
                    .decision_maker
                    .as_ref()
                    .map(|body| body.name_as_shown.as_str().to_owned()),
            ),
            date_of_decision: cell(
                record,
                DecisionField::DateOfDecision,
                record.date_of_decision,
            ),
            publication_date: decision.publication_date,
            status: match withheld_notice(record, DecisionField::StatusLabel) {
                Some(notice) => Cell::Withheld(notice.to_owned()),
                None => Cell::Value(status_words(decision)),
            },
            stage: stage(decision.status),
            key_decision: cell(record, DecisionField::KeyDecision, record.key_decision),
            subject_to_call_in: cell(
                record,
                DecisionField::SubjectToCallIn,
                record.subject_to_call_in,
            ),
            call_in_deadline: decision.call_in_deadline,
            call_in_deadline_time: decision
                .call_in_deadline_time
                .map(|time| time.format("%H:%M").to_string()),
            effective_from: decision.effective_from,
            withheld: withheld.join(" "),
        }
    }
}

/// `GET /councils/{slug}/decisions.csv`: RFC 4180, UTF-8, a header row.
pub(crate) async fn decisions_csv(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    download(
        &state,
        &slug,
        &uri,
        &headers,
        Format::Csv,
        Disposition::Attachment,
    )
    .await
}

/// `GET /councils/{slug}/decisions.json`: an array of objects.
pub(crate) async fn decisions_json(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    download(
        &state,
        &slug,
        &uri,
        &headers,
        Format::Json,
        Disposition::Attachment,
    )
    .await
}

/// The JSON of `decisions.json`, shown rather than saved: the register's answer to a client that
/// asks for `application/json` ([`super::register`]).
pub(crate) async fn decisions_json_shown(
    state: &AppState,
    slug: &str,
    uri: &Uri,
    headers: &HeaderMap,
) -> Response {
    download(state, slug, uri, headers, Format::Json, Disposition::Inline).await
}

#[derive(Clone, Copy)]
enum Format {
    Csv,
    Json,
}

/// Whether the answer is a file to save (`Content-Disposition: attachment`, the download
/// links) or the resource itself (the register asked for JSON).
#[derive(Clone, Copy)]
enum Disposition {
    Attachment,
    Inline,
}

async fn download(
    state: &AppState,
    slug: &str,
    uri: &Uri,
    headers: &HeaderMap,
    format: Format,
    disposition: Disposition,
) -> Response {
    let representation = match format {
        Format::Csv => "csv",
        Format::Json => "json",
    };
    let request = match begin_export(state, slug, uri, headers, representation).await {
        Ok(request) => request,
        Err(answer) => return answer,
    };
    match rows(state, &request, slug)
        .await
        .and_then(|rows| encode(&rows, format))
    {
        Ok(bytes) => {
            let (kind, extension) = match format {
                Format::Csv => ("text/csv; charset=utf-8; header=present", "csv"),
                Format::Json => ("application/json", "json"),
            };
            let mut response = (StatusCode::OK, bytes).into_response();
            let headers = response.headers_mut();
            headers.insert(CONTENT_TYPE, HeaderValue::from_static(kind));
            // The slug is checked ([`crate::http::graphql::tenant`]): letters, digits and
            // hyphens, nothing to quote.
            if let Disposition::Attachment = disposition
                && let Ok(value) = HeaderValue::from_str(&format!(
                    "attachment; filename=\"{slug}-decisions.{extension}\""
                ))
            {
                headers.insert(CONTENT_DISPOSITION, value);
            }
            headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
            headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
            request.validators(response)
        }
        Err(error) => error_page(error),
    }
}

async fn rows(
    state: &AppState,
    request: &ExportRequest,
    slug: &str,
) -> Result<Vec<DecisionRow>, ApiError> {
    // Summaries: every field of a row is a short one, which the summary keeps.
    let decisions = public_decisions(state, request.tenant, Detail::Summary, None).await?;
    Ok(decisions
        .iter()
        .map(|decision| DecisionRow::new(&request.base, slug, decision))
        .collect())
}

fn encode(rows: &[DecisionRow], format: Format) -> Result<Vec<u8>, ApiError> {
    let failed = |error: anyhow::Error| ApiError::Internal(error.context("writing a download"));
    match format {
        Format::Json => serde_json::to_vec(rows).map_err(|e| failed(e.into())),
        Format::Csv => {
            let mut writer = csv::Writer::from_writer(Vec::new());
            for row in rows {
                writer.serialize(row).map_err(|e| failed(e.into()))?;
            }
            // With no rows, serde writes no header either: the header row comes first all the
            // same, so an empty register is still a CSV with its columns.
            if rows.is_empty() {
                writer.write_record(COLUMNS).map_err(|e| failed(e.into()))?;
            }
            writer
                .into_inner()
                .map_err(|e| failed(anyhow::anyhow!("{e}")))
        }
    }
}

/// The columns, in order: the field names of [`DecisionRow`].
pub(crate) const COLUMNS: [&str; 14] = [
    "id",
    "url",
    "title",
    "decision_maker",
    "date_of_decision",
    "publication_date",
    "status",
    "stage",
    "key_decision",
    "subject_to_call_in",
    "call_in_deadline",
    "call_in_deadline_time",
    "effective_from",
    "withheld",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn row() -> DecisionRow {
        DecisionRow {
            id: "0195d2c1-6f0e-7000-8000-000000000000".to_owned(),
            url: "http://x/councils/x/decisions/0195d2c1-6f0e-7000-8000-000000000000".to_owned(),
            title: "Land, \"depot\"".to_owned(),
            decision_maker: Some(Cell::Withheld("Withheld as exempt".to_owned())),
            date_of_decision: Some(Cell::Value(NaiveDate::from_ymd_opt(2010, 6, 9).unwrap())),
            publication_date: None,
            status: Cell::Value("Published".to_owned()),
            stage: "Published",
            key_decision: Some(Cell::Value(true)),
            subject_to_call_in: None,
            call_in_deadline: None,
            call_in_deadline_time: None,
            effective_from: None,
            withheld: "decision_maker".to_owned(),
        }
    }

    #[test]
    fn the_csv_header_is_the_documented_columns_with_or_without_rows() {
        let empty = String::from_utf8(encode(&[], Format::Csv).unwrap()).unwrap();
        assert_eq!(empty.trim_end(), COLUMNS.join(","));
        let one = String::from_utf8(encode(&[row()], Format::Csv).unwrap()).unwrap();
        let mut lines = one.lines();
        assert_eq!(lines.next(), Some(COLUMNS.join(",").as_str()));
        assert_eq!(
            lines.next(),
            Some(
                "0195d2c1-6f0e-7000-8000-000000000000,\
                 http://x/councils/x/decisions/0195d2c1-6f0e-7000-8000-000000000000,\
                 \"Land, \"\"depot\"\"\",Withheld as exempt,2010-06-09,,Published,Published,\
                 true,,,,,decision_maker"
            )
        );
    }

    #[test]
    fn json_values_keep_their_types_and_notices_are_text() {
        let json: serde_json::Value =
            serde_json::from_slice(&encode(&[row()], Format::Json).unwrap()).unwrap();
        let object = &json[0];
        assert_eq!(object["decision_maker"], "Withheld as exempt");
        assert_eq!(object["date_of_decision"], "2010-06-09");
        assert_eq!(object["key_decision"], true);
        assert!(object["publication_date"].is_null());
        let keys: Vec<&str> = object
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let mut columns = COLUMNS.to_vec();
        columns.sort_unstable();
        let mut keys = keys;
        keys.sort_unstable();
        assert_eq!(keys, columns);
    }
}
