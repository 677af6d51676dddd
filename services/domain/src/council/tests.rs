//! Given events, when a command, then events or an error.

use super::*;
use crate::testing::*;
use crate::values::Pence;

fn register() -> CouncilCommand {
    CouncilCommand::Register {
        slug: Slug::parse("maidstone").unwrap(),
        name: name("Maidstone Borough Council"),
        kind: CouncilKind::District,
        nation: Nation::England,
    }
}

fn when(history: &[Event], command: CouncilCommand) -> Result<Vec<CouncilEvent>, CouncilError> {
    let state = Council::from_history(history);
    let decided = Council::handle(state.as_ref(), &command)?;
    assert!(decided.warnings.is_empty());
    Ok(decided
        .events
        .into_iter()
        .map(|e| match e {
            Event::Council(c) => c,
            other => panic!("unexpected {other:?}"),
        })
        .collect())
}

#[test]
fn registering_seeds_the_usual_call_in_policy_and_status_labels() {
    let events = when(&[], register()).unwrap();
    assert_eq!(
        events,
        vec![CouncilEvent::Registered(CouncilRegistered {
            slug: Slug::parse("maidstone").unwrap(),
            name: name("Maidstone Borough Council"),
            kind: CouncilKind::District,
            nation: Nation::England,
            call_in_policy: CallInPolicy::default(),
            status_labels: default_status_labels(),
        })]
    );
}

#[test]
fn a_council_that_was_never_registered_folds_to_none() {
    assert_eq!(Council::from_history(&[]), None);
    assert_eq!(
        when(&[], CouncilCommand::Rename { name: name("X") }),
        Err(CouncilError::NotRegistered)
    );
}

#[test]
fn registering_twice_is_refused() {
    let f = fixture();
    assert_eq!(
        when(&f.history, register()),
        Err(CouncilError::AlreadyRegistered)
    );
}

#[test]
fn a_renamed_council_keeps_its_former_name() {
    let mut f = fixture();
    run_council(
        &mut f.history,
        CouncilCommand::Rename {
            name: name("Maidstone Council"),
        },
    );
    let c = Council::from_history(&f.history).unwrap();
    assert_eq!(c.name(), &name("Maidstone Council"));
    assert_eq!(c.former_names(), &[name("Maidstone Borough Council")]);
    assert_eq!(
        when(
            &f.history,
            CouncilCommand::Rename {
                name: name("Maidstone Council")
            }
        ),
        Err(CouncilError::NameUnchanged)
    );
}

#[test]
fn wards_are_added_renamed_and_retired_keeping_their_ids() {
    let mut f = fixture();
    run_council(
        &mut f.history,
        CouncilCommand::RenameWard {
            ward: f.ward_a,
            name: name("High Street North"),
        },
    );
    run_council(
        &mut f.history,
        CouncilCommand::RetireWard {
            ward: f.ward_b,
            on: d(2015, 5, 7),
        },
    );
    let c = Council::from_history(&f.history).unwrap();
    let a = c.ward(f.ward_a).unwrap();
    assert_eq!(a.name, name("High Street North"));
    assert_eq!(a.former_names, vec![name("High Street")]);
    let b = c.ward(f.ward_b).unwrap();
    assert!(b.is_active_on(d(2015, 5, 6)));
    assert!(!b.is_active_on(d(2015, 5, 7)));
    assert_eq!(c.wards().len(), 2);
}

#[test]
fn ward_rules_refuse_duplicates_unknowns_and_double_retirement() {
    let mut f = fixture();
    assert_eq!(
        when(
            &f.history,
            CouncilCommand::AddWard {
                ward: f.ward_a,
                name: name("New")
            }
        ),
        Err(CouncilError::WardAlreadyExists(f.ward_a))
    );
    assert_eq!(
        when(
            &f.history,
            CouncilCommand::AddWard {
                ward: WardId::new(),
                name: name("high street")
            }
        ),
        Err(CouncilError::WardNameTaken("high street".into()))
    );
    let unknown = WardId::new();
    assert_eq!(
        when(
            &f.history,
            CouncilCommand::RenameWard {
                ward: unknown,
                name: name("X")
            }
        ),
        Err(CouncilError::WardNotFound(unknown))
    );
    assert_eq!(
        when(
            &f.history,
            CouncilCommand::RenameWard {
                ward: f.ward_b,
                name: name("High Street")
            }
        ),
        Err(CouncilError::WardNameTaken("High Street".into()))
    );
    run_council(
        &mut f.history,
        CouncilCommand::RetireWard {
            ward: f.ward_a,
            on: d(2015, 5, 7),
        },
    );
    assert_eq!(
        when(
            &f.history,
            CouncilCommand::RetireWard {
                ward: f.ward_a,
                on: d(2016, 5, 7)
            }
        ),
        Err(CouncilError::WardAlreadyRetired(f.ward_a))
    );
    // The retired ward's name is free again.
    assert!(
        when(
            &f.history,
            CouncilCommand::AddWard {
                ward: WardId::new(),
                name: name("High Street")
            }
        )
        .is_ok()
    );
}

