//! The register's one form, GOV.UK's way and without JavaScript: the search box, then the
//! filters (checkboxes for the statuses, selects of the council's bodies and wards, radios for
//! key decision, a checkbox for "can still be called in", date boxes for the date of decision),
//! folded until opened or chosen. Both buttons submit everything; the form shows what the page's
//! URL chose.

use chrono::NaiveDate;
use civic_domain::decision::DecisionStatus;
use civic_projections::views::CouncilView;
use maud::{Markup, html};

use super::filters::{Filters, STATUSES};
use crate::http::web::decision::stage_in;
use crate::http::web::locale::Locale;

/// What the form shows as chosen.
pub(super) struct Chosen<'a> {
    /// The words searched for.
    pub search: Option<&'a str>,
    /// Whether the search is ordered by relevance (kept by a hidden field).
    pub by_relevance: bool,
    /// The filters of the page.
    pub filters: &'a Filters,
    /// The page without the filters (the search kept), when any is chosen.
    pub clear_filters: Option<String>,
}

/// The search and filters form of the register at `base`.
pub(super) fn search_form(
    locale: &Locale,
    council: &CouncilView,
    base: &str,
    chosen: &Chosen<'_>,
) -> Markup {
    let labels = locale.labels();
    html! {
        form method="get" action=(base) role="search" {
            div class="govuk-form-group" {
                label class="govuk-label govuk-label--m" for="q" { (labels.search_label) }
                div class="govuk-hint" id="q-hint" {
                    (labels.search_hint)
                }
                input class="govuk-input govuk-!-width-two-thirds" id="q" name="q" type="search"
                    value=[chosen.search] aria-describedby="q-hint" spellcheck="false";
            }
            @if chosen.by_relevance {
                input type="hidden" name="sort" value="relevance";
            }
            (locale.form_field())
            button class="govuk-button" type="submit" { (labels.search_button) }
            // Folded (GOV.UK's details, which needs no script) until a filter is chosen, so the
            // list stays near the top of the page; a page with filters opens with them shown.
            details class="govuk-details" id="filters" open[chosen.filters.any()] {
                summary class="govuk-details__summary" {
                    span class="govuk-details__summary-text" { (labels.filters_heading) }
                }
                div class="govuk-details__text" {
                    div class="govuk-grid-row" {
                        div class="govuk-grid-column-one-half" {
                            (statuses(locale, chosen.filters))
                        }
                        div class="govuk-grid-column-one-half" {
                            (decision_maker(locale, council, chosen.filters))
                            (ward(locale, council, chosen.filters))
                            (yes_no(locale, "key", labels.key_decision, chosen.filters.key))
                            (call_in(locale, chosen.filters))
                            (yes_no(locale, "subject", labels.is_subject_to_call_in, chosen.filters.subject))
                            (date_range(locale, labels.date_of_decision, ["from", "to"], [chosen.filters.from, chosen.filters.to]))
                            (date_range(locale, labels.publication_date, ["published_from", "published_to"], [chosen.filters.published_from, chosen.filters.published_to]))
                        }
                    }
                    div class="govuk-button-group" {
                        button class="govuk-button govuk-button--secondary" type="submit" {
                            (labels.apply_filters)
                        }
                        // Only with filters chosen, when the details are open.
                        @if let Some(clear) = &chosen.clear_filters {
                            a class="govuk-link" href=(locale.href(clear)) { (labels.clear_filters) }
                        }
                    }
                }
            }
        }
    }
}

