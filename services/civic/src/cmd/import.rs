//! `civic import --council SLUG PATH...`: saved ModernGov and CMIS pages (HTML, or their text
//! renderings) brought into a council's register, idempotently. A summary at the end; a
//! progress bar on a terminal; exit status 1 when any page or record did not come in.

use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use civic_eventstore::Actor;
use civic_import::{Importer, Progress};
use indicatif::{ProgressBar, ProgressStyle};

use crate::config;

/// Options of `civic import`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The council (slug) whose register receives the records. The demo council is loaded
    /// first if it is named and not there yet.
    #[arg(long)]
    council: String,
    /// Saved pages, or directories of them (read recursively: .html, .htm, .aspx, .txt).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
}

/// Whether every page and record came in.
pub enum Outcome {
    /// Everything came in.
    Complete,
    /// Something did not: the summary says what.
    Incomplete,
}

pub async fn run(args: Args) -> anyhow::Result<Outcome> {
    let directory = config::directory().await?;
    let mut tenant = directory.tenant_for_slug(&args.council).await?;
    if tenant.is_none() && args.council == civic_runtime::DEMO_SLUG {
        tenant = Some(directory.home().ensure_demo().await?.tenant());
    }
    let Some(tenant) = tenant else {
        bail!("no council with slug {:?}", args.council);
    };
    let runtime = directory.runtime_of(tenant).await?;
    let actor = Actor::parse("import:civic-cli").context("the importer's actor")?;
    let importer = Importer::new(runtime, tenant, actor);
    let progress = Bar::for_terminal();
    let report = importer.import_paths(&args.paths, &progress).await?;
    progress.finish();
    say!("{report}");
    Ok(if report.complete() {
        Outcome::Complete
    } else {
        Outcome::Incomplete
    })
}

/// A progress bar on standard error when it is a terminal; nothing otherwise, so logs and
/// pipes get only the summary.
struct Bar(Option<ProgressBar>);

impl Bar {
    fn for_terminal() -> Self {
        Self(std::io::stderr().is_terminal().then(ProgressBar::hidden))
    }

    fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

impl Progress for Bar {
    fn start(&self, total: usize) {
        if let Some(bar) = &self.0 {
            bar.set_length(total as u64);
            bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
            if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} pages {msg}") {
                bar.set_style(style);
            }
        }
    }

    fn page_done(&self, path: &Path) {
        if let Some(bar) = &self.0 {
            bar.set_message(
                path.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
            );
            bar.inc(1);
        }
    }
}
