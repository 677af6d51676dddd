//! [`Runtime`]: what one process shares, and the one way to run a command.

use civic_app::codec::from_recorded;
use civic_app::{AppError, CommandContext, Erasure, Executed, Register};
use civic_domain::values::Reason;
use civic_domain::{Command, Council, Event, StreamId};
use civic_eventstore::{AnyEventStore, EventStore as _, RecordedEvent, StreamName, TenantId};
use civic_projections::views::history::AsOf;
use civic_projections::{LogWatch, Notifier, Projector, ReadModels, TABLES_WITH_PERSONAL_DATA};

use crate::clock::Clock;
use crate::envelope::Envelope;
use crate::error::RuntimeError;
use crate::metrics::{CommandMetrics, record_kind};
use crate::serial::CouncilLocks;
use crate::stream_cache::{Cached, Records, StreamCache};
use std::sync::Arc;
use tracing::Instrument as _;

/// The application runtime of one process: the register that runs commands, the read models
/// that answer queries, the projector that keeps them in step, and the clock. Cheap to share
/// behind an `Arc`.
#[derive(Debug)]
pub struct Runtime {
    register: Register<AnyEventStore>,
    read_models: ReadModels,
    projector: Projector,
    notifier: Notifier,
    log_watch: LogWatch,
    clock: Clock,
    writers: CouncilLocks,
    streams: StreamCache,
    metrics: CommandMetrics,
}

impl Runtime {
    /// Connects to `database_url` (`postgres://…` or `sqlite:…`), applies the migrations, and
    /// builds the read side on the same pool.
    pub async fn connect(database_url: &str, max_connections: u32) -> Result<Self, RuntimeError> {
        let store = AnyEventStore::connect(database_url, max_connections).await?;
        Ok(Self::over(store))
    }

    /// A runtime over a store already connected and migrated.
    pub fn over(store: AnyEventStore) -> Self {
        let read_models = ReadModels::for_store(&store);
        let projector = Projector::new(read_models.clone());
        let notifier = projector.notifier();
        let log_watch = LogWatch::new(&read_models);
        Self {
            register: Register::new(store),
            read_models,
            projector,
            notifier,
            log_watch,
            clock: Clock::System,
            writers: CouncilLocks::new(),
            streams: StreamCache::default(),
            metrics: CommandMetrics::default(),
        }
    }

    /// What this runtime counts, for `/metrics`.
    pub fn metrics(&self) -> &CommandMetrics {
        &self.metrics
    }

    /// The same runtime counting its commands into `metrics` (shared with other runtimes of the
    /// process: [`crate::Directory`]).
    pub fn counting_into(mut self, metrics: CommandMetrics) -> Self {
        self.metrics = metrics;
        self
    }

    /// The same runtime deciding commands at `clock` (tests fix it).
    pub fn with_clock(mut self, clock: Clock) -> Self {
        self.clock = clock;
        self
    }

    /// Runs `command` in `envelope`'s council, then brings that council's read models up to
    /// date, so what the caller reads next includes it. Within this process a council's commands
    /// are decided and appended one at a time, so writers of one council wait for each other
    /// here instead of colliding in the database. A replayed command (same id) appends
    /// nothing and is caught up too: it answers with the state as it is now.
    pub async fn run(
        &self,
        envelope: &Envelope,
        command: &Command,
    ) -> Result<Executed, RuntimeError> {
        let executed = self.run_without_catching_up(envelope, command).await?;
        self.projector.catch_up(envelope.tenant).await?;
        Ok(executed)
    }

    /// Runs `command` like [`Runtime::run`] and wakes the projectors, but does not wait for the
    /// read models: for bulk edges (the importer) that run many commands and then call
    /// [`Runtime::catch_up`] once.
    ///
    /// Runs in a span, `command`, with the kind of record, the council (its tenant id) and the
    /// outcome as `/metrics` counts it; never the command's content.
    pub async fn run_without_catching_up(
        &self,
        envelope: &Envelope,
        command: &Command,
    ) -> Result<Executed, RuntimeError> {
        let span = tracing::info_span!(
            "command",
            record = record_kind(command),
            tenant = %envelope.tenant,
            outcome = tracing::field::Empty,
            otel.status_code = tracing::field::Empty,
        );
        let context = self.context(envelope);
        let executed = async {
            let _one_writer = self.writers.lock(envelope.tenant).await;
            let result = self
                .register
                .execute(envelope.tenant, command, &context)
                .await
                .map_err(RuntimeError::from);
            let outcome = self.metrics.count(command, &result);
            span.record("outcome", outcome);
            if outcome == "failed" {
                span.record("otel.status_code", "ERROR");
            }
            result
        }
        .instrument(span.clone())
        .await?;
        if !executed.replayed {
            self.notifier.notify(envelope.tenant);
            self.log_watch.appended(envelope.tenant);
        }
        Ok(executed)
    }

    /// Erases for good every personal value of `envelope`'s council that contains `needle`
    /// (ignoring case), saying why ([`Register::erase_personal_data`]), then brings the read
    /// models up to date (the records that held the values fold again without them) and
    /// rewrites the tables that held them, so that no copy stays in the database's files.
    pub async fn erase_personal_data(
        &self,
        envelope: &Envelope,
        needle: &str,
        reason: Reason,
    ) -> Result<Erasure, RuntimeError> {
        let context = self.context(envelope);
        let erasure = {
            let _one_writer = self.writers.lock(envelope.tenant).await;
            self.register
                .erase_personal_data(envelope.tenant, needle, reason, &context)
                .await?
        };
        self.streams.forget(envelope.tenant);
        self.notifier.notify(envelope.tenant);
        self.projector.catch_up(envelope.tenant).await?;
        let mut tables = vec!["personal_values"];
        tables.extend_from_slice(TABLES_WITH_PERSONAL_DATA);
        self.register.store().reclaim_deleted(&tables).await?;
        Ok(erasure)
    }

