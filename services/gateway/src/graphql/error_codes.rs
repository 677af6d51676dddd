//! The last step of the error mapping: errors raised by async-graphql itself (a query that does
//! not parse or validate, a limit exceeded, an argument of the wrong type) carry no code; they
//! are all the caller's input, so they get BAD_USER_INPUT. Errors from the gateway's resolvers
//! already carry theirs (see [`crate::error`]).

use std::sync::Arc;

use async_graphql::extensions::{Extension, ExtensionContext, ExtensionFactory, NextRequest};
use async_graphql::{Response, ServerError};

use crate::error::Code;

/// Gives every error without `extensions.code` the code BAD_USER_INPUT.
pub struct ErrorCodes;

impl ExtensionFactory for ErrorCodes {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(ErrorCodesExtension)
    }
}

struct ErrorCodesExtension;

#[async_graphql::async_trait::async_trait]
impl Extension for ErrorCodesExtension {
    async fn request(&self, ctx: &ExtensionContext<'_>, next: NextRequest<'_>) -> Response {
        let mut response = next.run(ctx).await;
        for error in &mut response.errors {
            with_code(error);
        }
        response
    }
}

/// Sets BAD_USER_INPUT on an error that has no code.
pub fn with_code(error: &mut ServerError) {
    let extensions = error.extensions.get_or_insert_with(Default::default);
    if extensions.get("code").is_none() {
        extensions.set("code", Code::BadUserInput.as_str());
    }
}
