//! `GET /councils/{slug}/feed.atom`: an Atom 1.0 feed (RFC 4287) of the council's newest
//! published decisions and of the entries of its forward plan changed last, for feed readers and
//! mirrors, written with `quick-xml` (which escapes every text and attribute value). Each entry's
//! `category` says which it is: `decision` or `forward-plan-entry`.
//!
//! A decision's entry is one decision of the public view: its id `urn:uuid:` and the decision's
//! UUID (stable whatever its title or address), its title, a link to its page, and its purpose as
//! the summary (or the purpose's withheld notice: never exempt text, which the public view does
//! not hold). The read model keeps no time of a decision's last change, only dates, so `updated`
//! is the latest of its publication date and its corrections' dates, at midnight UTC.
//!
//! A forward-plan entry's is the same of the entry: `urn:uuid:` and its UUID, its title, a link
//! to its page, its description as the summary. Notices of decisions to come are public, so the
//! entry holds nothing withheld; where it is expected to be decided in private, the basis is on
//! its page, as the public is told it. The entries are those whose last event is latest in the
//! council's log (the read model orders by position, and keeps no time of a change); `updated` is
//! the latest day the entry states: its notice's, its corrections', its changes of status', at
//! midnight UTC, and `published` its notice's day.

use axum::extract::{Path, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, X_CONTENT_TYPE_OPTIONS};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use civic_domain::decision::DecisionField;
use civic_projections::views::{DecisionView, Detail, ForwardPlanView};
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use super::export::{ExportRequest, begin_export, decision_url, public_decisions, withheld_notice};
use super::{VIEWER, error_page};
use crate::error::ApiError;
use crate::http::AppState;

/// How many decisions the feed holds: the newest, by date of decision as the register orders
/// them. Enough for a reader polling daily; the downloads hold every decision.
pub(crate) const FEED_ENTRIES: usize = 50;

/// How many forward-plan entries the feed holds besides: those changed last. The feed holds at
/// most `FEED_ENTRIES + PLAN_FEED_ENTRIES` entries.
pub(crate) const PLAN_FEED_ENTRIES: u32 = 50;

/// `GET /councils/{slug}/feed.atom`.
pub(crate) async fn feed(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    atom(&state, &slug, &uri, &headers).await
}

/// The feed of the council `slug`, at `uri`: also the register's answer to a client that
/// asks for Atom ([`super::register`]).
pub(crate) async fn atom(state: &AppState, slug: &str, uri: &Uri, headers: &HeaderMap) -> Response {
    let request = match begin_export(state, slug, uri, headers, "atom").await {
        Ok(request) => request,
        Err(answer) => return answer,
    };
    match render(state, &request, slug).await {
        Ok(xml) => {
            let mut response = (StatusCode::OK, xml).into_response();
            let headers = response.headers_mut();
            headers.insert(
                CONTENT_TYPE,
                HeaderValue::from_static("application/atom+xml; charset=utf-8"),
            );
            headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
            headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
            request.validators(response)
        }
        Err(error) => error_page(error),
    }
}

async fn render(
    state: &AppState,
    request: &ExportRequest,
    slug: &str,
) -> Result<Vec<u8>, ApiError> {
    let council = state
        .services
        .reads(request.tenant, VIEWER)
        .await?
        .council(request.tenant)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("no council {slug:?} yet")))?;
    // The whole view: the summary a list reads empties the purpose.
    let decisions =
        public_decisions(state, request.tenant, Detail::Full, Some(FEED_ENTRIES)).await?;
    let plan_entries = request
        .reads
        .latest_forward_plan_entries(request.tenant, VIEWER, PLAN_FEED_ENTRIES)
        .await?;
    let feed = Feed {
        id: format!("urn:uuid:{}", request.tenant.as_uuid()),
        council: council.name.as_str(),
        base: &request.base,
        slug,
        decisions: &decisions,
        plan_entries: &plan_entries,
    };
    feed.write()
        .map_err(|error| ApiError::Internal(anyhow::Error::new(error).context("writing the feed")))
}

