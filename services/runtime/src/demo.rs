//! The demo council: Maidstone Borough Council with the example decision of its register
//! ("Information Strategy 2010 - 13"), the Cabinet meeting that took it, its forward plan with
//! entries of every kind of date due, a strategy by financial years, the council's members, an
//! officer decision and a decision with withheld reasons; loaded when absent so a newcomer has
//! something to read.

use civic_domain::example::{self, ExampleIds};
use civic_domain::example_plans::{self, PlanIds};
use civic_domain::illustrative::{self, IllustrativeIds};
use civic_domain::meeting::example::{self as meeting_example, MeetingExampleIds};
use civic_eventstore::EventStore as _;
use civic_eventstore::{Actor, TenantId};
use uuid::Uuid;

use crate::envelope::Envelope;
use crate::error::RuntimeError;
use crate::runtime::Runtime;

/// The demo council's slug.
pub const DEMO_SLUG: &str = example::SLUG;

/// The actor the demo's commands are recorded as.
const DEMO_ACTOR: &str = "system:demo";

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

/// The demo's commands, each with its number (which fixes its idempotency key): the example's
/// from 0, the meeting's from [`MEETING_COMMANDS`], the forward plan's from [`PLAN_COMMANDS`],
/// the illustrative records' from [`ILLUSTRATIVE_COMMANDS`]. A demo loaded by an earlier version gains what was added on its
/// next start.
fn demo_commands(tenant: TenantId) -> Result<Vec<(usize, civic_domain::Command)>, RuntimeError> {
    let ids = ExampleIds::derived_from(tenant.as_uuid());
    let numbered = |from: usize, commands: Vec<civic_domain::Command>| {
        commands
            .into_iter()
            .enumerate()
            .map(move |(n, command)| (from + n, command))
    };
    Ok(numbered(0, example::commands(&ids)?)
        .chain(numbered(
            MEETING_COMMANDS,
            meeting_example::commands(
                ids.cabinet,
                &MeetingExampleIds::derived_from(tenant.as_uuid()),
            )?,
        ))
        .chain(numbered(
            PLAN_COMMANDS,
            example_plans::commands(&PlanIds::derived_from(tenant.as_uuid()), ids.cabinet)?,
        ))
        .chain(numbered(
            ILLUSTRATIVE_COMMANDS,
            illustrative::commands(&IllustrativeIds::derived_from(
                tenant.as_uuid(),
                ids.cabinet,
            ))?,
        ))
        .collect())
}

/// The idempotency key of the demo's `n`th command in `tenant`: fixed, so that loading the
/// demo again replays what was recorded and records only what an interrupted load left out.
fn demo_command_id(tenant: TenantId, n: usize) -> Uuid {
    Uuid::from_u128(tenant.as_uuid().as_u128() ^ (0xdead_0000 + n as u128))
}

/// The demo's meeting commands are numbered from here, apart from the example's own, so that
/// commands added to either list never take another's idempotency key.
const MEETING_COMMANDS: usize = 1_000;

/// The illustrative records' commands are numbered from here.
const ILLUSTRATIVE_COMMANDS: usize = 2_000;

/// The forward plan's and financial-year strategy's commands are numbered from here.
const PLAN_COMMANDS: usize = 3_000;

impl Runtime {
    /// Loads the demo council unless its slug is taken by another council: claims the slug for a
    /// new tenant and runs every command of the example as `system:demo` with fixed idempotency
    /// keys. A load interrupted halfway (the slug claimed, some commands recorded) is completed
    /// on the next start.
    pub async fn ensure_demo(&self) -> Result<Demo, RuntimeError> {
        let tenant = self.claim(DEMO_SLUG).await?;
        if !self.is_demo(tenant).await? {
            return Ok(Demo::Present(tenant));
        }
        let actor = Actor::parse(DEMO_ACTOR).map_err(civic_eventstore::StoreError::InvalidInput)?;
        let commands = demo_commands(tenant)?;
        let mut recorded_now = false;
        for (n, command) in commands {
            let envelope = Envelope::new(tenant, actor.clone(), demo_command_id(tenant, n))
                .correlated_with(demo_command_id(tenant, 0));
            recorded_now |= !self.run(&envelope, &command).await?.replayed;
        }
        Ok(if recorded_now {
            Demo::Loaded(tenant)
        } else {
            Demo::Present(tenant)
        })
    }

