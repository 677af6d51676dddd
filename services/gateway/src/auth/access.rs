//! What a principal may do at one endpoint. Decided once per request, before any resolver runs,
//! and handed to the resolvers as request data.

use civic_eventstore::Actor;
use civic_projections::Viewer;

use super::claims::Role;
use super::error::AuthError;
use super::verify::{Identity, Principal};

/// The rights of one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Access {
    standing: Standing,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Standing {
    Anonymous,
    Clerk(String),
    Auditor(String),
    Admin(String),
}

const OTHER_COUNCIL: AuthError =
    AuthError::Forbidden("this token is for another council; it is not accepted here");
const SIGN_IN_TO_RECORD: AuthError =
    AuthError::Unauthenticated("changing the register needs a clerk's token for this council");
const CLERKS_ONLY: AuthError =
    AuthError::Forbidden("only a clerk of this council may change its register");
const SIGN_IN_AS_ADMIN: AuthError =
    AuthError::Unauthenticated("registering a council needs a platform administrator's token");
const ADMINS_ONLY: AuthError =
    AuthError::Forbidden("only a platform administrator may register a council");
const LOG_READERS_ONLY: AuthError = AuthError::Forbidden(
    "the council's whole log is for its clerks and auditors; anyone may read the history of a public record",
);
const BAD_SUBJECT: AuthError =
    AuthError::Unauthenticated("the token's subject cannot be recorded as an actor");

impl Access {
    /// Anonymous access: published, non-exempt content, no changes.
    pub fn anonymous() -> Self {
        Self {
            standing: Standing::Anonymous,
        }
    }

    /// The rights of `principal` at the council `slug`'s endpoint. A token for another council
    /// is refused outright (FORBIDDEN), never downgraded to anonymous.
    pub fn for_council(principal: &Principal, slug: &str) -> Result<Self, AuthError> {
        let standing = match principal {
            Principal::Anonymous => Standing::Anonymous,
            Principal::Authenticated(Identity {
                subject,
                council,
                role,
            }) => match (role, council.as_deref()) {
                (Role::Admin, _) => Standing::Admin(subject.clone()),
                (_, Some(council)) if council != slug => return Err(OTHER_COUNCIL),
                (Role::Clerk, Some(_)) => Standing::Clerk(subject.clone()),
                (Role::Auditor, Some(_)) => Standing::Auditor(subject.clone()),
                (Role::Clerk | Role::Auditor, None) => return Err(OTHER_COUNCIL),
            },
        };
        Ok(Self { standing })
    }

    /// The rights of `principal` at the platform endpoint: anyone may list councils; only an
    /// administrator registers one.
    pub fn for_platform(principal: &Principal) -> Self {
        let standing = match principal {
            Principal::Authenticated(Identity {
                subject,
                role: Role::Admin,
                ..
            }) => Standing::Admin(subject.clone()),
            Principal::Authenticated(Identity {
                subject,
                role: Role::Clerk,
                ..
            }) => Standing::Clerk(subject.clone()),
            Principal::Authenticated(Identity {
                subject,
                role: Role::Auditor,
                ..
            }) => Standing::Auditor(subject.clone()),
            Principal::Anonymous => Standing::Anonymous,
        };
        Self { standing }
    }

    /// Whether the caller gave no token: the public, whose answers the response cache may keep.
    pub fn is_anonymous(&self) -> bool {
        self.standing == Standing::Anonymous
    }

    /// What the read models show this request: clerks see their council's drafts, auditors and
    /// administrators everything including exempt parts, everyone else the published record.
    pub fn viewer(&self) -> Viewer {
        match self.standing {
            Standing::Anonymous => Viewer::Public,
            Standing::Clerk(_) => Viewer::Clerk,
            Standing::Auditor(_) | Standing::Admin(_) => Viewer::Auditor,
        }
    }

