//! GraphQL input objects, and their conversion into validated domain commands with `TryFrom`.
//! The conversion maps and validates shapes; every rule about the register is the domain's.
//!
//! - [`council`]: council reference data (wards, bodies, policies, labels) and registration.
//! - [`forward_plan`]: forward-plan entries.
//! - [`decision`]: the decision record and its lifecycle.
//! - [`strategy`]: strategy documents and versions.
//! - [`meeting`]: meetings, their agendas and minutes.
//! - [`record_parts`]: the people, vote, references and links of a decision record.
//! - [`restriction`]: withheld information, shared by decisions, forward-plan entries and
//!   meetings' agenda items.

pub mod council;
pub mod decision;
pub mod forward_plan;
pub mod meeting;
pub mod record_parts;
pub mod restriction;
pub mod strategy;

use civic_domain::restriction::ParagraphError;
use civic_domain::values::ValueError;

/// What was wrong with one input field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InputProblem {
    /// A value rule (blank, too long, bad shape...).
    #[error(transparent)]
    Value(#[from] ValueError),
    /// An exemption paragraph as cited.
    #[error(transparent)]
    Paragraph(#[from] ParagraphError),
}

/// A typed input field that does not convert into a domain value. Reported as BAD_USER_INPUT
/// with `extensions.field` set to `field`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {problem}")]
pub struct InputError {
    /// The GraphQL path of the field, e.g. `documents[0].url`.
    pub field: String,
    /// What is wrong with it.
    pub problem: InputProblem,
}

/// Every field of an input that does not convert, so a form can mark them all at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputErrors(pub Vec<InputError>);

impl From<InputError> for InputErrors {
    fn from(error: InputError) -> Self {
        Self(vec![error])
    }
}

/// A conversion that cannot fail (a command passed as it is).
impl From<std::convert::Infallible> for InputErrors {
    fn from(never: std::convert::Infallible) -> Self {
        match never {}
    }
}

impl InputErrors {
    /// The same errors, for fields nested under `parent` (e.g. `details`).
    pub fn under(self, parent: &str) -> Self {
        Self(
            self.0
                .into_iter()
                .map(|error| InputError {
                    field: format!("{parent}.{}", error.field),
                    problem: error.problem,
                })
                .collect(),
        )
    }
}

/// Converts the fields of an input one by one, keeping going after a failure so that every
/// failing field is reported, not just the first.
#[derive(Debug, Default)]
pub(crate) struct Checks {
    errors: Vec<InputError>,
}

impl Checks {
    /// The converted value, or `None` with the failure noted.
    pub fn check<T, E: Into<InputErrors>>(&mut self, result: Result<T, E>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(errors) => {
                self.errors.extend(errors.into().0);
                None
            }
        }
    }

    /// `build`'s value when every check passed (`build` then has every value it needs); every
    /// noted failure otherwise.
    pub fn finish<T>(self, build: impl FnOnce() -> Option<T>) -> Result<T, InputErrors> {
        if !self.errors.is_empty() {
            return Err(InputErrors(self.errors));
        }
        build().ok_or_else(|| {
            InputErrors::from(malformed(
                "input",
                "input",
                "a field could not be converted",
            ))
        })
    }
}

/// An input with what its conversion needs from outside it: the id a new item gets.
#[derive(Debug, Clone, Copy)]
pub struct With<'a, T, X> {
    /// The input.
    pub input: &'a T,
    /// What else the conversion needs.
    pub with: X,
}

/// Pairs `input` with `with`.
pub fn with<T, X>(input: &T, with: X) -> With<'_, T, X> {
    With { input, with }
}

/// Attaches the GraphQL field path to a validation failure.
pub(crate) fn at<T, E: Into<InputProblem>>(
    field: &str,
    result: Result<T, E>,
) -> Result<T, InputError> {
    result.map_err(|error| InputError {
        field: field.to_owned(),
        problem: error.into(),
    })
}

/// Parses an optional text; blank counts as absent, as forms send "" for "not stated".
pub(crate) fn optional<T>(
    field: &str,
    raw: Option<&str>,
    parse: impl Fn(&str) -> Result<T, ValueError>,
) -> Result<Option<T>, InputError> {
    raw.filter(|text| !text.trim().is_empty())
        .map(|text| at(field, parse(text)))
        .transpose()
}

/// A refusal of a combination of fields the types cannot express.
pub(crate) fn malformed(field: &str, what: &'static str, detail: &'static str) -> InputError {
    InputError {
        field: field.to_owned(),
        problem: InputProblem::Value(ValueError::Malformed { what, detail }),
    }
}

/// Every item converted, or every item's failure.
pub(crate) fn all<T>(
    items: impl Iterator<Item = Result<T, InputError>>,
) -> Result<Vec<T>, InputErrors> {
    let mut values = Vec::new();
    let mut errors = Vec::new();
    for item in items {
        match item {
            Ok(value) => values.push(value),
            Err(error) => errors.push(error),
        }
    }
    if errors.is_empty() {
        Ok(values)
    } else {
        Err(InputErrors(errors))
    }
}
