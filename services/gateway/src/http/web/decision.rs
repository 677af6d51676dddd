//! `GET /councils/{slug}/decisions/{id}`: one decision as the council's own "Decision details"
//! page shows it, as a GOV.UK summary list, from the public view of the read model (what the
//! GraphQL `decision(id:)` query answers an anonymous caller).
//!
//! A withheld field shows its notice in place ("Withheld as exempt information under …"): the
//! public view holds no withheld value to show, only the notice. A decision the public may not
//! see (a draft) is not told apart from one that does not exist: both are 404.
//!
//! A client that asks for `application/json` (`Accept`) gets the decision's public record as
//! JSON instead, as the changes API gives it.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use chrono::NaiveDate;
use civic_domain::decision::{DecisionField, DecisionStatus, Interests, Vote};
use civic_domain::values::{DecisionId, LongText};
use civic_eventstore::TenantId;
use civic_projections::ReadModels;
use civic_projections::views::{DecisionView, DocumentView, RecordView, WardsAffectedView};
use maud::{Markup, html};
use uuid::Uuid;

use super::linked_data;
use super::locale::{Labels, Locale};
use super::public_json::record_json;
use super::{Crumb, PageRequest, VIEWER, home_crumb, page_or_json, page_with_head};
use crate::error::ApiError;
use crate::http::AppState;

/// `GET /councils/{slug}/decisions/{id}`; as JSON, its public record (the same object as a
/// record of the changes API).
pub(crate) async fn decision(
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
        "decision",
        async |request| record_json(&read(&request.reads, request.tenant, &id).await?),
        async |request| render(request, &slug, &id).await,
    )
    .await
}

/// The decision `id` names as the public sees it; a 404 when there is none, it is a draft, or
/// the id is not a UUID.
async fn read(reads: &ReadModels, tenant: TenantId, id: &str) -> Result<DecisionView, ApiError> {
    let not_found = || ApiError::NotFound(format!("no decision {id:?} the public may see"));
    let id = Uuid::parse_str(id).map_err(|_| not_found())?;
    reads
        .decision(tenant, VIEWER, DecisionId::from_uuid(id))
        .await?
        .ok_or_else(not_found)
}

