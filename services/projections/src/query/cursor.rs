//! Opaque keyset cursors: the sort key of the last item seen, so the next page starts strictly
//! after it whatever was added since (no OFFSET that shifts under concurrent writes).
//!
//! A cursor is the hex form of `list|date|id` (a list by relevance: `r1|score|date|id`). Clients
//! must not build or read them; the list name stops a cursor of one list being used on another.

use chrono::{Datelike, NaiveDate};
use uuid::Uuid;

use crate::error::ProjectionError;

/// Which list a cursor belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum List {
    /// Decisions, ordered by date descending, then id descending.
    Decisions,
    /// The forward plan, ordered by date due, then id.
    ForwardPlan,
    /// Meetings, ordered by date descending, then id descending.
    Meetings,
}

impl List {
    fn tag(self) -> &'static str {
        match self {
            List::Decisions => "d1",
            List::ForwardPlan => "f1",
            List::Meetings => "m1",
        }
    }
}

/// The sort key of one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Cursor {
    pub date: NaiveDate,
    pub id: Uuid,
}

impl Cursor {
    pub(crate) fn encode(self, list: List) -> String {
        // Built without the formatting machinery: every row of every page carries a cursor, and
        // one `format!` per byte was once a seventh of the gateway's work per register page.
        let mut uuid = Uuid::encode_buffer();
        let mut plain = String::with_capacity(64);
        plain.push_str(list.tag());
        plain.push('|');
        push_date(&mut plain, self.date);
        plain.push('|');
        plain.push_str(self.id.hyphenated().encode_lower(&mut uuid));
        hex_text(plain.as_bytes())
    }

    pub(crate) fn decode(list: List, text: &str) -> Result<Self, ProjectionError> {
        let bytes = hex_bytes(text).ok_or(ProjectionError::InvalidCursor)?;
        let plain = String::from_utf8(bytes).map_err(|_| ProjectionError::InvalidCursor)?;
        let mut parts = plain.split('|');
        let (Some(tag), Some(date), Some(id), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(ProjectionError::InvalidCursor);
        };
        if tag != list.tag() {
            return Err(ProjectionError::InvalidCursor);
        }
        Ok(Self {
            date: date
                .parse::<NaiveDate>()
                .map_err(|_| ProjectionError::InvalidCursor)?,
            id: Uuid::try_parse(id).map_err(|_| ProjectionError::InvalidCursor)?,
        })
    }
}

/// The sort key of one item of the decisions ordered by relevance: its score (the rank as a
/// whole number, [`crate::query::filter`]), then the newest-first key among equal scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RankedCursor {
    pub score: i64,
    pub key: Cursor,
}

/// The tag of a cursor of the decisions ordered by relevance.
const RANKED: &str = "r1";

impl RankedCursor {
    pub(crate) fn encode(self) -> String {
        let mut uuid = Uuid::encode_buffer();
        let mut plain = String::with_capacity(80);
        plain.push_str(RANKED);
        plain.push('|');
        plain.push_str(&self.score.to_string());
        plain.push('|');
        push_date(&mut plain, self.key.date);
        plain.push('|');
        plain.push_str(self.key.id.hyphenated().encode_lower(&mut uuid));
        hex_text(plain.as_bytes())
    }

    pub(crate) fn decode(text: &str) -> Result<Self, ProjectionError> {
        let bytes = hex_bytes(text).ok_or(ProjectionError::InvalidCursor)?;
        let plain = String::from_utf8(bytes).map_err(|_| ProjectionError::InvalidCursor)?;
        let mut parts = plain.split('|');
        let (Some(RANKED), Some(score), Some(date), Some(id), None) = (
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
        ) else {
            return Err(ProjectionError::InvalidCursor);
        };
        Ok(Self {
            score: score.parse().map_err(|_| ProjectionError::InvalidCursor)?,
            key: Cursor {
                date: date.parse().map_err(|_| ProjectionError::InvalidCursor)?,
                id: Uuid::try_parse(id).map_err(|_| ProjectionError::InvalidCursor)?,
            },
        })
    }
}

