//! The decision lifecycle: its states, which command each state allows, and
//! the values that transitions record.

use super::{DecisionCommandKind, Outcome, Resolutions};
use crate::council::{BodyKind, CallInRule};
use crate::values::{Name, Reason, ValueError};
use serde::{Deserialize, Serialize};

/// Where a decision is in its life.
///
/// ```text
/// Made ──Publish──▶ Published ──TakeEffect──▶ Effective ──Implement──▶ Implemented
///  │ ▲ │               │  ▲                      ▲   ▲
///  │ │ │               │  └WithdrawCallIn/RuleCallInInvalid┐   │
///  │ └Resume─ Deferred  └CallIn▶ CalledIn ─NoFurtherAction┘   │
///  └Defer──▶┘    │                  └referral▶ AwaitingReconsideration ─Reconsider┘
///                │              (full council may first refer it back: it stays awaiting)
///                └RecommendToFullCouncil (also from Published)▶ RecommendedToFullCouncil
///                                                         (─LinkFullCouncilDecision)
/// Made ─TakeEffect/Implement▶ when no publication was stated (with warnings).
/// A call-in that does not suspend the decision leaves the state as it is (Published,
/// Effective or Implemented) while it runs.
/// Withdraw: any state before Effective. Abandon: Made, Deferred, AwaitingReconsideration,
/// RecommendedToFullCouncil.
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DecisionStatus {
    /// Taken and recorded, not yet published.
    #[serde(rename = "made")]
    Made,
    /// Put off before publication.
    #[serde(rename = "deferred")]
    Deferred,
    /// Published; in its call-in period or waiting to take effect.
    #[serde(rename = "published")]
    Published,
    /// Called in by members; suspended.
    #[serde(rename = "called_in")]
    CalledIn,
    /// Referred back to the decision maker or to full council.
    #[serde(rename = "awaiting_reconsideration")]
    AwaitingReconsideration,
    /// In effect.
    #[serde(rename = "effective")]
    Effective,
    /// Carried out.
    #[serde(rename = "implemented")]
    Implemented,
    /// Withdrawn before it took effect.
    #[serde(rename = "withdrawn")]
    Withdrawn,
    /// Abandoned: it will not go ahead.
    #[serde(rename = "abandoned")]
    Abandoned,
    /// A recommendation to full council rather than a decision: it does not take effect on
    /// its own; full council decides (see `LinkFullCouncilDecision`).
    #[serde(rename = "recommended_to_full_council")]
    RecommendedToFullCouncil,
}

impl DecisionStatus {
    /// Whether a command of this kind may be applied in this state. Record
    /// and the rules that need the data (dates, call-in terms) are checked by
    /// the handler; this is the state machine only.
    pub fn allows(self, command: DecisionCommandKind) -> bool {
        use DecisionCommandKind as K;
        use DecisionStatus as S;
        match command {
            K::Record => false,
            K::Correct | K::NoteSource => true,
            K::Publish | K::Defer | K::ExemptFromCallIn => self == S::Made,
            // A page may show the recommendation published first.
            K::RecommendToFullCouncil => matches!(self, S::Made | S::Published),
            K::Resume => self == S::Deferred,
            // From Made only when no publication was stated: the handler warns.
            K::TakeEffect => matches!(self, S::Published | S::Made),
            // A suspending call-in needs Published; one that does not suspend the decision
            // may also come once it is in effect (the handler tells them apart).
            K::CallIn => matches!(self, S::Published | S::Effective | S::Implemented),
            // The handler also needs an open call-in.
            K::ResolveCallIn | K::WithdrawCallIn | K::RuleCallInInvalid => matches!(
                self,
                S::CalledIn | S::Published | S::Effective | S::Implemented
            ),
            K::Reconsider => self == S::AwaitingReconsideration,
            K::Implement => matches!(self, S::Effective | S::Made),
            K::LinkFullCouncilDecision => self == S::RecommendedToFullCouncil,
            K::Withdraw => matches!(
                self,
                S::Made
                    | S::Deferred
                    | S::Published
                    | S::CalledIn
                    | S::AwaitingReconsideration
                    | S::RecommendedToFullCouncil
            ),
            K::Abandon => matches!(
                self,
                S::Made | S::Deferred | S::AwaitingReconsideration | S::RecommendedToFullCouncil
            ),
        }
    }

    /// The state's name, for messages.
    pub fn name(self) -> &'static str {
        match self {
            DecisionStatus::Made => "Made",
            DecisionStatus::Deferred => "Deferred",
            DecisionStatus::Published => "Published",
            DecisionStatus::CalledIn => "CalledIn",
            DecisionStatus::AwaitingReconsideration => "AwaitingReconsideration",
            DecisionStatus::Effective => "Effective",
            DecisionStatus::Implemented => "Implemented",
            DecisionStatus::Withdrawn => "Withdrawn",
            DecisionStatus::Abandoned => "Abandoned",
            DecisionStatus::RecommendedToFullCouncil => "RecommendedToFullCouncil",
        }
    }
}

