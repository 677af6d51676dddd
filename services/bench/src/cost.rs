//! `civic-bench cost`: what the most expensive documents the gateway accepts do to a plain query,
//! and what documents refused for their cost do.
//!
//! Loads one council with published decisions into a scratch PostgreSQL database and starts the
//! real gateway on it twice: with the default limits, and with the cost limit lifted (as before
//! the gateway priced documents; lookups are still batched). In each phase one client requests
//! the register page (20 rows) in a loop while `--attackers` clients send one kind of document in
//! a loop, all anonymous:
//!
//! - `alone`: no attackers;
//! - `lookups`: 192 aliased `decision(id:)` lookups of distinct decisions, 4 fields each (cost
//!   19,968: as many lookups as the default limit admits);
//! - `page`: 50 decisions with every field and their forward-plan entry (the largest page
//!   async-graphql's complexity limit admits);
//! - `values`: 200 aliased introspection `types { fields { type { name } } }` (cost 16,200,
//!   admitted, then stopped at the answer's values budget);
//! - `refused`: 600 aliased lookups of one id given as a variable (7,210 tokens, within the
//!   token limit, so parsed and priced: the most expensive refusal), refused for their cost
//!   (60,600);
//! - `unlimited`: the same 2,400 lookups (of `{ id }`, within async-graphql's complexity limit),
//!   answered by the gateway whose cost limit is lifted.
//!
//! Each phase's line gives the plain page's latency, the attackers' rate and the read
//! transactions per attacking request (counted by the read models, the plain page's taken out).
//! Before the phases, each document (and GraphiQL's introspection query, a fragment bomb and a
//! document nested 5,000 deep) is sent alone 7 times: the median latency and the answer's size.

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context as _, bail};
use civic_eventstore::{AnyEventStore, PgEventStore};
use civic_gateway::{Application, Services, Settings};
use civic_projections::{DecisionFilter, Detail, PageRequest, Projector, ReadModels, Viewer};
use civic_runtime::{Clock, Runtime};
use serde_json::{Value, json};
use tokio::task::JoinSet;
use uuid::Uuid;

use crate::latency::Tally;
use crate::query::{REGISTER_PAGE, collect, date, load_council};
use crate::scratch_db::{ScratchDb, Server};

/// Options of `civic-bench cost`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    server: Server,
    /// Published decisions of the council.
    #[arg(long, default_value_t = 500)]
    decisions: usize,
    /// Clients sending the expensive documents, beside the one plain client.
    #[arg(long, default_value_t = 4)]
    attackers: usize,
    /// Seconds each phase runs.
    #[arg(long, default_value_t = 3)]
    seconds: u64,
}

/// Every field of a decision, each object field with a selection.
const EVERY_DECISION_FIELD: &str = "id uuid title keyDecision subjectToCallIn purpose
  resolutions { number text } reasons alternativeOptions reasonKey committeeDetails
  representationsBy otherConsulted consultees contact { name email phone asGiven } reportAuthor
  forwardPlanEntryId version decisionMaker { bodyId name } status statusLabel outcome
  wardsAffected { kind wards { wardId name } } publicationDate dateOfDecision
  decided { date body { name } } effectiveFrom tookEffectOn callInDeadline
  interests { member interest dispensation } documents { title url sha256 }
  callIn { deadline computedDeadline computedEffectiveFrom } deferrals { reason until resumed }
  implementation { on note } closingReason corrections { reason correctedOn }
  withheld { field } restricted";

