//! Fixtures for unit tests: a registered English district council with a
//! cabinet, a committee and two wards, and a decision record like the
//! Maidstone example.

use crate::council::{BodyKind, Council, CouncilCommand, CouncilKind};
use crate::decision::{
    BodyRef, Contact, DecisionDetails, Interests, Outcome, References, Resolution, Resolutions,
    WardsAffected,
};
use crate::event::Event;
use crate::nation::Nation;
use crate::values::*;
use chrono::NaiveDate;

pub(crate) fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

pub(crate) fn name(s: &str) -> Name {
    Name::parse(s).unwrap()
}

pub(crate) fn reason(s: &str) -> Reason {
    Reason::parse(s).unwrap()
}

pub(crate) fn text(s: &str) -> LongText {
    LongText::parse(s).unwrap()
}

/// A registered council and the ids of what it holds.
pub(crate) struct Fixture {
    pub council: Council,
    pub history: Vec<Event>,
    pub cabinet: BodyId,
    pub committee: BodyId,
    pub ward_a: WardId,
    pub ward_b: WardId,
}

pub(crate) fn run_council(history: &mut Vec<Event>, command: CouncilCommand) {
    let state = Council::from_history(history);
    let decided = Council::handle(state.as_ref(), &command).unwrap();
    history.extend(decided.events);
}

pub(crate) fn fixture() -> Fixture {
    let cabinet = BodyId::new();
    let committee = BodyId::new();
    let ward_a = WardId::new();
    let ward_b = WardId::new();
    let mut history = Vec::new();
    run_council(
        &mut history,
        CouncilCommand::Register {
            slug: Slug::parse("maidstone").unwrap(),
            name: name("Maidstone Borough Council"),
            kind: CouncilKind::District,
            nation: Nation::England,
        },
    );
    run_council(
        &mut history,
        CouncilCommand::AddBody {
            body: cabinet,
            name: name("Cabinet"),
            kind: BodyKind::Cabinet,
        },
    );
    run_council(
        &mut history,
        CouncilCommand::AddBody {
            body: committee,
            name: name("Planning Committee"),
            kind: BodyKind::Committee,
        },
    );
    run_council(
        &mut history,
        CouncilCommand::AddWard {
            ward: ward_a,
            name: name("High Street"),
        },
    );
    run_council(
        &mut history,
        CouncilCommand::AddWard {
            ward: ward_b,
            name: name("Bridge"),
        },
    );
    let council = Council::from_history(&history).unwrap();
    Fixture {
        council,
        history,
        cabinet,
        committee,
        ward_a,
        ward_b,
    }
}

pub(crate) fn resolutions(texts: &[&str]) -> Resolutions {
    Resolutions::new(
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| Resolution {
                label: Some(ResolutionLabel::parse(&(i + 1).to_string()).unwrap()),
                text: text(t),
            })
            .collect(),
    )
}

/// A decision by the fixture's cabinet on 9 June 2010, key, subject to
/// call-in, linked to a forward-plan entry (so it raises no warnings).
pub(crate) fn details(f: &Fixture) -> DecisionDetails {
    let cabinet = BodyRef {
        body_id: f.cabinet,
        name_as_shown: name("Cabinet"),
    };
    DecisionDetails {
        title: Title::parse("Information Strategy 2010 - 13").unwrap(),
        decision_maker: Some(cabinet.clone()),
        status_label: Some(StatusLabel::parse("Recommendations Approved").unwrap()),
        outcome: Some(Outcome::Approved),
        key_decision: Some(true),
        subject_to_call_in: Some(true),
        purpose: Some(text("The review of the Council's Information Strategy.")),
        resolutions: resolutions(&["That the Information Strategy 2010-2013 be approved."]),
        reasons: Some(text("Technology underpins the Council's priorities.")),
        alternative_options: None,
        reason_key: vec![name("Policies, Plans, Strategies")],
        wards_affected: WardsAffected::All,
        committee_details: Some(text("None")),
        representations_by: Some(d(2010, 5, 21)),
        other_consulted: Some(text("Email")),
        consultees: Some(text("Finance, Assistant Directors.")),
        contact: Some(Contact {
            name: None,
            email: Some(EmailAddress::parse("Paultaylor@maidstone.gov.uk").unwrap()),
            phone: Some(PhoneNumber::parse("01622 602068").unwrap()),
            as_given: Some(text(
                "Email: Paultaylor@maidstone.gov.uk Tel: 01622 602068.",
            )),
        }),
        report_author: Some(name("Paul Taylor")),
        date_of_decision: d(2010, 6, 9),
        decided_by: Some(cabinet),
        interests: Interests::NotStated,
        documents: Vec::new(),
        field_restrictions: Vec::new(),
        forward_plan_entry: Some(ForwardPlanEntryId::new()),
        references: References::default(),
        links: Vec::new(),
        meeting: None,
        lead_member: None,
        lead_officer: None,
        department: None,
        vote: None,
    }
}
