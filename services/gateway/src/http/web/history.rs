//! A record's public history: `/councils/{slug}/decisions/{id}/history`, and the same under
//! `meetings/{id}`, `strategies/{id}` and `forward-plan/{id}`. Each change the public may see, oldest first: what
//! happened, when it was recorded (UK time), and the fields it changed, before and after.
//!
//! It is what GraphQL's `history` answers an anonymous caller, from the same fold of the record's
//! stream ([`history`] with [`Reader::Public`]): a decision's history starts at its publication
//! (nothing of its drafts), a meeting's never holds withheld minutes, links go only to decisions
//! the public may see now, and who recorded each change is not told (GraphQL's `actor` is null
//! for the public). A record the public may not see now (a draft, or none) is the 404 page.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use chrono::NaiveDate;
use civic_domain::decision::DecisionStatus;
use civic_domain::forward_plan::DateDue;
use civic_domain::values::{DecisionId, ForwardPlanEntryId, MeetingId, StrategyDocumentId};
use civic_projections::views::history::{
    Historic, HistoryEntry, Reader, history, linked_over_time,
};
use civic_projections::views::{DecisionView, ForwardPlanView, MeetingView, StrategyDocumentView};
use maud::{Markup, html};
use serde::Deserialize;
use serde_json::Value;
use uuid::Uuid;

use super::decision::stage;
use super::forward_plan::due_words;
use super::locale::{Labels, Locale};
use super::meetings::heading;
use super::nav::{Section, council_nav, record_crumbs};
use super::uk_time::uk_clock;
use super::{Crumb, PageRequest, VIEWER, page, serve_page};
use crate::error::ApiError;
use crate::graphql::query::as_of::RecordId;
use crate::http::AppState;

/// The record a history page is of, as its own page names it.
struct Subject {
    /// Its title: the decision's, the meeting's "Cabinet, 9 June 2010", the document's name.
    title: String,
    /// Its own page.
    path: String,
    /// The council's section it belongs to, and the list above it in the breadcrumbs.
    section: Section,
}

/// A kind of record with a public history page: how to read it, and how its own page names it.
trait WithHistory: Historic + Sized {
    /// Its id.
    type Id: RecordId;
    /// The council's section it belongs to.
    const SECTION: Section;
    /// Its id from the UUID in the URL.
    fn id(uuid: Uuid) -> Self::Id;
    /// The record as the public sees it now, if the public may.
    async fn read(request: &PageRequest, id: Self::Id) -> Result<Option<Self>, ApiError>;
    /// Its title as its own page gives it.
    fn title(&self, locale: &Locale) -> String;
    /// Its own page.
    fn path(slug: &str, uuid: Uuid) -> String {
        format!("{}/{uuid}", Self::SECTION.href(slug))
    }
}

impl WithHistory for DecisionView {
    type Id = DecisionId;
    const SECTION: Section = Section::Register;
    fn id(uuid: Uuid) -> DecisionId {
        DecisionId::from_uuid(uuid)
    }
    async fn read(request: &PageRequest, id: DecisionId) -> Result<Option<Self>, ApiError> {
        Ok(request.reads.decision(request.tenant, VIEWER, id).await?)
    }
    fn title(&self, _: &Locale) -> String {
        self.record.title.clone()
    }
    fn path(slug: &str, uuid: Uuid) -> String {
        format!("/councils/{slug}/decisions/{uuid}")
    }
}

impl WithHistory for MeetingView {
    type Id = MeetingId;
    const SECTION: Section = Section::Meetings;
    fn id(uuid: Uuid) -> MeetingId {
        MeetingId::from_uuid(uuid)
    }
    async fn read(request: &PageRequest, id: MeetingId) -> Result<Option<Self>, ApiError> {
        Ok(request.reads.meeting(request.tenant, VIEWER, id).await?)
    }
    fn title(&self, locale: &Locale) -> String {
        heading(locale, self)
    }
}

impl WithHistory for ForwardPlanView {
    type Id = ForwardPlanEntryId;
    const SECTION: Section = Section::ForwardPlan;
    fn id(uuid: Uuid) -> ForwardPlanEntryId {
        ForwardPlanEntryId::from_uuid(uuid)
    }
    async fn read(request: &PageRequest, id: ForwardPlanEntryId) -> Result<Option<Self>, ApiError> {
        Ok(request
            .reads
            .forward_plan_entry(request.tenant, VIEWER, id)
            .await?)
    }
    fn title(&self, _: &Locale) -> String {
        self.title.as_str().to_owned()
    }
}

