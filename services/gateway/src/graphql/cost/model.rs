//! The cost model, in one place. A document's cost is the sum of its fields' costs, where
//!
//! ```text
//! cost(field) = weight(field) + items(field) × cost(the field's own selection)
//! ```
//!
//! - weight: [`WRITE`] for a mutation's root field; [`READ`] for a field that reads the
//!   database ([`READS`] wherever selected, [`ROOT_READS`] as a query's root field); [`FIELD`]
//!   for anything else;
//!   plus [`AS_OF_LIST`] for a root list asked `asOf` ([`AS_OF_LISTS`]);
//! - items: for a connection ([`PAGED`], root fields), the page asked for (`first`, or the
//!   default page size); for another list ([`LISTS`]), [`LIST_LENGTH`]; otherwise 1.
//!
//! Fields are known by name and place (root or not), not by type: a name that reads or lists
//! somewhere is priced so everywhere it can be, which can only overprice. Units are roughly
//! microseconds of server work: a field resolved from memory and serialised is about one, a read
//! from a batch (an index probe and a JSON document decoded) about a hundred, a command (a
//! transaction, a hash, the projection catching up) about a thousand.

/// A field resolved from memory: a value of a view already read.
pub const FIELD: u64 = 1;

/// A field that reads the database. Lookups by id of one request share one read (the
/// request's loader batches them), but each still costs its row, its decoding and its answer.
pub const READ: u64 = 100;

/// A mutation's root field: a command recorded in the log (mutations run one after another).
pub const WRITE: u64 = 1_000;

/// How many items a list without paging is assumed to hold: a decision's resolutions and
/// documents, a council's wards, strategy documents and their versions, a meeting's agenda
/// items, introspection's types and fields. Nested lists multiply, so this is a typical length, not a maximum.
pub const LIST_LENGTH: u64 = 5;

/// Fields that read the database wherever they are selected: the lookups by id at the root,
/// and the links from one record to another (a decision's `forwardPlanEntry`, an entry's or a
/// strategy version's `decision`, a strategy title's `notedBy`, a `meeting`, a forward plan
/// document's `entries`).
pub const READS: [&str; 6] = [
    "decision",
    "entries",
    "forwardPlanEntry",
    "history",
    "meeting",
    "notedBy",
];

/// Fields that read the database as a query's (or subscription's) root field. The same names
/// elsewhere are values in memory: a connection edge's `node`, a mutation payload's `council`,
/// a strategy version's `decisions`. The log's checkpoint and proofs read the whole log; a
/// subscription reads the log for as long as it runs, each batch bounded
/// ([`crate::feed::BATCH`]), so its price is that of its first read.
pub const ROOT_READS: [&str; 14] = [
    "council",
    "councils",
    "decisions",
    "events",
    "forwardPlan",
    "log",
    "logCheckpoint",
    "logConsistencyProof",
    "logInclusionProof",
    "meetings",
    "node",
    "recordChanged",
    "strategyDocument",
    "strategyDocuments",
];

/// What `asOf` adds to a root list's weight: the council's log read up to the moment and every
/// record in it folded in memory, whatever the page (a few milliseconds for a council of some
/// thousands of events). A record's own `asOf` reads one stream and costs a [`READ`].
pub const AS_OF_LIST: u64 = 5_000;

/// The query root lists that answer `asOf` by folding the council's log.
pub const AS_OF_LISTS: [&str; 4] = ["decisions", "forwardPlan", "meetings", "strategyDocuments"];

/// Connections, the query root fields paged by `first`: their whole selection (edges, page
/// info, total) counts once per item asked for. Their `edges` list is that page, so it is not a
/// [`LISTS`] entry.
pub const PAGED: [&str; 4] = ["decisions", "forwardPlan", "log", "meetings"];

/// Lists of objects without paging, in the schemas and in introspection. A list of scalars has
/// no selection to multiply, so it needs no entry. A test checks that every list of objects of
/// both schemas is here.
pub const LISTS: [&str; 42] = [
    "bodies",
    "byDecisionMaker",
    "changes",
    "closureDays",
    "contacts",
    "corrections",
    "councils",
    "decisions",
    "deferrals",
    "documents",
    "entries",
    "exclusions",
    "forwardPlans",
    "history",
    "interests",
    "items",
    "links",
    "members",
    "named",
    "paragraphReasons",
    "plans",
    "resolutions",
    "requests",
    "sources",
    "reschedulings",
    "statusChanges",
    "statusHistory",
    "statusLabels",
    "strategyDocuments",
    "titles",
    "versions",
    "wards",
    "warnings",
    "withheld",
    // Introspection.
    "args",
    "directives",
    "enumValues",
    "fields",
    "inputFields",
    "interfaces",
    "possibleTypes",
    "types",
];

