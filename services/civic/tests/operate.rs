//! What an operator does with the `civic` binary besides serving: settings from a configuration
//! file under the environment and flags (`civic config` shows them, secrets hidden), a
//! projector process stopped by SIGTERM, and backups restored and verified on both backends.

#![allow(clippy::unwrap_used, missing_docs)]

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn the_configuration_file_sits_under_the_environment_and_civic_config_hides_secrets() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("civic.toml");
    std::fs::write(
        &file,
        "DATABASE_URL = \"postgres://civic:hunter2@db.internal/civic\"\n\
         CIVIC_JWT_SECRET = \"a-secret-of-at-least-thirty-two-characters\"\n\
         CIVIC_REQUEST_TIMEOUT = 45\n\
         CIVIC_LISTEN = \"0.0.0.0:9000\"\n",
    )
    .unwrap();
    let shown = run_to_exit(
        civic(dir.path())
            .args(["config", "--config"])
            .arg(&file)
            .env("CIVIC_LISTEN", "127.0.0.1:9100"),
    );
    assert!(shown.status.success(), "{}", stderr(&shown));
    let text = stdout(&shown);
    let lines: Vec<&str> = text.lines().collect();
    for expected in [
        "DATABASE_URL = \"postgres://civic:***@db.internal/civic\"  # configuration file",
        "# CIVIC_JWT_SECRET is set (configuration file), not shown",
        "CIVIC_REQUEST_TIMEOUT = \"45\"  # configuration file",
        "CIVIC_LISTEN = \"127.0.0.1:9100\"  # environment",
        "CIVIC_SHUTDOWN_TIMEOUT = \"10\"  # default",
        "CIVIC_DATABASE_MAX_CONNECTIONS = \"10\"  # default",
        "# CIVIC_JWKS is not set",
    ] {
        assert!(lines.contains(&expected), "{expected:?} not in:\n{text}");
    }
    assert!(
        !text.contains("hunter2") && !text.contains("thirty-two"),
        "{text}"
    );
    // The file may also be named by the environment.
    let by_env = run_to_exit(civic(dir.path()).arg("config").env("CIVIC_CONFIG", &file));
    assert!(
        stdout(&by_env).contains("CIVIC_LISTEN = \"0.0.0.0:9000\"  # configuration file"),
        "{}",
        stdout(&by_env)
    );
}

#[test]
fn serve_takes_its_settings_from_the_configuration_file_and_a_flag_overrides_them() {
    let dir = tempfile::tempdir().unwrap();
    let (from_file, from_flag) = (free_port(), free_port());
    let file = dir.path().join("civic.toml");
    std::fs::write(&file, format!("CIVIC_LISTEN = \"127.0.0.1:{from_file}\"\n")).unwrap();
    let server = listening(
        dir.path(),
        civic(dir.path()).args(["serve", "--config"]).arg(&file),
        from_file,
    );
    drop(server);
    let server = listening(
        dir.path(),
        civic(dir.path())
            .args(["serve", "--listen", &format!("127.0.0.1:{from_flag}")])
            .env("CIVIC_CONFIG", &file),
        from_flag,
    );
    drop(server);
}

#[test]
fn a_misspelt_or_bad_setting_in_the_configuration_file_stops_civic_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("civic.toml");
    std::fs::write(&file, "CIVIC_LISTEM = \"127.0.0.1:9000\"\n").unwrap();
    let refused = run_to_exit(civic(dir.path()).args(["serve", "--config"]).arg(&file));
    assert!(!refused.status.success());
    assert!(
        stderr(&refused).contains("\"CIVIC_LISTEM\", which is not a setting of civic"),
        "{}",
        stderr(&refused)
    );

    std::fs::write(&file, "CIVIC_DATABASE_MAX_CONNECTIONS = 0\n").unwrap();
    let refused = run_to_exit(civic(dir.path()).args(["serve", "--config"]).arg(&file));
    assert!(!refused.status.success());
    assert!(
        stderr(&refused).contains("--database-max-connections"),
        "{}",
        stderr(&refused)
    );

    std::fs::write(&file, "CIVIC_REQUEST_TIMEOUT = 0\n").unwrap();
    let refused = run_to_exit(civic(dir.path()).args(["serve", "--config"]).arg(&file));
    assert!(!refused.status.success());
    assert!(
        stderr(&refused).contains("--request-timeout"),
        "{}",
        stderr(&refused)
    );

    let missing = run_to_exit(civic(dir.path()).args(["config", "--config", "absent.toml"]));
    assert!(!missing.status.success());
    assert!(
        stderr(&missing).contains("absent.toml"),
        "{}",
        stderr(&missing)
    );
}

#[test]
fn a_read_replica_beside_an_sqlite_database_is_refused_before_serving() {
    let dir = tempfile::tempdir().unwrap();
    let refused = run_to_exit(civic(dir.path()).arg("serve").env(
        "CIVIC_READ_REPLICA_URL",
        "postgres://standby.internal/civic",
    ));
    assert!(!refused.status.success());
    assert!(
        stderr(&refused).contains("both must be postgres:// URLs"),
        "{}",
        stderr(&refused)
    );
}

