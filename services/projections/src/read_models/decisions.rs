//! Queries of the decisions read model: the list with its filters and keyset pages, and
//! decisions by id (one, or many in one read). Each viewer reads the rows written for its
//! audience.

use std::collections::HashMap;

use civic_domain::values::DecisionId;
use civic_eventstore::TenantId;

use super::{ACTIVE_GENERATION, COUNCIL_AT, ReadModels, among};
use crate::db::Param;
use crate::error::ProjectionError;
use crate::query::cursor::{Cursor, List, RankedCursor};
use crate::query::filter::{After, decisions_count, decisions_page};
use crate::query::{DecisionFilter, Page, PageRequest, Viewer};
use crate::views::{DecisionView, Detail};

impl ReadModels {
    /// A page of the tenant's decisions that `viewer` may see and `filter` selects, newest
    /// decision first (date of decision descending, then id descending), or the best matches of
    /// its text search first ([`crate::DecisionOrder::Relevance`]), a page at a time either way.
    ///
    /// With [`Detail::Summary`] each item is the stored summary of the viewer's view
    /// ([`DecisionView::summary`]: long fields such as purpose, resolutions and reasons are
    /// emptied, and [`DecisionView::detail`] says so); with [`Detail::Full`], the whole view.
    #[tracing::instrument(level = "debug", skip_all, fields(tenant = %tenant))]
    pub async fn decisions(
        &self,
        tenant: TenantId,
        viewer: Viewer,
        filter: &DecisionFilter,
        page: &PageRequest,
        detail: Detail,
    ) -> Result<Page<DecisionView>, ProjectionError> {
        let size = page.size()?;
        let after = page
            .after
            .as_deref()
            .map(|text| After::decode(filter, text))
            .transpose()?;
        let audience = viewer.audience();
        let filter = filter.clone();
        self.to_completion(move |session| async move {
            let mut tx = session.reader(Some(tenant)).await?;
            let dialect = tx.dialect();
            // One statement: the page, the list's total and where the council's view stands, so a
            // register page costs one query (and one consistent snapshot).
            let count = decisions_count(dialect, tenant, audience, &filter);
            let select =
                decisions_page(dialect, tenant, audience, &filter, after, size + 1, detail);
            let sql = if filter.ranked() {
                format!(
                    "SELECT p.document, p.sort_date, p.id, ({}), {COUNCIL_AT}, \
                     CAST(p.rank AS TEXT) FROM ({}) p ORDER BY p.rank DESC, 2 DESC, 3 DESC",
                    count.text, select.text
                )
            } else {
                format!(
                    "SELECT p.*, ({}), {COUNCIL_AT} FROM ({}) p ORDER BY 2 DESC, 3 DESC",
                    count.text, select.text
                )
            };
            let mut params = count.params.clone();
            params.extend([Param::Uuid(tenant.as_uuid()), Param::Uuid(tenant.as_uuid())]);
            params.extend(select.params);
            let rows = tx.rows(&sql, &params).await?;
            let total_count = match rows.first() {
                Some(row) => row.u64(3)?,
                // Past the end of a list, the page is empty but the list is not.
                None if after.is_some() => match tx.row(&count.text, &count.params).await? {
                    Some(row) => row.u64(0)?,
                    None => 0,
                },
                None => 0,
            };
            let seen = match rows.first() {
                Some(row) => match (row.opt(4), row.opt(5)) {
                    (Some(_), Some(_)) => Some((row.u64(4)?, row.u64(5)?)),
                    _ => None,
                },
                None => None,
            };
            let council = session.council_at(&mut tx, tenant, seen).await?;
            tx.commit().await?;
            let has_next_page = rows.len() > size as usize;
            let mut items = Vec::with_capacity(rows.len().min(size as usize));
            for row in rows.iter().take(size as usize) {
                let mut view: DecisionView = row.json(0)?;
                if let Some(council) = &council {
                    view.resolve_names(council);
                }
                let key = Cursor {
                    date: row.date(1)?,
                    id: row.uuid(2)?,
                };
                let cursor = if filter.ranked() {
                    let score = row.text(6)?.parse().map_err(|_| {
                        ProjectionError::Corrupt(format!(
                            "a relevance score that is not a whole number: {:?}",
                            row.opt(6)
                        ))
                    })?;
                    RankedCursor { score, key }.encode()
                } else {
                    key.encode(List::Decisions)
                };
                items.push((cursor, view));
            }
            Ok(Page {
                items,
                has_next_page,
                total_count,
            })
        })
        .await
    }

    /// One decision as `viewer` may see it; `None` if it does not exist or the viewer may not
    /// see it (the public cannot tell an unpublished decision from a missing one).
    #[tracing::instrument(level = "debug", skip_all, fields(tenant = %tenant))]
    pub async fn decision(
        &self,
        tenant: TenantId,
        viewer: Viewer,
        id: DecisionId,
    ) -> Result<Option<DecisionView>, ProjectionError> {
        Ok(self
            .decisions_by_ids(tenant, viewer, &[id])
            .await?
            .remove(&id))
    }

    /// The decisions of `ids` as `viewer` may see them, in one read and one statement, whatever
    /// the number of ids: how the gateway answers every lookup by id of a request at once. An
    /// id that does not exist, or that the viewer may not see, is absent from the map, as
    /// [`ReadModels::decision`] would answer `None` for it.
    #[tracing::instrument(level = "debug", skip_all, fields(tenant = %tenant))]
    pub async fn decisions_by_ids(
        &self,
        tenant: TenantId,
        viewer: Viewer,
        ids: &[DecisionId],
    ) -> Result<HashMap<DecisionId, DecisionView>, ProjectionError> {
        if ids.is_empty() {
            return Ok(HashMap::new());
        }
        let ids = ids.to_vec();
        self.to_completion(move |session| async move {
            let ids = &ids;
            let mut tx = session.reader(Some(tenant)).await?;
            let among = among(tx.dialect(), "d.id");
            let sql = format!(
                "SELECT CAST(d.document AS TEXT), {COUNCIL_AT} FROM decisions d \
                 WHERE d.tenant_id = ? AND d.generation = {ACTIVE_GENERATION} \
                 AND d.audience = ? AND {among}"
            );
            let rows = tx
                .rows(
                    &sql,
                    &[
                        Param::Uuid(tenant.as_uuid()),
                        Param::Uuid(tenant.as_uuid()),
                        Param::Uuid(tenant.as_uuid()),
                        Param::Uuid(tenant.as_uuid()),
                        Param::Text(viewer.audience().as_str().to_owned()),
                        Param::UuidList(ids.iter().map(DecisionId::as_uuid).collect()),
                    ],
                )
                .await?;
            let seen = match rows.first() {
                Some(row) => match (row.opt(1), row.opt(2)) {
                    (Some(_), Some(_)) => Some((row.u64(1)?, row.u64(2)?)),
                    _ => None,
                },
                None => None,
            };
            let council = session.council_at(&mut tx, tenant, seen).await?;
            tx.commit().await?;
            let mut views = HashMap::with_capacity(rows.len());
            for row in &rows {
                let mut view: DecisionView = row.json(0)?;
                if let Some(council) = &council {
                    view.resolve_names(council);
                }
                views.insert(view.id, view);
            }
            Ok(views)
        })
        .await
    }
}
