//! The last line: a budget of values per answer, counted while the request runs.
//!
//! The cost model prices lists by an assumed length, so a list much longer than assumed is
//! underpriced, and where such lists nest the error multiplies: introspection's `types` holds
//! every type of the schema, and 600 aliased `types { fields { type { name } } }` priced at
//! 48,600 answered 774,003 values (6 MB) in 1.35 s. Rather than a second model of the schema's
//! sizes, each request counts the values it resolves (every field and every list item) and stops
//! at [`crate::settings::CostLimits::max_values`]: every value past it fails at once, without
//! resolving anything, and the answer is replaced by one error, QUERY_TOO_EXPENSIVE at the first
//! value refused, with no data (a cut answer would be wrong where it is cut).
//! [`crate::graphql::extension::RequestGuard`] spends it.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use async_graphql::{
    ErrorExtensionValues, PathSegment, QueryPathNode, QueryPathSegment, Response, ServerError,
};

use crate::error::Code;

/// One request's budget of values.
#[derive(Debug)]
pub struct ValuesBudget {
    max_values: usize,
    resolved: AtomicUsize,
    refused: Mutex<Option<ServerError>>,
}

impl ValuesBudget {
    /// A budget of `max_values`, none spent.
    pub fn new(max_values: usize) -> Self {
        Self {
            max_values,
            resolved: AtomicUsize::new(0),
            refused: Mutex::new(None),
        }
    }

    /// Spends one value, the one at `at`; past the budget, the error to answer instead.
    pub fn spend(&self, at: &QueryPathNode<'_>) -> Result<(), ServerError> {
        if self.resolved.fetch_add(1, Ordering::Relaxed) < self.max_values {
            return Ok(());
        }
        let error = over_budget(self.max_values, at);
        if let Ok(mut first) = self.refused.lock() {
            first.get_or_insert_with(|| error.clone());
        }
        Err(error)
    }

    /// The error at the first value refused, if the budget ran out.
    pub fn refusal(&self) -> Option<ServerError> {
        self.refused.lock().ok().and_then(|mut first| first.take())
    }

    /// `response`, replaced by the refusal if the budget ran out while it was resolved; then
    /// the budget is whole again for the next answer. A subscription's answers (one per event)
    /// share one request's budget, so each is held to it on its own, not all of them together.
    pub fn settle(&self, mut response: Response) -> Response {
        if let Some(error) = self.refusal() {
            response.data = async_graphql::Value::Null;
            response.errors = vec![error];
        }
        self.resolved.store(0, Ordering::Relaxed);
        response
    }
}

/// The error at the first value over the budget, with its path.
fn over_budget(max_values: usize, at: &QueryPathNode<'_>) -> ServerError {
    let mut error = ServerError::new(
        format!(
            "the answer would hold more than {max_values} values, the limit: ask for fewer \
             records or fields at once"
        ),
        None,
    );
    let mut path = Vec::new();
    let mut node = Some(at);
    while let Some(current) = node {
        path.push(match current.segment {
            QueryPathSegment::Index(index) => PathSegment::Index(index),
            QueryPathSegment::Name(name) => PathSegment::Field(name.to_owned()),
        });
        node = current.parent;
    }
    path.reverse();
    error.path = path;
    let mut extensions = ErrorExtensionValues::default();
    extensions.set("code", Code::QueryTooExpensive.as_str());
    extensions.set("limit", max_values);
    error.extensions = Some(extensions);
    error
}
