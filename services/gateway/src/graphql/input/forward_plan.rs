//! Inputs of the forward-plan commands: notice of a decision to come, and its changes; and the
//! plan documents entries appear on.

use super::{InputError, InputErrors};
use async_graphql::InputObject;
use civic_domain::CouncilCommand;
use civic_domain::decision::WardList;
use civic_domain::forward_plan::{
    AnticipatedRestriction, DateDue, EntryContact, ForwardPlanCommand, ForwardPlanDetails,
    ForwardPlanStatus as DomainStatus, NoticeKind, PlanCommand, PlanDetails, Representations,
    Wards, YearMonth,
};
use civic_domain::restriction::RestrictionDraft;
use civic_domain::values::{
    BodyId, DecisionId, EmailAddress, ForwardPlanId, LongText, Name, PhoneNumber, Reason, Title,
    WardId,
};
use uuid::Uuid;

use super::restriction::RestrictionInput;
use super::{Checks, With, all, at, malformed, optional};
use crate::graphql::enums::{
    AnticipatedRestrictionKind, DateDueKind, ForwardPlanStatus, NoticeKindName, PlannedWardsKind,
};
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
    /// The wards concerned; null when the plan does not say.
    pub wards: Option<PlannedWardsInput>,
    /// Who will be consulted.
    pub consultees: Option<String>,
    /// How to make representations, and by when.
    pub representations: Option<RepresentationsInput>,
    /// Whether it is expected to be taken in private; open when omitted.
    pub anticipated_restriction: Option<AnticipatedRestrictionKind>,
    /// The basis for taking it in private, if stated yet.
    pub restriction: Option<RestrictionInput>,
    /// The council's own reference for the entry, e.g. "FP/2026/014".
    pub reference: Option<String>,
    /// The people the plan names for the matter, in its order.
    #[graphql(default)]
    pub contacts: Vec<EntryContactInput>,
    /// The page the entry was taken from.
    pub source_url: Option<String>,
    /// The entry's id in the publishing system, e.g. a ModernGov issue id.
    pub source_id: Option<String>,
}

/// Someone a plan names for a matter, as shown.
#[derive(InputObject, Debug, Clone)]
pub struct EntryContactInput {
    /// Their role, e.g. "Lead officer" or "Portfolio holder".
    pub role: Option<String>,
    /// Their name.
    pub name: Option<String>,
    /// Email.
    pub email: Option<String>,
    /// Telephone.
    pub phone: Option<String>,
    /// The contact text exactly as published.
    pub as_given: Option<String>,
}

impl EntryContactInput {
    fn contact(&self, at: &str) -> Result<EntryContact, InputError> {
        Ok(EntryContact {
            role: optional(&format!("{at}.role"), self.role.as_deref(), Name::parse)?,
            name: optional(&format!("{at}.name"), self.name.as_deref(), Name::parse)?,
            email: optional(
                &format!("{at}.email"),
                self.email.as_deref(),
                EmailAddress::parse,
            )?,
            phone: optional(
                &format!("{at}.phone"),
                self.phone.as_deref(),
                PhoneNumber::parse,
            )?,
            as_given: optional(
                &format!("{at}.asGiven"),
                self.as_given.as_deref(),
                LongText::parse,
            )?,
        })
    }
}

/// When a planned decision is due, as the plan states it.
#[derive(InputObject, Debug, Clone)]
pub struct DateDueInput {
    /// A day, a month, not before a day, or not yet known.
    pub kind: DateDueKind,
    /// The day (DAY and NOT_BEFORE).
    pub date: Option<Date>,
    /// The month as YYYY-MM (MONTH), e.g. "2026-07".
    pub month: Option<String>,
}

fn date_due(field: &str, input: &DateDueInput) -> Result<DateDue, InputError> {
    let date = || {
        input
            .date
            .map(Into::into)
            .ok_or_else(|| malformed(&format!("{field}.date"), "date due", "needs its date"))
    };
    let only = |ok: bool, what: &str| {
        if ok {
            Ok(())
        } else {
            Err(malformed(
                &format!("{field}.{what}"),
                "date due",
                "give only the field its kind uses",
            ))
        }
    };
    match input.kind {
        DateDueKind::Day => {
            only(input.month.is_none(), "month")?;
            Ok(DateDue::Day { date: date()? })
        }
        DateDueKind::NotBefore => {
            only(input.month.is_none(), "month")?;
            Ok(DateDue::NotBefore { date: date()? })
        }
        DateDueKind::Month => {
            only(input.date.is_none(), "date")?;
            let month = optional(
                &format!("{field}.month"),
                input.month.as_deref(),
                YearMonth::parse,
            )?
            .ok_or_else(|| malformed(&format!("{field}.month"), "date due", "needs its month"))?;
            Ok(DateDue::Month { month })
        }
        DateDueKind::NotKnown => {
            only(input.date.is_none(), "date")?;
            only(input.month.is_none(), "month")?;
            Ok(DateDue::NotKnown)
        }
    }
}

