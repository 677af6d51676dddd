//! Inputs of the forward-plan commands: notice of a decision to come, and its changes.

use super::{InputError, InputErrors};
use async_graphql::InputObject;
use civic_domain::decision::WardList;
use civic_domain::forward_plan::{
    AnticipatedRestriction, ForwardPlanCommand, ForwardPlanDetails, NoticeKind, Representations,
    Wards,
};
use civic_domain::restriction::RestrictionDraft;
use civic_domain::values::{BodyId, DecisionId, LongText, Name, Reason, Title, WardId};
use uuid::Uuid;

use super::restriction::RestrictionInput;
use super::{Checks, all, at, malformed, optional};
use crate::graphql::enums::{AnticipatedRestrictionKind, NoticeKindName, PlannedWardsKind};
use crate::graphql::scalars::Date;

/// The wards a planned decision concerns.
#[derive(InputObject, Debug, Clone)]
pub struct PlannedWardsInput {
    /// All or listed.
    pub kind: PlannedWardsKind,
    /// The wards, when `kind` is LISTED.
    #[graphql(default)]
    pub ward_ids: Vec<Uuid>,
}

/// How and by when the public can make representations.
#[derive(InputObject, Debug, Clone)]
pub struct RepresentationsInput {
    /// How, e.g. "in writing to the contact officer".
    pub how: String,
    /// By when, if a date is given.
    pub by: Option<Date>,
}

/// The matter an entry gives notice of.
#[derive(InputObject, Debug, Clone)]
pub struct ForwardPlanDetailsInput {
    /// The matter's title.
    pub title: String,
    /// What is to be decided.
    pub description: Option<String>,
    /// The body that will decide, from the council's list.
    pub decision_maker: Uuid,
    /// Whether it is a key decision (which needs 28 clear days' notice).
    pub key_decision: bool,
    /// "Reason Key" categories.
    #[graphql(default)]
    pub reason_key: Vec<String>,
    /// The wards concerned.
    pub wards: PlannedWardsInput,
    /// Who will be consulted.
    pub consultees: Option<String>,
    /// How to make representations, and by when.
    pub representations: Option<RepresentationsInput>,
    /// Whether it is expected to be taken in private; open when omitted.
    pub anticipated_restriction: Option<AnticipatedRestrictionKind>,
    /// The basis for taking it in private, if stated yet.
    pub restriction: Option<RestrictionInput>,
}

/// The notice given.
#[derive(InputObject, Debug, Clone)]
pub struct NoticeInput {
    /// Standard, general exception or special urgency.
    pub kind: NoticeKindName,
    /// Why the usual notice was impracticable (exceptions only).
    pub reason: Option<String>,
    /// Who agreed special urgency.
    pub agreed_by: Option<String>,
}

impl TryFrom<&NoticeInput> for NoticeKind {
    type Error = InputErrors;
    fn try_from(input: &NoticeInput) -> Result<Self, Self::Error> {
        let reason = || {
            optional("notice.reason", input.reason.as_deref(), Reason::parse)?.ok_or_else(|| {
                malformed("notice.reason", "notice", "an exception needs its reason")
            })
        };
        Ok(match input.kind {
            NoticeKindName::Standard => {
                if input.reason.is_some() || input.agreed_by.is_some() {
                    return Err(malformed(
                        "notice",
                        "notice",
                        "standard notice has no reason or agreement",
                    )
                    .into());
                }
                NoticeKind::Standard
            }
            NoticeKindName::GeneralException => {
                if input.agreed_by.is_some() {
                    return Err(malformed(
                        "notice.agreedBy",
                        "notice",
                        "only special urgency is agreed by someone",
                    )
                    .into());
                }
                NoticeKind::GeneralException { reason: reason()? }
            }
            NoticeKindName::SpecialUrgency => NoticeKind::SpecialUrgency {
                agreed_by: optional("notice.agreedBy", input.agreed_by.as_deref(), Name::parse)?
                    .ok_or_else(|| {
                        malformed(
                            "notice.agreedBy",
                            "notice",
                            "special urgency needs who agreed it",
                        )
                    })?,
                reason: reason()?,
            },
        })
    }
}

/// A matter put on the forward plan.
#[derive(InputObject, Debug, Clone)]
pub struct EnterForwardPlanEntryInput {
    /// The matter.
    pub details: ForwardPlanDetailsInput,
    /// When it is expected to be decided.
    pub date_due: Date,
    /// When notice was published.
    pub notice_date: Date,
    /// How notice was given.
    pub notice: NoticeInput,
}

