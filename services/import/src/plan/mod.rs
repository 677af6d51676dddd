//! From a page's records to the commands a clerk would have run: each record typed against the
//! council (its bodies, wards and status labels), then compared with what the register already
//! holds for it. Pure: the runner ([`crate::run`]) reads the register and runs what this says.
//!
//! - A record the register lacks becomes one step: record, publish, take effect, note source.
//! - A record whose page reads as it did is left alone (nothing appended).
//! - A record whose page changed, or that another page shows too, has what the page states laid
//!   over it: a correction "re-imported from source: fields X, Y changed" when that changes the
//!   record, and the page noted as a source either way.
//!
//! Modules: [`council`] (bodies and wards by name), [`values`] (field text typed), [`decision`]
//! and [`meeting`] (typing each kind of record), [`overlay`] (a page over a record held).

pub mod council;
pub mod decision;
pub mod forward_plan;
pub mod meeting;
pub mod overlay;
pub mod values;

use std::collections::BTreeSet;

use chrono::NaiveDate;
use civic_domain::decision::DecisionField;
use civic_domain::forward_plan::NoticeKind;
use civic_domain::provenance::{Provenance, SourceField};
use civic_domain::values::{LongText, Name, Reason, Sha256Digest, SourceLocation};
use civic_domain::{
    Command, CommandSequence, Council, Decision, DecisionCommand, DomainError, Event,
    ForwardPlanCommand, ForwardPlanEntry, Meeting, MeetingCommand, decide,
};
use sha2::{Digest, Sha256};

use crate::page::{Field, RawRecord, RecordKind};
pub use council::Addition;
use council::CouncilNames;
use decision::TypedDecision;
use forward_plan::TypedEntry;
use meeting::TypedMeeting;

/// The page a record is read from.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    /// The path the page was read from.
    pub path: &'a str,
    /// The page's own address, when it says it.
    pub page_url: Option<&'a str>,
    /// SHA-256 of the page's bytes, in hex.
    pub sha256: &'a str,
}

/// Why a record was not imported. The rest of the page still is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// A field the law requires is not on the page.
    #[error("no {} on the page", .0.words())]
    Missing(Field),
    /// A field the record needs could not be read.
    #[error("{field} cannot be read: {why}", field = .0.words(), why = .1)]
    Invalid(Field, String),
    /// The register refused the record.
    #[error("the register refused it: {0}")]
    Domain(String),
}

/// A value the importer could not type: it stays in the record's source as given, and the
/// typed field stays not stated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Note {
    /// The field.
    pub field: Field,
    /// Why it could not be typed.
    pub why: &'static str,
}

/// One record, typed: the council additions it needs and what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Typed {
    /// Bodies and wards to add to the council first.
    pub additions: Vec<Addition>,
    /// The record.
    pub record: TypedRecord,
    /// What it said, field by field, and where.
    pub provenance: Provenance,
    /// Values that could not be typed.
    pub notes: Vec<Note>,
    /// The record fields the page states (decisions): what it lays over a record held already.
    pub stated: BTreeSet<DecisionField>,
    /// The page fields it shows (forward-plan entries lay these over an entry held).
    pub page_fields: BTreeSet<Field>,
}

/// A typed record of either kind.
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(
    clippy::large_enum_variant,
    reason = "one short-lived value per record, matched by shape; boxing would only obscure it"
)]
pub enum TypedRecord {
    /// A decision.
    Decision(TypedDecision),
    /// A meeting.
    Meeting(TypedMeeting),
    /// A forward-plan entry.
    ForwardPlanEntry(TypedEntry),
}

impl TypedRecord {
    /// The record's stream id, as a UUID (for command ids).
    pub fn uuid(&self) -> uuid::Uuid {
        match self {
            TypedRecord::Decision(d) => d.id.as_uuid(),
            TypedRecord::Meeting(m) => m.id.as_uuid(),
            TypedRecord::ForwardPlanEntry(e) => e.id.as_uuid(),
        }
    }

