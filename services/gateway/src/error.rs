//! The one mapping from every error the gateway meets to a GraphQL error with `extensions.code`.
//!
//! Codes: BAD_USER_INPUT, UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, CONFLICT,
//! IDEMPOTENCY_KEY_REUSED, INTERNAL, and QUERY_TOO_EXPENSIVE (a document refused by
//! [`crate::graphql::cost`]). An INTERNAL
//! error never carries the underlying message to the client: it is logged here, with its chain
//! of causes, and the client gets a fixed sentence.
//!
//! Resolvers return `Result<T, ApiError>`. `ApiError` is deliberately not `Display`, so
//! async-graphql's blanket `From<impl Display>` (which drops extensions) cannot apply: the only
//! way into a GraphQL error is [`ErrorExtensions::extend`] below.

use std::sync::Arc;

use crate::graphql::input::InputError;
use async_graphql::{ErrorExtensionValues, ErrorExtensions};
use civic_app::AppError;
use civic_domain::ErrorKind;
use civic_eventstore::StoreError;
use civic_projections::ProjectionError;

use crate::auth::AuthError;

/// The `extensions.code` values clients can rely on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Code {
    /// The request's input breaks a rule; change it and retry.
    BadUserInput,
    /// No valid credentials.
    Unauthenticated,
    /// Valid credentials, not allowed.
    Forbidden,
    /// Something named does not exist (or is not visible to the caller).
    NotFound,
    /// The state moved on or already holds this: re-read and decide again.
    Conflict,
    /// The idempotency key was already used for a different command or different input: a
    /// retry must send exactly the same request; a new command needs a new key.
    IdempotencyKeyReused,
    /// The service failed; retrying with the same idempotency key is safe.
    Internal,
    /// The document is over a cost limit (size, tokens, nesting or cost): ask for less at once.
    /// Refused before it ran; the error's extensions carry the figures compared.
    QueryTooExpensive,
}

impl Code {
    /// The wire form, e.g. `BAD_USER_INPUT`.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::BadUserInput => "BAD_USER_INPUT",
            Code::Unauthenticated => "UNAUTHENTICATED",
            Code::Forbidden => "FORBIDDEN",
            Code::NotFound => "NOT_FOUND",
            Code::Conflict => "CONFLICT",
            Code::IdempotencyKeyReused => "IDEMPOTENCY_KEY_REUSED",
            Code::Internal => "INTERNAL",
            Code::QueryTooExpensive => "QUERY_TOO_EXPENSIVE",
        }
    }
}

/// What the client reads for any INTERNAL error.
pub const INTERNAL_MESSAGE: &str = "internal error: the service failed; it has been logged";

/// Every way a request can fail at the edge.
#[derive(Debug)]
pub enum ApiError {
    /// Credentials missing, invalid or insufficient.
    Auth(AuthError),
    /// The application layer refused or failed to run a command.
    Command(AppError),
    /// Raw input did not convert to a domain command.
    Input(InputError),
    /// Input the gateway itself checks (page size, cursor, global id) was refused.
    Invalid {
        /// The argument, e.g. `first`.
        field: String,
        /// Why, in words the caller can act on.
        message: String,
    },
    /// Something named does not exist, e.g. a council slug.
    NotFound(String),
    /// A read model query failed.
    ReadModel(ProjectionError),
    /// Anything else: a bug or an outage.
    Internal(anyhow::Error),
}

impl ApiError {
    /// A refusal of the argument `field`.
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Invalid {
            field: field.into(),
            message: message.into(),
        }
    }

    /// The code this error is reported with.
    pub fn code(&self) -> Code {
        match self {
            ApiError::Auth(AuthError::Unauthenticated(_)) => Code::Unauthenticated,
            ApiError::Auth(AuthError::Forbidden(_)) => Code::Forbidden,
            ApiError::Command(error) => command_code(error),
            ApiError::Input(_) | ApiError::Invalid { .. } => Code::BadUserInput,
            ApiError::NotFound(_) => Code::NotFound,
            ApiError::ReadModel(error) => projection_code(error),
            ApiError::Internal(_) => Code::Internal,
        }
    }

    /// Logs an internal error with its causes; other errors are the caller's and not logged.
    fn log_if_internal(&self) {
        match self {
            ApiError::Command(AppError::Store(StoreError::Busy { tenant })) => {
                tracing::warn!(%tenant, "a command gave up on a contended log");
            }
            ApiError::Command(error) if self.code() == Code::Internal => {
                tracing::error!(error = %chain(error), "a command failed");
            }
            ApiError::ReadModel(error) if self.code() == Code::Internal => {
                tracing::error!(error = %chain(error), "a read-model query failed");
            }
            ApiError::Internal(error) => {
                tracing::error!(error = %format!("{error:#}"), "a request failed");
            }
            _ => {}
        }
    }
}

