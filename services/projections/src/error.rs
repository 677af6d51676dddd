//! The errors of the read side and the projector: one enum, with the code the edge reports for
//! each case.

/// Why a query, a slug claim or a projection step failed. Nothing is ever half-written: a failed
/// projection batch leaves the read models and the checkpoint as they were.
#[derive(Debug, thiserror::Error)]
pub enum ProjectionError {
    /// Another council already holds the slug. The edge reports CONFLICT (ALREADY_EXISTS) and
    /// must not append the council's `Register` command.
    #[error("the slug is already taken by another council")]
    SlugTaken,
    /// The slug is not a valid council slug. The edge reports BAD_USER_INPUT.
    #[error("invalid slug: {0}")]
    InvalidSlug(String),
    /// The page size is outside 1..=100. The edge reports BAD_USER_INPUT with the message.
    #[error("invalid page: {0}")]
    InvalidPage(String),
    /// The `after` cursor was not issued by this list (or was altered). The edge reports
    /// BAD_USER_INPUT; the client starts again from the first page.
    #[error("invalid cursor")]
    InvalidCursor,
    /// Something was asked of the register as it stood at a moment that only the live register
    /// answers (a text search). The edge reports BAD_USER_INPUT naming `field`.
    #[error("{field} cannot be asked as of a moment: {why}")]
    NotAsOf {
        /// The argument refused, as the edge names it.
        field: &'static str,
        /// Why, and what to do instead.
        why: &'static str,
    },
    /// A stored event does not decode into a domain event. The edge reports INTERNAL and alerts:
    /// the log holds something this version cannot read, so the tenant's projection stops there.
    #[error("an event cannot be projected: {0}")]
    Decode(#[source] civic_app::AppError),
    /// A stored row does not read back as written (a document that no longer deserialises, an id
    /// that is not a UUID). The edge reports INTERNAL; a rebuild rewrites the read models.
    #[error("stored read model is corrupt: {0}")]
    Corrupt(String),
    /// The database failed or could not be reached. The edge reports INTERNAL (503 for
    /// readiness); the operation can be retried.
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
}

impl ProjectionError {
    /// A corrupt-row error naming what did not read back.
    pub(crate) fn corrupt(what: &str, detail: impl std::fmt::Display) -> Self {
        Self::Corrupt(format!("{what}: {detail}"))
    }
}
