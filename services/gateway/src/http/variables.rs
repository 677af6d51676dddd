//! Coercing a request's variables before it executes, as GraphQL requires: a variable whose value
//! does not fit its declared type (a `Date` that is no date, a `UUID` that is no uuid, a missing
//! required value, an unknown enum value or input field) makes the whole request a request error
//! — 400, no `data` — instead of a field error found half-way through execution (when, in a
//! document with several mutations, earlier ones may already have run).
//!
//! async-graphql validates literals before execution but coerces variables only when a resolver
//! reads its arguments. The input types are read once from the schema's own SDL, so this check
//! follows the schema with no list to keep in step.

use std::collections::HashMap;

use async_graphql::parser::parse_schema;
use async_graphql::parser::types::{
    BaseType, DocumentOperations, ExecutableDocument, Type, TypeKind, TypeSystemDefinition,
};
use async_graphql::{Name, ScalarType, Value};

use crate::graphql::scalars::Date;

/// The input types of one schema: what a variable may be declared as.
#[derive(Debug, Clone, Default)]
pub struct InputTypes {
    /// Each input object's fields: name, type, and whether it has a default.
    objects: HashMap<String, Vec<(String, Type, bool)>>,
    /// Each enum's values.
    enums: HashMap<String, Vec<String>>,
}

/// A variable that does not fit its type: where (`$filter.decidedFrom`) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadVariable {
    /// The variable and the path inside its value, e.g. `$input.documents[0].url`.
    pub path: String,
    /// What is wrong, in words.
    pub problem: String,
}

impl InputTypes {
    /// The input types of the schema whose SDL is `sdl`.
    pub fn from_sdl(sdl: &str) -> Self {
        let mut types = Self::default();
        let Ok(document) = parse_schema(sdl) else {
            return types;
        };
        for definition in document.definitions {
            let TypeSystemDefinition::Type(definition) = definition else {
                continue;
            };
            let name = definition.node.name.node.to_string();
            match definition.node.kind {
                TypeKind::InputObject(object) => {
                    let fields = object
                        .fields
                        .into_iter()
                        .map(|field| {
                            let field = field.node;
                            (
                                field.name.node.to_string(),
                                field.ty.node,
                                field.default_value.is_some(),
                            )
                        })
                        .collect();
                    types.objects.insert(name, fields);
                }
                TypeKind::Enum(values) => {
                    let values = values
                        .values
                        .into_iter()
                        .map(|value| value.node.value.node.to_string())
                        .collect();
                    types.enums.insert(name, values);
                }
                _ => {}
            }
        }
        types
    }

    /// Every variable of the operation `request` runs that does not fit its declared type. The
    /// document is the one the request already parsed (the cost check parses it first). A
    /// document that does not parse, or names no such operation, is left to the schema, which
    /// reports it as the request error it is.
    pub fn check(&self, request: &mut async_graphql::Request) -> Vec<BadVariable> {
        let operation = request.operation_name.clone();
        let variables = request.variables.clone();
        let Ok(document) = request.parsed_query() else {
            return Vec::new();
        };
        let Some(definitions) = operation_variables(document, operation.as_deref()) else {
            return Vec::new();
        };
        let mut bad = Vec::new();
        for (name, ty, has_default) in definitions {
            let value = variables.get(&Name::new(&name));
            if value.is_none() && has_default {
                continue;
            }
            self.coerce(&format!("${name}"), &ty, value, &mut bad);
        }
        bad
    }

    fn coerce(&self, path: &str, ty: &Type, value: Option<&Value>, bad: &mut Vec<BadVariable>) {
        let mut refuse = |problem: String| {
            bad.push(BadVariable {
                path: path.to_owned(),
                problem,
            })
        };
        let value = match value {
            None | Some(Value::Null) if ty.nullable => return,
            None | Some(Value::Null) => return refuse(format!("a value of type {ty} is required")),
            Some(value) => value,
        };
        match &ty.base {
            BaseType::List(item) => match value {
                Value::List(items) => {
                    for (n, element) in items.iter().enumerate() {
                        self.coerce(&format!("{path}[{n}]"), item, Some(element), bad);
                    }
                }
                single => self.coerce(path, item, Some(single), bad),
            },
            BaseType::Named(name) => self.coerce_named(path, name.as_str(), value, bad),
        }
    }

    fn coerce_named(&self, path: &str, name: &str, value: &Value, bad: &mut Vec<BadVariable>) {
        let mut refuse = |problem: String| {
            bad.push(BadVariable {
                path: path.to_owned(),
                problem,
            })
        };
        if let Some(fields) = self.objects.get(name) {
            let Value::Object(given) = value else {
                return refuse(format!("expected an object of type {name}, found {value}"));
            };
            for key in given.keys() {
                if !fields.iter().any(|(field, _, _)| field == key.as_str()) {
                    refuse(format!("{name} has no field {key}"));
                }
            }
            for (field, ty, has_default) in fields {
                let given = given.get(&Name::new(field));
                if given.is_none() && *has_default {
                    continue;
                }
                self.coerce(&format!("{path}.{field}"), ty, given, bad);
            }
            return;
        }
        if let Some(values) = self.enums.get(name) {
            let given = match value {
                Value::Enum(value) => Some(value.as_str()),
                Value::String(value) => Some(value.as_str()),
                _ => None,
            };
            if !given.is_some_and(|given| values.iter().any(|v| v == given)) {
                refuse(format!(
                    "{value} is not one of {name}: {}",
                    values.join(", ")
                ));
            }
            return;
        }
        if let Err(problem) = scalar(name, value) {
            refuse(problem);
        }
    }
}