impl std::fmt::Display for DecisionStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// The call-in terms a decision was published under.
///
/// v1 payloads (`DecisionPublished` v1) held a window as `period_working_days`,
/// `counted_from` and `takes_effect`; the upcaster lifts them to a [`CallInRule`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind")]
pub enum CallInTerms {
    /// A call-in window under the council's policy at publication.
    #[serde(rename = "window")]
    Window {
        /// The rule that gave the window.
        #[serde(rename = "rule")]
        rule: CallInRule,
        /// The kind of decision maker whose own arrangement gave the rule; `None` when the
        /// council-wide rule applied.
        #[serde(rename = "decision_maker_kind")]
        decision_maker_kind: Option<BodyKind>,
    },
    /// The record says it is not subject to call-in: it takes effect at once.
    #[serde(rename = "not_subject_to_call_in")]
    NotSubjectToCallIn,
    /// The record does not say, and the council's policy makes decisions of this kind of
    /// decision maker not subject to call-in: it takes effect at once.
    #[serde(rename = "not_subject_under_policy")]
    NotSubjectUnderPolicy {
        /// The kind of decision maker.
        #[serde(rename = "decision_maker_kind")]
        decision_maker_kind: BodyKind,
    },
    /// Exempted from call-in for urgency: it takes effect at once.
    #[serde(rename = "exempted_for_urgency")]
    ExemptedForUrgency,
}

/// Lifts call-in terms as first stored (`DecisionPublished` v1, and decision views written
/// before deadline forms) to today's shape: a window's `period_working_days`, `counted_from`
/// and `takes_effect` become its rule, with no stated time and no kind of decision maker;
/// other terms are unchanged.
///
/// # Errors
/// A message naming the missing field if a v1 window lacks one.
pub fn lift_call_in_terms_v1(v1: &serde_json::Value) -> Result<serde_json::Value, String> {
    let mut terms = v1.clone();
    let Some(obj) = terms.as_object_mut() else {
        return Err("call-in terms are not an object".to_owned());
    };
    if obj.get("kind").and_then(serde_json::Value::as_str) != Some("window")
        || obj.contains_key("rule")
    {
        return Ok(terms);
    }
    let mut take = |name: &str| {
        obj.remove(name)
            .ok_or_else(|| format!("v1 window has no {name:?}"))
    };
    let period = take("period_working_days")?;
    let counted_from = take("counted_from")?;
    let takes_effect = take("takes_effect")?;
    obj.insert(
        "rule".to_owned(),
        serde_json::json!({
            "deadline": {"form": "working_days", "working_days": period},
            "deadline_time": null,
            "counted_from": counted_from,
            "takes_effect": takes_effect,
        }),
    );
    obj.insert("decision_maker_kind".to_owned(), serde_json::Value::Null);
    Ok(terms)
}

impl CallInTerms {
    /// Whether members could call the decision in.
    pub fn has_window(&self) -> bool {
        matches!(self, CallInTerms::Window { .. })
    }
}

/// Where the recorded call-in deadline and effective date came from.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind")]
pub enum DateBasis {
    /// Computed from the council's policy and calendar.
    #[serde(rename = "computed")]
    Computed,
    /// Given explicitly, differing from the rule, with a reason: a deliberate
    /// override.
    #[serde(rename = "override")]
    Override {
        /// Why the dates differ from the rule.
        #[serde(rename = "reason")]
        reason: Reason,
    },
    /// Given explicitly (e.g. from an imported register), differing from the
    /// rule, with no reason: kept as published, and flagged with a warning.
    #[serde(rename = "as_published")]
    AsPublished,
}

/// The result of a call-in hearing by the scrutiny committee.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CallInOutcome {
    /// No further action: the decision takes effect.
    #[serde(rename = "no_further_action")]
    NoFurtherAction,
    /// Referred back to the decision maker to reconsider.
    #[serde(rename = "referred_back_to_decision_maker")]
    ReferredBackToDecisionMaker,
    /// Referred to full council.
    #[serde(rename = "referred_to_full_council")]
    ReferredToFullCouncil,
}

/// What the decision maker (or full council) did on reconsideration, as commanded.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub enum Reconsideration {
    /// The original decision stands.
    Confirmed,
    /// The decision was amended: these resolutions replace the old ones.
    Amended(Resolutions),
    /// Full council, to which the call-in referred it, objected and referred it back to the
    /// decision maker, which has yet to reconsider (full council cannot change an executive
    /// decision itself).
    ReferredBackByFullCouncil,
}

