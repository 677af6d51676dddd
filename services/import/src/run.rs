//! Running an import: pages read from files, each record typed and compared with the register,
//! and the resulting steps run through the application runtime, one record at a time.
//!
//! Nothing is half-written: a record's commands run as one sequence, appended together or not at
//! all. Ids and command ids are derived from the page, so running again appends nothing and two
//! runs at once append each record once.

use std::path::{Path, PathBuf};

use civic_app::AppError;
use civic_domain::{Command, Council};
use civic_eventstore::{Actor, TenantId};
use civic_runtime::{Envelope, Runtime, RuntimeError};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::ids::Ids;
use crate::page::RawRecord;
use crate::plan::{self, Refusal, Source, Step, Typed};
use crate::read::read_page;
use crate::report::{Problem, Report};

/// The file names a directory walk reads: saved pages and their text renderings.
const PAGE_EXTENSIONS: [&str; 6] = ["html", "htm", "xhtml", "aspx", "txt", "text"];

/// Told of each page as it is done, for a progress bar.
pub trait Progress {
    /// `total` pages will be read.
    fn start(&self, total: usize);
    /// One more page is done.
    fn page_done(&self, path: &Path);
}

/// No progress shown.
#[derive(Debug, Clone, Copy, Default)]
pub struct Quiet;

impl Progress for Quiet {
    fn start(&self, _: usize) {}
    fn page_done(&self, _: &Path) {}
}

/// Imports pages into one council's register.
#[derive(Debug)]
pub struct Importer<'a> {
    runtime: &'a Runtime,
    tenant: TenantId,
    actor: Actor,
    ids: Ids,
    run_id: Uuid,
}

impl<'a> Importer<'a> {
    /// An importer into `tenant`'s register, as `actor`.
    pub fn new(runtime: &'a Runtime, tenant: TenantId, actor: Actor) -> Self {
        Self {
            runtime,
            tenant,
            actor,
            ids: Ids::for_tenant(tenant.as_uuid()),
            run_id: Uuid::now_v7(),
        }
    }

    /// Imports every page under `paths` (files, or directories walked for saved pages), then
    /// brings the read models up to date. Errs only when the database fails; everything about
    /// the pages themselves is in the report.
    pub async fn import_paths(
        &self,
        paths: &[PathBuf],
        progress: &dyn Progress,
    ) -> Result<Report, RuntimeError> {
        let mut report = Report::default();
        let mut files = Vec::new();
        for path in paths {
            if let Err(error) = collect(path, &mut files) {
                report.unreadable += 1;
                report.problems.push(Problem {
                    file: path.display().to_string(),
                    record: None,
                    reason: error.to_string(),
                });
            }
        }
        progress.start(files.len());
        for file in &files {
            match std::fs::read(file) {
                Ok(bytes) => {
                    // The absolute path, so a page saved without its address is the same source
                    // however the run names it.
                    let name = std::fs::canonicalize(file)
                        .unwrap_or_else(|_| file.clone())
                        .display()
                        .to_string();
                    self.import_page(&name, &bytes, &mut report).await?;
                }
                Err(error) => {
                    report.unreadable += 1;
                    report.problems.push(Problem {
                        file: file.display().to_string(),
                        record: None,
                        reason: format!("cannot be read: {error}"),
                    });
                }
            }
            progress.page_done(file);
        }
        self.runtime.catch_up(self.tenant).await?;
        Ok(report)
    }

    /// Imports one page's bytes, read from `path`, adding what happened to `report`. The read
    /// models are not caught up: [`Importer::import_paths`] does that once at the end.
    pub async fn import_page(
        &self,
        path: &str,
        bytes: &[u8],
        report: &mut Report,
    ) -> Result<(), RuntimeError> {
        let file_name = Path::new(path)
            .file_name()
            .map_or(path.to_owned(), |n| n.to_string_lossy().into_owned());
        let page = match read_page(bytes, &file_name) {
            Ok(page) => page,
            Err(error) => {
                report.unreadable += 1;
                report.problems.push(Problem {
                    file: path.to_owned(),
                    record: None,
                    reason: error.to_string(),
                });
                return Ok(());
            }
        };
        report.pages_read += 1;
        let sha256 = hex(&Sha256::digest(bytes));
        let source = Source {
            path,
            page_url: page.url.as_deref(),
            sha256: &sha256,
        };
        for (index, record) in page.records.iter().enumerate() {
            if let Err(refusal) = self.import_record(record, &source, report).await? {
                report.refused += 1;
                report.problems.push(Problem {
                    file: path.to_owned(),
                    record: Some(describe(record, index)),
                    reason: refusal.to_string(),
                });
            }
        }
        Ok(())
    }

    /// Imports one record: the council additions it needs, then its step. The outer error is
    /// the database's; the inner one the record's refusal.
    async fn import_record(
        &self,
        record: &RawRecord,
        source: &Source<'_>,
        report: &mut Report,
    ) -> Result<Result<(), Refusal>, RuntimeError> {
        let council = self.council().await?;
        let typed = match plan::type_record(record, source, &council, &self.ids) {
            Ok(typed) => typed,
            Err(refusal) => return Ok(Err(refusal)),
        };
        // The meeting it was taken at first, so the record's link to it resolves. Adding a body
        // both name is one command (its id comes from the name), so the second adds nothing.
        // The council read above serves both: whatever the record needs added is among its own
        // additions, after which `import_typed` reads the council again.
        if let Some(meeting) = plan::meeting_of(record, source, &council, &self.ids)
            && let Err(refusal) = self.import_typed(&meeting, council.clone(), report).await?
        {
            return Ok(Err(refusal));
        }
        self.import_typed(&typed, council, report).await
    }

