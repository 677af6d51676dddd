//! Notice of key decisions (England, 2012 Regulations): 28 clear days as
//! standard, 5 under the general exception, none under special urgency.

use crate::values::{Name, Reason};
use chrono::NaiveDate;
use civic_calendar::clear_days_between;
use serde::{Deserialize, Serialize};

/// Clear days' notice a key decision needs as standard (reg 9).
pub const STANDARD_CLEAR_DAYS: i64 = 28;
/// Clear days' notice under the general exception (reg 10).
pub const GENERAL_EXCEPTION_CLEAR_DAYS: i64 = 5;

/// How notice of the decision was given.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind")]
pub enum NoticeKind {
    /// Published on the forward plan with the usual notice.
    #[serde(rename = "standard")]
    Standard,
    /// General exception (reg 10): 28 days impracticable; the chair of the scrutiny committee
    /// informed in writing and at least 5 clear days' notice, with the reason recorded.
    #[serde(rename = "general_exception")]
    GeneralException {
        /// Why 28 days' notice was impracticable.
        #[serde(rename = "reason")]
        reason: Reason,
        /// Who was informed (e.g. "Chair of Overview and Scrutiny Committee"), if the notice
        /// says. Absent in `ForwardPlanEntryEntered` v1, which did not record it.
        #[serde(rename = "chair_informed", default)]
        chair_informed: Option<Name>,
    },
    /// Special urgency (reg 11): the decision cannot reasonably be deferred, and the chair of
    /// scrutiny (or failing them the chair or vice-chair of the council) agreed; no minimum.
    #[serde(rename = "special_urgency")]
    SpecialUrgency {
        /// Who agreed, e.g. "Chair of Overview and Scrutiny".
        #[serde(rename = "agreed_by")]
        agreed_by: Name,
        /// Why it could not wait.
        #[serde(rename = "reason")]
        reason: Reason,
    },
}

impl NoticeKind {
    /// The clear days of notice needed for an entry of this kind.
    pub fn required_clear_days(&self, key_decision: bool) -> i64 {
        match self {
            _ if !key_decision => 0,
            NoticeKind::Standard => STANDARD_CLEAR_DAYS,
            NoticeKind::GeneralException { .. } => GENERAL_EXCEPTION_CLEAR_DAYS,
            NoticeKind::SpecialUrgency { .. } => 0,
        }
    }
}

/// The last day notice can be published for a decision due on `date_due`,
/// e.g. for a key decision on Wed 30 June 2010 under standard notice, Tue 1
/// June. `None` only at the very start of the calendar.
pub fn latest_notice_date(
    notice: &NoticeKind,
    key_decision: bool,
    date_due: NaiveDate,
) -> Option<NaiveDate> {
    let clear_days = u32::try_from(notice.required_clear_days(key_decision)).unwrap_or(0);
    civic_calendar::latest_notice_date(date_due, clear_days)
}

/// Clear days between the notice and the date due.
pub fn clear_days_given(notice_date: NaiveDate, date_due: NaiveDate) -> i64 {
    clear_days_between(notice_date, date_due)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn notice_on_the_first_for_a_meeting_on_the_thirtieth_is_twenty_eight_clear_days() {
        assert_eq!(clear_days_given(d(2010, 6, 1), d(2010, 6, 30)), 28);
    }

    #[test]
    fn standard_notice_for_a_key_decision_on_the_thirtieth_must_be_published_by_the_first() {
        assert_eq!(
            latest_notice_date(&NoticeKind::Standard, true, d(2010, 6, 30)),
            Some(d(2010, 6, 1))
        );
        assert_eq!(
            latest_notice_date(&NoticeKind::Standard, false, d(2010, 6, 30)),
            Some(d(2010, 6, 29))
        );
    }

    #[test]
    fn key_decisions_need_28_5_or_0_clear_days_by_notice_kind() {
        let reason = Reason::parse("Contract expires").unwrap();
        assert_eq!(NoticeKind::Standard.required_clear_days(true), 28);
        assert_eq!(
            NoticeKind::GeneralException {
                reason: reason.clone(),
                chair_informed: None,
            }
            .required_clear_days(true),
            5
        );
        let urgency = NoticeKind::SpecialUrgency {
            agreed_by: Name::parse("Chair of Scrutiny").unwrap(),
            reason,
        };
        assert_eq!(urgency.required_clear_days(true), 0);
        assert_eq!(NoticeKind::Standard.required_clear_days(false), 0);
    }
}