impl WithHistory for StrategyDocumentView {
    type Id = StrategyDocumentId;
    const SECTION: Section = Section::Strategies;
    fn id(uuid: Uuid) -> StrategyDocumentId {
        StrategyDocumentId::from_uuid(uuid)
    }
    async fn read(request: &PageRequest, id: StrategyDocumentId) -> Result<Option<Self>, ApiError> {
        Ok(request
            .reads
            .strategy_document(request.tenant, VIEWER, id)
            .await?)
    }
    fn title(&self, _: &Locale) -> String {
        self.title.as_str().to_owned()
    }
}

/// `GET /councils/{slug}/decisions/{id}/history`.
pub(crate) async fn decision_history(
    State(state): State<AppState>,
    Path((slug, id)): Path<(String, String)>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    history_page::<DecisionView>(&state, &slug, &id, &uri, &headers).await
}

/// `GET /councils/{slug}/meetings/{id}/history`.
pub(crate) async fn meeting_history(
    State(state): State<AppState>,
    Path((slug, id)): Path<(String, String)>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    history_page::<MeetingView>(&state, &slug, &id, &uri, &headers).await
}

/// `GET /councils/{slug}/forward-plan/{id}/history`.
pub(crate) async fn plan_entry_history(
    State(state): State<AppState>,
    Path((slug, id)): Path<(String, String)>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    history_page::<ForwardPlanView>(&state, &slug, &id, &uri, &headers).await
}

/// `GET /councils/{slug}/strategies/{id}/history`.
pub(crate) async fn strategy_history(
    State(state): State<AppState>,
    Path((slug, id)): Path<(String, String)>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    history_page::<StrategyDocumentView>(&state, &slug, &id, &uri, &headers).await
}

/// The history page of the record `id` of kind `V`: the 404 page when the public may not see
/// the record now.
async fn history_page<V: WithHistory>(
    state: &AppState,
    slug: &str,
    id: &str,
    uri: &Uri,
    headers: &HeaderMap,
) -> Response {
    serve_page(state, slug, uri, headers, async |request| {
        let uuid = parse(id)?;
        let record = V::read(request, V::id(uuid))
            .await?
            .ok_or_else(|| not_found(id))?;
        let subject = Subject {
            title: record.title(&request.locale),
            path: V::path(slug, uuid),
            section: V::SECTION,
        };
        render::<V>(request, slug, V::id(uuid), subject).await
    })
    .await
}

fn not_found(id: &str) -> ApiError {
    ApiError::NotFound(format!("no record {id:?} the public may see"))
}

fn parse(id: &str) -> Result<Uuid, ApiError> {
    Uuid::parse_str(id).map_err(|_| not_found(id))
}

/// The history of the record `id`, as the public may see it: its stream folded, each version
/// as the public sees it, linking only to the decisions the public may see now.
async fn public_history<V: Historic>(
    request: &PageRequest,
    id: impl RecordId,
) -> Result<Vec<HistoryEntry>, ApiError> {
    let tenant = request.tenant;
    let records = request
        .runtime
        .recorded_stream(tenant, &id.stream())
        .await?;
    let linked = linked_over_time::<V>(tenant, &records);
    let visible: Vec<DecisionId> = request
        .reads
        .decisions_by_ids(tenant, VIEWER, &linked)
        .await?
        .into_keys()
        .collect();
    Ok(history::<V>(tenant, &records, Reader::Public(&visible)))
}