/// `date` as `NaiveDate`'s `Display` writes it (`%Y-%m-%d`, years outside 0 to 9999 signed).
fn push_date(text: &mut String, date: NaiveDate) {
    let year = date.year();
    if !(0..=9999).contains(&year) {
        text.push_str(&date.to_string());
        return;
    }
    for (value, digits) in [(year.unsigned_abs(), 4), (date.month(), 2), (date.day(), 2)] {
        if digits == 2 {
            text.push('-');
        }
        for place in (0..digits).rev() {
            text.push(char::from_digit(value / 10u32.pow(place) % 10, 10).unwrap_or('0'));
        }
    }
}

/// Lower-case hex, two digits a byte, into a string sized once (`hex::encode` collects an
/// iterator of `char`s; every row of every page carries a cursor).
fn hex_text(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut text = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        text.push(char::from(DIGITS[usize::from(byte >> 4)]));
        text.push(char::from(DIGITS[usize::from(byte & 0x0f)]));
    }
    text
}

fn hex_bytes(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) || text.len() > 256 {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn cursor() -> Cursor {
        Cursor {
            date: NaiveDate::from_ymd_opt(2010, 6, 9).unwrap(),
            id: Uuid::now_v7(),
        }
    }

    #[test]
    fn a_cursor_decodes_to_the_key_it_encodes() {
        let c = cursor();
        let text = c.encode(List::Decisions);
        assert!(text.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_eq!(Cursor::decode(List::Decisions, &text).unwrap(), c);
    }

    #[test]
    fn cursors_are_written_as_they_always_were() {
        // Clients hold cursors between pages, across upgrades: the text must not change.
        let c = Cursor {
            date: NaiveDate::from_ymd_opt(2010, 6, 9).unwrap(),
            id: Uuid::parse_str("0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b").unwrap(),
        };
        let plain = "d1|2010-06-09|0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";
        let before: String = plain.bytes().map(|b| format!("{b:02x}")).collect();
        assert_eq!(c.encode(List::Decisions), before);
    }

    #[test]
    fn dates_are_written_as_display_writes_them() {
        for (year, month, day) in [
            (2010, 6, 9),
            (1, 1, 1),
            (999, 12, 31),
            (0, 2, 29),
            (9999, 12, 31),
            (10_000, 1, 1),
            (-1, 3, 4),
        ] {
            let date = NaiveDate::from_ymd_opt(year, month, day).unwrap();
            let mut text = String::new();
            push_date(&mut text, date);
            assert_eq!(text, date.to_string());
        }
    }

    #[test]
    fn a_cursor_of_another_list_is_refused() {
        let text = cursor().encode(List::ForwardPlan);
        assert!(matches!(
            Cursor::decode(List::Decisions, &text),
            Err(ProjectionError::InvalidCursor)
        ));
    }

    #[test]
    fn a_ranked_cursor_decodes_to_the_key_it_encodes_and_no_other_list_takes_it() {
        for score in [0, 607_927_120, -3_250_000_000, i64::MAX] {
            let ranked = RankedCursor {
                score,
                key: cursor(),
            };
            let text = ranked.encode();
            assert_eq!(RankedCursor::decode(&text).unwrap(), ranked);
            assert!(Cursor::decode(List::Decisions, &text).is_err());
        }
        let newest = cursor().encode(List::Decisions);
        assert!(RankedCursor::decode(&newest).is_err());
        let plain = "r1|1.5|2010-06-09|0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";
        let fractional: String = plain.bytes().map(|b| format!("{b:02x}")).collect();
        assert!(RankedCursor::decode(&fractional).is_err());
    }

    #[test]
    fn altered_or_foreign_cursors_are_refused() {
        let text = cursor().encode(List::Decisions);
        for bad in [
            "",
            "zz",
            "abc",
            &text[..text.len() - 2],
            "64317c323031302d30362d30397c6e6f742d612d75756964",
        ] {
            assert!(
                matches!(
                    Cursor::decode(List::Decisions, bad),
                    Err(ProjectionError::InvalidCursor)
                ),
                "{bad:?} should be refused"
            );
        }
    }
}
