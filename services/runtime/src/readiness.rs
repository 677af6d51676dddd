//! Whether a process should take traffic: its database answers, has every migration this binary
//! needs, and (when asked) no council's read models are too far behind its log.

use std::time::Duration;

use crate::error::RuntimeError;
use crate::runtime::Runtime;

/// Why a process is not ready; its `Display` is the answer `/readyz` gives.
#[derive(Debug, thiserror::Error)]
pub enum NotReady {
    /// The database did not answer.
    #[error("database unreachable")]
    Database(#[source] RuntimeError),
    /// Migrations this binary needs are not applied (`civic migrate` applies them).
    #[error("database migrations missing: {}", versions(.0))]
    Migrations(Vec<i64>),
    /// A council's oldest event not yet in its read models is older than allowed.
    #[error(
        "projector behind: council {council} shows none of the last {events} events, the oldest recorded {seconds:.0} s ago"
    )]
    ProjectorBehind {
        /// The council furthest behind.
        council: String,
        /// Events of its log its read models do not show.
        events: u64,
        /// Age of the oldest of them.
        seconds: f64,
    },
    /// One of several council databases is not ready ([`crate::Directory::readiness`]).
    #[error("council database {database}: {reason}")]
    In {
        /// The database's configured name.
        database: String,
        /// Why.
        reason: Box<NotReady>,
    },
}

fn versions(versions: &[i64]) -> String {
    let list: Vec<String> = versions.iter().map(i64::to_string).collect();
    list.join(", ")
}

impl Runtime {
    /// Ready when the database answers with every migration of this binary applied and, with
    /// `max_lag`, no council's oldest unprojected event was recorded longer ago than that.
    pub async fn readiness(&self, max_lag: Option<Duration>) -> Result<(), NotReady> {
        let missing = self
            .store()
            .missing_migrations()
            .await
            .map_err(|error| NotReady::Database(error.into()))?;
        if !missing.is_empty() {
            return Err(NotReady::Migrations(missing));
        }
        let Some(max_lag) = max_lag else {
            return Ok(());
        };
        let lag = self
            .read_models()
            .projection_lag()
            .await
            .map_err(|error| NotReady::Database(error.into()))?;
        let furthest = lag
            .into_iter()
            .max_by(|a, b| a.seconds.total_cmp(&b.seconds));
        match furthest {
            Some(council) if council.seconds > max_lag.as_secs_f64() => {
                Err(NotReady::ProjectorBehind {
                    council: council.slug,
                    events: council.events,
                    seconds: council.seconds,
                })
            }
            _ => Ok(()),
        }
    }
}
