//! The `civic` binary with councils in two databases (`CIVIC_COUNCIL_DATABASES`, docs/scaling.md):
//! `civic serve` places a new council in the second, and the operator commands find it there
//! through the directory; a command not given that database refuses, naming it.

#![allow(clippy::unwrap_used, missing_docs)]

mod common;

use common::*;

const REGISTER_KENT: &str = r#"mutation {
  registerCouncil(idempotencyKey: "0190a1b2-0000-7000-8000-00000000cafe",
    input: { slug: "kent", name: "Kent County Council", kind: COUNTY, nation: ENGLAND }) {
    council { slug }
  }
}"#;

#[test]
fn serve_places_a_council_in_the_second_database_and_the_operator_commands_find_it_there() {
    let dir = tempfile::tempdir().unwrap();
    let east = format!("east=sqlite://{}", dir.path().join("east.db").display());
    let both = [("CIVIC_COUNCIL_DATABASES", east.as_str())];
    let port = free_port();
    let server = serve_with(dir.path(), port, &both);
    // The demo council is in the directory's database (civic.db): the next council goes east.
    let admin = token(run_to_exit(
        civic(dir.path()).args(["token", "--role", "admin"]),
    ));
    let registered = post_graphql(port, "/graphql", Some(&admin), REGISTER_KENT);
    assert!(registered.contains(r#""slug":"kent""#), "{registered}");
    drop(server);

    let verified = run_to_exit(
        civic(dir.path())
            .args(["verify", "--council", "kent"])
            .envs(both),
    );
    assert!(verified.status.success(), "{}", stderr(&verified));
    let exported = run_to_exit(
        civic(dir.path())
            .args(["export", "--council", "kent"])
            .envs(both),
    );
    assert!(exported.status.success(), "{}", stderr(&exported));
    let events = String::from_utf8(exported.stdout).unwrap();
    assert!(
        events.lines().count() == 1 && events.contains("CouncilRegistered"),
        "{events}"
    );
    let migrated = run_to_exit(civic(dir.path()).arg("migrate").envs(both));
    assert!(migrated.status.success(), "{}", stderr(&migrated));
    assert!(
        String::from_utf8_lossy(&migrated.stdout)
            .contains("council database east: no migration to apply"),
        "{}",
        String::from_utf8_lossy(&migrated.stdout)
    );

    // Without the second database, the directory still knows kent lives there: refused, named.
    let alone = run_to_exit(civic(dir.path()).args(["verify", "--council", "kent"]));
    assert!(!alone.status.success());
    assert!(
        stderr(&alone).contains("east") && stderr(&alone).contains("CIVIC_COUNCIL_DATABASES"),
        "{}",
        stderr(&alone)
    );
}
