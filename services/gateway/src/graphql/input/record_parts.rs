//! The parts of a decision record that real registers add to the "Decision details" page: the
//! people (lead member, declarations, the vote), the council's references and links to meetings
//! and other decisions.

use async_graphql::InputObject;
use civic_domain::decision::{
    DecisionLink, DeclaredInterest, MeetingItemRef, MemberRef, NamedVote, References, Vote,
};
use civic_domain::values::{
    AgendaItemId, DecisionId, HttpUrl, LongText, MeetingId, MemberId, Name, Reference,
};
use uuid::Uuid;

use super::{InputError, at, malformed, optional};
use crate::graphql::enums::{DecisionRelation, VoteCast};

/// A member as the record names them.
#[derive(InputObject, Debug, Clone)]
pub struct MemberRefInput {
    /// The member in the council's list, if identified.
    pub member_id: Option<Uuid>,
    /// The name as the record shows it, e.g. "Cllr Mrs J Smith".
    pub name_as_shown: String,
}

impl MemberRefInput {
    pub(super) fn member(&self, field: &str) -> Result<MemberRef, InputError> {
        Ok(MemberRef {
            member_id: self.member_id.map(MemberId::from_uuid),
            name_as_shown: at(
                &format!("{field}.nameAsShown"),
                Name::parse(&self.name_as_shown),
            )?,
        })
    }
}

/// A member's declared interest.
#[derive(InputObject, Debug, Clone)]
pub struct InterestInput {
    /// The member, as the record names them.
    pub member: String,
    /// The member in the council's list, if identified.
    pub member_id: Option<Uuid>,
    /// The interest as recorded.
    pub interest: String,
    /// The dispensation granted, if any.
    pub dispensation: Option<String>,
}

impl InterestInput {
    pub(super) fn interest(&self, field: &str) -> Result<DeclaredInterest, InputError> {
        Ok(DeclaredInterest {
            member: MemberRef {
                member_id: self.member_id.map(MemberId::from_uuid),
                name_as_shown: at(&format!("{field}.member"), Name::parse(&self.member))?,
            },
            interest: at(
                &format!("{field}.interest"),
                LongText::parse(&self.interest),
            )?,
            dispensation: optional(
                &format!("{field}.dispensation"),
                self.dispensation.as_deref(),
                LongText::parse,
            )?,
        })
    }
}

/// One member's recorded vote.
#[derive(InputObject, Debug, Clone)]
pub struct NamedVoteInput {
    /// Who.
    pub member: MemberRefInput,
    /// How they voted.
    pub cast: VoteCast,
}

/// The vote on the motion, with whatever parts the record gives.
#[derive(InputObject, Debug, Clone)]
pub struct VoteInput {
    /// Who moved it.
    pub proposer: Option<MemberRefInput>,
    /// Who seconded it.
    pub seconder: Option<MemberRefInput>,
    /// Votes for, if counted.
    pub votes_for: Option<u32>,
    /// Votes against, if counted.
    pub votes_against: Option<u32>,
    /// Abstentions, if counted.
    pub abstained: Option<u32>,
    /// Named votes, where recorded.
    #[graphql(default)]
    pub named: Vec<NamedVoteInput>,
    /// The vote as the record wrote it, e.g. "Carried unanimously".
    pub as_given: Option<String>,
}

impl VoteInput {
    pub(super) fn vote(&self, field: &str) -> Result<Vote, InputError> {
        let member = |m: &Option<MemberRefInput>, part: &str| {
            m.as_ref()
                .map(|m| m.member(&format!("{field}.{part}")))
                .transpose()
        };
        Ok(Vote {
            proposer: member(&self.proposer, "proposer")?,
            seconder: member(&self.seconder, "seconder")?,
            votes_for: self.votes_for,
            votes_against: self.votes_against,
            abstained: self.abstained,
            named: self
                .named
                .iter()
                .enumerate()
                .map(|(n, v)| {
                    Ok(NamedVote {
                        member: v.member.member(&format!("{field}.named[{n}].member"))?,
                        cast: v.cast.into(),
                    })
                })
                .collect::<Result<_, InputError>>()?,
            as_given: optional(
                &format!("{field}.asGiven"),
                self.as_given.as_deref(),
                LongText::parse,
            )?,
        })
    }
}

/// The identifiers the council and its publishing system gave the record.
#[derive(InputObject, Debug, Clone, Default)]
pub struct ReferencesInput {
    /// The council's own decision number, e.g. "CAB/2010/045".
    pub reference: Option<String>,
    /// The minute number, e.g. "45.".
    pub minute_number: Option<String>,
    /// The page the record was taken from.
    pub source_url: Option<String>,
    /// The record's id in the publishing system.
    pub source_id: Option<String>,
}

impl ReferencesInput {
    pub(super) fn references(&self) -> Result<References, InputError> {
        Ok(References {
            reference: optional(
                "references.reference",
                self.reference.as_deref(),
                Reference::parse,
            )?,
            minute_number: optional(
                "references.minuteNumber",
                self.minute_number.as_deref(),
                Reference::parse,
            )?,
            source_url: optional(
                "references.sourceUrl",
                self.source_url.as_deref(),
                HttpUrl::parse,
            )?,
            source_id: optional(
                "references.sourceId",
                self.source_id.as_deref(),
                Reference::parse,
            )?,
        })
    }
}

/// A link to another decision of the council.
#[derive(InputObject, Debug, Clone)]
pub struct DecisionLinkInput {
    /// How this record relates to it.
    pub relation: DecisionRelation,
    /// The other decision.
    pub decision_id: Uuid,
}

impl From<&DecisionLinkInput> for DecisionLink {
    fn from(input: &DecisionLinkInput) -> Self {
        DecisionLink {
            relation: input.relation.into(),
            decision_id: DecisionId::from_uuid(input.decision_id),
        }
    }
}

/// The meeting (and agenda item) where the decision was taken: both ids, the meeting's alone, or
/// neither.
pub(super) fn meeting(
    meeting_id: Option<Uuid>,
    agenda_item_id: Option<Uuid>,
) -> Result<Option<MeetingItemRef>, InputError> {
    match (meeting_id, agenda_item_id) {
        (Some(meeting), item) => Ok(Some(MeetingItemRef {
            meeting_id: MeetingId::from_uuid(meeting),
            agenda_item_id: item.map(AgendaItemId::from_uuid),
        })),
        (None, None) => Ok(None),
        (None, Some(_)) => Err(malformed(
            "agendaItemId",
            "agenda item",
            "an agenda item needs its meeting: give meetingId too",
        )),
    }
}

/// Where a record was taken from: the page (`{prefix}sourceUrl`) and the publishing system's id
/// for it (`{prefix}sourceId`), each optional.
pub(crate) fn source(
    prefix: &str,
    url: Option<&str>,
    id: Option<&str>,
) -> Result<civic_domain::values::Source, InputError> {
    Ok(civic_domain::values::Source {
        url: optional(&format!("{prefix}sourceUrl"), url, HttpUrl::parse)?,
        system_id: optional(&format!("{prefix}sourceId"), id, Reference::parse)?,
    })
}