impl BadVariable {
    /// The request error a client reads: the variable's path in `extensions.field`.
    pub fn into_server_error(self) -> async_graphql::ServerError {
        let mut error = async_graphql::ServerError::new(
            format!(
                "variable {} does not fit its type: {}",
                self.path, self.problem
            ),
            None,
        );
        let mut extensions = async_graphql::ErrorExtensionValues::default();
        extensions.set("code", "BAD_USER_INPUT");
        extensions.set("field", self.path);
        error.extensions = Some(extensions);
        error
    }
}

/// A request error for every variable in `bad`.
pub fn request_error(bad: Vec<BadVariable>) -> async_graphql::Response {
    async_graphql::Response::from_errors(
        bad.into_iter()
            .map(BadVariable::into_server_error)
            .collect(),
    )
}

/// Checks a scalar value: the built-in ones by JSON kind, the schema's own by their parsers.
fn scalar(name: &str, value: &Value) -> Result<(), String> {
    let fits = match (name, value) {
        ("String", Value::String(_)) | ("Boolean", Value::Boolean(_)) => true,
        ("ID", Value::String(_)) => true,
        ("ID" | "Int", Value::Number(n)) => n.as_i64().is_some_and(|n| i32::try_from(n).is_ok()),
        ("Float", Value::Number(_)) => true,
        ("Date", value) => {
            return Date::parse(value.clone())
                .map(|_| ())
                .map_err(|error| error.into_server_error(Default::default()).message);
        }
        ("UUID", Value::String(text)) => {
            return uuid::Uuid::parse_str(text)
                .map(|_| ())
                .map_err(|_| format!("{value} is not a UUID"));
        }
        // Scalars this check does not know are left to the schema.
        (other, _)
            if !matches!(
                other,
                "String" | "Boolean" | "ID" | "Int" | "Float" | "UUID"
            ) =>
        {
            true
        }
        _ => false,
    };
    if fits {
        Ok(())
    } else {
        Err(format!("{value} is not a {name}"))
    }
}

/// The variables the chosen operation declares: name, type, whether it has a default. `None`
/// when the document names no operation that can be chosen.
fn operation_variables(
    document: &ExecutableDocument,
    operation: Option<&str>,
) -> Option<Vec<(String, Type, bool)>> {
    let chosen = match (&document.operations, operation) {
        (DocumentOperations::Single(single), _) => single,
        (DocumentOperations::Multiple(many), Some(name)) => many.get(&Name::new(name))?,
        (DocumentOperations::Multiple(many), None) if many.len() == 1 => many.values().next()?,
        (DocumentOperations::Multiple(_), None) => return None,
    };
    Some(
        chosen
            .node
            .variable_definitions
            .iter()
            .map(|definition| {
                let definition = &definition.node;
                (
                    definition.name.node.to_string(),
                    definition.var_type.node.clone(),
                    definition.default_value.is_some(),
                )
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn types() -> InputTypes {
        InputTypes::from_sdl(
            &crate::graphql::council_schema_builder(&Default::default())
                .finish()
                .sdl(),
        )
    }

    fn check(query: &str, variables: serde_json::Value) -> Vec<BadVariable> {
        let mut request = async_graphql::Request::new(query)
            .variables(async_graphql::Variables::from_json(variables));
        types().check(&mut request)
    }

    #[test]
    fn a_variable_that_fits_its_type_passes() {
        let query = "query($f: DecisionFilterInput, $first: Int) { decisions(filter: $f, first: $first) { totalCount } }";
        let ok = serde_json::json!({"f": {"decidedFrom": "2010-06-09", "status": ["PUBLISHED"]}, "first": 5});
        assert_eq!(check(query, ok), Vec::new());
    }

    #[test]
    fn every_variable_that_does_not_fit_is_named_with_its_path() {
        let query = "query($f: DecisionFilterInput, $id: UUID!, $first: Int) { decisions(filter: $f, first: $first) { totalCount } decision(id: $id) { title } }";
        let bad = serde_json::json!({
            "f": {"decidedFrom": "2026-02-30", "status": ["SOMETIMES"], "colour": "red"},
            "first": "five"
        });
        let paths: Vec<String> = check(query, bad).into_iter().map(|b| b.path).collect();
        assert_eq!(
            paths,
            ["$f", "$f.status[0]", "$f.decidedFrom", "$id", "$first"]
        );
    }
}
