//! The public verification script, `docs/verify-chain.py`, against real exports.
//!
//! A log is built with the SQLite backend (several streams and commands, multi-event batches,
//! causation ids, payloads full of characters that are easy to get wrong), exported as NDJSON
//! (one `serde_json::to_string` of a `RecordedEvent` per line) and handed to `python3`. The
//! script must accept it with the store's own head, and must report each kind of tampering at
//! the position where it happened. The tests also keep `docs/audit-chain.md` honest: it must
//! quote the script verbatim and carry the worked example as an export line the script accepts.
//!
//! When `python3` is not on PATH the script-running tests say SKIPPED and pass.

#![allow(clippy::unwrap_used, missing_docs)]

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use chrono::{TimeZone as _, Utc};
use civic_eventstore::{
    Actor, AppendMetadata, AppendRequest, CanonicalJson, ChainVerifier, EventStore, EventType,
    ExpectedVersion, LogHead, NewEvent, RecordedEvent, SqliteEventStore, StreamName, TenantId,
};
use civic_testkit::TestSqlite;
use serde_json::{Value, json};
use uuid::Uuid;

const SCRIPT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/verify-chain.py");
const SPEC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/audit-chain.md");

/// The worked example of `docs/audit-chain.md` (the `sample()` of `chain.rs`) and its hash.
const EXAMPLE_HASH: &str = "b69e6c7c7c3b06398a4e3e72561f912eecb4aa36d417fafe0c7ca43d8fa10cd2";

/// Whether `python3` can be run; if not, says so on the real stderr so the skip is visible.
fn python3_available(test: &str) -> bool {
    let found = Command::new("python3")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success());
    if !found {
        // Not `eprintln!`: the harness captures that, and a skip must be seen.
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED {test}: python3 is not on PATH, so docs/verify-chain.py cannot be run"
        );
    }
    found
}

/// What a run of the script printed and how it exited.
#[derive(Debug)]
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl From<Output> for Run {
    fn from(output: Output) -> Self {
        Self {
            code: output.status.code(),
            stdout: String::from_utf8(output.stdout).unwrap(),
            stderr: String::from_utf8(output.stderr).unwrap(),
        }
    }
}

impl Run {
    /// Asserts the script accepted `events` events ending at `head`.
    fn assert_ok(&self, events: usize, head: &str) {
        assert_eq!(self.code, Some(0), "{self:?}");
        assert_eq!(self.stdout, format!("ok: {events} events, head {head}\n"));
        assert_eq!(self.stderr, "");
    }

    /// Asserts the script reported a break at `position` whose reason mentions `why`.
    fn assert_broken_at(&self, position: u64, why: &str) {
        assert_eq!(self.code, Some(1), "{self:?}");
        assert_eq!(self.stdout, "", "{self:?}");
        let prefix = format!("broken at position {position}: ");
        assert!(self.stderr.starts_with(&prefix), "{self:?}");
        assert!(self.stderr.contains(why), "{self:?}");
        assert_eq!(self.stderr.lines().count(), 1, "{self:?}");
    }
}

/// Runs the script on a file, as an auditor would.
fn verify_file(path: &Path) -> Run {
    Command::new("python3")
        .arg(SCRIPT)
        .arg(path)
        .output()
        .unwrap()
        .into()
}

/// Runs the script with the export on its standard input.
fn verify_stdin(text: &str) -> Run {
    let mut child = Command::new("python3")
        .arg(SCRIPT)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap().into()
}

/// A council's log in a fresh SQLite database, read back and exported as NDJSON lines, plus a
/// short log of a second council for splicing.
struct Export {
    db: TestSqlite,
    tenant: TenantId,
    events: Vec<RecordedEvent>,
    lines: Vec<String>,
    head: LogHead,
    other_lines: Vec<String>,
}

impl Export {
    /// Writes `lines` as an NDJSON file (one line each, newline-terminated) next to the database.
    fn write(&self, name: &str, lines: &[String]) -> PathBuf {
        let path = self.db.path().with_file_name(name);
        std::fs::write(&path, ndjson(lines)).unwrap();
        path
    }

