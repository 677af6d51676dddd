//! The UK's bank-holiday divisions.

use serde::{Deserialize, Serialize};

/// The three bank-holiday divisions of the UK (England and Wales share one).
///
/// Bank holidays are set per division, not per nation, so a council's
/// deadlines depend on which division it sits in: a Scottish council works on
/// Easter Monday, a Northern Irish one does not work on 12 July.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Division {
    /// England and Wales, which have shared one bank-holiday list since the
    /// Banking and Financial Dealings Act 1971.
    EnglandAndWales,
    /// Scotland, which has 2 January, St Andrew's Day and an early-August
    /// summer holiday but no Easter Monday.
    Scotland,
    /// Northern Ireland, which adds St Patrick's Day and the Battle of the
    /// Boyne to the England and Wales list.
    NorthernIreland,
}

impl Division {
    /// Every division, so callers (and tests) can iterate over all of them
    /// without keeping their own list in step with this enum.
    pub const ALL: [Division; 3] = [
        Division::EnglandAndWales,
        Division::Scotland,
        Division::NorthernIreland,
    ];

    /// A dense index in `0..ALL.len()`, so per-division tables can be plain
    /// vectors instead of maps.
    pub(crate) const fn index(self) -> usize {
        match self {
            Division::EnglandAndWales => 0,
            Division::Scotland => 1,
            Division::NorthernIreland => 2,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_matches_position_in_all() {
        for (position, division) in Division::ALL.iter().enumerate() {
            assert_eq!(division.index(), position);
        }
    }

    #[test]
    fn division_deserializes_from_its_variant_name() {
        // The variant name is what ends up in stored events, so it must not
        // drift silently.
        for division in Division::ALL {
            let value =
                serde::de::value::StrDeserializer::<serde::de::value::Error>::new(match division {
                    Division::EnglandAndWales => "EnglandAndWales",
                    Division::Scotland => "Scotland",
                    Division::NorthernIreland => "NorthernIreland",
                });
            assert_eq!(Division::deserialize(value), Ok(division));
        }
    }
}