    /// The actor of a command on this council's register: only its clerks may run one.
    pub fn clerk_actor(&self) -> Result<Actor, AuthError> {
        match &self.standing {
            Standing::Clerk(subject) => actor(subject),
            Standing::Anonymous => Err(SIGN_IN_TO_RECORD),
            Standing::Auditor(_) | Standing::Admin(_) => Err(CLERKS_ONLY),
        }
    }

    /// Whether this request may read the council's whole log (every event, who, when): its
    /// clerks and auditors (and platform administrators) may; the public may not.
    pub fn log_reader(&self) -> Result<(), AuthError> {
        match self.standing {
            Standing::Clerk(_) | Standing::Auditor(_) | Standing::Admin(_) => Ok(()),
            Standing::Anonymous => Err(LOG_READERS_ONLY),
        }
    }

    /// The actor of a platform command: only administrators may run one.
    pub fn admin_actor(&self) -> Result<Actor, AuthError> {
        match &self.standing {
            Standing::Admin(subject) => actor(subject),
            Standing::Anonymous => Err(SIGN_IN_AS_ADMIN),
            Standing::Clerk(_) | Standing::Auditor(_) => Err(ADMINS_ONLY),
        }
    }
}

fn actor(subject: &str) -> Result<Actor, AuthError> {
    Actor::parse(&format!("user:{subject}")).map_err(|_| BAD_SUBJECT)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(council: Option<&str>, role: Role) -> Principal {
        Principal::Authenticated(Identity {
            subject: "someone".into(),
            council: council.map(str::to_owned),
            role,
        })
    }

    #[test]
    fn a_token_for_another_council_is_refused_outright() {
        for role in [Role::Clerk, Role::Auditor] {
            assert_eq!(
                Access::for_council(&token(Some("kent"), role), "maidstone"),
                Err(OTHER_COUNCIL)
            );
        }
    }

    #[test]
    fn only_a_clerk_of_the_council_may_record() {
        let clerk =
            Access::for_council(&token(Some("maidstone"), Role::Clerk), "maidstone").unwrap();
        assert_eq!(clerk.clerk_actor().unwrap().as_str(), "user:someone");
        assert_eq!(clerk.viewer(), Viewer::Clerk);
        let auditor =
            Access::for_council(&token(Some("maidstone"), Role::Auditor), "maidstone").unwrap();
        assert_eq!(auditor.clerk_actor(), Err(CLERKS_ONLY));
        assert_eq!(auditor.viewer(), Viewer::Auditor);
        let admin = Access::for_council(&token(None, Role::Admin), "maidstone").unwrap();
        assert_eq!(admin.clerk_actor(), Err(CLERKS_ONLY));
        assert_eq!(admin.viewer(), Viewer::Auditor);
        let anonymous = Access::for_council(&Principal::Anonymous, "maidstone").unwrap();
        assert_eq!(anonymous.clerk_actor(), Err(SIGN_IN_TO_RECORD));
        assert_eq!(anonymous.viewer(), Viewer::Public);
    }

    #[test]
    fn only_clerks_auditors_and_administrators_read_the_whole_log() {
        for role in [Role::Clerk, Role::Auditor] {
            let access = Access::for_council(&token(Some("maidstone"), role), "maidstone").unwrap();
            assert_eq!(access.log_reader(), Ok(()));
        }
        let admin = Access::for_council(&token(None, Role::Admin), "maidstone").unwrap();
        assert_eq!(admin.log_reader(), Ok(()));
        assert_eq!(Access::anonymous().log_reader(), Err(LOG_READERS_ONLY));
    }

    #[test]
    fn only_an_administrator_may_register_a_council() {
        assert!(
            Access::for_platform(&token(None, Role::Admin))
                .admin_actor()
                .is_ok()
        );
        assert_eq!(
            Access::for_platform(&token(Some("maidstone"), Role::Clerk)).admin_actor(),
            Err(ADMINS_ONLY)
        );
        assert_eq!(
            Access::for_platform(&Principal::Anonymous).admin_actor(),
            Err(SIGN_IN_AS_ADMIN)
        );
    }
}
