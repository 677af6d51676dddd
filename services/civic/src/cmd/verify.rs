//! `civic verify --council SLUG [--checkpoint FILE]`: recomputes every event's hash and Merkle
//! leaf from the log, the tree's root, and, given a checkpoint kept earlier, that today's log
//! still has that checkpoint's root at its size. Exits 1 naming the first bad position, or the
//! checkpoint the log no longer extends.

use anyhow::{Context as _, bail};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use civic_eventstore::export::verify_log;
use civic_eventstore::merkle;

use crate::config;

/// Options of `civic verify`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The council (slug) whose log to verify.
    #[arg(long)]
    council: String,
    /// A checkpoint kept earlier (the text `civic verify` prints: origin, size, base64 root):
    /// the log must still hold that many events with that root.
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
    let runtime = config::runtime().await?;
    let Some(tenant) = runtime.read_models().tenant_for_slug(&args.council).await? else {
        bail!("no council with slug {:?}", args.council);
    };
    let kept = match &args.checkpoint {
        Some(path) => Some(Checkpoint::parse(
            &std::fs::read_to_string(path)
                .with_context(|| format!("read the checkpoint {}", path.display()))?,
        )?),
        None => None,
    };
    let verified = match verify_log(runtime.store(), tenant).await? {
        Ok(verified) => verified,
        Err(broken) => {
            println!("broken: {broken}");
            return Ok(Outcome::Failed);
        }
    };
    let root = merkle::root(&verified.leaves);
    if let Some(kept) = kept {
        let held = verified.leaves.len() as u64;
        if kept.size > held {
            println!(
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
            println!(
                "broken: the first {} events no longer have the root of the checkpoint kept \
                 ({}): the history before position {} was rewritten",
                kept.size,
                STANDARD.encode(kept.root),
                kept.size + 1
            );
            return Ok(Outcome::Failed);
        }
        println!(
            "the log extends the checkpoint kept (size {}, origin {})",
            kept.size, kept.origin
        );
    }
    println!(
        "ok: {} events, chain head {}, root {}",
        verified.size,
        verified.head,
        STANDARD.encode(root)
    );
    println!("checkpoint to keep:");
    print!(
        "{}",
        Checkpoint {
            origin: origin(&args.council),
            size: verified.size,
            root,
        }
        .body()
    );
    Ok(Outcome::Verified)
}

/// The checkpoint origin of a council's log: names the platform and the council.
fn origin(slug: &str) -> String {
    format!("civic-register/councils/{slug}")
}

/// A checkpoint's body in the C2SP tlog-checkpoint form: origin, tree size, base64 root, a line
/// each. Signature lines after a blank line are not read here.
struct Checkpoint {
    origin: String,
    size: u64,
    root: merkle::Hash,
}

impl Checkpoint {
    fn parse(text: &str) -> anyhow::Result<Self> {
        let mut lines = text.lines();
        let (Some(origin), Some(size), Some(root)) = (lines.next(), lines.next(), lines.next())
        else {
            bail!("a checkpoint has three lines: origin, tree size, base64 root hash");
        };
        let size: u64 = size
            .trim()
            .parse()
            .with_context(|| format!("the checkpoint's size {size:?} is not a number"))?;
        let root: merkle::Hash = STANDARD
            .decode(root.trim())
            .ok()
            .and_then(|bytes| bytes.try_into().ok())
            .with_context(|| format!("the checkpoint's root {root:?} is not a base64 SHA-256"))?;
        Ok(Self {
            origin: origin.trim().to_owned(),
            size,
            root,
        })
    }

    fn body(&self) -> String {
        format!(
            "{}\n{}\n{}\n",
            self.origin,
            self.size,
            STANDARD.encode(self.root)
        )
    }
}
