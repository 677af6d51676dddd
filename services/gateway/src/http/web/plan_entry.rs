//! `GET /councils/{slug}/forward-plan/{id}`: one forward-plan entry as the public sees it (what
//! GraphQL's `forwardPlanEntry(id:)` answers an anonymous caller), as a GOV.UK summary list:
//! the matter, who decides and when it is due (as the plan states it, with every change of date),
//! how notice was given, whether it is expected to be decided in private, the people to contact,
//! its status, and the decision it led to, linked when the public may see it.
//!
//! Notices of decisions to come are public by law, so every field of the entry is shown: where
//! the decision is expected to be taken in private, the entry holds only the basis as the public
//! is told it (the restriction's notice), and that is all the page shows of it. The read model
//! drops the link to a decision the public may not see (a draft), so such a link never shows.
//!
//! An id that is not a UUID is a 400 page (the address is wrong, not the entry missing); an
//! entry that does not exist is the 404 page. A client that asks for `application/json`
//! (`Accept`) gets the entry's public record as JSON instead ([`record_json`]).

use axum::extract::{Path, State};
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use civic_domain::forward_plan::NoticeKind;
use civic_domain::values::ForwardPlanEntryId;
use civic_eventstore::TenantId;
use civic_projections::ReadModels;
use civic_projections::views::{EntryContactView, ForwardPlanView, WardsView};
use maud::{Markup, html};
use uuid::Uuid;

use super::decision::{row, text};
use super::forward_plan::{due_words, plan_status, restriction, status_words};
use super::linked_data;
use super::locale::{Labels, Locale};
use super::nav::{Section, council_nav, record_crumbs};
use super::public_json::record_json;
use super::{PageRequest, VIEWER, page_or_json, page_with_head};
use crate::error::ApiError;
use crate::http::AppState;

/// `GET /councils/{slug}/forward-plan/{id}`; as JSON, its public record (the same object as a
/// `forward_plan_entry` record of the changes API; a malformed id a JSON 400).
pub(crate) async fn plan_entry(
    State(state): State<AppState>,
    Path((slug, id)): Path<(String, String)>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    page_or_json(
        &state,
        &slug,
        &uri,
        &headers,
        "forward-plan-entry",
        async |request| record_json(&read(&request.reads, request.tenant, &id).await?),
        async |request| render(request, &slug, &id).await,
    )
    .await
}

/// The entry's id from the address: a 400 when it is not a UUID at all.
fn parse_id(id: &str) -> Result<ForwardPlanEntryId, ApiError> {
    Uuid::parse_str(id)
        .map(ForwardPlanEntryId::from_uuid)
        .map_err(|_| {
            ApiError::invalid(
                "id",
                "The address of this entry is not valid: it should end with the entry's id, \
                 as the forward plan links it.",
            )
        })
}

fn not_found(id: &str) -> ApiError {
    ApiError::NotFound(format!("no forward-plan entry {id:?}"))
}

/// The entry as the public reads it: the 400 or 404 error when there is none to read.
async fn read(reads: &ReadModels, tenant: TenantId, id: &str) -> Result<ForwardPlanView, ApiError> {
    let entry_id = parse_id(id)?;
    reads
        .forward_plan_entry(tenant, VIEWER, entry_id)
        .await?
        .ok_or_else(|| not_found(id))
}

