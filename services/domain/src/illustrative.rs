//! Illustrative records the demo council holds beside the example decision, so a newcomer sees
//! what real registers contain beyond one "Decision details" page: the council's members, an
//! officer decision taken outside any meeting with no status or outcome stated, and a Cabinet
//! decision whose reasons are withheld under a paragraph with a sub-letter, as a notice writes it.
//!
//! Unlike [`crate::example`], these are not copied from a council's page: the names and
//! references are made up (none has a source URL), the shapes are those of real registers.

use crate::command::Command;
use crate::council::{BodyKind, CouncilCommand};
use crate::decision::{
    BodyRef, DecisionCommand, DecisionDetails, DecisionField, Document, FieldRestriction,
    Interests, MemberRef, Outcome, References, Resolution, Resolutions, Vote, WardsAffected,
};
use crate::example::ExampleError;
use crate::restriction::{Paragraph, ParagraphReason, RestrictionDraft};
use crate::values::{
    BodyId, DecisionId, LongText, MemberId, Name, Reason, Reference, ResolutionLabel, StatusLabel,
    Title, ValueError,
};
use chrono::NaiveDate;

/// The ids of the illustrative records, derived from a seed like the example's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IllustrativeIds {
    /// The Cabinet (the example's).
    pub cabinet: BodyId,
    /// The officer who takes delegated decisions.
    pub director: BodyId,
    /// The portfolio holder.
    pub lead_member: MemberId,
    /// Another member, who seconds.
    pub seconder: MemberId,
    /// The officer decision.
    pub officer_decision: DecisionId,
    /// The decision with withheld reasons.
    pub restricted_decision: DecisionId,
}

impl IllustrativeIds {
    /// Ids derived from `seed` (the demo council's tenant id), the Cabinet being the example's.
    pub fn derived_from(seed: uuid::Uuid, cabinet: BodyId) -> Self {
        let derive = |k: u128| uuid::Uuid::from_u128(seed.as_u128() ^ (0x1300 + k));
        Self {
            cabinet,
            director: BodyId::from_uuid(derive(1)),
            lead_member: MemberId::from_uuid(derive(2)),
            seconder: MemberId::from_uuid(derive(3)),
            officer_decision: DecisionId::from_uuid(derive(4)),
            restricted_decision: DecisionId::from_uuid(derive(5)),
        }
    }
}

fn d(year: i32, month: u32, day: u32) -> Result<NaiveDate, ValueError> {
    NaiveDate::from_ymd_opt(year, month, day).ok_or(ValueError::Malformed {
        what: "date",
        detail: "not a calendar date",
    })
}

/// The commands that add the illustrative records to a council already holding the example.
pub fn commands(ids: &IllustrativeIds) -> Result<Vec<Command>, ExampleError> {
    let decision = |decision, command| Command::Decision { decision, command };
    Ok(vec![
        Command::Council(CouncilCommand::AddMember {
            member: ids.lead_member,
            name: Name::parse("Cllr A. Example")?,
            party: Some(Name::parse("Example Party")?),
        }),
        Command::Council(CouncilCommand::AddMember {
            member: ids.seconder,
            name: Name::parse("Cllr B. Sample")?,
            party: None,
        }),
        Command::Council(CouncilCommand::AddBody {
            body: ids.director,
            name: Name::parse("Director of Regeneration")?,
            kind: BodyKind::Officer,
        }),
        decision(
            ids.officer_decision,
            DecisionCommand::Record {
                details: officer_decision(ids)?.into(),
            },
        ),
        decision(
            ids.officer_decision,
            DecisionCommand::Publish {
                publication_date: d(2010, 5, 21)?,
                call_in_deadline: None,
                call_in_deadline_time: None,
                effective_from: None,
                override_reason: None,
            },
        ),
        decision(
            ids.restricted_decision,
            DecisionCommand::Record {
                details: restricted_decision(ids)?,
            },
        ),
        decision(
            ids.restricted_decision,
            DecisionCommand::Publish {
                publication_date: d(2010, 5, 14)?,
                call_in_deadline: None,
                call_in_deadline_time: None,
                effective_from: None,
                override_reason: None,
            },
        ),
    ])
}

/// A record with only what the law requires and the rest as such lists show it.
fn bare(title: &str, date_of_decision: NaiveDate) -> Result<DecisionDetails, ExampleError> {
    Ok(DecisionDetails {
        title: Title::parse(title)?,
        decision_maker: None,
        status_label: None,
        outcome: None,
        key_decision: None,
        subject_to_call_in: None,
        purpose: None,
        resolutions: Resolutions::default(),
        reasons: None,
        alternative_options: None,
        reason_key: vec![],
        wards_affected: WardsAffected::NotStated,
        committee_details: None,
        representations_by: None,
        other_consulted: None,
        consultees: None,
        contact: None,
        report_author: None,
        date_of_decision,
        decided_by: None,
        interests: Interests::NotStated,
        documents: vec![],
        field_restrictions: vec![],
        forward_plan_entry: None,
        references: References::default(),
        links: vec![],
        meeting: None,
        lead_member: None,
        lead_officer: None,
        department: None,
        vote: None,
    })
}