fn details(
    input: &ForwardPlanDetailsInput,
) -> Result<ForwardPlanDetails<RestrictionDraft>, InputErrors> {
    let mut c = Checks::default();
    let title = c.check(at("details.title", Title::parse(&input.title)));
    let description = c.check(optional(
        "details.description",
        input.description.as_deref(),
        LongText::parse,
    ));
    let reason_key = c.check(all(input
        .reason_key
        .iter()
        .filter(|k| !k.trim().is_empty())
        .enumerate()
        .map(|(n, k)| at(&format!("details.reasonKey[{n}]"), Name::parse(k)))));
    let wards = c.check(wards(&input.wards));
    let consultees = c.check(optional(
        "details.consultees",
        input.consultees.as_deref(),
        LongText::parse,
    ));
    let representations = c.check(
        input
            .representations
            .as_ref()
            .map(|r| {
                Ok::<_, InputError>(Representations {
                    how: at("details.representations.how", LongText::parse(&r.how))?,
                    by: r.by.map(Into::into),
                })
            })
            .transpose(),
    );
    let anticipated_restriction = c.check(anticipated(input));
    c.finish(|| {
        Some(ForwardPlanDetails {
            title: title?,
            description: description?,
            decision_maker: BodyId::from_uuid(input.decision_maker),
            key_decision: input.key_decision,
            reason_key: reason_key?,
            wards: wards?,
            consultees: consultees?,
            representations: representations?,
            anticipated_restriction: anticipated_restriction?,
        })
    })
}

/// The wards a planned decision concerns.
fn wards(input: &PlannedWardsInput) -> Result<Wards, InputError> {
    match input.kind {
        PlannedWardsKind::All if input.ward_ids.is_empty() => Ok(Wards::All),
        PlannedWardsKind::All => Err(malformed(
            "details.wards.wardIds",
            "wards",
            "list ward ids only when the kind is LISTED",
        )),
        PlannedWardsKind::Listed => Ok(Wards::Listed {
            ward_ids: at(
                "details.wards.wardIds",
                WardList::parse(
                    input
                        .ward_ids
                        .iter()
                        .copied()
                        .map(WardId::from_uuid)
                        .collect(),
                ),
            )?,
        }),
    }
}

/// Whether the decision is expected to be taken in private, and why.
fn anticipated(
    input: &ForwardPlanDetailsInput,
) -> Result<AnticipatedRestriction<RestrictionDraft>, InputError> {
    let restriction = input
        .restriction
        .as_ref()
        .map(|r| r.draft("details.restriction"))
        .transpose()?;
    match input.anticipated_restriction {
        None | Some(AnticipatedRestrictionKind::Open) if restriction.is_none() => {
            Ok(AnticipatedRestriction::Open)
        }
        None | Some(AnticipatedRestrictionKind::Open) => Err(malformed(
            "details.restriction",
            "anticipated restriction",
            "an open matter has no restriction",
        )),
        Some(AnticipatedRestrictionKind::PartExempt) => {
            Ok(AnticipatedRestriction::PartExempt { restriction })
        }
        Some(AnticipatedRestrictionKind::FullyExempt) => {
            Ok(AnticipatedRestriction::FullyExempt { restriction })
        }
    }
}

impl TryFrom<&EnterForwardPlanEntryInput> for ForwardPlanCommand {
    type Error = InputErrors;
    fn try_from(input: &EnterForwardPlanEntryInput) -> Result<Self, Self::Error> {
        Ok(ForwardPlanCommand::Enter {
            details: details(&input.details)?,
            date_due: input.date_due.into(),
            notice_date: input.notice_date.into(),
            notice: NoticeKind::try_from(&input.notice)?,
        })
    }
}

/// A new date due.
#[derive(InputObject, Debug, Clone)]
pub struct RescheduleForwardPlanEntryInput {
    /// The new date due.
    pub date_due: Date,
    /// Why.
    pub reason: String,
}

impl TryFrom<&RescheduleForwardPlanEntryInput> for ForwardPlanCommand {
    type Error = InputErrors;
    fn try_from(input: &RescheduleForwardPlanEntryInput) -> Result<Self, Self::Error> {
        Ok(ForwardPlanCommand::Reschedule {
            date_due: input.date_due.into(),
            reason: at("reason", Reason::parse(&input.reason))?,
        })
    }
}

/// Taking a matter off the plan.
#[derive(InputObject, Debug, Clone)]
pub struct WithdrawForwardPlanEntryInput {
    /// Why.
    pub reason: String,
}

impl TryFrom<&WithdrawForwardPlanEntryInput> for ForwardPlanCommand {
    type Error = InputErrors;
    fn try_from(input: &WithdrawForwardPlanEntryInput) -> Result<Self, Self::Error> {
        Ok(ForwardPlanCommand::Withdraw {
            reason: at("reason", Reason::parse(&input.reason))?,
        })
    }
}

/// A matter that will not be decided at all.
#[derive(InputObject, Debug, Clone)]
pub struct AbandonForwardPlanEntryInput {
    /// Why.
    pub reason: String,
}

impl TryFrom<&AbandonForwardPlanEntryInput> for ForwardPlanCommand {
    type Error = InputErrors;
    fn try_from(input: &AbandonForwardPlanEntryInput) -> Result<Self, Self::Error> {
        Ok(ForwardPlanCommand::Abandon {
            reason: at("reason", Reason::parse(&input.reason))?,
        })
    }
}

/// The decision that resulted from an entry.
#[derive(InputObject, Debug, Clone)]
pub struct LinkForwardPlanDecisionInput {
    /// The decision.
    pub decision_id: Uuid,
}

impl TryFrom<&LinkForwardPlanDecisionInput> for ForwardPlanCommand {
    type Error = InputErrors;
    fn try_from(input: &LinkForwardPlanDecisionInput) -> Result<Self, Self::Error> {
        Ok(ForwardPlanCommand::LinkDecision {
            decision: DecisionId::from_uuid(input.decision_id),
        })
    }
}
