//! Fixtures and helpers shared by the suite: a fresh database with its register (write side) and
//! read models, commands for the example council, and a fresh fold of a tenant's log to compare
//! the read models with.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use chrono::NaiveDate;
use civic_app::codec::from_recorded;
use civic_app::{CommandContext, Executed, Register};
use civic_domain::decision::DecisionCommand;
use civic_domain::example::{self, ExampleIds};
use civic_domain::meeting::example::{self as meeting_example, MeetingExampleIds};
use civic_domain::stream::StreamKind;
use civic_domain::values::{BodyId, DecisionId, Title};
use civic_domain::{
    Command, Council, Decision, ForwardPlanEntry, Meeting, StrategyDocument, StreamId,
};
use civic_eventstore::{
    Actor, AnyEventStore, EventStore, PgEventStore, RecordedEvent, SqliteEventStore, TenantId,
    migrations,
};
use civic_projections::query::MAX_PAGE;
use civic_projections::{
    CouncilView, DecisionFilter, DecisionView, Detail, ForwardPlanView, MeetingFilter, MeetingView,
    PageRequest, Projector, ReadModels, StrategyDocumentView, Viewer,
};
use civic_testkit::{TestPostgres, TestSqlite};
use uuid::Uuid;

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// The raw pool, as the tables' owner, for what only a test does (triggers, role checks).
#[derive(Clone)]
pub enum Raw {
    Postgres(sqlx::PgPool),
    Sqlite(sqlx::SqlitePool),
}

impl Raw {
    pub async fn execute(&self, sql: &'static str) {
        match self {
            Raw::Postgres(pool) => {
                sqlx::raw_sql(sql).execute(pool).await.unwrap();
            }
            Raw::Sqlite(pool) => {
                sqlx::raw_sql(sql).execute(pool).await.unwrap();
            }
        }
    }

    /// Runs the statement for this backend.
    pub async fn execute_either(&self, postgres: &'static str, sqlite: &'static str) {
        match self {
            Raw::Postgres(_) => self.execute(postgres).await,
            Raw::Sqlite(_) => self.execute(sqlite).await,
        }
    }

    /// A single integer from a query with one `?`/`$1` parameter, the tenant.
    pub async fn count(
        &self,
        postgres: &'static str,
        sqlite: &'static str,
        tenant: TenantId,
    ) -> i64 {
        match self {
            Raw::Postgres(pool) => sqlx::query_scalar(postgres)
                .bind(tenant.as_uuid())
                .fetch_one(pool)
                .await
                .unwrap(),
            Raw::Sqlite(pool) => sqlx::query_scalar(sqlite)
                .bind(tenant.to_string())
                .fetch_one(pool)
                .await
                .unwrap(),
        }
    }
}

/// Holds the database for as long as the test uses it.
#[allow(dead_code, reason = "kept only for its Drop")]
enum Keep {
    Postgres(Box<TestPostgres>),
    Sqlite(TestSqlite),
}

pub struct Fixture {
    pub register: Arc<Register<AnyEventStore>>,
    pub models: ReadModels,
    pub raw: Raw,
    _db: Keep,
}

impl Fixture {
    pub async fn sqlite() -> Self {
        let db = TestSqlite::fresh();
        let store = SqliteEventStore::open_file(&db.path()).await.unwrap();
        store.migrate().await.unwrap();
        let pool = store.pool().clone();
        Self {
            register: Arc::new(Register::new(AnyEventStore::Sqlite(store))),
            models: ReadModels::sqlite(pool.clone()),
            raw: Raw::Sqlite(pool),
            _db: Keep::Sqlite(db),
        }
    }

    pub async fn postgres(test: &str) -> Option<Self> {
        let db = TestPostgres::fresh(test, &migrations::postgres()).await?;
        // As the server runs: the store and the read models act as civic_app; only the test's
        // own raw statements run as the owner.
        let store = PgEventStore::connect(db.url(), 40).await.unwrap();
        let pool = store.pool().clone();
        let owner = db.pool(4).await;
        Some(Self {
            register: Arc::new(Register::new(AnyEventStore::Postgres(store))),
            models: ReadModels::postgres(pool),
            raw: Raw::Postgres(owner),
            _db: Keep::Postgres(Box::new(db)),
        })
    }

    pub fn projector(&self) -> Projector {
        Projector::new(self.models.clone())
    }

    pub fn is_postgres(&self) -> bool {
        matches!(self.raw, Raw::Postgres(_))
    }

    /// Runs a command as the clerk on 31 July 2010, retrying after lost races.
    pub async fn execute(&self, tenant: TenantId, command: &Command) -> Executed {
        self.register
            .execute(tenant, command, &context())
            .await
            .unwrap()
    }

