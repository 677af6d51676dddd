//! `GET /councils/{slug}/forward-plan`: the council's forward plan as the public sees it, the
//! decisions to come by date due, from a day (`from=`, default today, as GraphQL's
//! `forwardPlan(from:)`), a page at a time (`after=`, the same cursors).
//!
//! Notices of decisions to come are public by law: every viewer reads the same entries. An
//! entry expected to be decided in private shows the basis as the public is told it, never more;
//! each entry's title links to its own page ([`super::plan_entry`]), and an entry whose decision
//! the public can see links to it.
//!
//! A client that asks for `application/json` (`Accept`) gets the same page of entries as JSON
//! ([`list_json`]): each entry's public record, as the changes API gives it, and the day the
//! plan is read from.

use std::collections::HashSet;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use chrono::NaiveDate;
use civic_domain::forward_plan::{DateDue, NoticeKind};
use civic_domain::values::DecisionId;
use civic_projections::Page;
use civic_projections::views::{
    AnticipatedRestrictionKind, ForwardPlanStatusView, ForwardPlanView,
};
use maud::{Markup, html};
use serde::Deserialize;

use super::locale::{Labels, Locale};
use super::nav::{Section, council_nav};
use super::pages;
use super::public_json::{json_from, list_json};
use super::{
    Crumb, HTML, JSON, PageRequest, VIEWER, home_crumb, negotiated, page, query_of, serve_page,
};
use crate::error::ApiError;
use crate::graphql::query::page::page_request;
use crate::http::AppState;
use crate::http::media::preferred;
use civic_eventstore::TenantId;
use civic_projections::ReadModels;

/// The query string of a forward plan page.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct PlanQuery {
    /// The first day due to list, `YYYY-MM-DD`; blank or absent is today.
    from: Option<String>,
    /// The cursor of the last entry already seen.
    after: Option<String>,
}

/// `GET /councils/{slug}/forward-plan`.
pub(crate) async fn forward_plan(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    query: Result<Query<PlanQuery>, QueryRejection>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let answer = match preferred(&headers, HTML, &[JSON]) {
        JSON => plan_json(&state, &slug, query, &uri, &headers).await,
        _ => {
            serve_page(&state, &slug, &uri, &headers, async |request| {
                render(&state, request, &slug, query_of(query, "from")?).await
            })
            .await
        }
    };
    negotiated(answer)
}

/// The page's entries as JSON, with the day the plan is read from and the next page's address.
async fn plan_json(
    state: &AppState,
    slug: &str,
    query: Result<Query<PlanQuery>, QueryRejection>,
    uri: &Uri,
    headers: &HeaderMap,
) -> Response {
    json_from(state, slug, uri, headers, "forward-plan", async |request| {
        let query = query_of(query, "from")?;
        let asked = parse_from(query.from.as_deref())?;
        let (from, entries) =
            read(state, &request.reads, request.tenant, asked, query.after).await?;
        let next = pages::next_cursor(&entries).map(|cursor| {
            let from = asked.map(|day| day.to_string());
            let kept = from.as_deref().map(|day| ("from", day));
            let page = pages::link(&Section::ForwardPlan.href(slug), kept, Some(cursor));
            format!("{}{page}", request.base)
        });
        let mut list = list_json(
            "entries",
            entries.items.iter().map(|(_, entry)| entry),
            entries.total_count,
            next,
        )?;
        list["from"] = from.to_string().into();
        Ok(list)
    })
    .await
}

/// The page of the plan asked for: from the day `asked` (else today), after the cursor `after`.
async fn read(
    state: &AppState,
    reads: &ReadModels,
    tenant: TenantId,
    asked: Option<NaiveDate>,
    after: Option<String>,
) -> Result<(NaiveDate, Page<ForwardPlanView>), ApiError> {
    let services = &state.services;
    let from = asked.unwrap_or_else(|| services.today());
    let page_asked = page_request(&services.limits, None, after)?;
    let entries = reads
        .forward_plan(tenant, VIEWER, from, &page_asked)
        .await?;
    Ok((from, entries))
}

/// The day `from=` names; blank is none.
fn parse_from(from: Option<&str>) -> Result<Option<NaiveDate>, ApiError> {
    match from.map(str::trim).filter(|f| !f.is_empty()) {
        None => Ok(None),
        Some(day) => NaiveDate::parse_from_str(day, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| {
                ApiError::invalid(
                    "from",
                    "Enter the first date to show as year, month and day, for example 2026-06-30.",
                )
            }),
    }
}