    /// The stream the record's commands are for.
    pub fn stream(&self) -> civic_domain::StreamId {
        match self {
            TypedRecord::Decision(d) => civic_domain::StreamId::decision(d.id),
            TypedRecord::Meeting(m) => civic_domain::StreamId::meeting(m.id),
            TypedRecord::ForwardPlanEntry(e) => civic_domain::StreamId::forward_plan(e.id),
        }
    }
}

/// Types one record of a page against `council`.
pub fn type_record(
    record: &RawRecord,
    source: &Source<'_>,
    council: &Council,
    ids: &crate::ids::Ids,
) -> Result<Typed, Refusal> {
    let mut names = CouncilNames::new(council, *ids);
    let mut notes = Vec::new();
    let typed = match record.kind {
        RecordKind::Decision => TypedRecord::Decision(decision::type_decision(
            record, source, &mut names, ids, &mut notes,
        )?),
        RecordKind::Meeting => TypedRecord::Meeting(meeting::type_meeting(
            record, source, &mut names, ids, &mut notes,
        )?),
        RecordKind::ForwardPlanEntry => TypedRecord::ForwardPlanEntry(forward_plan::type_entry(
            record, source, &mut names, ids, &mut notes,
        )?),
    };
    Ok(Typed {
        additions: names.additions,
        record: typed,
        provenance: provenance(record, source)?,
        notes,
        stated: overlay::stated_decision_fields(record),
        page_fields: record.fields.iter().map(|f| f.field).collect(),
    })
}

/// The meeting a decision page says the decision was taken at ("Decided at meeting: 19/10/2015 -
/// Policy Committee", linked to the meeting's page), as a record of its own: a clerk recording
/// the decision records the meeting it was taken at, and the decision's `meeting` is that record.
/// `None` when the page does not link the meeting or its line gives no day and body.
pub fn meeting_of(
    record: &RawRecord,
    source: &Source<'_>,
    council: &Council,
    ids: &crate::ids::Ids,
) -> Option<Typed> {
    use crate::page::{LinkKind, RawField};
    let link = record.links.iter().find(|l| l.kind == LinkKind::Meeting)?;
    let decided = record.fields.iter().find(|f| f.field == Field::DecidedAt)?;
    let (day, body) = decided.text.split_once(" - ")?;
    let field = |field, text: &str| RawField {
        field,
        label: decided.label.clone(),
        text: text.trim().to_owned(),
    };
    let meeting = RawRecord {
        kind: RecordKind::Meeting,
        system_id: Some(link.system_id.clone()),
        url: None,
        fields: vec![
            field(Field::Committee, body),
            field(Field::MeetingDateTime, day),
        ],
        documents: Vec::new(),
        links: Vec::new(),
    };
    type_record(&meeting, source, council, ids).ok()
}

/// What identifies a record across imports: its id in the publishing system, else its own page,
/// else its title and day (a page saved without its address, a list row without a link).
pub fn identity(record: &RawRecord, source: &Source<'_>, day: NaiveDate) -> String {
    if let Some(id) = &record.system_id {
        return format!("system/{}", id.trim());
    }
    if let Some(url) = record.url.as_deref().or(source.page_url) {
        return format!("url/{}", url.trim());
    }
    let title = record
        .get(Field::Title)
        .or_else(|| record.get(Field::Committee))
        .unwrap_or_default();
    format!("title/{}/{day}", council::fold(title))
}

/// The record's provenance: the page's address (or the path it was read from), its digest, and
/// every field as given.
fn provenance(record: &RawRecord, source: &Source<'_>) -> Result<Provenance, Refusal> {
    let bad = |what: &str, e: civic_domain::values::ValueError| {
        Refusal::Invalid(Field::Title, format!("{what}: {e}"))
    };
    // The page read, not the record's own page: a list row and its details page are two
    // readings of one record.
    let location = source.page_url.unwrap_or(source.path);
    Ok(Provenance {
        location: SourceLocation::parse(location).map_err(|e| bad("the page's location", e))?,
        sha256: Sha256Digest::parse(source.sha256).map_err(|e| bad("the page's digest", e))?,
        fields: record
            .fields
            .iter()
            .filter_map(|f| {
                let field = Name::parse(f.field.words()).ok()?;
                Some(SourceField {
                    label: Name::parse(&f.label).unwrap_or_else(|_| field.clone()),
                    field,
                    text: Some(LongText::parse(&f.text).ok()?),
                })
            })
            .collect(),
    })
}

