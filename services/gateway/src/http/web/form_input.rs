//! What the pages' forms send, read: a blank value is no choice, as a form sends an untouched
//! select or date box; a day is `YYYY-MM-DD`, refused with what is wrong with it.

use chrono::NaiveDate;

use crate::error::ApiError;
use crate::graphql::scalars::parse_iso_date;

/// `text` trimmed, `None` when blank.
pub(crate) fn blank_is_none(text: Option<&str>) -> Option<&str> {
    text.map(str::trim).filter(|text| !text.is_empty())
}

/// The day of the form field `field`, which the page calls `what` ("The date of decision
/// “from”"); blank is none, and what is not a day is refused saying why.
pub(crate) fn day(
    field: &str,
    what: &str,
    text: Option<&str>,
) -> Result<Option<NaiveDate>, ApiError> {
    blank_is_none(text)
        .map(|text| {
            parse_iso_date(text).map_err(|problem| {
                ApiError::invalid(field, format!("{what} is not a date: {problem}."))
            })
        })
        .transpose()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn a_blank_day_is_none_and_a_bad_one_is_refused_by_name() {
        assert_eq!(day("from", "The day", None).unwrap(), None);
        assert_eq!(day("from", "The day", Some(" ")).unwrap(), None);
        assert_eq!(
            day("to", "The day", Some("2010-06-09")).unwrap(),
            NaiveDate::from_ymd_opt(2010, 6, 9)
        );
        match day("to", "The day “to”", Some("2010-02-30")) {
            Err(ApiError::Invalid { field, message }) => {
                assert_eq!(field, "to");
                assert!(
                    message.starts_with("The day “to” is not a date"),
                    "{message}"
                );
            }
            other => panic!("{other:?}"),
        }
    }
}
