//! A council's verifiable log as both edges serve it (REST in [`crate::http::log`], GraphQL in
//! [`crate::graphql::objects::log`]): the latest signed checkpoint, and inclusion and
//! consistency proofs (RFC 9162, C2SP formats; see `docs/audit-chain.md`). Hashes are given in
//! standard base64, as checkpoints write the root. The same structs are the REST routes' JSON
//! (snake_case) and GraphQL's objects (camelCase), so the two cannot drift apart.

use async_graphql::SimpleObject;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use civic_eventstore::checkpoint::{Checkpoint, LogKey, council_origin};
use civic_eventstore::export::leaves;
use civic_eventstore::merkle::{self, Hash};
use civic_eventstore::{StoreError, TenantId};
use serde::Serialize;

use civic_runtime::Runtime;

/// Why a checkpoint or proof cannot be given.
#[derive(Debug, thiserror::Error)]
pub enum ProofError {
    /// No signing key is configured: the service cannot sign (REST 503; GraphQL INTERNAL).
    #[error("no checkpoint signing key is configured (CIVIC_LOG_KEY)")]
    NoKey,
    /// The log could not be read (REST 503; GraphQL INTERNAL, logged).
    #[error("the council's log could not be read")]
    Store(#[from] StoreError),
    /// The index or sizes asked for do not fit the log: the caller's to change (REST 400;
    /// GraphQL BAD_USER_INPUT).
    #[error("{0}")]
    Refused(String),
}

/// The log's latest checkpoint, signed.
#[derive(Debug, Clone, SimpleObject)]
#[graphql(name = "LogCheckpoint")]
pub struct SignedCheckpoint {
    /// Events in the log.
    pub size: u64,
    /// The Merkle root, base64.
    pub root_hash: String,
    /// The signed note (C2SP signed-note text, ending in a line feed), exactly as
    /// `GET /councils/{slug}/log/checkpoint` serves it.
    pub note: String,
}

/// An inclusion proof (RFC 9162): the event at leaf `index` is in the tree of `size` events.
#[derive(Debug, Clone, Serialize, SimpleObject)]
pub struct InclusionProof {
    /// The leaf's index (its position minus one).
    pub index: u64,
    /// The tree size the proof is for.
    pub size: u64,
    /// The leaf's hash, for convenience (a verifier recomputes it from the export line).
    pub leaf_hash: String,
    /// The audit path, base64, from the leaf up (RFC 9162 order).
    pub hashes: Vec<String>,
}

/// A consistency proof (RFC 9162): the tree of `to` events extends the tree of `from`.
#[derive(Debug, Clone, Serialize, SimpleObject)]
pub struct ConsistencyProof {
    /// The smaller tree size.
    pub from: u64,
    /// The larger tree size.
    pub to: u64,
    /// The proof's hashes, base64.
    pub hashes: Vec<String>,
}

fn base64(hashes: &[Hash]) -> Vec<String> {
    hashes.iter().map(|h| STANDARD.encode(h)).collect()
}

/// The log's first `size` leaves, or why there are not that many.
fn first(leaves: &[Hash], size: u64) -> Result<&[Hash], ProofError> {
    usize::try_from(size)
        .ok()
        .and_then(|n| leaves.get(..n))
        .ok_or_else(|| {
            ProofError::Refused(format!(
                "the log holds {} events, fewer than {size}",
                leaves.len()
            ))
        })
}

/// The latest checkpoint of the council `slug` (tenant `tenant`), signed with the platform key.
pub async fn checkpoint(
    key: Option<&LogKey>,
    runtime: &Runtime,
    tenant: TenantId,
    slug: &str,
) -> Result<SignedCheckpoint, ProofError> {
    let key = key.ok_or(ProofError::NoKey)?;
    let leaves = leaves(runtime.store(), tenant).await?;
    let checkpoint = Checkpoint {
        origin: council_origin(slug),
        size: leaves.len() as u64,
        root: merkle::root(&leaves),
    };
    Ok(SignedCheckpoint {
        size: checkpoint.size,
        root_hash: STANDARD.encode(checkpoint.root),
        note: key.sign(&checkpoint),
    })
}

/// The proof that the event at leaf `index` is in the tree of the log's first `size` events.
pub async fn inclusion(
    runtime: &Runtime,
    tenant: TenantId,
    index: u64,
    size: u64,
) -> Result<InclusionProof, ProofError> {
    let leaves = leaves(runtime.store(), tenant).await?;
    let tree = first(&leaves, size)?;
    let at = usize::try_from(index).unwrap_or(usize::MAX);
    let path = merkle::inclusion_proof(at, tree).map_err(|e| ProofError::Refused(e.to_string()))?;
    Ok(InclusionProof {
        index,
        size,
        leaf_hash: STANDARD.encode(tree[at]),
        hashes: base64(&path),
    })
}

/// The proof that the tree of the first `to` events extends the tree of the first `from`.
pub async fn consistency(
    runtime: &Runtime,
    tenant: TenantId,
    from: u64,
    to: u64,
) -> Result<ConsistencyProof, ProofError> {
    let leaves = leaves(runtime.store(), tenant).await?;
    let tree = first(&leaves, to)?;
    let size = usize::try_from(from).unwrap_or(usize::MAX);
    let proof =
        merkle::consistency_proof(size, tree).map_err(|e| ProofError::Refused(e.to_string()))?;
    Ok(ConsistencyProof {
        from,
        to,
        hashes: base64(&proof),
    })
}
