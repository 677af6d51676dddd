//! Queries of the meetings read model: a council's meetings, newest first, and meetings by id
//! (one, or many in one read). The public reads each row's public document, in which the
//! minutes of items withheld from it are replaced by their notices.

use std::collections::HashMap;

use civic_domain::values::MeetingId;
use civic_eventstore::TenantId;

use super::{ACTIVE_GENERATION, ReadModels, among};
use crate::db::{Param, int};
use crate::error::ProjectionError;
use crate::query::cursor::{Cursor, List};
use crate::query::{MeetingFilter, Page, PageRequest, Viewer};
use crate::views::MeetingView;

/// Meetings of the tenant's active generation. Takes the tenant twice.
const MEETINGS: &str = " FROM meetings m WHERE m.tenant_id = ? AND m.generation = \
     (SELECT g.active_generation FROM projection_generations g WHERE g.tenant_id = ?)";

/// The document column `viewer` reads.
fn document_for(viewer: Viewer) -> &'static str {
    match viewer {
        Viewer::Public => "m.public_document",
        Viewer::Clerk | Viewer::Auditor => "m.document",
    }
}

impl ReadModels {
    /// The tenant's meetings that match `filter`, newest first (then by id, descending), as
    /// `viewer` may see them.
    #[tracing::instrument(level = "debug", skip_all, fields(tenant = %tenant))]
    pub async fn meetings(
        &self,
        tenant: TenantId,
        viewer: Viewer,
        filter: &MeetingFilter,
        page: &PageRequest,
    ) -> Result<Page<MeetingView>, ProjectionError> {
        let size = page.size()?;
        let after = page
            .after
            .as_deref()
            .map(|text| Cursor::decode(List::Meetings, text))
            .transpose()?;
        let (conditions, filter_params) = filter.conditions();
        self.to_completion(move |session| async move {
            let mut tx = session.reader(Some(tenant)).await?;
            let mut scope = vec![Param::Uuid(tenant.as_uuid()), Param::Uuid(tenant.as_uuid())];
            scope.extend(filter_params);
            let total_count = match tx
                .row(
                    &format!("SELECT CAST(count(*) AS TEXT){MEETINGS}{conditions}"),
                    &scope,
                )
                .await?
            {
                Some(row) => row.u64(0)?,
                None => 0,
            };
            let document = document_for(viewer);
            let mut sql = format!(
                "SELECT CAST({document} AS TEXT), CAST(m.meeting_date AS TEXT), \
                 CAST(m.id AS TEXT){MEETINGS}{conditions}"
            );
            let mut params = scope;
            if let Some(after) = after {
                sql.push_str(" AND (m.meeting_date, m.id) < (?, ?)");
                params.extend([Param::Date(after.date), Param::Uuid(after.id)]);
            }
            sql.push_str(" ORDER BY m.meeting_date DESC, m.id DESC LIMIT ?");
            params.push(int(u64::from(size) + 1));
            let rows = tx.rows(&sql, &params).await?;
            let mut items = Vec::with_capacity(rows.len());
            for row in rows.iter().take(size as usize) {
                let cursor = Cursor {
                    date: row.date(1)?,
                    id: row.uuid(2)?,
                };
                items.push((cursor.encode(List::Meetings), row.json(0)?));
            }
            tx.commit().await?;
            Ok(Page {
                has_next_page: rows.len() > size as usize,
                items,
                total_count,
            })
        })
        .await
    }

    /// One meeting, as `viewer` may see it.
    #[tracing::instrument(level = "debug", skip_all, fields(tenant = %tenant))]
    pub async fn meeting(
        &self,
        tenant: TenantId,
        viewer: Viewer,
        id: MeetingId,
    ) -> Result<Option<MeetingView>, ProjectionError> {
        Ok(self
            .meetings_by_ids(tenant, viewer, &[id])
            .await?
            .remove(&id))
    }

    /// The meetings of `ids`, as `viewer` may see them, in one statement whatever their number.
    /// Ids of no meeting are absent from the map.
    #[tracing::instrument(level = "debug", skip_all, fields(tenant = %tenant))]
    pub async fn meetings_by_ids(
        &self,
        tenant: TenantId,
        viewer: Viewer,
        ids: &[MeetingId],
    ) -> Result<HashMap<MeetingId, MeetingView>, ProjectionError> {
        if ids.is_empty() {
            return Ok(HashMap::new());
        }
        let ids = ids.to_vec();
        self.to_completion(move |session| async move {
            let ids = &ids;
            let mut tx = session.reader(Some(tenant)).await?;
            let among = among(tx.dialect(), "m.id");
            let document = document_for(viewer);
            let sql = format!(
                "SELECT CAST({document} AS TEXT) FROM meetings m WHERE m.tenant_id = ? \
                 AND m.generation = {ACTIVE_GENERATION} AND {among}"
            );
            let rows = tx
                .rows(
                    &sql,
                    &[
                        Param::Uuid(tenant.as_uuid()),
                        Param::Uuid(tenant.as_uuid()),
                        Param::UuidList(ids.iter().map(MeetingId::as_uuid).collect()),
                    ],
                )
                .await?;
            let meetings = rows
                .iter()
                .map(|row| row.json(0))
                .collect::<Result<Vec<MeetingView>, _>>()?;
            tx.commit().await?;
            Ok(meetings.into_iter().map(|m| (m.id, m)).collect())
        })
        .await
    }
}
