//! Choosing a backend at run time from a database URL.

use uuid::Uuid;

use crate::error::StoreError;
use crate::group_commit::AppendGroups;
use crate::migrations::Migrated;
use crate::personal::{PersonalMatch, PersonalValue};
use crate::postgres::PgEventStore;
use crate::sqlite::SqliteEventStore;
use crate::store::EventStore;
use crate::types::{
    AppendOutcome, AppendRequest, CommandRecord, LogHead, RecordedEvent, StreamName, TenantId,
};

/// Either backend, chosen by `DATABASE_URL`; dispatches statically to the one it holds.
#[derive(Debug)]
pub enum AnyEventStore {
    /// PostgreSQL, for production.
    Postgres(PgEventStore),
    /// SQLite, the embedded default.
    Sqlite(SqliteEventStore),
}

impl AnyEventStore {
    /// Connects to `postgres://…` or `sqlite:…` and applies the migrations. On PostgreSQL the
    /// migrations run as the URL's user and the store's connections then act as the
    /// least-privileged [`crate::postgres::APPLICATION_ROLE`] ([`PgEventStore::connect`]).
    pub async fn connect(url: &str, max_connections: u32) -> Result<Self, StoreError> {
        match Backend::of(url)? {
            Backend::Postgres => Ok(Self::Postgres(
                PgEventStore::connect(url, max_connections).await?,
            )),
            Backend::Sqlite => {
                let store = SqliteEventStore::connect(url).await?;
                store.migrate().await?;
                Ok(Self::Sqlite(store))
            }
        }
    }

    /// Applies the migrations to the database at `url` (as the URL's user on PostgreSQL), reports
    /// which it applied, and lets go of the database: for a migration job that runs before the
    /// servers start ([`AnyEventStore::connect`] applies any still missing, too).
    pub async fn apply_migrations(url: &str) -> Result<Migrated, StoreError> {
        match Backend::of(url)? {
            Backend::Postgres => PgEventStore::apply_migrations(url).await,
            Backend::Sqlite => {
                let store = SqliteEventStore::connect(url).await?;
                let migrated = store.migrate().await;
                store.pool().close().await;
                migrated
            }
        }
    }

    /// The versions of this binary's migrations that the database has not applied, oldest first:
    /// empty when its schema is current, for readiness checks. Versions applied by a newer binary
    /// are no concern of this one (migrations only add, so it still runs on them).
    pub async fn missing_migrations(&self) -> Result<Vec<i64>, StoreError> {
        const APPLIED: &str = "SELECT version FROM _sqlx_migrations WHERE success";
        let (applied, expected): (Vec<i64>, Vec<i64>) = match self {
            Self::Postgres(store) => (
                sqlx::query_scalar(APPLIED).fetch_all(store.pool()).await?,
                crate::migrations::postgres_versions().collect(),
            ),
            Self::Sqlite(store) => (
                sqlx::query_scalar(APPLIED).fetch_all(store.pool()).await?,
                crate::migrations::sqlite_versions().collect(),
            ),
        };
        Ok(expected
            .into_iter()
            .filter(|version| !applied.contains(version))
            .collect())
    }

    /// How the connection pool is used now, for `/metrics`.
    pub fn pool_usage(&self) -> PoolUsage {
        let (size, idle, max) = match self {
            Self::Postgres(store) => {
                let pool = store.pool();
                (
                    pool.size(),
                    pool.num_idle(),
                    pool.options().get_max_connections(),
                )
            }
            Self::Sqlite(store) => {
                let pool = store.pool();
                (
                    pool.size(),
                    pool.num_idle(),
                    pool.options().get_max_connections(),
                )
            }
        };
        PoolUsage {
            open: size,
            idle: u32::try_from(idle).unwrap_or(u32::MAX),
            max,
        }
    }

    /// What the group-commit writers have done, for `/metrics`; `None` on SQLite, where each
    /// append is its own transaction (SQLite runs one writer at a time).
    pub fn append_groups(&self) -> Option<AppendGroups> {
        match self {
            Self::Postgres(store) => Some(store.append_groups()),
            Self::Sqlite(_) => None,
        }
    }

    /// The database's name in OpenTelemetry's conventions (`db.system.name`), for spans.
    pub fn system(&self) -> &'static str {
        match self {
            Self::Postgres(_) => "postgresql",
            Self::Sqlite(_) => "sqlite",
        }
    }

    /// Applies the embedded migrations of the backend and reports which it applied.
    pub async fn migrate(&self) -> Result<Migrated, StoreError> {
        match self {
            Self::Postgres(store) => store.migrate().await,
            Self::Sqlite(store) => store.migrate().await,
        }
    }
}

/// The backend a database URL names.
enum Backend {
    Postgres,
    Sqlite,
}

