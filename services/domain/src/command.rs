//! The entry point the application layer calls: one [`Command`] type over
//! every aggregate, and [`decide`].

use crate::council::{Council, CouncilCommand};
use crate::decision::{Decision, DecisionCommand};
use crate::error::DomainError;
use crate::event::Event;
use crate::forward_plan::{ForwardPlanCommand, ForwardPlanEntry};
use crate::meeting::{Meeting, MeetingCommand};
use crate::strategy::{StrategyCommand, StrategyDocument};
use crate::stream::StreamId;
use crate::values::{DecisionId, ForwardPlanEntryId, MeetingId, StrategyDocumentId};
use crate::warning::Warning;
use chrono::NaiveDate;

/// A command for one aggregate of one council.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[allow(
    clippy::large_enum_variant,
    reason = "short-lived values matched by shape; boxing would only obscure the public API"
)]
pub enum Command {
    /// For the council stream.
    Council(CouncilCommand),
    /// For a forward-plan entry.
    ForwardPlan {
        /// The entry.
        entry: ForwardPlanEntryId,
        /// What to do.
        command: ForwardPlanCommand,
    },
    /// For a decision.
    Decision {
        /// The decision.
        decision: DecisionId,
        /// What to do.
        command: DecisionCommand,
    },
    /// For a strategy document.
    Strategy {
        /// The document.
        document: StrategyDocumentId,
        /// What to do.
        command: StrategyCommand,
    },
    /// For a meeting.
    Meeting {
        /// The meeting.
        meeting: MeetingId,
        /// What to do.
        command: MeetingCommand,
    },
    /// Several commands for one stream as one step: what a clerk would have run for one record
    /// (record, publish, take effect, note the source), decided in turn and appended together or
    /// not at all.
    Sequence(CommandSequence),
}

/// Commands for one stream, in order. Built by [`CommandSequence::new`], so it is never empty,
/// never nested, and never spans streams.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CommandSequence(Vec<Command>);

/// Why commands cannot form a [`CommandSequence`]: a bug in the caller, not in its input.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SequenceError {
    /// No commands.
    #[error("a command sequence needs at least one command")]
    Empty,
    /// A sequence inside a sequence.
    #[error("a command sequence cannot hold another")]
    Nested,
    /// Commands for different streams.
    #[error("a command sequence is for one stream, not {0} and {1}")]
    StreamsDiffer(String, String),
}

impl CommandSequence {
    /// The commands, if they are one or more, none a sequence, all for the same stream.
    pub fn new(commands: Vec<Command>) -> Result<Self, SequenceError> {
        let first = commands.first().ok_or(SequenceError::Empty)?;
        if commands.iter().any(|c| matches!(c, Command::Sequence(_))) {
            return Err(SequenceError::Nested);
        }
        let stream = first.stream_id();
        if let Some(other) = commands.iter().find(|c| c.stream_id() != stream) {
            return Err(SequenceError::StreamsDiffer(
                stream.as_str().to_owned(),
                other.stream_id().as_str().to_owned(),
            ));
        }
        Ok(Self(commands))
    }

    /// The commands, in order.
    pub fn commands(&self) -> &[Command] {
        &self.0
    }
}

impl Command {
    /// The stream whose history `decide` needs and whose events it emits.
    pub fn stream_id(&self) -> StreamId {
        match self {
            Command::Council(_) => StreamId::council(),
            Command::ForwardPlan { entry, .. } => StreamId::forward_plan(*entry),
            Command::Decision { decision, .. } => StreamId::decision(*decision),
            Command::Strategy { document, .. } => StreamId::strategy(*document),
            Command::Meeting { meeting, .. } => StreamId::meeting(*meeting),
            Command::Sequence(sequence) => sequence
                .commands()
                .first()
                .map_or_else(StreamId::council, Command::stream_id),
        }
    }
}

/// What an accepted command produced: the events to append (in order) and
/// warnings to show the person who issued it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Decided {
    /// Events to append to the command's stream.
    pub events: Vec<Event>,
    /// Unusual things noticed; they did not stop the command.
    pub warnings: Vec<Warning>,
}

impl Decided {
    /// Events with no warnings.
    pub fn from_events(events: Vec<Event>) -> Self {
        Self {
            events,
            warnings: Vec::new(),
        }
    }
}

