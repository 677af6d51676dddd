//! Noninterference: two decisions that differ only in withheld values look the same to the
//! public, byte for byte, whatever happened to them since.
//!
//! Every public read (detail, node, list rows, their filters, sort keys, search text and cursors)
//! is computed from the public view alone: the read models store the public view as the public
//! row's document and derive its filter, sort and search columns from it. So a public view that
//! cannot tell two such decisions apart leaves no public read that can. This property drives both
//! decisions through the same commands, field by field and step by step, and compares their public
//! views as JSON; `services/gateway/tests/noninterference.rs` checks the reads themselves over
//! GraphQL on both backends.

#![allow(clippy::unwrap_used, missing_docs)]

use chrono::NaiveDate;
use civic_domain::council::CountedFrom;
use civic_domain::decision::{CallInMembers, CallInOutcome, DecisionCommand, DecisionField};
use civic_domain::values::{BodyId, DecisionId, LongText, Name, Reason, Title};
use civic_domain::{Command, Council, Decision, Event, council_from_history, decide};
use civic_eventstore::TenantId;
use civic_projections::DecisionView;
use civic_testkit::withheld::{WITHHOLDABLE, council_commands, record};
use proptest::prelude::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

const TODAY: (i32, u32, u32) = (2010, 12, 31);

fn text(s: &str) -> LongText {
    LongText::parse(s).unwrap()
}

fn name(s: &str) -> Name {
    Name::parse(s).unwrap()
}

/// A council with a cabinet and a committee, counting call-in from publication or decision.
fn council(counted_from: CountedFrom, bodies: [BodyId; 2]) -> Council {
    let mut history: Vec<Event> = Vec::new();
    for command in council_commands(counted_from, bodies) {
        let decided = decide(&Command::Council(command), None, &history, today()).unwrap();
        history.extend(decided.events);
    }
    council_from_history(&history).unwrap()
}

fn today() -> NaiveDate {
    d(TODAY.0, TODAY.1, TODAY.2)
}

/// What a clerk does to a decision after recording it; each step carries the values of both
/// variants where they may differ.
#[derive(Debug, Clone)]
enum Step {
    Publish { day: u32, explicit: bool },
    CallIn,
    ResolveCallIn { referred: bool },
    TakeEffect { day: u32 },
    Implement,
    Withdraw,
    Correct { salt: u8, also_public: bool },
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (11u32..14, any::<bool>()).prop_map(|(day, explicit)| Step::Publish { day, explicit }),
        Just(Step::CallIn),
        any::<bool>().prop_map(|referred| Step::ResolveCallIn { referred }),
        (12u32..30).prop_map(|day| Step::TakeEffect { day }),
        Just(Step::Implement),
        Just(Step::Withdraw),
        (any::<u8>(), any::<bool>())
            .prop_map(|(salt, also_public)| Step::Correct { salt, also_public }),
    ]
}

fn command(
    step: &Step,
    withheld: &[DecisionField],
    variant: usize,
    bodies: [BodyId; 2],
) -> DecisionCommand {
    match step {
        Step::Publish { day, explicit } => DecisionCommand::Publish {
            publication_date: d(2010, 6, *day),
            call_in_deadline: explicit.then(|| d(2010, 6, 18)),
            call_in_deadline_time: None,
            effective_from: explicit.then(|| d(2010, 6, 19)),
            override_reason: None,
        },
        Step::CallIn => DecisionCommand::CallIn {
            members: CallInMembers::parse(vec![name("Cllr Garland"), name("Cllr Wilson")]).unwrap(),
            reason: Reason::parse("Not consulted").unwrap(),
            date: d(2010, 6, 15),
            suspends: true,
        },
        Step::ResolveCallIn { referred } => DecisionCommand::ResolveCallIn {
            outcome: if *referred {
                CallInOutcome::ReferredBackToDecisionMaker
            } else {
                CallInOutcome::NoFurtherAction
            },
            date: d(2010, 6, 24),
        },
        Step::TakeEffect { day } => DecisionCommand::TakeEffect {
            on: d(2010, 6, *day),
        },
        Step::Implement => DecisionCommand::Implement {
            on: d(2010, 7, 1),
            note: None,
        },
        Step::Withdraw => DecisionCommand::Withdraw {
            reason: Reason::parse("Superseded").unwrap(),
        },
        Step::Correct { salt, also_public } => {
            let mut details = record(withheld, variant, *salt, bodies);
            if *also_public {
                details.title = Title::parse("Corrected title").unwrap();
                if withheld.contains(&DecisionField::Title) {
                    // The title is withheld: correct a public field instead.
                    details.consultees = Some(text("Everyone"));
                }
            }
            DecisionCommand::Correct {
                details,
                reason: Reason::parse("Typing error").unwrap(),
            }
        }
    }
}

/// One variant's decision stream, driven command by command.
struct Stream {
    council: Council,
    history: Vec<Event>,
}

impl Stream {
    fn try_command(&mut self, id: DecisionId, command: DecisionCommand) -> bool {
        let command = Command::Decision {
            decision: id,
            command,
        };
        match decide(&command, Some(&self.council), &self.history, today()) {
            Ok(decided) => {
                self.history.extend(decided.events);
                true
            }
            Err(_) => false,
        }
    }

    fn public_json(&self, tenant: TenantId) -> String {
        let decision = Decision::from_history(&self.history).unwrap();
        let view = DecisionView::from_decision(tenant, &decision, self.history.len() as u64);
        serde_json::to_string(&view.public()).unwrap()
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn decisions_differing_only_in_withheld_values_look_the_same_to_the_public(
        withheld in proptest::sample::subsequence(WITHHOLDABLE.to_vec(), 1..=4),
        counted_from in prop_oneof![Just(CountedFrom::Publication), Just(CountedFrom::Decision)],
        steps in proptest::collection::vec(step(), 0..6),
    ) {
        let bodies = [BodyId::from_uuid(uuid::Uuid::from_u128(10)), BodyId::from_uuid(uuid::Uuid::from_u128(11))];
        let council = council(counted_from, bodies);
        let tenant = TenantId::from_uuid(uuid::Uuid::from_u128(7));
        let id = DecisionId::from_uuid(uuid::Uuid::from_u128(8));
        let mut streams = [0, 1].map(|_| Stream { council: council.clone(), history: Vec::new() });
        for (variant, stream) in streams.iter_mut().enumerate() {
            let recorded = stream.try_command(id, DecisionCommand::Record { details: record(&withheld, variant, 0, bodies) });
            prop_assume!(recorded);
        }
        prop_assert_eq!(streams[0].public_json(tenant), streams[1].public_json(tenant));
        for step in &steps {
            let accepted: Vec<bool> = streams
                .iter_mut()
                .enumerate()
                .map(|(variant, stream)| stream.try_command(id, command(step, &withheld, variant, bodies)))
                .collect();
            if accepted[0] != accepted[1] {
                // The clerk was told different things; the public was told nothing yet.
                break;
            }
            let (a, b) = (streams[0].public_json(tenant), streams[1].public_json(tenant));
            prop_assert_eq!(a, b, "after {:?} with {:?} withheld", step, withheld);
        }
    }
}
