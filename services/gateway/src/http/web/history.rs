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
    let council = &request.council;
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
                        (changes(Wording { locale, section: subject.section, slug }, entry))
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

/// The fields an event changed, before and after, in the page's language.
fn changes(wording: Wording<'_>, entry: &HistoryEntry) -> Markup {
    let Wording {
        locale, section, ..
    } = wording;
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
                        th scope="row" class="govuk-table__header" {
                            (field_name(labels, section, &change.field))
                        }
                        td class="govuk-table__cell" { (value(wording, &change.field, change.old.as_ref())) }
                        td class="govuk-table__cell" { (value(wording, &change.field, change.new.as_ref())) }
                    }
                }
            }
        }
    }
}

/// How a history page words a record's values: in the page's language, a status as the
/// record's kind names it.
#[derive(Clone, Copy)]
struct Wording<'a> {
    locale: &'a Locale,
    /// The kind of record, by its section: a decision's `status` is its stage, a meeting's is
    /// "Held", a strategy's "Adopted", a forward-plan entry's "Planned".
    section: Section,
    /// The council's slug, for links to the records a value names.
    slug: &'a str,
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

/// A field of the record's JSON in the page's words: the label the record's own page gives it
/// (`date_of_decision` is "Date of decision", "Dyddiad y penderfyniad"; a decision's `status`
/// is its "Stage"), else the history's own ([`Labels::history_fields`]: `took_effect_on` is
/// "Took effect on"), else its name in words (`something_new` is "Something new").
fn field_name(labels: &Labels, section: Section, field: &str) -> String {
    let label = match (section, field) {
        (Section::Register, "status") => Some(labels.stage),
        (Section::Register, "status_label") => Some(labels.decision_status),
        (Section::ForwardPlan, "decision") => Some(labels.the_decision),
        (_, "status") => Some(labels.status),
        (_, "decision_maker") => Some(labels.decision_maker),
        (_, "key_decision") => Some(labels.key_decision),
        (_, "subject_to_call_in") => Some(labels.is_subject_to_call_in),
        (_, "purpose") => Some(labels.purpose),
        (_, "resolutions") => Some(labels.decision),
        (_, "reasons") => Some(labels.reasons),
        (_, "alternative_options") => Some(labels.alternative_options),
        (_, "reason_key") => Some(labels.reason_key),
        (_, "wards_affected" | "wards") => Some(labels.wards_affected),
        (_, "committee_details") => Some(labels.committee_details),
        (_, "representations_by") => Some(labels.representations_by),
        (_, "other_consulted") => Some(labels.other_consulted),
        (_, "consultees") => Some(labels.consultees),
        (_, "contact") => Some(labels.contact),
        (_, "report_author") => Some(labels.report_author),
        (_, "publication_date") => Some(labels.publication_date),
        (_, "date_of_decision") => Some(labels.date_of_decision),
        (_, "decided_by") => Some(labels.decided_by),
        (_, "effective_from") => Some(labels.effective_from),
        (_, "call_in_deadline") => Some(labels.call_in_deadline),
        (_, "interests") => Some(labels.interests_declared),
        (_, "documents") => Some(labels.documents),
        (_, "references" | "reference") => Some(labels.reference),
        (_, "meeting") => Some(labels.meeting),
        (_, "lead_member") => Some(labels.lead_member),
        (_, "lead_officer") => Some(labels.lead_officer),
        (_, "department") => Some(labels.department),
        (_, "vote") => Some(labels.vote),
        (_, "body") => Some(labels.body),
        (_, "date") => Some(labels.date),
        (_, "location") => Some(labels.place),
        (_, "items") => Some(labels.agenda),
        (_, "exclusions") => Some(labels.exclusion),
        (_, "minutes") => Some(labels.meeting_minutes),
        (_, "cancellation") => Some(labels.cancelled),
        (_, "titles") => Some(labels.names),
        (_, "period") => Some(labels.period_covered),
        (_, "versions") => Some(labels.versions),
        (_, "status_history" | "status_changes") => Some(labels.status_changes),
        (_, "date_due") => Some(labels.date_due),
        _ => labels
            .history_fields
            .iter()
            .find(|(name, _)| *name == field)
            .map(|(_, words)| *words),
    };
    label.map_or_else(|| code_words(field), str::to_owned)
}

