//! [`Directory`]: councils spread over several databases (docs/scaling.md, "Councils across
//! several PostgreSQL databases").
//!
//! The directory's own database (`DATABASE_URL`) holds every slug and, for each council placed
//! elsewhere, the name of its database (`council_placements`); it is also a council database
//! itself. Each database has a [`Runtime`] of its own (event store, read models, projector,
//! notifier, log watch), and a council's commands, reads and projection run in its database's
//! runtime only: nothing a request or a projector batch does spans two councils, so nothing spans
//! two databases. With one database (the default), the directory is that database's runtime and
//! finding a council's runtime costs nothing.

use std::collections::HashMap;
use std::sync::{Arc, PoisonError, RwLock};

use civic_app::Executed;
use civic_domain::{Command, CouncilCommand};
use civic_eventstore::{Actor, TenantId};
use civic_projections::{CouncilView, Placement, ProjectionError};
use uuid::Uuid;

use crate::envelope::Envelope;
use crate::error::RuntimeError;
use crate::readiness::NotReady;
use crate::runtime::Runtime;

/// One council database: its configured name and its runtime.
#[derive(Debug)]
pub struct CouncilDatabase {
    /// The name placements refer to it by (`None`: the directory's own database).
    pub name: Option<String>,
    /// Its runtime (shared: a request holds its council's while it runs).
    pub runtime: Arc<Runtime>,
}

/// Where each council lives, and the runtime of every council database.
#[derive(Debug)]
pub struct Directory {
    /// The directory's own database first, then the others in configured order.
    databases: Vec<CouncilDatabase>,
    /// Placements read so far: tenant to index in `databases`. Kept for good, as placements
    /// never change; a few bytes a council.
    placed: RwLock<HashMap<TenantId, usize>>,
}

impl Directory {
    /// The directory of one database: every council lives in `runtime`'s.
    pub fn single(runtime: Runtime) -> Self {
        Self {
            databases: vec![CouncilDatabase {
                name: None,
                runtime: Arc::new(runtime),
            }],
            placed: RwLock::default(),
        }
    }

    /// Connects the directory's database (`directory_url`) and each named council database,
    /// applying the migrations to every one, and checks that every database a council was
    /// placed in is among them ([`Directory::check_placements`]).
    pub async fn connect(
        directory_url: &str,
        others: &[(String, String)],
        max_connections: u32,
    ) -> Result<Self, RuntimeError> {
        let mut directory = Self::single(Runtime::connect(directory_url, max_connections).await?);
        for (name, url) in others {
            let runtime = Runtime::connect(url, max_connections).await?;
            directory = directory.with_database(name, runtime)?;
        }
        directory.check_placements().await?;
        Ok(directory)
    }

    /// Refuses a configuration that leaves out a database some council lives in: its requests
    /// would otherwise find no council (one database reads every council from its own) instead
    /// of failing where an operator sees it, at start.
    pub async fn check_placements(&self) -> Result<(), RuntimeError> {
        let placed = self.home().read_models().placed_databases().await?;
        let missing: Vec<&str> = placed
            .iter()
            .map(String::as_str)
            .filter(|name| self.index_of(name).is_none())
            .collect();
        if missing.is_empty() {
            return Ok(());
        }
        Err(RuntimeError::Directory(format!(
            "councils live in the database(s) {}, which are not configured \
             (CIVIC_COUNCIL_DATABASES)",
            missing.join(", ")
        )))
    }

    /// The same directory with the council database `name` served by `runtime`.
    pub fn with_database(mut self, name: &str, runtime: Runtime) -> Result<Self, RuntimeError> {
        let name = database_name(name)?;
        if self.index_of(&name).is_some() {
            return Err(RuntimeError::Directory(format!(
                "the council database {name:?} is configured twice"
            )));
        }
        // One set of command counters for `/metrics`, whichever database a council is in.
        let runtime = runtime.counting_into(self.home().metrics().clone());
        self.databases.push(CouncilDatabase {
            name: Some(name),
            runtime: Arc::new(runtime),
        });
        Ok(self)
    }