/// What an import does with one typed record, given the register's stream for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// The register holds this page's reading of it already: nothing to append.
    Unchanged,
    /// New to the register: record it (and publish, take effect), noting its source.
    New(CommandSequence),
    /// Held already, and this page says something new of it: what the page states is laid over
    /// the record (a correction, when that changes it), and the page is noted as a source.
    Changed {
        /// The commands.
        sequence: CommandSequence,
        /// The fields whose text is new, in the register's words.
        fields: Vec<String>,
        /// Whether the record itself changed (a correction), rather than only its sources.
        corrects: bool,
    },
}

/// The step for `typed` when its stream holds `history`, checked against the domain's rules on
/// `today` before anything is sent.
pub fn step(
    typed: &Typed,
    council: &Council,
    history: &[Event],
    today: NaiveDate,
) -> Result<Step, Refusal> {
    let reading = &typed.provenance;
    let held = match &typed.record {
        TypedRecord::Decision(_) => Decision::from_history(history).map(|d| d.sources().to_vec()),
        TypedRecord::Meeting(_) => Meeting::from_history(history).map(|m| m.sources().to_vec()),
        TypedRecord::ForwardPlanEntry(_) => {
            ForwardPlanEntry::from_history(history).map(|e| e.sources().to_vec())
        }
    };
    let Some(sources) = held else {
        let sequence = sequence(first_commands(typed, today))?;
        dry_run(sequence.commands().to_vec(), council, history, today)
            .map_err(|e| Refusal::Domain(e.to_string()))?;
        return Ok(Step::New(sequence));
    };
    let same_page = sources.iter().find(|s| s.location == reading.location);
    if same_page.is_some_and(|s| s.fields == reading.fields) {
        return Ok(Step::Unchanged);
    }
    let fields = changed_fields(reading, &sources);
    let reason = if fields.is_empty() {
        "re-imported from source".to_owned()
    } else {
        format!(
            "re-imported from source: fields {} changed",
            fields.join(", ")
        )
    };
    let reason = Reason::parse(&reason).map_err(|e| Refusal::Domain(e.to_string()))?;
    let later = later_commands(typed, history, today);
    let mut commands = vec![correction(typed, history, reason)];
    commands.extend(later.iter().cloned());
    let corrects = match dry_run(commands.clone(), council, history, today) {
        // Nothing this page states differs from the record: only its source is new.
        Err(DomainError::Decision(civic_domain::decision::DecisionError::NothingToCorrect))
        | Err(DomainError::Meeting(civic_domain::meeting::MeetingError::NothingToCorrect))
        | Err(DomainError::ForwardPlan(
            civic_domain::forward_plan::ForwardPlanError::NothingToCorrect,
        )) => {
            commands = later;
            dry_run(commands.clone(), council, history, today)
                .map_err(|e| Refusal::Domain(e.to_string()))?;
            false
        }
        Err(e) => return Err(Refusal::Domain(e.to_string())),
        Ok(()) => true,
    };
    Ok(Step::Changed {
        sequence: sequence(commands)?,
        fields,
        corrects,
    })
}

/// The text `reading` gives `field`, if it gives it.
fn given<'a>(reading: &'a Provenance, field: &str) -> Option<&'a str> {
    reading
        .fields
        .iter()
        .find(|f| f.field.as_str() == field)
        .and_then(|f| f.text.as_ref().map(LongText::as_str))
}