async fn render<V: Historic>(
    request: &PageRequest,
    slug: &str,
    id: impl RecordId,
    subject: Subject,
) -> Result<Markup, ApiError> {
    let entries = public_history::<V>(request, id).await?;
    let council = request
        .reads
        .council(request.tenant)
        .await?
        .ok_or_else(|| not_found(slug))?;
    let name = council.name.as_str();
    let locale = &request.locale;
    let labels = locale.labels();
    let (intro, back) = match subject.section {
        Section::Register => (labels.history_intros[0], labels.back_to[0]),
        Section::Meetings => (labels.history_intros[1], labels.back_to[1]),
        Section::Strategies => (labels.history_intros[2], labels.back_to[2]),
        Section::ForwardPlan => (labels.plan_entry_history_intro, labels.back_to_plan_entry),
    };
    let main = html! {
        h1 class="govuk-heading-l" {
            span class="govuk-caption-l" { (name) }
            (labels.history_of) (subject.title)
        }
        (council_nav(locale, slug, subject.section))
        p class="govuk-body" { (intro) }
        @if entries.is_empty() {
            p class="govuk-body" { (labels.no_public_changes) }
        }
        ol class="govuk-list" {
            @for (index, entry) in entries.iter().enumerate() {
                li class="govuk-!-margin-bottom-6" {
                    h2 class="govuk-heading-m govuk-!-margin-bottom-1" {
                        (what_happened(labels, &entry.event_type))
                    }
                    p class="govuk-body-s" { (labels.recorded) (reading(locale, entry)) }
                    @if index == 0 {
                        p class="govuk-body" { (labels.first_version) }
                    } @else if entry.changes.is_empty() {
                        p class="govuk-body" { (labels.no_visible_change) }
                    } @else {
                        (changes(locale, entry))
                    }
                }
            }
        }
        p class="govuk-body" {
            a class="govuk-link" href=(locale.href(&subject.path)) { (back) }
        }
    };
    let mut crumbs = record_crumbs(locale, slug, name, subject.section);
    crumbs.push(Crumb {
        text: subject.title.clone(),
        href: locale.href(&subject.path),
    });
    Ok(page(
        locale,
        &format!("{}{} – {name}", labels.history_of, subject.title),
        &crumbs,
        main,
    ))
}

/// When the entry was recorded, as UK clocks read it: "9 June 2010 at 10:30".
fn reading(locale: &Locale, entry: &HistoryEntry) -> String {
    let clock = uk_clock(entry.recorded_at);
    format!(
        "{}{}{}",
        locale.date(clock.date()),
        locale.labels().at_time,
        clock.format("%H:%M")
    )
}

/// The fields an event changed, before and after.
fn changes(locale: &Locale, entry: &HistoryEntry) -> Markup {
    let labels = locale.labels();
    html! {
        table class="govuk-table" {
            caption class="govuk-table__caption govuk-visually-hidden" { (labels.what_changed) }
            thead class="govuk-table__head" {
                tr class="govuk-table__row" {
                    th scope="col" class="govuk-table__header" { (labels.field) }
                    th scope="col" class="govuk-table__header" { (labels.before) }
                    th scope="col" class="govuk-table__header" { (labels.after) }
                }
            }
            tbody class="govuk-table__body" {
                @for change in &entry.changes {
                    tr class="govuk-table__row" {
                        th scope="row" class="govuk-table__header" { (field_name(&change.field)) }
                        td class="govuk-table__cell" { (value(&change.field, change.old.as_ref())) }
                        td class="govuk-table__cell" { (value(&change.field, change.new.as_ref())) }
                    }
                }
            }
        }
    }
}

/// An event's public name in words: `DecisionCallInWithdrawn` is "Call-in withdrawn".
fn what_happened(labels: &Labels, event_type: &str) -> String {
    labels
        .events
        .iter()
        .chain(labels.plan_events)
        .find(|(name, _)| *name == event_type)
        .map_or_else(|| sentence(event_type), |(_, words)| (*words).to_owned())
}