async fn render(
    state: &AppState,
    request: &PageRequest,
    slug: &str,
    query: PlanQuery,
) -> Result<Markup, ApiError> {
    let reads = &request.reads;
    let asked = parse_from(query.from.as_deref())?;
    let after_given = query.after.is_some();
    let council = &request.council;
    let (from, entries) = read(state, reads, request.tenant, asked, query.after).await?;
    // Link only the decisions the public may see: a draft's page would be a 404.
    let linked: Vec<DecisionId> = entries
        .items
        .iter()
        .filter_map(|(_, e)| e.decision)
        .collect();
    let visible: HashSet<DecisionId> = reads
        .decisions_by_ids(request.tenant, VIEWER, &linked)
        .await?
        .into_keys()
        .collect();
    let name = council.name.as_str();
    let base = Section::ForwardPlan.href(slug);
    let from_kept = asked.map(|d| d.to_string());
    let locale = &request.locale;
    let labels = locale.labels();
    let [intro, intro_end] = labels.plan_intro;
    let [due_from, undated] = labels.due_count;
    let main = html! {
        h1 class="govuk-heading-xl" {
            span class="govuk-caption-xl" { (name) }
            (labels.forward_plan)
        }
        (council_nav(locale, slug, Section::ForwardPlan))
        p class="govuk-body" { (intro) (name) (intro_end) }
        form method="get" action=(base) {
            div class="govuk-form-group" {
                label class="govuk-label govuk-label--s" for="from" { (labels.due_from_label) }
                div class="govuk-hint" id="from-hint" { (labels.due_from_hint) }
                input class="govuk-input govuk-input--width-10" id="from" name="from" type="text"
                    value=[from_kept.as_deref()] aria-describedby="from-hint" spellcheck="false";
            }
            (locale.form_field())
            button class="govuk-button govuk-button--secondary" type="submit" { (labels.show) }
        }
        p class="govuk-body" role="status" {
            (locale.count(entries.total_count, labels.decision_nouns))
            (due_from) (locale.date(from)) (undated)
            @if after_given && entries.items.is_empty() {
                (labels.no_more_after)
            }
        }
        @if !entries.items.is_empty() {
            (table(locale, &entries, &visible, slug))
        }
        (pages::pagination(locale, &labels.plan_pages, pages::next_cursor(&entries), after_given, |cursor| {
            pages::link(&base, from_kept.as_deref().map(|from| ("from", from)), cursor)
        }))
    };
    let crumbs = [
        home_crumb(locale),
        Crumb {
            text: name.to_owned(),
            href: locale.href(&Section::Register.href(slug)),
        },
    ];
    Ok(page(
        locale,
        &format!("{} – {name}", labels.forward_plan),
        &crumbs,
        main,
    ))
}

fn table(
    locale: &Locale,
    entries: &Page<ForwardPlanView>,
    visible: &HashSet<DecisionId>,
    slug: &str,
) -> Markup {
    let labels = locale.labels();
    html! {
        table class="govuk-table" {
            caption class="govuk-table__caption govuk-visually-hidden" { (labels.plan_caption) }
            thead class="govuk-table__head" {
                tr class="govuk-table__row" {
                    th scope="col" class="govuk-table__header" { (labels.matter) }
                    th scope="col" class="govuk-table__header" { (labels.decision_maker) }
                    th scope="col" class="govuk-table__header" { (labels.date_due) }
                    th scope="col" class="govuk-table__header" { (labels.key_decision) }
                    th scope="col" class="govuk-table__header" { (labels.status) }
                    th scope="col" class="govuk-table__header" { (labels.in_private) }
                }
            }
            tbody class="govuk-table__body" {
                @for (_, entry) in &entries.items {
                    (row(locale, entry, visible, slug))
                }
            }
        }
    }
}

fn row(
    locale: &Locale,
    entry: &ForwardPlanView,
    visible: &HashSet<DecisionId>,
    slug: &str,
) -> Markup {
    let labels = locale.labels();
    let decision = entry.decision.filter(|id| visible.contains(id));
    html! {
        tr class="govuk-table__row" {
            th scope="row" class="govuk-table__header" {
                a class="govuk-link"
                    href=(locale.href(&format!("{}/{}", Section::ForwardPlan.href(slug), entry.id.as_uuid()))) {
                    (entry.title.as_str())
                }
                @if let Some(reference) = &entry.reference {
                    span class="govuk-body-s govuk-!-display-block" {
                        (labels.reference) " " (reference.as_str())
                    }
                }
                @if let Some(notice) = notice(labels, &entry.notice) {
                    span class="govuk-body-s govuk-!-display-block" { (notice) }
                }
                @if let Some(id) = decision {
                    a class="govuk-link govuk-!-display-block"
                        href=(locale.href(&format!("/councils/{slug}/decisions/{}", id.as_uuid()))) {
                        (labels.the_decision)
                        span class="govuk-visually-hidden" { ": " (entry.title.as_str()) }
                    }
                }
            }
            td class="govuk-table__cell" {
                (entry.decision_maker.name.as_ref().map_or(labels.unlisted_body, |n| n.as_str()))
            }
            td class="govuk-table__cell" { (due_words(locale, entry.date_due)) }
            td class="govuk-table__cell" { (locale.yes_no(Some(entry.key_decision))) }
            td class="govuk-table__cell" {
                strong class="govuk-tag govuk-tag--grey" { (status_words(labels, entry)) }
            }
            td class="govuk-table__cell" { (restriction(labels, entry)) }
        }
    }
}

