//! Opaque keyset cursors: the sort key of the last item seen, so the next page starts strictly
//! after it whatever was added since (no OFFSET that shifts under concurrent writes).
//!
//! A cursor is the hex form of `list|date|id`. Clients must not build or read them; the list name
//! stops a cursor of one list being used on another.

use chrono::NaiveDate;
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
        // `NaiveDate`'s `Display` is `%Y-%m-%d`; a format string would be parsed on every call,
        // and one `format!` per byte was a seventh of the gateway's work per register page.
        let plain = format!("{}|{}|{}", list.tag(), self.date, self.id);
        hex::encode(plain)
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
            date: NaiveDate::parse_from_str(date, "%Y-%m-%d")
                .map_err(|_| ProjectionError::InvalidCursor)?,
            id: Uuid::try_parse(id).map_err(|_| ProjectionError::InvalidCursor)?,
        })
    }
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
    fn a_cursor_of_another_list_is_refused() {
        let text = cursor().encode(List::ForwardPlan);
        assert!(matches!(
            Cursor::decode(List::Decisions, &text),
            Err(ProjectionError::InvalidCursor)
        ));
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
