//! The GraphQL endpoints' handlers: negotiate, read the request, price its document (refusing
//! one over the cost limits before anything else), authenticate, find the council, decide
//! access, coerce its variables, execute (a council's through the response cache), answer. GET from a browser (Accept: text/html, no
//! query) gets GraphiQL ([`super::graphiql`], served from the binary); a GET asking for a
//! WebSocket gets the council's subscriptions ([`super::subscriptions`]).

use axum::body::Bytes;
use axum::extract::ws::WebSocketUpgrade;
use axum::extract::ws::rejection::WebSocketUpgradeRejection;
use axum::extract::{Path, State};
use axum::http::header::AUTHORIZATION;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use civic_domain::values::Slug;

use super::media::{negotiate, wants_html};
use super::request::{has_query, read};
use super::response::{bad_request, graphql, refused, status_of};
use super::subscriptions::{self, wants_websocket};
use super::variables::request_error;
use super::{AppState, cached, graphiql};
use crate::auth::{Access, AuthError, Principal};
use crate::error::ApiError;
use crate::graphql::CouncilScope;

/// Answers 406 when the client accepts neither JSON media type.
fn not_acceptable() -> Response {
    (
        StatusCode::NOT_ACCEPTABLE,
        "accept application/graphql-response+json or application/json",
    )
        .into_response()
}

async fn principal(state: &AppState, headers: &HeaderMap) -> Result<Principal, ApiError> {
    let header = match headers.get(AUTHORIZATION) {
        None => None,
        Some(value) => Some(value.to_str().map_err(|_| {
            AuthError::Unauthenticated("the Authorization header must be `Bearer <token>`")
        })?),
    };
    Ok(state.authenticator.authenticate(header).await?)
}

/// The council of a slug in the URL, with the runtime of its database; NOT_FOUND for a slug no
/// council has.
pub(crate) async fn council_scope(state: &AppState, slug: &str) -> Result<CouncilScope, ApiError> {
    let not_found = || ApiError::NotFound(format!("there is no council with the slug {slug:?}"));
    if Slug::parse(slug).is_err() {
        return Err(not_found());
    }
    let directory = &state.services.directory;
    let (tenant, runtime) = match directory.known(slug) {
        Some((tenant, runtime)) => (tenant, runtime),
        None => {
            let tenant = directory
                .tenant_for_slug(slug)
                .await?
                .ok_or_else(not_found)?;
            (tenant, directory.runtime_of(tenant).await?)
        }
    };
    Ok(CouncilScope {
        tenant,
        slug: slug.to_owned(),
        runtime: runtime.clone(),
    })
}

/// `/councils/{slug}/graphql`: a council's register.
pub(crate) async fn council(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    method: Method,
    headers: HeaderMap,
    uri: Uri,
    websocket: Result<WebSocketUpgrade, WebSocketUpgradeRejection>,
    body: Bytes,
) -> Response {
    if wants_websocket(&headers) {
        let upgrade = match websocket {
            Ok(upgrade) => upgrade,
            Err(rejection) => return rejection.into_response(),
        };
        return match council_scope(&state, &slug).await {
            Ok(scope) => subscriptions::upgrade(state.clone(), scope, &headers, upgrade),
            Err(error) => (status_of(&error), "no such council").into_response(),
        };
    }
    if method == Method::GET && wants_html(&headers) && !has_query(&uri) {
        return match council_scope(&state, &slug).await {
            Ok(_) => graphiql::page(
                &format!("/councils/{slug}/graphql"),
                &format!("{slug}: Civic Register"),
            ),
            Err(error) => (status_of(&error), "no such council").into_response(),
        };
    }
    let Some(media) = negotiate(&headers) else {
        return not_acceptable();
    };
    let mut request = match read(&method, &headers, &uri, &body) {
        Ok(request) => request,
        Err(refusal) => return bad_request(media, refusal.status, &refusal.message),
    };
    if let Err(refusal) = state.services.admit(&mut request) {
        return graphql(media, refusal.to_response());
    }
    let principal = match principal(&state, &headers).await {
        Ok(principal) => principal,
        Err(error) => return refused(media, status_of(&error), error),
    };
    let scope = match council_scope(&state, &slug).await {
        Ok(scope) => scope,
        Err(error) => return refused(media, status_of(&error), error),
    };
    let access = match Access::for_council(&principal, &slug) {
        Ok(access) => access,
        Err(error) => {
            let error = ApiError::Auth(error);
            return refused(media, status_of(&error), error);
        }
    };
    let bad = state.council_inputs.check(&mut request);
    if !bad.is_empty() {
        return graphql(media, request_error(bad));
    }
    cached::answer(&state, media, &headers, scope, access, request).await
}

/// `/graphql`: the platform (councils, and their registration).
pub(crate) async fn platform(
    State(state): State<AppState>,
    method: Method,
    headers: HeaderMap,
    uri: Uri,
    body: Bytes,
) -> Response {
    if method == Method::GET && wants_html(&headers) && !has_query(&uri) {
        return graphiql::page("/graphql", "Civic Register: councils");
    }
    let Some(media) = negotiate(&headers) else {
        return not_acceptable();
    };
    let mut request = match read(&method, &headers, &uri, &body) {
        Ok(request) => request,
        Err(refusal) => return bad_request(media, refusal.status, &refusal.message),
    };
    if let Err(refusal) = state.services.admit(&mut request) {
        return graphql(media, refusal.to_response());
    }
    let principal = match principal(&state, &headers).await {
        Ok(principal) => principal,
        Err(error) => return refused(media, status_of(&error), error),
    };
    let bad = state.platform_inputs.check(&mut request);
    if !bad.is_empty() {
        return graphql(media, request_error(bad));
    }
    let request = request.data(Access::for_platform(&principal));
    graphql(media, state.platform_schema.execute(request).await)
}