    /// The export line of the event at `position` (1-based).
    fn line(&self, position: usize) -> &str {
        &self.lines[position - 1]
    }

    /// A copy of the export with the line at `position` replaced.
    fn with_line(&self, position: usize, line: String) -> Vec<String> {
        let mut lines = self.lines.clone();
        lines[position - 1] = line;
        lines
    }
}

fn ndjson(lines: &[String]) -> String {
    lines.iter().map(|line| format!("{line}\n")).collect()
}

/// `line` with its single occurrence of `from` replaced by `to`: one precise edit.
fn edit(line: &str, from: &str, to: &str) -> String {
    assert_eq!(line.matches(from).count(), 1, "{from:?} in {line}");
    line.replacen(from, to, 1)
}

fn payload(value: Value) -> CanonicalJson {
    CanonicalJson::from_value(&value).unwrap()
}

fn event(event_type: &str, payload: CanonicalJson) -> NewEvent {
    NewEvent::new(EventType::parse(event_type).unwrap(), 1, payload)
}

fn request(
    tenant: TenantId,
    stream: &str,
    actor: &str,
    causation_id: Option<Uuid>,
    events: Vec<NewEvent>,
) -> AppendRequest {
    AppendRequest {
        erase: Vec::new(),
        tenant,
        stream: StreamName::parse(stream).unwrap(),
        expected: ExpectedVersion::Any,
        metadata: AppendMetadata {
            actor: Actor::parse(actor).unwrap(),
            command_id: Uuid::now_v7(),
            causation_id,
            correlation_id: Uuid::now_v7(),
            fingerprint: None,
        },
        events,
    }
}

/// Every event of a tenant's log, read page by page.
async fn whole_log(store: &SqliteEventStore, tenant: TenantId) -> Vec<RecordedEvent> {
    let mut all: Vec<RecordedEvent> = Vec::new();
    loop {
        let page = store.read_log(tenant, all.len() as u64, 50).await.unwrap();
        if page.is_empty() {
            return all;
        }
        all.extend(page);
    }
}

/// Positions in the log [`build`] makes.
const DECISION_RECORDED: usize = 1; // first of a batch of 3 on decision/...
const ACTOR_CHANGED: usize = 5; // second of a batch of 2 on meeting/..., with a causation id
const PAYLOAD_TRICKY: usize = 6; // the payload full of escapes, with a causation id
const EVENTS: usize = 3 + 2 + 1 + 120 + 1;

