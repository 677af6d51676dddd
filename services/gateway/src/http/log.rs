//! The verifiable log of each council, for outsiders (RFC 9162 and C2SP formats; see
//! `docs/audit-chain.md`): the latest signed checkpoint, inclusion and consistency proofs, and
//! the platform's verifier key. Public: they give hashes only, and every leaf carries an event id
//! and a timestamp to the microsecond, so no leaf can be guessed from its hash. What they serve
//! is built in [`crate::proofs`], shared with GraphQL; this file is the REST edge.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

use civic_eventstore::TenantId;
use civic_runtime::Runtime;
use serde::Deserialize;

use super::AppState;
use crate::proofs::{self, ProofError};

/// A refusal, as plain text with its status.
fn refuse(status: StatusCode, text: impl Into<String>) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        text.into(),
    )
        .into_response()
}

fn text(body: String) -> Response {
    ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], body).into_response()
}

const UNAVAILABLE: &str = "database unreachable";

/// The answer for a proof that could not be given.
fn refused(error: ProofError) -> Response {
    match error {
        ProofError::NoKey => refuse(StatusCode::SERVICE_UNAVAILABLE, error.to_string()),
        ProofError::Store(error) => {
            tracing::warn!(%error, "log: the council's log could not be read");
            refuse(StatusCode::SERVICE_UNAVAILABLE, UNAVAILABLE)
        }
        ProofError::Refused(why) => refuse(StatusCode::BAD_REQUEST, why),
    }
}

/// The council `slug` and the runtime of its database, or the response saying why not.
async fn council(state: &AppState, slug: &str) -> Result<(TenantId, Arc<Runtime>), Response> {
    let directory = &state.services.directory;
    let found = match directory.tenant_for_slug(slug).await {
        Ok(Some(tenant)) => directory
            .runtime_of(tenant)
            .await
            .map(|runtime| Some((tenant, runtime.clone()))),
        Ok(None) => Ok(None),
        Err(error) => Err(error),
    };
    match found {
        Ok(Some(council)) => Ok(council),
        Ok(None) => Err(refuse(
            StatusCode::NOT_FOUND,
            format!("no council {slug:?}"),
        )),
        Err(error) => {
            tracing::warn!(%error, "log: the council could not be looked up");
            Err(refuse(StatusCode::SERVICE_UNAVAILABLE, UNAVAILABLE))
        }
    }
}

/// `GET /log/key`: the verifier key of the platform's checkpoint signatures (C2SP note form).
pub(crate) async fn key(State(state): State<AppState>) -> Response {
    match &state.services.log_key {
        Some(key) => text(format!("{}\n", key.verifier_key())),
        None => refused(ProofError::NoKey),
    }
}

/// `GET /councils/{slug}/log/checkpoint`: the log's latest checkpoint, signed.
pub(crate) async fn checkpoint(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> Response {
    if state.services.log_key.is_none() {
        return refused(ProofError::NoKey);
    }
    let (tenant, runtime) = match council(&state, &slug).await {
        Ok(council) => council,
        Err(response) => return response,
    };
    match proofs::checkpoint(state.services.log_key.as_ref(), &runtime, tenant, &slug).await {
        Ok(signed) => text(signed.note),
        Err(error) => refused(error),
    }
}

/// The query of an inclusion proof.
#[derive(Debug, Deserialize)]
pub(crate) struct InclusionQuery {
    index: u64,
    size: u64,
}

/// `GET /councils/{slug}/log/proof/inclusion?index=I&size=N`.
pub(crate) async fn inclusion(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(query): Query<InclusionQuery>,
) -> Response {
    let (tenant, runtime) = match council(&state, &slug).await {
        Ok(council) => council,
        Err(response) => return response,
    };
    match proofs::inclusion(&runtime, tenant, query.index, query.size).await {
        Ok(proof) => Json(proof).into_response(),
        Err(error) => refused(error),
    }
}

/// The query of a consistency proof.
#[derive(Debug, Deserialize)]
pub(crate) struct ConsistencyQuery {
    from: u64,
    to: u64,
}

/// `GET /councils/{slug}/log/proof/consistency?from=M&to=N`.
pub(crate) async fn consistency(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(query): Query<ConsistencyQuery>,
) -> Response {
    let (tenant, runtime) = match council(&state, &slug).await {
        Ok(council) => council,
        Err(response) => return response,
    };
    match proofs::consistency(&runtime, tenant, query.from, query.to).await {
        Ok(proof) => Json(proof).into_response(),
        Err(error) => refused(error),
    }
}
