//! The UK nation a council belongs to, which picks its bank holidays and the
//! statute under which it may withhold information.

use crate::restriction::ExemptionScheme;
use civic_calendar::Division;
use serde::{Deserialize, Serialize};

/// The nation a council is in. Local-government law differs between them:
/// this crate models the English rules, and uses the nation to choose the
/// bank-holiday division and the default exempt-information scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Nation {
    /// England: LGA 1972 Sch 12A Part 1; England-and-Wales bank holidays.
    #[serde(rename = "england")]
    England,
    /// Wales: LGA 1972 Sch 12A Part 4; England-and-Wales bank holidays.
    #[serde(rename = "wales")]
    Wales,
    /// Scotland: LG (Scotland) Act 1973 Sch 7A; Scottish bank holidays.
    #[serde(rename = "scotland")]
    Scotland,
    /// Northern Ireland: LG Act (NI) 2014 Sch 6; Northern Irish bank holidays.
    #[serde(rename = "northern_ireland")]
    NorthernIreland,
}

impl Nation {
    /// The bank-holiday division whose holidays are not working days here.
    pub fn division(self) -> Division {
        match self {
            Nation::England | Nation::Wales => Division::EnglandAndWales,
            Nation::Scotland => Division::Scotland,
            Nation::NorthernIreland => Division::NorthernIreland,
        }
    }

    /// The current exempt-information scheme for the nation, used when a
    /// restriction is recorded without naming one.
    pub fn default_scheme(self) -> ExemptionScheme {
        match self {
            Nation::England => ExemptionScheme::Schedule12APart1,
            Nation::Wales => ExemptionScheme::Schedule12APart4,
            Nation::Scotland => ExemptionScheme::Schedule7A,
            Nation::NorthernIreland => ExemptionScheme::NorthernIrelandSchedule6,
        }
    }

    /// Whether `scheme` is one this nation's councils can lawfully use
    /// (England may also cite the pre-2006 Schedule 12A on old records).
    pub fn accepts_scheme(self, scheme: ExemptionScheme) -> bool {
        scheme == self.default_scheme()
            || (self == Nation::England && scheme == ExemptionScheme::Pre2006Schedule12A)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn england_and_wales_share_a_bank_holiday_division() {
        assert_eq!(Nation::England.division(), Division::EnglandAndWales);
        assert_eq!(Nation::Wales.division(), Division::EnglandAndWales);
        assert_eq!(Nation::Scotland.division(), Division::Scotland);
        assert_eq!(
            Nation::NorthernIreland.division(),
            Division::NorthernIreland
        );
    }

    #[test]
    fn each_nation_defaults_to_its_own_exemption_scheme() {
        assert_eq!(
            Nation::England.default_scheme(),
            ExemptionScheme::Schedule12APart1
        );
        assert_eq!(
            Nation::Wales.default_scheme(),
            ExemptionScheme::Schedule12APart4
        );
        assert_eq!(
            Nation::Scotland.default_scheme(),
            ExemptionScheme::Schedule7A
        );
        assert_eq!(
            Nation::NorthernIreland.default_scheme(),
            ExemptionScheme::NorthernIrelandSchedule6
        );
    }

    #[test]
    fn only_england_accepts_the_pre_2006_schedule() {
        assert!(Nation::England.accepts_scheme(ExemptionScheme::Pre2006Schedule12A));
        assert!(!Nation::Wales.accepts_scheme(ExemptionScheme::Pre2006Schedule12A));
        assert!(!Nation::Wales.accepts_scheme(ExemptionScheme::Schedule12APart1));
    }
}