/// GraphiQL's introspection query (graphql-js 16), as the gateway's tests send it.
const INTROSPECTION: &str = "query IntrospectionQuery {
  __schema {
    queryType { name } mutationType { name } subscriptionType { name }
    types { ...FullType }
    directives { name description isRepeatable locations args(includeDeprecated: true) { ...InputValue } }
  }
}
fragment FullType on __Type {
  kind name description specifiedByURL
  fields(includeDeprecated: true) {
    name description args(includeDeprecated: true) { ...InputValue } type { ...TypeRef }
    isDeprecated deprecationReason
  }
  inputFields(includeDeprecated: true) { ...InputValue }
  interfaces { ...TypeRef }
  enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
  possibleTypes { ...TypeRef }
}
fragment InputValue on __InputValue {
  name description type { ...TypeRef } defaultValue isDeprecated deprecationReason
}
fragment TypeRef on __Type {
  kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name
  ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name
  } } } } } } } } }
}";

/// Documents only sent alone: GraphiQL's introspection, 41 fragments each spreading the
/// previous one twice, and 5,000 nested lists.
fn alone_only() -> Vec<(&'static str, Value)> {
    let mut bomb = String::from("query { ...F40 }\nfragment F0 on Query { council { slug } }\n");
    for level in 1..=40 {
        let below = level - 1;
        bomb.push_str(&format!(
            "fragment F{level} on Query {{ ...F{below} ...F{below} }}\n"
        ));
    }
    let deep = format!(
        "{{ council(x: {}1{}) {{ slug }} }}",
        "[".repeat(5_000),
        "]".repeat(5_000)
    );
    vec![
        ("introspection", json!({ "query": INTROSPECTION })),
        ("bomb", json!({ "query": bomb })),
        ("nested", json!({ "query": deep })),
    ]
}

/// What the attackers send, and what they must get back.
struct Attack {
    name: &'static str,
    body: Value,
    refused: bool,
}

/// `n` aliased lookups of distinct decisions (cycling through `ids`), selecting `fields`.
fn lookups(ids: &[Uuid], n: usize, fields: &str) -> Value {
    let aliases: String = (0..n)
        .map(|i| {
            format!(
                "d{i}: decision(id: \"{}\") {{ {fields} }}\n",
                ids[i % ids.len()]
            )
        })
        .collect();
    json!({ "query": format!("{{\n{aliases}}}") })
}

/// `n` aliased lookups of `id`, given once as a variable: the shortest such document.
fn lookups_of_one(id: Uuid, n: usize, fields: &str) -> Value {
    let aliases: String = (0..n)
        .map(|i| format!("d{i}: decision(id: $id) {{ {fields} }}\n"))
        .collect();
    json!({ "query": format!("query($id: UUID!) {{\n{aliases}}}"), "variables": { "id": id } })
}

fn attacks(ids: &[Uuid]) -> Vec<Attack> {
    let introspection: String = (0..200)
        .map(|i| format!("a{i}: types {{ fields {{ type {{ name }} }} }} "))
        .collect();
    let page = format!(
        "{{ decisions(first: 50) {{ totalCount edges {{ cursor node {{ {EVERY_DECISION_FIELD} \
         forwardPlanEntry {{ title dateDue }} }} }} }} }}"
    );
    vec![
        Attack {
            name: "lookups",
            body: lookups(ids, 192, "id title statusLabel dateOfDecision"),
            refused: false,
        },
        Attack {
            name: "page",
            body: json!({ "query": page }),
            refused: false,
        },
        Attack {
            name: "values",
            body: json!({ "query": format!("{{ __schema {{ {introspection} }} }}") }),
            refused: true,
        },
        Attack {
            name: "refused",
            body: lookups_of_one(ids[0], 600, "id"),
            refused: true,
        },
        Attack {
            name: "unlimited",
            body: lookups(ids, 2_400, "id"),
            refused: false,
        },
    ]
}

pub async fn run(args: Args) -> anyhow::Result<()> {
    if !args.server.database_url.starts_with("postgres") {
        bail!("civic-bench cost measures PostgreSQL; DATABASE_URL must be postgres://");
    }
    if args.decisions == 0 || args.seconds == 0 {
        bail!("--decisions and --seconds must be at least 1");
    }
    let scratch = ScratchDb::create(&args.server.database_url).await?;
    let result = measure(&scratch, &args).await;
    scratch.drop_now().await?;
    result
}