    /// The context `envelope`'s command is decided in, today by this runtime's clock.
    fn context(&self, envelope: &Envelope) -> CommandContext {
        CommandContext {
            command_id: envelope.command_id,
            actor: envelope.actor.clone(),
            expected_version: envelope.expected_version,
            causation_id: envelope.causation_id,
            correlation_id: envelope.correlation_id,
            today: self.clock.today(),
        }
    }

    /// Brings `tenant`'s read models up to its log.
    pub async fn catch_up(&self, tenant: TenantId) -> Result<(), RuntimeError> {
        self.projector.catch_up(tenant).await?;
        Ok(())
    }

    /// One of `tenant`'s streams as stored (who, when, which command) with each event decoded:
    /// for history and time travel.
    ///
    /// Streams read before are kept decoded, and only what was appended since is read
    /// ([`crate::stream_cache`]).
    pub async fn recorded_stream(
        &self,
        tenant: TenantId,
        stream: &StreamId,
    ) -> Result<Records, RuntimeError> {
        let name = StreamName::parse(stream.as_str()).map_err(AppError::Encode)?;
        let council = StreamName::parse(StreamId::council().as_str()).map_err(AppError::Encode)?;
        let store = self.register.store();
        let kept = self.streams.get(tenant, name.as_str());
        let (after, council_after) = kept
            .as_ref()
            .map_or((0, 0), |kept| (kept.version(), kept.council_version));
        let (appended, council_appended) = tokio::try_join!(
            store.read_stream(tenant, &name, after),
            store.read_stream(tenant, &council, council_after),
        )?;
        let council_version = council_appended
            .last()
            .map_or(council_after, |e| e.stream_version);
        let records = match kept {
            // Nothing new anywhere: the entry as it is.
            Some(kept) if appended.is_empty() && council_appended.is_empty() => {
                return Ok(kept.records);
            }
            // Only the stream grew: the entry, extended.
            Some(kept) if council_appended.is_empty() => {
                let mut records = Vec::clone(&kept.records);
                for event in appended {
                    records.push(decoded(event)?);
                }
                records
            }
            // New, or the council's stream moved (perhaps an erasure): read whole.
            _ => {
                let whole = if after == 0 {
                    appended
                } else {
                    store.read_stream(tenant, &name, 0).await?
                };
                whole.into_iter().map(decoded).collect::<Result<_, _>>()?
            }
        };
        let records = Arc::new(records);
        self.streams.put(
            tenant,
            name.as_str(),
            Cached {
                council_version,
                records: Arc::clone(&records),
            },
        );
        Ok(records)
    }

    /// `tenant`'s whole log up to `moment` (cut at the first event after it), as stored and
    /// decoded: for the register as it stood then. Read in batches, so a moment early in a long
    /// log reads only what it needs.
    pub async fn recorded_log(
        &self,
        tenant: TenantId,
        moment: AsOf,
    ) -> Result<Vec<(RecordedEvent, Event)>, RuntimeError> {
        const BATCH: u32 = 1_000;
        let mut log = Vec::new();
        loop {
            let after = log
                .last()
                .map_or(0, |(e, _): &(RecordedEvent, Event)| e.position);
            let batch = self.register.store().read_log(tenant, after, BATCH).await?;
            let complete = batch.len() < BATCH as usize;
            for event in batch {
                if !moment.includes(&event) {
                    return Ok(log);
                }
                log.push(decoded(event)?);
            }
            if complete {
                return Ok(log);
            }
        }
    }

    /// The decoded events of one of `tenant`'s streams and the stream's version (0 when empty):
    /// for edges that decide what to ask from the record as the log holds it (the importer).
    pub async fn stream(
        &self,
        tenant: TenantId,
        stream: &StreamId,
    ) -> Result<(Vec<Event>, u64), RuntimeError> {
        Ok(self.register.stream(tenant, stream).await?)
    }

    /// The council as its log stands now (not the read model), if it has been registered.
    pub async fn council(&self, tenant: TenantId) -> Result<Option<Council>, RuntimeError> {
        Ok(self.register.council(tenant).await?)
    }

    /// The read models, for queries.
    pub fn read_models(&self) -> &ReadModels {
        &self.read_models
    }

    /// The projector, to run in the background of a process (`civic serve`, `civic project`).
    pub fn projector(&self) -> &Projector {
        &self.projector
    }

    /// The event store, for reads of the log that need no domain (heads, exports).
    pub fn store(&self) -> &AnyEventStore {
        self.register.store()
    }

    /// Wakes whoever follows a council's log (GraphQL subscriptions) when it grows, in this
    /// process and, on PostgreSQL, in the others.
    pub fn log_watch(&self) -> &LogWatch {
        &self.log_watch
    }

    /// The clock commands are decided at.
    pub fn clock(&self) -> Clock {
        self.clock
    }
}

/// A stored event with its domain event.
fn decoded(event: RecordedEvent) -> Result<(RecordedEvent, Event), RuntimeError> {
    let decoded = from_recorded(&event)?;
    Ok((event, decoded))
}