/// `CamelCase` as a sentence: "Camel case".
fn sentence(camel: &str) -> String {
    let mut out = String::new();
    for (i, c) in camel.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push(' ');
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// A field of the record's JSON in words: `effective_from` is "Effective from".
fn field_name(field: &str) -> String {
    let words = field.replace('_', " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A value of the record: a list of several items (corrections, wards, documents) as a bulleted
/// list, one item each; anything else as text ([`value_text`]). A decision's `status` reads as its
/// page's stage ("In effect").
fn value(field: &str, value: Option<&Value>) -> Markup {
    if field == "status"
        && let Some(status) = value.and_then(|v| DecisionStatus::deserialize(v).ok())
    {
        return html! { (stage(status)) };
    }
    match value {
        Some(Value::Array(items)) if items.len() > 1 => html! {
            ul class="govuk-list govuk-list--bullet" {
                @for item in items { li { (value_text(Some(item))) } }
            }
        },
        _ => html! { (value_text(value)) },
    }
}

/// A value of the record as text: text as it is (a day as GOV.UK writes it, a code such as
/// `called_in` in words), yes or no, numbers, lists joined; an object by its name or text where
/// it has one, else its parts. Ids are left out (they mean nothing to a reader); absent or empty
/// is "Not stated".
fn value_text(value: Option<&Value>) -> String {
    let mut parts = Vec::new();
    if let Some(value) = value {
        describe(value, &mut parts);
    }
    if parts.is_empty() {
        "Not stated".to_owned()
    } else {
        parts.join(", ")
    }
}

/// Keys whose value names the whole object it is in.
const NAMING: [&str; 5] = ["name_as_shown", "text", "name", "title", "label"];

fn describe(value: &Value, parts: &mut Vec<String>) {
    match value {
        Value::Null => {}
        Value::Bool(yes) => parts.push(if *yes { "Yes" } else { "No" }.to_owned()),
        Value::Number(number) => parts.push(number.to_string()),
        Value::String(text) if text.is_empty() => {}
        Value::String(text) => parts.push(words(text)),
        Value::Array(items) => items.iter().for_each(|item| describe(item, parts)),
        Value::Object(fields) => {
            // A forward-plan entry's date due reads as its page gives it ("August 2010").
            if fields.contains_key("kind")
                && let Ok(due) = DateDue::deserialize(value)
            {
                parts.push(due_words(&Locale::english(), Some(due)));
                return;
            }
            // A change of date due reads as its page gives it: "14 July 2010 to August 2010: why".
            if let (Some(from), Some(to), Some(Value::String(reason)), 3) = (
                fields.get("from"),
                fields.get("to"),
                fields.get("reason"),
                fields.len(),
            ) {
                parts.push(format!(
                    "{} to {}: {reason}",
                    value_text(Some(from)),
                    value_text(Some(to))
                ));
                return;
            }
            if let Some(name) = NAMING.iter().find_map(|key| fields.get(*key)) {
                describe(name, parts);
                return;
            }
            for (key, value) in fields {
                if key != "id" && !key.ends_with("_id") && !key.ends_with("_ids") {
                    describe(value, parts);
                }
            }
        }
    }
}

/// A text of the record as a reader reads it: a `YYYY-MM-DD` day as "19 June 2010", a code of
/// lowercase words joined by underscores (`called_in`) as words ("Called in"), else as written.
fn words(text: &str) -> String {
    if let Ok(day) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Locale::english().date(day);
    }
    let code = text.contains('_')
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if code {
        field_name(text)
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::web::locale::{ENGLISH, WELSH};
    use serde_json::json;

    #[test]
    fn events_and_fields_read_as_words() {
        assert_eq!(
            what_happened(&ENGLISH, "DecisionCallInWithdrawn"),
            "Call-in withdrawn"
        );
        assert_eq!(
            what_happened(&ENGLISH, "SomethingNewHappened"),
            "Something new happened"
        );
        assert_eq!(field_name("effective_from"), "Effective from");
        assert_eq!(
            what_happened(&WELSH, "DecisionPublished"),
            "Penderfyniad wedi'i gyhoeddi"
        );
    }

    #[test]
    fn values_read_as_text_without_ids() {
        assert_eq!(value_text(None), "Not stated");
        assert_eq!(value_text(Some(&json!(null))), "Not stated");
        assert_eq!(value_text(Some(&json!(true))), "Yes");
        assert_eq!(
            value_text(Some(
                &json!({"body_id": "0195", "name_as_shown": "Cabinet"})
            )),
            "Cabinet"
        );
        assert_eq!(
            value_text(Some(
                &json!([{"reason": "Late", "corrected_on": "2010-06-12"}])
            )),
            "12 June 2010, Late"
        );
        assert_eq!(value_text(Some(&json!("called_in"))), "Called in");
        assert_eq!(
            value("status", Some(&json!("effective"))).into_string(),
            "In effect"
        );
    }

    #[test]
    fn a_forward_plan_entrys_changes_read_as_its_page_gives_them() {
        assert_eq!(
            what_happened(&ENGLISH, "ForwardPlanEntryRescheduled"),
            "Date due changed"
        );
        assert_eq!(
            what_happened(&WELSH, "ForwardPlanEntryEntered"),
            "Wedi'i roi ar y flaenraglen"
        );
        assert_eq!(
            value_text(Some(&json!({"kind": "month", "month": "2010-08"}))),
            "August 2010"
        );
        assert_eq!(
            value_text(Some(
                &json!([{"from": {"kind": "day", "date": "2010-07-14"},
                "to": {"kind": "not_known"}, "reason": "Awaiting the consultation."}])
            )),
            "14 July 2010 to Not yet known: Awaiting the consultation."
        );
        // Other objects with a kind are not dates due.
        assert_eq!(value_text(Some(&json!({"kind": "all"}))), "all");
    }
}