#[test]
fn the_projector_process_finishes_and_exits_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    demo_log(dir.path());
    let log = dir.path().join("project.log");
    let mut child = civic(dir.path())
        .arg("project")
        .env("RUST_LOG", "info")
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    while !std::fs::read_to_string(&log)
        .unwrap()
        .contains("following new events")
    {
        assert!(
            child.try_wait().unwrap().is_none(),
            "{}",
            std::fs::read_to_string(&log).unwrap()
        );
        assert!(Instant::now() < deadline, "civic project did not catch up");
        std::thread::sleep(Duration::from_millis(50));
    }
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("civic project did not stop on SIGTERM");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(child.wait().unwrap().success());
    assert!(
        std::fs::read_to_string(&log)
            .unwrap()
            .contains("projector stopped")
    );
}

/// `civic verify` of `council` in `dir` with `env`, with a kept checkpoint if given.
fn verify(dir: &Path, env: &[(&str, &str)], checkpoint: Option<&Path>) -> std::process::Output {
    let mut command = civic(dir);
    command
        .args(["verify", "--council", "maidstone"])
        .envs(env.iter().copied());
    if let Some(path) = checkpoint {
        command.arg("--checkpoint").arg(path);
    }
    run_to_exit(&mut command)
}

fn export(dir: &Path, env: &[(&str, &str)]) -> String {
    let exported = run_to_exit(
        civic(dir)
            .args(["export", "--council", "maidstone"])
            .envs(env.iter().copied()),
    );
    assert!(exported.status.success(), "{}", stderr(&exported));
    stdout(&exported)
}

#[test]
fn an_sqlite_backup_restored_elsewhere_verifies_against_the_checkpoint_kept_before() {
    let dir = tempfile::tempdir().unwrap();
    demo_log(dir.path());
    let verified = verify(dir.path(), &[], None);
    assert!(verified.status.success(), "{}", stdout(&verified));
    let checkpoint = dir.path().join("checkpoint.txt");
    std::fs::write(&checkpoint, kept_checkpoint(&verified)).unwrap();

    // A token minted, so the development secret exists beside the database file.
    token(run_to_exit(civic(dir.path()).args([
        "token",
        "--council",
        "maidstone",
        "--role",
        "clerk",
    ])));

    let restored = tempfile::tempdir().unwrap();
    let target = restored.path().join("civic.db");
    let backup = run_to_exit(civic(dir.path()).args(["backup", "--output"]).arg(&target));
    assert!(backup.status.success(), "{}", stderr(&backup));
    assert!(
        stdout(&backup).contains("civic-jwt-secret"),
        "{}",
        stdout(&backup)
    );
    // Never over an existing file.
    let again = run_to_exit(civic(dir.path()).args(["backup", "--output"]).arg(&target));
    assert!(!again.status.success());
    assert!(
        stderr(&again).contains("already exists"),
        "{}",
        stderr(&again)
    );

    let checked = verify(restored.path(), &[], Some(&checkpoint));
    assert!(checked.status.success(), "{}", stdout(&checked));
    assert!(stdout(&checked).contains("the log extends the checkpoint kept"));
    assert_eq!(export(restored.path(), &[]), export(dir.path(), &[]));
}

#[test]
fn a_postgres_backup_restored_with_pg_restore_verifies_against_the_checkpoint_kept_before() {
    let Some(original) = EmptyPostgres::create("civic_backup_original") else {
        return;
    };
    let Some(restored) = EmptyPostgres::create("civic_backup_restored") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let secret = (
        "CIVIC_JWT_SECRET",
        "a-secret-of-at-least-thirty-two-characters",
    );
    let from = [
        ("DATABASE_URL", original.url()),
        (secret.0, secret.1.to_owned()),
    ];
    let from: Vec<(&str, &str)> = from.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let page = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../import/tests/fixtures/text/maidstone--decision-details--1.txt");
    let imported = run_to_exit(
        civic(dir.path())
            .args(["import", "--council", "maidstone"])
            .arg(page)
            .envs(from.iter().copied()),
    );
    assert!(imported.status.success(), "{}", stderr(&imported));
    let verified = verify(dir.path(), &from, None);
    assert!(verified.status.success(), "{}", stdout(&verified));
    let checkpoint = dir.path().join("checkpoint.txt");
    std::fs::write(&checkpoint, kept_checkpoint(&verified)).unwrap();

    let dump = dir.path().join("civic.dump");
    let backup = run_to_exit(
        civic(dir.path())
            .args(["backup", "--output"])
            .arg(&dump)
            .envs(from.iter().copied()),
    );
    assert!(backup.status.success(), "{}", stderr(&backup));

    // The restore procedure of docs/operations.md, into an empty database of the same server
    // (whose roles, cluster-wide, exist already).
    let restore = run_to_exit(
        Command::new("pg_restore")
            .arg("--exit-on-error")
            .arg("--dbname")
            .arg(restored.url())
            .arg(&dump),
    );
    assert!(restore.status.success(), "{}", stderr(&restore));
    let to = [
        ("DATABASE_URL", restored.url()),
        (secret.0, secret.1.to_owned()),
    ];
    let to: Vec<(&str, &str)> = to.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let checked = verify(dir.path(), &to, Some(&checkpoint));
    assert!(checked.status.success(), "{}", stdout(&checked));
    assert!(stdout(&checked).contains("the log extends the checkpoint kept"));
    assert_eq!(export(dir.path(), &to), export(dir.path(), &from));
}
