//! The schemas' one extension. async-graphql runs every extension's `resolve` hook around every
//! field of every answer, a boxed future each even when the hook does nothing, so everything a
//! request needs from the schema is one extension, not one per concern (three of them were a
//! measurable share of an uncached register page's instructions: docs/benchmarks.md, "CPU per
//! page"):
//!
//! - requests executed without the HTTP handlers (tests, embedding, any future transport) are
//!   priced too, before validation ([`admit`]);
//! - a council request gets its own [`crate::graphql::loader::RequestLoader`];
//! - every answer is held to its [`ValuesBudget`];
//! - async-graphql's own errors get a code ([`with_code`]);
//! - every operation is counted for `/metrics` by type and outcome
//!   ([`crate::metrics::GraphqlMetrics`]);
//! - every operation runs in a span (`graphql`, named `{type} {name}` for OpenTelemetry) with its
//!   type and name, never its variables or document.

use std::sync::{Arc, OnceLock};

use async_graphql::extensions::{
    Extension, ExtensionContext, ExtensionFactory, NextExecute, NextPrepareRequest, NextRequest,
    NextResolve, ResolveInfo,
};
use async_graphql::{Request, Response, ServerResult, Value};
use tracing::Instrument as _;

use super::cost::budget::ValuesBudget;
use super::cost::{admit, admitted};
use super::error_codes::with_code;
use super::loader::with_request_loader;
use crate::metrics::operation;
use crate::services::Services;
use crate::settings::Limits;

/// Applies [`admit`] to every request not already admitted, before async-graphql parses and
/// validates it, gives council requests their loader, stops every answer at
/// `limits.cost.max_values` values and gives every error without one a code.
pub struct RequestGuard {
    /// The limits the schema was built with.
    pub limits: Limits,
}

impl ExtensionFactory for RequestGuard {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(RequestGuardExtension {
            limits: self.limits,
            budget: ValuesBudget::new(self.limits.cost.max_values),
            operation: OnceLock::new(),
            span: OnceLock::new(),
        })
    }
}

/// One request's guard (async-graphql creates extensions anew for each request).
struct RequestGuardExtension {
    limits: Limits,
    budget: ValuesBudget,
    /// The type of the operation the request runs, once its document is parsed.
    operation: OnceLock<&'static str>,
    /// The operation's span, made once its document is parsed (its name is the operation's, and
    /// an OpenTelemetry span is named when it starts), entered while it executes.
    span: OnceLock<tracing::Span>,
}

#[async_graphql::async_trait::async_trait]
impl Extension for RequestGuardExtension {
    async fn request(&self, ctx: &ExtensionContext<'_>, next: NextRequest<'_>) -> Response {
        let mut response = next.run(ctx).await;
        for error in &mut response.errors {
            with_code(error);
        }
        if let Some(services) = ctx.data_opt::<Arc<Services>>() {
            let kind = self.operation.get().copied().unwrap_or("unknown");
            services
                .metrics
                .graphql
                .count(kind, response.errors.is_empty());
        }
        response
    }

    async fn prepare_request(
        &self,
        ctx: &ExtensionContext<'_>,
        mut request: Request,
        next: NextPrepareRequest<'_>,
    ) -> ServerResult<Request> {
        if !admitted(&request) {
            admit(&mut request, &self.limits).map_err(|refusal| refusal.to_server_error())?;
        }
        let name = request.operation_name.clone();
        if let Ok(document) = request.parsed_query() {
            let (kind, name) = operation(document, name.as_deref());
            // Set once: async-graphql prepares a request once (a second `set` would be a no-op).
            let _ = self.operation.set(kind);
            let _ = self.span.set(operation_span(kind, name));
        }
        let request = with_request_loader(ctx, request);
        next.run(ctx, request).await
    }

    async fn execute(
        &self,
        ctx: &ExtensionContext<'_>,
        operation_name: Option<&str>,
        next: NextExecute<'_>,
    ) -> Response {
        // A subscription runs this once per event (async-graphql 7): each answer has the budget.
        let answer = match self.span.get() {
            Some(span) => next.run(ctx, operation_name).instrument(span.clone()).await,
            None => next.run(ctx, operation_name).await,
        };
        self.budget.settle(answer)
    }

    async fn resolve(
        &self,
        ctx: &ExtensionContext<'_>,
        info: ResolveInfo<'_>,
        next: NextResolve<'_>,
    ) -> ServerResult<Option<Value>> {
        self.budget.spend(info.path_node)?;
        next.run(ctx, info).await
    }
}

/// The span of an operation of type `kind` named `name`: a child of the request's.
fn operation_span(kind: &'static str, name: Option<&str>) -> tracing::Span {
    tracing::info_span!(
        "graphql",
        otel.name = %OperationName(kind, name),
        graphql.operation.type = kind,
        graphql.operation.name = name,
    )
}

/// An operation span's name for OpenTelemetry: `{type} {name}`, or the type alone for an
/// anonymous operation (OpenTelemetry's GraphQL conventions).
struct OperationName<'a>(&'static str, Option<&'a str>);

impl std::fmt::Display for OperationName<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.1 {
            Some(name) => write!(f, "{} {name}", self.0),
            None => f.write_str(self.0),
        }
    }
}
