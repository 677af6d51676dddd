//! Civic Register's application runtime: the one place, below every edge (GraphQL, the `civic`
//! commands, the benchmarks, the importer), where a command is run.
//!
//! A [`Runtime`] holds what a process shares: the event store behind the application layer's
//! [`civic_app::Register`], the read models, the projector and its notifier, and the clock. An
//! edge turns its input into a domain [`civic_domain::Command`], wraps who and why in an
//! [`Envelope`], and calls [`Runtime::run`]: the command is decided and appended, projectors
//! (here and in other processes) are woken, and the council's read models are caught up, so the
//! caller reads its own write. Nothing above this crate names a database backend.
//!
//! ```no_run
//! # async fn example() -> Result<(), Box<dyn std::error::Error>> {
//! use civic_domain::{Command, CouncilCommand, nation::Nation, council::CouncilKind};
//! use civic_domain::values::{Name, Slug, WardId};
//! use civic_eventstore::Actor;
//! use civic_runtime::{Envelope, Runtime};
//!
//! let runtime = Runtime::connect("sqlite://civic.db", 8).await?;
//! let admin = Actor::parse("admin:alice")?;
//! let registration = CouncilCommand::Register {
//!     slug: Slug::parse("maidstone")?,
//!     name: Name::parse("Maidstone Borough Council")?,
//!     kind: CouncilKind::District,
//!     nation: Nation::England,
//! };
//! let (tenant, _) = runtime.register_council(admin.clone(), uuid::Uuid::now_v7(), registration).await?;
//! // Every later command of that council runs the same way, from an envelope.
//! let clerk = Actor::parse("clerk:bob")?;
//! let envelope = Envelope::new(tenant, clerk, uuid::Uuid::now_v7());
//! let add_ward = Command::Council(CouncilCommand::AddWard {
//!     ward: WardId::new(),
//!     name: Name::parse("Bridge")?,
//! });
//! let executed = runtime.run(&envelope, &add_ward).await?;
//! // The read models already include it: the caller reads its own write.
//! assert!(executed.committed.last_position >= 2);
//! # Ok(()) }
//! ```
//!
//! Modules:
//! - [`runtime`]: [`Runtime`]: connect, run a command, read models.
//! - [`envelope`]: [`Envelope`]: tenant, command id, actor, expected version, correlation and
//!   causation.
//! - [`registration`]: registering a council (slug claim, tenant allocation).
//! - [`demo`]: the demo council, loaded idempotently.
//! - [`directory`]: [`Directory`], councils spread over several databases, a runtime each.
//! - [`clock`]: [`Clock`], the instant the domain's rules are applied at.
//! - [`metrics`]: [`CommandMetrics`], commands and appends counted for `/metrics`.
//! - [`readiness`]: whether the process should take traffic ([`NotReady`]).
//! - `serial`: one writer per council at a time within the process.
//! - [`error`]: why the runtime failed, [`RuntimeError`].

pub mod clock;
pub mod demo;
pub mod directory;
pub mod envelope;
pub mod error;
pub mod metrics;
pub mod readiness;
pub mod registration;
pub mod runtime;
mod serial;
mod stream_cache;

pub use civic_app::Executed;
/// Where a database URL keeps its data; `civic` keeps its development secret beside the file.
pub use civic_eventstore::DataLocation;
pub use clock::Clock;
pub use demo::{DEMO_SLUG, Demo};
pub use directory::{CouncilDatabase, Directory};
pub use envelope::Envelope;
pub use error::RuntimeError;
pub use metrics::CommandMetrics;
pub use readiness::NotReady;
pub use runtime::Runtime;
pub use stream_cache::Records;
