//! Given events, when a command, then events or an error.

use super::*;
use crate::testing::*;

fn title(s: &str) -> Title {
    Title::parse(s).unwrap()
}

fn label(s: &str) -> VersionLabel {
    VersionLabel::parse(s).unwrap()
}

fn period(a: i32, b: i32) -> Option<StrategySpan> {
    Some(StrategySpan::Years(
        StrategyPeriod::parse(a, b, true).unwrap(),
    ))
}

struct Given {
    id: StrategyDocumentId,
    history: Vec<Event>,
}

impl Given {
    fn created() -> Self {
        let mut g = Given {
            id: StrategyDocumentId::new(),
            history: Vec::new(),
        };
        g.ok(StrategyCommand::Create {
            title: title("ICT Strategy"),
            period: period(2009, 2012),
            status: None,
            status_label: None,
        });
        g
    }

    fn when(&self, command: StrategyCommand) -> Result<Decided, StrategyError> {
        StrategyDocument::handle(
            StrategyDocument::from_history(&self.history).as_ref(),
            self.id,
            &command,
        )
    }

    fn ok(&mut self, command: StrategyCommand) {
        let decided = self.when(command).unwrap();
        self.history.extend(decided.events);
    }

    fn state(&self) -> StrategyDocument {
        StrategyDocument::from_history(&self.history).unwrap()
    }
}

#[test]
fn creating_a_strategy_records_its_title_and_period() {
    let g = Given::created();
    let s = g.state();
    assert_eq!(s.id(), g.id);
    assert_eq!(s.title(), &title("ICT Strategy"));
    assert_eq!(s.period(), period(2009, 2012));
    assert_eq!(
        g.when(StrategyCommand::Create {
            title: title("Again"),
            period: period(2009, 2012),
            status: None,
            status_label: None,
        }),
        Err(StrategyError::AlreadyCreated)
    );
}

#[test]
fn commands_on_a_strategy_that_does_not_exist_are_refused() {
    let g = Given {
        id: StrategyDocumentId::new(),
        history: Vec::new(),
    };
    assert_eq!(
        g.when(StrategyCommand::NoteVersion {
            label: label("v1"),
            decision: DecisionId::new()
        }),
        Err(StrategyError::NotFound)
    );
}

#[test]
fn a_rename_keeps_the_old_title_with_dates_and_the_noting_decision() {
    let mut g = Given::created();
    let decision = DecisionId::new();
    g.ok(StrategyCommand::Rename {
        title: title("Information Strategy"),
        on: d(2010, 6, 9),
        noted_by: Some(decision),
    });
    let s = g.state();
    assert_eq!(s.title(), &title("Information Strategy"));
    assert_eq!(s.titles().len(), 2);
    assert_eq!(s.titles()[1].noted_by, Some(decision));
    assert_eq!(s.title_on(d(2010, 6, 8)), &title("ICT Strategy"));
    assert_eq!(s.title_on(d(2010, 6, 9)), &title("Information Strategy"));
    assert_eq!(s.decisions(), vec![decision]);
}

#[test]
fn renaming_to_the_same_title_or_back_in_time_is_refused() {
    let mut g = Given::created();
    assert_eq!(
        g.when(StrategyCommand::Rename {
            title: title("ICT Strategy"),
            on: d(2010, 6, 9),
            noted_by: None
        }),
        Err(StrategyError::TitleUnchanged)
    );
    g.ok(StrategyCommand::Rename {
        title: title("Information Strategy"),
        on: d(2010, 6, 9),
        noted_by: None,
    });
    assert_eq!(
        g.when(StrategyCommand::Rename {
            title: title("Digital Strategy"),
            on: d(2010, 1, 1),
            noted_by: None
        }),
        Err(StrategyError::RenameOutOfOrder {
            on: d(2010, 1, 1),
            previous: d(2010, 6, 9)
        })
    );
}

#[test]
fn approving_a_new_version_supersedes_the_previous_approved_one() {
    let mut g = Given::created();
    let first = DecisionId::new();
    let second = DecisionId::new();
    g.ok(StrategyCommand::DraftVersion {
        label: label("2009-2012"),
        period: period(2009, 2012),
        review_date: None,
    });
    g.ok(StrategyCommand::ApproveVersion {
        label: label("2009-2012"),
        decision: first,
        on: d(2009, 6, 10),
    });
    g.ok(StrategyCommand::DraftVersion {
        label: label("2010-2013"),
        period: period(2010, 2013),
        review_date: Some(d(2010, 6, 9)),
    });
    let decided = g
        .when(StrategyCommand::ApproveVersion {
            label: label("2010-2013"),
            decision: second,
            on: d(2010, 6, 9),
        })
        .unwrap();
    assert_eq!(
        decided.events,
        vec![Event::Strategy(StrategyEvent::VersionApproved(
            StrategyVersionApproved {
                label: label("2010-2013"),
                decision_id: second,
                on: d(2010, 6, 9),
                supersedes: Some(label("2009-2012")),
            }
        ))]
    );
    g.history.extend(decided.events);
    let s = g.state();
    assert_eq!(
        s.version_labelled(&label("2009-2012")).unwrap().status,
        VersionStatus::Superseded
    );
    assert_eq!(s.approved_version().unwrap().label, label("2010-2013"));
    assert_eq!(s.period(), period(2010, 2013));
    assert_eq!(s.decisions(), vec![first, second]);
}