/// A gateway on the scratch database; `unlimited` lifts the cost limits.
async fn gateway(scratch: &ScratchDb, unlimited: bool) -> anyhow::Result<(u16, Arc<Services>)> {
    let mut settings = Settings::new(scratch.url());
    settings.listen = "127.0.0.1:0".parse()?;
    settings.database_max_connections = 16;
    settings.run_projector = false;
    if unlimited {
        settings.limits.cost.max_cost = u64::MAX;
        settings.limits.cost.max_tokens = usize::MAX;
        settings.limits.cost.max_bytes = usize::MAX;
    }
    let application = Application::build(settings).await?;
    let (port, services) = (application.port(), application.services());
    tokio::spawn(application.run_until_stopped());
    Ok((port, services))
}

async fn measure(scratch: &ScratchDb, args: &Args) -> anyhow::Result<()> {
    let pool = scratch.pool(16).await?;
    let store = PgEventStore::new(pool.clone());
    store.migrate().await?;
    let runtime = Runtime::over(AnyEventStore::Postgres(store)).with_clock(Clock::Fixed(
        date(2026, 11, 25)?
            .and_hms_opt(12, 0, 0)
            .context("noon")?
            .and_utc(),
    ));
    let (slug, tenant) = load_council(&runtime, 0, args.decisions).await?;
    let models = ReadModels::postgres(pool.clone());
    Projector::new(models.clone()).catch_up_all().await?;
    sqlx::query("VACUUM ANALYZE").execute(&pool).await?;
    let ids = decision_ids(&models, tenant).await?;
    println!("loaded {slug} with {} published decisions", ids.len());

    let _ = rustls::crypto::ring::default_provider().install_default();
    let limited = gateway(scratch, false).await?;
    let unlimited = gateway(scratch, true).await?;
    let phase = Duration::from_secs(args.seconds);
    let endpoint = format!("http://127.0.0.1:{}/councils/{slug}/graphql", limited.0);
    let alone: Vec<(&str, Value)> = alone_only()
        .into_iter()
        .chain(attacks(&ids).into_iter().map(|a| (a.name, a.body)))
        .collect();
    for (name, body) in alone {
        let endpoint = if name == "unlimited" {
            format!("http://127.0.0.1:{}/councils/{slug}/graphql", unlimited.0)
        } else {
            endpoint.clone()
        };
        let (median, bytes) = single(&endpoint, &body).await?;
        println!("single: {name} median={median:.2}ms answer_bytes={bytes}");
    }
    let mut summary = Vec::new();
    let mut phases: Vec<Option<Attack>> = vec![None];
    phases.extend(attacks(&ids).into_iter().map(Some));
    for attack in phases {
        let (port, services) = match &attack {
            Some(attack) if attack.name == "unlimited" => &unlimited,
            _ => &limited,
        };
        let endpoint = Arc::new(format!("http://127.0.0.1:{port}/councils/{slug}/graphql"));
        let reads_before = services.directory.home().read_models().reads_begun();
        let (mut plain, attacked) =
            run_phase(&endpoint, attack.as_ref(), args.attackers, phase).await?;
        let reads = services.directory.home().read_models().reads_begun() - reads_before;
        let name = attack.as_ref().map_or("alone", |a| a.name);
        let line = match attacked {
            Some(attacked) => format!(
                "{name}: plain_p50={:.1}ms plain_p99={:.1}ms attacks={:.1}/s reads_per_attack={:.2}",
                plain.percentile_ms(0.50),
                plain.percentile_ms(0.99),
                attacked.rate(),
                reads.saturating_sub(plain.operations) as f64 / attacked.operations.max(1) as f64,
            ),
            None => format!(
                "{name}: plain_p50={:.1}ms plain_p99={:.1}ms plain={:.0}/s",
                plain.percentile_ms(0.50),
                plain.percentile_ms(0.99),
                plain.rate(),
            ),
        };
        println!("{line}");
        summary.push(format!("{name}_p99={:.1}ms", plain.percentile_ms(0.99)));
    }
    println!(
        "cost: decisions={} attackers={} seconds={} {}",
        args.decisions,
        args.attackers,
        args.seconds,
        summary.join(" ")
    );
    Ok(())
}

