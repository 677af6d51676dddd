//! What the runtime counts for `/metrics`: every command it runs, by the kind of record it is for
//! and how it ended, and the events appended. Counted where commands run
//! ([`crate::Runtime::run_without_catching_up`]), so the gateway, the importer and the demo are
//! all counted the same way.

use civic_app::{AppError, Executed};
use civic_domain::Command;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::registry::Registry;

use crate::error::RuntimeError;

/// The runtime's counters. Cheap to clone: clones count into the same values.
#[derive(Debug, Clone, Default)]
pub struct CommandMetrics {
    commands: Family<CommandLabels, Counter>,
    events: Counter,
}

/// A command's labels: `record` (council, decision, forward_plan, strategy, meeting) and
/// `outcome`.
#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct CommandLabels {
    record: &'static str,
    outcome: &'static str,
}

impl CommandMetrics {
    /// Adds the counters to `registry` (as `civic_commands_total` and
    /// `civic_events_appended_total`).
    pub fn register(&self, registry: &mut Registry) {
        registry.register(
            "civic_commands",
            "Commands run, by kind of record and outcome: appended, replayed (a retry with the \
             same command id), conflict (the stream moved), refused (a rule or input), failed",
            self.commands.clone(),
        );
        registry.register(
            "civic_events_appended",
            "Events appended to councils' logs",
            self.events.clone(),
        );
    }

    /// Counts one command and what it appended; returns the outcome counted.
    pub(crate) fn count(
        &self,
        command: &Command,
        result: &Result<Executed, RuntimeError>,
    ) -> &'static str {
        let outcome = match result {
            Ok(executed) if executed.replayed => "replayed",
            Ok(executed) => {
                let committed = &executed.committed;
                self.events
                    .inc_by(committed.last_position + 1 - committed.first_position);
                "appended"
            }
            Err(RuntimeError::Command(AppError::Conflict { .. })) => "conflict",
            Err(RuntimeError::Command(
                AppError::Domain(_) | AppError::NoChange | AppError::CommandIdReused { .. },
            )) => "refused",
            Err(_) => "failed",
        };
        let labels = CommandLabels {
            record: record_kind(command),
            outcome,
        };
        self.commands.get_or_create(&labels).inc();
        outcome
    }
}

/// The kind of record a command is for.
pub(crate) fn record_kind(command: &Command) -> &'static str {
    match command {
        Command::Council(_) => "council",
        Command::ForwardPlan { .. } => "forward_plan",
        Command::Decision { .. } => "decision",
        Command::Strategy { .. } => "strategy",
        Command::Meeting { .. } => "meeting",
        // A sequence is for one stream: the kind of its commands.
        Command::Sequence(sequence) => sequence.commands().first().map_or("sequence", record_kind),
    }
}
