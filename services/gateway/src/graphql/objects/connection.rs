//! Relay cursor connections (`edges { cursor node }`, `pageInfo`, `totalCount`) over the read
//! models' pages.

use async_graphql::OutputType;
use async_graphql::SimpleObject;
use async_graphql::connection::{
    Connection, DefaultConnectionName, DefaultEdgeName, DisableNodesField, Edge, EmptyFields,
};
use civic_projections::Page;

/// What a connection says about the whole list.
#[derive(SimpleObject, Debug, Clone, Copy)]
pub struct ListTotals {
    /// How many items the whole list has, ignoring the page.
    pub total_count: u64,
}

/// A connection of `Node`s, named `{Node}Connection` with `{Node}Edge`s.
pub type ConnectionOf<Node> = Connection<
    String,
    Node,
    ListTotals,
    EmptyFields,
    DefaultConnectionName,
    DefaultEdgeName,
    DisableNodesField,
>;

/// One page as a connection, each view wrapped by `wrap`. Paging is forward only: there is a
/// previous page exactly when the page starts after a cursor.
pub fn connection<View, Node: OutputType>(
    page: Page<View>,
    after_given: bool,
    wrap: impl Fn(View) -> Node,
) -> ConnectionOf<Node> {
    let mut connection = Connection::with_additional_fields(
        after_given,
        page.has_next_page,
        ListTotals {
            total_count: page.total_count,
        },
    );
    connection.edges = page
        .items
        .into_iter()
        .map(|(cursor, view)| Edge::new(cursor, wrap(view)))
        .collect();
    connection
}
