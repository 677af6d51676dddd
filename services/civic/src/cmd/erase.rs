//! `civic erase --council SLUG --matching TEXT --reason TEXT`: a lawful erasure of personal data.
//! Every personal value of the council's records that contains TEXT (ignoring case) is deleted
//! for good from beside the log, in the transaction that appends a `PersonalDataErased` event
//! saying who (`--actor`), when and why; the log, its checkpoints and proofs still verify. The
//! read models fold the records again without the values, and the tables that held them are
//! rewritten. Exit status 1 when nothing matches. `--dry-run` lists what would be erased.

use anyhow::Context as _;
use civic_app::AppError;
use civic_domain::ErrorKind;
use civic_domain::values::Reason;
use civic_eventstore::{Actor, EventStore as _};
use civic_runtime::{Envelope, RuntimeError};
use uuid::Uuid;

use crate::config;

/// Options of `civic erase`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The council (slug) whose records hold the data.
    #[arg(long)]
    council: String,
    /// Erase every personal value containing this text, ignoring case: an email address, a
    /// telephone number, a name.
    #[arg(long)]
    matching: String,
    /// Why: the request and its lawful basis, kept in the log.
    #[arg(long)]
    reason: String,
    /// Who is erasing, kept in the log.
    #[arg(long, default_value = "erasure:civic-cli")]
    actor: String,
    /// Only say what would be erased (each value's record and log position), erasing nothing.
    #[arg(long)]
    dry_run: bool,
}

/// Whether anything was erased (or, with `--dry-run`, would be).
pub enum Outcome {
    /// Values were erased (or match).
    Erased,
    /// Nothing matched; nothing was recorded.
    NothingMatched,
}

pub async fn run(args: Args) -> anyhow::Result<Outcome> {
    anyhow::ensure!(
        !args.matching.trim().is_empty(),
        "--matching must name some text: an empty match would erase every personal value"
    );
    let reason = Reason::parse(&args.reason).context("--reason")?;
    let actor = Actor::parse(&args.actor).context("--actor")?;
    let directory = config::directory().await?;
    let (tenant, runtime) = config::council(&directory, &args.council).await?;
    if args.dry_run {
        let found = runtime
            .store()
            .find_personal(tenant, args.matching.trim())
            .await?;
        for value in &found {
            say!(
                "would erase the value committed to as {} (position {}, {})",
                value.commitment,
                value.position,
                value.stream.as_str()
            );
        }
        say!("{} personal value(s) match; nothing erased", found.len());
        return Ok(if found.is_empty() {
            Outcome::NothingMatched
        } else {
            Outcome::Erased
        });
    }
    let envelope = Envelope::new(tenant, actor, Uuid::now_v7());
    match runtime
        .erase_personal_data(&envelope, args.matching.trim(), reason)
        .await
    {
        Ok(erasure) => {
            say!(
                "erased {} personal value(s) from {} record(s) at position {}: {}",
                erasure.values,
                erasure.records.len(),
                erasure.executed.committed.last_position,
                erasure.records.join(", ")
            );
            Ok(Outcome::Erased)
        }
        Err(RuntimeError::Command(AppError::Domain(refused)))
            if refused.kind() == ErrorKind::NotFound =>
        {
            say!(
                "nothing erased: no personal value contains {:?}",
                args.matching
            );
            Ok(Outcome::NothingMatched)
        }
        Err(error) => Err(error.into()),
    }
}
