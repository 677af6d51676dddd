//! The claims of a Civic Register bearer token.

use serde::{Deserialize, Serialize};

/// What a token lets its holder do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Records decisions for one council: every mutation of that council, and reads everything
    /// of it.
    Clerk,
    /// Reads everything of one council, exempt parts included; changes nothing.
    Auditor,
    /// Platform administrator: registers councils, and reads every council as an auditor.
    Admin,
}

impl Role {
    /// The claim value: `clerk`, `auditor` or `admin`.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Clerk => "clerk",
            Role::Auditor => "auditor",
            Role::Admin => "admin",
        }
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A role name that is not `clerk`, `auditor` or `admin`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a role (clerk, auditor or admin)")]
pub struct UnknownRole(pub String);

impl std::str::FromStr for Role {
    type Err = UnknownRole;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "clerk" => Ok(Role::Clerk),
            "auditor" => Ok(Role::Auditor),
            "admin" => Ok(Role::Admin),
            other => Err(UnknownRole(other.to_owned())),
        }
    }
}

/// The claims the gateway reads. `iss` and `aud` are checked by the verifier when configured and
/// are not needed afterwards, so they are not kept here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims {
    /// Who the holder is; recorded as the actor (`user:{sub}`) of every command they run.
    pub sub: String,
    /// The slug of the council the token is for; absent for platform administrators.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub council: Option<String>,
    /// What the holder may do there.
    pub role: Role,
    /// Expiry, seconds since the Unix epoch. Required: a token without it is refused.
    pub exp: u64,
    /// Issued at, seconds since the Unix epoch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iat: Option<u64>,
}