#[test]
fn only_a_draft_version_can_be_approved_and_labels_are_unique() {
    let mut g = Given::created();
    let v = label("2010-2013");
    assert_eq!(
        g.when(StrategyCommand::ApproveVersion {
            label: v.clone(),
            decision: DecisionId::new(),
            on: d(2010, 6, 9)
        }),
        Err(StrategyError::VersionNotFound(v.clone()))
    );
    g.ok(StrategyCommand::DraftVersion {
        label: v.clone(),
        period: period(2010, 2013),
        review_date: None,
    });
    assert_eq!(
        g.when(StrategyCommand::DraftVersion {
            label: v.clone(),
            period: period(2010, 2013),
            review_date: None
        }),
        Err(StrategyError::VersionAlreadyExists(v.clone()))
    );
    g.ok(StrategyCommand::ApproveVersion {
        label: v.clone(),
        decision: DecisionId::new(),
        on: d(2010, 6, 9),
    });
    assert_eq!(
        g.when(StrategyCommand::ApproveVersion {
            label: v.clone(),
            decision: DecisionId::new(),
            on: d(2010, 6, 10)
        }),
        Err(StrategyError::VersionNotDraft {
            label: v,
            status: VersionStatus::Approved
        })
    );
}

#[test]
fn a_decision_can_note_a_version_once() {
    let mut g = Given::created();
    let v = label("2010-2013");
    let decision = DecisionId::new();
    g.ok(StrategyCommand::DraftVersion {
        label: v.clone(),
        period: period(2010, 2013),
        review_date: None,
    });
    g.ok(StrategyCommand::NoteVersion {
        label: v.clone(),
        decision,
    });
    assert_eq!(
        g.state().version_labelled(&v).unwrap().decisions,
        vec![(decision, VersionDecisionRole::Noted)]
    );
    assert_eq!(
        g.when(StrategyCommand::NoteVersion {
            label: v.clone(),
            decision
        }),
        Err(StrategyError::DecisionAlreadyLinked { label: v, decision })
    );
}

#[test]
fn a_strategy_may_state_no_period_or_financial_years_and_keeps_its_status_history() {
    let mut g = Given {
        id: StrategyDocumentId::new(),
        history: Vec::new(),
    };
    g.ok(StrategyCommand::Create {
        title: title("Digital Strategy"),
        period: None,
        status: Some(StrategyStatus::ForConsultation),
        status_label: Some(name("Out to consultation")),
    });
    assert_eq!(g.state().period(), None);
    assert_eq!(g.state().status(), Some(StrategyStatus::ForConsultation));
    let fy = Some(StrategySpan::FinancialYears(
        FinancialYears::parse(2024, 2026, false).unwrap(),
    ));
    g.ok(StrategyCommand::DraftVersion {
        label: label("2024/25 to 2026/27"),
        period: fy,
        review_date: None,
    });
    let approving = DecisionId::new();
    g.ok(StrategyCommand::ApproveVersion {
        label: label("2024/25 to 2026/27"),
        decision: approving,
        on: d(2024, 3, 6),
    });
    assert_eq!(g.state().period(), fy);
    for (status, words) in [
        (StrategyStatus::RecommendedForAdoption, None),
        (StrategyStatus::Adopted, None),
        (StrategyStatus::Paused, Some(name("Paused pending review"))),
        (StrategyStatus::Superseded, None),
    ] {
        g.ok(StrategyCommand::ChangeStatus {
            status,
            label: words,
            on: Some(d(2024, 4, 1)),
            decision: Some(approving),
        });
    }
    let s = g.state();
    assert_eq!(s.status(), Some(StrategyStatus::Superseded));
    assert_eq!(s.status_label(), None);
    assert_eq!(s.status_history().len(), 4);
    assert_eq!(
        s.status_history()[2].label.as_ref().map(|n| n.as_str()),
        Some("Paused pending review")
    );
    assert_eq!(
        g.when(StrategyCommand::ChangeStatus {
            status: StrategyStatus::Superseded,
            label: None,
            on: None,
            decision: None,
        }),
        Err(StrategyError::StatusUnchanged(StrategyStatus::Superseded))
    );
}

#[test]
fn a_version_without_a_period_leaves_the_strategy_period_as_it_was() {
    let mut g = Given::created();
    g.ok(StrategyCommand::DraftVersion {
        label: label("Refresh"),
        period: None,
        review_date: None,
    });
    g.ok(StrategyCommand::ApproveVersion {
        label: label("Refresh"),
        decision: DecisionId::new(),
        on: d(2011, 6, 1),
    });
    assert_eq!(g.state().period(), period(2009, 2012));
}
