#![allow(clippy::unwrap_used, missing_docs)]
//! Each council's verifiable log over HTTP, on both backends: the latest checkpoint, signed with
//! the platform's key and checked with the key `/log/key` publishes; inclusion proofs of events
//! recomputed from their export lines; and a consistency proof between a checkpoint kept and one
//! taken after the log grew.

mod common;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use civic_domain::values::{Name, WardId};
use civic_domain::{Command, CouncilCommand};
use civic_eventstore::checkpoint::{LogKey, verify_note};
use civic_eventstore::export::for_each_event;
use civic_eventstore::merkle::{self, Hash};
use civic_eventstore::{Actor, export};
use civic_runtime::Envelope;
use common::{Backend, TestApp, spawn_with};

fn hashes(value: &serde_json::Value) -> Vec<Hash> {
    value["hashes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            STANDARD
                .decode(h.as_str().unwrap())
                .unwrap()
                .try_into()
                .unwrap()
        })
        .collect()
}

async fn get_text(app: &TestApp, path: &str) -> (u16, String) {
    let response = app.client.get(app.url(path)).send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.text().await.unwrap())
}

async fn get_json(app: &TestApp, path: &str) -> serde_json::Value {
    let (status, text) = get_text(app, path).await;
    assert_eq!(status, 200, "{path}: {text}");
    serde_json::from_str(&text).unwrap()
}

async fn the_log_is_served_with_signed_checkpoints_and_proofs_that_verify(backend: Backend) {
    let key = LogKey::from_seed("civic-register", [42; 32]).unwrap();
    let signing = key.clone();
    let Some(app) = spawn_with(backend, "log_http", move |settings| {
        settings.log_key = Some(signing);
    })
    .await
    else {
        return;
    };
    let (status, published) = get_text(&app, "/log/key").await;
    assert_eq!(status, 200);
    assert_eq!(published.trim(), key.verifier_key());

    let (status, note) = get_text(&app, "/councils/maidstone/log/checkpoint").await;
    assert_eq!(status, 200, "{note}");
    let first = verify_note(&note, published.trim()).unwrap();
    assert_eq!(first.origin, "civic-register/councils/maidstone");
    assert!(first.size > 10);

    // Every event's leaf, recomputed from its export line, is in the checkpoint's tree.
    let tenant = app.tenant("maidstone").await;
    let mut leaves = Vec::new();
    for_each_event(app.services.directory.home().store(), tenant, |event| {
        leaves.push(export::leaf(event).unwrap());
        Ok(())
    })
    .await
    .unwrap();
    assert_eq!(leaves.len() as u64, first.size);
    for index in [0, first.size / 2, first.size - 1] {
        let proof = get_json(
            &app,
            &format!(
                "/councils/maidstone/log/proof/inclusion?index={index}&size={}",
                first.size
            ),
        )
        .await;
        assert!(merkle::verify_inclusion(
            index,
            first.size,
            &leaves[index as usize],
            &hashes(&proof),
            &first.root
        ));
    }

    // The log grows; the new checkpoint extends the one kept.
    let clerk = Actor::parse("clerk:test").unwrap();
    let add_ward = Command::Council(CouncilCommand::AddWard {
        ward: WardId::new(),
        name: Name::parse("Shepway North").unwrap(),
    });
    app.services
        .directory
        .home()
        .run(
            &Envelope::new(tenant, clerk, uuid::Uuid::now_v7()),
            &add_ward,
        )
        .await
        .unwrap();
    let (_, note) = get_text(&app, "/councils/maidstone/log/checkpoint").await;
    let later = verify_note(&note, published.trim()).unwrap();
    assert_eq!(later.size, first.size + 1);
    let proof = get_json(
        &app,
        &format!(
            "/councils/maidstone/log/proof/consistency?from={}&to={}",
            first.size, later.size
        ),
    )
    .await;
    assert!(merkle::verify_consistency(
        first.size,
        later.size,
        &first.root,
        &later.root,
        &hashes(&proof)
    ));

    // Asking beyond the log, or of a council that is not there, is refused plainly.
    let beyond = format!(
        "/councils/maidstone/log/proof/inclusion?index=0&size={}",
        later.size + 1
    );
    assert_eq!(get_text(&app, &beyond).await.0, 400);
    let backwards = "/councils/maidstone/log/proof/consistency?from=5&to=2";
    assert_eq!(get_text(&app, backwards).await.0, 400);
    assert_eq!(
        get_text(&app, "/councils/nowhere/log/checkpoint").await.0,
        404
    );
    assert_eq!(
        get_text(&app, "/councils/maidstone/log/proof/inclusion?index=x")
            .await
            .0,
        400
    );
}

both_backends!(the_log_is_served_with_signed_checkpoints_and_proofs_that_verify);
