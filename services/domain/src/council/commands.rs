//! What can be asked of a council (tenant) aggregate.

use super::{BodyKind, CallInPolicy, CanonicalStatus, CouncilKind, KeyDecisionThresholds};
use crate::nation::Nation;
use crate::values::{BodyId, MemberId, Name, Reason, Slug, StatusLabel, WardId};
use chrono::NaiveDate;

/// A command for the council stream. Holds validated values only.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[allow(
    clippy::large_enum_variant,
    reason = "short-lived values matched by shape; boxing would only obscure the public API"
)]
pub enum CouncilCommand {
    /// Register the council as a tenant, seeding the usual call-in policy and
    /// status labels.
    Register {
        /// URL-safe tenant identifier.
        slug: Slug,
        /// Full name, e.g. "Maidstone Borough Council".
        name: Name,
        /// Legal kind.
        kind: CouncilKind,
        /// Nation, which picks bank holidays and the exemption scheme.
        nation: Nation,
    },
    /// Change the council's name (e.g. on gaining borough status).
    Rename {
        /// The new name.
        name: Name,
    },
    /// Add a ward.
    AddWard {
        /// Id to give the ward.
        ward: WardId,
        /// Its name.
        name: Name,
    },
    /// Rename a ward, keeping its id.
    RenameWard {
        /// The ward.
        ward: WardId,
        /// The new name.
        name: Name,
    },
    /// Record that a ward ceased to exist (boundary review).
    RetireWard {
        /// The ward.
        ward: WardId,
        /// First day it no longer exists.
        on: NaiveDate,
    },
    /// Add a member (councillor) to the council's list.
    AddMember {
        /// Id to give the member.
        member: MemberId,
        /// Their name, e.g. "Cllr Paul Taylor".
        name: Name,
        /// Their party or group, if the council lists one.
        party: Option<Name>,
    },
    /// Record that a member left office; their id stays so old records still name them.
    RecordMemberLeft {
        /// The member.
        member: MemberId,
        /// First day they no longer hold office.
        on: NaiveDate,
    },
    /// Add a decision-making body.
    AddBody {
        /// Id to give the body.
        body: BodyId,
        /// Its name.
        name: Name,
        /// Its kind.
        kind: BodyKind,
    },
    /// Rename a body, keeping its id.
    RenameBody {
        /// The body.
        body: BodyId,
        /// The new name.
        name: Name,
    },
    /// Record that a body was dissolved.
    RetireBody {
        /// The body.
        body: BodyId,
        /// First day it no longer exists.
        on: NaiveDate,
    },
    /// Set the key-decision thresholds.
    SetKeyDecisionThresholds {
        /// The thresholds.
        thresholds: KeyDecisionThresholds,
    },
    /// Set the call-in policy.
    SetCallInPolicy {
        /// The policy.
        policy: CallInPolicy,
    },
    /// Add a day the council's offices are closed (not a working day for
    /// call-in), e.g. the days between Christmas and New Year.
    AddClosureDay {
        /// The day.
        date: NaiveDate,
        /// Why, if known.
        reason: Option<Reason>,
    },
    /// Remove a closure day added by mistake.
    RemoveClosureDay {
        /// The day.
        date: NaiveDate,
    },
    /// Map one of the council's status labels to its canonical meaning
    /// (adds it, or remaps it).
    MapStatusLabel {
        /// The council's words.
        label: StatusLabel,
        /// Their meaning.
        status: CanonicalStatus,
    },
    /// Forget a status label.
    UnmapStatusLabel {
        /// The council's words.
        label: StatusLabel,
    },
    /// Publish or refresh a forward plan document (kept in the council stream: see
    /// `forward_plan::document`).
    ForwardPlan(crate::forward_plan::PlanCommand),
    /// Erase personal values for good (the application layer finds them and deletes them beside
    /// the log in the same transaction as the event is appended).
    ErasePersonalData {
        /// The commitments of the values to erase.
        commitments: Vec<String>,
        /// The streams of the records that held them.
        records: Vec<String>,
        /// Why.
        reason: Reason,
    },
}

impl CouncilCommand {
    /// The command's name, for errors and logs.
    pub fn name(&self) -> &'static str {
        match self {
            CouncilCommand::Register { .. } => "Register",
            CouncilCommand::Rename { .. } => "Rename",
            CouncilCommand::AddWard { .. } => "AddWard",
            CouncilCommand::RenameWard { .. } => "RenameWard",
            CouncilCommand::RetireWard { .. } => "RetireWard",
            CouncilCommand::AddMember { .. } => "AddMember",
            CouncilCommand::RecordMemberLeft { .. } => "RecordMemberLeft",
            CouncilCommand::AddBody { .. } => "AddBody",
            CouncilCommand::RenameBody { .. } => "RenameBody",
            CouncilCommand::RetireBody { .. } => "RetireBody",
            CouncilCommand::SetKeyDecisionThresholds { .. } => "SetKeyDecisionThresholds",
            CouncilCommand::SetCallInPolicy { .. } => "SetCallInPolicy",
            CouncilCommand::AddClosureDay { .. } => "AddClosureDay",
            CouncilCommand::RemoveClosureDay { .. } => "RemoveClosureDay",
            CouncilCommand::MapStatusLabel { .. } => "MapStatusLabel",
            CouncilCommand::UnmapStatusLabel { .. } => "UnmapStatusLabel",
            CouncilCommand::ForwardPlan(crate::forward_plan::PlanCommand::Publish { .. }) => {
                "PublishForwardPlan"
            }
            CouncilCommand::ForwardPlan(crate::forward_plan::PlanCommand::Refresh { .. }) => {
                "RefreshForwardPlan"
            }
            CouncilCommand::ErasePersonalData { .. } => "ErasePersonalData",
        }
    }
}