fn command_code(error: &AppError) -> Code {
    match error {
        AppError::Domain(error) => match error.kind() {
            ErrorKind::InvalidInput => Code::BadUserInput,
            ErrorKind::NotFound => Code::NotFound,
            ErrorKind::AlreadyExists | ErrorKind::InvalidTransition => Code::Conflict,
        },
        AppError::Conflict { .. } => Code::Conflict,
        AppError::CommandIdReused { .. } => Code::IdempotencyKeyReused,
        AppError::NoChange => Code::BadUserInput,
        AppError::Store(StoreError::InvalidInput(_)) => Code::BadUserInput,
        AppError::Store(_) | AppError::Decode { .. } | AppError::Encode(_) => Code::Internal,
    }
}

fn projection_code(error: &ProjectionError) -> Code {
    match error {
        ProjectionError::SlugTaken => Code::Conflict,
        ProjectionError::InvalidSlug(_)
        | ProjectionError::InvalidPage(_)
        | ProjectionError::InvalidCursor
        | ProjectionError::NotAsOf { .. } => Code::BadUserInput,
        ProjectionError::Decode(_) | ProjectionError::Corrupt(_) | ProjectionError::Database(_) => {
            Code::Internal
        }
    }
}

/// The error and its causes on one line, for the log.
fn chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// snake_case field paths of the domain's raw input (`documents[0].sha256`,
/// `decision_maker_body_id`) in the GraphQL input's camelCase.
fn camel_case(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut upper = false;
    for c in path.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

impl ErrorExtensions for ApiError {
    fn extend(&self) -> async_graphql::Error {
        self.log_if_internal();
        let code = self.code();
        let mut extensions = ErrorExtensionValues::default();
        extensions.set("code", code.as_str());
        let message = match self {
            ApiError::Auth(error) => error.message().to_owned(),
            ApiError::Command(AppError::Store(StoreError::Busy { .. })) => {
                "the council's register is busy; retry with the same idempotency key".to_owned()
            }
            ApiError::Command(AppError::Store(StoreError::InvalidInput(input))) => {
                extensions.set("field", camel_case(input.field));
                input.to_string()
            }
            ApiError::Command(AppError::Conflict {
                expected, actual, ..
            }) => {
                extensions.set("expectedVersion", *expected);
                extensions.set("actualVersion", *actual);
                format!(
                    "the record is at version {actual}, not the expected {expected}: re-read it and decide again"
                )
            }
            ApiError::Command(AppError::Domain(error)) if error.field().is_some() => {
                if let Some(field) = error.field() {
                    extensions.set("field", field);
                }
                error.to_string()
            }
            ApiError::Command(AppError::CommandIdReused { command_id, .. }) => {
                extensions.set("field", "idempotencyKey");
                format!(
                    "the idempotency key {command_id} was already used for a different command \
                     or different input; retry with exactly the same request, or use a new key"
                )
            }
            ApiError::Input(error) => {
                extensions.set("field", camel_case(&error.field));
                error.to_string()
            }
            ApiError::Invalid { field, message } => {
                extensions.set("field", field.as_str());
                message.clone()
            }
            ApiError::NotFound(what) => what.clone(),
            ApiError::ReadModel(ProjectionError::InvalidCursor) => {
                extensions.set("field", "after");
                "the cursor was not issued by this list; start again from the first page".to_owned()
            }
            ApiError::ReadModel(error @ ProjectionError::NotAsOf { field, .. }) => {
                extensions.set("field", *field);
                error.to_string()
            }
            ApiError::ReadModel(error @ ProjectionError::InvalidPage(_)) => {
                extensions.set("field", "first");
                error.to_string()
            }
            _ if code == Code::Internal => INTERNAL_MESSAGE.to_owned(),
            ApiError::Command(error) => error.to_string(),
            ApiError::ReadModel(error) => error.to_string(),
            ApiError::Internal(_) => INTERNAL_MESSAGE.to_owned(),
        };
        let mut error = async_graphql::Error::new(message);
        error.extensions = Some(extensions);
        error
    }
}

impl From<ApiError> for async_graphql::Error {
    fn from(error: ApiError) -> Self {
        error.extend()
    }
}

impl From<AuthError> for ApiError {
    fn from(error: AuthError) -> Self {
        Self::Auth(error)
    }
}

impl From<AppError> for ApiError {
    fn from(error: AppError) -> Self {
        Self::Command(error)
    }
}

/// The runtime's errors keep the layer they came from; each is mapped like that layer's own.
impl From<civic_runtime::RuntimeError> for ApiError {
    fn from(error: civic_runtime::RuntimeError) -> Self {
        use civic_runtime::RuntimeError as R;
        match error {
            R::Command(error) => Self::Command(error),
            R::ReadModel(error) => Self::ReadModel(error),
            R::Store(error) => Self::Command(AppError::Store(error)),
            error @ (R::Demo(_) | R::NotARegistration | R::Directory(_)) => {
                Self::Internal(error.into())
            }
        }
    }
}

/// A read of the log fails like a command's store: INTERNAL, or the caller's input.
impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> Self {
        Self::Command(AppError::Store(error))
    }
}

