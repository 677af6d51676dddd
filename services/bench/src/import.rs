//! `civic-bench import`: the importer against PostgreSQL's bulk load.
//!
//! Writes `--decisions` decision-details pages (text renderings shaped like the example page,
//! each with its own title, dates and ModernGov id) to a temporary directory, imports them into
//! a fresh council through [`civic_import::Importer`] (read, typed, decided, appended, noted,
//! read models caught up: both phases timed), then COPYs the rows the import stored (the council's events) into a
//! plain table of the same columns. `ratio` = import rate / COPY rate, both in decisions per
//! second.

use std::path::Path;
use std::time::Instant;

use anyhow::{Context as _, bail};
use civic_domain::CouncilCommand;
use civic_domain::council::CouncilKind;
use civic_domain::nation::Nation;
use civic_domain::values::{Name, Slug};
use civic_eventstore::Actor;
use civic_import::Importer;
use civic_runtime::Runtime;
use futures_util::TryStreamExt as _;

use crate::scratch_db::{ScratchDb, Server};

/// Options of `civic-bench import`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    server: Server,
    /// Decision pages to import.
    #[arg(long, default_value_t = 10_000)]
    decisions: usize,
}

pub async fn run(args: Args) -> anyhow::Result<()> {
    if !args.server.database_url.starts_with("postgres") {
        bail!("civic-bench import measures PostgreSQL; DATABASE_URL must be postgres://");
    }
    if args.decisions == 0 {
        bail!("--decisions must be at least 1");
    }
    let scratch = ScratchDb::create(&args.server.database_url).await?;
    let result = measure(&scratch, &args).await;
    scratch.drop_now().await?;
    result
}

async fn measure(scratch: &ScratchDb, args: &Args) -> anyhow::Result<()> {
    let pages = tempfile::tempdir().context("a directory for the pages")?;
    write_pages(pages.path(), args.decisions)?;
    let runtime = Runtime::connect(&scratch.url(), 8).await?;
    let registration = CouncilCommand::Register {
        slug: Slug::parse("bench")?,
        name: Name::parse("Benchmark Borough Council")?,
        kind: CouncilKind::District,
        nation: Nation::England,
    };
    let admin = Actor::parse("admin:bench")?;
    let (tenant, _) = runtime
        .register_council(admin, uuid::Uuid::now_v7(), registration)
        .await?;
    let importer = Importer::new(&runtime, tenant, Actor::parse("import:bench")?);

    // What `Importer::import_paths` does, in its two phases, so each is timed: every page read,
    // typed, decided and appended (durably, a record at a time); then the read models caught up.
    let mut files: Vec<_> = std::fs::read_dir(pages.path())?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    files.sort();
    let started = Instant::now();
    let mut report = civic_import::Report::default();
    for file in &files {
        let bytes = std::fs::read(file)?;
        importer
            .import_page(&file.display().to_string(), &bytes, &mut report)
            .await?;
    }
    let append_seconds = started.elapsed().as_secs_f64();
    runtime.catch_up(tenant).await?;
    let import_seconds = started.elapsed().as_secs_f64();
    if report.imported != args.decisions || !report.complete() {
        bail!("the import did not take every page: {report}");
    }
    println!("imported: {report}");
    println!(
        "appended in {append_seconds:.2}s ({:.0} decisions/s), read models caught up in {:.2}s",
        args.decisions as f64 / append_seconds,
        import_seconds - append_seconds
    );

    let pool = scratch.pool(1).await?;
    let mut conn = pool.acquire().await?;
    let chunks: Vec<_> = conn
        .copy_out_raw(&format!(
            "COPY (SELECT * FROM events WHERE tenant_id = '{tenant}') TO STDOUT"
        ))
        .await?
        .try_collect()
        .await?;
    let rows: usize = chunks
        .iter()
        .map(|c| c.iter().filter(|b| **b == b'\n').count())
        .sum();
    sqlx::query("CREATE TABLE plain_rows (LIKE events INCLUDING DEFAULTS)")
        .execute(&mut *conn)
        .await?;
    sqlx::query("ALTER TABLE plain_rows ADD PRIMARY KEY (tenant_id, position)")
        .execute(&mut *conn)
        .await?;
    let started = Instant::now();
    let mut copy = conn.copy_in_raw("COPY plain_rows FROM STDIN").await?;
    for chunk in &chunks {
        copy.send(chunk.as_ref()).await?;
    }
    copy.finish().await?;
    let copy_seconds = started.elapsed().as_secs_f64();

    let import_rate = args.decisions as f64 / import_seconds;
    let copy_rate = args.decisions as f64 / copy_seconds;
    println!(
        "import: backend=postgres decisions={} events={rows} import_s={import_seconds:.2} \
         copy_s={copy_seconds:.3} import={import_rate:.0}/s copy={copy_rate:.0}/s ratio={:.3}",
        args.decisions,
        import_rate / copy_rate.max(f64::EPSILON),
    );
    Ok(())
}

/// `n` decision pages as a text-mode browser saves them: the example's shape, each its own
/// record (ModernGov id in the address line), dated across 2010.
fn write_pages(dir: &Path, n: usize) -> anyhow::Result<()> {
    let start = chrono::NaiveDate::from_ymd_opt(2010, 1, 4).context("a start date")?;
    for i in 0..n {
        let decided = start + chrono::Days::new((i % 300) as u64);
        let published = decided + chrono::Days::new(2);
        let effective = published + chrono::Days::new(8);
        let d = |day: chrono::NaiveDate| day.format("%d/%m/%Y").to_string();
        let page = format!(
            "Decision details\n\n\
             Information Strategy review {i}\n\n\
             Decision Maker: Cabinet.\n\n\
             Decision status: Recommendations Approved\n\n\
             Is Key decision?: No\n\n\
             Is subject to call in?: Yes\n\n\
             Purpose:\n\n\
             The annual review of the Council's Information Strategy, number {i}.\n\n\
             Decision:\n\n\
             1.  That the Information Strategy review {i} be approved.\n\n\
             2.  That it be noted that the strategy will be updated on an on-going basis.\n\n\
             Reasons for the decision:\n\n\
             Technology underpins the Council's priorities and core themes.\n\n\
             Wards Affected: (All Wards);\n\n\
             Contact: Email: clerk@example.gov.uk Tel: 01622 602068.\n\n\
             Publication date: {}\n\n\
             Date of decision: {}\n\n\
             Decided: {} - Cabinet.\n\n\
             Effective from: {}\n",
            d(published),
            d(decided),
            d(decided),
            d(effective),
        );
        std::fs::write(dir.join(format!("decision-{i:05}.txt")), page)?;
    }
    Ok(())
}