async fn render(request: &PageRequest, slug: &str, id: &str) -> Result<Markup, ApiError> {
    let reads = &request.reads;
    let entry = read(reads, request.tenant, id).await?;
    let council = &request.council;
    let name = council.name.as_str();
    let path = format!("{}/{}", Section::ForwardPlan.href(slug), entry.id.as_uuid());
    let locale = &request.locale;
    let labels = locale.labels();
    let not_stated = || html! { (labels.not_stated) };
    let date = |day| html! { (locale.date(day)) };
    let main = html! {
        h1 class="govuk-heading-l" {
            span class="govuk-caption-l" { (name) }
            (entry.title.as_str())
        }
        (council_nav(locale, slug, Section::ForwardPlan))
        dl class="govuk-summary-list" {
            @if let Some(reference) = &entry.reference {
                (row(labels.reference, html! { (reference.as_str()) }))
            }
            (row(labels.plan_entry_description, entry.description.as_ref().map_or_else(not_stated, text)))
            (row(labels.decision_maker, html! {
                (entry.decision_maker.name.as_ref().map_or(labels.unlisted_body, |n| n.as_str()))
            }))
            (row(labels.date_due, html! { (due_words(locale, entry.date_due)) }))
            @if entry.original_date_due != entry.date_due {
                (row(labels.originally_due, html! { (due_words(locale, entry.original_date_due)) }))
            }
            @if !entry.reschedulings.is_empty() {
                (row(labels.date_changes, date_changes(locale, &entry)))
            }
            (row(labels.key_decision, html! { (locale.yes_no(Some(entry.key_decision))) }))
            @if !entry.reason_key.is_empty() {
                (row(labels.reason_key, html! {
                    (entry.reason_key.iter().map(|k| k.as_str()).collect::<Vec<_>>().join("; "))
                }))
            }
            (row(labels.notice_given, notice(labels, &entry.notice)))
            (row(labels.notice_published, entry.notice_date.map_or_else(not_stated, date)))
            @if let Some(days) = entry.clear_days_notice {
                (row(labels.clear_days_notice, html! { (days) }))
            }
            (row(labels.expected_in_private, restriction(labels, &entry)))
            (row(labels.wards_affected, wards(labels, entry.wards.as_ref()).unwrap_or_else(not_stated)))
            (row(labels.consultees, entry.consultees.as_ref().map_or_else(not_stated, text)))
            (row(labels.representations, entry.representations.as_ref().map_or_else(not_stated, |r| html! {
                (text(&r.how))
                @if let Some(by) = r.by {
                    p class="govuk-body" { (labels.by_day) (locale.date(by)) }
                }
            })))
            (row(labels.contacts, contacts(&entry.contacts).unwrap_or_else(not_stated)))
            @if !entry.plans.is_empty() {
                (row(labels.listed_on, html! {
                    ul class="govuk-list" {
                        @for plan in &entry.plans {
                            li { (plan.title.as_ref().map_or(labels.unlisted_plan, |t| t.as_str())) }
                        }
                    }
                }))
            }
            (row(labels.status, html! {
                strong class="govuk-tag govuk-tag--grey" { (status_words(labels, &entry)) }
            }))
            @if !entry.status_changes.is_empty() {
                (row(labels.status_changes, status_changes(locale, &entry)))
            }
            @if let Some(reason) = &entry.closing_reason {
                (row(labels.closing_reason, html! { (reason.as_str()) }))
            }
            @if !entry.corrections.is_empty() {
                (row(labels.corrections, html! {
                    ul class="govuk-list" {
                        @for correction in &entry.corrections {
                            li { (labels.corrected_on) (locale.date(correction.corrected_on)) ": " (correction.reason.as_str()) }
                        }
                    }
                }))
            }
            // The read model keeps the link only when the public may see the decision.
            (row(labels.resulting_decision, match entry.decision {
                Some(decision) => html! {
                    a class="govuk-link"
                        href=(locale.href(&format!("/councils/{slug}/decisions/{}", decision.as_uuid()))) {
                        (labels.view_the_decision)
                    }
                },
                None => html! { (labels.no_decision_yet) },
            }))
            @if let Some(url) = &entry.source.url {
                (row(labels.source_page, html! {
                    a class="govuk-link" href=(url.as_str()) { (labels.the_councils_page) }
                }))
            }
        }
        p class="govuk-body" {
            a class="govuk-link" href=(locale.href(&format!("{path}/history"))) { (labels.entry_history) }
        }
        p class="govuk-body" {
            a class="govuk-link" href=(locale.href(&Section::ForwardPlan.href(slug))) {
                (labels.whole_plan_of) (name)
            }
        }
    };
    let head = linked_data::script(&linked_data::plan_entry(council, &entry, slug));
    let crumbs = record_crumbs(locale, slug, name, Section::ForwardPlan);
    Ok(page_with_head(
        locale,
        &format!("{} – {name}", entry.title.as_str()),
        &crumbs,
        head,
        main,
    ))
}