#[test]
fn bodies_are_added_renamed_and_retired_keeping_their_ids() {
    let mut f = fixture();
    run_council(
        &mut f.history,
        CouncilCommand::RenameBody {
            body: f.cabinet,
            name: name("Executive"),
        },
    );
    run_council(
        &mut f.history,
        CouncilCommand::RetireBody {
            body: f.committee,
            on: d(2012, 5, 1),
        },
    );
    let c = Council::from_history(&f.history).unwrap();
    let cabinet = c.body(f.cabinet).unwrap();
    assert_eq!(cabinet.name, name("Executive"));
    assert_eq!(cabinet.kind, BodyKind::Cabinet);
    assert_eq!(cabinet.former_names, vec![name("Cabinet")]);
    assert_eq!(c.body(f.committee).unwrap().retired_on, Some(d(2012, 5, 1)));
}

#[test]
fn body_rules_refuse_duplicates_unknowns_and_double_retirement() {
    let mut f = fixture();
    assert_eq!(
        when(
            &f.history,
            CouncilCommand::AddBody {
                body: f.cabinet,
                name: name("Other"),
                kind: BodyKind::Officer
            }
        ),
        Err(CouncilError::BodyAlreadyExists(f.cabinet))
    );
    assert_eq!(
        when(
            &f.history,
            CouncilCommand::AddBody {
                body: BodyId::new(),
                name: name("CABINET"),
                kind: BodyKind::Cabinet
            }
        ),
        Err(CouncilError::BodyNameTaken("CABINET".into()))
    );
    let unknown = BodyId::new();
    assert_eq!(
        when(
            &f.history,
            CouncilCommand::RetireBody {
                body: unknown,
                on: d(2012, 1, 1)
            }
        ),
        Err(CouncilError::BodyNotFound(unknown))
    );
    assert_eq!(
        when(
            &f.history,
            CouncilCommand::RenameBody {
                body: f.cabinet,
                name: name("Cabinet")
            }
        ),
        Err(CouncilError::NameUnchanged)
    );
    run_council(
        &mut f.history,
        CouncilCommand::RetireBody {
            body: f.cabinet,
            on: d(2012, 1, 1),
        },
    );
    assert_eq!(
        when(
            &f.history,
            CouncilCommand::RetireBody {
                body: f.cabinet,
                on: d(2013, 1, 1)
            }
        ),
        Err(CouncilError::BodyAlreadyRetired(f.cabinet))
    );
}

#[test]
fn key_decision_thresholds_are_set_in_pence_and_unchanged_settings_are_refused() {
    let mut f = fixture();
    let thresholds = KeyDecisionThresholds {
        spending: Pence::parse(25_000_000).unwrap(),
        savings: Pence::parse(25_000_000).unwrap(),
        significant_in_two_or_more_wards: true,
    };
    assert_eq!(f.council.key_decision_thresholds(), None);
    run_council(
        &mut f.history,
        CouncilCommand::SetKeyDecisionThresholds { thresholds },
    );
    assert_eq!(
        Council::from_history(&f.history)
            .unwrap()
            .key_decision_thresholds(),
        Some(&thresholds)
    );
    assert_eq!(
        when(
            &f.history,
            CouncilCommand::SetKeyDecisionThresholds { thresholds }
        ),
        Err(CouncilError::SettingUnchanged)
    );
}

#[test]
fn the_call_in_policy_can_be_changed_but_not_to_itself() {
    let mut f = fixture();
    assert_eq!(
        when(
            &f.history,
            CouncilCommand::SetCallInPolicy {
                policy: CallInPolicy::default()
            }
        ),
        Err(CouncilError::SettingUnchanged)
    );
    let policy = CallInPolicy::uniform(CallInRule::working_days(CallInPeriod::parse(3).unwrap()));
    run_council(
        &mut f.history,
        CouncilCommand::SetCallInPolicy {
            policy: policy.clone(),
        },
    );
    assert_eq!(
        Council::from_history(&f.history).unwrap().call_in_policy(),
        &policy
    );
}

