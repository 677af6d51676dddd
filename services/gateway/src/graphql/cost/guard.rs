//! The schemas' own line of defence: requests executed without the HTTP handlers (tests,
//! embedding, any future transport) are priced too, before validation.

use std::sync::Arc;

use async_graphql::extensions::{
    Extension, ExtensionContext, ExtensionFactory, NextPrepareRequest,
};
use async_graphql::{Request, ServerResult};

use super::{admit, admitted};
use crate::settings::Limits;

/// Applies [`admit`] to every request not already admitted, before async-graphql parses and
/// validates it.
pub struct CostGuard {
    /// The limits the schema was built with.
    pub limits: Limits,
}

impl ExtensionFactory for CostGuard {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(CostGuardExtension {
            limits: self.limits,
        })
    }
}

struct CostGuardExtension {
    limits: Limits,
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
}