/// A feed to write.
struct Feed<'a> {
    /// The feed's id: the council's UUID, stable whatever its name or slug.
    id: String,
    council: &'a str,
    base: &'a str,
    slug: &'a str,
    decisions: &'a [DecisionView],
    /// The forward-plan entries changed last, after the decisions.
    plan_entries: &'a [ForwardPlanView],
}

impl Feed<'_> {
    fn write(&self) -> std::io::Result<Vec<u8>> {
        let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
        writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)))?;
        let register = format!("{}/councils/{}", self.base, self.slug);
        let own = format!("{register}/feed.atom");
        // The feed changed when its newest entry did; with no entry, it never has.
        let updated = self
            .decisions
            .iter()
            .map(updated)
            .chain(self.plan_entries.iter().map(entry_updated))
            .max()
            .unwrap_or(DateTime::UNIX_EPOCH);
        writer
            .create_element("feed")
            .with_attribute(("xmlns", "http://www.w3.org/2005/Atom"))
            .with_attribute(("xml:lang", "en"))
            .write_inner_content(|writer| {
                text(writer, "id", &self.id)?;
                text(writer, "title", &format!("Decisions – {}", self.council))?;
                text(
                    writer,
                    "subtitle",
                    &format!(
                        "The newest decisions published by {}, newest first, then the entries \
                         of its forward plan changed last.",
                        self.council
                    ),
                )?;
                text(writer, "updated", &timestamp(updated))?;
                link(writer, "self", "application/atom+xml", &own)?;
                link(writer, "alternate", "text/html", &register)?;
                writer
                    .create_element("author")
                    .write_inner_content(|writer| text(writer, "name", self.council))?;
                writer
                    .create_element("generator")
                    .write_text_content(BytesText::new("Civic Register"))?;
                for decision in self.decisions {
                    self.entry(writer, decision)?;
                }
                for entry in self.plan_entries {
                    self.plan_entry(writer, entry)?;
                }
                Ok(())
            })?;
        Ok(writer.into_inner())
    }

    fn entry(&self, writer: &mut Writer<Vec<u8>>, decision: &DecisionView) -> std::io::Result<()> {
        let record = &decision.record;
        writer
            .create_element("entry")
            .write_inner_content(|writer| {
                text(writer, "id", &format!("urn:uuid:{}", decision.id.as_uuid()))?;
                text(writer, "title", &record.title)?;
                text(writer, "updated", &timestamp(updated(decision)))?;
                if let Some(published) = decision.publication_date {
                    text(writer, "published", &timestamp(midnight(published)))?;
                }
                link(
                    writer,
                    "alternate",
                    "text/html",
                    &decision_url(self.base, self.slug, decision),
                )?;
                category(writer, "decision", "Decision")?;
                let summary = withheld_notice(record, DecisionField::Purpose)
                    .or_else(|| record.purpose.as_ref().map(|p| p.as_str()));
                if let Some(summary) = summary {
                    self::summary(writer, summary)?;
                }
                Ok(())
            })?;
        Ok(())
    }

    fn plan_entry(
        &self,
        writer: &mut Writer<Vec<u8>>,
        entry: &ForwardPlanView,
    ) -> std::io::Result<()> {
        writer
            .create_element("entry")
            .write_inner_content(|writer| {
                text(writer, "id", &format!("urn:uuid:{}", entry.id.as_uuid()))?;
                text(writer, "title", entry.title.as_str())?;
                text(writer, "updated", &timestamp(entry_updated(entry)))?;
                if let Some(notice) = entry.notice_date {
                    text(writer, "published", &timestamp(midnight(notice)))?;
                }
                link(
                    writer,
                    "alternate",
                    "text/html",
                    &format!(
                        "{}/councils/{}/forward-plan/{}",
                        self.base,
                        self.slug,
                        entry.id.as_uuid()
                    ),
                )?;
                category(writer, "forward-plan-entry", "Forward plan entry")?;
                if let Some(description) = &entry.description {
                    summary(writer, description.as_str())?;
                }
                Ok(())
            })?;
        Ok(())
    }
}

