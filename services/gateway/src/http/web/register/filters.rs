//! The register page's query string: the search (`q=`), its order (`sort=`), the page
//! (`after=`) and the filters, read into [`RegisterQuery`] and written back into the page's links
//! ([`Filters::pairs`]). The filters are GraphQL's [`DecisionFilterInput`]'s conditions under
//! short, readable names; the web page maps them, the read model decides what matches.
//!
//! | parameter | condition | GraphQL |
//! | --- | --- | --- |
//! | `status=called_in` (repeatable) | any of the statuses | `status` |
//! | `maker=UUID` | decision maker | `decisionMaker` |
//! | `ward=UUID` | affects the ward (or all wards) | `ward` |
//! | `key=yes`, `key=no` | key decision or not | `keyDecision` |
//! | `call_in_open=yes` | can still be called in today | `callInOpen: true` |
//! | `from=YYYY-MM-DD`, `to=YYYY-MM-DD` | date of decision on or after, on or before | `decidedFrom`, `decidedTo` |
//! | `subject=yes`, `subject=no` | subject to call-in or not | `subjectToCallIn` |
//! | `published_from=`, `published_to=` | published on or after, on or before | `publishedFrom`, `publishedTo` |
//!
//! An empty value is no condition, as a form sends an untouched select or date box.

use std::collections::HashSet;

use chrono::NaiveDate;
use civic_domain::decision::DecisionStatus;
use url::form_urlencoded;
use uuid::Uuid;

use crate::error::ApiError;
use crate::graphql::query::filter::DecisionFilterInput;
use crate::graphql::scalars::Date;
use crate::http::web::form_input::day;

/// Every status a decision can be in, by its name in the URL (the domain's own serialised name,
/// as `decisions.json` writes it), in the order the form lists them.
pub(super) const STATUSES: [(&str, DecisionStatus); 10] = [
    ("made", DecisionStatus::Made),
    ("deferred", DecisionStatus::Deferred),
    ("published", DecisionStatus::Published),
    ("called_in", DecisionStatus::CalledIn),
    (
        "awaiting_reconsideration",
        DecisionStatus::AwaitingReconsideration,
    ),
    ("effective", DecisionStatus::Effective),
    ("implemented", DecisionStatus::Implemented),
    ("withdrawn", DecisionStatus::Withdrawn),
    ("abandoned", DecisionStatus::Abandoned),
    (
        "recommended_to_full_council",
        DecisionStatus::RecommendedToFullCouncil,
    ),
];

/// What a register page's URL asks for.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(super) struct RegisterQuery {
    /// Words to search for, as typed; blank is no search.
    pub q: Option<String>,
    /// The cursor of the last decision already seen.
    pub after: Option<String>,
    /// `newest` (the default) or `relevance`; checked by the page.
    pub sort: Option<String>,
    /// The conditions besides the search.
    pub filters: Filters,
}

/// The conditions a reader chose besides the search; the default is none.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(super) struct Filters {
    /// Any of these statuses (none: any status), each once, in the order first given.
    pub statuses: Vec<DecisionStatus>,
    /// The decision-making body's id.
    pub maker: Option<Uuid>,
    /// The ward's id.
    pub ward: Option<Uuid>,
    /// Key decisions (`true`) or not (`false`).
    pub key: Option<bool>,
    /// Only decisions that can still be called in today.
    pub call_in_open: bool,
    /// Decided on or after this day.
    pub from: Option<NaiveDate>,
    /// Decided on or before this day.
    pub to: Option<NaiveDate>,
    /// Subject to call-in (`true`) or not (`false`).
    pub subject: Option<bool>,
    /// Published on or after this day.
    pub published_from: Option<NaiveDate>,
    /// Published on or before this day.
    pub published_to: Option<NaiveDate>,
}

/// The error for a query string we cannot read as one search (a setting given twice).
fn unreadable() -> ApiError {
    ApiError::invalid(
        "q",
        "The address of this search is not valid. Search again.",
    )
}

