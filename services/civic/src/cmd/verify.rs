//! `civic verify --council SLUG [--checkpoint FILE]`: recomputes every event's hash and Merkle
//! leaf from the log, the tree's root, and, given a checkpoint kept earlier, that today's log
//! still has that checkpoint's root at its size. Exits 1 naming the first bad position, or the
//! checkpoint the log no longer extends.

use anyhow::{Context as _, bail};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use civic_eventstore::checkpoint::{Checkpoint, council_origin, verify_note};
use civic_eventstore::export::{first_unmatched_personal, verify_log};
use civic_eventstore::merkle;

use crate::config;

/// Options of `civic verify`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The council (slug) whose log to verify.
    #[arg(long)]
    council: String,
    /// A checkpoint kept earlier: the body `civic verify` prints (origin, size, base64 root), or
    /// a signed note from `/councils/{slug}/log/checkpoint`, whose signature is checked. The
    /// log must still hold that many events with that root.
    #[arg(long)]
    checkpoint: Option<std::path::PathBuf>,
}

/// Whether the log verified.
pub enum Outcome {
    /// Every check passed.
    Verified,
    /// A check failed; what failed was printed.
    Failed,
}

pub async fn run(args: Args) -> anyhow::Result<Outcome> {
    let directory = config::directory().await?;
    let (tenant, runtime) = config::council(&directory, &args.council).await?;
    let kept = match &args.checkpoint {
        Some(path) => Some(read_checkpoint(
            &std::fs::read_to_string(path)
                .with_context(|| format!("read the checkpoint {}", path.display()))?,
            &config::database_url().0,
        )?),
        None => None,
    };
    let verified = match verify_log(runtime.store(), tenant).await? {
        Ok(verified) => verified,
        Err(broken) => {
            say!("broken: {broken}");
            return Ok(Outcome::Failed);
        }
    };
    if let Some((position, commitment)) = first_unmatched_personal(runtime.store(), tenant).await? {
        say!(
            "broken at position {position}: the personal value committed to as {commitment} no \
             longer matches its commitment (changed beside the log)"
        );
        return Ok(Outcome::Failed);
    }
    let root = merkle::root(&verified.leaves);
    if let Some(kept) = kept {
        let held = verified.leaves.len() as u64;
        if kept.size > held {
            say!(
                "broken at position {}: the log holds {held} events, fewer than the {} of the \
                 checkpoint kept: events were removed",
                held + 1,
                kept.size
            );
            return Ok(Outcome::Failed);
        }
        let size = usize::try_from(kept.size).context("checkpoint size")?;
        let then = merkle::root(&verified.leaves[..size]);
        if then != kept.root {
            say!(
                "broken: the first {} events no longer have the root of the checkpoint kept \
                 ({}): the history before position {} was rewritten",
                kept.size,
                STANDARD.encode(kept.root),
                kept.size + 1
            );
            return Ok(Outcome::Failed);
        }
        say!(
            "the log extends the checkpoint kept (size {}, origin {})",
            kept.size,
            kept.origin
        );
    }
    say!(
        "ok: {} events, chain head {}, root {}",
        verified.size,
        verified.head,
        STANDARD.encode(root)
    );
    say!("checkpoint to keep:");
    let checkpoint = Checkpoint {
        origin: council_origin(&args.council),
        size: verified.size,
        root,
    };
    // The body ends with its own line feed.
    say!("{}", checkpoint.body().trim_end());
    Ok(Outcome::Verified)
}

/// The checkpoint in `text`: a signed note is checked against the platform's key (when this
/// database has one); a bare body (origin, size, root) is taken as it is.
fn read_checkpoint(text: &str, database_url: &str) -> anyhow::Result<Checkpoint> {
    let signed = text.contains("\n\n\u{2014} ");
    let key = config::log_key::log_key(database_url)?;
    match (signed, key) {
        (true, Some(key)) => Ok(verify_note(text, &key.verifier_key())
            .context("the checkpoint kept is not signed by this platform's key")?),
        (true, None) => bail!(
            "the checkpoint kept is signed, but this database has no checkpoint key to check it \
             with (CIVIC_LOG_KEY)"
        ),
        (false, _) => Ok(Checkpoint::parse(text)?),
    }
}