/// Where a field is selected: its weight and its items can depend on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// A root field of a query.
    QueryRoot,
    /// A root field of a mutation.
    MutationRoot,
    /// Any other field.
    Nested,
}

/// How many times a field's selection counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Items {
    /// Once: the field is one object.
    One,
    /// [`LIST_LENGTH`] times.
    List,
    /// Once per item of the page its `first` asks for.
    Page,
}

/// The weight of a field named `name` selected at `place`.
pub fn weight(name: &str, place: Place) -> u64 {
    match place {
        Place::MutationRoot => WRITE,
        _ if READS.contains(&name) => READ,
        Place::QueryRoot if ROOT_READS.contains(&name) => READ,
        Place::QueryRoot | Place::Nested => FIELD,
    }
}

/// What a field named `name` at `place` weighs more when it is given an `asOf` argument.
pub fn as_of_weight(name: &str, place: Place) -> u64 {
    if place == Place::QueryRoot && AS_OF_LISTS.contains(&name) {
        AS_OF_LIST
    } else {
        0
    }
}

/// How many times the selection of a field named `name` at `place` counts.
pub fn items(name: &str, place: Place) -> Items {
    if place == Place::QueryRoot && PAGED.contains(&name) {
        Items::Page
    } else if LISTS.contains(&name) {
        Items::List
    } else {
        Items::One
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use async_graphql::parser::parse_schema;
    use async_graphql::parser::types::{BaseType, Type, TypeKind, TypeSystemDefinition};

    use super::*;
    use crate::graphql::{council_schema_builder, platform_schema_builder};
    use crate::settings::Limits;

    fn named(ty: &Type) -> &str {
        match &ty.base {
            BaseType::Named(name) => name.as_str(),
            BaseType::List(inner) => named(inner),
        }
    }

    /// Every field of `sdl` that returns a list of objects (or interfaces or unions).
    fn object_lists(sdl: &str) -> BTreeSet<String> {
        let document = parse_schema(sdl).expect("the schema's SDL parses");
        let definitions = || {
            document.definitions.iter().filter_map(|d| match d {
                TypeSystemDefinition::Type(t) => Some(&t.node),
                _ => None,
            })
        };
        let composite: BTreeSet<&str> = definitions()
            .filter(|t| {
                matches!(
                    t.kind,
                    TypeKind::Object(_) | TypeKind::Interface(_) | TypeKind::Union(_)
                )
            })
            .map(|t| t.name.node.as_str())
            .collect();
        let mut lists = BTreeSet::new();
        for definition in definitions() {
            let fields = match &definition.kind {
                TypeKind::Object(object) => &object.fields,
                TypeKind::Interface(interface) => &interface.fields,
                _ => continue,
            };
            for field in fields {
                let ty = &field.node.ty.node;
                if matches!(ty.base, BaseType::List(_)) && composite.contains(named(ty)) {
                    lists.insert(field.node.name.node.to_string());
                }
            }
        }
        lists
    }

    #[test]
    fn every_list_of_objects_of_both_schemas_is_priced_as_a_list() {
        let limits = Limits::default();
        let mut lists = object_lists(&council_schema_builder(&limits).finish().sdl());
        lists.extend(object_lists(
            &platform_schema_builder(&limits).finish().sdl(),
        ));
        assert!(lists.contains("resolutions"), "{lists:?}");
        let unpriced: Vec<_> = lists
            .iter()
            .filter(|name| items(name, Place::Nested) != Items::List && name.as_str() != "edges")
            .collect();
        assert!(
            unpriced.is_empty(),
            "lists missing from cost::model::LISTS: {unpriced:?}"
        );
    }

    #[test]
    fn a_mutations_root_field_weighs_a_write_and_a_lookup_a_read() {
        assert_eq!(weight("publishDecision", Place::MutationRoot), WRITE);
        assert_eq!(weight("decision", Place::Nested), READ);
        assert_eq!(weight("node", Place::QueryRoot), READ);
        assert_eq!(weight("node", Place::Nested), FIELD, "an edge's node");
        assert_eq!(
            weight("council", Place::Nested),
            FIELD,
            "a payload's council"
        );
        assert_eq!(weight("title", Place::Nested), FIELD);
    }

    #[test]
    fn only_the_root_connections_are_paged() {
        assert_eq!(items("decisions", Place::QueryRoot), Items::Page);
        assert_eq!(
            items("decisions", Place::Nested),
            Items::List,
            "a version's decisions"
        );
        assert_eq!(items("resolutions", Place::Nested), Items::List);
        assert_eq!(items("title", Place::Nested), Items::One);
    }
}