/// An officer decision from a delegated-decisions list: no meeting, no status, no outcome, one
/// unnumbered paragraph of decision, not subject to call-in, "None" declared.
fn officer_decision(ids: &IllustrativeIds) -> Result<DecisionDetails, ExampleError> {
    Ok(DecisionDetails {
        decision_maker: Some(BodyRef {
            body_id: ids.director,
            name_as_shown: Name::parse("Director of Regeneration")?,
        }),
        key_decision: Some(false),
        subject_to_call_in: Some(false),
        resolutions: Resolutions::new(vec![Resolution {
            label: None,
            text: LongText::parse(
                "To accept the tender for grounds maintenance equipment from the lowest \
                 compliant bidder.",
            )?,
        }]),
        reasons: Some(LongText::parse(
            "The equipment is at the end of its life and the budget is approved.",
        )?),
        interests: Interests::NoneDeclared,
        references: References {
            reference: Some(Reference::parse("ODN/2010/014")?),
            ..References::default()
        },
        lead_officer: Some(Name::parse("Head of Parks and Open Spaces")?),
        department: Some(Name::parse("Regeneration")?),
        ..bare("Purchase of grounds maintenance equipment", d(2010, 5, 20)?)?
    })
}

/// A Cabinet decision on a land disposal whose resolutions and reasons are withheld under
/// paragraph 3, with the notice's own wording, and a valuation report under paragraphs 3 and 6a
/// each with its reason; labelled resolutions, the portfolio holder and the vote.
fn restricted_decision(
    ids: &IllustrativeIds,
) -> Result<DecisionDetails<RestrictionDraft>, ExampleError> {
    let member = |id, shown| -> Result<MemberRef, ValueError> {
        Ok(MemberRef {
            member_id: Some(id),
            name_as_shown: Name::parse(shown)?,
        })
    };
    let cabinet = BodyRef {
        body_id: ids.cabinet,
        name_as_shown: Name::parse("Cabinet")?,
    };
    let paragraph_3 = RestrictionDraft {
        reason: Some(Reason::parse(
            "The information relates to the financial affairs of the Council and the bidders.",
        )?),
        as_given: Some(LongText::parse(
            "Exempt under paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972",
        )?),
        public_interest_test_applied: Some(true),
        ..RestrictionDraft::exempt(None, &[3])
    };
    let six_a = Paragraph::parse("6a").map_err(|_| ValueError::Malformed {
        what: "paragraph",
        detail: "not a paragraph",
    })?;
    let valuation = RestrictionDraft {
        paragraphs: vec![Paragraph::number(3), six_a],
        paragraph_reasons: vec![
            ParagraphReason {
                paragraph: Paragraph::number(3),
                reason: Reason::parse("The valuation of the land.")?,
            },
            ParagraphReason {
                paragraph: six_a,
                reason: Reason::parse("A notice the Council proposes to give to the tenant.")?,
            },
        ],
        public_interest_test_applied: Some(true),
        ..RestrictionDraft::exempt(None, &[])
    };
    let label = |l| ResolutionLabel::parse(l);
    let details = DecisionDetails {
        decision_maker: Some(cabinet.clone()),
        decided_by: Some(cabinet),
        status_label: Some(StatusLabel::parse("Recommendations Approved")?),
        outcome: Some(Outcome::Approved),
        key_decision: Some(true),
        subject_to_call_in: Some(true),
        purpose: Some(LongText::parse(
            "To consider the disposal of surplus land at the former depot.",
        )?),
        resolutions: Resolutions::new(vec![
            Resolution {
                label: Some(label("(i)")?),
                text: LongText::parse("That the land be sold to the preferred bidder.")?,
            },
            Resolution {
                label: Some(label("(ii)")?),
                text: LongText::parse("That the Director of Regeneration complete the sale.")?,
            },
        ]),
        reasons: Some(LongText::parse(
            "The offer is the best consideration reasonably obtainable.",
        )?),
        references: References {
            minute_number: Some(Reference::parse("38.")?),
            ..References::default()
        },
        lead_member: Some(member(ids.lead_member, "Cllr A. Example")?),
        vote: Some(Vote {
            proposer: Some(member(ids.lead_member, "Cllr A. Example")?),
            seconder: Some(member(ids.seconder, "Cllr B. Sample")?),
            votes_for: Some(5),
            votes_against: Some(1),
            abstained: Some(0),
            named: vec![],
            as_given: Some(LongText::parse("Carried: 5 for, 1 against")?),
        }),
        interests: Interests::NoneDeclared,
        ..bare("Disposal of land at the former depot", d(2010, 5, 12)?)?
    };
    let mut draft: DecisionDetails<RestrictionDraft> = details.into();
    draft.field_restrictions = [DecisionField::Resolutions, DecisionField::Reasons]
        .into_iter()
        .map(|field| FieldRestriction {
            field,
            restriction: paragraph_3.clone(),
        })
        .collect();
    draft.documents = vec![Document {
        title: Title::parse("Valuation report")?,
        url: None,
        sha256: None,
        restriction: Some(valuation),
    }];
    Ok(draft)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_illustrative_records_build() {
        let ids = IllustrativeIds::derived_from(uuid::Uuid::from_u128(7), BodyId::new());
        assert_eq!(commands(&ids).unwrap().len(), 7);
    }
}
