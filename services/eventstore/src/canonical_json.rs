//! Canonical JSON: the one byte form of a payload that is stored and hashed.
//!
//! Objects have their keys sorted by code point, there is no insignificant white space, strings
//! use serde_json's escaping (which matches Python's `json.dumps(..., ensure_ascii=False)`), and
//! numbers must be integers. The rules are written out in `docs/audit-chain.md` so that an
//! outsider can reproduce them; they do not depend on serde_json's `preserve_order` feature,
//! which another crate in the build could switch on.

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::InvalidInput;

/// A payload in canonical form. The only ways in are [`CanonicalJson::from_value`] and
/// [`CanonicalJson::parse`], both of which canonicalise.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CanonicalJson(String);

impl CanonicalJson {
    /// Canonicalises a JSON value; rejects non-integer numbers, whose text form is not portable.
    pub fn from_value(value: &Value) -> Result<Self, InvalidInput> {
        let mut out = String::new();
        write_canonical(value, &mut out)?;
        Ok(Self(out))
    }

    /// Serialises any serde value and canonicalises it.
    pub fn from_serialize<T: Serialize + ?Sized>(value: &T) -> Result<Self, InvalidInput> {
        let value = serde_json::to_value(value)
            .map_err(|e| InvalidInput::new("payload", format!("cannot be serialised: {e}")))?;
        Self::from_value(&value)
    }

    /// Parses JSON text (from storage or an export) and canonicalises it.
    pub fn parse(text: &str) -> Result<Self, InvalidInput> {
        let value: Value = serde_json::from_str(text)
            .map_err(|e| InvalidInput::new("payload", format!("is not valid JSON: {e}")))?;
        Self::from_value(&value)
    }

    /// The canonical text, exactly as stored and hashed.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The payload as a JSON value, for decoding into typed events.
    pub fn to_value(&self) -> Value {
        // The text was produced by `write_canonical`, so it always parses; `Null` is unreachable
        // but keeps this infallible without a panic path.
        serde_json::from_str(&self.0).unwrap_or(Value::Null)
    }
}

/// Deserialising (an export line, a stored record) is strict: text that is valid JSON but not in
/// canonical form is refused rather than silently tidied, which would hide a tampered payload
/// from the chain verifier.
impl TryFrom<String> for CanonicalJson {
    type Error = InvalidInput;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        let canonical = Self::parse(&value)?;
        if canonical.0 != value {
            return Err(InvalidInput::new("payload", "is not in canonical form"));
        }
        Ok(canonical)
    }
}

impl From<CanonicalJson> for String {
    fn from(value: CanonicalJson) -> Self {
        value.0
    }
}

fn write_canonical(value: &Value, out: &mut String) -> Result<(), InvalidInput> {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                let _ = write!(out, "{i}");
            } else if let Some(u) = n.as_u64() {
                let _ = write!(out, "{u}");
            } else {
                return Err(InvalidInput::new(
                    "payload",
                    format!(
                        "contains the number {n}, which is not a 64-bit integer; \
                         use integers or strings"
                    ),
                ));
            }
        }
        Value::String(s) => write_string(s, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(item, out)?;
            }
            out.push(']');
        }
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            // Rust's `str` ordering is byte order, which for UTF-8 is code-point order.
            entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
            out.push('{');
            for (i, (key, item)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(key, out);
                out.push(':');
                write_canonical(item, out)?;
            }
            out.push('}');
        }
    }
    Ok(())
}

fn write_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{08}' => out.push_str("\\b"),
            '\u{0c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn keys_are_sorted_at_every_depth_and_white_space_is_dropped() {
        let value = json!({"b": 1, "a": {"z": [true, null], "c": "x"}});
        let canonical = CanonicalJson::from_value(&value).unwrap();
        assert_eq!(
            canonical.as_str(),
            r#"{"a":{"c":"x","z":[true,null]},"b":1}"#
        );
    }

    #[test]
    fn strings_are_escaped_like_serde_json_and_python() {
        let value = json!({"t": "Council’s \"ICT\"\n\u{1f}\\ é"});
        let canonical = CanonicalJson::from_value(&value).unwrap();
        assert_eq!(
            canonical.as_str(),
            "{\"t\":\"Council’s \\\"ICT\\\"\\n\\u001f\\\\ é\"}"
        );
        // serde_json's own compact output for a string agrees with ours.
        let s = "Council’s \"ICT\"\n\u{1f}\\ é\u{8}\u{c}\r\t";
        let mut ours = String::new();
        write_string(s, &mut ours);
        assert_eq!(ours, serde_json::to_string(s).unwrap());
    }

    #[test]
    fn non_integer_numbers_are_refused() {
        assert!(CanonicalJson::from_value(&json!({"amount": 1.5})).is_err());
        assert!(CanonicalJson::from_value(&json!({"pence": -150, "big": u64::MAX})).is_ok());
    }

    #[test]
    fn deserialising_refuses_text_that_is_not_already_canonical() {
        let tidy: Result<CanonicalJson, _> = serde_json::from_str(r#""{\"a\":1}""#);
        assert!(tidy.is_ok());
        let spaced: Result<CanonicalJson, _> = serde_json::from_str(r#""{\"a\": 1}""#);
        assert!(spaced.is_err());
    }

    #[test]
    fn parsing_canonicalises_and_round_trips() {
        let canonical = CanonicalJson::parse("{ \"b\" : [1, 2], \"a\" : \"x\" }").unwrap();
        assert_eq!(canonical.as_str(), r#"{"a":"x","b":[1,2]}"#);
        assert_eq!(CanonicalJson::parse(canonical.as_str()).unwrap(), canonical);
        assert_eq!(canonical.to_value(), json!({"a": "x", "b": [1, 2]}));
    }
}
