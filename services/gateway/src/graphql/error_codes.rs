//! The last step of the error mapping: errors raised by async-graphql itself (a query that does
//! not parse or validate, a limit exceeded, an argument of the wrong type) carry no code; they
//! are all the caller's input, so they get BAD_USER_INPUT. Errors from the gateway's resolvers
//! already carry theirs (see [`crate::error`]). The schemas' one extension
//! ([`crate::graphql::extension`]) and the HTTP answer apply it.

use async_graphql::ServerError;

use crate::error::Code;

/// Sets BAD_USER_INPUT on an error that has no code.
pub fn with_code(error: &mut ServerError) {
    let extensions = error.extensions.get_or_insert_with(Default::default);
    if extensions.get("code").is_none() {
        extensions.set("code", Code::BadUserInput.as_str());
    }
}