/// A name of the record's JSON in words: `effective_from` is "Effective from".
fn code_words(code: &str) -> String {
    let words = code.replace('_', " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A value of the field `field`: a list of several items (corrections, wards, documents) as a
/// bulleted list, one item each; anything else as text ([`value_text`]).
fn value(wording: Wording<'_>, field: &str, value: Option<&Value>) -> Markup {
    // The decision an entry led to: a link to its page (the public history names only decisions
    // the public may see), as the entry's own page links it.
    if field == "decision"
        && let Some(Value::String(id)) = value
        && let Ok(id) = Uuid::parse_str(id)
    {
        let page = format!("/councils/{}/decisions/{id}", wording.slug);
        return html! {
            a class="govuk-link" href=(wording.locale.href(&page)) {
                (wording.locale.labels().view_the_decision)
            }
        };
    }
    match value {
        Some(Value::Array(items)) if items.len() > 1 => html! {
            ul class="govuk-list govuk-list--bullet" {
                @for item in items { li { (value_text(wording, field, Some(item))) } }
            }
        },
        _ => html! { (value_text(wording, field, value)) },
    }
}

/// A value of the field `field` as text in the page's language: text as it is (a day as GOV.UK
/// writes it, a status as the record's own page words it, a code such as `called_in` in words),
/// yes or no, numbers, lists joined; an object by its name or text where it has one, else its
/// parts. Ids are left out (they mean nothing to a reader); absent or empty is "Not stated".
fn value_text(wording: Wording<'_>, field: &str, value: Option<&Value>) -> String {
    let mut parts = Vec::new();
    if let Some(value) = value {
        describe(wording, field, value, &mut parts);
    }
    if parts.is_empty() {
        wording.locale.labels().not_stated.to_owned()
    } else {
        parts.join(", ")
    }
}

/// Keys whose value names the whole object it is in.
const NAMING: [&str; 5] = ["name_as_shown", "text", "name", "title", "label"];

/// Adds the words of `value`, found under `key`, to `parts`.
fn describe(wording: Wording<'_>, key: &str, value: &Value, parts: &mut Vec<String>) {
    match value {
        Value::Null => {}
        Value::Bool(yes) => parts.push(wording.locale.yes_no(Some(*yes)).to_owned()),
        Value::Number(number) => parts.push(number.to_string()),
        Value::String(text) if text.is_empty() || Uuid::parse_str(text).is_ok() => {}
        Value::String(text) => parts.push(words(wording, key, text)),
        Value::Array(items) => items
            .iter()
            .for_each(|item| describe(wording, key, item, parts)),
        Value::Object(fields) => {
            // A forward-plan entry's date due reads as its page gives it ("August 2010").
            if fields.contains_key("kind")
                && let Ok(due) = DateDue::deserialize(value)
            {
                parts.push(due_words(wording.locale, Some(due)));
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
                    "{}{}{}: {reason}",
                    value_text(wording, "from", Some(from)),
                    wording.locale.labels().time_to,
                    value_text(wording, "to", Some(to))
                ));
                return;
            }
            let name = NAMING
                .iter()
                .find_map(|key| fields.get(*key).filter(|v| !v.is_null()).map(|v| (*key, v)));
            if let Some((key, name)) = name {
                describe(wording, key, name, parts);
                return;
            }
            for (key, value) in fields {
                if key != "id" && !key.ends_with("_id") && !key.ends_with("_ids") {
                    describe(wording, key, value, parts);
                }
            }
        }
    }
}

/// A text of the record, found under `key`, as a reader reads it: a `YYYY-MM-DD` day as "19
/// June 2010" ("19 Mehefin 2010"), a status as the record's page words it ("In effect"), a code
/// of lowercase words joined by underscores (`called_in`) as words ("Called in"), else as
/// written.
fn words(wording: Wording<'_>, key: &str, text: &str) -> String {
    if let Ok(day) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return wording.locale.date(day);
    }
    if key == "status"
        && let Some(status) = status_words(wording, text)
    {
        return status.to_owned();
    }
    let code = text.contains('_')
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if code {
        code_words(text)
    } else {
        text.to_owned()
    }
}

