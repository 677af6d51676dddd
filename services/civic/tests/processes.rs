//! Several `civic` processes on one PostgreSQL database: two gateways (`serve --no-projector`)
//! and two projectors (`project`) share the work with nothing skipped or applied twice, and a
//! projector killed in the middle of a backlog is taken over by the others.

#![allow(clippy::unwrap_used, missing_docs)]

mod common;

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use civic_domain::Nation;
use civic_domain::council::{BodyKind, CouncilKind};
use civic_domain::values::{BodyId, DecisionId, Name, Slug, Title};
use civic_domain::{Command as DomainCommand, CouncilCommand, DecisionCommand};
use civic_eventstore::Actor;
use civic_runtime::{Envelope, Runtime};
use common::*;
use sqlx::Connection as _;

const COUNCILS: [&str; 3] = ["north", "south", "east"];
/// Events each council's backlog holds before any projector runs.
const BACKLOG: usize = 1_000;
/// Bodies added through the gateways while the projectors run, per council and gateway.
const LIVE_WRITES: usize = 10;
const SECRET: &str = "a-secret-of-at-least-thirty-two-characters";

/// Each council's log, with a cabinet and `BACKLOG` decisions that no read model shows yet.
async fn backlog(url: &str) {
    let runtime = Runtime::connect(url, 4).await.unwrap();
    let admin = Actor::parse("admin:test").unwrap();
    let clerk = Actor::parse("clerk:test").unwrap();
    for slug in COUNCILS {
        let registration = CouncilCommand::Register {
            slug: Slug::parse(slug).unwrap(),
            name: Name::parse(&format!("{slug} District Council")).unwrap(),
            kind: CouncilKind::District,
            nation: Nation::England,
        };
        let (tenant, _) = runtime
            .register_council(admin.clone(), uuid::Uuid::now_v7(), registration)
            .await
            .unwrap();
        let cabinet = BodyId::new();
        let add = DomainCommand::Council(CouncilCommand::AddBody {
            body: cabinet,
            name: Name::parse("Cabinet").unwrap(),
            kind: BodyKind::Cabinet,
        });
        let envelope = Envelope::new(tenant, clerk.clone(), uuid::Uuid::now_v7());
        runtime
            .run_without_catching_up(&envelope, &add)
            .await
            .unwrap();
        for n in 0..BACKLOG {
            let mut details = civic_domain::example::details(cabinet, None).unwrap();
            details.title = Title::parse(&format!("Backlog decision {n}")).unwrap();
            let record = DomainCommand::Decision {
                decision: DecisionId::new(),
                command: DecisionCommand::Record {
                    details: details.into(),
                },
            };
            let envelope = Envelope::new(tenant, clerk.clone(), uuid::Uuid::now_v7());
            runtime
                .run_without_catching_up(&envelope, &record)
                .await
                .unwrap();
        }
    }
}

/// (events the read models show, events in the logs), over every council.
async fn progress(url: &str) -> (i64, i64) {
    let mut conn = sqlx::PgConnection::connect(url).await.unwrap();
    let shown: i64 = sqlx::query_scalar(
        "SELECT COALESCE(SUM(c.position), 0)::bigint FROM projection_checkpoints c \
         JOIN projection_generations g ON g.tenant_id = c.tenant_id \
          AND g.active_generation = c.generation",
    )
    .fetch_one(&mut conn)
    .await
    .unwrap();
    let logged: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM events")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    let _ = conn.close().await;
    (shown, logged)
}

struct Process(Child);

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn project(dir: &std::path::Path, env: &[(&str, &str)], name: &str) -> Process {
    Process(
        civic(dir)
            .arg("project")
            .envs(env.iter().copied())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(dir.join(format!("{name}.log"))).unwrap())
            .spawn()
            .unwrap(),
    )
}

fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(120);
    while !done() {
        assert!(Instant::now() < deadline, "waited too long: {what}");
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn two_gateways_and_two_projectors_share_the_work_and_take_over_from_a_killed_one() {
    let Some(db) = EmptyPostgres::create("civic_processes") else {
        return;
    };
    let url = db.url();
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(backlog(&url));
    let (registered, total) = rt.block_on(progress(&url));
    assert_eq!(total - registered, (COUNCILS.len() * (1 + BACKLOG)) as i64);

    let dir = tempfile::tempdir().unwrap();
    let env = [("DATABASE_URL", url.as_str()), ("CIVIC_JWT_SECRET", SECRET)];

    // One projector alone, killed outright once it has committed part of the backlog.
    let first = project(dir.path(), &env, "first");
    let mut seen = (0, 0);
    wait_until("the first projector to commit a batch", || {
        seen = rt.block_on(progress(&url));
        seen.0 > registered
    });
    let pid = first.0.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-KILL", &pid])
            .status()
            .unwrap()
            .success()
    );
    drop(first);
    let (at_kill, _) = rt.block_on(progress(&url));
    assert!(
        at_kill < total,
        "the first projector finished the backlog before it was killed ({at_kill} of {total})"
    );

    // Two projectors and two gateways; clerks write through both gateways meanwhile.
    let _projectors = [
        project(dir.path(), &env, "second"),
        project(dir.path(), &env, "third"),
    ];
    let ports = [free_port(), free_port()];
    let _gateways: Vec<Server> = ports
        .iter()
        .map(|port| {
            let mut command = civic(dir.path());
            command
                .args([
                    "serve",
                    "--no-projector",
                    "--listen",
                    &format!("127.0.0.1:{port}"),
                ])
                .envs(env.iter().copied());
            listening(dir.path(), &mut command, *port)
        })
        .collect();
    let mut clerks = Vec::new();
    for slug in COUNCILS {
        let clerk = token(run_to_exit(
            civic(dir.path())
                .args(["token", "--council", slug, "--role", "clerk"])
                .envs(env.iter().copied()),
        ));
        for n in 0..LIVE_WRITES {
            for (gateway, port) in ports.iter().enumerate() {
                let mutation = format!(
                    "mutation {{ addBody(idempotencyKey: \"{}\", input: {{ name: \"Live {gateway}-{n}\", \
                     kind: COMMITTEE }}) {{ council {{ slug }} }} }}",
                    uuid::Uuid::now_v7()
                );
                let answer = post_graphql(
                    *port,
                    &format!("/councils/{slug}/graphql"),
                    Some(&clerk),
                    &mutation,
                );
                assert!(answer.contains(&format!("\"slug\":\"{slug}\"")), "{answer}");
            }
        }
        clerks.push(clerk);
    }

    let written = total + (COUNCILS.len() * LIVE_WRITES * ports.len()) as i64;
    wait_until("every council's read models to show its whole log", || {
        rt.block_on(progress(&url)) == (written, written)
    });
    // Nothing skipped or applied twice: each council's read models equal a rebuild from its log,
    // and show every body, once.
    for (slug, clerk) in COUNCILS.iter().zip(&clerks) {
        let check = run_to_exit(
            civic(dir.path())
                .args(["replay", "--council", slug, "--check"])
                .envs(env.iter().copied()),
        );
        assert!(
            check.status.success(),
            "{}\n{}",
            String::from_utf8_lossy(&check.stdout),
            stderr(&check)
        );
        let path = format!("/councils/{slug}/graphql");
        let shown = post_graphql(
            ports[1],
            &path,
            Some(clerk),
            "{ council { bodies { name } } decisions { totalCount } }",
        );
        let shown: serde_json::Value = serde_json::from_str(&shown).unwrap();
        let bodies = shown["data"]["council"]["bodies"].as_array().unwrap();
        assert_eq!(
            bodies.len(),
            1 + LIVE_WRITES * ports.len(),
            "{slug}: {shown}"
        );
        assert_eq!(
            shown["data"]["decisions"]["totalCount"], BACKLOG,
            "{slug}: {shown}"
        );
    }
    let logs: String = ["second", "third"]
        .iter()
        .map(|name| std::fs::read_to_string(dir.path().join(format!("{name}.log"))).unwrap())
        .collect();
    assert!(!logs.contains("ERROR"), "{logs}");
}
