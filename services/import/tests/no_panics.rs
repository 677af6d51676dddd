//! No text makes the readers of published values panic.

use civic_import::text::{PublishedContact, parse_uk_date};
use proptest::prelude::*;

proptest! {
    #[test]
    fn reading_arbitrary_text_never_panics(s in "\\PC{0,80}") {
        let _ = parse_uk_date(&s);
        let _ = PublishedContact::from_text(&s);
    }
}
