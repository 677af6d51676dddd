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
}