async fn render(request: &PageRequest, slug: &str, id: &str) -> Result<Markup, ApiError> {
    let decision = read(&request.reads, request.tenant, id).await?;
    let council = &request.council;
    let name = council.name.as_str();
    let base = format!("/councils/{slug}");
    let path = format!("{base}/decisions/{}", decision.id.as_uuid());
    let record = &decision.record;
    let locale = &request.locale;
    let labels = locale.labels();
    let not_stated = || not_stated(labels);
    let date = |day| date(locale, day);
    let field = |name: DecisionField, value: Option<Markup>| field(labels, record, name, value);
    let optional_row = |key: &str, name: DecisionField, value: Option<Markup>| {
        optional_row(labels, record, key, name, value)
    };
    let main = html! {
        h1 class="govuk-heading-l" {
            span class="govuk-caption-l" { (name) }
            (record.title)
        }
        dl class="govuk-summary-list" {
            (row(labels.decision_maker, field(DecisionField::DecisionMaker,
                record.decision_maker.as_ref().map(|b| html! { (b.name_as_shown.as_str()) }))))
            (row(labels.decision_status, field(DecisionField::StatusLabel,
                record.status_label.as_ref().map(|l| html! { (l.as_str()) }))))
            (row(labels.stage, html! {
                strong class="govuk-tag govuk-tag--grey" { (stage_in(labels, decision.status)) }
            }))
            (row(labels.is_key_decision, field(DecisionField::KeyDecision,
                Some(html! { (locale.yes_no(record.key_decision)) }))))
            (row(labels.is_subject_to_call_in, field(DecisionField::SubjectToCallIn,
                Some(html! { (locale.yes_no(record.subject_to_call_in)) }))))
            (row(labels.purpose, field(DecisionField::Purpose, record.purpose.as_ref().map(text))))
            (row(labels.decision, field(DecisionField::Resolutions, resolutions(record))))
            (row(labels.reasons,
                field(DecisionField::Reasons, record.reasons.as_ref().map(text))))
            (row(labels.alternative_options, field(DecisionField::AlternativeOptions,
                record.alternative_options.as_ref().map(text))))
            (row(labels.reason_key, field(DecisionField::ReasonKey,
                (!record.reason_key.is_empty()).then(|| html! {
                    (record.reason_key.iter().map(|k| k.as_str()).collect::<Vec<_>>().join("; "))
                }))))
            (row(labels.wards_affected, field(DecisionField::WardsAffected,
                record.wards_affected.as_ref().and_then(|w| wards(labels, w)))))
            (row(labels.committee_details, field(DecisionField::CommitteeDetails,
                record.committee_details.as_ref().map(text))))
            (row(labels.representations_by, field(DecisionField::RepresentationsBy,
                record.representations_by.map(date))))
            (row(labels.other_consulted, field(DecisionField::OtherConsulted,
                record.other_consulted.as_ref().map(text))))
            (row(labels.consultees, field(DecisionField::Consultees,
                record.consultees.as_ref().map(text))))
            (row(labels.contact, field(DecisionField::Contact, contact(record))))
            (row(labels.report_author, field(DecisionField::ReportAuthor,
                record.report_author.as_ref().map(|a| html! { (a.as_str()) }))))
            (row(labels.publication_date, decision.publication_date.map_or_else(not_stated, date)))
            (row(labels.date_of_decision, field(DecisionField::DateOfDecision,
                record.date_of_decision.map(date))))
            (row(labels.decided_by, field(DecisionField::DecidedBy,
                record.decided_by.as_ref().map(|b| html! { (b.name_as_shown.as_str()) }))))
            (row(labels.effective_from, decision.effective_from.map_or_else(not_stated, date)))
            (row(labels.call_in_deadline, call_in_deadline(locale, &decision)))
            (row(labels.interests_declared, field(DecisionField::Interests,
                record.interests.as_ref().and_then(|i| interests(labels, i)))))
            (row(labels.documents, field(DecisionField::Documents, documents(labels, record))))
            // Fields some councils' pages show and others leave out: a row only when stated.
            (optional_row(labels.reference, DecisionField::References,
                record.references.as_ref().and_then(|r| r.reference.as_ref()).map(|r| html! { (r.as_str()) })))
            // One field holds both references: a withheld one's notice shows once, above.
            @if let Some(minute) = record.references.as_ref().and_then(|r| r.minute_number.as_ref()) {
                (row(labels.minute_number, html! { (minute.as_str()) }))
            }
            (optional_row(labels.lead_member, DecisionField::LeadMember,
                record.lead_member.as_ref().map(|m| html! { (m.name_as_shown.as_str()) })))
            (optional_row(labels.lead_officer, DecisionField::LeadOfficer,
                record.lead_officer.as_ref().map(|o| html! { (o.as_str()) })))
            (optional_row(labels.department, DecisionField::Department,
                record.department.as_ref().map(|d| html! { (d.as_str()) })))
            (optional_row(labels.vote, DecisionField::Vote, record.vote.as_ref().map(|v| vote(labels, v))))
        }
        p class="govuk-body" {
            a class="govuk-link" href=(locale.href(&format!("{path}/history"))) {
                (labels.decision_history)
            }
        }
        p class="govuk-body" {
            a class="govuk-link" href=(locale.href(&base)) { (labels.all_decisions_of) (name) }
        }
    };
    let head = linked_data::script(&linked_data::decision(council, &decision, &path));
    let crumbs = [
        home_crumb(locale),
        Crumb {
            text: name.to_owned(),
            href: locale.href(&base),
        },
    ];
    Ok(page_with_head(
        locale,
        &format!("{} – {name}", record.title),
        &crumbs,
        head,
        main,
    ))
}