    /// Records the example council, decision and strategy document.
    pub async fn record_example(&self, tenant: TenantId) -> ExampleIds {
        let ids = ExampleIds::new();
        for command in example::commands(&ids).unwrap() {
            self.execute(tenant, &command).await;
        }
        ids
    }

    /// Records the example meeting (the Cabinet of 9 June 2010) for the example's Cabinet.
    pub async fn record_example_meeting(
        &self,
        tenant: TenantId,
        cabinet: BodyId,
    ) -> MeetingExampleIds {
        let ids = MeetingExampleIds::derived_from(Uuid::now_v7());
        for command in meeting_example::commands(cabinet, &ids).unwrap() {
            self.execute(tenant, &command).await;
        }
        ids
    }

    /// Records a decision like the example's, with another title and date, published or not.
    pub async fn record_decision(
        &self,
        tenant: TenantId,
        cabinet: BodyId,
        title: &str,
        published: Option<NaiveDate>,
    ) -> DecisionId {
        let id = DecisionId::new();
        let mut details = example::details(cabinet, None).unwrap();
        details.title = Title::parse(title).unwrap();
        self.execute(
            tenant,
            &Command::Decision {
                decision: id,
                command: DecisionCommand::Record {
                    details: details.into(),
                },
            },
        )
        .await;
        if let Some(on) = published {
            self.execute(
                tenant,
                &Command::Decision {
                    decision: id,
                    command: DecisionCommand::Publish {
                        publication_date: on,
                        call_in_deadline: None,
                        call_in_deadline_time: None,
                        effective_from: None,
                        override_reason: None,
                    },
                },
            )
            .await;
        }
        id
    }

    pub async fn head(&self, tenant: TenantId) -> u64 {
        self.register.store().head(tenant).await.unwrap().position
    }

