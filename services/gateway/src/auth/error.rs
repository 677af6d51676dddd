//! Why a request was refused before anything ran.

use async_graphql::{ErrorExtensionValues, ErrorExtensions};

/// An authentication or authorisation failure. The messages are safe to show: they say what was
/// wrong with the credentials, never what the council holds.
///
/// Deliberately not `Display`: the only way into a GraphQL error is through
/// [`ErrorExtensions`], which sets `extensions.code`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthError {
    /// No usable credentials: a malformed `Authorization` header, or a token that is expired,
    /// forged, malformed or signed by a key the gateway does not know. The edge reports
    /// UNAUTHENTICATED (HTTP 401); the client gets a new token.
    Unauthenticated(&'static str),
    /// The credentials are good but do not allow this: a token for another council, a mutation
    /// by an auditor. The edge reports FORBIDDEN (HTTP 403).
    Forbidden(&'static str),
}

impl AuthError {
    /// The `extensions.code` of this error.
    pub fn code(&self) -> &'static str {
        match self {
            AuthError::Unauthenticated(_) => "UNAUTHENTICATED",
            AuthError::Forbidden(_) => "FORBIDDEN",
        }
    }

    /// What the client is told.
    pub fn message(&self) -> &'static str {
        match self {
            AuthError::Unauthenticated(why) | AuthError::Forbidden(why) => why,
        }
    }

    pub(crate) fn set_extensions(&self, extensions: &mut ErrorExtensionValues) {
        extensions.set("code", self.code());
    }
}

impl ErrorExtensions for AuthError {
    fn extend(&self) -> async_graphql::Error {
        let mut error = async_graphql::Error::new(self.message());
        let mut extensions = ErrorExtensionValues::default();
        self.set_extensions(&mut extensions);
        error.extensions = Some(extensions);
        error
    }
}

impl From<AuthError> for async_graphql::Error {
    fn from(error: AuthError) -> Self {
        error.extend()
    }
}
