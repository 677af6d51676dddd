//! The platform's registry: which tenant holds each slug and, when councils are spread over
//! several databases, which database each council lives in (`council_placements`, docs/scaling.md).
//!
//! Both are written before a council's `Register` command is appended, in one transaction of the
//! directory's database (`DATABASE_URL`): of two registrations of one slug only one claim
//! succeeds, and the winner's placement is decided with its claim. A council placed in another
//! database has its slug claimed there too, under the same tenant, so that database's own
//! queries (the projection lag) name it.

use civic_domain::values::Slug;
use civic_eventstore::TenantId;

use super::ReadModels;
use crate::db::Param;
use crate::error::ProjectionError;

/// Where a council lives, by the directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Placement {
    /// No council holds a slug under this tenant.
    Unregistered,
    /// In the directory's own database.
    Here,
    /// In the council database of this name.
    In(String),
}

/// How many councils one database holds, by the directory's placements.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlacementCount {
    /// The database's configured name; `None` for the directory's own.
    pub database: Option<String>,
    /// Its councils.
    pub councils: u64,
}

impl ReadModels {
    /// Claims `slug` for `tenant` in the platform's registry. Call it before appending the
    /// council's `Register` command: of two registrations of one slug only one claim succeeds.
    /// Claiming a slug again for the tenant that holds it succeeds, so a registration can be
    /// retried.
    pub async fn claim_slug(&self, slug: &str, tenant: TenantId) -> Result<(), ProjectionError> {
        self.claim_placed_slug(slug, tenant, None).await
    }

    /// [`ReadModels::claim_slug`], placing the council in the database named `database` (`None`:
    /// this one) in the same transaction when the claim is won. A retried claim keeps the
    /// placement first written.
    #[tracing::instrument(level = "debug", skip_all, fields(tenant = %tenant))]
    pub async fn claim_placed_slug(
        &self,
        slug: &str,
        tenant: TenantId,
        database: Option<&str>,
    ) -> Result<(), ProjectionError> {
        let slug = Slug::parse(slug).map_err(|e| ProjectionError::InvalidSlug(e.to_string()))?;
        let database = database.map(str::to_owned);
        let holder = self
            .to_completion(move |session| async move {
                let mut tx = session.writer().await?;
                tx.execute(
                    "INSERT INTO council_slugs (slug, tenant_id) VALUES (?, ?) \
                     ON CONFLICT (slug) DO NOTHING",
                    &[
                        Param::Text(slug.as_str().to_owned()),
                        Param::Uuid(tenant.as_uuid()),
                    ],
                )
                .await?;
                let holder = tx
                    .row(
                        "SELECT CAST(tenant_id AS TEXT) FROM council_slugs WHERE slug = ?",
                        &[Param::Text(slug.as_str().to_owned())],
                    )
                    .await?
                    .map(|row| row.uuid(0))
                    .transpose()?;
                if let Some(database) = database
                    && holder == Some(tenant.as_uuid())
                {
                    tx.execute(
                        "INSERT INTO council_placements (tenant_id, database) VALUES (?, ?) \
                         ON CONFLICT (tenant_id) DO NOTHING",
                        &[Param::Uuid(tenant.as_uuid()), Param::Text(database)],
                    )
                    .await?;
                }
                tx.commit().await?;
                Ok(holder)
            })
            .await?;
        match holder {
            Some(holder) if holder == tenant.as_uuid() => Ok(()),
            _ => Err(ProjectionError::SlugTaken),
        }
    }

    /// The tenant that claimed `slug` if this process has read it before (claims never change):
    /// a lookup without a future, for the request path (`tenant_for_slug` reads the rest).
    pub fn known_tenant_for_slug(&self, slug: &str) -> Option<TenantId> {
        self.cache.tenant(slug)
    }

    /// The tenant that claimed `slug`, if any: how a request for `/councils/{slug}` finds its
    /// tenant, even before the council's projection has caught up.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn tenant_for_slug(&self, slug: &str) -> Result<Option<TenantId>, ProjectionError> {
        if let Some(tenant) = self.cache.tenant(slug) {
            return Ok(Some(tenant));
        }
        let claimed = slug.to_owned();
        let tenant = self
            .to_completion(move |session| async move {
                let mut tx = session.reader(None).await?;
                let row = tx
                    .row(
                        "SELECT CAST(tenant_id AS TEXT) FROM council_slugs WHERE slug = ?",
                        &[Param::Text(claimed)],
                    )
                    .await?;
                tx.commit().await?;
                row.map(|row| row.uuid(0).map(TenantId::from_uuid))
                    .transpose()
            })
            .await?;
        if let Some(tenant) = tenant {
            self.cache.claimed(slug, tenant);
        }
        Ok(tenant)
    }

    /// Where `tenant` lives, by the directory. Placements are written with the slug claim and
    /// never change, so a caller may keep the answer for a registered council.
    #[tracing::instrument(level = "debug", skip_all, fields(tenant = %tenant))]
    pub async fn placement(&self, tenant: TenantId) -> Result<Placement, ProjectionError> {
        self.to_completion(move |session| async move {
            let mut tx = session.reader(None).await?;
            let row = tx
                .row(
                    "SELECT p.database FROM council_slugs s \
                     LEFT JOIN council_placements p ON p.tenant_id = s.tenant_id \
                     WHERE s.tenant_id = ? LIMIT 1",
                    &[Param::Uuid(tenant.as_uuid())],
                )
                .await?;
            tx.commit().await?;
            Ok(match row {
                None => Placement::Unregistered,
                Some(row) => match row.opt(0) {
                    None => Placement::Here,
                    Some(name) => Placement::In(name.to_owned()),
                },
            })
        })
        .await
    }

    /// The names of the databases some council is placed in, in order.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn placed_databases(&self) -> Result<Vec<String>, ProjectionError> {
        self.to_completion(move |session| async move {
            let mut tx = session.reader(None).await?;
            let rows = tx
                .rows(
                    "SELECT DISTINCT database FROM council_placements ORDER BY database",
                    &[],
                )
                .await?;
            tx.commit().await?;
            rows.iter()
                .map(|row| row.text(0).map(str::to_owned))
                .collect()
        })
        .await
    }

    /// How many registered councils each database holds (a database with none is not listed):
    /// where a new council goes when it is not told.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn placement_counts(&self) -> Result<Vec<PlacementCount>, ProjectionError> {
        self.to_completion(move |session| async move {
            let mut tx = session.reader(None).await?;
            let rows = tx
                .rows(
                    "SELECT p.database, CAST(COUNT(*) AS TEXT) FROM council_slugs s \
                     LEFT JOIN council_placements p ON p.tenant_id = s.tenant_id \
                     GROUP BY p.database ORDER BY p.database",
                    &[],
                )
                .await?;
            tx.commit().await?;
            rows.iter()
                .map(|row| {
                    Ok(PlacementCount {
                        database: row.opt(0).map(str::to_owned),
                        councils: row.u64(1)?,
                    })
                })
                .collect()
        })
        .await
    }
}
