//! Queries of the strategy documents read model: the list, and documents by id (one, or many
//! in one read).

use std::collections::HashMap;

use civic_domain::values::StrategyDocumentId;
use civic_eventstore::TenantId;

use super::{ACTIVE_GENERATION, ReadModels, among, public_decisions_in};
use crate::db::{Param, Tx};
use crate::error::ProjectionError;
use crate::query::Viewer;
use crate::views::StrategyDocumentView;

impl ReadModels {
    /// The tenant's strategy documents, by current title. For the public, links to decisions
    /// not yet published are dropped.
    #[tracing::instrument(level = "debug", skip_all, fields(tenant = %tenant))]
    pub async fn strategy_documents(
        &self,
        tenant: TenantId,
        viewer: Viewer,
    ) -> Result<Vec<StrategyDocumentView>, ProjectionError> {
        self.to_completion(move |session| async move {
            let mut tx = session.reader(Some(tenant)).await?;
            let sql = format!(
                "SELECT CAST(s.document AS TEXT) FROM strategy_documents s WHERE s.tenant_id = ? \
                 AND s.generation = {ACTIVE_GENERATION} ORDER BY s.title, s.id"
            );
            let rows = tx
                .rows(
                    &sql,
                    &[Param::Uuid(tenant.as_uuid()), Param::Uuid(tenant.as_uuid())],
                )
                .await?;
            let mut documents = rows
                .iter()
                .map(|row| row.json(0))
                .collect::<Result<Vec<StrategyDocumentView>, _>>()?;
            present(&mut tx, tenant, viewer, &mut documents).await?;
            tx.commit().await?;
            Ok(documents)
        })
        .await
    }

    /// One strategy document.
    #[tracing::instrument(level = "debug", skip_all, fields(tenant = %tenant))]
    pub async fn strategy_document(
        &self,
        tenant: TenantId,
        viewer: Viewer,
        id: StrategyDocumentId,
    ) -> Result<Option<StrategyDocumentView>, ProjectionError> {
        Ok(self
            .strategy_documents_by_ids(tenant, viewer, &[id])
            .await?
            .remove(&id))
    }

    /// The strategy documents of `ids`, in one read: one statement for the documents whatever
    /// their number (then, for the public, which linked decisions it may see). Ids of no
    /// document are absent from the map.
    #[tracing::instrument(level = "debug", skip_all, fields(tenant = %tenant))]
    pub async fn strategy_documents_by_ids(
        &self,
        tenant: TenantId,
        viewer: Viewer,
        ids: &[StrategyDocumentId],
    ) -> Result<HashMap<StrategyDocumentId, StrategyDocumentView>, ProjectionError> {
        if ids.is_empty() {
            return Ok(HashMap::new());
        }
        let ids = ids.to_vec();
        self.to_completion(move |session| async move {
            let ids = &ids;
            let mut tx = session.reader(Some(tenant)).await?;
            let among = among(tx.dialect(), "s.id");
            let sql = format!(
                "SELECT CAST(s.document AS TEXT) FROM strategy_documents s WHERE s.tenant_id = ? \
                 AND s.generation = {ACTIVE_GENERATION} AND {among}"
            );
            let rows = tx
                .rows(
                    &sql,
                    &[
                        Param::Uuid(tenant.as_uuid()),
                        Param::Uuid(tenant.as_uuid()),
                        Param::UuidList(ids.iter().map(StrategyDocumentId::as_uuid).collect()),
                    ],
                )
                .await?;
            let mut documents = rows
                .iter()
                .map(|row| row.json(0))
                .collect::<Result<Vec<StrategyDocumentView>, _>>()?;
            present(&mut tx, tenant, viewer, &mut documents).await?;
            tx.commit().await?;
            Ok(documents
                .into_iter()
                .map(|document| (document.id, document))
                .collect())
        })
        .await
    }
}

/// For the public, drops links to decisions it may not see.
async fn present(
    tx: &mut Tx,
    tenant: TenantId,
    viewer: Viewer,
    documents: &mut [StrategyDocumentView],
) -> Result<(), ProjectionError> {
    if viewer != Viewer::Public {
        return Ok(());
    }
    let linked: Vec<_> = documents
        .iter()
        .flat_map(StrategyDocumentView::decision_ids)
        .collect();
    let visible = public_decisions_in(tx, tenant, &linked).await?;
    for document in documents.iter_mut() {
        document.keep_decisions(&visible);
    }
    Ok(())
}
