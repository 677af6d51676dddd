//! The people on a record: the lead member, declarations of interest and the vote. Members are
//! the people the council lists (`Council::member`), referred to by id where the clerk knows
//! them, and always by the name the record showed.

use crate::values::{LongText, MemberId, Name};
use serde::{Deserialize, Serialize};

/// A member as named on the record: the member in the council's list, if identified, and the
/// name as the page showed it ("Cllr Mrs J Smith").
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct MemberRef {
    /// The member in the council's list, if the clerk identified them.
    #[serde(rename = "member_id")]
    pub member_id: Option<MemberId>,
    /// The name as shown on the record.
    #[serde(rename = "name_as_shown")]
    pub name_as_shown: Name,
}

/// A member's declared interest, and any dispensation granted.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DeclaredInterest {
    /// The member who declared it.
    #[serde(rename = "member")]
    pub member: MemberRef,
    /// The interest as recorded.
    #[serde(rename = "interest")]
    pub interest: LongText,
    /// The dispensation granted, if any.
    #[serde(rename = "dispensation")]
    pub dispensation: Option<LongText>,
}

/// "Declarations of interest": a page that says "None" has stated something, unlike one that
/// leaves the heading out.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(tag = "kind")]
pub enum Interests {
    /// The record says nothing about interests.
    #[default]
    #[serde(rename = "not_stated")]
    NotStated,
    /// The record states that none were declared.
    #[serde(rename = "none_declared")]
    NoneDeclared,
    /// The interests declared (at least one; see `DecisionError::EmptyDeclaredInterests`).
    #[serde(rename = "declared")]
    Declared {
        /// The declarations, in the order recorded.
        #[serde(rename = "interests")]
        interests: Vec<DeclaredInterest>,
    },
}

impl Interests {
    /// The declarations (none unless declared).
    pub fn declared(&self) -> &[DeclaredInterest] {
        match self {
            Interests::Declared { interests } => interests,
            Interests::NotStated | Interests::NoneDeclared => &[],
        }
    }
}

/// How one member voted, where the record names votes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum VoteCast {
    /// For the motion.
    #[serde(rename = "for")]
    For,
    /// Against it.
    #[serde(rename = "against")]
    Against,
    /// Abstained.
    #[serde(rename = "abstained")]
    Abstained,
    /// Present but did not vote (or was recorded as not voting).
    #[serde(rename = "did_not_vote")]
    DidNotVote,
}

/// A member's recorded vote.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct NamedVote {
    /// Who.
    #[serde(rename = "member")]
    pub member: MemberRef,
    /// How they voted.
    #[serde(rename = "cast")]
    pub cast: VoteCast,
}

/// The vote on the motion as recorded: whatever parts the record gives. Counts and named votes
/// are both kept when both are given, even if they disagree (a warning says so).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Vote {
    /// Who moved it.
    #[serde(rename = "proposer")]
    pub proposer: Option<MemberRef>,
    /// Who seconded it.
    #[serde(rename = "seconder")]
    pub seconder: Option<MemberRef>,
    /// Votes for, if counted.
    #[serde(rename = "for")]
    pub votes_for: Option<u32>,
    /// Votes against, if counted.
    #[serde(rename = "against")]
    pub votes_against: Option<u32>,
    /// Abstentions, if counted.
    #[serde(rename = "abstained")]
    pub abstained: Option<u32>,
    /// Named votes, where recorded (a recorded vote).
    #[serde(rename = "named")]
    pub named: Vec<NamedVote>,
    /// The vote as the record wrote it, e.g. "Carried unanimously" or "For 6, Against 3".
    #[serde(rename = "as_given")]
    pub as_given: Option<LongText>,
}

impl Vote {
    /// The named votes' tally that disagrees with a stated count, if any: (cast, stated, named).
    pub fn count_disagreeing_with_names(&self) -> Option<(VoteCast, u32, u32)> {
        if self.named.is_empty() {
            return None;
        }
        [
            (VoteCast::For, self.votes_for),
            (VoteCast::Against, self.votes_against),
            (VoteCast::Abstained, self.abstained),
        ]
        .into_iter()
        .find_map(|(cast, stated)| {
            let stated = stated?;
            let named = self.named.iter().filter(|v| v.cast == cast).count();
            let named = u32::try_from(named).unwrap_or(u32::MAX);
            (named != stated).then_some((cast, stated, named))
        })
    }

    /// Every member the vote names (proposer, seconder, named votes).
    pub fn members(&self) -> impl Iterator<Item = &MemberRef> {
        self.proposer
            .iter()
            .chain(self.seconder.iter())
            .chain(self.named.iter().map(|v| &v.member))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(name: &str) -> MemberRef {
        MemberRef {
            member_id: None,
            name_as_shown: Name::parse(name).unwrap(),
        }
    }

    #[test]
    fn none_declared_and_not_stated_are_different_values() {
        assert_eq!(
            serde_json::to_value(Interests::NoneDeclared).unwrap(),
            serde_json::json!({"kind": "none_declared"})
        );
        assert_eq!(
            serde_json::to_value(Interests::NotStated).unwrap(),
            serde_json::json!({"kind": "not_stated"})
        );
    }

    #[test]
    fn named_votes_that_do_not_add_up_to_the_count_are_found() {
        let vote = Vote {
            votes_for: Some(2),
            named: vec![
                NamedVote {
                    member: member("Cllr A"),
                    cast: VoteCast::For,
                },
                NamedVote {
                    member: member("Cllr B"),
                    cast: VoteCast::Against,
                },
            ],
            ..Vote::default()
        };
        assert_eq!(
            vote.count_disagreeing_with_names(),
            Some((VoteCast::For, 2, 1))
        );
        let counts_only = Vote {
            votes_for: Some(9),
            ..Vote::default()
        };
        assert_eq!(counts_only.count_disagreeing_with_names(), None);
    }
}
