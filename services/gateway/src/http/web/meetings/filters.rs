//! The meetings page's filters: the body whose meetings to list (`body=UUID`) and the days
//! (`from=`, `to=`, `YYYY-MM-DD`), GraphQL's `meetings(filter:)` under short names; read from
//! the query string, written back into the page's links, and shown as a form (GET, no script).
//! An empty value is no condition, as a form sends an untouched select or date box.

use chrono::NaiveDate;
use civic_domain::values::BodyId;
use civic_projections::MeetingFilter;
use civic_projections::views::CouncilView;
use maud::{Markup, html};
use serde::Deserialize;
use uuid::Uuid;

use crate::error::ApiError;
use crate::http::web::form_input::{blank_is_none, day};
use crate::http::web::locale::Locale;

/// The query string of a meetings page.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct MeetingsQuery {
    /// The cursor of the last meeting already seen.
    pub after: Option<String>,
    /// The id of the body whose meetings to list; blank is every body.
    body: Option<String>,
    /// The first day to list; blank is no limit.
    from: Option<String>,
    /// The last day to list; blank is no limit.
    to: Option<String>,
}

/// The conditions a reader chose, checked.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Chosen {
    body: Option<Uuid>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
}

impl MeetingsQuery {
    /// The conditions asked for: a body the council lists, days that are days, in order.
    pub(crate) fn chosen(&self, council: &CouncilView) -> Result<Chosen, ApiError> {
        let body = match blank_is_none(self.body.as_deref()) {
            None => None,
            Some(text) => {
                let listed = Uuid::parse_str(text)
                    .ok()
                    .filter(|id| council.bodies.iter().any(|body| body.id.as_uuid() == *id));
                Some(listed.ok_or_else(|| {
                    ApiError::invalid(
                        "body",
                        "This council lists no such body. Choose the body from the list.",
                    )
                })?)
            }
        };
        let chosen = Chosen {
            body,
            from: day("from", "The day “from”", self.from.as_deref())?,
            to: day("to", "The day “to”", self.to.as_deref())?,
        };
        if let (Some(from), Some(to)) = (chosen.from, chosen.to)
            && from > to
        {
            return Err(ApiError::invalid(
                "from",
                "The first day of meetings must be the same as or before the last.",
            ));
        }
        Ok(chosen)
    }
}

impl Chosen {
    /// Whether any condition is chosen.
    pub(crate) fn any(&self) -> bool {
        *self != Chosen::default()
    }

    /// The read model's filter.
    pub(crate) fn filter(&self) -> MeetingFilter {
        MeetingFilter {
            body: self.body.map(BodyId::from_uuid),
            from: self.from,
            to: self.to,
        }
    }

    /// The conditions as the URL writes them, for the links that keep them.
    pub(crate) fn pairs(&self) -> Vec<(&'static str, String)> {
        [
            ("body", self.body.map(|id| id.to_string())),
            ("from", self.from.map(|day| day.to_string())),
            ("to", self.to.map(|day| day.to_string())),
        ]
        .into_iter()
        .filter_map(|(name, value)| value.map(|value| (name, value)))
        .collect()
    }

    /// The form: the council's bodies, then the first and last day, and the button.
    pub(crate) fn form(&self, locale: &Locale, council: &CouncilView, base: &str) -> Markup {
        let labels = locale.labels();
        let day = |day: Option<NaiveDate>| day.map(|day| day.to_string());
        html! {
            form method="get" action=(base) id="meeting-filters" {
                div class="govuk-grid-row" {
                    div class="govuk-grid-column-one-third govuk-form-group" {
                        label class="govuk-label govuk-label--s" for="body" { (labels.body) }
                        select class="govuk-select" id="body" name="body" {
                            option value="" { (labels.any_body) }
                            @for body in &council.bodies {
                                @let id = body.id.as_uuid();
                                option value=(id) selected[self.body == Some(id)] {
                                    (body.name.as_str())
                                }
                            }
                        }
                    }
                    div class="govuk-grid-column-one-third govuk-form-group" {
                        label class="govuk-label govuk-label--s" for="from" { (labels.meetings_from) }
                        input class="govuk-input govuk-input--width-10" id="from" name="from"
                            type="date" value=[day(self.from)];
                    }
                    div class="govuk-grid-column-one-third govuk-form-group" {
                        label class="govuk-label govuk-label--s" for="to" { (labels.meetings_to) }
                        input class="govuk-input govuk-input--width-10" id="to" name="to"
                            type="date" value=[day(self.to)];
                    }
                }
                (locale.form_field())
                div class="govuk-button-group" {
                    button class="govuk-button govuk-button--secondary" type="submit" { (labels.show) }
                    @if self.any() {
                        a class="govuk-link" href=(locale.href(base)) { (labels.clear_filters) }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn the_links_keep_only_the_conditions_chosen() {
        let body = Uuid::from_u128(7);
        let chosen = Chosen {
            body: Some(body),
            from: None,
            to: NaiveDate::from_ymd_opt(2010, 6, 30),
        };
        assert!(chosen.any());
        assert_eq!(
            chosen.pairs(),
            [("body", body.to_string()), ("to", "2010-06-30".to_owned())]
        );
        assert!(!Chosen::default().any());
        assert!(Chosen::default().pairs().is_empty());
        assert_eq!(chosen.filter().body, Some(BodyId::from_uuid(body)));
    }
}