fn statuses(locale: &Locale, filters: &Filters) -> Markup {
    let labels = locale.labels();
    html! {
        div class="govuk-form-group" {
            fieldset class="govuk-fieldset" aria-describedby="status-hint" {
                legend class="govuk-fieldset__legend govuk-fieldset__legend--s" { (labels.status) }
                div class="govuk-hint" id="status-hint" { (labels.status_hint) }
                div class="govuk-checkboxes govuk-checkboxes--small" {
                    @for (name, status) in STATUSES.into_iter().filter(|&(_, status)| offered(status, filters)) {
                        @let id = format!("status-{name}");
                        div class="govuk-checkboxes__item" {
                            input class="govuk-checkboxes__input" id=(id) name="status"
                                type="checkbox" value=(name)
                                checked[filters.statuses.contains(&status)];
                            label class="govuk-label govuk-checkboxes__label" for=(id) {
                                (stage_in(labels, status))
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Whether the form offers `status`: made and deferred decisions are never published, so the
/// public never sees one, and the form does not offer them (a URL may still name them; the box
/// is then shown, ticked).
fn offered(status: DecisionStatus, filters: &Filters) -> bool {
    !matches!(status, DecisionStatus::Made | DecisionStatus::Deferred)
        || filters.statuses.contains(&status)
}

fn decision_maker(locale: &Locale, council: &CouncilView, filters: &Filters) -> Markup {
    let labels = locale.labels();
    html! {
        div class="govuk-form-group" {
            label class="govuk-label govuk-label--s" for="maker" { (labels.decision_maker) }
            select class="govuk-select" id="maker" name="maker" {
                option value="" { (labels.any_maker) }
                @for body in &council.bodies {
                    @let id = body.id.as_uuid();
                    option value=(id) selected[filters.maker == Some(id)] {
                        (body.name.as_str())
                    }
                }
            }
        }
    }
}

/// The council's wards to choose from; nothing when it lists none.
fn ward(locale: &Locale, council: &CouncilView, filters: &Filters) -> Markup {
    let labels = locale.labels();
    if council.wards.is_empty() {
        return html! {};
    }
    html! {
        div class="govuk-form-group" {
            label class="govuk-label govuk-label--s" for="ward" { (labels.ward) }
            div class="govuk-hint" id="ward-hint" { (labels.ward_hint) }
            select class="govuk-select" id="ward" name="ward" aria-describedby="ward-hint" {
                option value="" { (labels.any_ward) }
                @for ward in &council.wards {
                    @let id = ward.id.as_uuid();
                    option value=(id) selected[filters.ward == Some(id)] { (ward.name.as_str()) }
                }
            }
        }
    }
}

/// Radios for a yes-or-no condition named `name`: Any, Yes, No.
fn yes_no(locale: &Locale, name: &str, legend: &str, chosen: Option<bool>) -> Markup {
    let labels = locale.labels();
    let choices = [
        ("any", "", labels.any, None),
        ("yes", "yes", labels.yes, Some(true)),
        ("no", "no", labels.no, Some(false)),
    ];
    html! {
        div class="govuk-form-group" {
            fieldset class="govuk-fieldset" {
                legend class="govuk-fieldset__legend govuk-fieldset__legend--s" { (legend) }
                div class="govuk-radios govuk-radios--small govuk-radios--inline" {
                    @for (suffix, value, words, choice) in choices {
                        @let id = format!("{name}-{suffix}");
                        div class="govuk-radios__item" {
                            input class="govuk-radios__input" id=(id) name=(name) type="radio"
                                value=(value) checked[chosen == choice];
                            label class="govuk-label govuk-radios__label" for=(id) { (words) }
                        }
                    }
                }
            }
        }
    }
}

fn call_in(locale: &Locale, filters: &Filters) -> Markup {
    let labels = locale.labels();
    html! {
        div class="govuk-form-group" {
            fieldset class="govuk-fieldset" {
                legend class="govuk-fieldset__legend govuk-fieldset__legend--s" { (labels.call_in) }
                div class="govuk-checkboxes govuk-checkboxes--small" {
                    div class="govuk-checkboxes__item" {
                        input class="govuk-checkboxes__input" id="call_in_open"
                            name="call_in_open" type="checkbox" value="yes"
                            aria-describedby="call_in_open-hint" checked[filters.call_in_open];
                        label class="govuk-label govuk-checkboxes__label" for="call_in_open" {
                            (labels.call_in_open)
                        }
                        div class="govuk-hint govuk-checkboxes__hint" id="call_in_open-hint" {
                            (labels.call_in_open_hint)
                        }
                    }
                }
            }
        }
    }
}

/// A range of days, from and to (`names`), under `legend`: the browser's date boxes, which send
/// `YYYY-MM-DD` (a browser without them shows a text box, hence the hint).
fn date_range(
    locale: &Locale,
    legend: &str,
    names: [&str; 2],
    days: [Option<NaiveDate>; 2],
) -> Markup {
    let labels = locale.labels();
    let hint = format!("{}-hint", names[0]);
    let boxes = [
        (names[0], labels.decided_from, days[0]),
        (names[1], labels.decided_to, days[1]),
    ];
    html! {
        div class="govuk-form-group" {
            fieldset class="govuk-fieldset" aria-describedby=(hint) {
                legend class="govuk-fieldset__legend govuk-fieldset__legend--s" { (legend) }
                div class="govuk-hint" id=(hint) { (labels.date_hint) }
                @for (name, words, day) in boxes {
                    div class="govuk-form-group" {
                        label class="govuk-label" for=(name) { (words) }
                        input class="govuk-input govuk-input--width-10" id=(name) name=(name)
                            type="date" value=[day.map(|day| day.to_string())];
                    }
                }
            }
        }
    }
}
