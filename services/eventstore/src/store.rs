//! The event store trait: the one interface every backend implements and every caller uses.

use crate::CommandRecord;
use std::future::Future;

use uuid::Uuid;

use crate::error::StoreError;
use crate::personal::{PersonalMatch, PersonalValue};
use crate::types::{AppendOutcome, AppendRequest, LogHead, RecordedEvent, StreamName, TenantId};

/// A per-tenant, append-only, hash-chained event log.
///
/// All concurrency control and idempotency live here, in the backend, inside one database
/// transaction; callers decide (with the pure domain) and then append with the version they
/// decided on.
pub trait EventStore: Send + Sync {
    /// Appends a batch of events to one stream atomically.
    ///
    /// - The stream must be at `expected` (or [`crate::ExpectedVersion::Any`]), else
    ///   [`StoreError::Conflict`] and nothing is written.
    /// - A command id already committed returns the original [`Committed`] with `replayed: true`
    ///   and appends nothing.
    /// - Events get the next gapless positions of the tenant's log, which commit in order, and a
    ///   hash chained to the previous event.
    fn append(
        &self,
        request: AppendRequest,
    ) -> impl Future<Output = Result<AppendOutcome, StoreError>> + Send;

    /// The events of a tenant's log with `position > after`, in order, at most `limit`.
    fn read_log(
        &self,
        tenant: TenantId,
        after: u64,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<RecordedEvent>, StoreError>> + Send;

    /// The events of one stream with `stream_version > after`, in order.
    fn read_stream(
        &self,
        tenant: TenantId,
        stream: &StreamName,
        after: u64,
    ) -> impl Future<Output = Result<Vec<RecordedEvent>, StoreError>> + Send;

    /// The last position and hash of a tenant's log.
    fn head(&self, tenant: TenantId) -> impl Future<Output = Result<LogHead, StoreError>> + Send;

    /// Where an already committed command landed and what it asked for, if it was committed.
    fn find_command(
        &self,
        tenant: TenantId,
        command_id: Uuid,
    ) -> impl Future<Output = Result<Option<CommandRecord>, StoreError>> + Send;

    /// Every tenant that has at least one event, in id order.
    fn tenants(&self) -> impl Future<Output = Result<Vec<TenantId>, StoreError>> + Send;

    /// The personal values held beside a tenant's log whose value contains `needle` (ignoring
    /// case), in position order: what an erasure of `needle` would erase.
    fn find_personal(
        &self,
        tenant: TenantId,
        needle: &str,
    ) -> impl Future<Output = Result<Vec<PersonalMatch>, StoreError>> + Send;

    /// Every personal value held beside a tenant's log, with the position of its event, in
    /// position order: for checking each against its commitment.
    fn personal_values(
        &self,
        tenant: TenantId,
    ) -> impl Future<Output = Result<Vec<(u64, PersonalValue)>, StoreError>> + Send;

    /// Rewrites the tables named (personal values and, from callers, read models) so that no
    /// byte of a deleted row, such as an erased personal value, stays in the database's files.
    /// Briefly locks the tables on PostgreSQL (`VACUUM FULL`).
    fn reclaim_deleted(
        &self,
        tables: &[&str],
    ) -> impl Future<Output = Result<(), StoreError>> + Send;
}
