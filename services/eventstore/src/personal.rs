//! Personal values beside the log, so that they can be erased without touching it.
//!
//! An event's payload holds, in place of each personal value, a sealed value: the JSON object
//! `{"sealed": "<commitment>"}`, where the commitment is SHA-256 (lower-case hex) of a random
//! 32-byte salt followed by the value's canonical JSON text. The value and its salt are stored in
//! `personal_values`, keyed by the commitment, in the same transaction as the event. The leaf
//! data, the hash chain and every proof cover the commitment only, so deleting the value and
//! salt (a lawful erasure) leaves them all verifiable; without the salt, a guess at the value
//! cannot be checked against the commitment. See `docs/audit-chain.md`, "Personal data".

use std::collections::BTreeMap;

use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::canonical_json::CanonicalJson;
use crate::error::InvalidInput;
use crate::types::StreamName;

/// The length of a salt, in bytes.
const SALT_BYTES: usize = 32;

/// The key of a sealed value's object in a payload.
const SEALED_KEY: &str = "sealed";

/// How a sealed value begins in canonical JSON text: a payload without it holds none.
const SEALED_MARK: &str = "{\"sealed\":";

/// A salted SHA-256 commitment to one personal value: 64 lower-case hex digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Commitment(String);

impl Commitment {
    /// Reads a commitment, refusing anything but 64 lower-case hex digits.
    pub fn parse(text: &str) -> Result<Self, InvalidInput> {
        let hex = text.len() == 64
            && text
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        if hex {
            Ok(Self(text.to_owned()))
        } else {
            Err(InvalidInput::new(
                "commitment",
                "must be 64 lower-case hex digits",
            ))
        }
    }

    /// The commitment of `value` (canonical JSON text) under `salt`.
    pub fn of(salt: &[u8], value: &str) -> Self {
        let mut hasher = Sha256::new();
        hasher.update(salt);
        hasher.update(value.as_bytes());
        Self(hex::encode(hasher.finalize()))
    }

    /// The 64 hex digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The sealed value that stands for the personal value in a payload.
    pub fn sealed(&self) -> Value {
        serde_json::json!({ SEALED_KEY: self.0 })
    }

    /// The commitment of a sealed value, if `value` is one.
    pub fn of_sealed(value: &Value) -> Option<Self> {
        match value {
            Value::Object(object) if object.len() == 1 => {
                Self::parse(object.get(SEALED_KEY)?.as_str()?).ok()
            }
            _ => None,
        }
    }
}

impl std::fmt::Display for Commitment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// One personal value to store beside the log, with the salt its commitment was made under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonalValue {
    /// What the event's payload holds instead of the value.
    pub commitment: Commitment,
    /// The salt, as lower-case hex.
    pub salt: String,
    /// The value's canonical JSON text.
    pub value: String,
}

impl PersonalValue {
    /// Seals `value` under a fresh random salt.
    pub fn seal(value: &Value) -> Result<Self, InvalidInput> {
        let mut salt = [0u8; SALT_BYTES];
        getrandom::fill(&mut salt).map_err(|e| {
            InvalidInput::new("personal value", format!("no randomness for its salt: {e}"))
        })?;
        let value = CanonicalJson::from_value(value)?.as_str().to_owned();
        Ok(Self {
            commitment: Commitment::of(&salt, &value),
            salt: hex::encode(salt),
            value,
        })
    }

    /// Whether the stored value and salt still match the commitment (a changed value or salt
    /// beside the log is detected by `civic verify`).
    pub fn matches(&self) -> bool {
        hex::decode(&self.salt)
            .is_ok_and(|salt| Commitment::of(&salt, &self.value) == self.commitment)
    }
}

/// The personal values of one recorded event still held beside the log: commitment to value
/// text. A commitment missing from it was erased.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Disclosures(BTreeMap<String, String>);

impl Disclosures {
    /// Reads the JSON object a read query aggregates (`{"<commitment>": "<value text>"}`), or
    /// none for an event without personal values.
    pub fn from_aggregate(text: Option<&str>) -> Result<Self, serde_json::Error> {
        match text {
            Some(text) => Ok(Self(serde_json::from_str(text)?)),
            None => Ok(Self::default()),
        }
    }

    /// The value of a stored payload with every sealed value put back. Most events hold none,
    /// and their text says so: only those are walked (decoding is on the projector's hot path).
    pub fn unsealed(&self, payload: &CanonicalJson) -> Value {
        self.unsealed_in(payload.to_value(), payload.as_str())
    }

    /// The same from a payload's stored text, parsed once and not canonicalised again: for a
    /// reader that trusts the text as the store wrote it (the projector; `civic verify` still
    /// checks every payload against its hash).
    pub fn unsealed_text(&self, payload: &str) -> Result<Value, serde_json::Error> {
        Ok(self.unsealed_in(serde_json::from_str(payload)?, payload))
    }

    fn unsealed_in(&self, value: Value, text: &str) -> Value {
        if text.contains(SEALED_MARK) {
            self.unseal(value)
        } else {
            value
        }
    }

    /// `payload` with every sealed value replaced by its value, or by null where it was
    /// erased (or its text no longer parses).
    pub fn unseal(&self, mut payload: Value) -> Value {
        self.unseal_in(&mut payload);
        payload
    }

