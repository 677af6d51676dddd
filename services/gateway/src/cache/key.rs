//! Which requests the cache takes, and the key of their answer.
//!
//! Taken: an anonymous caller's query (one query operation, no mutation or subscription). A
//! clerk, an auditor or an administrator sees other data; their answers are never kept, nor
//! served from the cache, so the key need not tell audiences apart beyond "public".
//!
//! The key holds everything a public answer depends on: the council, where its answers stand
//! ([`ReadPosition`]: generation, checkpoint, log head), today's UK date (the decision list's
//! `callInOpen` and the forward plan's default `from` are relative to it, so every entry is
//! keyed by the day rather than finding the queries that read it), the response media type,
//! the document normalized (whitespace, commas and comments dropped), the operation name and
//! the variables as coerced. `asOf` moments are exact instants or positions, so they need
//! nothing more.

use async_graphql::Request;
use async_graphql::parser::types::OperationType;
use chrono::NaiveDate;
use civic_eventstore::TenantId;
use civic_projections::ReadPosition;
use sha2::{Digest as _, Sha256};

use crate::auth::Access;
use crate::graphql::cost::lexer;
use crate::http::media::Media;
use crate::http::request::operation_types;

/// Version of the key's layout: a change of layout must not read entries of the old one.
const LAYOUT: &[u8] = b"civic-response-cache-1";

/// The parts of a cacheable request that its answer depends on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    document: Vec<u8>,
    operation: Option<String>,
    variables: Vec<u8>,
}

impl Question {
    /// The question `request` asks, if its answer may be cached: an anonymous query.
    pub fn of(request: &mut Request, access: &Access) -> Option<Self> {
        if !access.is_anonymous() {
            return None;
        }
        if operation_types(request)? != [OperationType::Query] {
            return None;
        }
        Some(Self {
            document: lexer::normalized(&request.query),
            operation: request.operation_name.clone(),
            variables: serde_json::to_vec(&request.variables).ok()?,
        })
    }
}

/// The key of one answer: every part written with its length, so two different keys never
/// have the same bytes. Its `ETag` is a digest of the bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CacheKey {
    bytes: Vec<u8>,
}

impl CacheKey {
    /// The key of `question`'s public answer at `tenant`'s endpoint, with its answers at
    /// `position` on `today`, sent as `media`.
    pub fn new(
        tenant: TenantId,
        position: ReadPosition,
        today: NaiveDate,
        media: Media,
        question: &Question,
    ) -> Self {
        let mut bytes =
            Vec::with_capacity(128 + question.document.len() + question.variables.len());
        let mut part = |part: &[u8]| {
            bytes.extend_from_slice(part.len().to_string().as_bytes());
            bytes.push(b':');
            bytes.extend_from_slice(part);
        };
        part(LAYOUT);
        part(tenant.as_uuid().as_bytes());
        part(&position.generation.to_be_bytes());
        part(&position.checkpoint.to_be_bytes());
        part(&position.head.to_be_bytes());
        part(today.to_string().as_bytes());
        part(b"public");
        part(media.content_type().as_bytes());
        match &question.operation {
            Some(name) => part(name.as_bytes()),
            None => part(b""),
        }
        part(&[u8::from(question.operation.is_some())]);
        part(&question.variables);
        part(&question.document);
        Self { bytes }
    }

    /// A key of any bytes, for the store's tests.
    #[cfg(test)]
    pub(crate) fn of_bytes(bytes: &[u8]) -> Self {
        Self {
            bytes: bytes.to_vec(),
        }
    }

    /// The key's bytes.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The strong validator of the answer under this key: the first 128 bits of the key's
    /// SHA-256, quoted. Equal keys give equal answers, so equal tags mean equal bodies.
    pub fn etag(&self) -> String {
        let digest = Sha256::digest(&self.bytes);
        let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
        format!("\"{hex}\"")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::Role;
    use crate::auth::verify::{Identity, Principal};

    fn question(query: &str, variables: serde_json::Value) -> Option<Question> {
        let mut request =
            Request::new(query).variables(async_graphql::Variables::from_json(variables));
        Question::of(&mut request, &Access::anonymous())
    }

    fn key(tenant: TenantId, question: &Question, checkpoint: u64, day: u32) -> CacheKey {
        let position = ReadPosition {
            generation: 1,
            checkpoint,
            head: checkpoint,
        };
        let today = NaiveDate::from_ymd_opt(2026, 11, day).unwrap_or_default();
        CacheKey::new(tenant, position, today, Media::Json, question)
    }

    #[test]
    fn only_an_anonymous_query_is_taken() {
        assert!(question("{ council { name } }", serde_json::json!({})).is_some());
        assert!(question("mutation { x }", serde_json::json!({})).is_none());
        assert!(question("subscription { x }", serde_json::json!({})).is_none());
        assert!(question("query A { a } query B { b }", serde_json::json!({})).is_none());
        assert!(question("{ not closed", serde_json::json!({})).is_none());
        let clerk = Principal::Authenticated(Identity {
            subject: "clerk".into(),
            council: Some("leeds".into()),
            role: Role::Clerk,
        });
        let access = Access::for_council(&clerk, "leeds").unwrap();
        let mut request = Request::new("{ council { name } }");
        assert!(Question::of(&mut request, &access).is_none());
    }

    #[test]
    fn keys_differ_by_position_variables_and_document_and_not_by_whitespace() {
        let q = |query, variables| question(query, variables).unwrap_or_else(|| unreachable!());
        let a = q("{ a(n: $n) }", serde_json::json!({"n": 1}));
        let spaced = q("{\n  a(n: $n)  # a comment\n}", serde_json::json!({"n": 1}));
        let other_variables = q("{ a(n: $n) }", serde_json::json!({"n": 2}));
        let tenant = TenantId::new();
        let at = |question: &Question, checkpoint| key(tenant, question, checkpoint, 26);
        assert_eq!(at(&a, 3), at(&spaced, 3));
        assert_eq!(at(&a, 3).etag(), at(&spaced, 3).etag());
        assert_ne!(at(&a, 3), at(&a, 4));
        assert_ne!(at(&a, 3).etag(), at(&a, 4).etag());
        assert_ne!(at(&a, 3), at(&other_variables, 3));
        assert_ne!(
            key(TenantId::new(), &a, 3, 26),
            at(&a, 3),
            "another council"
        );
        assert_ne!(key(tenant, &a, 3, 27), at(&a, 3), "another day");
    }
}
