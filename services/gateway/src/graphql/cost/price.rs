//! The cost of a parsed document under [`super::model`], before it is validated.
//!
//! Fragments are expanded: a spread costs what its fragment costs, each time it is spread. Each
//! fragment is priced once and remembered, so a document whose spreads would expand to billions
//! of fields (each fragment spreading the previous one twice) is priced in one pass over its
//! text, and its cost shows the blow-up. A fragment that spreads itself, or a spread of an
//! unknown fragment, is refused here rather than left to the validators, whose walks follow
//! spreads without remembering them.
//!
//! What a document costs is what running and validating it may cost, so the count is an upper
//! bound: every operation of the document counts (the validators walk them all), so does every
//! fragment definition once more (they walk each definition too), every alias counts, and a field
//! under `@skip` or `@include` counts whatever the condition (a variable cannot lower the
//! price). Every field costs at least 1, so the cost is at least the number of fields the
//! validators will visit.

use std::collections::HashMap;
use std::convert::Infallible;

use async_graphql::parser::types::{
    ExecutableDocument, Field, OperationType, Selection, SelectionSet,
};
use async_graphql::{Value, Variables};

use super::lexer::MAX_NESTING;
use super::model::{self, Items, Place};
use super::refusal::Refusal;
use crate::graphql::query::page::DEFAULT_PAGE_SIZE;

/// The root types' names in both schemas: a fragment on one of them holds root fields.
const QUERY_TYPE: &str = "Query";
const MUTATION_TYPE: &str = "Mutation";

/// Prices `document`, reading `first: $variable` from `variables`; `max_page_size` is the
/// largest page a connection gives.
pub fn price(
    document: &ExecutableDocument,
    variables: &Variables,
    max_page_size: u32,
) -> Result<u64, Refusal> {
    let mut pricer = Pricer {
        document,
        variables,
        max_page_size: u64::from(max_page_size.max(1)),
        fragments: HashMap::new(),
    };
    let mut cost = 0u64;
    for (_, operation) in document.operations.iter() {
        let place = match operation.node.ty {
            OperationType::Mutation => Place::MutationRoot,
            OperationType::Query | OperationType::Subscription => Place::QueryRoot,
        };
        let set = &operation.node.selection_set.node;
        cost = cost.saturating_add(pricer.selection_set(set, place, 1)?);
    }
    for name in document.fragments.keys() {
        cost = cost.saturating_add(pricer.fragment(name, 1)?);
    }
    Ok(cost)
}

/// A fragment being priced, or its price.
#[derive(Clone, Copy)]
enum Fragment {
    /// On the way down: meeting it again is a cycle.
    Pricing,
    /// Done.
    Priced(u64),
}

struct Pricer<'a> {
    document: &'a ExecutableDocument,
    variables: &'a Variables,
    max_page_size: u64,
    fragments: HashMap<&'a str, Fragment>,
}

impl<'a> Pricer<'a> {
    /// The cost of a selection set whose fields are at `place`; `depth` counts selection sets
    /// and spreads on the way down.
    fn selection_set(
        &mut self,
        set: &'a SelectionSet,
        place: Place,
        depth: usize,
    ) -> Result<u64, Refusal> {
        if depth > MAX_NESTING {
            return Err(Refusal::TooDeep { limit: MAX_NESTING });
        }
        let mut cost = 0u64;
        for selection in &set.items {
            let item = match &selection.node {
                Selection::Field(field) => self.field(&field.node, place, depth)?,
                Selection::InlineFragment(inline) => {
                    let set = &inline.node.selection_set.node;
                    self.selection_set(set, place, depth + 1)?
                }
                Selection::FragmentSpread(spread) => {
                    self.fragment(spread.node.fragment_name.node.as_str(), depth + 1)?
                }
            };
            cost = cost.saturating_add(item);
        }
        Ok(cost)
    }

    fn field(&mut self, field: &'a Field, place: Place, depth: usize) -> Result<u64, Refusal> {
        let name = field.name.node.as_str();
        let set = &field.selection_set.node;
        let children = if set.items.is_empty() {
            0
        } else {
            self.selection_set(set, Place::Nested, depth + 1)?
        };
        let items = match model::items(name, place) {
            Items::One => 1,
            Items::List => model::LIST_LENGTH,
            Items::Page => self.page_size(field),
        };
        // Given at all, even as a variable that turns out null: the price can only overprice.
        let as_of = match field.get_argument("asOf") {
            Some(_) => model::as_of_weight(name, place),
            None => 0,
        };
        Ok(model::weight(name, place)
            .saturating_add(as_of)
            .saturating_add(items.saturating_mul(children)))
    }

    /// The cost of the fragment `name`, priced once.
    fn fragment(&mut self, name: &'a str, depth: usize) -> Result<u64, Refusal> {
        match self.fragments.get(name) {
            Some(Fragment::Priced(cost)) => return Ok(*cost),
            Some(Fragment::Pricing) => return Err(Refusal::FragmentCycle(name.to_owned())),
            None => {}
        }
        let Some(fragment) = self.document.fragments.get(name) else {
            return Err(Refusal::UnknownFragment(name.to_owned()));
        };
        self.fragments.insert(name, Fragment::Pricing);
        let place = match fragment.node.type_condition.node.on.node.as_str() {
            QUERY_TYPE => Place::QueryRoot,
            MUTATION_TYPE => Place::MutationRoot,
            _ => Place::Nested,
        };
        let cost = self.selection_set(&fragment.node.selection_set.node, place, depth)?;
        self.fragments.insert(name, Fragment::Priced(cost));
        Ok(cost)
    }

    /// The items a connection returns: its `first` (a literal or a variable's value, else the
    /// largest default an operation declares for the variable), else the default page size,
    /// within 1 and the largest page. A value that is not a number (which validation refuses)
    /// counts as the largest page.
    fn page_size(&self, field: &Field) -> u64 {
        let default = u64::from(DEFAULT_PAGE_SIZE).min(self.max_page_size);
        let Some(first) = field.get_argument("first") else {
            return default;
        };
        let value = first
            .node
            .clone()
            .into_const_with(|variable| -> Result<Value, Infallible> {
                Ok(self
                    .variables
                    .get(variable.as_str())
                    .cloned()
                    .filter(|value| *value != Value::Null)
                    .or_else(|| self.declared_default(variable.as_str()))
                    .unwrap_or(Value::Null))
            });
        match value {
            Ok(Value::Null) => default,
            Ok(Value::Number(n)) => match n.as_i64() {
                Some(n) => u64::try_from(n).unwrap_or(1).clamp(1, self.max_page_size),
                None => self.max_page_size,
            },
            _ => self.max_page_size,
        }
    }

    /// The largest number any operation of the document declares as the default of `variable`.
    fn declared_default(&self, variable: &str) -> Option<Value> {
        self.document
            .operations
            .iter()
            .flat_map(|(_, operation)| &operation.node.variable_definitions)
            .filter(|definition| definition.node.name.node.as_str() == variable)
            .filter_map(|definition| match &definition.node.default_value {
                Some(value) => match &value.node {
                    Value::Number(n) => n.as_i64(),
                    _ => None,
                },
                None => None,
            })
            .max()
            .map(Value::from)
    }
}