    /// The directory's own database's runtime: where slugs are claimed, and where every council
    /// lives when there is one database.
    pub fn home(&self) -> &Arc<Runtime> {
        &self.databases[0].runtime
    }

    /// Every council database, the directory's own first.
    pub fn databases(&self) -> &[CouncilDatabase] {
        &self.databases
    }

    /// The runtime of the database `tenant` lives in. A placement naming a database this
    /// process was not configured with is an error, never a fall-back: the council's log is not
    /// in any database it could write to.
    pub async fn runtime_of(&self, tenant: TenantId) -> Result<&Arc<Runtime>, RuntimeError> {
        if self.databases.len() == 1 {
            return Ok(self.home());
        }
        let known = self
            .placed
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&tenant)
            .copied();
        let index = match known {
            Some(index) => index,
            None => match self.home().read_models().placement(tenant).await? {
                // Not registered (yet): its registration's claim decides where it goes.
                Placement::Unregistered => 0,
                Placement::Here => self.remember(tenant, 0),
                Placement::In(name) => {
                    let index = self.index_of(&name).ok_or_else(|| {
                        RuntimeError::Directory(format!(
                            "council {tenant} lives in the database {name:?}, which is not \
                             configured (CIVIC_COUNCIL_DATABASES)"
                        ))
                    })?;
                    self.remember(tenant, index)
                }
            },
        };
        Ok(&self.databases[index].runtime)
    }

    /// The council of `slug` and the runtime of its database when this process knows both
    /// already, without a future (no `await`): the request path's usual case, which moves no
    /// large future around. `None`: ask [`Directory::tenant_for_slug`] and
    /// [`Directory::runtime_of`].
    pub fn known(&self, slug: &str) -> Option<(TenantId, &Arc<Runtime>)> {
        let tenant = self.home().read_models().known_tenant_for_slug(slug)?;
        if self.databases.len() == 1 {
            return Some((tenant, self.home()));
        }
        let index = *self
            .placed
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&tenant)?;
        Some((tenant, &self.databases[index].runtime))
    }

    /// The tenant that holds `slug`, if any (the directory's registry).
    pub async fn tenant_for_slug(&self, slug: &str) -> Result<Option<TenantId>, RuntimeError> {
        Ok(self.home().read_models().tenant_for_slug(slug).await?)
    }

    /// Registers a council as a new tenant, in the database with the fewest councils, and
    /// returns it with what the command did ([`Runtime::register_council`] for one database).
    ///
    /// The slug and the placement are claimed together in the directory's database, then the
    /// slug is claimed under the same tenant in the chosen database and the registration is
    /// appended there. A registration interrupted after its claim is completed by its retry, in
    /// the database first chosen.
    pub async fn register_council_correlated(
        &self,
        actor: Actor,
        command_id: Uuid,
        correlation_id: Uuid,
        registration: CouncilCommand,
    ) -> Result<(TenantId, Executed), RuntimeError> {
        if self.databases.len() == 1 {
            return self
                .home()
                .register_council_correlated(actor, command_id, correlation_id, registration)
                .await;
        }
        let slug = match &registration {
            CouncilCommand::Register { slug, .. } => slug.as_str().to_owned(),
            _ => return Err(RuntimeError::NotARegistration),
        };
        let tenant = self.claim(&slug).await?;
        let runtime = self.runtime_of(tenant).await?;
        if !Arc::ptr_eq(runtime, self.home()) {
            runtime.read_models().claim_slug(&slug, tenant).await?;
        }
        let envelope = Envelope::new(tenant, actor, command_id).correlated_with(correlation_id);
        let executed = runtime
            .run(&envelope, &Command::Council(registration))
            .await?;
        Ok((tenant, executed))
    }

    /// The tenant that holds `slug`, claiming it and a placement for a new tenant when nobody
    /// does.
    async fn claim(&self, slug: &str) -> Result<TenantId, RuntimeError> {
        let directory = self.home().read_models();
        if let Some(tenant) = directory.tenant_for_slug(slug).await? {
            return Ok(tenant);
        }
        let tenant = TenantId::new();
        let database = self.least_used().await?;
        match directory.claim_placed_slug(slug, tenant, database).await {
            Ok(()) => Ok(tenant),
            // Another registration claimed it in the meantime: use its tenant and placement.
            Err(ProjectionError::SlugTaken) => directory
                .tenant_for_slug(slug)
                .await?
                .ok_or(RuntimeError::ReadModel(ProjectionError::SlugTaken)),
            Err(error) => Err(error.into()),
        }
    }

    /// The name of the configured database with the fewest councils (`None`: the directory's),
    /// the first in configured order on a tie.
    async fn least_used(&self) -> Result<Option<&str>, RuntimeError> {
        let counts = self.home().read_models().placement_counts().await?;
        let councils = |name: Option<&str>| {
            counts
                .iter()
                .find(|count| count.database.as_deref() == name)
                .map_or(0, |count| count.councils)
        };
        Ok(self
            .databases
            .iter()
            .map(|database| database.name.as_deref())
            .min_by_key(|&name| councils(name))
            .flatten())
    }

    /// Every registered council whose registration has been projected, from every database, by
    /// name.
    pub async fn councils(&self) -> Result<Vec<CouncilView>, RuntimeError> {
        let mut councils = Vec::new();
        for database in &self.databases {
            councils.extend(database.runtime.read_models().councils().await?);
        }
        councils.sort_by(|a, b| {
            (a.name.as_str(), a.tenant.as_uuid()).cmp(&(b.name.as_str(), b.tenant.as_uuid()))
        });
        Ok(councils)
    }

    /// Runs a projector for each database ([`civic_projections::Projector::run`]), each
    /// following its own database's notifications, until `shutdown` completes; then lets each
    /// finish the batch in hand and returns.
    pub async fn run_projectors(&self, shutdown: impl Future<Output = ()>) {
        let (stop, stopped) = tokio::sync::watch::channel(());
        let mut projectors = tokio::task::JoinSet::new();
        for database in &self.databases {
            let projector = database.runtime.projector().clone();
            let mut stopped = stopped.clone();
            projectors.spawn(async move {
                projector
                    .run(async move {
                        // A send or the sender's end both mean stop.
                        let _ = stopped.changed().await;
                    })
                    .await;
            });
        }
        shutdown.await;
        let _ = stop.send(());
        while projectors.join_next().await.is_some() {}
    }

    /// Ready when every database is ([`Runtime::readiness`]); the first that is not says why,
    /// named.
    pub async fn readiness(&self, max_lag: Option<std::time::Duration>) -> Result<(), NotReady> {
        for database in &self.databases {
            database
                .runtime
                .readiness(max_lag)
                .await
                .map_err(|reason| match &database.name {
                    None => reason,
                    Some(name) => NotReady::In {
                        database: name.clone(),
                        reason: Box::new(reason),
                    },
                })?;
        }
        Ok(())
    }

    fn index_of(&self, name: &str) -> Option<usize> {
        self.databases
            .iter()
            .position(|database| database.name.as_deref() == Some(name))
    }

    /// Keeps a registered council's placement (final once read) and returns it.
    fn remember(&self, tenant: TenantId, index: usize) -> usize {
        self.placed
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(tenant, index);
        index
    }
}

/// A council database's name: what `council_placements` stores, so it must stay stable. Letters,
/// digits, `-` and `_`, at most 63 characters.
fn database_name(name: &str) -> Result<String, RuntimeError> {
    let valid = !name.is_empty()
        && name.len() <= 63
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if valid {
        Ok(name.to_owned())
    } else {
        Err(RuntimeError::Directory(format!(
            "{name:?} is not a council database name (letters, digits, - and _, at most 63)"
        )))
    }
}
