//! A council's log as an outsider receives it: one line per event, in position order, each the
//! event's canonical JSON (sorted keys, no white space; see `docs/audit-chain.md`). The same line
//! is the event's leaf in the log's Merkle tree ([`crate::merkle`]), so whoever holds an export
//! recomputes every leaf and root from it alone.

use crate::canonical_json::CanonicalJson;
use crate::chain::{ChainBreak, ChainVerifier};
use crate::error::{InvalidInput, StoreError};
use crate::merkle::{self, Hash};
use crate::personal::Commitment;
use crate::store::EventStore;
use crate::types::{RecordedEvent, TenantId};

/// How many events one read of the log fetches.
const PAGE: u32 = 500;

/// The export line of `event`: its canonical JSON, without the line feed.
pub fn export_line(event: &RecordedEvent) -> Result<String, InvalidInput> {
    let value = serde_json::to_value(event)
        .map_err(|_| InvalidInput::new("event", "cannot be written as JSON"))?;
    Ok(CanonicalJson::from_value(&value)?.as_str().to_owned())
}

/// The event's leaf hash: SHA-256(0x00 || its export line).
pub fn leaf(event: &RecordedEvent) -> Result<Hash, InvalidInput> {
    Ok(merkle::leaf_hash(export_line(event)?.as_bytes()))
}

/// Calls `each` with every event of `tenant`'s log, in position order, a page at a time.
pub async fn for_each_event<S: EventStore>(
    store: &S,
    tenant: TenantId,
    mut each: impl FnMut(&RecordedEvent) -> Result<(), StoreError>,
) -> Result<u64, StoreError> {
    let mut after = 0;
    loop {
        let page = store.read_log(tenant, after, PAGE).await?;
        let Some(last) = page.last() else {
            return Ok(after);
        };
        after = last.position;
        for event in &page {
            each(event)?;
        }
    }
}

/// The leaf hashes of `tenant`'s whole log, in position order.
pub async fn leaves<S: EventStore>(store: &S, tenant: TenantId) -> Result<Vec<Hash>, StoreError> {
    let mut leaves = Vec::new();
    for_each_event(store, tenant, |event| {
        leaves.push(leaf(event)?);
        Ok(())
    })
    .await?;
    Ok(leaves)
}

/// What checking a whole log found: its size, the head of its hash chain, its Merkle leaves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    /// Events checked.
    pub size: u64,
    /// The chain's last hash.
    pub head: String,
    /// Every event's leaf hash, in position order.
    pub leaves: Vec<Hash>,
}

/// Reads `tenant`'s whole log and checks it: gapless positions from 1, every event's hash
/// recomputed and chained to the one before. The first break is the error, with its position.
pub async fn verify_log<S: EventStore>(
    store: &S,
    tenant: TenantId,
) -> Result<Result<Verified, ChainBreak>, StoreError> {
    let mut chain = ChainVerifier::default();
    let mut leaves = Vec::new();
    let mut broken = None;
    for_each_event(store, tenant, |event| {
        if broken.is_none() {
            match chain.check(event) {
                Ok(()) => leaves.push(leaf(event)?),
                Err(error) => broken = Some(error),
            }
        }
        Ok(())
    })
    .await?;
    if let Some(error) = broken {
        return Ok(Err(error));
    }
    let (size, head) = chain.head();
    Ok(Ok(Verified {
        size,
        head: head.to_owned(),
        leaves,
    }))
}

/// The first personal value held beside `tenant`'s log whose value or salt no longer matches
/// its commitment (changed behind the store's back), with its event's position.
pub async fn first_unmatched_personal<S: EventStore>(
    store: &S,
    tenant: TenantId,
) -> Result<Option<(u64, Commitment)>, StoreError> {
    Ok(store
        .personal_values(tenant)
        .await?
        .into_iter()
        .find(|(_, value)| !value.matches())
        .map(|(position, value)| (position, value.commitment)))
}
