//! Queries of the forward plan: entries still awaiting decision, by date due, entries by id
//! (one, or many in one read), and the entries changed last (for the feed).

use std::collections::HashMap;

use chrono::NaiveDate;
use civic_domain::values::{ForwardPlanEntryId, ForwardPlanId};
use civic_eventstore::TenantId;

use super::{ACTIVE_GENERATION, ReadModels, among, council_in, public_decisions_in};
use crate::db::{Param, TextRow, Tx, int};
use crate::error::ProjectionError;
use crate::query::cursor::{Cursor, List};
use crate::query::{Page, PageRequest, Viewer};
use crate::views::{CouncilView, ForwardPlanView};

/// Entries of the tenant's active generation still awaiting decision (for determination, on
/// hold or deferred), due on or after a day. `date_due` is the view's sort key
/// (`ForwardPlanView::sort_date`): a month counts until its last day, an undated entry last.
const PLANNED: &str = " FROM forward_plan_entries f WHERE f.tenant_id = ? AND f.generation = \
     (SELECT g.active_generation FROM projection_generations g WHERE g.tenant_id = ?) \
     AND f.status IN ('planned', 'on_hold', 'deferred') AND f.date_due >= ?";

impl ReadModels {
    /// The forward plan: entries still awaiting decision (on hold and deferred included), due on
    /// or after `from`, soonest first (then by id; undated entries last). Notices are public, so every viewer sees the same entries; for the public,
    /// links to decisions not yet published are dropped.
    #[tracing::instrument(level = "debug", skip_all, fields(tenant = %tenant))]
    pub async fn forward_plan(
        &self,
        tenant: TenantId,
        viewer: Viewer,
        from: NaiveDate,
        page: &PageRequest,
    ) -> Result<Page<ForwardPlanView>, ProjectionError> {
        let size = page.size()?;
        let after = page
            .after
            .as_deref()
            .map(|text| Cursor::decode(List::ForwardPlan, text))
            .transpose()?;
        let scope = [
            Param::Uuid(tenant.as_uuid()),
            Param::Uuid(tenant.as_uuid()),
            Param::Date(from),
        ];
        self.to_completion(move |session| async move {
            let mut tx = session.reader(Some(tenant)).await?;
            let total_count = match tx
                .row(&format!("SELECT CAST(count(*) AS TEXT){PLANNED}"), &scope)
                .await?
            {
                Some(row) => row.u64(0)?,
                None => 0,
            };
            let mut sql = format!(
                "SELECT CAST(f.document AS TEXT), CAST(f.date_due AS TEXT), CAST(f.id AS TEXT){PLANNED}"
            );
            let mut params = scope.to_vec();
            if let Some(after) = after {
                sql.push_str(" AND (f.date_due, f.id) > (?, ?)");
                params.extend([Param::Date(after.date), Param::Uuid(after.id)]);
            }
            sql.push_str(" ORDER BY f.date_due, f.id LIMIT ?");
            params.push(int(u64::from(size) + 1));
            let rows = tx.rows(&sql, &params).await?;
            let mut cursors = Vec::with_capacity(rows.len());
            let mut entries = Vec::with_capacity(rows.len());
            for row in rows.iter().take(size as usize) {
                let cursor = Cursor {
                    date: row.date(1)?,
                    id: row.uuid(2)?,
                };
                cursors.push(cursor.encode(List::ForwardPlan));
                entries.push(row.json(0)?);
            }
            let council = council_in(&mut tx, tenant).await?;
            present(&mut tx, tenant, viewer, council.as_ref(), &mut entries).await?;
            tx.commit().await?;
            Ok(Page {
                has_next_page: rows.len() > size as usize,
                items: cursors.into_iter().zip(entries).collect(),
                total_count,
            })
        })
        .await
    }

    /// One forward-plan entry, whatever its status.
    #[tracing::instrument(level = "debug", skip_all, fields(tenant = %tenant))]
    pub async fn forward_plan_entry(
        &self,
        tenant: TenantId,
        viewer: Viewer,
        id: ForwardPlanEntryId,
    ) -> Result<Option<ForwardPlanView>, ProjectionError> {
        Ok(self
            .forward_plan_entries_by_ids(tenant, viewer, &[id])
            .await?
            .remove(&id))
    }

