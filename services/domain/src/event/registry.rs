//! The table of every event: its variant, payload type, public name and
//! current schema version. Adding an event variant without a row here fails
//! to compile, so nothing can be stored unnamed.

use super::Event;
use crate::council::*;
use crate::decision::*;
use crate::forward_plan::*;
use crate::meeting::*;
use crate::personal::PersonalDataErased;
use crate::strategy::*;
use serde_json::Value;

macro_rules! event_table {
    ($( $outer:ident ( $inner:ident :: $variant:ident ( $payload:ident ) ) = $name:literal v $version:literal ; )*) => {
        /// Every event type this build can decode, with its current schema
        /// version: the public catalogue of the log format.
        pub const EVENT_TYPES: &[(&str, u16)] = &[ $( ($name, $version) ),* ];

        impl Event {
            /// The event's permanent public name, e.g. `"DecisionPublished"`.
            pub fn event_type(&self) -> &'static str {
                match self {
                    $( Event::$outer($inner::$variant(_)) => $name, )*
                }
            }

            /// The schema version of the payload this build writes.
            pub fn schema_version(&self) -> u16 {
                match self {
                    $( Event::$outer($inner::$variant(_)) => $version, )*
                }
            }

            /// The payload as JSON.
            pub(crate) fn payload_value(&self) -> Result<Value, serde_json::Error> {
                match self {
                    $( Event::$outer($inner::$variant(p)) => serde_json::to_value(p), )*
                }
            }
        }

        /// Deserialises a payload already at the current version; `None` for
        /// an unknown type.
        pub(crate) fn deserialize_current(event_type: &str, payload: Value) -> Option<Result<Event, serde_json::Error>> {
            match event_type {
                $( $name => Some(serde_json::from_value::<$payload>(payload).map(|p| Event::$outer($inner::$variant(p)))), )*
                _ => None,
            }
        }
    };
}

