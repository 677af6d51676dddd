//! The `civic` binary end to end, as the README runs it: `serve` with no configuration in an
//! empty directory (embedded SQLite, demo council), `token` from any directory, `replay`, and
//! the token rules behind an identity provider.

#![allow(clippy::unwrap_used, missing_docs)]

mod common;

use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

/// The RFC 7517 (appendix A.1) example P-256 key: a JWKS that no test token is signed with.
const JWKS: &str = r#"{"keys": [{"kty": "EC", "crv": "P-256", "kid": "rfc7517",
    "x": "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
    "y": "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}]}"#;

#[test]
fn serve_with_no_configuration_loads_the_demo_council_once_and_replay_rebuilds_it() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    {
        let _server = serve(dir.path(), port);
        let councils = post_graphql(port, "/graphql", None, "{ councils { slug name } }");
        assert!(councils.contains(r#""slug":"maidstone""#), "{councils}");
        let page = post_graphql(
            port,
            "/councils/maidstone/graphql",
            None,
            "{ decisions(first: 5) { totalCount edges { node { title statusLabel keyDecision \
             subjectToCallIn dateOfDecision publicationDate effectiveFrom reportAuthor } } } }",
        );
        for expected in [
            r#""title":"Information Strategy 2010 - 13""#,
            r#""statusLabel":"Recommendations Approved""#,
            r#""keyDecision":true"#,
            r#""subjectToCallIn":true"#,
            r#""dateOfDecision":"2010-06-09""#,
            r#""publicationDate":"2010-06-11""#,
            r#""effectiveFrom":"2010-06-19""#,
            r#""reportAuthor":"Paul Taylor""#,
            DEMO_DECISIONS,
        ] {
            assert!(page.contains(expected), "{expected} not in {page}");
        }
    }
    assert!(dir.path().join("civic.db").exists());

    let replay = civic(dir.path())
        .args(["replay", "--council", "maidstone"])
        .output()
        .unwrap();
    assert!(replay.status.success(), "{replay:?}");
    // It says how far it rebuilt: to the log's last position, not a generation number.
    let said = String::from_utf8_lossy(&replay.stdout).into_owned();
    let number_after = |marker: &str| -> u64 {
        let rest = &said[said.find(marker).unwrap() + marker.len()..];
        rest.split(|c: char| !c.is_ascii_digit())
            .next()
            .unwrap()
            .parse()
            .unwrap()
    };
    assert!(said.contains("rebuilt"), "{said}");
    assert_eq!(
        number_after("from its log, "),
        number_after("up to position "),
        "{said}"
    );
    assert!(number_after("up to position ") > 10, "{said}");
    let unknown = civic(dir.path())
        .args(["replay", "--council", "nowhere"])
        .output()
        .unwrap();
    assert!(!unknown.status.success());

    // A second start finds the demo council and does not load it again.
    let _server = serve(dir.path(), port);
    let page = post_graphql(
        port,
        "/councils/maidstone/graphql",
        None,
        "{ decisions(first: 5) { totalCount } }",
    );
    assert!(page.contains(DEMO_DECISIONS), "{page}");
}

/// The demo council's decisions: the example and the demo's two illustrative records.
const DEMO_DECISIONS: &str = r#""totalCount":3"#;

const CLERK_READ: &str = "{ decisions(first: 5) { totalCount edges { node { title } } } }";

#[test]
fn a_token_minted_in_another_directory_is_signed_with_the_secret_beside_the_database() {
    let server_dir = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let port = free_port();
    let _server = serve(server_dir.path(), port);
    let database = format!("sqlite://{}", server_dir.path().join("civic.db").display());
    let mint = |args: &[&str]| {
        run_to_exit(
            civic(elsewhere.path())
                .env("DATABASE_URL", &database)
                .arg("token")
                .args(args),
        )
    };

    let clerk = token(mint(&["--council", "maidstone", "--role", "clerk"]));
    let page = post_graphql(
        port,
        "/councils/maidstone/graphql",
        Some(&clerk),
        CLERK_READ,
    );
    assert!(page.contains(DEMO_DECISIONS), "{page}");
    assert!(!page.contains("errors"), "{page}");
    // The token is verified, not ignored: the same token with its signature altered is not.
    let signature = clerk.rfind('.').unwrap() + 1;
    let mut altered = clerk.clone();
    let first = if clerk[signature..].starts_with('A') {
        "B"
    } else {
        "A"
    };
    altered.replace_range(signature..=signature, first);
    let refused = post_graphql(
        port,
        "/councils/maidstone/graphql",
        Some(&altered),
        CLERK_READ,
    );
    assert!(refused.contains("UNAUTHENTICATED"), "{refused}");

    // One secret, beside the database; nothing is left in the directory minted from.
    let secret = std::fs::read_to_string(server_dir.path().join("civic-jwt-secret")).unwrap();
    assert_eq!(secret.len(), 64);
    assert_eq!(std::fs::read_dir(elsewhere.path()).unwrap().count(), 0);
    let admin = token(mint(&["--role", "admin"]));
    let councils = post_graphql(port, "/graphql", Some(&admin), "{ councils { slug } }");
    assert!(councils.contains(r#""slug":"maidstone""#), "{councils}");
    assert_eq!(
        std::fs::read_to_string(server_dir.path().join("civic-jwt-secret")).unwrap(),
        secret
    );

    assert!(!mint(&["--role", "auditor"]).status.success());
    assert!(
        !mint(&["--council", "maidstone", "--role", "mayor"])
            .status
            .success()
    );
}

#[test]
fn token_refuses_a_council_or_a_database_that_does_not_exist() {
    let server_dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let _server = serve(server_dir.path(), port);
    let unknown = run_to_exit(civic(server_dir.path()).args([
        "token",
        "--council",
        "nowhere",
        "--role",
        "clerk",
    ]));
    assert!(!unknown.status.success());
    assert!(unknown.stdout.is_empty());
    assert!(
        stderr(&unknown).contains(r#"there is no council "nowhere""#),
        "{}",
        stderr(&unknown)
    );

    // Where there is no database, none is created (nor a secret that no server would share).
    let empty = tempfile::tempdir().unwrap();
    let nowhere = run_to_exit(civic(empty.path()).args([
        "token",
        "--council",
        "maidstone",
        "--role",
        "clerk",
    ]));
    assert!(!nowhere.status.success());
    assert!(
        stderr(&nowhere).contains("there is no database at"),
        "{}",
        stderr(&nowhere)
    );
    assert_eq!(std::fs::read_dir(empty.path()).unwrap().count(), 0);
}

#[test]
fn serve_refuses_to_start_with_a_jwks_but_no_issuer_or_audience() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("jwks.json"), JWKS).unwrap();
    let port = free_port();
    let refused = run_to_exit(
        civic(dir.path())
            .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
            .env("CIVIC_JWKS", dir.path().join("jwks.json"))
            .env("CIVIC_JWT_ISSUER", "https://id.example.test/"),
    );
    assert!(!refused.status.success());
    assert!(
        stderr(&refused).contains("CIVIC_JWT_AUDIENCE must be set too"),
        "{}",
        stderr(&refused)
    );
    // It stopped before touching the database.
    assert!(!dir.path().join("civic.db").exists());
}

#[test]
fn behind_an_identity_provider_hs256_tokens_are_refused_unless_enabled() {
    let dir = tempfile::tempdir().unwrap();
    let jwks = dir.path().join("jwks.json");
    std::fs::write(&jwks, JWKS).unwrap();
    let jwks = jwks.display().to_string();
    let identity_provider = [
        ("CIVIC_JWKS", jwks.as_str()),
        ("CIVIC_JWT_ISSUER", "https://id.example.test/"),
        ("CIVIC_JWT_AUDIENCE", "civic-register"),
    ];
    let with_hs256 = [identity_provider.as_slice(), &[("CIVIC_JWT_HS256", "1")]].concat();
    let port = free_port();
    let mint = |env: &[(&str, &str)]| {
        run_to_exit(civic(dir.path()).envs(env.iter().copied()).args([
            "token",
            "--council",
            "maidstone",
            "--role",
            "clerk",
        ]))
    };
    let clerk_token;
    {
        let _server = serve_with(dir.path(), port, &identity_provider);
        let off = mint(&identity_provider);
        assert!(!off.status.success());
        assert!(
            stderr(&off).contains("HS256 tokens are off"),
            "{}",
            stderr(&off)
        );
        // Minted with the switch on (and the configured issuer and audience), it is still refused
        // by a server that has it off.
        clerk_token = token(mint(&with_hs256));
        let refused = post_graphql(
            port,
            "/councils/maidstone/graphql",
            Some(&clerk_token),
            CLERK_READ,
        );
        assert!(refused.contains("UNAUTHENTICATED"), "{refused}");
    }
    let _server = serve_with(dir.path(), port, &with_hs256);
    let page = post_graphql(
        port,
        "/councils/maidstone/graphql",
        Some(&clerk_token),
        CLERK_READ,
    );
    assert!(page.contains(DEMO_DECISIONS), "{page}");
    assert!(!page.contains("errors"), "{page}");
}

#[test]
fn two_servers_started_together_on_an_empty_directory_both_come_up() {
    for _ in 0..3 {
        let dir = tempfile::tempdir().unwrap();
        let ports = [free_port(), free_port()];
        // Both spawned before either is waited for: they race to create the database, apply
        // its migrations, claim the demo's slug and record its commands.
        let mut servers: Vec<(Server, std::path::PathBuf)> = ports
            .iter()
            .map(|port| {
                let log = dir.path().join(format!("serve-{port}.log"));
                let child = civic(dir.path())
                    .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
                    .stdout(Stdio::null())
                    .stderr(std::fs::File::create(&log).unwrap())
                    .spawn()
                    .unwrap();
                (Server(child), log)
            })
            .collect();
        for (port, (server, log)) in ports.iter().zip(servers.iter_mut()) {
            let deadline = Instant::now() + Duration::from_secs(60);
            while TcpStream::connect(("127.0.0.1", *port)).is_err() {
                if let Some(status) = server.0.try_wait().unwrap() {
                    panic!(
                        "a civic serve exited ({status}): {}",
                        std::fs::read_to_string(log).unwrap_or_default()
                    );
                }
                assert!(
                    Instant::now() < deadline,
                    "civic serve did not start listening"
                );
                std::thread::sleep(Duration::from_millis(100));
            }
        }
        for port in ports {
            let answer = post_graphql(
                port,
                "/councils/maidstone/graphql",
                None,
                "{ decisions(first: 5) { totalCount } }",
            );
            assert!(answer.contains(DEMO_DECISIONS), "{answer}");
        }
    }
}

/// The README's import on a fresh directory: the fixtures into the demo council, a second run
/// that appends nothing, and the records in GraphQL with their sources for a clerk.
#[test]
fn import_brings_saved_pages_into_the_demo_council_once_and_serve_shows_them() {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../import/tests/fixtures");
    let import = |path: &Path| {
        run_to_exit(
            civic(dir.path())
                .args(["import", "--council", "maidstone"])
                .arg(path),
        )
    };
    let first = import(&fixtures);
    let out = String::from_utf8_lossy(&first.stdout).into_owned();
    // The month calendar and the two documents tabs cannot be imported: said, and exit 1.
    assert_eq!(first.status.code(), Some(1), "{out}{}", stderr(&first));
    assert!(out.contains("its days carry no year"), "{out}");
    assert!(out.contains("records imported: 16,"), "{out}");
    let second = import(&fixtures);
    let out = String::from_utf8_lossy(&second.stdout).into_owned();
    assert!(out.contains("records imported: 0, unchanged: "), "{out}");
    assert!(
        out.contains(" corrected: 0, also on another page: 0,"),
        "{out}"
    );
    // A page that all comes in exits 0 (it was in the folder: unchanged).
    let example = fixtures.join("text/maidstone--decision-details--1.txt");
    let one = import(&example);
    assert!(
        one.status.success(),
        "{}",
        String::from_utf8_lossy(&one.stdout)
    );
    assert!(!import(Path::new("no-such-dir")).status.success());

    let port = free_port();
    let _server = serve(dir.path(), port);
    let clerk = token(run_to_exit(civic(dir.path()).args([
        "token",
        "--council",
        "maidstone",
        "--role",
        "clerk",
    ])));
    let page = post_graphql(
        port,
        "/councils/maidstone/graphql",
        Some(&clerk),
        "{ decisions(first: 50, filter: { text: \"contractor\" }) { totalCount edges { node { \
         title sources { location sha256 fields { field text } } } } } }",
    );
    assert!(!page.contains("errors"), "{page}");
    assert!(page.contains("kirklees--decision-details--"), "{page}");
    let all = post_graphql(
        port,
        "/councils/maidstone/graphql",
        Some(&clerk),
        "{ decisions(first: 50) { totalCount } }",
    );
    // The demo's three and the seven decisions of the pages (the example text page among them:
    // a record of its own, as its page gives no id to match the demo's with).
    assert!(all.contains(r#""totalCount":10"#), "{all}");
}

#[test]
fn export_prints_the_log_and_verify_finds_an_edited_or_a_truncated_one() {
    let dir = tempfile::tempdir().unwrap();
    demo_log(dir.path());
    let export = run_to_exit(civic(dir.path()).args(["export", "--council", "maidstone"]));
    assert!(export.status.success(), "{}", stderr(&export));
    let text = String::from_utf8(export.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    for (n, line) in lines.iter().enumerate() {
        let event: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(event["position"], n as u64 + 1);
    }
    let verify = |dir: &Path, checkpoint: Option<&Path>| {
        let mut command = civic(dir);
        command.args(["verify", "--council", "maidstone"]);
        if let Some(path) = checkpoint {
            command.arg("--checkpoint").arg(path);
        }
        let output = run_to_exit(&mut command);
        let out = String::from_utf8(output.stdout).unwrap();
        (output.status.code(), out)
    };
    let (status, out) = verify(dir.path(), None);
    assert_eq!(status, Some(0), "{out}");
    assert!(
        out.contains(&format!("ok: {} events", lines.len())),
        "{out}"
    );
    // The checkpoint it prints, kept for later.
    let kept = dir.path().join("checkpoint.txt");
    let body: String = out
        .split_once("checkpoint to keep:\n")
        .unwrap()
        .1
        .to_owned();
    std::fs::write(&kept, &body).unwrap();
    assert!(
        body.starts_with("civic-register/councils/maidstone\n"),
        "{body}"
    );
    // A verifier written from the documentation alone computes the same root from the export.
    let exported = dir.path().join("export.ndjson");
    std::fs::write(&exported, &text).unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/verify-tree.py");
    let python = Command::new("python3")
        .arg(script)
        .arg(&exported)
        .output()
        .unwrap();
    assert!(python.status.success(), "{python:?}");
    let root_line: Vec<&str> = body.lines().collect();
    assert_eq!(
        String::from_utf8(python.stdout).unwrap().trim(),
        format!("size {} root {}", root_line[1], root_line[2])
    );

    // The last event removed: still a valid chain, but shorter than the checkpoint kept.
    tamper(
        dir.path(),
        "DROP TRIGGER events_no_delete; DELETE FROM events WHERE position = \
         (SELECT max(position) FROM events WHERE tenant_id = (SELECT tenant_id FROM events \
         WHERE position = 1 LIMIT 1));",
    );
    let (status, out) = verify(dir.path(), None);
    assert_eq!(
        status,
        Some(0),
        "a shorter log alone is a valid chain: {out}"
    );
    let (status, out) = verify(dir.path(), Some(&kept));
    assert_eq!(status, Some(1), "{out}");
    assert!(
        out.contains(&format!("broken at position {}", lines.len())),
        "{out}"
    );
    assert!(out.contains("events were removed"), "{out}");

    // An event edited in place: found at its position.
    tamper(
        dir.path(),
        "DROP TRIGGER events_no_update; UPDATE events SET actor = 'user:mallory' WHERE position = 5;",
    );
    let (status, out) = verify(dir.path(), None);
    assert_eq!(status, Some(1), "{out}");
    assert!(out.contains("event at position 5 has hash"), "{out}");
}

/// `civic erase` on the record: the contact details of the example decision are erased for
/// good, the log still verifies against the checkpoint kept before, the export never held them,
/// and a personal value changed beside the log is found by `civic verify`.
#[test]
fn erase_removes_contact_details_for_good_and_the_log_still_verifies() {
    let dir = tempfile::tempdir().unwrap();
    demo_log(dir.path());
    let verify = |checkpoint: Option<&Path>| {
        let mut command = civic(dir.path());
        command.args(["verify", "--council", "maidstone"]);
        if let Some(path) = checkpoint {
            command.arg("--checkpoint").arg(path);
        }
        let output = run_to_exit(&mut command);
        (
            output.status.code(),
            String::from_utf8(output.stdout).unwrap(),
        )
    };
    let (status, out) = verify(None);
    assert_eq!(status, Some(0), "{out}");
    let kept = dir.path().join("checkpoint.txt");
    std::fs::write(&kept, out.split_once("checkpoint to keep:\n").unwrap().1).unwrap();

    let erase = |matching: &str| {
        run_to_exit(civic(dir.path()).args([
            "erase",
            "--council",
            "maidstone",
            "--matching",
            matching,
            "--reason",
            "Erasure request DP-2026-114",
            "--actor",
            "user:dpo",
        ]))
    };
    let preview = run_to_exit(civic(dir.path()).args([
        "erase",
        "--council",
        "maidstone",
        "--matching",
        "01622 602068",
        "--reason",
        "Erasure request DP-2026-114",
        "--dry-run",
    ]));
    assert!(preview.status.success(), "{}", stderr(&preview));
    let listed = String::from_utf8(preview.stdout).unwrap();
    assert!(
        listed.contains("would erase the value committed to as "),
        "{listed}"
    );
    assert!(listed.contains("nothing erased"), "{listed}");
    let erased = erase("01622 602068");
    assert!(erased.status.success(), "{}", stderr(&erased));
    let said = String::from_utf8(erased.stdout).unwrap();
    assert!(said.starts_with("erased "), "{said}");
    let again = erase("01622 602068");
    assert_eq!(again.status.code(), Some(1));
    assert!(
        String::from_utf8(again.stdout)
            .unwrap()
            .starts_with("nothing erased")
    );

    let (status, out) = verify(Some(&kept));
    assert_eq!(status, Some(0), "{out}");
    assert!(out.contains("the log extends the checkpoint kept"), "{out}");
    let export = run_to_exit(civic(dir.path()).args(["export", "--council", "maidstone"]));
    let text = String::from_utf8(export.stdout).unwrap();
    assert!(!text.contains("602068"));
    assert!(text.contains("PersonalDataErased"));

    // A value beside the log changed behind the store's back no longer matches its commitment.
    tamper(
        dir.path(),
        "UPDATE personal_values SET value = '\"mallory@example.org\"' \
         WHERE commitment = (SELECT commitment FROM personal_values LIMIT 1);",
    );
    let (status, out) = verify(None);
    assert_eq!(status, Some(1), "{out}");
    assert!(out.contains("no longer matches its commitment"), "{out}");
}

/// The verifiable log of a running server, checked by `docs/verify-log.py`: a verifier written
/// from the documentation alone (Python's standard library; Ed25519 as RFC 8032 gives it). It
/// checks the signed checkpoint against the published key, the root against an export, inclusion
/// proofs, and, after the log grew, a consistency proof from the checkpoint it kept.
#[test]
fn an_outside_verifier_checks_the_served_checkpoints_and_proofs() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let _server = serve(dir.path(), port);
    let base = format!("http://127.0.0.1:{port}");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/verify-log.py");
    let export = |name: &str| {
        let output = run_to_exit(civic(dir.path()).args(["export", "--council", "maidstone"]));
        assert!(output.status.success(), "{}", stderr(&output));
        let path = dir.path().join(name);
        std::fs::write(&path, output.stdout).unwrap();
        path
    };
    let check = |export: &Path, kept: Option<&Path>| {
        let mut command = Command::new("python3");
        command.arg(&script).args([&base, "maidstone"]).arg(export);
        if let Some(kept) = kept {
            command.arg(kept);
        }
        let output = command.output().unwrap();
        let out = String::from_utf8(output.stdout).unwrap();
        assert!(
            output.status.success(),
            "{out}{}",
            String::from_utf8_lossy(&output.stderr)
        );
        out
    };
    let out = check(&export("first.ndjson"), None);
    assert!(
        out.contains("ok: civic-register/councils/maidstone size "),
        "{out}"
    );
    let kept = dir.path().join("kept.txt");
    std::fs::write(&kept, out.split("ok: ").next().unwrap()).unwrap();
    // `civic verify` accepts the signed note too, checking its signature with the same key.
    let verified = run_to_exit(
        civic(dir.path())
            .args(["verify", "--council", "maidstone", "--checkpoint"])
            .arg(&kept),
    );
    assert!(verified.status.success(), "{}", stderr(&verified));

    // The log grows (a page imported beside the running server); the new checkpoint extends the
    // one kept.
    let page = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../import/tests/fixtures/decision-details/kirklees--decision-details--2.html");
    let imported = run_to_exit(
        civic(dir.path())
            .args(["import", "--council", "maidstone"])
            .arg(page),
    );
    assert!(imported.status.success(), "{}", stderr(&imported));
    let out = check(&export("second.ndjson"), Some(&kept));
    assert!(out.contains("ok: "), "{out}");
}

#[test]
fn replay_check_finds_a_read_model_that_differs_from_the_log_and_replay_mends_it() {
    let dir = tempfile::tempdir().unwrap();
    demo_log(dir.path());
    let check = || {
        let output =
            run_to_exit(civic(dir.path()).args(["replay", "--council", "maidstone", "--check"]));
        (
            output.status.code(),
            String::from_utf8(output.stdout).unwrap(),
        )
    };
    let (status, out) = check();
    assert_eq!(status, Some(0), "{out}");
    assert!(out.contains(", 0 differ"), "{out}");

    // A live read-model row changed behind the projector's back.
    tamper(
        dir.path(),
        "UPDATE decisions SET sort_date = '1999-01-01' WHERE title = 'Information Strategy 2010 - 13'",
    );
    let (status, out) = check();
    assert_eq!(status, Some(1), "{out}");
    assert!(out.contains("decisions: live"), "{out}");
    assert!(out.contains("decisions: from the log"), "{out}");

    // A replay rebuilds them from the log; the check then finds nothing.
    let replay = run_to_exit(civic(dir.path()).args(["replay", "--council", "maidstone"]));
    assert!(replay.status.success(), "{}", stderr(&replay));
    let (status, out) = check();
    assert_eq!(status, Some(0), "{out}");
}