    /// The forward-plan entries of `ids`, whatever their status, in one read: one statement for
    /// the entries whatever their number (then the council's names and, for the public, which
    /// linked decisions it may see). Ids of no entry are absent from the map.
    #[tracing::instrument(level = "debug", skip_all, fields(tenant = %tenant))]
    pub async fn forward_plan_entries_by_ids(
        &self,
        tenant: TenantId,
        viewer: Viewer,
        ids: &[ForwardPlanEntryId],
    ) -> Result<HashMap<ForwardPlanEntryId, ForwardPlanView>, ProjectionError> {
        if ids.is_empty() {
            return Ok(HashMap::new());
        }
        let ids = ids.to_vec();
        self.to_completion(move |session| async move {
            let ids = &ids;
            let mut tx = session.reader(Some(tenant)).await?;
            let among = among(tx.dialect(), "f.id");
            let sql = format!(
                "SELECT CAST(f.document AS TEXT) FROM forward_plan_entries f WHERE f.tenant_id = ? \
                 AND f.generation = {ACTIVE_GENERATION} AND {among}"
            );
            let rows = tx
                .rows(
                    &sql,
                    &[
                        Param::Uuid(tenant.as_uuid()),
                        Param::Uuid(tenant.as_uuid()),
                        Param::UuidList(ids.iter().map(ForwardPlanEntryId::as_uuid).collect()),
                    ],
                )
                .await?;
            let entries = presented(tx, tenant, viewer, &rows).await?;
            Ok(entries.into_iter().map(|entry| (entry.id, entry)).collect())
        })
        .await
    }
}

impl ReadModels {
    /// The `limit` entries changed last, whatever their status: by the log position of each
    /// entry's last event, latest first (then by id). What a feed of the plan's new and changed
    /// notices holds; the read model keeps no time of a change, only its position.
    #[tracing::instrument(level = "debug", skip_all, fields(tenant = %tenant))]
    pub async fn latest_forward_plan_entries(
        &self,
        tenant: TenantId,
        viewer: Viewer,
        limit: u32,
    ) -> Result<Vec<ForwardPlanView>, ProjectionError> {
        if limit == 0 {
            return Ok(Vec::new());
        }
        self.to_completion(move |session| async move {
            let mut tx = session.reader(Some(tenant)).await?;
            let sql = format!(
                "SELECT CAST(f.document AS TEXT) FROM forward_plan_entries f WHERE f.tenant_id = ? \
                 AND f.generation = {ACTIVE_GENERATION} \
                 ORDER BY f.last_position DESC, f.id LIMIT ?"
            );
            let rows = tx
                .rows(
                    &sql,
                    &[
                        Param::Uuid(tenant.as_uuid()),
                        Param::Uuid(tenant.as_uuid()),
                        int(u64::from(limit)),
                    ],
                )
                .await?;
            presented(tx, tenant, viewer, &rows).await
        })
        .await
    }
}

impl ReadModels {
    /// The entries a forward plan document lists, whatever their status, by date due (undated
    /// last) then id: what the plan showed, month by month, through `forward_plan_listings`.
    #[tracing::instrument(level = "debug", skip_all, fields(tenant = %tenant))]
    pub async fn forward_plan_entries_on_plan(
        &self,
        tenant: TenantId,
        viewer: Viewer,
        plan: ForwardPlanId,
    ) -> Result<Vec<ForwardPlanView>, ProjectionError> {
        self.to_completion(move |session| async move {
            let mut tx = session.reader(Some(tenant)).await?;
            let sql = format!(
                "SELECT CAST(f.document AS TEXT) FROM forward_plan_listings l \
                 JOIN forward_plan_entries f ON f.tenant_id = l.tenant_id \
                 AND f.generation = l.generation AND f.id = l.entry_id \
                 WHERE l.tenant_id = ? AND l.generation = {ACTIVE_GENERATION} AND l.plan_id = ? \
                 ORDER BY f.date_due, f.id"
            );
            let rows = tx
                .rows(
                    &sql,
                    &[
                        Param::Uuid(tenant.as_uuid()),
                        Param::Uuid(tenant.as_uuid()),
                        Param::Uuid(plan.as_uuid()),
                    ],
                )
                .await?;
            presented(tx, tenant, viewer, &rows).await
        })
        .await
    }
}

/// The entries of `rows` (each a stored document in its first column) as `viewer` may see them
/// ([`present`]), the read then ended.
async fn presented(
    mut tx: Tx,
    tenant: TenantId,
    viewer: Viewer,
    rows: &[TextRow],
) -> Result<Vec<ForwardPlanView>, ProjectionError> {
    let mut entries = rows
        .iter()
        .map(|row| row.json(0))
        .collect::<Result<Vec<ForwardPlanView>, _>>()?;
    let council = council_in(&mut tx, tenant).await?;
    present(&mut tx, tenant, viewer, council.as_ref(), &mut entries).await?;
    tx.commit().await?;
    Ok(entries)
}

/// Resolves names and, for the public, drops links to decisions it may not see.
async fn present(
    tx: &mut Tx,
    tenant: TenantId,
    viewer: Viewer,
    council: Option<&CouncilView>,
    entries: &mut [ForwardPlanView],
) -> Result<(), ProjectionError> {
    if let Some(council) = council {
        for entry in entries.iter_mut() {
            entry.resolve_names(council);
        }
    }
    if viewer == Viewer::Public {
        let linked: Vec<_> = entries.iter().filter_map(|e| e.decision).collect();
        let visible = public_decisions_in(tx, tenant, &linked).await?;
        for entry in entries.iter_mut() {
            entry.keep_decisions(&visible);
        }
    }
    Ok(())
}