/// The fields of `reading` whose text differs from what the record's sources said (the same
/// page's last reading first, then the latest other page that gave the field), and those the
/// same page gave before and no longer does.
fn changed_fields(reading: &Provenance, sources: &[Provenance]) -> Vec<String> {
    let same_page = sources.iter().find(|s| s.location == reading.location);
    let earlier_text = |field: &str| -> Option<&str> {
        same_page
            .and_then(|s| given(s, field))
            .or_else(|| sources.iter().rev().find_map(|s| given(s, field)))
    };
    let mut changed: Vec<String> = Vec::new();
    for field in &reading.fields {
        let name = field.field.as_str();
        let text = field.text.as_ref().map(LongText::as_str);
        if earlier_text(name) != text && !changed.iter().any(|c| c == name) {
            changed.push(name.to_owned());
        }
    }
    if let Some(earlier) = same_page {
        for field in &earlier.fields {
            let name = field.field.as_str();
            let still = reading.fields.iter().any(|f| f.field.as_str() == name);
            if !still && !changed.iter().any(|c| c == name) {
                changed.push(name.to_owned());
            }
        }
    }
    changed
}

fn sequence(commands: Vec<Command>) -> Result<CommandSequence, Refusal> {
    CommandSequence::new(commands).map_err(|e| Refusal::Domain(e.to_string()))
}

fn dry_run(
    commands: Vec<Command>,
    council: &Council,
    history: &[Event],
    today: NaiveDate,
) -> Result<(), DomainError> {
    let sequence = CommandSequence::new(commands).map_err(|_| DomainError::CouncilNotRegistered)?;
    decide(&Command::Sequence(sequence), Some(council), history, today).map(|_| ())
}

/// What a clerk would have run for a record new to the register.
fn first_commands(typed: &Typed, today: NaiveDate) -> Vec<Command> {
    let mut commands = vec![match &typed.record {
        TypedRecord::Decision(d) => Command::Decision {
            decision: d.id,
            command: DecisionCommand::Record {
                details: d.details.clone(),
            },
        },
        TypedRecord::Meeting(m) => Command::Meeting {
            meeting: m.id,
            command: MeetingCommand::Record {
                details: m.details.clone(),
            },
        },
        TypedRecord::ForwardPlanEntry(e) => Command::ForwardPlan {
            entry: e.id,
            command: ForwardPlanCommand::Enter {
                details: e.details.clone(),
                date_due: e.date_due,
                notice_date: e.notice_date,
                notice: NoticeKind::Standard,
                status: e.status,
                status_label: e.status_label.clone(),
                plans: Vec::new(),
            },
        },
    }];
    if let TypedRecord::Decision(d) = &typed.record {
        commands.extend(lifecycle(d, None, today));
    }
    commands.push(note_source(typed));
    commands
}

/// For a record already held: the lifecycle steps the page shows that the register lacks, and
/// the page noted as a source.
fn later_commands(typed: &Typed, history: &[Event], today: NaiveDate) -> Vec<Command> {
    let mut commands = Vec::new();
    match &typed.record {
        TypedRecord::Decision(d) => {
            commands.extend(lifecycle(
                d,
                Decision::from_history(history).as_ref(),
                today,
            ));
        }
        TypedRecord::ForwardPlanEntry(e) => {
            if let Some(held) = ForwardPlanEntry::from_history(history) {
                commands.extend(entry_changes(e, &held));
            }
        }
        TypedRecord::Meeting(_) => {}
    }
    commands.push(note_source(typed));
    commands
}

/// A forward-plan page showing a new date due or status: rescheduled or moved on, as a clerk
/// would record it (an entry already closed keeps its status; the page is still noted).
fn entry_changes(e: &TypedEntry, held: &ForwardPlanEntry) -> Vec<Command> {
    let run = |command| Command::ForwardPlan {
        entry: e.id,
        command,
    };
    let mut commands = Vec::new();
    if let Some(date_due) = e.date_due
        && held.date_due() != Some(date_due)
        && held.status().is_open()
        && let Ok(reason) = Reason::parse("re-imported from source: date due changed")
    {
        commands.push(run(ForwardPlanCommand::Reschedule { date_due, reason }));
    }
    if let Some(status) = e.status
        && (status != held.status() || e.status_label.as_ref() != held.status_label())
        && held.status().is_open()
    {
        commands.push(run(ForwardPlanCommand::ChangeStatus {
            status,
            label: e.status_label.clone(),
            on: None,
            reason: None,
        }));
    }
    commands
}

