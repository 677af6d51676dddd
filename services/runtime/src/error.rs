//! Why the runtime could not do what it was asked. Each variant keeps the lower layer's error, so
//! an edge maps it once (the gateway to `extensions.code`, the CLI to a message and exit status).

use civic_app::AppError;
use civic_eventstore::StoreError;
use civic_projections::ProjectionError;

/// A runtime failure.
#[derive(Debug, thiserror::Error)]
pub enum RuntimeError {
    /// The command was refused or could not be recorded; see [`AppError`] for how an edge
    /// reports each case. Nothing was appended.
    #[error(transparent)]
    Command(#[from] AppError),
    /// The read models failed (catching up after a recorded command, or a slug claim). When it
    /// follows a recorded command, the command stands: retrying with the same id replays it.
    #[error(transparent)]
    ReadModel(#[from] ProjectionError),
    /// The database could not be reached or migrated. Operators see it at start and in
    /// readiness checks.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The demo's example no longer validates: only possible if a domain rule changed under it
    /// (a test catches it first).
    #[error("the demo council's example is invalid: {0}")]
    Demo(#[from] civic_domain::example::ExampleError),
    /// [`Runtime::register_council`](crate::Runtime::register_council) was given a command
    /// other than a registration: a bug in the caller, reported as INTERNAL.
    #[error("only a council registration can register a council")]
    NotARegistration,
    /// The council databases are misconfigured: a database named twice or badly, or a council
    /// placed in a database this process was not given. Reported as INTERNAL; operators see it
    /// in the log.
    #[error("council databases: {0}")]
    Directory(String),
}
