//! The example decision's full lifecycle through the application layer, on both backends: the
//! domain decides, the store appends, and reading the log back gives the example page's values.

#![allow(clippy::unwrap_used, missing_docs)]

use std::sync::Arc;

use chrono::NaiveDate;
use civic_app::{AppError, CommandContext, Register};
use civic_domain::council::CouncilCommand;
use civic_domain::decision::{DecisionCommand, DecisionStatus};
use civic_domain::example::{self, ExampleIds};
use civic_domain::values::{Name, WardId};
use civic_domain::{Command, Decision, DomainError, StrategyDocument, StreamId};
use civic_eventstore::{
    Actor, ChainVerifier, EventStore, PgEventStore, SqliteEventStore, TenantId, migrations,
};
use civic_testkit::{TestPostgres, TestSqlite};
use uuid::Uuid;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn context() -> CommandContext {
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

async fn record_example<S: EventStore>(register: &Register<S>, tenant: TenantId) -> ExampleIds {
    let ids = ExampleIds::new();
    for command in example::commands(&ids).unwrap() {
        let executed = register
            .execute(tenant, &command, &context())
            .await
            .unwrap();
        assert!(!executed.replayed);
    }
    ids
}

async fn the_example_history_is_recorded_and_reads_back_as_on_the_page<S: EventStore>(
    register: Register<S>,
) {
    let tenant = TenantId::new();
    let ids = record_example(&register, tenant).await;

    let (events, version) = register
        .stream(tenant, &StreamId::decision(ids.decision))
        .await
        .unwrap();
    assert_eq!(version, 3);
    let decision = Decision::from_history(&events).unwrap();
    let details = decision.details();
    assert_eq!(details.title.as_str(), "Information Strategy 2010 - 13");
    assert_eq!(
        details
            .decision_maker
            .as_ref()
            .unwrap()
            .name_as_shown
            .as_str(),
        "Cabinet"
    );
    assert_eq!(
        details.status_label.as_ref().unwrap().as_str(),
        "Recommendations Approved"
    );
    assert_eq!(details.key_decision, Some(true));
    assert_eq!(details.subject_to_call_in, Some(true));
    assert_eq!(details.date_of_decision, d(2010, 6, 9));
    assert_eq!(
        details.report_author.as_ref().unwrap().as_str(),
        "Paul Taylor"
    );
    let publication = decision.publication().unwrap();
    assert_eq!(publication.publication_date, d(2010, 6, 11));
    assert_eq!(publication.computed_call_in_deadline, Some(d(2010, 6, 18)));
    assert_eq!(decision.effective_from(), Some(d(2010, 6, 19)));
    assert_eq!(decision.status(), DecisionStatus::Effective);

    let (events, _) = register
        .stream(tenant, &StreamId::strategy(ids.strategy))
        .await
        .unwrap();
    let strategy = StrategyDocument::from_history(&events).unwrap();
    assert_eq!(strategy.title().as_str(), "Information Strategy");
    assert_eq!(strategy.title_on(d(2010, 6, 1)).as_str(), "ICT Strategy");
    assert_eq!(strategy.decisions(), vec![ids.decision]);

    let council = register.council(tenant).await.unwrap().unwrap();
    assert_eq!(council.name().as_str(), "Maidstone Borough Council");

    // Whatever the domain emitted for the nine commands, the log is gapless and chained.
    let log = register.store().read_log(tenant, 0, 1000).await.unwrap();
    let mut verifier = ChainVerifier::default();
    for event in &log {
        verifier.check(event).unwrap();
    }
    assert!(
        log.iter()
            .all(|e| e.actor.as_str() == "user:clerk@maidstone.gov.uk")
    );
}

async fn a_replayed_command_returns_the_original_result_and_appends_nothing<S: EventStore>(
    register: Register<S>,
) {
    let tenant = TenantId::new();
    let ids = record_example(&register, tenant).await;
    let command = Command::Council(CouncilCommand::AddWard {
        ward: WardId::new(),
        name: Name::parse("Bearsted").unwrap(),
    });
    let ctx = context();
    let first = register.execute(tenant, &command, &ctx).await.unwrap();
    let head = register.store().head(tenant).await.unwrap();
    // The same command id again: even though adding the same ward again would now be refused,
    // the original result comes back and nothing is appended.
    let again = register.execute(tenant, &command, &ctx).await.unwrap();
    assert!(again.replayed);
    assert_eq!(again.committed, first.committed);
    assert_eq!(register.store().head(tenant).await.unwrap(), head);

    // The same id for a command on another stream is refused.
    let other = Command::Decision {
        decision: ids.decision,
        command: DecisionCommand::Implement {
            on: d(2010, 7, 1),
            note: None,
        },
    };
    assert!(matches!(
        register.execute(tenant, &other, &ctx).await,
        Err(AppError::CommandIdReused { .. })
    ));
}

async fn a_stale_expected_version_is_a_conflict_and_a_refused_command_writes_nothing<
    S: EventStore,
>(
    register: Register<S>,
) {
    let tenant = TenantId::new();
    let ids = record_example(&register, tenant).await;
    let head = register.store().head(tenant).await.unwrap();
    let implement = Command::Decision {
        decision: ids.decision,
        command: DecisionCommand::Implement {
            on: d(2010, 7, 1),
            note: None,
        },
    };
    let stale = CommandContext {
        expected_version: Some(2),
        ..context()
    };
    assert!(matches!(
        register.execute(tenant, &implement, &stale).await,
        Err(AppError::Conflict {
            expected: 2,
            actual: 3,
            ..
        })
    ));
    // Taking effect again is an invalid transition: a domain error, nothing written.
    let again = Command::Decision {
        decision: ids.decision,
        command: DecisionCommand::TakeEffect { on: d(2010, 6, 19) },
    };
    let error = register
        .execute(tenant, &again, &context())
        .await
        .unwrap_err();
    assert!(matches!(error, AppError::Domain(DomainError::Decision(_))));
    assert_eq!(register.store().head(tenant).await.unwrap(), head);

    let current = CommandContext {
        expected_version: Some(3),
        ..context()
    };
    let done = register
        .execute(tenant, &implement, &current)
        .await
        .unwrap();
    assert_eq!(done.committed.stream_version, 4);
}

async fn concurrent_commands_on_one_stream_without_expected_versions_all_land<
    S: EventStore + 'static,
>(
    register: Arc<Register<S>>,
) {
    let tenant = TenantId::new();
    record_example(&register, tenant).await;
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..6 {
        let register = register.clone();
        tasks.spawn(async move {
            let command = Command::Council(CouncilCommand::AddWard {
                ward: WardId::new(),
                name: Name::parse(&format!("Ward {i}")).unwrap(),
            });
            register.execute(tenant, &command, &context()).await
        });
    }
    while let Some(result) = tasks.join_next().await {
        result.unwrap().unwrap();
    }
    let council = register.council(tenant).await.unwrap().unwrap();
    assert_eq!(council.wards().len(), 6);
}

/// Identical commands (same id, same input) sent at the same moment: every one gets the original
/// result, whichever wins the race, and the log holds it once. The same id with different input
/// is refused.
async fn identical_commands_racing_all_get_the_original_result<S: EventStore + 'static>(
    register: Arc<Register<S>>,
) {
    let tenant = TenantId::new();
    let ids = ExampleIds::new();
    let commands = example::commands(&ids).unwrap();
    let record = commands
        .iter()
        .position(|c| {
            matches!(
                c,
                Command::Decision {
                    command: DecisionCommand::Record { .. },
                    ..
                }
            )
        })
        .unwrap();
    for command in &commands[..record] {
        register.execute(tenant, command, &context()).await.unwrap();
    }
    for round in 0..8 {
        // A fresh decision each round, recorded by 12 identical requests at once.
        let decision = civic_domain::DecisionId::new();
        let Command::Decision { command, .. } = commands[record].clone() else {
            unreachable!("the record command is a decision command");
        };
        let command = Command::Decision { decision, command };
        let shared = context();
        let mut racers = tokio::task::JoinSet::new();
        for _ in 0..12 {
            let (register, command, shared) = (register.clone(), command.clone(), shared.clone());
            racers.spawn(async move { register.execute(tenant, &command, &shared).await });
        }
        let mut originals = 0;
        let mut committed = Vec::new();
        while let Some(joined) = racers.join_next().await {
            let executed = joined
                .unwrap()
                .unwrap_or_else(|e| panic!("round {round}: {e:?}"));
            originals += usize::from(!executed.replayed);
            committed.push(executed.committed);
        }
        assert_eq!(
            originals, 1,
            "round {round}: exactly one request recorded it"
        );
        assert!(
            committed.windows(2).all(|w| w[0] == w[1]),
            "round {round}: {committed:?}"
        );
        let (events, _) = register
            .stream(tenant, &StreamId::decision(decision))
            .await
            .unwrap();
        assert_eq!(events.len(), 1, "round {round}");

        // The same id for the same decision with other input is a different command.
        let mut other = command.clone();
        if let Command::Decision {
            command: DecisionCommand::Record { details },
            ..
        } = &mut other
        {
            details.title = civic_domain::values::Title::parse("Another title").unwrap();
        }
        assert!(matches!(
            register.execute(tenant, &other, &shared).await,
            Err(AppError::CommandIdReused { .. })
        ));
    }
}