    fn unseal_in(&self, value: &mut Value) {
        if let Some(commitment) = Commitment::of_sealed(value) {
            *value = self
                .0
                .get(commitment.as_str())
                .and_then(|text| serde_json::from_str(text).ok())
                .unwrap_or(Value::Null);
            return;
        }
        match value {
            Value::Object(object) => object.values_mut().for_each(|v| self.unseal_in(v)),
            Value::Array(items) => items.iter_mut().for_each(|v| self.unseal_in(v)),
            _ => {}
        }
    }

    /// Whether no personal value of the event is held.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// A personal value held beside the log that matched a search, and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonalMatch {
    /// Its commitment.
    pub commitment: Commitment,
    /// The position of the event that holds it.
    pub position: u64,
    /// That event's stream.
    pub stream: StreamName,
}

/// The columns both backends select for a [`PersonalMatch`], from `personal_values p` joined to
/// `events e` on tenant and position; the caller adds the tenant and `LIKE` conditions.
pub(crate) const MATCHES_SQL: &str = "SELECT p.commitment, p.position, e.stream_id \
     FROM personal_values p JOIN events e ON e.tenant_id = p.tenant_id AND e.position = p.position \
     WHERE p.tenant_id = $1 AND lower(p.value) LIKE $2 ESCAPE '\\' ORDER BY p.position, p.commitment";

/// Every personal value of a tenant, in position order.
pub(crate) const VALUES_SQL: &str = "SELECT commitment, position, salt, value FROM personal_values \
     WHERE tenant_id = $1 ORDER BY position, commitment";

/// A match from its columns, as either backend reads them.
pub(crate) fn personal_match(
    commitment: &str,
    position: i64,
    stream: String,
) -> Result<PersonalMatch, crate::StoreError> {
    Ok(PersonalMatch {
        commitment: Commitment::parse(commitment)
            .map_err(|e| crate::StoreError::Corrupt(format!("personal value: {e}")))?,
        position: crate::decode::position(position)?,
        stream: crate::decode::stream(stream)?,
    })
}

/// A stored personal value from its columns, as either backend reads them.
pub(crate) fn personal_value(
    commitment: &str,
    position: i64,
    salt: String,
    value: String,
) -> Result<(u64, PersonalValue), crate::StoreError> {
    let commitment = Commitment::parse(commitment)
        .map_err(|e| crate::StoreError::Corrupt(format!("personal value: {e}")))?;
    Ok((
        crate::decode::position(position)?,
        PersonalValue {
            commitment,
            salt,
            value,
        },
    ))
}

/// The SQL `LIKE` pattern matching values that contain `needle`, case-insensitively on ASCII
/// (the caller lower-cases the column), with `\` as the escape character.
pub(crate) fn contains_pattern(needle: &str) -> String {
    let mut pattern = String::from("%");
    for c in needle.to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_sealed_value_commits_to_salt_and_value_and_unseals_until_erased() {
        let sealed = PersonalValue::seal(&json!("jo@example.gov.uk")).unwrap();
        assert!(sealed.matches());
        assert_eq!(sealed.value, "\"jo@example.gov.uk\"");
        let payload = json!({"contact": {"email": sealed.commitment.sealed(), "phone": null}});
        let held = Disclosures(BTreeMap::from([(
            sealed.commitment.as_str().to_owned(),
            sealed.value.clone(),
        )]));
        assert_eq!(
            held.unseal(payload.clone()),
            json!({"contact": {"email": "jo@example.gov.uk", "phone": null}})
        );
        assert_eq!(
            Disclosures::default().unseal(payload),
            json!({"contact": {"email": null, "phone": null}})
        );
    }

    #[test]
    fn a_stored_payload_is_unsealed_from_its_canonical_text() {
        let sealed = PersonalValue::seal(&json!("jo@example.gov.uk")).unwrap();
        let stored =
            CanonicalJson::from_value(&json!({"contact": {"email": sealed.commitment.sealed()}}))
                .unwrap();
        let held = Disclosures(BTreeMap::from([(
            sealed.commitment.as_str().to_owned(),
            sealed.value.clone(),
        )]));
        assert_eq!(
            held.unsealed(&stored),
            json!({"contact": {"email": "jo@example.gov.uk"}})
        );
        let plain = CanonicalJson::from_value(&json!({"title": "Budget"})).unwrap();
        assert_eq!(held.unsealed(&plain), json!({"title": "Budget"}));
        // From the stored text, without canonicalising it again: the same values.
        assert_eq!(
            held.unsealed_text(stored.as_str()).unwrap(),
            held.unsealed(&stored)
        );
        assert_eq!(
            held.unsealed_text(plain.as_str()).unwrap(),
            held.unsealed(&plain)
        );
        assert!(held.unsealed_text("{\"title\":").is_err());
    }

    #[test]
    fn two_seals_of_one_value_cannot_be_linked() {
        let a = PersonalValue::seal(&json!("01622 602000")).unwrap();
        let b = PersonalValue::seal(&json!("01622 602000")).unwrap();
        assert_ne!(a.commitment, b.commitment);
    }

    #[test]
    fn a_changed_value_no_longer_matches_its_commitment() {
        let mut sealed = PersonalValue::seal(&json!("Jo Bloggs")).unwrap();
        sealed.value = "\"Jo Blogs\"".to_owned();
        assert!(!sealed.matches());
    }

    #[test]
    fn search_patterns_escape_like_wildcards() {
        assert_eq!(contains_pattern("Jo_B%"), "%jo\\_b\\%%");
    }
}