    /// Whether `tenant`, which holds the demo's slug, is the demo council (or a demo load that
    /// was interrupted before its first command) rather than a council registered under it.
    async fn is_demo(&self, tenant: TenantId) -> Result<bool, RuntimeError> {
        let store = self.store();
        Ok(store.head(tenant).await?.position == 0
            || store
                .find_command(tenant, demo_command_id(tenant, 0))
                .await?
                .is_some())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use civic_projections::{DecisionFilter, Detail, MeetingFilter, PageRequest, Viewer};

    use super::*;

    #[test]
    fn the_demo_actor_is_a_valid_actor() {
        assert!(Actor::parse(DEMO_ACTOR).is_ok());
    }

    #[tokio::test]
    async fn an_interrupted_demo_load_is_completed_on_the_next_start_and_then_left_alone() {
        let db = civic_testkit::TestSqlite::fresh();
        let runtime = Runtime::connect(&db.url(), 4).await.unwrap();
        // A first start that died after three of the demo's commands.
        let tenant = TenantId::new();
        runtime
            .read_models()
            .claim_slug(DEMO_SLUG, tenant)
            .await
            .unwrap();
        let commands = example::commands(&ExampleIds::derived_from(tenant.as_uuid())).unwrap();
        let actor = Actor::parse(DEMO_ACTOR).unwrap();
        for (n, command) in commands.iter().take(3).enumerate() {
            let envelope = Envelope::new(tenant, actor.clone(), demo_command_id(tenant, n));
            runtime.run(&envelope, command).await.unwrap();
        }

        assert_eq!(runtime.ensure_demo().await.unwrap(), Demo::Loaded(tenant));
        let page = runtime
            .read_models()
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
        // The example decision and the two illustrative ones.
        assert_eq!(page.total_count, 3);
        assert!(
            page.items
                .iter()
                .any(|(_, view)| view.record.title == example::TITLE)
        );
        let strategies = runtime
            .read_models()
            .strategy_documents(tenant, Viewer::Public)
            .await
            .unwrap();
        assert_eq!(strategies.len(), 2);
        let meetings = runtime
            .read_models()
            .meetings(
                tenant,
                Viewer::Public,
                &MeetingFilter::default(),
                &PageRequest {
                    first: 10,
                    after: None,
                },
            )
            .await
            .unwrap();
        let plan = runtime
            .read_models()
            .forward_plan(
                tenant,
                Viewer::Public,
                chrono::NaiveDate::from_ymd_opt(2010, 7, 1).unwrap(),
                &PageRequest {
                    first: 10,
                    after: None,
                },
            )
            .await
            .unwrap();
        assert_eq!(meetings.total_count, 1);
        let cabinet = &meetings.items[0].1.record;
        assert_eq!(cabinet.items[0].title.as_str(), example::TITLE);
        assert!(cabinet.items[1].in_private && cabinet.items[1].minutes.is_none());
        // Due in August, not before September, on hold (July), not yet known (listed last).
        assert_eq!(
            plan.items
                .iter()
                .map(|(_, e)| e.title.as_str())
                .collect::<Vec<_>>(),
            vec![
                example_plans::ON_HOLD_ENTRY,
                example_plans::MONTH_ENTRY,
                example_plans::NOT_BEFORE_ENTRY,
                example_plans::NOT_KNOWN_ENTRY,
            ]
        );

        let head = runtime.store().head(tenant).await.unwrap();
        assert_eq!(runtime.ensure_demo().await.unwrap(), Demo::Present(tenant));
        assert_eq!(runtime.store().head(tenant).await.unwrap(), head);
    }
}