/// One row of the summary list.
pub(crate) fn row(key: &str, value: Markup) -> Markup {
    html! {
        div class="govuk-summary-list__row" {
            dt class="govuk-summary-list__key" { (key) }
            dd class="govuk-summary-list__value" { (value) }
        }
    }
}

/// A row for a field the record may leave out: shown when stated or withheld, else absent.
fn optional_row(
    labels: &Labels,
    record: &RecordView,
    key: &str,
    name: DecisionField,
    value: Option<Markup>,
) -> Markup {
    let withheld = record.withheld.iter().any(|w| w.field == name);
    if withheld || value.is_some() {
        row(key, field(labels, record, name, value))
    } else {
        html! {}
    }
}

/// The vote as the record gave it, else its counts; with the proposer and seconder if named.
fn vote(labels: &Labels, vote: &Vote) -> Markup {
    let [votes_for, against, abstained] = labels.votes;
    let counts = [
        vote.votes_for.map(|n| format!("{n} {votes_for}")),
        vote.votes_against.map(|n| format!("{n} {against}")),
        vote.abstained.map(|n| format!("{n} {abstained}")),
    ];
    let counts: Vec<String> = counts.into_iter().flatten().collect();
    html! {
        @if let Some(as_given) = &vote.as_given {
            p class="govuk-body" { (as_given.as_str()) }
        } @else if !counts.is_empty() {
            p class="govuk-body" { (counts.join(", ")) }
        }
        @if let Some(proposer) = &vote.proposer {
            p class="govuk-body" { (labels.proposed_by) (proposer.name_as_shown.as_str()) }
        }
        @if let Some(seconder) = &vote.seconder {
            p class="govuk-body" { (labels.seconded_by) (seconder.name_as_shown.as_str()) }
        }
    }
}

/// The value of `field`: its withheld notice if it is withheld from the public, else `value`,
/// else "Not stated".
fn field(
    labels: &Labels,
    record: &RecordView,
    field: DecisionField,
    value: Option<Markup>,
) -> Markup {
    if let Some(withheld) = record.withheld.iter().find(|w| w.field == field) {
        return html! {
            p class="govuk-body govuk-!-margin-bottom-0" { strong { (withheld.notice.text) } }
        };
    }
    value.unwrap_or_else(|| not_stated(labels))
}

fn not_stated(labels: &Labels) -> Markup {
    html! { (labels.not_stated) }
}

fn date(locale: &Locale, day: NaiveDate) -> Markup {
    html! { (locale.date(day)) }
}

/// A long text, a paragraph per line as the council wrote it.
pub(crate) fn text(text: &LongText) -> Markup {
    html! {
        @for line in text.as_str().lines().map(str::trim).filter(|l| !l.is_empty()) {
            p class="govuk-body" { (line) }
        }
    }
}

/// The resolutions with the council's labels ("1.", "(i)"), in page order.
fn resolutions(record: &RecordView) -> Option<Markup> {
    let resolutions = record.resolutions.as_slice();
    (!resolutions.is_empty()).then(|| {
        html! {
            @for resolution in resolutions {
                p class="govuk-body" {
                    @if let Some(label) = &resolution.label { (label.as_str()) " " }
                    (resolution.text.as_str())
                }
            }
        }
    })
}

fn wards(labels: &Labels, wards: &WardsAffectedView) -> Option<Markup> {
    match wards {
        WardsAffectedView::All => Some(html! { (labels.all_wards) }),
        WardsAffectedView::Listed { wards } => Some(html! {
            ul class="govuk-list" {
                @for ward in wards {
                    li { (ward.name.as_ref().map_or(labels.unlisted_ward, |n| n.as_str())) }
                }
            }
        }),
        WardsAffectedView::NotStated => None,
    }
}

/// The contact as the page gave it, else its parts.
fn contact(record: &RecordView) -> Option<Markup> {
    let contact = record.contact.as_ref()?;
    if let Some(as_given) = &contact.as_given {
        return Some(text(as_given));
    }
    let parts: Vec<&str> = [
        contact.name.as_ref().map(|n| n.as_str()),
        contact.email.as_ref().map(|e| e.as_str()),
        contact.phone.as_ref().map(|p| p.as_str()),
    ]
    .into_iter()
    .flatten()
    .collect();
    (!parts.is_empty()).then(|| html! { (parts.join(", ")) })
}

