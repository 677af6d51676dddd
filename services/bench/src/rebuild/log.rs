//! The log `civic-bench rebuild` rebuilds from: real domain commands run through the runtime
//! (decided, checked and appended as a clerk's would be), over many councils, by concurrent
//! clients so that councils' events interleave in the log as they do in production.

use std::sync::Arc;

use anyhow::Context as _;
use civic_domain::council::{BodyKind, CouncilKind};
use civic_domain::decision::{CallInMembers, CallInOutcome};
use civic_domain::nation::Nation;
use civic_domain::values::{BodyId, DecisionId, Name, Reason, Slug, Title};
use civic_domain::{Command, CouncilCommand, DecisionCommand};
use civic_eventstore::{Actor, TenantId};
use civic_runtime::{Envelope, Runtime};
use tokio::task::JoinSet;
use uuid::Uuid;

use crate::query::date;

/// What each decision goes through: recorded, published, called in, the call-in resolved, and
/// corrected twice. Every step is one event or more.
const STEPS: usize = 6;

/// Registers `councils` councils and drives decisions through [`STEPS`] commands each until the
/// log holds at least `events` events; `clients` clients run commands at once, each over its own
/// councils. Returns the councils.
pub async fn generate(
    runtime: &Arc<Runtime>,
    councils: usize,
    events: u64,
    clients: usize,
) -> anyhow::Result<Vec<TenantId>> {
    let actor = Actor::parse("system:bench")?;
    let mut tenants = Vec::with_capacity(councils);
    for n in 0..councils {
        let registration = CouncilCommand::Register {
            slug: Slug::parse(&format!("rebuild-{n}"))?,
            name: Name::parse(&format!("Rebuild Borough Council {n}"))?,
            kind: CouncilKind::District,
            nation: Nation::England,
        };
        let (tenant, _) = runtime
            .register_council(actor.clone(), Uuid::now_v7(), registration)
            .await?;
        tenants.push(tenant);
    }
    // Each council's events so far are about one per registration; decisions fill the rest.
    let decisions = events.div_ceil(STEPS as u64) as usize;
    let mut tasks = JoinSet::new();
    for client in 0..clients {
        let mine = share(&tenants, client, clients);
        let count = decisions / clients + usize::from(client < decisions % clients);
        let (runtime, actor) = (runtime.clone(), actor.clone());
        tasks.spawn(async move { drive(&runtime, &actor, &mine, count).await });
    }
    while let Some(done) = tasks.join_next().await {
        done.context("a client panicked")??;
    }
    Ok(tenants)
}

/// The councils client `client` of `clients` writes to: every `clients`-th from its own.
pub(super) fn share(tenants: &[TenantId], client: usize, clients: usize) -> Vec<TenantId> {
    tenants
        .iter()
        .copied()
        .skip(client)
        .step_by(clients)
        .collect()
}

/// One client: `count` decisions spread round-robin over `tenants`, each driven to its end
/// before the next (so a council's decisions interleave with other clients' councils).
async fn drive(
    runtime: &Runtime,
    actor: &Actor,
    tenants: &[TenantId],
    count: usize,
) -> anyhow::Result<()> {
    if tenants.is_empty() {
        return Ok(());
    }
    let mut cabinets = Vec::with_capacity(tenants.len());
    for tenant in tenants {
        let cabinet = BodyId::new();
        run(
            runtime,
            actor,
            *tenant,
            Command::Council(CouncilCommand::AddBody {
                body: cabinet,
                name: Name::parse("Cabinet")?,
                kind: BodyKind::Cabinet,
            }),
        )
        .await?;
        cabinets.push(cabinet);
    }
    for n in 0..count {
        let (tenant, cabinet) = (tenants[n % tenants.len()], cabinets[n % tenants.len()]);
        let decision = DecisionId::new();
        for command in steps(cabinet, n)? {
            run(
                runtime,
                actor,
                tenant,
                Command::Decision { decision, command },
            )
            .await?;
        }
    }
    Ok(())
}

/// The commands of decision `n`: its title carries `n`, so each decision's text differs.
pub(super) fn steps(cabinet: BodyId, n: usize) -> anyhow::Result<Vec<DecisionCommand>> {
    let mut details = civic_domain::example::details(cabinet, None)?;
    details.title = Title::parse(&format!("Information Strategy review {n}"))?;
    let corrected = |revision: usize| -> anyhow::Result<DecisionCommand> {
        let mut details = details.clone();
        details.title = Title::parse(&format!("Information Strategy review {n} (rev {revision})"))?;
        Ok(DecisionCommand::Correct {
            details: details.into(),
            reason: Reason::parse("A revised title")?,
        })
    };
    let steps = vec![
        DecisionCommand::Record {
            details: details.clone().into(),
        },
        DecisionCommand::Publish {
            publication_date: date(2010, 6, 11)?,
            call_in_deadline: None,
            call_in_deadline_time: None,
            effective_from: None,
            override_reason: None,
        },
        DecisionCommand::CallIn {
            members: CallInMembers::parse(vec![
                Name::parse("Cllr Garland")?,
                Name::parse("Cllr Wilson")?,
            ])?,
            reason: Reason::parse("Not consulted")?,
            date: date(2010, 6, 15)?,
            suspends: true,
        },
        DecisionCommand::ResolveCallIn {
            outcome: CallInOutcome::NoFurtherAction,
            date: date(2010, 6, 24)?,
        },
        corrected(1)?,
        corrected(2)?,
    ];
    debug_assert_eq!(steps.len(), STEPS);
    Ok(steps)
}

async fn run(
    runtime: &Runtime,
    actor: &Actor,
    tenant: TenantId,
    command: Command,
) -> anyhow::Result<()> {
    let envelope = Envelope::new(tenant, actor.clone(), Uuid::now_v7());
    runtime
        .run_without_catching_up(&envelope, &command)
        .await
        .with_context(|| format!("run {command:?}"))?;
    Ok(())
}
