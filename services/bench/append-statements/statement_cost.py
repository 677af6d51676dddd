#!/usr/bin/env python3
"""statement_cost.py [ADMIN_URL] [PLAN_CACHE_MODE]: PostgreSQL backend CPU per event of the
append statements (docs/benchmarks.md, `append`, "Group commit").

Creates a scratch database on the server ADMIN_URL names (default
postgres://postgres@127.0.0.1:5432/test), applies migrations/postgres, and on one connection
with `synchronous_commit = off` (so that only CPU counts, not waiting for the disk) runs each
statement as a prepared statement 3,000 times after 200 of warm-up, reading the backend's own
CPU time from /proc/PID/schedstat (the server must run on this machine):

- `plain`: a plain INSERT of a row of the same width (the append benchmark's baseline);
- `single`: the single append's checked insert before group commit (`insert_events_checked!` in
  postgres.rs at commit 24686d2, read with `git show`);
- `groupK`: the group commit's checked insert (`INSERT_GROUP` in group_commit.rs) with K
  appends, each to a new tenant.

PLAN_CACHE_MODE is the session's `plan_cache_mode` (default `auto`, the server's default; the
group writers use `force_generic_plan`). The statements are read from the Rust sources, so the
figures are those of the checked-out code. Needs psycopg 3 (`pip install "psycopg[binary]"`).
"""

import datetime
import pathlib
import re
import subprocess
import sys
import time
import uuid

import psycopg

ROOT = pathlib.Path(__file__).resolve().parents[3]
STORE = ROOT / "services" / "eventstore" / "src"


def rust_sql(text):
    """A Rust string literal's SQL, on one line."""
    return re.sub(r"\s+", " ", text.replace("\\\n", " ").replace("\\", "")).strip()


# The last commit whose store appended one command per statement.
SINGLE_FROM = "24686d2"


def statements():
    postgres = subprocess.run(
        ["git", "-C", str(ROOT), "show", f"{SINGLE_FROM}:services/eventstore/src/postgres.rs"],
        check=True, capture_output=True, text=True).stdout
    single = re.search(r'macro_rules! insert_events_checked \{\s*\(\) => \{\s*"(.*?)"\s*\};',
                       postgres, re.S).group(1)
    group = re.search(r'macro_rules! insert_checked \{\s*\(\) => \{\s*"(.*?)"\s*\};',
                      (STORE / "group_commit.rs").read_text(), re.S).group(1)
    return rust_sql(single), rust_sql(group)


def main():
    admin_url = sys.argv[1] if len(sys.argv) > 1 else "postgres://postgres@127.0.0.1:5432/test"
    mode = sys.argv[2] if len(sys.argv) > 2 else "auto"
    scratch = f"civic_statement_cost_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {scratch}")
    try:
        url = psycopg.conninfo.make_conninfo(admin_url, dbname=scratch)
        with psycopg.connect(url, autocommit=True, cursor_factory=psycopg.ClientCursor) as conn:
            measure_all(conn, mode)
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE {scratch} WITH (FORCE)")


def measure_all(conn, mode):
    # sqlx keeps this table when it migrates; migration 0011 grants reading it.
    conn.execute("CREATE TABLE _sqlx_migrations (version bigint PRIMARY KEY)")
    for migration in sorted((ROOT / "migrations" / "postgres").glob("*.sql")):
        conn.execute(migration.read_text())
    conn.execute(
        "CREATE TABLE plain_rows (tenant_id uuid, position bigint, event_id uuid, "
        "stream_id text, stream_version bigint, event_type text, schema_version int, actor text, "
        "command_id uuid, causation_id uuid, correlation_id uuid NOT NULL, "
        "recorded_at timestamptz NOT NULL, payload text NOT NULL, hash text NOT NULL, "
        "PRIMARY KEY (tenant_id, position))")
    conn.execute("SET synchronous_commit = off")
    conn.execute(psycopg.sql.SQL("SET plan_cache_mode = {}").format(psycopg.sql.Literal(mode)))
    single, group = statements()
    conn.execute("PREPARE single(uuid, bigint, text, text, bigint, uuid, text, uuid, uuid, "
                 "timestamptz, uuid[], text[], integer[], text[], text[], text) AS " + single)
    conn.execute("PREPARE grp(uuid[], bigint[], bigint[], text[], text[], bigint[], bigint[], "
                 "uuid[], text[], uuid[], uuid[], text[], timestamptz, uuid[], text[], integer[], "
                 "text[], text[], integer[]) AS " + group)
    conn.execute("PREPARE plain(uuid, bigint, uuid, text, bigint, text, int, text, uuid, uuid, "
                 "uuid, timestamptz, text, text) AS INSERT INTO plain_rows "
                 "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)")
    pid = conn.execute("SELECT pg_backend_pid()").fetchone()[0]
    now = datetime.datetime.now(datetime.timezone.utc)
    payload = '{"decision":"x","n":1,"text":"' + "y" * 300 + '"}'
    genesis, hash_ = "0" * 64, "a" * 64

    def plain():
        conn.execute(
            "EXECUTE plain(%s::uuid, 1, %s::uuid, 's', 1, 'DecisionPublished', 1, 'system:bench', "
            "%s::uuid, NULL, %s::uuid, %s::timestamptz, %s::text, %s::text)",
            (uuid.uuid4(), uuid.uuid4(), uuid.uuid4(), uuid.uuid4(), now, payload, hash_))

    def single_append():
        conn.execute(
            "EXECUTE single(%s::uuid, 0, %s::text, 's', 0, %s::uuid, 'system:bench', NULL, "
            "%s::uuid, %s::timestamptz, %s::uuid[], %s::text[], %s::int[], %s::text[], "
            "%s::text[], NULL)",
            (uuid.uuid4(), genesis, uuid.uuid4(), uuid.uuid4(), now, [uuid.uuid4()],
             ["DecisionPublished"], [1], [payload], [hash_]))

    def group_of(k):
        def run():
            fresh = lambda: [uuid.uuid4() for _ in range(k)]
            conn.execute(
                "EXECUTE grp(%s::uuid[], %s::bigint[], %s::bigint[], %s::text[], %s::text[], "
                "%s::bigint[], %s::bigint[], %s::uuid[], %s::text[], %s::uuid[], %s::uuid[], "
                "%s::text[], %s::timestamptz, %s::uuid[], %s::text[], %s::int[], %s::text[], "
                "%s::text[], %s::int[])",
                (fresh(), [1] * k, [0] * k, [genesis] * k, ["s"] * k, [1] * k, [0] * k, fresh(),
                 ["system:bench"] * k, [None] * k, fresh(), [None] * k, now, fresh(),
                 ["DecisionPublished"] * k, [1] * k, [payload] * k, [hash_] * k, [1] * k))
        return run

    def cpu_ns():
        return int(pathlib.Path(f"/proc/{pid}/schedstat").read_text().split()[0])

    def measure(name, run, events, times):
        for _ in range(200):
            run()
        before = cpu_ns()
        for _ in range(times):
            run()
        per_event = (cpu_ns() - before) / times / events / 1000
        print(f"{name}: {per_event:.1f} us of backend CPU per event", flush=True)

    print(f"plan_cache_mode={mode}")
    measure("plain", plain, 1, 3000)
    measure("single", single_append, 1, 3000)
    for k in (1, 2, 4, 8, 16):
        measure(f"group{k}", group_of(k), k, max(300, 3000 // k))


if __name__ == "__main__":
    main()
