//! The calendar arithmetic behind Civic Register's deadlines: which days are UK
//! bank holidays, which days a council is working, and how statutory notice
//! periods are counted.
//!
//! Councils' call-in windows and Access to Information notice periods are
//! defined in working days or clear days, so every deadline the register
//! derives depends on getting these rules exactly right. The crate is pure
//! (no IO, no async, no clock) so that replaying events always gives the same
//! deadlines.
//!
//! Modules:
//! - `division`: the three UK bank-holiday divisions ([`Division`]).
//! - `error`: the one error this crate can return ([`CalendarError`]) and the
//!   supported-year check behind it.
//! - `easter`: the Gregorian computus, because Good Friday and Easter Monday
//!   move every year.
//! - `bank_holidays`: each division's holidays for 1990-2040 by rule, with
//!   substitute days and the one-off royal and commemorative changes
//!   ([`bank_holidays()`], [`is_bank_holiday`], [`BankHoliday`]).
//! - `working_days`: a council's working-day calendar and the working-day
//!   arithmetic used for call-in deadlines ([`WorkingDayCalendar`]).
//! - `clear_days`: "clear days" as the Access to Information rules count them
//!   ([`clear_days_between`], [`latest_notice_date`]).
//! - `uk_date`: the UK civil date of an instant, GMT or BST ([`uk_date()`]).

mod bank_holidays;
mod clear_days;
mod division;
mod easter;
mod error;
mod uk_date;
mod working_days;

/// Re-exported so that callers use exactly the date type this crate's
/// signatures are written in, without pinning their own chrono version.
pub use chrono::NaiveDate;

pub use bank_holidays::{BankHoliday, bank_holidays, is_bank_holiday};
pub use clear_days::{clear_days_between, latest_notice_date};
pub use division::Division;
pub use error::CalendarError;
pub use uk_date::uk_date;
pub use working_days::WorkingDayCalendar;

/// The first year whose holiday rules this crate knows; earlier dates are
/// rejected rather than guessed, because the register has no decisions from
/// before then and pre-1990 holiday law differs.
pub const FIRST_SUPPORTED_YEAR: i32 = 1990;

/// The last year whose holiday rules this crate knows; later years are
/// rejected because future one-off holidays cannot be predicted and a silently
/// wrong deadline is worse than an explicit error.
pub const LAST_SUPPORTED_YEAR: i32 = 2040;
