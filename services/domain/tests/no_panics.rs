//! No input makes the crate panic: arbitrary text into every `parse`, and
//! arbitrary JSON into the event decoder.

#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on a broken fixture"
)]

use civic_domain::event::EVENT_TYPES;
use civic_domain::values::*;
use civic_domain::{EncodedEvent, Event, StreamId};
use proptest::prelude::*;
use serde_json::Value;

fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        "[a-z0-9 @./:-]{0,20}".prop_map(Value::String),
        Just(Value::String("2010-06-11".into())),
        Just(Value::String("0190a1b2-0000-7000-8000-000000000001".into())),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::btree_map(
                prop_oneof![
                    Just("reason".to_owned()),
                    Just("date".to_owned()),
                    Just("details".to_owned()),
                    Just("kind".to_owned()),
                    "[a-z_]{1,12}"
                ],
                inner,
                0..6
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #[test]
    fn parsing_arbitrary_text_never_panics(s in "\\PC{0,80}") {
        let _ = Title::parse(&s);
        let _ = Name::parse(&s);
        let _ = Slug::parse(&s);
        let _ = EmailAddress::parse(&s);
        let _ = HttpUrl::parse(&s);
        let _ = Sha256Digest::parse(&s);
        let _ = PhoneNumber::parse(&s);
        let _ = DecisionId::parse(&s);
        let _ = StreamId::parse(&s);
    }

    #[test]
    fn decoding_arbitrary_payloads_never_panics(index in 0..EVENT_TYPES.len(), version in 0u16..3, payload in json()) {
        let (event_type, _) = EVENT_TYPES[index];
        let encoded = EncodedEvent { event_type: event_type.to_owned(), schema_version: version, payload };
        if let Ok(event) = Event::decode(&encoded) {
            // Whatever decodes re-encodes to something that decodes the same.
            prop_assert_eq!(Event::decode(&event.encode()).unwrap(), event);
        }
    }
}
