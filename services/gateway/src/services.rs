//! What every request shares: the application runtime of each council database (commands, read
//! models, projector, clock), found through the [`Directory`], and the request limits. The
//! gateway reaches a database only through a council's runtime.

use std::sync::Arc;
use std::time::Duration;

use chrono::NaiveDate;
use civic_eventstore::TenantId;
use civic_eventstore::checkpoint::LogKey;
use civic_projections::{ReadModels, Viewer};
use civic_runtime::{Directory, Runtime, RuntimeError};

use crate::cache::ResponseCache;
use crate::graphql::cost::Refusal;
use crate::graphql::cost::documents::DocumentCache;
use crate::metrics::Metrics;
use crate::settings::{Limits, Settings};

/// The gateway's shared state; one per process, behind an `Arc`.
#[derive(Debug)]
pub struct Services {
    /// Each council database's runtime, which runs its councils' commands and answers their
    /// queries, and where each council lives.
    pub directory: Directory,
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
    /// The read models of a PostgreSQL read replica of the directory's database, which public
    /// reads of its councils are answered from when one is configured ([`Services::reads_in`]).
    pub replica: Option<ReadModels>,
}

impl Services {
    /// Connects the runtime to the configured database (applying the migrations).
    pub async fn connect(settings: &Settings) -> Result<Self, civic_runtime::RuntimeError> {
        let others: Vec<(String, String)> = settings
            .council_databases
            .iter()
            .map(|(name, url)| (name.clone(), url.expose().to_owned()))
            .collect();
        let directory = Directory::connect(
            settings.database_url.expose(),
            &others,
            settings.database_max_connections,
        )
        .await?;
        let mut services =
            Self::over(directory, settings.limits).signing_with(settings.log_key.clone());
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

    /// The services over one database's runtime, already connected (tests fix its clock).
    pub fn new(runtime: Runtime, limits: Limits) -> Self {
        Self::over(Directory::single(runtime), limits)
    }

    /// The services over council databases already connected.
    pub fn over(directory: Directory, limits: Limits) -> Self {
        Self {
            directory,
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

    /// The runtime of the database `tenant` lives in ([`Directory::runtime_of`]).
    pub async fn runtime_of(&self, tenant: TenantId) -> Result<&Arc<Runtime>, RuntimeError> {
        self.directory.runtime_of(tenant).await
    }

    /// The read models `viewer`'s reads of `tenant` are answered from ([`Services::reads_in`]
    /// of its database).
    pub async fn reads(
        &self,
        tenant: TenantId,
        viewer: Viewer,
    ) -> Result<&ReadModels, RuntimeError> {
        Ok(self.reads_in(self.runtime_of(tenant).await?, viewer))
    }

    /// The read models `viewer`'s reads of a council in `runtime`'s database are answered from:
    /// the read replica's for the public when one is configured (of the directory's database),
    /// the primary's otherwise. Clerks, auditors and administrators always read the primary, so
    /// a writer sees its own writes at once (the replica may be behind by its replay delay); the
    /// public wrote nothing it must see.
    pub fn reads_in<'a>(&'a self, runtime: &'a Runtime, viewer: Viewer) -> &'a ReadModels {
        match (&self.replica, viewer) {
            (Some(replica), Viewer::Public) if std::ptr::eq(runtime, &**self.directory.home()) => {
                replica
            }
            _ => runtime.read_models(),
        }
    }

    /// Today's date in the UK: the date filters such as "upcoming" are relative to.
    pub fn today(&self) -> NaiveDate {
        self.directory.home().clock().today()
    }
}
