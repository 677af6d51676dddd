//! schema.org JSON-LD for the record pages: a `<script type="application/ld+json">` in the
//! `head` of a decision's page and a meeting's page, so search engines and other machines read
//! what the page says without scraping it.
//!
//! A decision is a `CreativeWork`: a published record of what an authority decided, written and
//! published by the council. schema.org's `Legislation` is for laws and their parts, which a
//! council's decision is not. A meeting is an `Event` organised by the council.
//!
//! Only what the page shows the public: the views are the public's, and a field the record
//! withholds is left out (never its notice in place of a value: a notice is not a title or a
//! date). Links are the pages' own paths: JSON-LD resolves them against the page's address, and
//! the page is the same whatever host it was reached by (its tag does not cover the host).
//!
//! JSON-LD is data, not script: browsers do not run it, so the pages' Content-Security-Policy
//! (no scripts at all) holds as it is. The JSON is escaped so that no value can close the element
//! (`<`, `>` and `&` as `\u003c`, `\u003e`, `\u0026`, which JSON reads back unchanged).

use civic_domain::decision::DecisionField;
use civic_projections::views::{CouncilView, DecisionView, MeetingStatusView, MeetingView};
use maud::{Markup, PreEscaped, html};
use serde_json::{Map, Value, json};

use super::decision::stage;
use super::export::withheld_notice;
use super::locale::Locale;
use super::meetings::heading;
use super::uk_time::uk_instant;

/// The `<script type="application/ld+json">` holding `data`.
pub(crate) fn script(data: &Value) -> Markup {
    html! {
        script type="application/ld+json" { (PreEscaped(escaped(data))) }
    }
}

/// `data` as JSON text that cannot end the `script` element it stands in.
fn escaped(data: &Value) -> String {
    let mut out = String::new();
    for c in data.to_string().chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c => out.push(c),
        }
    }
    out
}

/// The council as the author, publisher or organiser of a record.
fn council_organisation(council: &CouncilView) -> Value {
    json!({"@type": "GovernmentOrganization", "name": council.name.as_str()})
}

/// A decision's page: the record as a `CreativeWork`, withheld fields left out.
pub(crate) fn decision(council: &CouncilView, decision: &DecisionView, path: &str) -> Value {
    let record = &decision.record;
    let shown = |field: DecisionField| withheld_notice(record, field).is_none();
    let mut data = Map::new();
    data.insert("@context".into(), json!("https://schema.org"));
    data.insert("@type".into(), json!("CreativeWork"));
    data.insert("@id".into(), json!(path));
    data.insert("url".into(), json!(path));
    data.insert(
        "identifier".into(),
        json!(decision.id.as_uuid().to_string()),
    );
    data.insert("inLanguage".into(), json!("en-GB"));
    if shown(DecisionField::Title) {
        data.insert("name".into(), json!(record.title));
    }
    if shown(DecisionField::Purpose)
        && let Some(purpose) = &record.purpose
    {
        data.insert("description".into(), json!(purpose.as_str()));
    }
    if shown(DecisionField::DateOfDecision)
        && let Some(day) = record.date_of_decision
    {
        data.insert("dateCreated".into(), json!(day.to_string()));
    }
    if let Some(day) = decision.publication_date {
        data.insert("datePublished".into(), json!(day.to_string()));
    }
    data.insert("creativeWorkStatus".into(), json!(stage(decision.status)));
    data.insert("author".into(), council_organisation(council));
    data.insert("publisher".into(), council_organisation(council));
    Value::Object(data)
}

/// A meeting's page: the meeting as an `Event` the council organises.
pub(crate) fn meeting(council: &CouncilView, meeting: &MeetingView, path: &str) -> Value {
    let record = &meeting.record;
    let mut data = Map::new();
    data.insert("@context".into(), json!("https://schema.org"));
    data.insert("@type".into(), json!("Event"));
    data.insert("@id".into(), json!(path));
    data.insert("url".into(), json!(path));
    data.insert("identifier".into(), json!(meeting.id.as_uuid().to_string()));
    data.insert("name".into(), json!(heading(&Locale::english(), meeting)));
    // A day alone when no time is stated; else the instant, with the UK's offset that day.
    let start = match record.start_time {
        Some(time) => uk_instant(record.date, time).to_rfc3339(),
        None => record.date.to_string(),
    };
    data.insert("startDate".into(), json!(start));
    if let (Some(start), Some(end)) = (record.start_time, record.end_time)
        && end > start
    {
        data.insert(
            "endDate".into(),
            json!(uk_instant(record.date, end).to_rfc3339()),
        );
    }
    if let Some(location) = &record.location {
        data.insert(
            "location".into(),
            json!({"@type": "Place", "name": location.as_str()}),
        );
    }
    if let Some(status) = event_status(meeting) {
        data.insert("eventStatus".into(), json!(status));
    }
    data.insert("organizer".into(), council_organisation(council));
    Value::Object(data)
}

/// schema.org's `EventStatusType`: cancelled once a cancellation is recorded; none when the
/// record states no status.
fn event_status(meeting: &MeetingView) -> Option<&'static str> {
    if meeting.cancellation.is_some() {
        return Some("https://schema.org/EventCancelled");
    }
    Some(match meeting.record.status? {
        MeetingStatusView::Cancelled => "https://schema.org/EventCancelled",
        MeetingStatusView::Postponed => "https://schema.org/EventPostponed",
        MeetingStatusView::Scheduled | MeetingStatusView::Held => {
            "https://schema.org/EventScheduled"
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_value_can_close_the_script_element() {
        let data = json!({"name": "</script><script>alert(1)</script> & more"});
        let markup = script(&data).into_string();
        assert_eq!(markup.matches("</script>").count(), 1, "{markup}");
        assert!(!markup.contains("<script>alert"));
        let inner = markup
            .trim_start_matches("<script type=\"application/ld+json\">")
            .trim_end_matches("</script>");
        let back: Value = serde_json::from_str(inner).unwrap();
        assert_eq!(back, data);
    }
}