/// The median latency of 7 requests sent one after another, and the last answer's size.
async fn single(endpoint: &str, body: &Value) -> anyhow::Result<(f64, usize)> {
    let http = reqwest::Client::new();
    let mut latencies = Vec::new();
    let mut bytes = 0;
    for _ in 0..7 {
        let sent = Instant::now();
        bytes = http
            .post(endpoint)
            .json(body)
            .send()
            .await?
            .bytes()
            .await?
            .len();
        latencies.push(sent.elapsed().as_secs_f64() * 1000.0);
    }
    latencies.sort_by(f64::total_cmp);
    Ok((latencies[latencies.len() / 2], bytes))
}

/// The ids of the council's published decisions.
async fn decision_ids(
    models: &ReadModels,
    tenant: civic_eventstore::TenantId,
) -> anyhow::Result<Vec<Uuid>> {
    let mut ids = Vec::new();
    let mut after = None;
    loop {
        let page = models
            .decisions(
                tenant,
                Viewer::Public,
                &DecisionFilter::default(),
                &PageRequest { first: 100, after },
                Detail::Summary,
            )
            .await?;
        after = page.items.last().map(|(cursor, _)| cursor.clone());
        ids.extend(page.items.iter().map(|(_, view)| view.id.as_uuid()));
        if !page.has_next_page {
            return Ok(ids);
        }
    }
}

/// One plain client and `attackers` clients for `length`; the plain client's tally, and the
/// attackers' if there is an attack.
async fn run_phase(
    endpoint: &Arc<String>,
    attack: Option<&Attack>,
    attackers: usize,
    length: Duration,
) -> anyhow::Result<(Tally, Option<Tally>)> {
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(attackers + 1)
        .build()?;
    let started = Instant::now();
    let deadline = started + length;
    let mut attacking = JoinSet::new();
    if let Some(attack) = attack {
        let body = Arc::new(attack.body.clone());
        for _ in 0..attackers {
            let (http, endpoint, body, refused) =
                (http.clone(), endpoint.clone(), body.clone(), attack.refused);
            attacking.spawn(async move {
                let mut tally = Tally::default();
                while Instant::now() < deadline {
                    let sent = Instant::now();
                    let answer: Value = http
                        .post(&*endpoint)
                        .json(&*body)
                        .send()
                        .await?
                        .json()
                        .await?;
                    tally.record(sent.elapsed());
                    let code = &answer["errors"][0]["extensions"]["code"];
                    if refused != (code == "QUERY_TOO_EXPENSIVE")
                        || (!refused && answer.get("errors").is_some())
                    {
                        bail!(
                            "unexpected answer: {}",
                            &answer.to_string()[..300.min(answer.to_string().len())]
                        );
                    }
                }
                anyhow::Ok(tally)
            });
        }
    }
    let mut plain = JoinSet::new();
    let (http_plain, endpoint_plain) = (http.clone(), endpoint.clone());
    plain.spawn(async move {
        let body = json!({ "query": REGISTER_PAGE, "variables": { "first": 20 } });
        let mut tally = Tally::default();
        while Instant::now() < deadline {
            let sent = Instant::now();
            let answer: Value = http_plain
                .post(&*endpoint_plain)
                .json(&body)
                .send()
                .await?
                .json()
                .await?;
            tally.record(sent.elapsed());
            if answer.get("errors").is_some() {
                bail!("the register page failed: {answer}");
            }
        }
        anyhow::Ok(tally)
    });
    let plain = collect(plain, started).await?;
    let attacked = match attack {
        Some(_) => Some(collect(attacking, started).await?),
        None => None,
    };
    Ok((plain, attacked))
}
