//! What a GraphQL document costs, measured before it is validated or run, so that no document can
//! stall the server: one anonymous request of thousands of aliased lookups, or of fragments
//! spreading fragments, is refused at the cost of reading its text once.
//!
//! [`admit`] checks, in this order, each step bounding the work of the next:
//! 1. the text's length ([`CostLimits::max_bytes`]);
//! 2. its tokens and bracket nesting ([`lexer`]: [`CostLimits::max_tokens`],
//!    [`lexer::MAX_NESTING`]), before the parser, which has neither limit, sees it;
//! 3. that it parses (the parsed document is kept in the request: it is not parsed again);
//! 4. its cost ([`price`] under [`model`]: [`CostLimits::max_cost`]).
//!
//! The HTTP handlers call it first, before authentication and the council lookup, so a refusal
//! reads nothing; the schemas' [`crate::graphql::extension::RequestGuard`] calls it for requests that did not
//! come through HTTP. async-graphql's own depth and complexity limits still apply after it, in
//! validation. Last, while a request runs, [`budget::ValuesBudget`] stops its answer at
//! [`CostLimits::max_values`] values, whatever the model estimated.
//!
//! - [`refusal`]: [`Refusal`], and the GraphQL error it becomes.
//! - [`documents`]: admitted documents kept parsed, by text, for the HTTP handlers.

pub mod budget;
pub mod documents;
pub mod lexer;
pub mod model;
pub mod price;
pub mod refusal;

#[cfg(test)]
mod tests;

use std::any::TypeId;

use async_graphql::Request;

pub use refusal::Refusal;

use crate::settings::{CostLimits, Limits};

/// Put in a request's data by [`admit`]: its document was priced and admitted at this cost, so
/// [`crate::graphql::extension::RequestGuard`] does not price it again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Admitted {
    /// The document's cost.
    pub cost: u64,
}

/// Admits the request's document if it is within `limits`, returning its cost; otherwise says
/// why not. Leaves the parsed document in the request for the schema.
pub fn admit(request: &mut Request, limits: &Limits) -> Result<u64, Refusal> {
    let CostLimits {
        max_bytes,
        max_tokens,
        max_cost,
        max_values: _,
    } = limits.cost;
    let bytes = request.query.len();
    if bytes > max_bytes {
        return Err(Refusal::TooLong {
            bytes,
            limit: max_bytes,
        });
    }
    let shape = lexer::shape(&request.query);
    if shape.nesting > lexer::MAX_NESTING {
        return Err(Refusal::TooDeep {
            limit: lexer::MAX_NESTING,
        });
    }
    if shape.tokens > max_tokens {
        return Err(Refusal::TooManyTokens {
            tokens: shape.tokens,
            limit: max_tokens,
        });
    }
    let max_page_size = limits.max_page_size.clamp(1, Limits::PAGE_SIZE_CEILING);
    // Moved out and back, not cloned, to read them beside the document the request holds.
    let variables = std::mem::take(&mut request.variables);
    let cost = match request.parsed_query() {
        Ok(document) => price::price(document, &variables, max_page_size),
        Err(error) => Err(Refusal::Unparsable(error)),
    };
    request.variables = variables;
    let cost = cost?;
    if cost > max_cost {
        return Err(Refusal::TooExpensive {
            cost,
            limit: max_cost,
        });
    }
    request.data.insert(Admitted { cost });
    Ok(cost)
}

/// Whether [`admit`] already admitted this request.
pub fn admitted(request: &Request) -> bool {
    request.data.contains_key(&TypeId::of::<Admitted>())
}
