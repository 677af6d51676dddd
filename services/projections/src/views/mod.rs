//! The views the register shows, one file per aggregate. They are stored as the read models'
//! JSON documents and returned by the queries, so they derive both `Serialize` and
//! `Deserialize`; each is built from a folded aggregate by a pure constructor.

pub mod council;
pub mod decision;
pub mod forward_plan;
pub mod history;
pub mod meeting;
pub mod plan_document;
pub mod record;
mod redact;
pub mod strategy;
pub mod withheld;

pub use council::{BodyView, ClosureDayView, CouncilView, MemberView, WardView};
pub use decision::{
    Audience, CallInEndKind, CallInEndView, CallInRequestView, CallInView, CorrectionView,
    DecisionView, DeferralView, Detail, ExemptionView, ImplementationView, RecommendationView,
    ReconsiderationView,
};
pub use forward_plan::{
    AnticipatedRestrictionKind, AnticipatedRestrictionView, EntryContactView, EntryCorrectionView,
    ForwardPlanStatusView, ForwardPlanView, ReschedulingView, StatusChangeView, WardsView,
};
pub use meeting::{
    AgendaItemView, CancellationView, ExclusionView, MeetingBodyView, MeetingCorrectionView,
    MeetingRecordView, MeetingStatusView, MeetingView,
};
pub use plan_document::{ForwardPlanDocumentView, PlanRef};
pub use record::{DocumentView, RecordView, WardsAffectedView, WithheldField};
pub use strategy::{
    StrategyDocumentView, StrategyStatusView, StrategyVersionView, TitleView, VersionDecisionView,
    VersionRoleView, VersionStatusView,
};
pub use withheld::{BodyNameRef, WardRef, WithheldNotice};
