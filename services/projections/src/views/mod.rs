//! The views the register shows, one file per aggregate. They are stored as the read models'
//! JSON documents and returned by the queries, so they derive both `Serialize` and
//! `Deserialize`; each is built from a folded aggregate by a pure constructor.

pub mod council;
pub mod decision;
pub mod forward_plan;
pub mod record;
mod redact;
pub mod strategy;
pub mod withheld;

pub use council::{BodyView, ClosureDayView, CouncilView, WardView};
pub use decision::{
    Audience, CallInEndKind, CallInEndView, CallInRequestView, CallInView, CorrectionView,
    DecisionView, DeferralView, Detail, ExemptionView, ImplementationView, RecommendationView,
    ReconsiderationView,
};
pub use forward_plan::{
    AnticipatedRestrictionKind, AnticipatedRestrictionView, ForwardPlanStatusView, ForwardPlanView,
    ReschedulingView, WardsView,
};
pub use record::{DocumentView, RecordView, WardsAffectedView, WithheldField};
pub use strategy::{
    StrategyDocumentView, StrategyVersionView, TitleView, VersionDecisionView, VersionRoleView,
    VersionStatusView,
};
pub use withheld::{BodyNameRef, WardRef, WithheldNotice};