impl RegisterQuery {
    /// Reads the query string of a register page. `serde_urlencoded` (axum's `Query`) cannot
    /// read a key given more than once into a list, and the status checkboxes send
    /// `status=` once per box ticked, so the pairs are read here with `form_urlencoded`. Every
    /// other setting given twice is refused, as `Query` refused it; names not the register's
    /// (`lang=`) are left to whoever reads them.
    pub(super) fn parse(query: Option<&str>) -> Result<Self, ApiError> {
        let mut parsed = RegisterQuery::default();
        let filters = &mut parsed.filters;
        let mut seen = HashSet::new();
        for (name, value) in form_urlencoded::parse(query.unwrap_or_default().as_bytes()) {
            if name != "status" && !seen.insert(name.clone()) {
                return Err(unreadable());
            }
            let value = value.trim();
            match &*name {
                "q" => parsed.q = Some(value.to_owned()),
                "after" => parsed.after = Some(value.to_owned()),
                "sort" => parsed.sort = Some(value.to_owned()),
                "status" if value.is_empty() => {}
                "status" => {
                    let status = parse_status(value)?;
                    if !filters.statuses.contains(&status) {
                        filters.statuses.push(status);
                    }
                }
                "maker" => {
                    filters.maker = parse_id(value).map_err(|()| {
                        ApiError::invalid("maker", "Choose the decision maker from the list.")
                    })?;
                }
                "ward" => {
                    filters.ward = parse_id(value).map_err(|()| {
                        ApiError::invalid("ward", "Choose the ward from the list.")
                    })?;
                }
                "key" => filters.key = parse_yes_no("key", value)?,
                "subject" => filters.subject = parse_yes_no("subject", value)?,
                "published_from" => {
                    filters.published_from = parse_published("published_from", "from", value)?;
                }
                "published_to" => {
                    filters.published_to = parse_published("published_to", "to", value)?;
                }
                "call_in_open" => filters.call_in_open = parse_call_in_open(value)?,
                "from" => filters.from = parse_day("from", "from", value)?,
                "to" => filters.to = parse_day("to", "to", value)?,
                _ => {}
            }
        }
        if let (Some(from), Some(to)) = (filters.from, filters.to)
            && from > to
        {
            return Err(ApiError::invalid(
                "from",
                "The date of decision “from” must be the same as or before the date “to”.",
            ));
        }
        if let (Some(from), Some(to)) = (filters.published_from, filters.published_to)
            && from > to
        {
            return Err(ApiError::invalid(
                "published_from",
                "The date of publication “from” must be the same as or before the date “to”.",
            ));
        }
        Ok(parsed)
    }
}

impl Filters {
    /// Whether any condition is chosen.
    pub(super) fn any(&self) -> bool {
        *self != Filters::default()
    }

    /// GraphQL's filter of the decisions list with these conditions and the search `text`.
    pub(super) fn input(&self, text: Option<String>) -> DecisionFilterInput {
        DecisionFilterInput {
            text,
            status: self.statuses.iter().map(|&status| status.into()).collect(),
            decision_maker: self.maker,
            ward: self.ward,
            key_decision: self.key,
            subject_to_call_in: self.subject,
            published_from: self.published_from.map(Date),
            published_to: self.published_to.map(Date),
            call_in_open: self.call_in_open.then_some(true),
            decided_from: self.from.map(Date),
            decided_to: self.to.map(Date),
        }
    }

    /// The conditions as the URL writes them, for the links that keep them (the next page, the
    /// sort control, clearing the search).
    pub(super) fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs: Vec<(&'static str, String)> = self
            .statuses
            .iter()
            .map(|&status| ("status", status_name(status).to_owned()))
            .collect();
        if let Some(maker) = self.maker {
            pairs.push(("maker", maker.to_string()));
        }
        if let Some(ward) = self.ward {
            pairs.push(("ward", ward.to_string()));
        }
        if let Some(key) = self.key {
            pairs.push(("key", if key { "yes" } else { "no" }.to_owned()));
        }
        if self.call_in_open {
            pairs.push(("call_in_open", "yes".to_owned()));
        }
        if let Some(from) = self.from {
            pairs.push(("from", from.to_string()));
        }
        if let Some(to) = self.to {
            pairs.push(("to", to.to_string()));
        }
        if let Some(subject) = self.subject {
            pairs.push(("subject", if subject { "yes" } else { "no" }.to_owned()));
        }
        if let Some(from) = self.published_from {
            pairs.push(("published_from", from.to_string()));
        }
        if let Some(to) = self.published_to {
            pairs.push(("published_to", to.to_string()));
        }
        pairs
    }
}

/// The URL's name of a status.
pub(super) fn status_name(status: DecisionStatus) -> &'static str {
    STATUSES
        .iter()
        .find(|(_, listed)| *listed == status)
        .map_or("", |(name, _)| name)
}

fn parse_status(value: &str) -> Result<DecisionStatus, ApiError> {
    STATUSES
        .iter()
        .find(|(name, _)| *name == value)
        .map(|(_, status)| *status)
        .ok_or_else(|| {
            ApiError::invalid(
                "status",
                format!("“{value}” is not a decision status. Choose statuses from the list."),
            )
        })
}

/// A body's or ward's id; blank is none.
fn parse_id(value: &str) -> Result<Option<Uuid>, ()> {
    if value.is_empty() {
        return Ok(None);
    }
    Uuid::parse_str(value).map(Some).map_err(|_| ())
}

/// A yes-or-no condition (`key`, `subject`); blank is none.
fn parse_yes_no(field: &str, value: &str) -> Result<Option<bool>, ApiError> {
    match value {
        "" => Ok(None),
        "yes" => Ok(Some(true)),
        "no" => Ok(Some(false)),
        _ => Err(ApiError::invalid(
            field,
            match field {
                "key" => "Key decision must be yes, no, or blank for any decision.",
                _ => "Subject to call-in must be yes, no, or blank for any decision.",
            },
        )),
    }
}

fn parse_call_in_open(value: &str) -> Result<bool, ApiError> {
    match value {
        "" => Ok(false),
        "yes" => Ok(true),
        _ => Err(ApiError::invalid(
            "call_in_open",
            "“Can still be called in” must be yes, or left out for every decision.",
        )),
    }
}

