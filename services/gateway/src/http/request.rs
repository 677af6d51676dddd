//! Reading a GraphQL request from GET (query string) or POST (`application/json` body), and
//! refusing what GraphQL over HTTP does not allow: mutations over GET, other body types,
//! batches.

use async_graphql::parser::types::OperationType;
use async_graphql::{Request, Variables};
use axum::extract::Query;
use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use serde::Deserialize;

use crate::graphql::cost::lexer;

/// Why a request could not be read: the status to answer and what to tell the client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// 400, 405 or 415.
    pub status: StatusCode,
    /// What was wrong.
    pub message: String,
}

impl Refusal {
    fn new(status: StatusCode, message: impl Into<String>) -> Self {
        Self {
            status,
            message: message.into(),
        }
    }
}

/// The parameters of a GraphQL request, in a query string or a JSON body.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Params {
    query: Option<String>,
    operation_name: Option<String>,
    #[serde(default)]
    variables: Option<serde_json::Value>,
    #[serde(default)]
    extensions: Option<serde_json::Value>,
}

/// GET parameters: `variables` and `extensions` are JSON texts.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct GetParams {
    query: Option<String>,
    operation_name: Option<String>,
    variables: Option<String>,
    extensions: Option<String>,
}

/// Whether the query string names a GraphQL query (a browser without one gets GraphiQL).
pub fn has_query(uri: &Uri) -> bool {
    Query::<GetParams>::try_from_uri(uri).is_ok_and(|Query(p)| p.query.is_some())
}

/// Reads the request. GET carries queries only; POST needs `Content-Type: application/json`.
pub fn read(
    method: &Method,
    headers: &HeaderMap,
    uri: &Uri,
    body: &[u8],
) -> Result<Request, Refusal> {
    let params = if method == Method::GET {
        let Query(get) = Query::<GetParams>::try_from_uri(uri)
            .map_err(|e| Refusal::new(StatusCode::BAD_REQUEST, format!("bad query string: {e}")))?;
        let json = |name: &str, text: Option<String>| {
            text.filter(|t| !t.is_empty())
                .map(|t| {
                    serde_json::from_str::<serde_json::Value>(&t).map_err(|_| {
                        Refusal::new(StatusCode::BAD_REQUEST, format!("{name} must be JSON"))
                    })
                })
                .transpose()
        };
        Params {
            variables: json("variables", get.variables)?,
            extensions: json("extensions", get.extensions)?,
            query: get.query,
            operation_name: get.operation_name,
        }
    } else {
        let content_type = headers
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        let essence = content_type.split(';').next().unwrap_or_default().trim();
        if !essence.eq_ignore_ascii_case("application/json") {
            return Err(Refusal::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "a GraphQL POST must have Content-Type: application/json",
            ));
        }
        let value: serde_json::Value = serde_json::from_slice(body)
            .map_err(|_| Refusal::new(StatusCode::BAD_REQUEST, "the body is not JSON"))?;
        if value.is_array() {
            return Err(Refusal::new(
                StatusCode::BAD_REQUEST,
                "batched requests are not supported",
            ));
        }
        serde_json::from_value(value).map_err(|e| {
            Refusal::new(
                StatusCode::BAD_REQUEST,
                format!("the body is not a GraphQL request: {e}"),
            )
        })?
    };
    let query = params
        .query
        .filter(|q| !q.trim().is_empty())
        .ok_or_else(|| Refusal::new(StatusCode::BAD_REQUEST, "a GraphQL request needs a query"))?;
    let variables = match params.variables {
        None | Some(serde_json::Value::Null) => Variables::default(),
        Some(value @ serde_json::Value::Object(_)) => Variables::from_json(value),
        Some(_) => {
            return Err(Refusal::new(
                StatusCode::BAD_REQUEST,
                "variables must be a JSON object",
            ));
        }
    };
    if params
        .extensions
        .as_ref()
        .is_some_and(|e| !(e.is_object() || e.is_null()))
    {
        return Err(Refusal::new(
            StatusCode::BAD_REQUEST,
            "extensions must be a JSON object",
        ));
    }
    let mut request = Request::new(query).variables(variables);
    if let Some(name) = params.operation_name.filter(|n| !n.is_empty()) {
        request = request.operation_name(name);
    }
    if method == Method::GET && selects_mutation(&mut request) {
        return Err(Refusal::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "mutations are not allowed over GET; use POST",
        ));
    }
    Ok(request)
}

/// Whether the operation the request would run is a mutation. When the operation cannot be
/// told (no name among several), any mutation in the document counts; a document that does not
/// parse is left to the schema to refuse.
fn selects_mutation(request: &mut Request) -> bool {
    operation_types(request).is_some_and(|types| types.contains(&OperationType::Mutation))
}

/// The types of the operations the request may run: the one its name picks, or every operation
/// of the document when no name is given. `None` for a document that does not parse.
pub(crate) fn operation_types(request: &mut Request) -> Option<Vec<OperationType>> {
    // Nested deeper than the parser's stack can take: not parsed here; the cost check refuses
    // it.
    if lexer::shape(&request.query).nesting > lexer::MAX_NESTING {
        return None;
    }
    let name = request.operation_name.clone();
    let document = request.parsed_query().ok()?;
    Some(
        document
            .operations
            .iter()
            .filter(|(op_name, _)| match &name {
                Some(name) => op_name.is_none_or(|n| n.as_str() == name),
                None => true,
            })
            .map(|(_, op)| op.node.ty)
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get(query: &str) -> Result<Request, Refusal> {
        let uri: Uri = format!("/graphql?{query}").parse().unwrap();
        read(&Method::GET, &HeaderMap::new(), &uri, b"")
    }

    fn post(content_type: &str, body: &str) -> Result<Request, Refusal> {
        let mut headers = HeaderMap::new();
        headers.insert(CONTENT_TYPE, content_type.parse().unwrap());
        read(
            &Method::POST,
            &headers,
            &"/graphql".parse().unwrap(),
            body.as_bytes(),
        )
    }

    #[test]
    fn a_get_query_is_read_from_the_query_string() {
        let request = get("query=%7Bcouncils%7Bslug%7D%7D&variables=%7B%22a%22%3A1%7D").unwrap();
        assert_eq!(request.query, "{councils{slug}}");
    }

    #[test]
    fn mutations_over_get_are_refused_with_405() {
        let refused = get("query=mutation%7Bx%7D").unwrap_err();
        assert_eq!(refused.status, StatusCode::METHOD_NOT_ALLOWED);
        let named =
            get("query=query%20A%7Bx%7D%20mutation%20B%7By%7D&operationName=B").unwrap_err();
        assert_eq!(named.status, StatusCode::METHOD_NOT_ALLOWED);
        assert!(get("query=query%20A%7Bx%7D%20mutation%20B%7By%7D&operationName=A").is_ok());
    }

    #[test]
    fn posts_need_a_json_body_with_a_query() {
        assert_eq!(
            post("text/plain", "{}").unwrap_err().status,
            StatusCode::UNSUPPORTED_MEDIA_TYPE
        );
        assert_eq!(
            post("application/json", "nope").unwrap_err().status,
            StatusCode::BAD_REQUEST
        );
        assert_eq!(
            post("application/json", "{}").unwrap_err().status,
            StatusCode::BAD_REQUEST
        );
        assert_eq!(
            post("application/json", "[{\"query\":\"{a}\"}]")
                .unwrap_err()
                .status,
            StatusCode::BAD_REQUEST
        );
        assert!(
            post(
                "application/json; charset=utf-8",
                "{\"query\":\"{a}\",\"variables\":null}"
            )
            .is_ok()
        );
    }
}
