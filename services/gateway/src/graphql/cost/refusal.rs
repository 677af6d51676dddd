//! Why a document was refused before it ran, and the GraphQL error that says so.

use async_graphql::{ErrorExtensionValues, ServerError};

use crate::error::Code;

/// Why [`super::admit`] refused a document. Every case is the caller's document, refused before
/// validation, authentication or any read: a request error (400 with
/// `application/graphql-response+json`).
#[derive(Debug, thiserror::Error)]
pub enum Refusal {
    /// The document text is longer than `CostLimits::max_bytes`. QUERY_TOO_EXPENSIVE.
    #[error("the document is {bytes} bytes long, over the limit of {limit} bytes")]
    TooLong {
        /// Its length.
        bytes: usize,
        /// The limit.
        limit: usize,
    },
    /// The document has more tokens than `CostLimits::max_tokens`. QUERY_TOO_EXPENSIVE.
    #[error("the document has {tokens} tokens, over the limit of {limit}")]
    TooManyTokens {
        /// How many it has.
        tokens: usize,
        /// The limit.
        limit: usize,
    },
    /// Brackets, or fragments spreading fragments, nest deeper than
    /// [`super::lexer::MAX_NESTING`]. QUERY_TOO_EXPENSIVE.
    #[error("the document nests more than {limit} levels deep")]
    TooDeep {
        /// The limit.
        limit: usize,
    },
    /// The document costs more than `CostLimits::max_cost` (see [`super::model`]).
    /// QUERY_TOO_EXPENSIVE; the client asks for fewer records or fields at once.
    #[error(
        "the query costs {cost}, over the limit of {limit}: ask for fewer records or fields \
         at once (a field costs 1, a read 100, a list each of its items)"
    )]
    TooExpensive {
        /// Its cost.
        cost: u64,
        /// The limit.
        limit: u64,
    },
    /// A fragment spreads itself, directly or through others. BAD_USER_INPUT.
    #[error("fragment \"{0}\" spreads itself, directly or through other fragments")]
    FragmentCycle(String),
    /// A spread names a fragment the document does not define. BAD_USER_INPUT.
    #[error("unknown fragment \"{0}\"")]
    UnknownFragment(String),
    /// The document does not parse: the parser's own error, with its position.
    /// BAD_USER_INPUT.
    #[error("{}", .0.message)]
    Unparsable(ServerError),
}

impl Refusal {
    /// The `extensions.code` the refusal is reported with.
    pub fn code(&self) -> Code {
        match self {
            Refusal::TooLong { .. }
            | Refusal::TooManyTokens { .. }
            | Refusal::TooDeep { .. }
            | Refusal::TooExpensive { .. } => Code::QueryTooExpensive,
            Refusal::FragmentCycle(_) | Refusal::UnknownFragment(_) | Refusal::Unparsable(_) => {
                Code::BadUserInput
            }
        }
    }

    /// The GraphQL response: a request error, with no data.
    pub fn to_response(&self) -> async_graphql::Response {
        async_graphql::Response::from_errors(vec![self.to_server_error()])
    }

    /// The GraphQL error: the message, the code and, for a limit, the figures compared.
    pub fn to_server_error(&self) -> ServerError {
        let mut error = match self {
            Refusal::Unparsable(error) => error.clone(),
            other => ServerError::new(other.to_string(), None),
        };
        let extensions = error
            .extensions
            .get_or_insert_with(ErrorExtensionValues::default);
        extensions.set("code", self.code().as_str());
        match *self {
            Refusal::TooLong { bytes, limit } => {
                extensions.set("bytes", bytes);
                extensions.set("limit", limit);
            }
            Refusal::TooManyTokens { tokens, limit } => {
                extensions.set("tokens", tokens);
                extensions.set("limit", limit);
            }
            Refusal::TooDeep { limit } => extensions.set("limit", limit),
            Refusal::TooExpensive { cost, limit } => {
                extensions.set("cost", cost);
                extensions.set("limit", limit);
            }
            Refusal::FragmentCycle(_) | Refusal::UnknownFragment(_) | Refusal::Unparsable(_) => {}
        }
        error
    }
}