/// The date due from the shorthand `dateDue` (a day) or the full `due`; at most one.
fn either_due(
    day: Option<Date>,
    due: Option<&DateDueInput>,
) -> Result<Option<DateDue>, InputError> {
    match (day, due) {
        (Some(_), Some(_)) => Err(malformed(
            "due",
            "date due",
            "give dateDue (a day) or due, not both",
        )),
        (Some(date), None) => Ok(Some(DateDue::Day { date: date.into() })),
        (None, Some(due)) => date_due("due", due).map(Some),
        (None, None) => Ok(None),
    }
}

/// The domain status a GraphQL status names.
pub(crate) fn domain_status(status: ForwardPlanStatus) -> DomainStatus {
    match status {
        ForwardPlanStatus::Planned => DomainStatus::Planned,
        ForwardPlanStatus::OnHold => DomainStatus::OnHold,
        ForwardPlanStatus::Deferred => DomainStatus::Deferred,
        ForwardPlanStatus::Decided => DomainStatus::Decided,
        ForwardPlanStatus::Implemented => DomainStatus::Implemented,
        ForwardPlanStatus::Withdrawn => DomainStatus::Withdrawn,
        ForwardPlanStatus::Abandoned => DomainStatus::Abandoned,
    }
}

/// The notice given.
#[derive(InputObject, Debug, Clone)]
pub struct NoticeInput {
    /// Standard, general exception or special urgency.
    pub kind: NoticeKindName,
    /// Why the usual notice was impracticable (exceptions only).
    pub reason: Option<String>,
    /// Who agreed special urgency (reg 11).
    pub agreed_by: Option<String>,
    /// Who was informed of a general exception (reg 10), if the notice says.
    pub chair_informed: Option<String>,
}

impl TryFrom<&NoticeInput> for NoticeKind {
    type Error = InputErrors;
    fn try_from(input: &NoticeInput) -> Result<Self, Self::Error> {
        let reason = || {
            optional("notice.reason", input.reason.as_deref(), Reason::parse)?.ok_or_else(|| {
                malformed("notice.reason", "notice", "an exception needs its reason")
            })
        };
        if input.kind != NoticeKindName::GeneralException && input.chair_informed.is_some() {
            return Err(malformed(
                "notice.chairInformed",
                "notice",
                "only a general exception names who was informed",
            )
            .into());
        }
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
                NoticeKind::GeneralException {
                    reason: reason()?,
                    chair_informed: optional(
                        "notice.chairInformed",
                        input.chair_informed.as_deref(),
                        Name::parse,
                    )?,
                }
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
    /// When it is expected to be decided, when the plan gives a day (shorthand for `due` of
    /// kind DAY). Null, with `due` null, when the plan gives no date.
    pub date_due: Option<Date>,
    /// When it is expected to be decided, as the plan states it: a day, a month, not before a
    /// day, or not yet known.
    pub due: Option<DateDueInput>,
    /// When notice was first published; null when the plan does not say.
    pub notice_date: Option<Date>,
    /// How notice was given.
    pub notice: NoticeInput,
    /// The status the plan shows, if any (for determination is PLANNED).
    pub status: Option<ForwardPlanStatus>,
    /// The status in the plan's own words, e.g. "For Determination".
    pub status_label: Option<String>,
    /// The plan documents it appears on.
    #[graphql(default)]
    pub plan_ids: Vec<Uuid>,
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
    let reference = c.check(optional(
        "details.reference",
        input.reference.as_deref(),
        Name::parse,
    ));
    let contacts =
        c.check(all(input.contacts.iter().enumerate().map(
            |(n, contact)| contact.contact(&format!("details.contacts[{n}]")),
        )));
    let source = c.check(super::record_parts::source(
        "details.",
        input.source_url.as_deref(),
        input.source_id.as_deref(),
    ));
    let wards = match &input.wards {
        Some(w) => c.check(wards(w).map(Some)),
        None => Some(None),
    };
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
            reference: reference?,
            contacts: contacts?,
            source: source?,
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
        let mut c = Checks::default();
        let details = c.check(details(&input.details));
        let date_due = c.check(either_due(input.date_due, input.due.as_ref()));
        let notice = c.check(NoticeKind::try_from(&input.notice));
        let status_label = c.check(optional(
            "statusLabel",
            input.status_label.as_deref(),
            Name::parse,
        ));
        c.finish(|| {
            Some(ForwardPlanCommand::Enter {
                details: details?,
                date_due: date_due?,
                notice_date: input.notice_date.map(Into::into),
                notice: notice?,
                status: input.status.map(domain_status),
                status_label: status_label?,
                plans: input
                    .plan_ids
                    .iter()
                    .copied()
                    .map(ForwardPlanId::from_uuid)
                    .collect(),
            })
        })
    }
}

/// A new date due: `dateDue` (a day) or `due`, one of them.
#[derive(InputObject, Debug, Clone)]
pub struct RescheduleForwardPlanEntryInput {
    /// The new date due, when it is a day.
    pub date_due: Option<Date>,
    /// The new date due as the plan states it.
    pub due: Option<DateDueInput>,
    /// Why.
    pub reason: String,
}