/// How notice was given: its kind, and for an exception, why and who was told or agreed.
fn notice(labels: &Labels, notice: &NoticeKind) -> Markup {
    let [standard, general, urgency] = labels.notice_kinds;
    match notice {
        NoticeKind::Standard => html! { (standard) },
        NoticeKind::GeneralException {
            reason,
            chair_informed,
        } => html! {
            p class="govuk-body" { (general) }
            p class="govuk-body" { (labels.notice_reason) (reason.as_str()) }
            @if let Some(informed) = chair_informed {
                p class="govuk-body" { (labels.chair_informed) (informed.as_str()) }
            }
        },
        NoticeKind::SpecialUrgency { agreed_by, reason } => html! {
            p class="govuk-body" { (urgency) }
            p class="govuk-body" { (labels.agreed_by) (agreed_by.as_str()) }
            p class="govuk-body" { (labels.notice_reason) (reason.as_str()) }
        },
    }
}

/// Every change of date due, oldest first: from, to, and why.
fn date_changes(locale: &Locale, entry: &ForwardPlanView) -> Markup {
    let labels = locale.labels();
    html! {
        ul class="govuk-list" {
            @for change in &entry.reschedulings {
                li {
                    (labels.changed_from) (due_words(locale, change.from))
                    (labels.changed_to) (due_words(locale, Some(change.to)))
                    ": " (change.reason.as_str())
                }
            }
        }
    }
}

/// Every change of status after entry, oldest first, in the plan's words where it gave them.
fn status_changes(locale: &Locale, entry: &ForwardPlanView) -> Markup {
    let labels = locale.labels();
    html! {
        ul class="govuk-list" {
            @for change in &entry.status_changes {
                @let words = change.label.as_ref().map_or_else(
                    || plan_status(labels, change.status),
                    |l| l.as_str(),
                );
                li {
                    (words)
                    @if let Some(on) = change.on { (labels.from_comma) (locale.date(on)) }
                    @if let Some(reason) = &change.reason { ": " (reason.as_str()) }
                }
            }
        }
    }
}

fn wards(labels: &Labels, wards: Option<&WardsView>) -> Option<Markup> {
    match wards? {
        WardsView::All => Some(html! { (labels.all_wards) }),
        WardsView::Listed { wards } => Some(html! {
            ul class="govuk-list" {
                @for ward in wards {
                    li { (ward.name.as_ref().map_or(labels.unlisted_ward, |n| n.as_str())) }
                }
            }
        }),
    }
}

/// The people the plan names, each as the plan gave them, else by role, name, email and phone.
fn contacts(contacts: &[EntryContactView]) -> Option<Markup> {
    (!contacts.is_empty()).then(|| {
        html! {
            ul class="govuk-list" {
                @for contact in contacts {
                    li { (contact_words(contact)) }
                }
            }
        }
    })
}

fn contact_words(contact: &EntryContactView) -> String {
    let parts: Vec<&str> = [
        contact.name.as_ref().map(|n| n.as_str()),
        contact.email.as_ref().map(|e| e.as_str()),
        contact.phone.as_ref().map(|p| p.as_str()),
    ]
    .into_iter()
    .flatten()
    .collect();
    let named = match (&contact.as_given, parts.is_empty()) {
        (Some(as_given), _) => as_given.as_str().to_owned(),
        (None, false) => parts.join(", "),
        (None, true) => String::new(),
    };
    match (&contact.role, named.is_empty()) {
        (Some(role), false) => format!("{}: {named}", role.as_str()),
        (Some(role), true) => role.as_str().to_owned(),
        (None, _) => named,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use civic_domain::values::{LongText, Name};

    #[test]
    fn a_contact_reads_with_its_role_and_as_the_plan_gave_it() {
        let contact = EntryContactView {
            role: Some(Name::parse("Lead officer").unwrap()),
            name: Some(Name::parse("Jo Bloggs").unwrap()),
            email: None,
            phone: None,
            as_given: None,
        };
        assert_eq!(contact_words(&contact), "Lead officer: Jo Bloggs");
        let given = EntryContactView {
            as_given: Some(LongText::parse("Jo Bloggs, Head of Waste, 03000 410000").unwrap()),
            ..contact
        };
        assert_eq!(
            contact_words(&given),
            "Lead officer: Jo Bloggs, Head of Waste, 03000 410000"
        );
    }

    #[test]
    fn an_id_that_is_not_a_uuid_is_a_bad_request() {
        assert!(matches!(
            parse_id("not-an-entry"),
            Err(ApiError::Invalid { .. })
        ));
        assert!(parse_id("00000000-0000-4000-8000-000000000000").is_ok());
    }
}