#[test]
fn closure_days_are_added_removed_and_make_days_non_working() {
    let mut f = fixture();
    let day = d(2010, 12, 29);
    assert!(f.council.calendar().is_working_day(day).unwrap());
    run_council(
        &mut f.history,
        CouncilCommand::AddClosureDay {
            date: day,
            reason: Some(reason("Christmas closure")),
        },
    );
    let c = Council::from_history(&f.history).unwrap();
    assert!(!c.calendar().is_working_day(day).unwrap());
    assert_eq!(
        c.closure_days().get(&day),
        Some(&Some(reason("Christmas closure")))
    );
    assert_eq!(
        when(
            &f.history,
            CouncilCommand::AddClosureDay {
                date: day,
                reason: None
            }
        ),
        Err(CouncilError::ClosureDayAlreadyAdded(day))
    );
    run_council(
        &mut f.history,
        CouncilCommand::RemoveClosureDay { date: day },
    );
    assert!(
        Council::from_history(&f.history)
            .unwrap()
            .calendar()
            .is_working_day(day)
            .unwrap()
    );
    assert_eq!(
        when(&f.history, CouncilCommand::RemoveClosureDay { date: day }),
        Err(CouncilError::ClosureDayNotFound(day))
    );
}

#[test]
fn the_calendar_uses_the_nations_bank_holidays() {
    let f = fixture();
    // Spring bank holiday, England 2010.
    assert!(!f.council.calendar().is_working_day(d(2010, 5, 31)).unwrap());
    assert!(f.council.calendar().is_working_day(d(2010, 6, 1)).unwrap());
}

#[test]
fn status_labels_are_looked_up_ignoring_case_and_can_be_remapped_or_forgotten() {
    let mut f = fixture();
    let label = StatusLabel::parse("recommendations  approved").unwrap();
    assert_eq!(
        f.council.status_for_label(&label),
        Some(CanonicalStatus::Approved)
    );
    let resolved = StatusLabel::parse("Resolved").unwrap();
    assert_eq!(f.council.status_for_label(&resolved), None);
    run_council(
        &mut f.history,
        CouncilCommand::MapStatusLabel {
            label: resolved.clone(),
            status: CanonicalStatus::Approved,
        },
    );
    run_council(
        &mut f.history,
        CouncilCommand::MapStatusLabel {
            label: StatusLabel::parse("NOTED").unwrap(),
            status: CanonicalStatus::Approved,
        },
    );
    let c = Council::from_history(&f.history).unwrap();
    assert_eq!(
        c.status_for_label(&resolved),
        Some(CanonicalStatus::Approved)
    );
    assert_eq!(
        c.status_for_label(&StatusLabel::parse("Noted").unwrap()),
        Some(CanonicalStatus::Approved)
    );
    assert_eq!(c.status_labels().len(), 12);
    assert_eq!(
        when(
            &f.history,
            CouncilCommand::MapStatusLabel {
                label: resolved.clone(),
                status: CanonicalStatus::Approved
            }
        ),
        Err(CouncilError::StatusLabelAlreadyMapped(resolved.clone()))
    );
    run_council(
        &mut f.history,
        CouncilCommand::UnmapStatusLabel {
            label: resolved.clone(),
        },
    );
    assert_eq!(
        Council::from_history(&f.history)
            .unwrap()
            .status_for_label(&resolved),
        None
    );
    assert_eq!(
        when(
            &f.history,
            CouncilCommand::UnmapStatusLabel {
                label: resolved.clone()
            }
        ),
        Err(CouncilError::StatusLabelNotFound(resolved))
    );
}

#[test]
fn events_before_registration_are_ignored_by_the_fold() {
    let f = fixture();
    let mut history = f.history[1..].to_vec();
    assert_eq!(Council::from_history(&history), None);
    history.insert(0, f.history[0].clone());
    assert_eq!(Council::from_history(&history).unwrap().version(), 5);
}

#[test]
fn every_council_error_has_an_edge_kind() {
    use crate::error::ErrorKind;
    assert_eq!(CouncilError::NotRegistered.kind(), ErrorKind::NotFound);
    assert_eq!(
        CouncilError::AlreadyRegistered.kind(),
        ErrorKind::AlreadyExists
    );
    assert_eq!(
        CouncilError::WardAlreadyRetired(WardId::new()).kind(),
        ErrorKind::InvalidTransition
    );
    assert_eq!(CouncilError::NameUnchanged.kind(), ErrorKind::InvalidInput);
}
