//! Inputs of the council commands: registration (platform) and reference data (council).

use super::{Checks, InputErrors};
use async_graphql::InputObject;
use civic_domain::council::{CallInPeriod, CallInPolicy, CouncilCommand, KeyDecisionThresholds};
use civic_domain::values::{BodyId, MemberId, Name, Pence, Reason, Slug, StatusLabel, WardId};
use uuid::Uuid;

use super::{With, at, optional};
use crate::graphql::enums::{
    BodyKind, CanonicalStatus, CouncilKind, CountedFrom, Nation, TakesEffect,
};
use crate::graphql::scalars::Date;

/// A new council (tenant).
#[derive(InputObject, Debug, Clone)]
pub struct RegisterCouncilInput {
    /// Its URL slug: lower-case letters, digits and single hyphens, e.g. `tunbridge-wells`.
    pub slug: String,
    /// Its full name, e.g. "Maidstone Borough Council".
    pub name: String,
    /// Its legal kind.
    pub kind: CouncilKind,
    /// Its nation (bank holidays and exemption scheme).
    pub nation: Nation,
}

impl TryFrom<&RegisterCouncilInput> for CouncilCommand {
    type Error = InputErrors;
    fn try_from(input: &RegisterCouncilInput) -> Result<Self, Self::Error> {
        Ok(CouncilCommand::Register {
            slug: at("slug", Slug::parse(&input.slug))?,
            name: at("name", Name::parse(&input.name))?,
            kind: input.kind.into(),
            nation: input.nation.into(),
        })
    }
}

/// The council's new name.
#[derive(InputObject, Debug, Clone)]
pub struct RenameCouncilInput {
    /// The new name.
    pub name: String,
}

impl TryFrom<&RenameCouncilInput> for CouncilCommand {
    type Error = InputErrors;
    fn try_from(input: &RenameCouncilInput) -> Result<Self, Self::Error> {
        Ok(CouncilCommand::Rename {
            name: at("name", Name::parse(&input.name))?,
        })
    }
}

/// A new ward.
#[derive(InputObject, Debug, Clone)]
pub struct AddWardInput {
    /// The ward's id; defaults to the idempotency key, so a retried request names the same ward.
    pub ward_id: Option<Uuid>,
    /// Its name.
    pub name: String,
}

impl TryFrom<With<'_, AddWardInput, WardId>> for CouncilCommand {
    type Error = InputErrors;
    fn try_from(
        With { input, with: ward }: With<'_, AddWardInput, WardId>,
    ) -> Result<Self, Self::Error> {
        Ok(CouncilCommand::AddWard {
            ward,
            name: at("name", Name::parse(&input.name))?,
        })
    }
}

/// A new member (councillor) in the council's list.
#[derive(InputObject, Debug, Clone)]
pub struct AddMemberInput {
    /// The member's id; defaults to the idempotency key, so a retried request names the same
    /// member.
    pub member_id: Option<Uuid>,
    /// Their name, e.g. "Cllr Paul Taylor".
    pub name: String,
    /// Their party or group, if the council lists one.
    pub party: Option<String>,
}

impl TryFrom<With<'_, AddMemberInput, MemberId>> for CouncilCommand {
    type Error = InputErrors;
    fn try_from(
        With {
            input,
            with: member,
        }: With<'_, AddMemberInput, MemberId>,
    ) -> Result<Self, Self::Error> {
        let mut c = Checks::default();
        let name = c.check(at("name", Name::parse(&input.name)));
        let party = c.check(optional("party", input.party.as_deref(), Name::parse));
        c.finish(|| {
            Some(CouncilCommand::AddMember {
                member,
                name: name?,
                party: party?,
            })
        })
    }
}

/// A member leaving office.
#[derive(InputObject, Debug, Clone)]
pub struct RecordMemberLeftInput {
    /// The member.
    pub member_id: Uuid,
    /// The first day they no longer hold office.
    pub on: Date,
}

impl TryFrom<&RecordMemberLeftInput> for CouncilCommand {
    type Error = InputErrors;
    fn try_from(input: &RecordMemberLeftInput) -> Result<Self, Self::Error> {
        Ok(CouncilCommand::RecordMemberLeft {
            member: MemberId::from_uuid(input.member_id),
            on: input.on.into(),
        })
    }
}

/// A ward's new name.
#[derive(InputObject, Debug, Clone)]
pub struct RenameWardInput {
    /// The ward.
    pub ward_id: Uuid,
    /// Its new name.
    pub name: String,
}

impl TryFrom<&RenameWardInput> for CouncilCommand {
    type Error = InputErrors;
    fn try_from(input: &RenameWardInput) -> Result<Self, Self::Error> {
        Ok(CouncilCommand::RenameWard {
            ward: WardId::from_uuid(input.ward_id),
            name: at("name", Name::parse(&input.name))?,
        })
    }
}

/// A ward abolished by a boundary review.
#[derive(InputObject, Debug, Clone)]
pub struct RetireWardInput {
    /// The ward.
    pub ward_id: Uuid,
    /// The first day it no longer exists.
    pub on: Date,
}

impl TryFrom<&RetireWardInput> for CouncilCommand {
    type Error = InputErrors;
    fn try_from(input: &RetireWardInput) -> Result<Self, Self::Error> {
        Ok(CouncilCommand::RetireWard {
            ward: WardId::from_uuid(input.ward_id),
            on: input.on.into(),
        })
    }
}

/// A new decision-making body.
#[derive(InputObject, Debug, Clone)]
pub struct AddBodyInput {
    /// The body's id; defaults to the idempotency key.
    pub body_id: Option<Uuid>,
    /// Its name, e.g. "Cabinet".
    pub name: String,
    /// Its kind.
    pub kind: BodyKind,
}