/// What reconsideration produced, as recorded in the event (with the
/// outcome the amendment leads to, so `apply` has nothing to decide).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "result")]
pub enum ReconsiderationResult {
    /// The original decision stands.
    #[serde(rename = "confirmed")]
    Confirmed,
    /// The decision was amended.
    #[serde(rename = "amended")]
    Amended {
        /// The new resolutions.
        #[serde(rename = "resolutions")]
        resolutions: Resolutions,
        /// The outcome after amendment; `None` when the record stated no outcome (v2).
        #[serde(rename = "outcome")]
        outcome: Option<Outcome>,
    },
    /// Full council referred it back to the decision maker: still awaiting reconsideration.
    #[serde(rename = "referred_back_by_full_council")]
    ReferredBackByFullCouncil,
}

/// The members calling a decision in: at least one, each named once (order
/// as given).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "Vec<Name>", into = "Vec<Name>")]
pub struct CallInMembers(Vec<Name>);

impl CallInMembers {
    /// Accepts one or more members; repeated names are dropped.
    pub fn parse(members: Vec<Name>) -> Result<Self, ValueError> {
        let mut unique: Vec<Name> = Vec::with_capacity(members.len());
        for m in members {
            if !unique.contains(&m) {
                unique.push(m);
            }
        }
        if unique.is_empty() {
            return Err(ValueError::Blank {
                what: "call-in members",
            });
        }
        Ok(Self(unique))
    }

    /// The members.
    pub fn as_slice(&self) -> &[Name] {
        &self.0
    }
}

impl TryFrom<Vec<Name>> for CallInMembers {
    type Error = ValueError;
    fn try_from(value: Vec<Name>) -> Result<Self, Self::Error> {
        Self::parse(value)
    }
}

impl From<CallInMembers> for Vec<Name> {
    fn from(value: CallInMembers) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use DecisionCommandKind as K;
    use DecisionStatus as S;

    #[test]
    fn only_a_made_decision_can_be_published_deferred_or_exempted() {
        for k in [K::Publish, K::Defer, K::ExemptFromCallIn] {
            assert!(S::Made.allows(k));
            for s in [
                S::Deferred,
                S::Published,
                S::CalledIn,
                S::Effective,
                S::Withdrawn,
            ] {
                assert!(!s.allows(k), "{s} should not allow {k:?}");
            }
        }
    }

    #[test]
    fn withdrawal_is_possible_only_before_the_decision_takes_effect() {
        for s in [
            S::Made,
            S::Deferred,
            S::Published,
            S::CalledIn,
            S::AwaitingReconsideration,
        ] {
            assert!(s.allows(K::Withdraw));
        }
        for s in [S::Effective, S::Implemented, S::Withdrawn, S::Abandoned] {
            assert!(!s.allows(K::Withdraw));
        }
    }

    #[test]
    fn corrections_are_allowed_in_every_state_and_record_in_none() {
        for s in [
            S::Made,
            S::Deferred,
            S::Published,
            S::CalledIn,
            S::AwaitingReconsideration,
            S::Effective,
            S::Implemented,
            S::Withdrawn,
            S::Abandoned,
        ] {
            assert!(s.allows(K::Correct));
            assert!(!s.allows(K::Record));
        }
    }

    #[test]
    fn call_in_members_must_name_someone() {
        assert!(CallInMembers::parse(vec![]).is_err());
        let a = Name::parse("Cllr A").unwrap();
        assert_eq!(
            CallInMembers::parse(vec![a.clone(), a.clone()])
                .unwrap()
                .as_slice(),
            &[a]
        );
    }

    #[test]
    fn call_in_steps_need_a_state_a_call_in_can_be_open_in() {
        for k in [K::ResolveCallIn, K::WithdrawCallIn, K::RuleCallInInvalid] {
            for s in [S::CalledIn, S::Published, S::Effective, S::Implemented] {
                assert!(s.allows(k), "{s} should allow {k:?}");
            }
            for s in [
                S::Made,
                S::Deferred,
                S::AwaitingReconsideration,
                S::Withdrawn,
                S::Abandoned,
                S::RecommendedToFullCouncil,
            ] {
                assert!(!s.allows(k), "{s} should not allow {k:?}");
            }
        }
    }

    #[test]
    fn an_unpublished_record_may_take_effect_or_be_implemented_but_a_recommendation_not() {
        assert!(S::Made.allows(K::TakeEffect));
        assert!(S::Made.allows(K::Implement));
        for k in [K::TakeEffect, K::Implement, K::CallIn, K::Publish] {
            assert!(!S::RecommendedToFullCouncil.allows(k));
            assert!(!S::Deferred.allows(k));
        }
        assert!(S::RecommendedToFullCouncil.allows(K::LinkFullCouncilDecision));
        assert!(S::RecommendedToFullCouncil.allows(K::Withdraw));
        assert!(S::Made.allows(K::RecommendToFullCouncil));
        assert!(S::Published.allows(K::RecommendToFullCouncil));
        assert!(!S::CalledIn.allows(K::RecommendToFullCouncil));
    }
}