/// A day of the date-of-decision range (`which`: "from" or "to"); blank is none.
fn parse_day(field: &str, which: &str, value: &str) -> Result<Option<NaiveDate>, ApiError> {
    day(
        field,
        &format!("The date of decision “{which}”"),
        Some(value),
    )
}

/// A day of the date-of-publication range; blank is none.
fn parse_published(field: &str, which: &str, value: &str) -> Result<Option<NaiveDate>, ApiError> {
    day(
        field,
        &format!("The date of publication “{which}”"),
        Some(value),
    )
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn parse(query: &str) -> Result<RegisterQuery, String> {
        RegisterQuery::parse(Some(query)).map_err(|error| match error {
            ApiError::Invalid { message, .. } => message,
            other => panic!("{other:?}"),
        })
    }

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn every_filter_is_read_from_its_readable_name_and_statuses_repeat() {
        let maker = Uuid::now_v7();
        let ward = Uuid::now_v7();
        let query = parse(&format!(
            "q=land&status=called_in&status=effective&status=called_in&maker={maker}&ward={ward}\
             &key=no&call_in_open=yes&from=2024-01-01&to=2024-12-31&after=c1&sort=relevance&lang=cy\
             &subject=no&published_to=2024-06-30"
        ))
        .unwrap();
        assert_eq!(query.q.as_deref(), Some("land"));
        assert_eq!(query.after.as_deref(), Some("c1"));
        assert_eq!(query.sort.as_deref(), Some("relevance"));
        assert_eq!(
            query.filters,
            Filters {
                statuses: vec![DecisionStatus::CalledIn, DecisionStatus::Effective],
                maker: Some(maker),
                ward: Some(ward),
                key: Some(false),
                call_in_open: true,
                from: Some(day("2024-01-01")),
                to: Some(day("2024-12-31")),
                subject: Some(false),
                published_from: None,
                published_to: Some(day("2024-06-30")),
            }
        );
        // Written back as read, each once: the links keep exactly the filters.
        let written: Vec<(&str, String)> = query.filters.pairs();
        assert_eq!(
            written,
            [
                ("status", "called_in".to_owned()),
                ("status", "effective".to_owned()),
                ("maker", maker.to_string()),
                ("ward", ward.to_string()),
                ("key", "no".to_owned()),
                ("call_in_open", "yes".to_owned()),
                ("from", "2024-01-01".to_owned()),
                ("to", "2024-12-31".to_owned()),
                ("subject", "no".to_owned()),
                ("published_to", "2024-06-30".to_owned()),
            ]
        );
    }

    #[test]
    fn empty_values_as_a_form_sends_them_are_no_condition() {
        let query = parse("q=&status=&maker=&ward=&key=&call_in_open=&from=&to=+").unwrap();
        assert_eq!(query.filters, Filters::default());
        assert!(!query.filters.any());
        assert!(query.filters.pairs().is_empty());
        assert_eq!(parse("").unwrap(), RegisterQuery::default());
    }

    #[test]
    fn the_filters_become_graphqls_filter() {
        let query = parse("status=withdrawn&key=yes&call_in_open=yes&from=2010-06-01").unwrap();
        let input = query.filters.input(Some("land".to_owned()));
        assert_eq!(input.text.as_deref(), Some("land"));
        assert_eq!(
            input.status,
            [crate::graphql::enums::DecisionStatus::Withdrawn]
        );
        assert_eq!(input.key_decision, Some(true));
        assert_eq!(input.call_in_open, Some(true));
        assert_eq!(input.decided_from, Some(Date(day("2010-06-01"))));
        assert_eq!(input.decided_to, None);
        assert_eq!(input.decision_maker, None);
    }

    #[test]
    fn every_status_has_a_name_that_reads_back_as_itself() {
        for (name, status) in STATUSES {
            assert_eq!(status_name(status), name);
            assert_eq!(parse_status(name).unwrap(), status);
        }
    }

    #[test]
    fn bad_values_are_refused_saying_what_is_wrong() {
        for (query, says) in [
            ("status=CALLED_IN", "“CALLED_IN” is not a decision status"),
            ("status=lost", "Choose statuses from the list"),
            ("maker=cabinet", "Choose the decision maker from the list."),
            ("ward=12", "Choose the ward from the list."),
            ("key=maybe", "Key decision must be yes, no"),
            ("call_in_open=no", "must be yes, or left out"),
            (
                "from=9/6/2010",
                "“from” is not a date: write it as YYYY-MM-DD",
            ),
            ("to=2026-02-30", "February 2026 has 28 days, not 30"),
            (
                "from=2024-02-01&to=2024-01-31",
                "“from” must be the same as or before the date “to”",
            ),
            ("q=a&q=b", "The address of this search is not valid"),
            ("key=yes&key=no", "The address of this search is not valid"),
        ] {
            let message = parse(query).unwrap_err();
            assert!(message.contains(says), "{query}: {message}");
        }
        // The same day at both ends is one day.
        assert!(parse("from=2024-02-01&to=2024-02-01").is_ok());
    }
}