impl TryFrom<With<'_, AddBodyInput, BodyId>> for CouncilCommand {
    type Error = InputErrors;
    fn try_from(
        With { input, with: body }: With<'_, AddBodyInput, BodyId>,
    ) -> Result<Self, Self::Error> {
        Ok(CouncilCommand::AddBody {
            body,
            name: at("name", Name::parse(&input.name))?,
            kind: input.kind.into(),
        })
    }
}

/// A body's new name.
#[derive(InputObject, Debug, Clone)]
pub struct RenameBodyInput {
    /// The body.
    pub body_id: Uuid,
    /// Its new name.
    pub name: String,
}

impl TryFrom<&RenameBodyInput> for CouncilCommand {
    type Error = InputErrors;
    fn try_from(input: &RenameBodyInput) -> Result<Self, Self::Error> {
        Ok(CouncilCommand::RenameBody {
            body: BodyId::from_uuid(input.body_id),
            name: at("name", Name::parse(&input.name))?,
        })
    }
}

/// A body dissolved.
#[derive(InputObject, Debug, Clone)]
pub struct RetireBodyInput {
    /// The body.
    pub body_id: Uuid,
    /// The first day it no longer exists.
    pub on: Date,
}

impl TryFrom<&RetireBodyInput> for CouncilCommand {
    type Error = InputErrors;
    fn try_from(input: &RetireBodyInput) -> Result<Self, Self::Error> {
        Ok(CouncilCommand::RetireBody {
            body: BodyId::from_uuid(input.body_id),
            on: input.on.into(),
        })
    }
}

/// The council's key-decision thresholds, in pence.
#[derive(InputObject, Debug, Clone)]
pub struct SetKeyDecisionThresholdsInput {
    /// Spending at or above this is significant, in pence (e.g. 25000000 for £250,000).
    pub spending_pence: i64,
    /// Savings at or above this are significant, in pence.
    pub savings_pence: i64,
    /// Whether a decision significant in two or more wards is key.
    pub significant_in_two_or_more_wards: bool,
}

impl TryFrom<&SetKeyDecisionThresholdsInput> for CouncilCommand {
    type Error = InputErrors;
    fn try_from(input: &SetKeyDecisionThresholdsInput) -> Result<Self, Self::Error> {
        Ok(CouncilCommand::SetKeyDecisionThresholds {
            thresholds: KeyDecisionThresholds {
                spending: at("spendingPence", Pence::parse(input.spending_pence))?,
                savings: at("savingsPence", Pence::parse(input.savings_pence))?,
                significant_in_two_or_more_wards: input.significant_in_two_or_more_wards,
            },
        })
    }
}

/// The council's call-in rules, from its constitution.
#[derive(InputObject, Debug, Clone)]
pub struct SetCallInPolicyInput {
    /// Working days members have to call a decision in (1 to 15).
    pub period_working_days: u8,
    /// What the period is counted from.
    pub counted_from: CountedFrom,
    /// When an uncalled decision takes effect.
    pub takes_effect: TakesEffect,
}

impl TryFrom<&SetCallInPolicyInput> for CouncilCommand {
    type Error = InputErrors;
    fn try_from(input: &SetCallInPolicyInput) -> Result<Self, Self::Error> {
        Ok(CouncilCommand::SetCallInPolicy {
            policy: CallInPolicy {
                period: at(
                    "periodWorkingDays",
                    CallInPeriod::parse(input.period_working_days),
                )?,
                counted_from: input.counted_from.into(),
                takes_effect: input.takes_effect.into(),
            },
        })
    }
}

/// A day the council's offices are closed.
#[derive(InputObject, Debug, Clone)]
pub struct AddClosureDayInput {
    /// The day.
    pub date: Date,
    /// Why, if known.
    pub reason: Option<String>,
}

impl TryFrom<&AddClosureDayInput> for CouncilCommand {
    type Error = InputErrors;
    fn try_from(input: &AddClosureDayInput) -> Result<Self, Self::Error> {
        Ok(CouncilCommand::AddClosureDay {
            date: input.date.into(),
            reason: optional("reason", input.reason.as_deref(), Reason::parse)?,
        })
    }
}

/// A closure day added by mistake.
#[derive(InputObject, Debug, Clone)]
pub struct RemoveClosureDayInput {
    /// The day.
    pub date: Date,
}

impl TryFrom<&RemoveClosureDayInput> for CouncilCommand {
    type Error = InputErrors;
    fn try_from(input: &RemoveClosureDayInput) -> Result<Self, Self::Error> {
        Ok(CouncilCommand::RemoveClosureDay {
            date: input.date.into(),
        })
    }
}

/// What one of the council's status labels means.
#[derive(InputObject, Debug, Clone)]
pub struct MapStatusLabelInput {
    /// The council's words, e.g. "Recommendations Approved".
    pub label: String,
    /// Their meaning.
    pub status: CanonicalStatus,
}

impl TryFrom<&MapStatusLabelInput> for CouncilCommand {
    type Error = InputErrors;
    fn try_from(input: &MapStatusLabelInput) -> Result<Self, Self::Error> {
        Ok(CouncilCommand::MapStatusLabel {
            label: at("label", StatusLabel::parse(&input.label))?,
            status: input.status.into(),
        })
    }
}

/// A status label to forget.
#[derive(InputObject, Debug, Clone)]
pub struct UnmapStatusLabelInput {
    /// The council's words.
    pub label: String,
}

impl TryFrom<&UnmapStatusLabelInput> for CouncilCommand {
    type Error = InputErrors;
    fn try_from(input: &UnmapStatusLabelInput) -> Result<Self, Self::Error> {
        Ok(CouncilCommand::UnmapStatusLabel {
            label: at("label", StatusLabel::parse(&input.label))?,
        })
    }
}