/// Folds the council stream; `None` if it was never registered.
pub fn council_from_history(events: &[Event]) -> Option<Council> {
    Council::from_history(events)
}

/// Decides a command. `council` is the folded council (`None` is only valid
/// for [`CouncilCommand::Register`]); `history` the decoded events of the
/// command's own stream; `today` the UK date now. Pure: the same inputs
/// always give the same result.
///
/// For council commands the council is folded from `history` (the council
/// stream itself), and `council` is ignored.
pub fn decide(
    command: &Command,
    council: Option<&Council>,
    history: &[Event],
    today: NaiveDate,
) -> Result<Decided, DomainError> {
    match command {
        Command::Council(c) => Ok(Council::handle(Council::from_history(history).as_ref(), c)?),
        Command::ForwardPlan { entry, command } => {
            let council = council.ok_or(DomainError::CouncilNotRegistered)?;
            let state = ForwardPlanEntry::from_history(history);
            Ok(ForwardPlanEntry::handle(
                state.as_ref(),
                *entry,
                command,
                council,
                today,
            )?)
        }
        Command::Decision { decision, command } => {
            let council = council.ok_or(DomainError::CouncilNotRegistered)?;
            let state = Decision::from_history(history);
            Ok(Decision::handle(
                state.as_ref(),
                *decision,
                command,
                council,
                today,
            )?)
        }
        Command::Strategy { document, command } => {
            council.ok_or(DomainError::CouncilNotRegistered)?;
            let state = StrategyDocument::from_history(history);
            Ok(StrategyDocument::handle(
                state.as_ref(),
                *document,
                command,
            )?)
        }
        Command::Meeting { meeting, command } => {
            let council = council.ok_or(DomainError::CouncilNotRegistered)?;
            let state = Meeting::from_history(history);
            Ok(Meeting::handle(
                state.as_ref(),
                *meeting,
                command,
                council,
                today,
            )?)
        }
        Command::Sequence(sequence) => {
            // Each command is decided on the stream as the ones before it leave it.
            let mut history = history.to_vec();
            let mut decided = Decided::default();
            for command in sequence.commands() {
                let step = decide(command, council, &history, today)?;
                history.extend(step.events.iter().cloned());
                decided.events.extend(step.events);
                decided.warnings.extend(step.warnings);
            }
            Ok(decided)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::council::{CouncilEvent, CouncilKind};
    use crate::error::ErrorKind;
    use crate::nation::Nation;
    use crate::strategy::StrategyPeriod;
    use crate::testing::*;
    use crate::values::{Slug, Title};

    #[test]
    fn each_command_names_its_stream() {
        let decision = DecisionId::new();
        let entry = ForwardPlanEntryId::new();
        let document = StrategyDocumentId::new();
        assert_eq!(
            Command::Council(CouncilCommand::Rename { name: name("X") })
                .stream_id()
                .as_str(),
            "council"
        );
        assert_eq!(
            Command::Decision {
                decision,
                command: DecisionCommand::Resume
            }
            .stream_id()
            .as_str(),
            format!("decision/{decision}")
        );
        assert_eq!(
            Command::ForwardPlan {
                entry,
                command: ForwardPlanCommand::Withdraw {
                    reason: reason("x")
                }
            }
            .stream_id()
            .as_str(),
            format!("forward-plan/{entry}")
        );
        assert_eq!(
            Command::Strategy {
                document,
                command: StrategyCommand::Create {
                    title: Title::parse("ICT Strategy").unwrap(),
                    period: Some(StrategyPeriod::parse(2010, 2013, true).unwrap().into()),
                    status: None,
                    status_label: None,
                }
            }
            .stream_id()
            .as_str(),
            format!("strategy/{document}")
        );
    }

    #[test]
    fn registering_needs_no_council_and_emits_council_registered() {
        let cmd = Command::Council(CouncilCommand::Register {
            slug: Slug::parse("kent").unwrap(),
            name: name("Kent County Council"),
            kind: CouncilKind::County,
            nation: Nation::England,
        });
        let decided = decide(&cmd, None, &[], d(2010, 1, 1)).unwrap();
        assert!(matches!(
            decided.events[..],
            [Event::Council(CouncilEvent::Registered(_))]
        ));
        let council = council_from_history(&decided.events).unwrap();
        assert_eq!(council.slug().as_str(), "kent");
    }

    #[test]
    fn other_council_commands_before_registration_are_not_found() {
        let cmd = Command::Council(CouncilCommand::Rename { name: name("X") });
        let err = decide(&cmd, None, &[], d(2010, 1, 1)).unwrap_err();
        assert_eq!(
            err,
            DomainError::Council(crate::council::CouncilError::NotRegistered)
        );
        assert_eq!(err.kind(), ErrorKind::NotFound);
    }

    #[test]
    fn aggregate_commands_without_a_council_are_refused() {
        let document = StrategyDocumentId::new();
        let cmd = Command::Strategy {
            document,
            command: StrategyCommand::Create {
                title: Title::parse("ICT Strategy").unwrap(),
                period: Some(StrategyPeriod::parse(2010, 2013, true).unwrap().into()),
                status: None,
                status_label: None,
            },
        };
        assert_eq!(
            decide(&cmd, None, &[], d(2010, 1, 1)),
            Err(DomainError::CouncilNotRegistered)
        );
        let f = fixture();
        assert!(decide(&cmd, Some(&f.council), &[], d(2010, 1, 1)).is_ok());
    }

    #[test]
    fn decide_routes_decision_commands_and_folds_their_history() {
        let f = fixture();
        let decision = DecisionId::new();
        let record = Command::Decision {
            decision,
            command: DecisionCommand::Record {
                details: details(&f).into(),
            },
        };
        let decided = decide(&record, Some(&f.council), &[], d(2010, 12, 31)).unwrap();
        let again =
            decide(&record, Some(&f.council), &decided.events, d(2010, 12, 31)).unwrap_err();
        assert_eq!(
            again,
            DomainError::Decision(crate::decision::DecisionError::AlreadyRecorded)
        );
        assert_eq!(again.kind(), ErrorKind::AlreadyExists);
    }

    fn publish(decision: DecisionId, on: NaiveDate) -> Command {
        Command::Decision {
            decision,
            command: DecisionCommand::Publish {
                publication_date: on,
                call_in_deadline: None,
                call_in_deadline_time: None,
                effective_from: None,
                override_reason: None,
            },
        }
    }

    #[test]
    fn a_sequence_decides_each_command_on_the_state_the_ones_before_leave() {
        let f = fixture();
        let decision = DecisionId::new();
        let record = Command::Decision {
            decision,
            command: DecisionCommand::Record {
                details: details(&f).into(),
            },
        };
        let sequence =
            CommandSequence::new(vec![record.clone(), publish(decision, d(2010, 6, 11))]).unwrap();
        let command = Command::Sequence(sequence);
        assert_eq!(command.stream_id(), StreamId::decision(decision));
        let decided = decide(&command, Some(&f.council), &[], d(2010, 12, 31)).unwrap();
        let types: Vec<_> = decided.events.iter().map(Event::event_type).collect();
        assert_eq!(types, ["DecisionRecorded", "DecisionPublished"]);
        // One refused step refuses the whole sequence: nothing is half-decided.
        let twice =
            Command::Sequence(CommandSequence::new(vec![record.clone(), record.clone()]).unwrap());
        assert!(decide(&twice, Some(&f.council), &[], d(2010, 12, 31)).is_err());
    }

    #[test]
    fn a_sequence_is_one_or_more_commands_of_one_stream() {
        let one = Command::Decision {
            decision: DecisionId::new(),
            command: DecisionCommand::Resume,
        };
        let other = Command::Decision {
            decision: DecisionId::new(),
            command: DecisionCommand::Resume,
        };
        assert_eq!(CommandSequence::new(vec![]), Err(SequenceError::Empty));
        assert!(matches!(
            CommandSequence::new(vec![one.clone(), other]),
            Err(SequenceError::StreamsDiffer(..))
        ));
        let inner = Command::Sequence(CommandSequence::new(vec![one.clone()]).unwrap());
        assert_eq!(
            CommandSequence::new(vec![one, inner]),
            Err(SequenceError::Nested)
        );
    }
}
