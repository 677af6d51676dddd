//! How far each council's visible read models are behind its log: for `/metrics` and for the
//! operators who decide whether a projector keeps up.

use super::ReadModels;
use crate::db::Dialect;
use crate::error::ProjectionError;

/// One council's projection lag.
#[derive(Debug, Clone, PartialEq)]
pub struct CouncilLag {
    /// The council.
    pub slug: String,
    /// Events in its log that its active read models do not show yet.
    pub events: u64,
    /// How long ago the oldest of them was recorded, in seconds; 0 when there is none.
    pub seconds: f64,
}

impl ReadModels {
    /// The lag of every council registered in this database, by slug, in one snapshot (a
    /// council the directory placed in another database is that database's to report). One
    /// statement whatever the number of councils: each council's head and checkpoint are index
    /// probes.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn projection_lag(&self) -> Result<Vec<CouncilLag>, ProjectionError> {
        self.to_completion(move |session| async move {
            // The log is not visible to queries' reader role: read as the application, as the
            // projector does.
            let mut tx = session.scanner().await?;
            let age = match tx.dialect() {
                Dialect::Postgres => "CAST(EXTRACT(EPOCH FROM (now() - o.recorded_at)) AS TEXT)",
                Dialect::Sqlite => {
                    "CAST((julianday('now') - julianday(o.recorded_at)) * 86400.0 AS TEXT)"
                }
            };
            let sql = format!(
                "SELECT l.slug, CAST(l.head - l.seen AS TEXT), {age} FROM ( \
                   SELECT s.slug, s.tenant_id, \
                     COALESCE((SELECT e.position FROM events e WHERE e.tenant_id = s.tenant_id \
                               ORDER BY e.position DESC LIMIT 1), 0) AS head, \
                     COALESCE((SELECT c.position FROM projection_checkpoints c \
                               JOIN projection_generations g ON g.tenant_id = c.tenant_id \
                                AND g.active_generation = c.generation \
                               WHERE c.tenant_id = s.tenant_id), 0) AS seen \
                   FROM council_slugs s \
                   WHERE NOT EXISTS (SELECT 1 FROM council_placements p \
                                     WHERE p.tenant_id = s.tenant_id)) l \
                 LEFT JOIN events o ON o.tenant_id = l.tenant_id AND o.position = l.seen + 1 \
                 ORDER BY l.slug"
            );
            let rows = tx.rows(&sql, &[]).await?;
            tx.commit().await?;
            rows.iter()
                .map(|row| {
                    let events = row.u64(1)?;
                    let seconds = match row.opt(2) {
                        Some(text) if events > 0 => text
                            .parse::<f64>()
                            .map_err(|_| ProjectionError::corrupt("lag", text))?
                            .max(0.0),
                        _ => 0.0,
                    };
                    Ok(CouncilLag {
                        slug: row.text(0)?.to_owned(),
                        events,
                        seconds,
                    })
                })
                .collect()
        })
        .await
    }
}
