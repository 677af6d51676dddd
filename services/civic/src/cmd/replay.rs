//! `civic replay`: rebuild one council's read models from its log; with `--check`, rebuild them
//! beside the live ones, report every difference, and leave the live ones as they were.
//!
//! The rebuild folds the whole log into a new generation of read models beside the live one and
//! switches to it in one transaction, so a running server keeps answering throughout.

use civic_eventstore::EventStore as _;

use crate::config;

/// Options of `civic replay`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The council (slug) whose read models to rebuild.
    #[arg(long)]
    council: String,
    /// Only compare: rebuild beside the live read models, report any difference (exit status 1
    /// if there is one), and drop the rebuild.
    #[arg(long)]
    check: bool,
}

/// Whether the replay found the read models as the log says.
pub enum Outcome {
    /// Rebuilt, or checked and identical.
    Done,
    /// Checked, and the live read models differ from the log's.
    Differs,
}

/// How many differing rows to print at most.
const SHOWN: usize = 20;
/// How many leading columns of a differing row to print.
const SHOWN_COLUMNS: usize = 8;

pub async fn run(args: Args) -> anyhow::Result<Outcome> {
    let directory = config::directory().await?;
    let (tenant, runtime) = config::council(&directory, &args.council).await?;
    let events = runtime.store().head(tenant).await?.position;
    if args.check {
        let found = runtime.projector().check_rebuild(tenant).await?;
        say!(
            "checked council {} (tenant {tenant}): read models rebuilt from its log, {events} \
             events, up to position {}, beside the live ones: {} rows compared, {} differ",
            args.council,
            found.position,
            found.rows,
            found.differences.len()
        );
        for difference in found.differences.iter().take(SHOWN) {
            // The leading columns (the row's key and first values), each cut short: enough to
            // find the row, not a dump of its documents.
            let show = |row: &Option<Vec<Option<String>>>| match row {
                None => "(missing)".to_owned(),
                Some(columns) => columns
                    .iter()
                    .take(SHOWN_COLUMNS)
                    .map(|c| {
                        let text = c.as_deref().unwrap_or("NULL");
                        let short: String = text.chars().take(60).collect();
                        if short.len() < text.len() {
                            format!("{short}…")
                        } else {
                            short
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(" | "),
            };
            say!("{}: live {}", difference.table, show(&difference.live));
            say!(
                "{}: from the log {}",
                difference.table,
                show(&difference.rebuilt)
            );
        }
        return Ok(if found.differences.is_empty() {
            Outcome::Done
        } else {
            Outcome::Differs
        });
    }
    let generation = runtime.projector().rebuild(tenant).await?;
    let position = runtime.read_models().checkpoint(tenant).await?;
    say!(
        "replayed council {} (tenant {tenant}): read models rebuilt from its log, {events} \
         events, up to position {position} (read-model generation {generation})",
        args.council
    );
    Ok(Outcome::Done)
}
