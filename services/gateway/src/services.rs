//! What every request shares: the register that runs commands, the read models that answer
//! queries, the projector that keeps them in step, and the limits and clock.

use anyhow::Context as _;
use chrono::{DateTime, NaiveDate, Utc};
use civic_app::{CommandContext, Executed, Register};
use civic_domain::Command;
use civic_eventstore::{AnyEventStore, TenantId};
use civic_projections::{Notifier, Projector, ReadModels};

use crate::error::ApiError;
use crate::settings::{Limits, Settings};

/// The time the gateway applies the domain's rules at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    /// The system clock.
    System,
    /// A fixed instant, for tests.
    Fixed(DateTime<Utc>),
}

impl Clock {
    /// Now.
    pub fn now(&self) -> DateTime<Utc> {
        match self {
            Clock::System => Utc::now(),
            Clock::Fixed(at) => *at,
        }
    }
}

/// The gateway's shared state; one per process, behind an `Arc`.
#[derive(Debug)]
pub struct Services {
    /// Runs commands against the councils' logs.
    pub register: Register<AnyEventStore>,
    /// Answers queries.
    pub read_models: ReadModels,
    /// Keeps the read models in step with the logs; called after each command so a mutation
    /// returns its own write.
    pub projector: Projector,
    /// Wakes projectors (this process's and, on PostgreSQL, other processes') after an append.
    pub notifier: Notifier,
    /// Request limits.
    pub limits: Limits,
    /// The clock.
    pub clock: Clock,
}

impl Services {
    /// Connects to the database (applying the migrations) and builds the read side on the same
    /// pool.
    pub async fn connect(settings: &Settings) -> anyhow::Result<Self> {
        let store = AnyEventStore::connect(
            settings.database_url.expose(),
            settings.database_max_connections,
        )
        .await
        .context("connecting to the database and applying migrations")?;
        let read_models = ReadModels::for_store(&store);
        let projector = Projector::new(read_models.clone());
        let notifier = projector.notifier();
        Ok(Self {
            register: Register::new(store),
            read_models,
            projector,
            notifier,
            limits: settings.limits,
            clock: Clock::System,
        })
    }

    /// Today's date in the UK: the date the domain's rules are applied on.
    pub fn today(&self) -> NaiveDate {
        civic_calendar::uk_date(self.clock.now())
    }

    /// Runs `command` for `tenant`, then brings the tenant's read models up to date so that
    /// what the caller reads next includes it. A replayed command (same id) is caught up too:
    /// it returns the state as it is now.
    pub async fn record(
        &self,
        tenant: TenantId,
        command: &Command,
        context: &CommandContext,
    ) -> Result<Executed, ApiError> {
        let executed = self.register.execute(tenant, command, context).await?;
        if !executed.replayed {
            self.notifier.notify(tenant);
        }
        self.projector.catch_up(tenant).await?;
        Ok(executed)
    }

    /// Whether the database answers.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        match self.register.store() {
            AnyEventStore::Postgres(store) => {
                sqlx::query("SELECT 1").execute(store.pool()).await?;
            }
            AnyEventStore::Sqlite(store) => {
                sqlx::query("SELECT 1").execute(store.pool()).await?;
            }
        }
        Ok(())
    }
}
