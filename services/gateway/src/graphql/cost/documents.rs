//! Parsed documents kept by their text, so a document a front-end sends again and again (the
//! register page, a decision page) is parsed once per process, not once per request: parsing
//! (async-graphql's pest grammar) was about 6 % of the gateway's CPU per register page.
//!
//! Only what [`super::admit`] admitted is kept, and a kept document is still priced and checked
//! against the limits on every request (pricing depends on the variables), so the cache changes
//! how often a text is parsed, never what is admitted. It is bounded in entries and in text
//! bytes, least recently used first out.
//!
//! A kept document also remembers whether it has passed async-graphql's full validation once
//! ([`DocumentCache::validated`]). Every rule of that validation depends only on the schema and
//! the document, except the check of the variables' values against their types, which the HTTP
//! handlers make themselves before every execution ([`crate::http::variables`]). So a document
//! that validated once validates again, and the council endpoint runs it on a schema that skips
//! the repeated walk ([`async_graphql::ValidationMode::Fast`], which still computes each
//! request's depth and complexity, as they depend on the variables). The walk was about 4.5 % of
//! the gateway's instructions per register page.

use std::num::NonZeroUsize;
use std::sync::{Mutex, PoisonError};

use async_graphql::Request;
use async_graphql::parser::types::ExecutableDocument;
use lru::LruCache;

use super::{Refusal, admit};
use crate::settings::Limits;

/// Documents kept at most.
pub const MAX_DOCUMENTS: usize = 256;
/// The longest text kept: longer documents are parsed each time (front-ends' documents are a
/// few hundred bytes to a few kilobytes).
pub const MAX_TEXT_BYTES: usize = 16 * 1024;

/// The process's parsed documents, by text.
#[derive(Debug)]
pub struct DocumentCache {
    documents: Mutex<LruCache<String, Kept>>,
}

/// A kept document.
#[derive(Debug)]
struct Kept {
    document: ExecutableDocument,
    /// Whether it has passed the schema's full validation.
    validated: bool,
}

impl Default for DocumentCache {
    fn default() -> Self {
        Self::new(MAX_DOCUMENTS)
    }
}

impl DocumentCache {
    /// A cache of at most `capacity` documents (at least one).
    pub fn new(capacity: usize) -> Self {
        Self {
            documents: Mutex::new(LruCache::new(
                NonZeroUsize::MIN.saturating_add(capacity.saturating_sub(1)),
            )),
        }
    }

    /// [`admit`], with the request's document taken from the cache when its text is there, and
    /// kept in it when it is admitted.
    pub fn admit(&self, request: &mut Request, limits: &Limits) -> Result<u64, Refusal> {
        let kept = self
            .lock()
            .get(request.query.as_str())
            .map(|kept| kept.document.clone());
        let hit = kept.is_some();
        if let Some(document) = kept {
            request.set_parsed_query(document);
        }
        let cost = admit(request, limits)?;
        if !hit
            && request.query.len() <= MAX_TEXT_BYTES
            && let Ok(document) = request.parsed_query()
        {
            let kept = Kept {
                document: document.clone(),
                validated: false,
            };
            self.lock().put(request.query.clone(), kept);
        }
        Ok(cost)
    }

    /// Whether the document of this text is kept and has passed the schema's full validation.
    pub fn validated(&self, text: &str) -> bool {
        self.lock().peek(text).is_some_and(|kept| kept.validated)
    }

    /// Records that the kept document of this text passed the schema's full validation: it ran
    /// without any error.
    pub fn passed_validation(&self, text: &str) {
        if let Some(kept) = self.lock().peek_mut(text) {
            kept.validated = true;
        }
    }

    /// Documents held.
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    /// Whether none is held.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, LruCache<String, Kept>> {
        // The map is only read or written whole under the lock: a panic cannot leave it torn.
        self.documents
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    const PAGE: &str = "query Page($first: Int!) { decisions(first: $first) { totalCount } }";

    fn request(text: &str, first: i64) -> Request {
        Request::new(text).variables(async_graphql::Variables::from_json(
            serde_json::json!({ "first": first }),
        ))
    }

    #[test]
    fn an_admitted_document_is_kept_and_served_parsed_to_the_next_request() {
        let cache = DocumentCache::default();
        let limits = Limits::default();
        let first = cache.admit(&mut request(PAGE, 20), &limits).unwrap();
        assert_eq!(cache.len(), 1);
        let mut again = request(PAGE, 20);
        assert_eq!(cache.admit(&mut again, &limits).unwrap(), first);
        assert_eq!(cache.len(), 1);
        // The schema finds it parsed: the request holds the kept document.
        assert!(again.parsed_query().is_ok());
    }

    #[test]
    fn a_kept_document_is_still_priced_with_each_request_s_variables() {
        let cache = DocumentCache::default();
        let limits = Limits::default();
        let small = cache.admit(&mut request(PAGE, 1), &limits).unwrap();
        let large = cache.admit(&mut request(PAGE, 100), &limits).unwrap();
        assert!(large > small, "{large} > {small}");
    }

    #[test]
    fn a_document_is_validated_only_once_marked_and_only_while_kept() {
        let cache = DocumentCache::new(1);
        let limits = Limits::default();
        assert!(!cache.validated(PAGE));
        cache.passed_validation(PAGE);
        assert!(!cache.validated(PAGE), "not kept: nothing to mark");
        cache.admit(&mut request(PAGE, 20), &limits).unwrap();
        assert!(!cache.validated(PAGE));
        cache.passed_validation(PAGE);
        assert!(cache.validated(PAGE));
        // Pushed out by another document, it must validate in full again.
        cache
            .admit(&mut Request::new("{ __typename }"), &limits)
            .unwrap();
        assert!(!cache.validated(PAGE));
        cache.admit(&mut request(PAGE, 20), &limits).unwrap();
        assert!(!cache.validated(PAGE));
    }

    #[test]
    fn refused_documents_are_not_kept_and_are_refused_again() {
        let cache = DocumentCache::default();
        let limits = Limits::default();
        let broken = "query { decisions(first: 1) { totalCount }";
        assert!(cache.admit(&mut Request::new(broken), &limits).is_err());
        assert!(cache.is_empty());
        assert!(cache.admit(&mut Request::new(broken), &limits).is_err());
    }

    #[test]
    fn the_least_recently_used_document_goes_first_and_long_texts_are_not_kept() {
        let cache = DocumentCache::new(2);
        let limits = Limits::default();
        for name in ["A", "B", "A", "C"] {
            let text = format!("query {name} {{ __typename }}");
            cache.admit(&mut Request::new(text), &limits).unwrap();
        }
        assert_eq!(cache.len(), 2);
        let kept: Vec<String> = cache.lock().iter().map(|(text, _)| text.clone()).collect();
        assert_eq!(kept, ["query C { __typename }", "query A { __typename }"]);

        let long = format!("query Long {{ __typename }} {}", "#".repeat(MAX_TEXT_BYTES));
        let cache = DocumentCache::default();
        cache.admit(&mut Request::new(long), &limits).unwrap();
        assert!(cache.is_empty());
    }
}
