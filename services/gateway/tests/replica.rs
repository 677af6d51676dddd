#![allow(clippy::unwrap_used, missing_docs)]
//! A PostgreSQL streaming standby as the read replica: the public's reads come from it, and a
//! writer's own reads from the primary, so a clerk sees a write at once however far behind the
//! standby is; the sync API is bounded by what the standby reflects. The test's own primary and
//! standby clusters (`civic_testkit::cluster`).

mod common;

use std::time::{Duration, Instant};

use civic_testkit::cluster::TestCluster;
use common::{TestApp, publish, record_draft, spawn_on};
use serde_json::{Value, json};

const COUNT: &str = "{ decisions { totalCount } }";

async fn count(app: &TestApp, token: Option<&str>) -> Value {
    let answer = app
        .post(&TestApp::council("maidstone"), token, COUNT, json!({}))
        .await;
    answer.body["data"]["decisions"]["totalCount"].clone()
}

/// Waits, bounded, until the public sees `expected` decisions: the standby replays the primary
/// within moments; the bound only turns a hang into a failure.
async fn public_sees(app: &TestApp, expected: u64) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while count(app, None).await != json!(expected) {
        assert!(
            Instant::now() < deadline,
            "the replica never showed {expected}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_public_reads_the_standby_and_a_clerk_reads_its_own_writes_from_the_primary() {
    let Some(primary) = TestCluster::primary() else {
        return;
    };
    let standby = primary.standby();
    civic_testkit::execute_as_owner(&primary.url("postgres"), "CREATE DATABASE civic").await;
    let replica_url = standby.url("civic");
    // The standby replays the CREATE DATABASE within moments; the gateway connects to it at
    // start, so wait until it can (the bound only turns a hang into a failure).
    let deadline = Instant::now() + Duration::from_secs(60);
    while sqlx::PgPool::connect(&replica_url).await.is_err() {
        assert!(
            Instant::now() < deadline,
            "the standby never showed the database"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let app = spawn_on(primary.url("civic"), |settings| {
        settings.read_replica_url = Some(replica_url.clone().into());
    })
    .await;
    // The demo council's three public decisions, once the standby has replayed them.
    public_sees(&app, 3).await;

    let clerk = app.clerk("maidstone");
    let clerk_before = count(&app, Some(&clerk)).await.as_u64().unwrap();
    let synced = changes(&app, 0).await["next"].as_u64().unwrap();

    // The standby stops replaying: what the primary commits now, it does not show.
    civic_testkit::execute_as_owner(&replica_url, "SELECT pg_wal_replay_pause()").await;
    let body = app
        .add_body("maidstone", "Replica Cabinet", "CABINET")
        .await;
    let decision = record_draft(&app, "maidstone", &body, "Replicated decision").await;
    publish(&app, "maidstone", decision).await;
    // The writer sees its write at once (the primary); the public does not yet (the standby):
    // proof that public reads are the replica's.
    assert_eq!(count(&app, Some(&clerk)).await, json!(clerk_before + 1));
    assert_eq!(count(&app, None).await, json!(3));
    // The sync API reads the log no further than the standby's read models reflect: a mirror
    // is told of nothing yet, and polls again from the same position.
    let paused = changes(&app, synced).await;
    assert_eq!(paused["changes"], json!([]), "{paused}");
    assert_eq!(paused["next"], synced);

    civic_testkit::execute_as_owner(&replica_url, "SELECT pg_wal_replay_resume()").await;
    public_sees(&app, 4).await;
    let resumed = changes(&app, synced).await;
    assert!(
        resumed["changes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|change| change["id"] == decision.to_string()),
        "{resumed}"
    );
}

/// The public's changes after `since` (the sync API).
async fn changes(app: &TestApp, since: u64) -> Value {
    let response = app
        .client
        .get(app.url(&format!("/councils/maidstone/changes?since={since}")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    serde_json::from_str(&response.text().await.unwrap()).unwrap()
}
