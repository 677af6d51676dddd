//! The crate's only failure: being asked about a year whose rules it does not
//! know.

use crate::{FIRST_SUPPORTED_YEAR, LAST_SUPPORTED_YEAR};

/// Why a calendar question could not be answered.
///
/// A typed error rather than a guess or a panic, because a wrong deadline in
/// the register is a legal mistake and a panic would take down an import.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    /// The year is outside 1990..=2040, where the holiday rules are known.
    #[error("year {year} is outside the supported range 1990-2040")]
    YearOutOfRange {
        /// The year that was asked about, so the caller can report which
        /// record carried the unsupported date.
        year: i32,
    },
}

/// Rejects years whose holiday rules are unknown, so every public entry point
/// fails the same way for the same input.
pub(crate) fn ensure_supported_year(year: i32) -> Result<(), CalendarError> {
    if (FIRST_SUPPORTED_YEAR..=LAST_SUPPORTED_YEAR).contains(&year) {
        Ok(())
    } else {
        Err(CalendarError::YearOutOfRange { year })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn range_ends_are_supported_and_their_neighbours_are_not() {
        assert_eq!(ensure_supported_year(FIRST_SUPPORTED_YEAR), Ok(()));
        assert_eq!(ensure_supported_year(LAST_SUPPORTED_YEAR), Ok(()));
        assert_eq!(
            ensure_supported_year(1989),
            Err(CalendarError::YearOutOfRange { year: 1989 })
        );
        assert_eq!(
            ensure_supported_year(2041),
            Err(CalendarError::YearOutOfRange { year: 2041 })
        );
    }

    #[test]
    fn extreme_years_are_rejected_without_panicking() {
        assert!(ensure_supported_year(i32::MIN).is_err());
        assert!(ensure_supported_year(i32::MAX).is_err());
    }

    #[test]
    fn message_names_the_year_and_the_supported_range() {
        let message = CalendarError::YearOutOfRange { year: 2041 }.to_string();
        assert_eq!(
            message,
            format!(
                "year 2041 is outside the supported range {FIRST_SUPPORTED_YEAR}-{LAST_SUPPORTED_YEAR}"
            )
        );
    }
}