impl Backend {
    fn of(url: &str) -> Result<Self, StoreError> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Self::Postgres)
        } else if url.starts_with("sqlite:") {
            Ok(Self::Sqlite)
        } else {
            Err(StoreError::InvalidInput(crate::InvalidInput::new(
                "database URL",
                "must start with postgres://, postgresql:// or sqlite:",
            )))
        }
    }
}

/// Spans: `append` at INFO (one per command that records something: the tenant, the stream and
/// how many events), the reads at DEBUG (`RUST_LOG=civic_eventstore=debug` shows and exports
/// them). Ids and counts only: never a payload, an actor or a searched value.
impl EventStore for AnyEventStore {
    #[tracing::instrument(
        name = "append",
        level = "info",
        skip_all,
        fields(
            tenant = %request.tenant,
            stream = request.stream.as_str(),
            events = request.events.len(),
            db.system.name = self.system(),
        )
    )]
    async fn append(&self, request: AppendRequest) -> Result<AppendOutcome, StoreError> {
        match self {
            Self::Postgres(store) => store.append(request).await,
            Self::Sqlite(store) => store.append(request).await,
        }
    }

    #[tracing::instrument(level = "debug", skip_all, fields(tenant = %tenant, after = after, limit = limit, db.system.name = self.system()))]
    async fn read_log(
        &self,
        tenant: TenantId,
        after: u64,
        limit: u32,
    ) -> Result<Vec<RecordedEvent>, StoreError> {
        match self {
            Self::Postgres(store) => store.read_log(tenant, after, limit).await,
            Self::Sqlite(store) => store.read_log(tenant, after, limit).await,
        }
    }

    #[tracing::instrument(level = "debug", skip_all, fields(tenant = %tenant, stream = stream.as_str(), after = after, db.system.name = self.system()))]
    async fn read_stream(
        &self,
        tenant: TenantId,
        stream: &StreamName,
        after: u64,
    ) -> Result<Vec<RecordedEvent>, StoreError> {
        match self {
            Self::Postgres(store) => store.read_stream(tenant, stream, after).await,
            Self::Sqlite(store) => store.read_stream(tenant, stream, after).await,
        }
    }

    #[tracing::instrument(level = "debug", skip_all, fields(tenant = %tenant, db.system.name = self.system()))]
    async fn head(&self, tenant: TenantId) -> Result<LogHead, StoreError> {
        match self {
            Self::Postgres(store) => store.head(tenant).await,
            Self::Sqlite(store) => store.head(tenant).await,
        }
    }

    #[tracing::instrument(level = "debug", skip_all, fields(tenant = %tenant, db.system.name = self.system()))]
    async fn find_command(
        &self,
        tenant: TenantId,
        command_id: Uuid,
    ) -> Result<Option<CommandRecord>, StoreError> {
        match self {
            Self::Postgres(store) => store.find_command(tenant, command_id).await,
            Self::Sqlite(store) => store.find_command(tenant, command_id).await,
        }
    }

    #[tracing::instrument(level = "debug", skip_all, fields(db.system.name = self.system()))]
    async fn tenants(&self) -> Result<Vec<TenantId>, StoreError> {
        match self {
            Self::Postgres(store) => store.tenants().await,
            Self::Sqlite(store) => store.tenants().await,
        }
    }

    #[tracing::instrument(level = "debug", skip_all, fields(tenant = %tenant, db.system.name = self.system()))]
    async fn find_personal(
        &self,
        tenant: TenantId,
        needle: &str,
    ) -> Result<Vec<PersonalMatch>, StoreError> {
        match self {
            Self::Postgres(store) => store.find_personal(tenant, needle).await,
            Self::Sqlite(store) => store.find_personal(tenant, needle).await,
        }
    }

    #[tracing::instrument(level = "debug", skip_all, fields(tenant = %tenant, db.system.name = self.system()))]
    async fn personal_values(
        &self,
        tenant: TenantId,
    ) -> Result<Vec<(u64, PersonalValue)>, StoreError> {
        match self {
            Self::Postgres(store) => store.personal_values(tenant).await,
            Self::Sqlite(store) => store.personal_values(tenant).await,
        }
    }

    #[tracing::instrument(level = "debug", skip_all, fields(db.system.name = self.system()))]
    async fn reclaim_deleted(&self, tables: &[&str]) -> Result<(), StoreError> {
        match self {
            Self::Postgres(store) => store.reclaim_deleted(tables).await,
            Self::Sqlite(store) => store.reclaim_deleted(tables).await,
        }
    }
}

/// The database connection pool's use at one moment.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PoolUsage {
    /// Connections open (idle or in use).
    pub open: u32,
    /// Of those, idle.
    pub idle: u32,
    /// The most the pool opens.
    pub max: u32,
}

/// The usage of several pools together (one per council database).
impl std::ops::AddAssign for PoolUsage {
    fn add_assign(&mut self, other: Self) {
        self.open += other.open;
        self.idle += other.idle;
        self.max += other.max;
    }
}