/// Publication and taking effect as the page states them, where the register has neither: a
/// decision still made (not deferred, withdrawn...) and never published.
fn lifecycle(d: &TypedDecision, held: Option<&Decision>, today: NaiveDate) -> Vec<Command> {
    let open = held.is_none_or(|h| {
        h.status() == civic_domain::decision::DecisionStatus::Made && h.publication().is_none()
    });
    if !open {
        return Vec::new();
    }
    let run = |command| Command::Decision {
        decision: d.id,
        command,
    };
    let mut commands = Vec::new();
    if let Some(p) = d.publication {
        commands.push(run(DecisionCommand::Publish {
            publication_date: p.date,
            call_in_deadline: p.call_in_deadline,
            call_in_deadline_time: None,
            effective_from: p.effective_from,
            override_reason: None,
        }));
        if let Some(on) = p.effective_from.filter(|on| *on <= today) {
            commands.push(run(DecisionCommand::TakeEffect { on }));
        }
    } else if let Some(on) = d.took_effect.filter(|on| *on <= today) {
        commands.push(run(DecisionCommand::TakeEffect { on }));
    }
    commands
}

/// The record as the register holds it with what the page states laid over it.
fn correction(typed: &Typed, history: &[Event], reason: Reason) -> Command {
    match &typed.record {
        TypedRecord::Decision(d) => {
            let details = match Decision::from_history(history) {
                Some(held) => overlay::overlay_decision(
                    held.details().clone().into(),
                    d.details.clone(),
                    &typed.stated,
                ),
                None => d.details.clone(),
            };
            Command::Decision {
                decision: d.id,
                command: DecisionCommand::Correct { details, reason },
            }
        }
        TypedRecord::ForwardPlanEntry(e) => {
            let details = match ForwardPlanEntry::from_history(history) {
                Some(held) => overlay::overlay_entry(
                    held.details().clone().into(),
                    e.details.clone(),
                    &typed.page_fields,
                ),
                None => e.details.clone(),
            };
            Command::ForwardPlan {
                entry: e.id,
                command: ForwardPlanCommand::Correct { details, reason },
            }
        }
        TypedRecord::Meeting(m) => {
            let details = match Meeting::from_history(history) {
                Some(held) => {
                    overlay::overlay_meeting(held.details().clone().into(), m.details.clone())
                }
                None => m.details.clone(),
            };
            Command::Meeting {
                meeting: m.id,
                command: MeetingCommand::Correct { details, reason },
            }
        }
    }
}

fn note_source(typed: &Typed) -> Command {
    let provenance = typed.provenance.clone();
    match &typed.record {
        TypedRecord::Decision(d) => Command::Decision {
            decision: d.id,
            command: DecisionCommand::NoteSource { provenance },
        },
        TypedRecord::Meeting(m) => Command::Meeting {
            meeting: m.id,
            command: MeetingCommand::NoteSource { provenance },
        },
        TypedRecord::ForwardPlanEntry(e) => Command::ForwardPlan {
            entry: e.id,
            command: ForwardPlanCommand::NoteSource { provenance },
        },
    }
}

/// A digest of what a record's source said, field by field (not where it was read from): two
/// readings with the same digest are the same reading.
pub fn reading_digest(provenance: &Provenance) -> String {
    let mut hasher = Sha256::new();
    for field in &provenance.fields {
        for part in [
            field.field.as_str(),
            field.label.as_str(),
            field.text.as_ref().map_or("", LongText::as_str),
        ] {
            hasher.update((part.len() as u64).to_be_bytes());
            hasher.update(part.as_bytes());
        }
    }
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