/// How notice was given, when not the usual 28 days' (the reasons in the plan's own words).
fn notice(labels: &Labels, kind: &NoticeKind) -> Option<String> {
    match kind {
        NoticeKind::Standard => None,
        NoticeKind::GeneralException { reason, .. } => {
            Some(format!("{}{}", labels.general_exception, reason.as_str()))
        }
        NoticeKind::SpecialUrgency { agreed_by, reason } => Some(format!(
            "{}{}: {}",
            labels.special_urgency,
            agreed_by.as_str(),
            reason.as_str()
        )),
    }
}

/// Whether it is expected to be decided in private, with the basis as the public is told it.
pub(crate) fn restriction(labels: &Labels, entry: &ForwardPlanView) -> Markup {
    let restriction = &entry.anticipated_restriction;
    let kind = match restriction.kind {
        AnticipatedRestrictionKind::Open => return html! { (labels.no) },
        AnticipatedRestrictionKind::PartExempt => labels.in_part,
        AnticipatedRestrictionKind::FullyExempt => labels.yes,
    };
    html! {
        (kind)
        @if let Some(notice) = &restriction.notice {
            span class="govuk-body-s govuk-!-display-block" { (notice.text) }
        }
    }
}

/// When it is due, as the plan states it, in the page's language.
pub(crate) fn due_words(locale: &Locale, due: Option<DateDue>) -> String {
    let labels = locale.labels();
    match due {
        None => labels.not_stated.to_owned(),
        Some(DateDue::Day { date }) => locale.date(date),
        Some(DateDue::Month { month }) => locale.month_year(month.first_day()),
        Some(DateDue::NotBefore { date }) => format!("{}{}", labels.not_before, locale.date(date)),
        Some(DateDue::NotKnown) => labels.not_yet_known.to_owned(),
    }
}

/// The status in the plan's own words, else in ours.
pub(crate) fn status_words<'a>(labels: &Labels, entry: &'a ForwardPlanView) -> &'a str {
    match &entry.status_label {
        Some(label) => label.as_str(),
        None => plan_status(labels, entry.status),
    }
}

/// A status in our words, in the page's language.
pub(crate) fn plan_status(labels: &Labels, status: ForwardPlanStatusView) -> &'static str {
    let statuses = &labels.plan_statuses;
    match status {
        ForwardPlanStatusView::Planned => statuses.planned,
        ForwardPlanStatusView::OnHold => statuses.on_hold,
        ForwardPlanStatusView::Deferred => statuses.deferred,
        ForwardPlanStatusView::Decided => statuses.decided,
        ForwardPlanStatusView::Implemented => statuses.implemented,
        ForwardPlanStatusView::Withdrawn => statuses.withdrawn,
        ForwardPlanStatusView::Abandoned => statuses.abandoned,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use civic_domain::forward_plan::YearMonth;

    #[test]
    fn a_date_due_reads_in_welsh_with_welsh_month_names() {
        let welsh = Locale::new(
            &"/councils/x".parse().unwrap(),
            Some(civic_domain::nation::Nation::Wales),
        );
        let month = YearMonth::new(2010, 8).unwrap();
        assert_eq!(
            due_words(&welsh, Some(DateDue::Month { month })),
            "Awst 2010"
        );
        let day = NaiveDate::from_ymd_opt(2010, 9, 1).unwrap();
        assert_eq!(
            due_words(&welsh, Some(DateDue::NotBefore { date: day })),
            "Dim cyn 1 Medi 2010"
        );
    }

    #[test]
    fn a_date_due_reads_as_the_plan_states_it() {
        let english = Locale::english();
        let due_words = |due| due_words(&english, due);
        let day = NaiveDate::from_ymd_opt(2010, 9, 1).unwrap();
        assert_eq!(
            due_words(Some(DateDue::Day { date: day })),
            "1 September 2010"
        );
        assert_eq!(
            due_words(Some(DateDue::NotBefore { date: day })),
            "Not before 1 September 2010"
        );
        let month = YearMonth::new(2010, 8).unwrap();
        assert_eq!(due_words(Some(DateDue::Month { month })), "August 2010");
        assert_eq!(due_words(Some(DateDue::NotKnown)), "Not yet known");
        assert_eq!(due_words(None), "Not stated");
    }

    #[test]
    fn a_bad_from_day_is_a_clear_error_and_blank_is_today() {
        assert_eq!(parse_from(Some(" ")).unwrap(), None);
        assert_eq!(
            parse_from(Some("2010-06-01")).unwrap(),
            NaiveDate::from_ymd_opt(2010, 6, 1)
        );
        assert!(matches!(
            parse_from(Some("June")),
            Err(ApiError::Invalid { .. })
        ));
    }
}
