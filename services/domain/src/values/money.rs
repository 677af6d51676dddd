use super::ValueError;
use serde::{Deserialize, Serialize};

/// An amount of money in whole pence. Never a float: amounts are compared
/// against thresholds and hashed into the log, where rounding would be a lie.
/// Non-negative, because every amount the register records (a threshold, a
/// spend, a saving) is a magnitude.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "i64")]
pub struct Pence(i64);

impl Pence {
    /// Accepts zero or more pence.
    pub fn parse(pence: i64) -> Result<Self, ValueError> {
        if pence < 0 {
            return Err(ValueError::OutOfRange {
                what: "amount in pence",
                min: 0,
                max: i64::MAX,
                actual: pence,
            });
        }
        Ok(Self(pence))
    }

    /// The amount in pence.
    pub fn get(self) -> i64 {
        self.0
    }
}

impl TryFrom<i64> for Pence {
    type Error = ValueError;
    fn try_from(pence: i64) -> Result<Self, Self::Error> {
        Self::parse(pence)
    }
}

impl From<Pence> for i64 {
    fn from(value: Pence) -> Self {
        value.0
    }
}

impl std::fmt::Display for Pence {
    /// Formats as pounds and pence, e.g. `£250,000.00`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let pounds = self.0 / 100;
        let pence = self.0 % 100;
        let digits = pounds.to_string();
        let mut grouped = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(c);
        }
        write!(f, "£{grouped}.{pence:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negative_amounts_are_refused() {
        assert!(Pence::parse(-1).is_err());
        assert_eq!(Pence::parse(0).unwrap().get(), 0);
    }

    #[test]
    fn amounts_display_as_pounds_and_pence() {
        assert_eq!(Pence::parse(25_000_000).unwrap().to_string(), "£250,000.00");
        assert_eq!(Pence::parse(105).unwrap().to_string(), "£1.05");
    }

    #[test]
    fn amounts_serialise_as_integers() {
        assert_eq!(
            serde_json::to_string(&Pence::parse(42).unwrap()).unwrap(),
            "42"
        );
        assert!(serde_json::from_str::<Pence>("-5").is_err());
        assert!(serde_json::from_str::<Pence>("4.2").is_err());
    }
}