/// A status of the record's kind (or of a strategy's version) in the page's words, as the
/// record's own page gives it; `None` for a code that is not one.
fn status_words(wording: Wording<'_>, code: &str) -> Option<&'static str> {
    use civic_domain::strategy::StrategyStatus;
    use civic_projections::views::{ForwardPlanStatusView, MeetingStatusView, VersionStatusView};
    let locale = wording.locale;
    let labels = locale.labels();
    let code = Value::from(code);
    match wording.section {
        Section::Register => DecisionStatus::deserialize(&code)
            .ok()
            .map(|status| super::decision::stage_in(labels, status)),
        Section::Meetings => MeetingStatusView::deserialize(&code).ok().map(|status| {
            let statuses = &labels.meeting_statuses;
            match status {
                MeetingStatusView::Scheduled => statuses.scheduled,
                MeetingStatusView::Held => statuses.held,
                MeetingStatusView::Cancelled => statuses.cancelled,
                MeetingStatusView::Postponed => statuses.postponed,
            }
        }),
        Section::Strategies => StrategyStatus::deserialize(&code)
            .ok()
            .map(|status| super::strategies::status_words(locale, status))
            .or_else(|| {
                VersionStatusView::deserialize(&code)
                    .ok()
                    .map(|status| super::strategies::version_status_words(locale, status))
            }),
        Section::ForwardPlan => ForwardPlanStatusView::deserialize(&code)
            .ok()
            .map(|status| super::forward_plan::plan_status(labels, status)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::web::locale::{ENGLISH, WELSH};
    use serde_json::json;

    fn english() -> Locale {
        Locale::english()
    }

    fn welsh() -> Locale {
        Locale::new(&"/councils/x?lang=cy".parse().unwrap(), None)
    }

    fn text(locale: &Locale, section: Section, field: &str, value: &Value) -> String {
        value_text(
            Wording {
                locale,
                section,
                slug: "x",
            },
            field,
            Some(value),
        )
    }

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
        assert_eq!(
            field_name(&ENGLISH, Section::Register, "effective_from"),
            "Effective from"
        );
        assert_eq!(
            field_name(&ENGLISH, Section::Register, "something_new"),
            "Something new"
        );
        assert_eq!(
            what_happened(&WELSH, "DecisionPublished"),
            "Penderfyniad wedi'i gyhoeddi"
        );
    }

    #[test]
    fn fields_are_named_as_the_records_own_page_names_them_in_its_language() {
        for (section, field, english, welsh) in [
            (
                Section::Register,
                "date_of_decision",
                "Date of decision",
                "Dyddiad y penderfyniad",
            ),
            (
                Section::Register,
                "decision_maker",
                "Decision maker",
                "Gwneuthurwr y penderfyniad",
            ),
            (
                Section::Register,
                "key_decision",
                "Key decision",
                "Penderfyniad allweddol",
            ),
            (Section::Register, "status", "Stage", "Cam"),
            (
                Section::Register,
                "status_label",
                "Decision status",
                "Statws y penderfyniad",
            ),
            (Section::Register, "purpose", "Purpose", "Diben"),
            (Section::Register, "title", "Title", "Teitl"),
            (
                Section::Register,
                "took_effect_on",
                "Took effect on",
                "Daeth i rym ar",
            ),
            (Section::Meetings, "status", "Status", "Statws"),
            (Section::Meetings, "location", "Place", "Lle"),
            (
                Section::Strategies,
                "period",
                "Period covered",
                "Cyfnod dan sylw",
            ),
        ] {
            assert_eq!(field_name(&ENGLISH, section, field), english);
            assert_eq!(field_name(&WELSH, section, field), welsh);
        }
        // Every field the history names has its words in both languages.
        let names = |labels: &Labels| -> Vec<&str> {
            labels
                .history_fields
                .iter()
                .map(|(name, _)| *name)
                .collect()
        };
        assert_eq!(names(&ENGLISH), names(&WELSH));
    }

    #[test]
    fn values_read_as_text_without_ids() {
        let english = english();
        let wording = Wording {
            locale: &english,
            section: Section::Register,
            slug: "maidstone",
        };
        assert_eq!(value_text(wording, "purpose", None), "Not stated");
        // The decision an entry led to is a link to its page.
        let id = "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";
        let linked = Wording {
            section: Section::ForwardPlan,
            ..wording
        };
        assert_eq!(
            value(linked, "decision", Some(&json!(id))).into_string(),
            format!(
                "<a class=\"govuk-link\" href=\"/councils/maidstone/decisions/{id}\">View the decision</a>"
            )
        );
        let read = |field: &str, value: Value| text(&english, Section::Register, field, &value);
        assert_eq!(read("purpose", json!(null)), "Not stated");
        assert_eq!(read("key_decision", json!(true)), "Yes");
        assert_eq!(
            read(
                "decision_maker",
                json!({"body_id": "0195", "name_as_shown": "Cabinet"})
            ),
            "Cabinet"
        );
        assert_eq!(
            read(
                "corrections",
                json!([{"reason": "Late", "corrected_on": "2010-06-12"}])
            ),
            "12 June 2010, Late"
        );
        assert_eq!(
            read(
                "links",
                json!({"decision": "0195a5b2-3f5e-7c3a-9d1e-2b7c1d0e9f00", "role": "amends"})
            ),
            "amends"
        );
        assert_eq!(read("outcome", json!("called_in")), "Called in");
        assert_eq!(
            value(wording, "status", Some(&json!("effective"))).into_string(),
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
        let english = english();
        let read = |field: &str, value: Value| text(&english, Section::ForwardPlan, field, &value);
        assert_eq!(
            read("date_due", json!({"kind": "month", "month": "2010-08"})),
            "August 2010"
        );
        assert_eq!(
            read(
                "reschedulings",
                json!([{"from": {"kind": "day", "date": "2010-07-14"},
                "to": {"kind": "not_known"}, "reason": "Awaiting the consultation."}])
            ),
            "14 July 2010 to Not yet known: Awaiting the consultation."
        );
        assert_eq!(
            text(
                &welsh(),
                Section::ForwardPlan,
                "date_due",
                &json!({"kind": "month", "month": "2010-08"})
            ),
            "Awst 2010"
        );
        // Other objects with a kind are not dates due.
        assert_eq!(read("wards", json!({"kind": "all"})), "all");
    }

    #[test]
    fn values_read_in_welsh_on_a_welsh_page() {
        let welsh = welsh();
        let read = |section, field: &str, value: Value| text(&welsh, section, field, &value);
        assert_eq!(
            read(Section::Register, "purpose", json!(null)),
            "Heb ei nodi"
        );
        assert_eq!(read(Section::Register, "key_decision", json!(true)), "Ie");
        assert_eq!(read(Section::Register, "key_decision", json!(false)), "Na");
        assert_eq!(
            read(Section::Register, "date_of_decision", json!("2024-03-06")),
            "6 Mawrth 2024"
        );
        assert_eq!(
            read(Section::Register, "status", json!("effective")),
            "Mewn grym"
        );
        assert_eq!(
            read(Section::Meetings, "status", json!("cancelled")),
            "Wedi'i ganslo"
        );
        assert_eq!(
            read(Section::Strategies, "status", json!("withdrawn")),
            "Wedi'i thynnu'n ôl"
        );
        assert_eq!(
            read(Section::ForwardPlan, "status", json!("on_hold")),
            "Wedi'i ohirio dros dro"
        );
        // A strategy's status changes, by the status where the change has no words of its own.
        assert_eq!(
            read(
                Section::Strategies,
                "status_history",
                json!([{"status": "adopted", "label": null, "on": "2024-03-06"}])
            ),
            "6 Mawrth 2024, Wedi'i mabwysiadu"
        );
        // The council's own words are never translated.
        assert_eq!(
            read(
                Section::Register,
                "status_label",
                json!("Recommendations Approved")
            ),
            "Recommendations Approved"
        );
    }
}