event_table! {
    Council(CouncilEvent::Registered(CouncilRegistered)) = "CouncilRegistered" v 2;
    Council(CouncilEvent::Renamed(CouncilRenamed)) = "CouncilRenamed" v 1;
    Council(CouncilEvent::WardAdded(WardAdded)) = "WardAdded" v 1;
    Council(CouncilEvent::WardRenamed(WardRenamed)) = "WardRenamed" v 1;
    Council(CouncilEvent::WardRetired(WardRetired)) = "WardRetired" v 1;
    Council(CouncilEvent::MemberAdded(MemberAdded)) = "MemberAdded" v 1;
    Council(CouncilEvent::MemberLeft(MemberLeft)) = "MemberLeft" v 1;
    Council(CouncilEvent::BodyAdded(BodyAdded)) = "BodyAdded" v 2;
    Council(CouncilEvent::BodyRenamed(BodyRenamed)) = "BodyRenamed" v 1;
    Council(CouncilEvent::BodyRetired(BodyRetired)) = "BodyRetired" v 1;
    Council(CouncilEvent::KeyDecisionThresholdsSet(KeyDecisionThresholdsSet)) = "KeyDecisionThresholdsSet" v 1;
    Council(CouncilEvent::CallInPolicySet(CallInPolicySet)) = "CallInPolicySet" v 2;
    Council(CouncilEvent::ClosureDayAdded(ClosureDayAdded)) = "ClosureDayAdded" v 1;
    Council(CouncilEvent::ClosureDayRemoved(ClosureDayRemoved)) = "ClosureDayRemoved" v 1;
    Council(CouncilEvent::StatusLabelMapped(StatusLabelMapped)) = "StatusLabelMapped" v 1;
    Council(CouncilEvent::StatusLabelUnmapped(StatusLabelUnmapped)) = "StatusLabelUnmapped" v 1;
    Council(CouncilEvent::ForwardPlanPublished(ForwardPlanPublished)) = "ForwardPlanPublished" v 1;
    Council(CouncilEvent::ForwardPlanRefreshed(ForwardPlanRefreshed)) = "ForwardPlanRefreshed" v 1;
    Council(CouncilEvent::PersonalDataErased(PersonalDataErased)) = "PersonalDataErased" v 1;
    ForwardPlan(ForwardPlanEvent::Entered(ForwardPlanEntryEntered)) = "ForwardPlanEntryEntered" v 2;
    ForwardPlan(ForwardPlanEvent::Rescheduled(ForwardPlanEntryRescheduled)) = "ForwardPlanEntryRescheduled" v 2;
    ForwardPlan(ForwardPlanEvent::Withdrawn(ForwardPlanEntryWithdrawn)) = "ForwardPlanEntryWithdrawn" v 1;
    ForwardPlan(ForwardPlanEvent::Abandoned(ForwardPlanEntryAbandoned)) = "ForwardPlanEntryAbandoned" v 1;
    ForwardPlan(ForwardPlanEvent::DecisionLinked(ForwardPlanEntryDecisionLinked)) = "ForwardPlanEntryDecisionLinked" v 1;
    ForwardPlan(ForwardPlanEvent::StatusChanged(ForwardPlanEntryStatusChanged)) = "ForwardPlanEntryStatusChanged" v 1;
    ForwardPlan(ForwardPlanEvent::ListedOnPlan(ForwardPlanEntryListedOnPlan)) = "ForwardPlanEntryListedOnPlan" v 1;
    ForwardPlan(ForwardPlanEvent::Corrected(ForwardPlanEntryCorrected)) = "ForwardPlanEntryCorrected" v 1;
    ForwardPlan(ForwardPlanEvent::SourceNoted(ForwardPlanEntrySourceNoted)) = "ForwardPlanEntrySourceNoted" v 1;
    Decision(DecisionEvent::Recorded(DecisionRecorded)) = "DecisionRecorded" v 2;
    Decision(DecisionEvent::Published(DecisionPublished)) = "DecisionPublished" v 2;
    Decision(DecisionEvent::CalledIn(DecisionCalledIn)) = "DecisionCalledIn" v 2;
    Decision(DecisionEvent::CallInWithdrawn(DecisionCallInWithdrawn)) = "DecisionCallInWithdrawn" v 1;
    Decision(DecisionEvent::CallInRuledInvalid(DecisionCallInRuledInvalid)) = "DecisionCallInRuledInvalid" v 1;
    Decision(DecisionEvent::RecommendedToFullCouncil(DecisionRecommendedToFullCouncil)) = "DecisionRecommendedToFullCouncil" v 1;
    Decision(DecisionEvent::FullCouncilDecisionLinked(DecisionFullCouncilDecisionLinked)) = "DecisionFullCouncilDecisionLinked" v 1;
    Decision(DecisionEvent::CallInResolved(DecisionCallInResolved)) = "DecisionCallInResolved" v 1;
    Decision(DecisionEvent::Reconsidered(DecisionReconsidered)) = "DecisionReconsidered" v 2;
    Decision(DecisionEvent::ExemptedFromCallIn(DecisionExemptedFromCallIn)) = "DecisionExemptedFromCallIn" v 1;
    Decision(DecisionEvent::TookEffect(DecisionTookEffect)) = "DecisionTookEffect" v 1;
    Decision(DecisionEvent::Implemented(DecisionImplemented)) = "DecisionImplemented" v 1;
    Decision(DecisionEvent::Deferred(DecisionDeferred)) = "DecisionDeferred" v 1;
    Decision(DecisionEvent::Resumed(DecisionResumed)) = "DecisionResumed" v 1;
    Decision(DecisionEvent::Withdrawn(DecisionWithdrawn)) = "DecisionWithdrawn" v 1;
    Decision(DecisionEvent::Abandoned(DecisionAbandoned)) = "DecisionAbandoned" v 1;
    Decision(DecisionEvent::Corrected(DecisionCorrected)) = "DecisionCorrected" v 2;
    Decision(DecisionEvent::SourceNoted(DecisionSourceNoted)) = "DecisionSourceNoted" v 1;
    Strategy(StrategyEvent::Created(StrategyDocumentCreated)) = "StrategyDocumentCreated" v 2;
    Strategy(StrategyEvent::Renamed(StrategyDocumentRenamed)) = "StrategyDocumentRenamed" v 1;
    Strategy(StrategyEvent::VersionDrafted(StrategyVersionDrafted)) = "StrategyVersionDrafted" v 2;
    Strategy(StrategyEvent::VersionApproved(StrategyVersionApproved)) = "StrategyVersionApproved" v 1;
    Strategy(StrategyEvent::VersionNoted(StrategyVersionNoted)) = "StrategyVersionNoted" v 1;
    Meeting(MeetingEvent::Recorded(MeetingRecorded)) = "MeetingRecorded" v 1;
    Meeting(MeetingEvent::Corrected(MeetingCorrected)) = "MeetingCorrected" v 1;
    Meeting(MeetingEvent::Cancelled(MeetingCancelled)) = "MeetingCancelled" v 1;
    Meeting(MeetingEvent::SourceNoted(MeetingSourceNoted)) = "MeetingSourceNoted" v 1;
    Strategy(StrategyEvent::StatusChanged(StrategyStatusChanged)) = "StrategyStatusChanged" v 1;
}