fn call_in_deadline(locale: &Locale, decision: &DecisionView) -> Markup {
    let labels = locale.labels();
    match (decision.call_in_deadline, decision.call_in_deadline_time) {
        (Some(day), Some(time)) => {
            html! { (time.format("%H:%M")) (labels.time_on) (locale.date(day)) }
        }
        (Some(day), None) => date(locale, day),
        (None, _) => not_stated(labels),
    }
}

fn interests(labels: &Labels, interests: &Interests) -> Option<Markup> {
    match interests {
        Interests::NotStated => None,
        Interests::NoneDeclared => Some(html! { (labels.no_interests) }),
        Interests::Declared { interests } => Some(html! {
            ul class="govuk-list" {
                @for declared in interests {
                    li {
                        (declared.member.name_as_shown.as_str()) ": " (declared.interest.as_str())
                        @if let Some(dispensation) = &declared.dispensation {
                            (labels.dispensation) (dispensation.as_str()) ")"
                        }
                    }
                }
            }
        }),
    }
}

/// The documents, each by its title (a link where published), or its notice if withheld.
fn documents(labels: &Labels, record: &RecordView) -> Option<Markup> {
    (!record.documents.is_empty()).then(|| {
        html! {
            ul class="govuk-list" {
                @for document in &record.documents { li { (document_item(labels, document)) } }
            }
        }
    })
}

fn document_item(labels: &Labels, document: &DocumentView) -> Markup {
    if let Some(notice) = &document.withheld {
        return html! {
            (labels.document_withheld) (notice.text)
            @if !notice.paragraph_reasons.is_empty() {
                ul class="govuk-list govuk-list--bullet" {
                    @for reason in &notice.paragraph_reasons {
                        li { (labels.paragraph) (reason.paragraph.to_string()) ": " (reason.reason.as_str()) }
                    }
                }
            }
        };
    }
    let title = document
        .title
        .as_ref()
        .map_or(labels.untitled_document, |t| t.as_str());
    match &document.url {
        Some(url) => html! { a class="govuk-link" href=(url.as_str()) { (title) } },
        None => html! { (title) },
    }
}

/// The status shown in the register's list and the downloads: the council's own words, else
/// the stage, in English.
pub(crate) fn status_words(decision: &DecisionView) -> String {
    status_words_in(&super::locale::ENGLISH, decision).to_owned()
}

/// [`status_words`] in a page's language: the council's own words are never translated.
pub(crate) fn status_words_in<'a>(labels: &Labels, decision: &'a DecisionView) -> &'a str {
    match &decision.record.status_label {
        Some(label) => label.as_str(),
        None => stage_in(labels, decision.status),
    }
}

/// Where the decision is in its lifecycle, in English words (the downloads', the linked
/// data's).
pub(crate) fn stage(status: DecisionStatus) -> &'static str {
    stage_in(&super::locale::ENGLISH, status)
}

/// Where the decision is in its lifecycle, in a page's language.
pub(crate) fn stage_in(labels: &Labels, status: DecisionStatus) -> &'static str {
    let stages = &labels.stages;
    match status {
        DecisionStatus::Made => stages.made,
        DecisionStatus::Deferred => stages.deferred,
        DecisionStatus::Published => stages.published,
        DecisionStatus::CalledIn => stages.called_in,
        DecisionStatus::AwaitingReconsideration => stages.awaiting_reconsideration,
        DecisionStatus::Effective => stages.effective,
        DecisionStatus::Implemented => stages.implemented,
        DecisionStatus::Withdrawn => stages.withdrawn,
        DecisionStatus::Abandoned => stages.abandoned,
        DecisionStatus::RecommendedToFullCouncil => stages.recommended_to_full_council,
    }
}
