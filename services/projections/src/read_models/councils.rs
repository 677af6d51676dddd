//! Queries of the councils read model: public reference data, readable without a tenant.

use civic_eventstore::TenantId;

use super::{ReadModels, council_in};
use crate::error::ProjectionError;
use crate::views::CouncilView;

impl ReadModels {
    /// Every council the register holds, by name: the platform's directory.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn councils(&self) -> Result<Vec<CouncilView>, ProjectionError> {
        self.to_completion(move |session| async move {
            let mut tx = session.reader(None).await?;
            let rows = tx
                .rows(
                    "SELECT CAST(c.document AS TEXT) FROM councils c \
                     JOIN projection_generations g \
                       ON g.tenant_id = c.tenant_id AND g.active_generation = c.generation \
                     ORDER BY c.name, c.tenant_id",
                    &[],
                )
                .await?;
            tx.commit().await?;
            rows.iter().map(|row| row.json(0)).collect()
        })
        .await
    }

    /// One council, if its registration has been projected.
    #[tracing::instrument(level = "debug", skip_all, fields(tenant = %tenant))]
    pub async fn council(&self, tenant: TenantId) -> Result<Option<CouncilView>, ProjectionError> {
        self.to_completion(move |session| async move {
            let mut tx = session.reader(Some(tenant)).await?;
            let council = council_in(&mut tx, tenant).await?;
            tx.commit().await?;
            Ok(council)
        })
        .await
    }
}
