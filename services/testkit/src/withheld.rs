//! Pairs of decisions that differ only in withheld values, for the noninterference tests of the
//! read models and the gateway: the same example record, with chosen fields withheld and given
//! one of two different values.

#![allow(
    clippy::unwrap_used,
    reason = "fixed values that parse; a test fails loudly otherwise"
)]

use chrono::NaiveDate;
use civic_domain::council::{
    BodyKind, CallInPolicy, CallInRule, CouncilCommand, CouncilKind, CountedFrom,
};
use civic_domain::decision::{
    BodyRef, Contact, DecisionDetails, DecisionField, DecisionLink, DecisionRelation,
    DeclaredInterest, Document, FieldRestriction, Interests, MeetingItemRef, MemberRef, Outcome,
    References, Resolution, Resolutions, Vote, WardsAffected,
};
use civic_domain::restriction::{ExemptionScheme, RestrictionDraft};
use civic_domain::values::{
    BodyId, DecisionId, EmailAddress, ForwardPlanEntryId, LongText, MeetingId, Name, Reason,
    Reference, ResolutionLabel, Slug, StatusLabel, Title,
};
use civic_domain::{Nation, example};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn text(s: &str) -> LongText {
    LongText::parse(s).unwrap()
}

fn name(s: &str) -> Name {
    Name::parse(s).unwrap()
}

/// The commands that set up a council with a cabinet (`bodies[0]`) and a committee
/// (`bodies[1]`), counting call-in from publication or decision.
pub fn council_commands(counted_from: CountedFrom, bodies: [BodyId; 2]) -> Vec<CouncilCommand> {
    let [cabinet, committee] = bodies;
    let mut commands = vec![
        CouncilCommand::Register {
            slug: Slug::parse("maidstone").unwrap(),
            name: name("Maidstone Borough Council"),
            kind: CouncilKind::District,
            nation: Nation::England,
        },
        CouncilCommand::AddBody {
            body: cabinet,
            name: name("Cabinet"),
            kind: BodyKind::Cabinet,
        },
        CouncilCommand::AddBody {
            body: committee,
            name: name("Planning Committee"),
            kind: BodyKind::Committee,
        },
    ];
    if counted_from != CallInRule::default().counted_from {
        commands.push(CouncilCommand::SetCallInPolicy {
            policy: CallInPolicy::uniform(CallInRule {
                counted_from,
                ..CallInRule::default()
            }),
        });
    }
    commands
}

/// The fields a council can withhold, with two different values each: `variant` picks one.
pub const WITHHOLDABLE: &[DecisionField] = &[
    DecisionField::Title,
    DecisionField::DecisionMaker,
    DecisionField::StatusLabel,
    DecisionField::Outcome,
    DecisionField::KeyDecision,
    DecisionField::SubjectToCallIn,
    DecisionField::Purpose,
    DecisionField::Resolutions,
    DecisionField::Reasons,
    DecisionField::AlternativeOptions,
    DecisionField::ReasonKey,
    DecisionField::WardsAffected,
    DecisionField::CommitteeDetails,
    DecisionField::RepresentationsBy,
    DecisionField::OtherConsulted,
    DecisionField::Consultees,
    DecisionField::Contact,
    DecisionField::ReportAuthor,
    DecisionField::DateOfDecision,
    DecisionField::DecidedBy,
    DecisionField::Interests,
    DecisionField::Documents,
    DecisionField::ForwardPlanEntry,
    DecisionField::References,
    DecisionField::Links,
    DecisionField::Meeting,
    DecisionField::LeadMember,
    DecisionField::LeadOfficer,
    DecisionField::Department,
    DecisionField::Vote,
];

