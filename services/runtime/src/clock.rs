//! The instant the domain's rules are applied at: the system clock, or a fixed one in tests.

use chrono::{DateTime, NaiveDate, Utc};

/// The time commands are decided at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Clock {
    /// The system clock.
    #[default]
    System,
    /// A fixed instant, so tests of deadlines do not depend on the day they run.
    Fixed(DateTime<Utc>),
}

impl Clock {
    /// Now.
    pub fn now(&self) -> DateTime<Utc> {
        match self {
            Clock::System => Utc::now(),
            Clock::Fixed(at) => *at,
        }
    }

    /// Today's date in the UK (GMT or BST): the date the domain's rules are applied on.
    pub fn today(&self) -> NaiveDate {
        civic_calendar::uk_date(self.now())
    }
}
