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

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use async_graphql::extensions::{
    Extension, ExtensionContext, ExtensionFactory, NextExecute, NextResolve, ResolveInfo,
};
use async_graphql::{
    ErrorExtensionValues, PathSegment, QueryPathNode, QueryPathSegment, Response, ServerError,
    ServerResult, Value,
};

use crate::error::Code;

/// Stops resolving a request's answer after `max_values` values.
pub struct AnswerBudget {
    /// The most values (fields and list items) one answer may hold.
    pub max_values: usize,
}

impl ExtensionFactory for AnswerBudget {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(AnswerBudgetExtension {
            max_values: self.max_values,
            resolved: AtomicUsize::new(0),
            refused: Mutex::new(None),
        })
    }
}

/// One request's count (async-graphql creates the extension anew for each request), and the
/// error at the first value refused.
struct AnswerBudgetExtension {
    max_values: usize,
    resolved: AtomicUsize,
    refused: Mutex<Option<ServerError>>,
}

#[async_graphql::async_trait::async_trait]
impl Extension for AnswerBudgetExtension {
    async fn execute(
        &self,
        ctx: &ExtensionContext<'_>,
        operation_name: Option<&str>,
        next: NextExecute<'_>,
    ) -> Response {
        let mut response = next.run(ctx, operation_name).await;
        let refused = self.refused.lock().ok().and_then(|mut first| first.take());
        if let Some(error) = refused {
            response.data = Value::Null;
            response.errors = vec![error];
        }
        response
    }

    async fn resolve(
        &self,
        ctx: &ExtensionContext<'_>,
        info: ResolveInfo<'_>,
        next: NextResolve<'_>,
    ) -> ServerResult<Option<Value>> {
        if self.resolved.fetch_add(1, Ordering::Relaxed) >= self.max_values {
            let error = over_budget(self.max_values, info.path_node);
            if let Ok(mut first) = self.refused.lock() {
                first.get_or_insert_with(|| error.clone());
            }
            return Err(error);
        }
        next.run(ctx, info).await
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
