//! The verifiable log of each council, for outsiders (RFC 9162 and C2SP formats; see
//! `docs/audit-chain.md`): the latest signed checkpoint, inclusion and consistency proofs, and
//! the platform's verifier key. Public: they give hashes only, and every leaf carries an event id
//! and a timestamp to the microsecond, so no leaf can be guessed from its hash.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use civic_eventstore::checkpoint::{Checkpoint, council_origin};
use civic_eventstore::export::leaves;
use civic_eventstore::merkle::{self, Hash};
use serde::{Deserialize, Serialize};

use super::AppState;

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

/// Every leaf of the council's log, or the response saying why not.
async fn council_leaves(state: &AppState, slug: &str) -> Result<Vec<Hash>, Response> {
    let services = &state.services;
    let tenant = match services.read_models().tenant_for_slug(slug).await {
        Ok(Some(tenant)) => tenant,
        Ok(None) => {
            return Err(refuse(
                StatusCode::NOT_FOUND,
                format!("no council {slug:?}"),
            ));
        }
        Err(error) => {
            tracing::warn!(%error, "log: the council could not be looked up");
            return Err(refuse(
                StatusCode::SERVICE_UNAVAILABLE,
                "database unreachable",
            ));
        }
    };
    match leaves(services.runtime.store(), tenant).await {
        Ok(leaves) => Ok(leaves),
        Err(error) => {
            tracing::warn!(%error, "log: the council's log could not be read");
            Err(refuse(
                StatusCode::SERVICE_UNAVAILABLE,
                "database unreachable",
            ))
        }
    }
}

/// The log's first `size` leaves, or why there are not that many.
fn first(leaves: &[Hash], size: u64) -> Result<&[Hash], String> {
    usize::try_from(size)
        .ok()
        .and_then(|n| leaves.get(..n))
        .ok_or_else(|| format!("the log holds {} events, fewer than {size}", leaves.len()))
}

/// `GET /log/key`: the verifier key of the platform's checkpoint signatures (C2SP note form).
pub(crate) async fn key(State(state): State<AppState>) -> Response {
    match &state.services.log_key {
        Some(key) => text(format!("{}\n", key.verifier_key())),
        None => refuse(
            StatusCode::SERVICE_UNAVAILABLE,
            "no checkpoint signing key is configured (CIVIC_LOG_KEY)",
        ),
    }
}

/// `GET /councils/{slug}/log/checkpoint`: the log's latest checkpoint, signed.
pub(crate) async fn checkpoint(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> Response {
    let Some(key) = state.services.log_key.clone() else {
        return refuse(
            StatusCode::SERVICE_UNAVAILABLE,
            "no checkpoint signing key is configured (CIVIC_LOG_KEY)",
        );
    };
    let leaves = match council_leaves(&state, &slug).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    text(key.sign(&Checkpoint {
        origin: council_origin(&slug),
        size: leaves.len() as u64,
        root: merkle::root(&leaves),
    }))
}

/// The query of an inclusion proof.
#[derive(Debug, Deserialize)]
pub(crate) struct InclusionQuery {
    index: u64,
    size: u64,
}

/// An inclusion proof: leaf `index` is in the tree of `size` leaves.
#[derive(Debug, Serialize)]
struct InclusionProof {
    index: u64,
    size: u64,
    /// The leaf's hash, for convenience (a verifier recomputes it from the export line).
    leaf_hash: String,
    hashes: Vec<String>,
}

/// `GET /councils/{slug}/log/proof/inclusion?index=I&size=N`.
pub(crate) async fn inclusion(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(query): Query<InclusionQuery>,
) -> Response {
    let leaves = match council_leaves(&state, &slug).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let tree = match first(&leaves, query.size) {
        Ok(tree) => tree,
        Err(why) => return refuse(StatusCode::BAD_REQUEST, why),
    };
    let index = usize::try_from(query.index).unwrap_or(usize::MAX);
    match merkle::inclusion_proof(index, tree) {
        Ok(path) => Json(InclusionProof {
            index: query.index,
            size: query.size,
            leaf_hash: STANDARD.encode(tree[index]),
            hashes: path.iter().map(|h| STANDARD.encode(h)).collect(),
        })
        .into_response(),
        Err(error) => refuse(StatusCode::BAD_REQUEST, error.to_string()),
    }
}

/// The query of a consistency proof.
#[derive(Debug, Deserialize)]
pub(crate) struct ConsistencyQuery {
    from: u64,
    to: u64,
}

/// A consistency proof: the tree of `to` leaves extends the tree of `from` leaves.
#[derive(Debug, Serialize)]
struct ConsistencyProof {
    from: u64,
    to: u64,
    hashes: Vec<String>,
}

/// `GET /councils/{slug}/log/proof/consistency?from=M&to=N`.
pub(crate) async fn consistency(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(query): Query<ConsistencyQuery>,
) -> Response {
    let leaves = match council_leaves(&state, &slug).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let tree = match first(&leaves, query.to) {
        Ok(tree) => tree,
        Err(why) => return refuse(StatusCode::BAD_REQUEST, why),
    };
    let from = usize::try_from(query.from).unwrap_or(usize::MAX);
    match merkle::consistency_proof(from, tree) {
        Ok(proof) => Json(ConsistencyProof {
            from: query.from,
            to: query.to,
            hashes: proof.iter().map(|h| STANDARD.encode(h)).collect(),
        })
        .into_response(),
        Err(error) => refuse(StatusCode::BAD_REQUEST, error.to_string()),
    }
}
