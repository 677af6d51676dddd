//! The demo council: Maidstone Borough Council with the example decision of its register
//! ("Information Strategy 2010 - 13"), loaded at start with `demo: true` when absent.

use anyhow::Context as _;
use civic_app::CommandContext;
use civic_domain::example::{self, ExampleIds};
use civic_eventstore::{Actor, TenantId};
use civic_projections::ProjectionError;

use crate::services::Services;

/// The demo council's slug.
pub const DEMO_SLUG: &str = example::SLUG;

/// What loading the demo found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Demo {
    /// The demo council was loaded now.
    Loaded(TenantId),
    /// A council with the demo's slug was already there; nothing was changed.
    Present(TenantId),
}

impl Demo {
    /// The demo council's tenant.
    pub fn tenant(self) -> TenantId {
        match self {
            Demo::Loaded(tenant) | Demo::Present(tenant) => tenant,
        }
    }
}

/// Loads the demo council unless its slug is taken: claims the slug for a new tenant, runs
/// every command of the example through the register as `system:demo`, and catches its read
/// models up.
pub async fn ensure_demo(services: &Services) -> anyhow::Result<Demo> {
    let read = &services.read_models;
    if let Some(tenant) = read.tenant_for_slug(DEMO_SLUG).await? {
        return Ok(Demo::Present(tenant));
    }
    let tenant = TenantId::new();
    match read.claim_slug(DEMO_SLUG, tenant).await {
        Ok(()) => {}
        Err(ProjectionError::SlugTaken) => {
            let tenant = read
                .tenant_for_slug(DEMO_SLUG)
                .await?
                .context("the demo slug was taken and then released")?;
            return Ok(Demo::Present(tenant));
        }
        Err(error) => return Err(error.into()),
    }
    let actor = Actor::parse("system:demo").context("the demo actor")?;
    let now = services.clock.now();
    let commands = example::commands(&ExampleIds::new()).context("the example's commands")?;
    for command in &commands {
        let context = CommandContext::new(actor.clone(), now);
        services
            .register
            .execute(tenant, command, &context)
            .await
            .with_context(|| format!("loading the demo council: {:?}", command.stream_id()))?;
    }
    services.notifier.notify(tenant);
    services
        .projector
        .catch_up(tenant)
        .await
        .context("projecting the demo council")?;
    Ok(Demo::Loaded(tenant))
}
