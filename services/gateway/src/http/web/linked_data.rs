//! schema.org JSON-LD for the record pages: a `<script type="application/ld+json">` in the
//! `head` of the pages of a decision, a meeting, a forward-plan entry and a strategy document, so search engines and other machines read
//! what the page says without scraping it.
//!
//! A decision is a `CreativeWork`: a published record of what an authority decided, written and
//! published by the council. schema.org's `Legislation` is for laws and their parts, which a
//! council's decision is not. A meeting is an `Event` organised by the council.
//!
//! A forward-plan entry is a `PlanAction`, "the act of planning the execution of an action to a
//! future date": the council (its `agent`) gives notice that a decision is to be taken, and when
//! (`scheduledTime`). It is not an `Event` (nothing is attended, and a decision due "not before"
//! a day or in a month has no start), nor only a `CreativeWork` (what matters is the decision to
//! come and its status, which `actionStatus` says); the decision it led to is its `result`.
//! A strategy document is a `CreativeWork` (schema.org's `DigitalDocument` would claim a file the
//! register does not hold): its former names are `alternateName`, its approved version the
//! `version`.
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
use civic_domain::forward_plan::DateDue;
use civic_projections::views::{
    CouncilView, DecisionView, ForwardPlanStatusView, ForwardPlanView, MeetingStatusView,
    MeetingView, StrategyDocumentView, VersionStatusView,
};
use maud::{Markup, PreEscaped, html};
use serde_json::{Map, Value, json};
use uuid::Uuid;

use super::decision::stage;
use super::export::withheld_notice;
use super::locale::Locale;
use super::meetings::heading;
use super::strategies::standing;
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

/// What every record's JSON-LD begins with: its schema.org type, its page as `@id` and `url`, and
/// its UUID as `identifier`.
fn thing(kind: &str, path: &str, id: Uuid) -> Map<String, Value> {
    let mut data = Map::new();
    data.insert("@context".into(), json!("https://schema.org"));
    data.insert("@type".into(), json!(kind));
    data.insert("@id".into(), json!(path));
    data.insert("url".into(), json!(path));
    data.insert("identifier".into(), json!(id.to_string()));
    data
}

/// A decision's page: the record as a `CreativeWork`, withheld fields left out.
pub(crate) fn decision(council: &CouncilView, decision: &DecisionView, path: &str) -> Value {
    let record = &decision.record;
    let shown = |field: DecisionField| withheld_notice(record, field).is_none();
    let mut data = thing("CreativeWork", path, decision.id.as_uuid());
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
    let mut data = thing("Event", path, meeting.id.as_uuid());
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

/// A forward-plan entry's page: the council's notice of a decision to come, as a `PlanAction`
/// (see the module's doc). Every field of an entry is public; the basis on which it may be taken
/// in private is left out (a notice is not a description), and the decision it led to is linked
/// only when the public may see it (the read model drops the others).
pub(crate) fn plan_entry(council: &CouncilView, entry: &ForwardPlanView, slug: &str) -> Value {
    let path = format!("/councils/{slug}/forward-plan/{}", entry.id.as_uuid());
    let mut data = thing("PlanAction", &path, entry.id.as_uuid());
    data.insert("name".into(), json!(entry.title.as_str()));
    if let Some(description) = &entry.description {
        data.insert("description".into(), json!(description.as_str()));
    }
    data.insert("agent".into(), council_organisation(council));
    if let Some(body) = &entry.decision_maker.name {
        // The body that will decide takes part in the planned decision.
        data.insert(
            "participant".into(),
            json!({"@type": "Organization", "name": body.as_str()}),
        );
    }
    // ISO 8601 as schema.org's `Date` takes it: a day, or a month alone; "not before" a day and
    // a date not yet known schedule nothing.
    let scheduled = match entry.date_due {
        Some(DateDue::Day { date }) => Some(date.to_string()),
        Some(DateDue::Month { month }) => Some(month.first_day().format("%Y-%m").to_string()),
        Some(DateDue::NotBefore { .. } | DateDue::NotKnown) | None => None,
    };
    if let Some(scheduled) = scheduled {
        data.insert("scheduledTime".into(), json!(scheduled));
    }
    data.insert(
        "actionStatus".into(),
        json!(plan_action_status(entry.status)),
    );
    if let Some(decision) = entry.decision {
        let href = format!("/councils/{slug}/decisions/{}", decision.as_uuid());
        data.insert("result".into(), json!({"@id": href, "url": href}));
    }
    Value::Object(data)
}

/// schema.org's `ActionStatusType` of an entry: still to be decided is potential, decided is
/// completed, taken off the plan is failed.
fn plan_action_status(status: ForwardPlanStatusView) -> &'static str {
    match status {
        ForwardPlanStatusView::Planned
        | ForwardPlanStatusView::OnHold
        | ForwardPlanStatusView::Deferred => "https://schema.org/PotentialActionStatus",
        ForwardPlanStatusView::Decided | ForwardPlanStatusView::Implemented => {
            "https://schema.org/CompletedActionStatus"
        }
        ForwardPlanStatusView::Withdrawn | ForwardPlanStatusView::Abandoned => {
            "https://schema.org/FailedActionStatus"
        }
    }
}

/// A strategy document's page: the document as a `CreativeWork` by the council, its former
/// names as `alternateName`, the version in force (else the latest drafted) as `version`,
/// `datePublished` the first approval and `dateModified` the latest day the record states (an
/// approval, a review, a rename or a change of standing).
pub(crate) fn strategy_document(
    council: &CouncilView,
    document: &StrategyDocumentView,
    path: &str,
) -> Value {
    let mut data = thing("CreativeWork", path, document.id.as_uuid());
    data.insert("inLanguage".into(), json!("en-GB"));
    data.insert("name".into(), json!(document.title.as_str()));
    let former: Vec<&str> = document
        .titles
        .iter()
        .map(|t| t.title.as_str())
        .filter(|t| *t != document.title.as_str())
        .collect();
    if !former.is_empty() {
        data.insert("alternateName".into(), json!(former));
    }
    let current = document
        .versions
        .iter()
        .rev()
        .find(|v| v.status == VersionStatusView::Approved)
        .or_else(|| document.versions.last());
    if let Some(version) = current {
        data.insert("version".into(), json!(version.label.as_str()));
    }
    if let Some(first) = document.versions.iter().filter_map(|v| v.approved_on).min() {
        data.insert("datePublished".into(), json!(first.to_string()));
    }
    let days = document
        .versions
        .iter()
        .flat_map(|v| [v.approved_on, v.review_date])
        .chain(document.titles.iter().map(|t| t.from))
        .chain(document.status_history.iter().map(|s| s.on))
        .flatten();
    if let Some(latest) = days.max() {
        data.insert("dateModified".into(), json!(latest.to_string()));
    }
    if let Some(period) = document.period {
        data.insert("temporalCoverage".into(), json!(period.to_string()));
    }
    // Its standing, when the register gives one (not "Not stated").
    if document.status.is_some() || document.status_label.is_some() {
        data.insert(
            "creativeWorkStatus".into(),
            json!(standing(&Locale::english(), document)),
        );
    }
    data.insert("author".into(), council_organisation(council));
    data.insert("publisher".into(), council_organisation(council));
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
