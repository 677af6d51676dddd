//! What every request shares: the application runtime (commands, read models, projector, clock)
//! and the request limits. The gateway reaches the database only through the runtime.

use std::time::Duration;

use chrono::NaiveDate;
use civic_eventstore::checkpoint::LogKey;
use civic_projections::{ReadModels, Viewer};
use civic_runtime::Runtime;

use crate::cache::ResponseCache;
use crate::graphql::cost::Refusal;
use crate::graphql::cost::documents::DocumentCache;
use crate::metrics::Metrics;
use crate::settings::{Limits, Settings};

/// The gateway's shared state; one per process, behind an `Arc`.
#[derive(Debug)]
pub struct Services {
    /// Runs commands and answers queries.
    pub runtime: Runtime,
    /// Request limits.
    pub limits: Limits,
    /// The key checkpoints are signed with, if one is configured.
    pub log_key: Option<LogKey>,
    /// How often a subscription reads the log when nothing woke it.
    pub subscription_poll: Duration,
    /// Public answers of council endpoints, kept by position ([`crate::cache`]).
    pub responses: ResponseCache,
    /// Parsed GraphQL documents, by text ([`DocumentCache`]).
    pub documents: DocumentCache,
    /// What `/metrics` reports of the gateway's own work ([`crate::metrics`]).
    pub metrics: Metrics,
    /// The projector lag past which `/readyz` says not ready, if any.
    pub ready_max_lag: Option<Duration>,
    /// The read models of a PostgreSQL read replica, which public reads are answered from when
    /// one is configured ([`Services::reads_for`]).
    pub replica: Option<ReadModels>,
}

impl Services {
    /// Connects the runtime to the configured database (applying the migrations).
    pub async fn connect(settings: &Settings) -> Result<Self, civic_runtime::RuntimeError> {
        let runtime = Runtime::connect(
            settings.database_url.expose(),
            settings.database_max_connections,
        )
        .await?;
        let mut services =
            Self::new(runtime, settings.limits).signing_with(settings.log_key.clone());
        services.subscription_poll = settings.subscription_poll;
        services.ready_max_lag = settings.ready_max_lag;
        if let Some(url) = &settings.read_replica_url {
            let pool = civic_eventstore::postgres::replica_pool(
                url.expose(),
                settings.database_max_connections,
            )
            .await?;
            services.replica = Some(ReadModels::postgres(pool));
        }
        let cache = settings.response_cache;
        services.responses = ResponseCache::new(cache.max_entries, cache.max_bytes);
        Ok(services)
    }

    /// The services over a runtime already connected (tests fix its clock).
    pub fn new(runtime: Runtime, limits: Limits) -> Self {
        Self {
            runtime,
            limits,
            log_key: None,
            subscription_poll: crate::feed::POLL_INTERVAL,
            responses: ResponseCache::default(),
            documents: DocumentCache::default(),
            metrics: Metrics::default(),
            ready_max_lag: Some(crate::settings::DEFAULT_READY_MAX_LAG),
            replica: None,
        }
    }

    /// The same services, signing checkpoints with `key`.
    pub fn signing_with(mut self, key: Option<LogKey>) -> Self {
        self.log_key = key;
        self
    }

    /// Admits a request's document if it is within the limits ([`crate::graphql::cost::admit`]),
    /// parsing its text only the first time it is seen ([`DocumentCache`]); returns its cost.
    pub fn admit(&self, request: &mut async_graphql::Request) -> Result<u64, Refusal> {
        self.documents.admit(request, &self.limits)
    }

    /// The primary database's read models: the projector writes them, commands and writers'
    /// reads use them.
    pub fn read_models(&self) -> &ReadModels {
        self.runtime.read_models()
    }

    /// The read models `viewer`'s reads are answered from: a read replica's for the public when
    /// one is configured, the primary's otherwise. Clerks, auditors and administrators always
    /// read the primary, so a writer sees its own writes at once (the replica may be behind by
    /// its replay delay); the public wrote nothing it must see.
    pub fn reads_for(&self, viewer: Viewer) -> &ReadModels {
        match (&self.replica, viewer) {
            (Some(replica), Viewer::Public) => replica,
            _ => self.runtime.read_models(),
        }
    }

    /// Today's date in the UK: the date filters such as "upcoming" are relative to.
    pub fn today(&self) -> NaiveDate {
        self.runtime.clock().today()
    }
}