    /// Runs one typed record: the council additions it needs, then its step.
    async fn import_typed(
        &self,
        typed: &Typed,
        council: Council,
        report: &mut Report,
    ) -> Result<Result<(), Refusal>, RuntimeError> {
        for addition in &typed.additions {
            let envelope = self.envelope(addition.command_id);
            let command = Command::Council(addition.command.clone());
            match self
                .runtime
                .run_without_catching_up(&envelope, &command)
                .await
            {
                Ok(executed) if !executed.replayed => report.council_additions += 1,
                Ok(_) => {}
                Err(error) => return refused_or_fatal(error),
            }
        }
        let council = if typed.additions.is_empty() {
            council
        } else {
            self.council().await?
        };
        self.run_step(typed, &council, report).await
    }

    async fn run_step(
        &self,
        typed: &Typed,
        council: &Council,
        report: &mut Report,
    ) -> Result<Result<(), Refusal>, RuntimeError> {
        let stream = typed.record.stream();
        let (history, version) = self.runtime.stream(self.tenant, &stream).await?;
        let today = self.runtime.clock().today();
        let step = match plan::step(typed, council, &history, today) {
            Ok(step) => step,
            Err(refusal) => return Ok(Err(refusal)),
        };
        let (sequence, outcome) = match step {
            Step::Unchanged => {
                report.unchanged += 1;
                return Ok(Ok(()));
            }
            Step::New(sequence) => (sequence, Counted::Imported),
            Step::Changed {
                sequence, corrects, ..
            } => (
                sequence,
                if corrects {
                    Counted::Corrected
                } else {
                    Counted::Noted
                },
            ),
        };
        let reading = plan::reading_digest(&typed.provenance);
        let command_id = self
            .ids
            .record_command(typed.record.uuid(), version, &reading);
        let envelope = self.envelope(command_id);
        let command = Command::Sequence(sequence);
        match self
            .runtime
            .run_without_catching_up(&envelope, &command)
            .await
        {
            // Another import of the same page got there first: nothing new was appended.
            Ok(executed) if executed.replayed => report.unchanged += 1,
            Ok(executed) => {
                match outcome {
                    Counted::Imported => report.imported += 1,
                    Counted::Corrected => report.corrected += 1,
                    Counted::Noted => report.noted += 1,
                }
                for warning in &executed.warnings {
                    report.warn(&warning_kind(warning));
                }
                for note in &typed.notes {
                    report.warn(&format!(
                        "unread_{}",
                        note.field.words().replace([' ', '-'], "_")
                    ));
                }
            }
            Err(error) => return refused_or_fatal(error),
        }
        Ok(Ok(()))
    }

    async fn council(&self) -> Result<Council, RuntimeError> {
        self.runtime
            .council(self.tenant)
            .await?
            .ok_or(RuntimeError::Command(AppError::Domain(
                civic_domain::DomainError::CouncilNotRegistered,
            )))
    }

    fn envelope(&self, command_id: Uuid) -> Envelope {
        Envelope::new(self.tenant, self.actor.clone(), command_id).correlated_with(self.run_id)
    }
}

/// Which count a record's step adds to.
enum Counted {
    Imported,
    Corrected,
    Noted,
}

/// A refusal of the record's commands is the record's problem; a failing database is the run's.
fn refused_or_fatal(error: RuntimeError) -> Result<Result<(), Refusal>, RuntimeError> {
    match error {
        RuntimeError::Command(
            error @ (AppError::Domain(_)
            | AppError::Conflict { .. }
            | AppError::CommandIdReused { .. }
            | AppError::NoChange
            | AppError::Encode(_)),
        ) => Ok(Err(Refusal::Domain(error.to_string()))),
        other => Err(other),
    }
}

/// The kind of a domain warning, as its serialised tag ("status_label_not_mapped").
fn warning_kind(warning: &civic_domain::Warning) -> String {
    serde_json::to_value(warning)
        .ok()
        .and_then(|v| v.get("kind").and_then(|k| k.as_str()).map(str::to_owned))
        .unwrap_or_else(|| "other".to_owned())
}

/// How a report names a record: its title (or committee), else its place on the page.
fn describe(record: &RawRecord, index: usize) -> String {
    use crate::page::Field;
    record
        .get(Field::Title)
        .or_else(|| record.get(Field::Committee))
        .map_or_else(|| format!("record {}", index + 1), |t| format!("{t:?}"))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The pages under `path`: the file itself, or a directory's saved pages (recursively, in name
/// order, hidden entries skipped).
fn collect(path: &Path, files: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if !path.is_dir() {
        std::fs::metadata(path)?;
        files.push(path.to_owned());
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(path)?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    entries.sort();
    for entry in entries {
        let hidden = entry
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden {
            continue;
        }
        if entry.is_dir() {
            collect(&entry, files)?;
        } else if entry
            .extension()
            .is_some_and(|e| PAGE_EXTENSIONS.contains(&e.to_string_lossy().to_lowercase().as_str()))
        {
            files.push(entry);
        }
    }
    Ok(())
}
