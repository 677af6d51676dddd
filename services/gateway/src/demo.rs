//! The demo council: Maidstone Borough Council with the example decision of its register
//! ("Information Strategy 2010 - 13"), loaded at start with `demo: true` when absent.

use anyhow::Context as _;
use civic_app::CommandContext;
use civic_domain::example::{self, ExampleIds};
use civic_eventstore::EventStore as _;
use civic_eventstore::{Actor, TenantId};
use civic_projections::ProjectionError;
use uuid::Uuid;

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

/// The idempotency key of the demo's `n`th command in `tenant`: fixed, so that loading the
/// demo again replays what was recorded and records only what an interrupted load left out.
fn demo_command_id(tenant: TenantId, n: usize) -> Uuid {
    Uuid::from_u128(tenant.as_uuid().as_u128() ^ (0xdead_0000 + n as u128))
}

/// Whether `tenant`, which holds the demo's slug, is the demo council (or a demo load that was
/// interrupted before its first command) rather than a council registered under that slug.
async fn is_demo(services: &Services, tenant: TenantId) -> anyhow::Result<bool> {
    let store = services.register.store();
    Ok(store.head(tenant).await?.position == 0
        || store
            .find_command(tenant, demo_command_id(tenant, 0))
            .await?
            .is_some())
}

/// Loads the demo council unless its slug is taken by another council: claims the slug for a
/// new tenant, runs every command of the example through the register as `system:demo` with
/// fixed idempotency keys, and catches its read models up. A load interrupted halfway (the slug
/// claimed, some commands recorded) is completed on the next start.
pub async fn ensure_demo(services: &Services) -> anyhow::Result<Demo> {
    let read = &services.read_models;
    let tenant = match read.tenant_for_slug(DEMO_SLUG).await? {
        Some(tenant) => tenant,
        None => {
            let tenant = TenantId::new();
            match read.claim_slug(DEMO_SLUG, tenant).await {
                Ok(()) => tenant,
                Err(ProjectionError::SlugTaken) => read
                    .tenant_for_slug(DEMO_SLUG)
                    .await?
                    .context("the demo slug was taken and then released")?,
                Err(error) => return Err(error.into()),
            }
        }
    };
    if !is_demo(services, tenant).await? {
        return Ok(Demo::Present(tenant));
    }
    let actor = Actor::parse("system:demo").context("the demo actor")?;
    let now = services.clock.now();
    let ids = ExampleIds::derived_from(tenant.as_uuid());
    let commands = example::commands(&ids).context("the example's commands")?;
    let mut recorded_now = false;
    for (n, command) in commands.iter().enumerate() {
        let command_id = demo_command_id(tenant, n);
        let context = CommandContext {
            command_id,
            correlation_id: demo_command_id(tenant, 0),
            ..CommandContext::new(actor.clone(), now)
        };
        let executed = services
            .register
            .execute(tenant, command, &context)
            .await
            .with_context(|| format!("loading the demo council: {:?}", command.stream_id()))?;
        recorded_now |= !executed.replayed;
    }
    services.notifier.notify(tenant);
    services
        .projector
        .catch_up(tenant)
        .await
        .context("projecting the demo council")?;
    Ok(if recorded_now {
        Demo::Loaded(tenant)
    } else {
        Demo::Present(tenant)
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use civic_eventstore::EventStore as _;
    use civic_projections::{DecisionFilter, Detail, PageRequest, Viewer};

    use super::*;
    use crate::settings::Settings;

    async fn services(db: &civic_testkit::TestSqlite) -> Services {
        Services::connect(&Settings::new(db.url())).await.unwrap()
    }

    #[tokio::test]
    async fn an_interrupted_demo_load_is_completed_on_the_next_start_and_then_left_alone() {
        let db = civic_testkit::TestSqlite::fresh();
        let services = services(&db).await;
        // A first start that died after three of the demo's commands.
        let tenant = TenantId::new();
        services
            .read_models
            .claim_slug(DEMO_SLUG, tenant)
            .await
            .unwrap();
        let commands = example::commands(&ExampleIds::derived_from(tenant.as_uuid())).unwrap();
        let actor = Actor::parse("system:demo").unwrap();
        for (n, command) in commands.iter().take(3).enumerate() {
            let context = CommandContext {
                command_id: demo_command_id(tenant, n),
                ..CommandContext::new(actor.clone(), services.clock.now())
            };
            services
                .register
                .execute(tenant, command, &context)
                .await
                .unwrap();
        }

        assert_eq!(ensure_demo(&services).await.unwrap(), Demo::Loaded(tenant));
        let page = services
            .read_models
            .decisions(
                tenant,
                Viewer::Public,
                &DecisionFilter::default(),
                &PageRequest {
                    first: 10,
                    after: None,
                },
                Detail::Full,
            )
            .await
            .unwrap();
        assert_eq!(page.total_count, 1);
        assert_eq!(page.items[0].1.title, example::TITLE);
        let strategies = services
            .read_models
            .strategy_documents(tenant, Viewer::Public)
            .await
            .unwrap();
        assert_eq!(strategies.len(), 1);

        let head = services.register.store().head(tenant).await.unwrap();
        assert_eq!(ensure_demo(&services).await.unwrap(), Demo::Present(tenant));
        assert_eq!(services.register.store().head(tenant).await.unwrap(), head);
    }
}
