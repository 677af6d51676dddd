//! The schemas' own line of defence, one extension so that it adds one step, not two, to the
//! resolution of every field: requests executed without the HTTP handlers (tests, embedding, any
//! future transport) are priced too, before validation, and every answer is held to its
//! [`ValuesBudget`].

use std::sync::Arc;

use async_graphql::extensions::{
    Extension, ExtensionContext, ExtensionFactory, NextExecute, NextPrepareRequest, NextResolve,
    ResolveInfo,
};
use async_graphql::{Request, Response, ServerResult, Value};

use super::budget::ValuesBudget;
use super::{admit, admitted};
use crate::settings::Limits;

/// Applies [`admit`] to every request not already admitted, before async-graphql parses and
/// validates it, and stops every answer at `limits.cost.max_values` values.
pub struct CostGuard {
    /// The limits the schema was built with.
    pub limits: Limits,
}

impl ExtensionFactory for CostGuard {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(CostGuardExtension {
            limits: self.limits,
            budget: ValuesBudget::new(self.limits.cost.max_values),
        })
    }
}

/// One request's guard (async-graphql creates extensions anew for each request).
struct CostGuardExtension {
    limits: Limits,
    budget: ValuesBudget,
}

#[async_graphql::async_trait::async_trait]
impl Extension for CostGuardExtension {
    async fn prepare_request(
        &self,
        ctx: &ExtensionContext<'_>,
        mut request: Request,
        next: NextPrepareRequest<'_>,
    ) -> ServerResult<Request> {
        if !admitted(&request) {
            admit(&mut request, &self.limits).map_err(|refusal| refusal.to_server_error())?;
        }
        next.run(ctx, request).await
    }

    async fn execute(
        &self,
        ctx: &ExtensionContext<'_>,
        operation_name: Option<&str>,
        next: NextExecute<'_>,
    ) -> Response {
        // A subscription runs this once per event (async-graphql 7): each answer has the budget.
        self.budget.settle(next.run(ctx, operation_name).await)
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