impl TryFrom<&RescheduleForwardPlanEntryInput> for ForwardPlanCommand {
    type Error = InputErrors;
    fn try_from(input: &RescheduleForwardPlanEntryInput) -> Result<Self, Self::Error> {
        let date_due = either_due(input.date_due, input.due.as_ref())?
            .ok_or_else(|| malformed("due", "date due", "give the new date due"))?;
        Ok(ForwardPlanCommand::Reschedule {
            date_due,
            reason: at("reason", Reason::parse(&input.reason))?,
        })
    }
}

/// The status a plan now shows for an entry.
#[derive(InputObject, Debug, Clone)]
pub struct ChangeForwardPlanEntryStatusInput {
    /// The status (for determination is PLANNED).
    pub status: ForwardPlanStatus,
    /// In the plan's own words, e.g. "On Hold".
    pub label: Option<String>,
    /// From when, if the plan says.
    pub on: Option<Date>,
    /// Why, if the plan says.
    pub reason: Option<String>,
}

impl TryFrom<&ChangeForwardPlanEntryStatusInput> for ForwardPlanCommand {
    type Error = InputErrors;
    fn try_from(input: &ChangeForwardPlanEntryStatusInput) -> Result<Self, Self::Error> {
        Ok(ForwardPlanCommand::ChangeStatus {
            status: domain_status(input.status),
            label: optional("label", input.label.as_deref(), Name::parse)?,
            on: input.on.map(Into::into),
            reason: optional("reason", input.reason.as_deref(), Reason::parse)?,
        })
    }
}

/// Another plan document an entry appears on.
#[derive(InputObject, Debug, Clone)]
pub struct ListForwardPlanEntryOnPlanInput {
    /// The plan.
    pub plan_id: Uuid,
}

impl TryFrom<&ListForwardPlanEntryOnPlanInput> for ForwardPlanCommand {
    type Error = InputErrors;
    fn try_from(input: &ListForwardPlanEntryOnPlanInput) -> Result<Self, Self::Error> {
        Ok(ForwardPlanCommand::ListOnPlan {
            plan: ForwardPlanId::from_uuid(input.plan_id),
        })
    }
}

/// A forward plan document as published. Only the title is required.
#[derive(InputObject, Debug, Clone)]
pub struct PublishForwardPlanInput {
    /// The plan's id; defaults to the idempotency key, so a retried request names the same plan.
    pub plan_id: Option<Uuid>,
    /// Its heading, e.g. "Forward Plan: 1 June 2026 to 30 September 2026".
    pub title: String,
    /// The first day it covers.
    pub period_from: Option<Date>,
    /// The last day it covers.
    pub period_to: Option<Date>,
    /// The body whose plan it is, from the council's list.
    pub published_by: Option<Uuid>,
    /// When it was published.
    pub published_on: Option<Date>,
    /// When it says it will next be updated.
    pub next_update_due: Option<Date>,
    /// The key-decision criteria it states, in its own words.
    pub key_decision_criteria: Option<String>,
}

impl TryFrom<With<'_, PublishForwardPlanInput, ForwardPlanId>> for CouncilCommand {
    type Error = InputErrors;
    fn try_from(
        With { input, with: plan }: With<'_, PublishForwardPlanInput, ForwardPlanId>,
    ) -> Result<Self, Self::Error> {
        let mut c = Checks::default();
        let title = c.check(at("title", Title::parse(&input.title)));
        let criteria = c.check(optional(
            "keyDecisionCriteria",
            input.key_decision_criteria.as_deref(),
            LongText::parse,
        ));
        c.finish(|| {
            Some(CouncilCommand::ForwardPlan(PlanCommand::Publish {
                plan,
                details: PlanDetails {
                    title: title?,
                    period_from: input.period_from.map(Into::into),
                    period_to: input.period_to.map(Into::into),
                    published_by: input.published_by.map(BodyId::from_uuid),
                    published_on: input.published_on.map(Into::into),
                    next_update_due: input.next_update_due.map(Into::into),
                    key_decision_criteria: criteria?,
                },
            }))
        })
    }
}

/// A published plan updated in place.
#[derive(InputObject, Debug, Clone)]
pub struct RefreshForwardPlanInput {
    /// The plan.
    pub plan_id: Uuid,
    /// When it was updated.
    pub on: Date,
    /// When it now says it will next be updated.
    pub next_update_due: Option<Date>,
}

impl TryFrom<&RefreshForwardPlanInput> for CouncilCommand {
    type Error = InputErrors;
    fn try_from(input: &RefreshForwardPlanInput) -> Result<Self, Self::Error> {
        Ok(CouncilCommand::ForwardPlan(PlanCommand::Refresh {
            plan: ForwardPlanId::from_uuid(input.plan_id),
            on: input.on.into(),
            next_update_due: input.next_update_due.map(Into::into),
        }))
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