/// A checkpoint or proof that cannot be given: the caller's sizes, or the service's failure.
impl From<crate::proofs::ProofError> for ApiError {
    fn from(error: crate::proofs::ProofError) -> Self {
        use crate::proofs::ProofError as P;
        match error {
            P::Refused(why) => Self::invalid("size", why),
            P::Store(error) => Self::from(error),
            error @ P::NoKey => Self::Internal(error.into()),
        }
    }
}

impl From<InputError> for ApiError {
    fn from(error: InputError) -> Self {
        Self::Input(error)
    }
}

impl From<ProjectionError> for ApiError {
    fn from(error: ProjectionError) -> Self {
        Self::ReadModel(error)
    }
}

/// A batched read's error, shared by every lookup of the batch
/// ([`crate::graphql::loader::RecordLoader`]). Reads by id fail only for INTERNAL reasons (the
/// database, a corrupt row), so it is reported as INTERNAL, with its causes logged.
impl From<Arc<ProjectionError>> for ApiError {
    fn from(error: Arc<ProjectionError>) -> Self {
        match Arc::try_unwrap(error) {
            Ok(error) => Self::ReadModel(error),
            Err(shared) => {
                Self::Internal(anyhow::Error::new(shared).context("a batched read-model query"))
            }
        }
    }
}

/// A conversion that cannot fail (a command passed as it is).
impl From<std::convert::Infallible> for ApiError {
    fn from(never: std::convert::Infallible) -> Self {
        match never {}
    }
}

impl From<anyhow::Error> for ApiError {
    fn from(error: anyhow::Error) -> Self {
        Self::Internal(error)
    }
}

/// `ctx.data::<T>()` fails only when the gateway forgot to attach something: a bug.
impl From<async_graphql::Error> for ApiError {
    fn from(error: async_graphql::Error) -> Self {
        Self::Internal(anyhow::anyhow!("GraphQL context: {}", error.message))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use civic_domain::DomainError;
    use serde_json::json;

    fn json_of(error: ApiError) -> serde_json::Value {
        let error = async_graphql::Error::from(error);
        json!({ "message": error.message, "extensions": error.extensions })
    }

    #[test]
    fn a_stale_expected_version_is_a_conflict_with_both_versions() {
        let error = ApiError::Command(AppError::Conflict {
            stream: "decision/x".into(),
            expected: 3,
            actual: 5,
        });
        assert_eq!(
            json_of(error),
            json!({
                "message": "the record is at version 5, not the expected 3: re-read it and decide again",
                "extensions": {"code": "CONFLICT", "expectedVersion": 3, "actualVersion": 5}
            })
        );
    }

    #[test]
    fn domain_errors_are_mapped_by_their_kind() {
        assert_eq!(
            ApiError::Command(AppError::Domain(DomainError::CouncilNotRegistered)).code(),
            Code::NotFound
        );
        assert_eq!(
            ApiError::Command(AppError::NoChange).code(),
            Code::BadUserInput
        );
    }

    #[test]
    fn internal_errors_never_show_their_message() {
        let error = ApiError::Internal(anyhow::anyhow!("password authentication failed for civic"));
        assert_eq!(
            json_of(error),
            json!({"message": INTERNAL_MESSAGE, "extensions": {"code": "INTERNAL"}})
        );
    }

    #[test]
    fn raw_input_errors_point_at_the_graphql_field() {
        let error = InputError {
            field: "documents[0].sha256".into(),
            problem: crate::graphql::input::InputProblem::Value(
                civic_domain::values::ValueError::Blank { what: "digest" },
            ),
        };
        assert_eq!(
            json_of(ApiError::Input(error))["extensions"]["field"],
            "documents[0].sha256"
        );
        assert_eq!(camel_case("decision_maker_body_id"), "decisionMakerBodyId");
    }
}
