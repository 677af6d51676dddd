//! Personal data in records, and its lawful erasure.
//!
//! Which values of an event are personal is decided here, once, from the shape of the event's
//! JSON: the application layer stores each of them beside the log and puts a salted commitment
//! in the event instead, so that erasing the value later changes no stored event, leaf or proof
//! (`docs/audit-chain.md`, "Personal data").
//!
//! Personal, under UK GDPR, and erasable:
//! - a contact's name, email, telephone and the contact text as published, wherever a record
//!   names a contact (`contact` on decisions, `contacts` on forward-plan entries);
//! - the text a council page gave for its "contact" field, kept in a record's sources.
//!
//! Not personal data to erase: members and officers named in their public role (decision
//! maker, lead member, lead officer, report author, votes, declarations of interest). The
//! regulations require their publication, and the record is not lawful without them.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::values::Reason;

/// The fields of a contact that are personal.
const CONTACT_FIELDS: [&str; 4] = ["name", "email", "phone", "as_given"];

/// Source fields (`Provenance::fields`, named in the register's words) whose text is personal.
const PERSONAL_SOURCE_FIELDS: [&str; 1] = ["contact"];

/// The JSON pointers (RFC 6901) of every personal value in an event's payload that is present
/// (not null), in document order.
pub fn personal_pointers(payload: &Value) -> Vec<String> {
    let mut found = Vec::new();
    walk(payload, &mut String::new(), &mut found);
    found
}

fn walk(value: &Value, pointer: &mut String, found: &mut Vec<String>) {
    match value {
        Value::Object(object) => {
            let is_source_field = object
                .get("field")
                .and_then(Value::as_str)
                .is_some_and(|field| PERSONAL_SOURCE_FIELDS.contains(&field));
            for (key, child) in object {
                let len = pointer.len();
                push_token(pointer, key);
                match (key.as_str(), child) {
                    ("contact", Value::Object(contact)) => contact_values(contact, pointer, found),
                    ("contacts", Value::Array(contacts)) => {
                        for (n, contact) in contacts.iter().enumerate() {
                            if let Value::Object(contact) = contact {
                                let len = pointer.len();
                                pointer.push_str(&format!("/{n}"));
                                contact_values(contact, pointer, found);
                                pointer.truncate(len);
                            }
                        }
                    }
                    ("text", child) if is_source_field && !child.is_null() => {
                        found.push(pointer.clone());
                    }
                    _ => walk(child, pointer, found),
                }
                pointer.truncate(len);
            }
        }
        Value::Array(items) => {
            for (n, item) in items.iter().enumerate() {
                let len = pointer.len();
                pointer.push_str(&format!("/{n}"));
                walk(item, pointer, found);
                pointer.truncate(len);
            }
        }
        _ => {}
    }
}

fn contact_values(
    contact: &serde_json::Map<String, Value>,
    pointer: &mut String,
    found: &mut Vec<String>,
) {
    for field in CONTACT_FIELDS {
        if contact.get(field).is_some_and(|v| !v.is_null()) {
            found.push(format!("{pointer}/{field}"));
        }
    }
}

/// Appends `/token` to a JSON pointer, escaped as RFC 6901 says.
fn push_token(pointer: &mut String, token: &str) {
    pointer.push('/');
    pointer.push_str(&token.replace('~', "~0").replace('/', "~1"));
}

/// Personal values were erased for good: their commitments stay in the log, the values and
/// salts beside it are deleted in the same transaction as this event is appended. Recorded on
/// the council's stream; the actor and time are the event's own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonalDataErased {
    /// The commitments (SHA-256, lower-case hex) of the values erased.
    #[serde(rename = "commitments")]
    pub commitments: Vec<String>,
    /// The streams of the records that held them, which read models fold again.
    #[serde(rename = "records")]
    pub records: Vec<String>,
    /// Why, e.g. "Request under UK GDPR article 17, ref DP-2026-114".
    #[serde(rename = "reason")]
    pub reason: Reason,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn contacts_and_contact_source_text_are_personal_and_nothing_else() {
        let payload = json!({
            "details": {
                "contact": {"name": "Jo Bloggs", "email": "jo@example.gov.uk", "phone": null,
                            "as_given": "Jo Bloggs, jo@example.gov.uk"},
                "lead_officer": "Director of Finance",
                "contacts": [{"role": "Lead officer", "name": "A B", "email": null,
                              "phone": "01622 602000", "as_given": null}]
            },
            "source": {"fields": [
                {"field": "contact", "label": "Contact:", "text": "jo@example.gov.uk"},
                {"field": "title", "label": "Title:", "text": "A title"}
            ]},
            "a/b": {"contact": {"email": "x@example.org"}}
        });
        let mut found = personal_pointers(&payload);
        found.sort();
        assert_eq!(
            found,
            [
                "/a~1b/contact/email",
                "/details/contact/as_given",
                "/details/contact/email",
                "/details/contact/name",
                "/details/contacts/0/name",
                "/details/contacts/0/phone",
                "/source/fields/0/text",
            ]
        );
    }

    #[test]
    fn a_record_without_contacts_has_no_personal_values() {
        let payload = json!({"title": "Budget", "contact": null, "contacts": []});
        assert!(personal_pointers(&payload).is_empty());
    }
}