/// Sets `field` of `details` to its `variant`th value (0 or 1; `salt` varies the texts).
pub fn set(
    details: &mut DecisionDetails,
    field: DecisionField,
    variant: usize,
    salt: u8,
    bodies: [BodyId; 2],
) {
    use DecisionField as F;
    let pick = |a: &str, b: &str| format!("{} {salt}", if variant == 0 { a } else { b });
    match field {
        F::Title => details.title = Title::parse(&pick("Parks", "Sale of the depot")).unwrap(),
        F::DecisionMaker => {
            details.decision_maker = Some(BodyRef {
                body_id: bodies[variant],
                name_as_shown: name(&pick("Cabinet", "Planning Committee")),
            })
        }
        F::StatusLabel => {
            details.status_label = Some(StatusLabel::parse(&pick("Approved", "Refused")).unwrap())
        }
        F::Outcome => {
            details.outcome = [Some(Outcome::Approved), None][variant];
        }
        F::KeyDecision => details.key_decision = [Some(true), Some(false)][variant],
        F::SubjectToCallIn => details.subject_to_call_in = [Some(true), Some(false)][variant],
        F::Purpose => details.purpose = Some(text(&pick("To buy", "To sell"))),
        F::Resolutions => {
            details.resolutions = Resolutions::new(vec![Resolution {
                label: (variant == 0).then(|| ResolutionLabel::parse("1").unwrap()),
                text: text(&pick("That it be approved.", "That the depot be sold.")),
            }])
        }
        F::Reasons => details.reasons = (variant == 0).then(|| text(&pick("Cheaper", ""))),
        F::AlternativeOptions => details.alternative_options = Some(text(&pick("None", "Lease"))),
        F::ReasonKey => details.reason_key = vec![name(&pick("Finance", "Property"))],
        F::WardsAffected => {
            details.wards_affected = if variant == 0 {
                WardsAffected::All
            } else {
                WardsAffected::NotStated
            }
        }
        F::CommitteeDetails => details.committee_details = Some(text(&pick("None", "Cllr Smith"))),
        F::RepresentationsBy => details.representations_by = [Some(d(2010, 5, 21)), None][variant],
        F::OtherConsulted => details.other_consulted = Some(text(&pick("Email", "Letter"))),
        F::Consultees => details.consultees = Some(text(&pick("Finance", "Tenants"))),
        F::Contact => {
            details.contact = Some(Contact {
                name: Some(name(&pick("Paul Taylor", "Jane Doe"))),
                email: Some(
                    EmailAddress::parse(["a@maidstone.gov.uk", "b@maidstone.gov.uk"][variant])
                        .unwrap(),
                ),
                phone: None,
                as_given: None,
            })
        }
        F::ReportAuthor => details.report_author = Some(name(&pick("Paul Taylor", "Jane Doe"))),
        F::DateOfDecision => details.date_of_decision = [d(2010, 6, 9), d(2010, 6, 2)][variant],
        F::DecidedBy => {
            details.decided_by = Some(BodyRef {
                body_id: bodies[variant],
                name_as_shown: name(&pick("Cabinet", "Planning Committee")),
            })
        }
        F::Interests => {
            details.interests = Interests::Declared {
                interests: vec![DeclaredInterest {
                    member: member(&pick("Cllr Garland", "Cllr Wilson")),
                    interest: text(&pick("Owns a shop nearby", "Is a tenant")),
                    dispensation: None,
                }],
            }
        }
        F::Documents => {
            details.documents = vec![Document {
                title: Title::parse(&pick("Report", "Valuation")).unwrap(),
                url: None,
                sha256: None,
                restriction: None,
            }]
        }
        F::ForwardPlanEntry => {
            details.forward_plan_entry = [
                Some(ForwardPlanEntryId::from_uuid(uuid::Uuid::from_u128(1))),
                None,
            ][variant]
        }
        F::References => {
            details.references = References {
                reference: Some(Reference::parse(&pick("CAB/1", "ODN/2")).unwrap()),
                minute_number: (variant == 0).then(|| Reference::parse("45.").unwrap()),
                source_url: None,
                source_id: None,
            }
        }
        F::Links => {
            details.links = vec![DecisionLink {
                relation: [DecisionRelation::Replaces, DecisionRelation::Amends][variant],
                decision_id: DecisionId::from_uuid(uuid::Uuid::from_u128(2 + variant as u128)),
            }]
        }
        F::Meeting => {
            details.meeting = (variant == 0).then(|| MeetingItemRef {
                meeting_id: MeetingId::from_uuid(uuid::Uuid::from_u128(4)),
                agenda_item_id: None,
            })
        }
        F::LeadMember => details.lead_member = Some(member(&pick("Cllr Garland", "Cllr Wilson"))),
        F::LeadOfficer => details.lead_officer = Some(name(&pick("Paul Taylor", "Jane Doe"))),
        F::Department => details.department = Some(name(&pick("Finance", "Property"))),
        F::Vote => {
            details.vote = Some(Vote {
                proposer: Some(member(&pick("Cllr Garland", "Cllr Wilson"))),
                votes_for: Some([6, 2][variant]),
                ..Vote::default()
            })
        }
        F::FieldRestrictions => {}
    }
}

fn member(shown: &str) -> MemberRef {
    MemberRef {
        member_id: None,
        name_as_shown: name(shown),
    }
}

/// The restriction every withheld field cites: exempt under Schedule 12A paragraph 3.
pub fn exempt() -> RestrictionDraft {
    RestrictionDraft {
        public_interest_test_applied: Some(true),
        reason: Some(Reason::parse("Commercially sensitive").unwrap()),
        ..RestrictionDraft::exempt(Some(ExemptionScheme::Schedule12APart1), &[3])
    }
}

/// The record of one variant: the example page, with `withheld` fields withheld and set to the
/// variant's values.
pub fn record(
    withheld: &[DecisionField],
    variant: usize,
    salt: u8,
    bodies: [BodyId; 2],
) -> DecisionDetails<RestrictionDraft> {
    let mut details = example::details(bodies[0], None).unwrap();
    for &field in withheld {
        set(&mut details, field, variant, salt, bodies);
    }
    let mut draft: DecisionDetails<RestrictionDraft> = details.into();
    draft.field_restrictions = withheld
        .iter()
        .map(|&field| FieldRestriction {
            field,
            restriction: exempt(),
        })
        .collect();
    draft
}