async fn sqlite() -> (Register<SqliteEventStore>, TestSqlite) {
    let db = TestSqlite::fresh();
    let store = SqliteEventStore::open_file(&db.path()).await.unwrap();
    store.migrate().await.unwrap();
    (Register::new(store), db)
}

async fn postgres(test: &str) -> Option<(Register<PgEventStore>, TestPostgres)> {
    let db = TestPostgres::fresh(test, &migrations::postgres()).await?;
    let store = PgEventStore::connect(db.url(), 8).await.unwrap();
    Some((Register::new(store), db))
}

macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let (register, _db) = super::sqlite().await;
                    super::$name(register).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let Some((register, _db)) = super::postgres(stringify!($name)).await else {
                        return;
                    };
                    super::$name(register).await;
                }
            )*
        }
    };
}

on_both_backends!(
    the_example_history_is_recorded_and_reads_back_as_on_the_page,
    a_replayed_command_returns_the_original_result_and_appends_nothing,
    a_stale_expected_version_is_a_conflict_and_a_refused_command_writes_nothing,
);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_commands_on_one_stream_land_on_sqlite() {
    let (register, _db) = sqlite().await;
    concurrent_commands_on_one_stream_without_expected_versions_all_land(Arc::new(register)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_commands_on_one_stream_land_on_postgres() {
    let Some((register, _db)) = postgres("concurrent_commands").await else {
        return;
    };
    concurrent_commands_on_one_stream_without_expected_versions_all_land(Arc::new(register)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn identical_commands_racing_all_get_the_original_result_on_sqlite() {
    let (register, _db) = sqlite().await;
    identical_commands_racing_all_get_the_original_result(Arc::new(register)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn identical_commands_racing_all_get_the_original_result_on_postgres() {
    let Some((register, _db)) = postgres("identical_commands_racing").await else {
        return;
    };
    identical_commands_racing_all_get_the_original_result(Arc::new(register)).await;
}
