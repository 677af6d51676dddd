//! PostgreSQL clusters of a test's own: a primary on a free port and streaming standbys of it
//! (`pg_basebackup`), run with the server's own tools from Debian's
//! `/usr/lib/postgresql/<major>/bin` and stopped and removed when dropped. The shared test
//! server cannot serve here: a standby copies a whole cluster, and a test must not stream every
//! other test's databases.
//!
//! The server refuses to run as root, so under root (CI) its commands run as the `postgres`
//! user, which owns the cluster's directory.

use std::net::TcpListener;
use std::os::unix::fs::MetadataExt as _;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A running cluster, stopped (immediately) and deleted on drop.
#[derive(Debug)]
pub struct TestCluster {
    dir: tempfile::TempDir,
    bin: PathBuf,
    port: u16,
}

impl TestCluster {
    /// A new primary cluster (user `postgres`, trust authentication, replication allowed from
    /// 127.0.0.1), or `None` when PostgreSQL's server programs are not installed and
    /// `CIVIC_REQUIRE_POSTGRES` is not set (the skip is printed).
    ///
    /// # Panics
    /// When the programs are there but the cluster cannot be made or started.
    pub fn primary() -> Option<Self> {
        let Some(bin) = server_programs() else {
            assert!(
                !crate::postgres_required(),
                "PostgreSQL is required (CIVIC_REQUIRE_POSTGRES=1) but its server programs \
                 (initdb, pg_ctl) are not under /usr/lib/postgresql"
            );
            eprintln!("skipped: PostgreSQL's server programs are not installed");
            return None;
        };
        let cluster = Self::in_new_dir(bin);
        cluster.run(
            server(&cluster.bin.join("initdb"))
                .args([
                    "--auth=trust",
                    "--username=postgres",
                    "--no-sync",
                    "--pgdata",
                ])
                .arg(cluster.data()),
        );
        cluster.start();
        Some(cluster)
    }

    /// A hot standby of this cluster, streaming from it, running.
    ///
    /// # Panics
    /// When the base backup or the start fails.
    pub fn standby(&self) -> Self {
        let standby = Self::in_new_dir(self.bin.clone());
        standby.run(
            server(&self.bin.join("pg_basebackup"))
                .args([
                    "--host=127.0.0.1",
                    "--username=postgres",
                    "--write-recovery-conf",
                ])
                .args(["--wal-method=stream", "--checkpoint=fast", "--no-sync"])
                .arg(format!("--port={}", self.port))
                .arg("--pgdata")
                .arg(standby.data()),
        );
        standby.start();
        standby
    }

    /// The URL of `database` on this cluster, as user `postgres`.
    pub fn url(&self, database: &str) -> String {
        format!("postgres://postgres@127.0.0.1:{}/{database}", self.port)
    }

    fn in_new_dir(bin: PathBuf) -> Self {
        let dir = tempfile::tempdir().expect("temporary directory");
        let cluster = Self {
            dir,
            bin,
            port: free_port(),
        };
        if running_as_root() {
            cluster.run(
                Command::new("chown")
                    .arg("postgres:")
                    .arg(cluster.dir.path()),
            );
        }
        cluster
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    fn start(&self) {
        // Its own socket directory: the system's belongs to the system's cluster.
        let options = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=off",
            self.port,
            self.dir.path().display()
        );
        self.run(
            server(&self.bin.join("pg_ctl"))
                .arg("--pgdata")
                .arg(self.data())
                .args(["--wait", "--log"])
                .arg(self.dir.path().join("server.log"))
                .args(["--options", &options, "start"]),
        );
    }

    /// Runs `command`; panics with its output and the server's log when it fails.
    fn run(&self, command: &mut Command) {
        let output = command.output().expect("run a PostgreSQL program");
        assert!(
            output.status.success(),
            "{command:?} failed ({}): {}{}\n{}",
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr),
            std::fs::read_to_string(self.dir.path().join("server.log")).unwrap_or_default()
        );
    }
}

impl Drop for TestCluster {
    fn drop(&mut self) {
        if self.data().join("postmaster.pid").exists() {
            let _ = server(&self.bin.join("pg_ctl"))
                .arg("--pgdata")
                .arg(self.data())
                .args(["--mode=immediate", "--wait", "stop"])
                .output();
        }
    }
}

/// A command running `program` as the server's user: `postgres` when this process is root.
fn server(program: &Path) -> Command {
    if running_as_root() {
        let mut command = Command::new("runuser");
        command.args(["-u", "postgres", "--"]).arg(program);
        command
    } else {
        Command::new(program)
    }
}

/// The newest installed major version's programs.
fn server_programs() -> Option<PathBuf> {
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let major = entry.file_name().to_str()?.parse().ok()?;
            let bin = entry.path().join("bin");
            bin.join("pg_ctl").exists().then_some((major, bin))
        })
        .collect();
    versions.sort();
    versions.pop().map(|(_, bin)| bin)
}

fn running_as_root() -> bool {
    std::fs::metadata("/proc/self").is_ok_and(|own| own.uid() == 0)
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .port()
}