/// `<category term=… label=…/>`: which kind of record an entry is.
fn category(writer: &mut Writer<Vec<u8>>, term: &str, label: &str) -> std::io::Result<()> {
    writer
        .create_element("category")
        .with_attribute(("term", term))
        .with_attribute(("label", label))
        .write_empty()?;
    Ok(())
}

/// `<summary type="text">…</summary>`.
fn summary(writer: &mut Writer<Vec<u8>>, summary: &str) -> std::io::Result<()> {
    writer
        .create_element("summary")
        .with_attribute(("type", "text"))
        .write_text_content(BytesText::new(&xml_chars(summary)))?;
    Ok(())
}

/// When the forward-plan entry last changed, as far as its view says: the latest day it states
/// (its notice's, its corrections', its changes of status'), at midnight UTC; the epoch when it
/// states none.
fn entry_updated(entry: &ForwardPlanView) -> DateTime<Utc> {
    let corrected = entry.corrections.iter().map(|c| c.corrected_on);
    let changed = entry.status_changes.iter().filter_map(|c| c.on);
    entry
        .notice_date
        .into_iter()
        .chain(corrected)
        .chain(changed)
        .max()
        .map_or(DateTime::UNIX_EPOCH, midnight)
}

/// When the decision last changed, as far as the read model says: the latest of its publication
/// date and its corrections' dates (else its date of decision), at midnight UTC; the epoch when
/// the record states none of them.
fn updated(decision: &DecisionView) -> DateTime<Utc> {
    let corrected = decision.corrections.iter().map(|c| c.corrected_on).max();
    let day = [decision.publication_date, corrected]
        .into_iter()
        .flatten()
        .max()
        .or(decision.record.date_of_decision);
    day.map_or(DateTime::UNIX_EPOCH, midnight)
}

fn midnight(day: NaiveDate) -> DateTime<Utc> {
    day.and_hms_opt(0, 0, 0)
        .map_or(DateTime::UNIX_EPOCH, |at| at.and_utc())
}

/// An RFC 3339 time as Atom's date constructs want it: `2010-06-11T00:00:00Z`.
fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// `<name>value</name>`, the value escaped.
fn text(writer: &mut Writer<Vec<u8>>, name: &str, value: &str) -> std::io::Result<()> {
    writer
        .create_element(name)
        .write_text_content(BytesText::new(&xml_chars(value)))?;
    Ok(())
}

/// `<link rel=… type=… href=…/>`.
fn link(writer: &mut Writer<Vec<u8>>, rel: &str, kind: &str, href: &str) -> std::io::Result<()> {
    writer
        .create_element("link")
        .with_attribute(("rel", rel))
        .with_attribute(("type", kind))
        .with_attribute(("href", href))
        .write_empty()?;
    Ok(())
}

/// `value` without the characters XML 1.0 cannot carry at all (control characters other than
/// tab and line breaks, and U+FFFE/U+FFFF), which escaping cannot help: a council's text that
/// holds one would otherwise make the whole feed unreadable.
fn xml_chars(value: &str) -> String {
    value
        .chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_rfc_3339_at_midnight_utc() {
        let day = NaiveDate::from_ymd_opt(2010, 6, 11).unwrap();
        assert_eq!(timestamp(midnight(day)), "2010-06-11T00:00:00Z");
    }

    #[test]
    fn text_is_escaped_and_stripped_of_what_xml_cannot_hold() {
        let mut writer = Writer::new(Vec::new());
        text(&mut writer, "title", "Land <&> \"depot\"\u{1}").unwrap();
        let xml = String::from_utf8(writer.into_inner()).unwrap();
        assert_eq!(xml, "<title>Land &lt;&amp;&gt; &quot;depot&quot;</title>");
    }
}
