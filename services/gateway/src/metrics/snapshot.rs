//! What is read when scraped rather than counted as it happens: the response cache's counters
//! (it keeps its own), the database pool, the store's group commit and each council's projection
//! lag.

use civic_eventstore::{AppendGroups, PoolUsage};
use civic_projections::CouncilLag;
use prometheus_client::collector::Collector;
use prometheus_client::encoding::{DescriptorEncoder, EncodeMetric};
use prometheus_client::metrics::MetricType;
use prometheus_client::metrics::counter::ConstCounter;
use prometheus_client::metrics::gauge::ConstGauge;

use crate::cache::CacheStats;
use crate::services::Services;

/// The values of one scrape.
#[derive(Debug)]
pub(super) struct Snapshot {
    cache: CacheStats,
    pool: PoolUsage,
    /// The group-commit writers' counts; `None` on SQLite, which has none.
    groups: Option<AppendGroups>,
    /// Each council's lag; `None` when it could not be read (the scrape still answers).
    lag: Option<Vec<CouncilLag>>,
}

impl Snapshot {
    pub(super) async fn of(services: &Services) -> Self {
        let mut lag = Some(Vec::new());
        let mut pool = PoolUsage::default();
        let mut groups: Option<AppendGroups> = None;
        for database in services.directory.databases() {
            match database.runtime.read_models().projection_lag().await {
                Ok(councils) => lag.iter_mut().for_each(|lag| lag.extend(councils.clone())),
                Err(error) => {
                    tracing::warn!(%error, "the metrics could not read the projection lag");
                    lag = None;
                }
            }
            let store = database.runtime.store();
            pool += store.pool_usage();
            if let Some(counted) = store.append_groups() {
                *groups.get_or_insert_default() += counted;
            }
        }
        Self {
            cache: services.responses.stats(),
            pool,
            groups,
            lag,
        }
    }
}

impl Collector for Snapshot {
    fn encode(&self, mut encoder: DescriptorEncoder) -> Result<(), std::fmt::Error> {
        let cache = &self.cache;
        let requests = [
            ("hit", cache.hits),
            ("miss", cache.misses),
            ("not_modified", cache.not_modified),
            ("bypassed", cache.bypassed),
        ];
        let mut family = encoder.encode_descriptor(
            "civic_response_cache_requests",
            "Council requests by what the response cache did: answered (hit), executed and kept \
             (miss), answered 304 (not_modified), or not its to answer (bypassed)",
            None,
            MetricType::Counter,
        )?;
        for (result, count) in requests {
            ConstCounter::new(count).encode(family.encode_family(&[("result", result)])?)?;
        }
        counter(
            &mut encoder,
            "civic_response_cache_evictions",
            "Answers dropped from the response cache to stay within its bounds",
            cache.evicted,
        )?;
        gauge(
            &mut encoder,
            "civic_response_cache_entries",
            "Answers held by the response cache",
            cache.entries,
        )?;
        gauge(
            &mut encoder,
            "civic_response_cache_bytes",
            "Bytes of keys and answers held by the response cache",
            cache.bytes,
        )?;
        let pool = &self.pool;
        let mut family = encoder.encode_descriptor(
            "civic_db_pool_connections",
            "Database connections of the process's pool by state; max is the most it opens",
            None,
            MetricType::Gauge,
        )?;
        let busy = pool.open.saturating_sub(pool.idle);
        for (state, count) in [("busy", busy), ("idle", pool.idle), ("max", pool.max)] {
            ConstGauge::new(i64::from(count)).encode(family.encode_family(&[("state", state)])?)?;
        }
        if let Some(groups) = self.groups {
            counter(
                &mut encoder,
                "civic_append_statements",
                "Checked inserts the store's group-commit writers ran, each one transaction; \
                 civic_append_statement_appends over this is the appends per commit",
                groups.statements,
            )?;
            counter(
                &mut encoder,
                "civic_append_statement_appends",
                "Appends written (or found stale) by those statements",
                groups.appends,
            )?;
            counter(
                &mut encoder,
                "civic_append_groups_split",
                "Groups of appends the database refused whole (a race lost to another process, \
                 a retried command) and that were written again one append at a time",
                groups.split,
            )?;
        }
        if let Some(lag) = &self.lag {
            let mut family = encoder.encode_descriptor(
                "civic_projector_lag_events",
                "Events in a council's log that its read models do not show yet",
                None,
                MetricType::Gauge,
            )?;
            for council in lag {
                let events = i64::try_from(council.events).unwrap_or(i64::MAX);
                let labels = [("council", council.slug.as_str())];
                ConstGauge::new(events).encode(family.encode_family(&labels)?)?;
            }
            let mut family = encoder.encode_descriptor(
                "civic_projector_lag_seconds",
                "How long ago the oldest event a council's read models do not show yet was \
                 recorded; 0 when they show every event",
                None,
                MetricType::Gauge,
            )?;
            for council in lag {
                let labels = [("council", council.slug.as_str())];
                ConstGauge::new(council.seconds).encode(family.encode_family(&labels)?)?;
            }
        }
        Ok(())
    }
}

fn counter(
    encoder: &mut DescriptorEncoder,
    name: &str,
    help: &str,
    value: u64,
) -> Result<(), std::fmt::Error> {
    let metric = ConstCounter::new(value);
    metric.encode(encoder.encode_descriptor(name, help, None, metric.metric_type())?)
}

fn gauge(
    encoder: &mut DescriptorEncoder,
    name: &str,
    help: &str,
    value: usize,
) -> Result<(), std::fmt::Error> {
    let metric = ConstGauge::new(i64::try_from(value).unwrap_or(i64::MAX));
    metric.encode(encoder.encode_descriptor(name, help, None, metric.metric_type())?)
}