    /// Waits until the tenant's read models reflect its whole log.
    pub async fn wait_caught_up(&self, tenant: TenantId, within: Duration) {
        let head = self.head(tenant).await;
        let deadline = tokio::time::Instant::now() + within;
        while self.models.checkpoint(tenant).await.unwrap() < head {
            assert!(
                tokio::time::Instant::now() < deadline,
                "tenant {tenant} not caught up to {head} within {within:?}"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

pub fn context() -> CommandContext {
    let command_id = Uuid::now_v7();
    CommandContext {
        command_id,
        actor: Actor::parse("user:clerk@maidstone.gov.uk").unwrap(),
        expected_version: None,
        causation_id: None,
        correlation_id: command_id,
        today: d(2010, 7, 31),
    }
}

/// Every read model of a tenant, in a stable order, to compare two states.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    pub council: Option<CouncilView>,
    /// Clerk's view, in list order.
    pub full: Vec<DecisionView>,
    /// Public view, in list order.
    pub public: Vec<DecisionView>,
    /// Every entry by id.
    pub forward_plan: Vec<ForwardPlanView>,
    /// By title, then id.
    pub strategy: Vec<StrategyDocumentView>,
    /// Meetings as clerks see them, newest first.
    pub meetings: Vec<MeetingView>,
    /// Meetings as the public sees them, newest first.
    pub public_meetings: Vec<MeetingView>,
}

fn list_order(views: &mut [DecisionView]) {
    views.sort_by(|a, b| {
        let key = |v: &DecisionView| (v.record.date_of_decision.or(v.publication_date), v.id);
        key(b).cmp(&key(a))
    });
}

/// What the read models must hold: a fresh fold of the tenant's whole log with the domain's
/// folds and the crate's view constructors.
pub async fn fresh_fold(f: &Fixture, tenant: TenantId) -> Snapshot {
    let log = f
        .register
        .store()
        .read_log(tenant, 0, 1_000_000)
        .await
        .unwrap();
    let mut streams: BTreeMap<String, Vec<RecordedEvent>> = BTreeMap::new();
    for event in log {
        streams
            .entry(event.stream.as_str().to_owned())
            .or_default()
            .push(event);
    }
    let mut snapshot = Snapshot {
        council: None,
        full: Vec::new(),
        public: Vec::new(),
        forward_plan: Vec::new(),
        strategy: Vec::new(),
        meetings: Vec::new(),
        public_meetings: Vec::new(),
    };
    for (name, recorded) in &streams {
        let events: Vec<_> = recorded.iter().map(|e| from_recorded(e).unwrap()).collect();
        let last = recorded.last().unwrap().position;
        match StreamId::parse(name).unwrap().kind() {
            StreamKind::Council => {
                snapshot.council = Council::from_history(&events)
                    .map(|c| CouncilView::from_council(tenant, &c, last));
            }
            StreamKind::Decision(_) => {
                let full = DecisionView::from_decision(
                    tenant,
                    &Decision::from_history(&events).unwrap(),
                    last,
                );
                snapshot.public.extend(full.public());
                snapshot.full.push(full);
            }
            StreamKind::ForwardPlan(_) => snapshot.forward_plan.push(ForwardPlanView::from_entry(
                tenant,
                &ForwardPlanEntry::from_history(&events).unwrap(),
                last,
            )),
            StreamKind::Strategy(_) => snapshot.strategy.push(StrategyDocumentView::from_document(
                tenant,
                &StrategyDocument::from_history(&events).unwrap(),
                last,
            )),
            StreamKind::Meeting(_) => {
                let full = MeetingView::from_meeting(
                    tenant,
                    &Meeting::from_history(&events).unwrap(),
                    last,
                );
                snapshot.public_meetings.push(full.public());
                snapshot.meetings.push(full);
            }
        }
    }
    if let Some(council) = &snapshot.council {
        for view in snapshot.full.iter_mut().chain(snapshot.public.iter_mut()) {
            view.resolve_names(council);
        }
        for entry in &mut snapshot.forward_plan {
            entry.resolve_names(council);
        }
    }
    list_order(&mut snapshot.full);
    list_order(&mut snapshot.public);
    snapshot.forward_plan.sort_by_key(|e| e.id);
    snapshot
        .strategy
        .sort_by(|a, b| (a.title.as_str(), a.id).cmp(&(b.title.as_str(), b.id)));
    for meetings in [&mut snapshot.meetings, &mut snapshot.public_meetings] {
        meetings.sort_by_key(|m| std::cmp::Reverse((m.record.date, m.id)));
    }
    snapshot
}

/// Every meeting of the list, following its pages.
pub async fn all_meetings(
    models: &ReadModels,
    tenant: TenantId,
    viewer: Viewer,
    filter: &MeetingFilter,
) -> Vec<MeetingView> {
    let mut after = None;
    let mut all = Vec::new();
    loop {
        let page = models
            .meetings(
                tenant,
                viewer,
                filter,
                &PageRequest {
                    first: MAX_PAGE,
                    after,
                },
            )
            .await
            .unwrap();
        after = page.items.last().map(|(cursor, _)| cursor.clone());
        all.extend(page.items.into_iter().map(|(_, view)| view));
        if !page.has_next_page {
            return all;
        }
    }
}

/// Every decision of a list, following its pages.
pub async fn all_decisions(
    models: &ReadModels,
    tenant: TenantId,
    viewer: Viewer,
    filter: &DecisionFilter,
) -> Vec<DecisionView> {
    let mut after = None;
    let mut all = Vec::new();
    loop {
        let page = models
            .decisions(
                tenant,
                viewer,
                filter,
                &PageRequest {
                    first: MAX_PAGE,
                    after,
                },
                Detail::Full,
            )
            .await
            .unwrap();
        after = page.items.last().map(|(cursor, _)| cursor.clone());
        all.extend(page.items.into_iter().map(|(_, view)| view));
        if !page.has_next_page {
            return all;
        }
    }
}

/// What the read models hold, read through the query API as a clerk and as the public.
pub async fn read_models(f: &Fixture, tenant: TenantId, entries: &[ForwardPlanView]) -> Snapshot {
    let models = &f.models;
    let filter = DecisionFilter::default();
    let mut forward_plan = Vec::new();
    for entry in entries {
        forward_plan.extend(
            models
                .forward_plan_entry(tenant, Viewer::Clerk, entry.id)
                .await
                .unwrap(),
        );
    }
    Snapshot {
        council: models.council(tenant).await.unwrap(),
        full: all_decisions(models, tenant, Viewer::Clerk, &filter).await,
        public: all_decisions(models, tenant, Viewer::Public, &filter).await,
        forward_plan,
        strategy: models
            .strategy_documents(tenant, Viewer::Clerk)
            .await
            .unwrap(),
        meetings: all_meetings(models, tenant, Viewer::Clerk, &MeetingFilter::default()).await,
        public_meetings: all_meetings(models, tenant, Viewer::Public, &MeetingFilter::default())
            .await,
    }
}

/// Asserts that the read models equal a fresh fold of the log and reflect all of it.
pub async fn assert_matches_fresh_fold(f: &Fixture, tenant: TenantId) {
    let expected = fresh_fold(f, tenant).await;
    let actual = read_models(f, tenant, &expected.forward_plan).await;
    assert_eq!(
        actual, expected,
        "read models of {tenant} differ from a fresh fold"
    );
    assert_eq!(
        f.models.checkpoint(tenant).await.unwrap(),
        f.head(tenant).await
    );
}
