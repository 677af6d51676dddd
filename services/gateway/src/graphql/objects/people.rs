//! The people, vote, references and links of a decision record, as the record gives them.

use async_graphql::{ComplexObject, Context, Object, SimpleObject};
use civic_domain::decision::{
    DecisionLink as DomainLink, MeetingItemRef, MemberRef as DomainMemberRef, NamedVote,
    References as DomainReferences, Vote as DomainVote,
};
use civic_domain::values::MeetingId;
use uuid::Uuid;

use super::meeting::Meeting;
use crate::error::ApiError;
use crate::graphql::context::RequestContext;
use crate::graphql::enums::{DecisionRelation, VoteCast};

/// A member as the record names them.
pub struct MemberRef(pub DomainMemberRef);

#[Object]
impl MemberRef {
    /// The member in the council's list, if the clerk identified them.
    async fn member_id(&self) -> Option<Uuid> {
        self.0.member_id.map(|id| id.as_uuid())
    }

    /// The name as the record shows it.
    async fn name_as_shown(&self) -> &str {
        self.0.name_as_shown.as_str()
    }
}

/// One member's recorded vote.
pub struct MemberVote(pub NamedVote);

#[Object]
impl MemberVote {
    /// Who.
    async fn member(&self) -> MemberRef {
        MemberRef(self.0.member.clone())
    }

    /// How they voted.
    async fn cast(&self) -> VoteCast {
        self.0.cast.into()
    }
}

/// The vote on the motion, with whatever parts the record gives (null where not stated).
pub struct Vote(pub DomainVote);

#[Object]
impl Vote {
    /// Who moved it.
    async fn proposer(&self) -> Option<MemberRef> {
        self.0.proposer.clone().map(MemberRef)
    }

    /// Who seconded it.
    async fn seconder(&self) -> Option<MemberRef> {
        self.0.seconder.clone().map(MemberRef)
    }

    /// Votes for, if counted.
    async fn votes_for(&self) -> Option<u32> {
        self.0.votes_for
    }

    /// Votes against, if counted.
    async fn votes_against(&self) -> Option<u32> {
        self.0.votes_against
    }

    /// Abstentions, if counted.
    async fn abstained(&self) -> Option<u32> {
        self.0.abstained
    }

    /// Named votes, where recorded.
    async fn named(&self) -> Vec<MemberVote> {
        self.0.named.iter().cloned().map(MemberVote).collect()
    }

    /// The vote as the record wrote it, e.g. "Carried unanimously".
    async fn as_given(&self) -> Option<&str> {
        self.0.as_given.as_ref().map(|t| t.as_str())
    }
}

/// The identifiers the council and its publishing system gave the record.
#[derive(SimpleObject)]
pub struct References {
    /// The council's own decision number, e.g. "CAB/2010/045".
    pub reference: Option<String>,
    /// The minute number, e.g. "45.".
    pub minute_number: Option<String>,
    /// The page the record was taken from.
    pub source_url: Option<String>,
    /// The record's id in the publishing system.
    pub source_id: Option<String>,
}

impl From<&DomainReferences> for References {
    fn from(r: &DomainReferences) -> Self {
        let text = |t: Option<&str>| t.map(str::to_owned);
        References {
            reference: text(r.reference.as_ref().map(|x| x.as_str())),
            minute_number: text(r.minute_number.as_ref().map(|x| x.as_str())),
            source_url: text(r.source_url.as_ref().map(|x| x.as_str())),
            source_id: text(r.source_id.as_ref().map(|x| x.as_str())),
        }
    }
}

/// A link from this record to another decision of the council.
#[derive(SimpleObject)]
pub struct DecisionLink {
    /// How they relate.
    pub relation: DecisionRelation,
    /// The other decision's id.
    pub decision_id: Uuid,
}

impl From<&DomainLink> for DecisionLink {
    fn from(link: &DomainLink) -> Self {
        DecisionLink {
            relation: link.relation.into(),
            decision_id: link.decision_id.as_uuid(),
        }
    }
}

/// The meeting (and agenda item) where a decision was taken.
#[derive(SimpleObject)]
#[graphql(complex)]
pub struct MeetingItem {
    /// The meeting's id.
    pub meeting_id: Uuid,
    /// The agenda item's id, if known.
    pub agenda_item_id: Option<Uuid>,
}

impl From<&MeetingItemRef> for MeetingItem {
    fn from(m: &MeetingItemRef) -> Self {
        MeetingItem {
            meeting_id: m.meeting_id.as_uuid(),
            agenda_item_id: m.agenda_item_id.map(|id| id.as_uuid()),
        }
    }
}

#[ComplexObject]
impl MeetingItem {
    /// The meeting itself, as the caller may see it; null if the register holds no such meeting
    /// (the record named one that was never entered). Its `items` carry the agenda item's `uuid`.
    async fn meeting(&self, ctx: &Context<'_>) -> Result<Option<Meeting>, ApiError> {
        let request = RequestContext::of(ctx)?;
        let id = MeetingId::from_uuid(self.meeting_id);
        Ok(request.loader()?.load_one(id).await?.map(Meeting))
    }
}
