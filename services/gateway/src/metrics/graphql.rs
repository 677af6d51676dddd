//! GraphQL operations by type (query, mutation, subscription; `unknown` when the document did not
//! parse or named no operation it holds) and outcome (`ok`, or `error` when the answer carries
//! any error). Counted by the schemas' one extension ([`crate::graphql::extension`]).

use async_graphql::parser::types::{ExecutableDocument, OperationType};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::registry::Registry;

/// The operations counter.
#[derive(Debug, Clone, Default)]
pub struct GraphqlMetrics {
    operations: Family<OperationLabels, Counter>,
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct OperationLabels {
    r#type: &'static str,
    outcome: &'static str,
}

impl GraphqlMetrics {
    /// Adds the family to `registry`, as `civic_graphql_operations_total`.
    pub fn register(&self, registry: &mut Registry) {
        registry.register(
            "civic_graphql_operations",
            "GraphQL operations by type and outcome (error: the answer carries an error)",
            self.operations.clone(),
        );
    }

    /// Counts one operation of `kind` ([`operation_type`]).
    pub(crate) fn count(&self, kind: &'static str, ok: bool) {
        let labels = OperationLabels {
            r#type: kind,
            outcome: if ok { "ok" } else { "error" },
        };
        self.operations.get_or_create(&labels).inc();
    }
}

/// The type of the operation a request runs (the one named, or the document's only one;
/// `unknown` when there is none) and its name as the document spells it (`None` for an anonymous
/// operation).
pub(crate) fn operation<'a>(
    document: &'a ExecutableDocument,
    name: Option<&str>,
) -> (&'static str, Option<&'a str>) {
    let operation = match name {
        Some(name) => document
            .operations
            .iter()
            .find(|(found, _)| found.is_some_and(|found| found.as_str() == name)),
        None => {
            let mut operations = document.operations.iter();
            match (operations.next(), operations.next()) {
                (Some(only), None) => Some(only),
                _ => None,
            }
        }
    };
    let Some((name, operation)) = operation else {
        return ("unknown", None);
    };
    let kind = match operation.node.ty {
        OperationType::Query => "query",
        OperationType::Mutation => "mutation",
        OperationType::Subscription => "subscription",
    };
    (kind, name.map(|name| name.as_str()))
}