/// Builds the log described in the module documentation and exports it.
async fn build() -> Export {
    let db = TestSqlite::fresh();
    let store = SqliteEventStore::open_file(&db.path()).await.unwrap();
    store.migrate().await.unwrap();
    let tenant = TenantId::new();
    let decision = "decision/2010-06-maidstone-ict";
    let meeting = "meeting/2010-06-11-cabinet";

    // Positions 1–3: one command, three events on a decision's stream.
    let first = request(
        tenant,
        decision,
        "user:clerk@maidstone.gov.uk",
        None,
        vec![
            event(
                "DecisionRecorded",
                payload(json!({
                    "title": "Information Strategy 2010 – 13",
                    "zeta": {"b": [3, {"y": null, "x": true}], "a": "first"},
                    "alpha": "Council’s \"ICT\" plan, C:\\Shared\\ICT",
                    "pence": 1_500_000,
                })),
            ),
            event(
                "DecisionItemAdded",
                payload(json!({"item": 1, "text": "Adopt the strategy."})),
            ),
            event(
                "DecisionItemAdded",
                payload(json!({"item": 2, "text": "Report back\nin\tsix months."})),
            ),
        ],
    );
    let cause = first.events[0].event_id;
    store.append(first).await.unwrap();

    // Positions 4–5: another stream, caused by the first decision.
    let outcome = store
        .append(request(
            tenant,
            meeting,
            "user:democratic.services@maidstone.gov.uk",
            Some(cause),
            vec![
                event("MeetingScheduled", payload(json!({"room": "Town Hall"}))),
                event("AgendaPublished", payload(json!({"items": [decision]}))),
            ],
        ))
        .await
        .unwrap();
    assert_eq!(outcome.committed.last_position, ACTOR_CHANGED as u64);

    // Position 6: the escapes, orderings and numbers an independent verifier could get wrong.
    let outcome = store
        .append(request(
            tenant,
            decision,
            "system:import",
            Some(Uuid::now_v7()),
            vec![event(
                "DecisionAmended",
                payload(json!({
                    "text": "Council’s \"note\"\nline two\ttab \\ back\u{1f}unit\u{7f}del\r\u{8}\u{c}",
                    "separators": "line\u{2028}separator, paragraph\u{2029}, next line\u{85}",
                    "accents": "Château, Ynys Môn, naïve, 😀",
                    "\u{ff5e}": "sorts before the emoji key by code point, after it in UTF-16",
                    "😀": "emoji key",
                    "Z": "upper case sorts before lower case",
                    "a": {"nested": {"deeper": {"z": 1, "a": [[], {}, ""]}}},
                    "max": u64::MAX,
                    "min": i64::MIN,
                    "zero": 0,
                    "empty": {},
                })),
            )],
        ))
        .await
        .unwrap();
    assert_eq!(outcome.committed.first_position, PAYLOAD_TRICKY as u64);

    // Positions 7–126: one large batch, longer than a page of `read_log`.
    store
        .append(request(
            tenant,
            "import/2010-minutes",
            "system:import",
            None,
            (0..120)
                .map(|n| {
                    event(
                        "MinuteImported",
                        payload(json!({"n": n, "text": format!("minute {n}:\n\"agreed\"")})),
                    )
                })
                .collect(),
        ))
        .await
        .unwrap();

    // Position 127: back to the first stream.
    store
        .append(request(
            tenant,
            decision,
            "user:clerk@maidstone.gov.uk",
            Some(cause),
            vec![event(
                "DecisionPublished",
                payload(json!({"url": "https://maidstone.gov.uk/"})),
            )],
        ))
        .await
        .unwrap();

    // A second council's log, for splicing one of its lines into the first's export.
    let other = TenantId::new();
    for n in 0..3 {
        store
            .append(request(
                other,
                "decision/other",
                "user:clerk@example.gov.uk",
                None,
                vec![event("DecisionRecorded", payload(json!({"n": n})))],
            ))
            .await
            .unwrap();
    }

    let events = whole_log(&store, tenant).await;
    assert_eq!(events.len(), EVENTS);
    let lines: Vec<String> = events
        .iter()
        .map(|event| serde_json::to_string(event).unwrap())
        .collect();
    let other_lines = whole_log(&store, other)
        .await
        .iter()
        .map(|event| serde_json::to_string(event).unwrap())
        .collect();
    let head = store.head(tenant).await.unwrap();
    Export {
        db,
        tenant,
        events,
        lines,
        head,
        other_lines,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_script_accepts_a_real_export_and_prints_its_length_and_the_stores_head() {
    if !python3_available(
        "the_script_accepts_a_real_export_and_prints_its_length_and_the_stores_head",
    ) {
        return;
    }
    let export = build().await;
    assert_eq!(export.head.position, EVENTS as u64);
    let path = export.write("export.ndjson", &export.lines);
    verify_file(&path).assert_ok(EVENTS, &export.head.hash);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_script_reads_the_export_from_standard_input_when_given_no_path() {
    if !python3_available("the_script_reads_the_export_from_standard_input_when_given_no_path") {
        return;
    }
    let export = build().await;
    verify_stdin(&ndjson(&export.lines)).assert_ok(EVENTS, &export.head.hash);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_chain_verifier_accepts_the_same_log_and_its_export_reads_back_unchanged() {
    let export = build().await;
    let mut verifier = ChainVerifier::default();
    for (event, line) in export.events.iter().zip(&export.lines) {
        assert_eq!(event.tenant, export.tenant);
        verifier.check(event).unwrap();
        let read_back: RecordedEvent = serde_json::from_str(line).unwrap();
        assert_eq!(&read_back, event);
    }
    assert_eq!(
        verifier.head(),
        (export.head.position, export.head.hash.as_str())
    );
    // The export carries the hashed text itself: the causation id is null or a UUID, and the
    // recorded time has exactly six fractional digits.
    let tricky: Value = serde_json::from_str(export.line(PAYLOAD_TRICKY)).unwrap();
    assert!(tricky["causation_id"].is_string());
    let first: Value = serde_json::from_str(export.line(DECISION_RECORDED)).unwrap();
    assert!(first["causation_id"].is_null());
    let recorded_at = first["recorded_at"].as_str().unwrap();
    assert_eq!(recorded_at.len(), "2010-06-11T09:30:00.000000Z".len());
    assert!(recorded_at.ends_with('Z'));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn python_json_dumps_with_the_documented_options_reproduces_every_stored_payload() {
    if !python3_available(
        "python_json_dumps_with_the_documented_options_reproduces_every_stored_payload",
    ) {
        return;
    }
    let export = build().await;
    let path = export.write("export.ndjson", &export.lines);
    let check = r#"
import json, sys
count = 0
for line in open(sys.argv[1], encoding="utf-8"):
    text = json.loads(line)["payload"]
    again = json.dumps(json.loads(text), ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    assert again == text, (text, again)
    count += 1
print(count)
"#;
    let run: Run = Command::new("python3")
        .arg("-c")
        .arg(check)
        .arg(&path)
        .output()
        .unwrap()
        .into();
    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(run.stdout, format!("{EVENTS}\n"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_script_reports_a_changed_actor_at_that_events_position() {
    if !python3_available("the_script_reports_a_changed_actor_at_that_events_position") {
        return;
    }
    let export = build().await;
    let line = edit(
        export.line(ACTOR_CHANGED),
        "\"actor\":\"user:democratic.services@maidstone.gov.uk\"",
        "\"actor\":\"user:someone.else@maidstone.gov.uk\"",
    );
    let path = export.write("actor.ndjson", &export.with_line(ACTOR_CHANGED, line));
    verify_file(&path).assert_broken_at(ACTOR_CHANGED as u64, "hash");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_script_reports_one_changed_payload_character_at_that_events_position() {
    if !python3_available(
        "the_script_reports_one_changed_payload_character_at_that_events_position",
    ) {
        return;
    }
    let export = build().await;
    // A curly apostrophe becomes a straight one: the smallest visible change.
    let line = edit(export.line(PAYLOAD_TRICKY), "Council’s", "Council's");
    let path = export.write("payload.ndjson", &export.with_line(PAYLOAD_TRICKY, line));
    verify_file(&path).assert_broken_at(PAYLOAD_TRICKY as u64, "hash");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_script_reports_a_reformatted_payload_even_though_it_means_the_same() {
    if !python3_available("the_script_reports_a_reformatted_payload_even_though_it_means_the_same")
    {
        return;
    }
    let export = build().await;
    // The payload is hashed verbatim, so even insignificant white space is a change.
    let line = edit(
        export.line(DECISION_RECORDED),
        "\"payload\":\"{",
        "\"payload\":\"{ ",
    );
    let path = export.write("spaced.ndjson", &export.with_line(DECISION_RECORDED, line));
    verify_file(&path).assert_broken_at(DECISION_RECORDED as u64, "hash");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_script_reports_a_deleted_line_at_the_missing_position() {
    if !python3_available("the_script_reports_a_deleted_line_at_the_missing_position") {
        return;
    }
    let export = build().await;
    for deleted in [1, 7, 100] {
        let mut lines = export.lines.clone();
        lines.remove(deleted - 1);
        let path = export.write("deleted.ndjson", &lines);
        verify_file(&path)
            .assert_broken_at(deleted as u64, &format!("found position {}", deleted + 1));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_script_reports_two_swapped_lines_at_the_first_of_them() {
    if !python3_available("the_script_reports_two_swapped_lines_at_the_first_of_them") {
        return;
    }
    let export = build().await;
    for first in [2, 5, 126] {
        let mut lines = export.lines.clone();
        lines.swap(first - 1, first);
        let path = export.write("swapped.ndjson", &lines);
        verify_file(&path).assert_broken_at(first as u64, &format!("found position {}", first + 1));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_script_reports_a_line_from_another_councils_log() {
    if !python3_available("the_script_reports_a_line_from_another_councils_log") {
        return;
    }
    let export = build().await;
    let spliced = export.with_line(2, export.other_lines[1].clone());
    let path = export.write("spliced.ndjson", &spliced);
    verify_file(&path).assert_broken_at(2, "tenant");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_truncated_export_still_verifies_but_its_head_differs_from_the_stores() {
    if !python3_available("a_truncated_export_still_verifies_but_its_head_differs_from_the_stores")
    {
        return;
    }
    let export = build().await;
    // Dropping the newest events leaves a valid chain: only comparing heads reveals it.
    let kept = &export.lines[..EVENTS - 1];
    let path = export.write("truncated.ndjson", kept);
    let run = verify_file(&path);
    run.assert_ok(EVENTS - 1, &export.events[EVENTS - 2].hash);
    assert_ne!(export.events[EVENTS - 2].hash, export.head.hash);
}

/// The worked example of the specification as a recorded event.
fn worked_example() -> RecordedEvent {
    RecordedEvent {
        tenant: TenantId::from_uuid(Uuid::from_u128(1)),
        position: 1,
        event_id: Uuid::from_u128(2),
        stream: StreamName::parse("decision/x").unwrap(),
        stream_version: 1,
        event_type: EventType::parse("DecisionRecorded").unwrap(),
        schema_version: 1,
        actor: Actor::parse("user:clerk").unwrap(),
        command_id: Uuid::from_u128(3),
        causation_id: None,
        correlation_id: Uuid::from_u128(4),
        recorded_at: Utc.with_ymd_and_hms(2010, 6, 11, 9, 30, 0).unwrap(),
        payload: CanonicalJson::parse(r#"{"title":"Information Strategy 2010 - 13"}"#).unwrap(),
        hash: EXAMPLE_HASH.to_owned(),
        disclosed: Default::default(),
    }
}

#[test]
fn the_specification_carries_the_worked_example_as_an_export_line_that_verifies() {
    let example = worked_example();
    let mut verifier = ChainVerifier::default();
    verifier.check(&example).unwrap();
    assert_eq!(verifier.head(), (1, EXAMPLE_HASH));

    let line = serde_json::to_string(&example).unwrap();
    let spec = std::fs::read_to_string(SPEC).unwrap();
    assert!(
        spec.contains(&format!("\n{line}\n")),
        "docs/audit-chain.md must show the worked example's export line exactly:\n{line}"
    );
    assert!(spec.contains(EXAMPLE_HASH));

    if !python3_available(
        "the_specification_carries_the_worked_example_as_an_export_line_that_verifies",
    ) {
        return;
    }
    verify_stdin(&format!("{line}\n")).assert_ok(1, EXAMPLE_HASH);
}

#[test]
fn the_specification_quotes_the_script_verbatim() {
    let script = std::fs::read_to_string(SCRIPT).unwrap();
    let spec = std::fs::read_to_string(SPEC).unwrap();
    assert!(
        spec.contains(&format!("```python\n{script}```\n")),
        "docs/audit-chain.md must quote docs/verify-chain.py exactly, in a python code block"
    );
}

#[test]
fn the_script_stays_within_twenty_lines_of_code() {
    let script = std::fs::read_to_string(SCRIPT).unwrap();
    let code = script
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .count();
    assert!(code <= 20, "docs/verify-chain.py has {code} lines of code");
}
