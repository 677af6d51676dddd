//! Inputs of the decision commands: the record (every field of a decision page) and each step of
//! its lifecycle. Field names follow the domain's raw input, so a validation error's `field`
//! names the GraphQL field.

use async_graphql::{Enum, InputObject};
use civic_domain::decision::{
    CallInMembers, DecisionCommand, DecisionDetails, Reconsideration, Resolution, Resolutions,
};
use civic_domain::input::{
    ContactInput as RawContact, DecisionDetailsInput as RawDetails, DocumentInput as RawDocument,
    InputError, InterestInput as RawInterest, ResolutionInput as RawResolution,
    WardsAffectedInput as RawWards,
};
use civic_domain::restriction::ExemptionScheme as DomainScheme;
use civic_domain::values::{LongText, Name, Reason};
use uuid::Uuid;

use super::restriction::RestrictionInput;
use super::{With, at, malformed, optional};
use crate::graphql::enums::{DecisionField, Outcome};
use crate::graphql::scalars::Date;

fn iso(date: Date) -> String {
    date.0.format("%Y-%m-%d").to_string()
}

/// One numbered resolution of "The decision".
#[derive(InputObject, Debug, Clone)]
pub struct ResolutionInput {
    /// Its number as published (1, 2, 3…; unique and ascending).
    pub number: u32,
    /// Its text.
    pub text: String,
}

/// Which wards a decision affects.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum WardsAffectedKind {
    /// "(All Wards)".
    All,
    /// The wards listed in `wardIds`.
    Listed,
    /// The source left the field blank.
    NotStated,
}

/// "Wards Affected".
#[derive(InputObject, Debug, Clone)]
pub struct WardsAffectedInput {
    /// All, listed, or not stated.
    pub kind: WardsAffectedKind,
    /// The wards, when `kind` is LISTED.
    #[graphql(default)]
    pub ward_ids: Vec<Uuid>,
}

/// "Contact", as picked out of the page, with the text as given.
#[derive(InputObject, Debug, Clone, Default)]
pub struct ContactInput {
    /// The contact's name.
    pub name: Option<String>,
    /// Email.
    pub email: Option<String>,
    /// Telephone.
    pub phone: Option<String>,
    /// The contact text exactly as published.
    pub as_given: Option<String>,
}

/// A member's declared interest.
#[derive(InputObject, Debug, Clone)]
pub struct InterestInput {
    /// The member.
    pub member: String,
    /// The interest as recorded.
    pub interest: String,
    /// The dispensation granted, if any.
    pub dispensation: Option<String>,
}

/// An accompanying document.
#[derive(InputObject, Debug, Clone)]
pub struct DocumentInput {
    /// Its title.
    pub title: String,
    /// Where it is published (http or https).
    pub url: Option<String>,
    /// The SHA-256 of its bytes, 64 hex digits.
    pub sha256: Option<String>,
    /// Why it is withheld, if it is.
    pub restriction: Option<RestrictionInput>,
}

/// A field of the record withheld from the public.
#[derive(InputObject, Debug, Clone)]
pub struct FieldRestrictionInput {
    /// The field.
    pub field: DecisionField,
    /// Why.
    pub restriction: RestrictionInput,
}

/// Every field of a decision record, as on the council's "Decision details" page.
#[derive(InputObject, Debug, Clone)]
pub struct DecisionDetailsInput {
    /// The title, e.g. "Information Strategy 2010 - 13".
    pub title: String,
    /// "Decision Maker": the body, from the council's list.
    pub decision_maker_body_id: Uuid,
    /// The decision maker's name as the page shows it.
    pub decision_maker_name: String,
    /// "Decision status" in the council's words, e.g. "Recommendations Approved".
    pub status_label: String,
    /// The canonical outcome.
    pub outcome: Outcome,
    /// "Is Key decision?"; null when the source left it blank.
    pub key_decision: Option<bool>,
    /// "Is subject to call in?"; null when the source left it blank.
    pub subject_to_call_in: Option<bool>,
    /// "Purpose".
    pub purpose: Option<String>,
    /// "Decision": the numbered resolutions.
    #[graphql(default)]
    pub resolutions: Vec<ResolutionInput>,
    /// "Reasons for the decision".
    pub reasons: Option<String>,
    /// "Alternative options considered".
    pub alternative_options: Option<String>,
    /// "Reason Key" categories, e.g. "Policies, Plans, Strategies".
    #[graphql(default)]
    pub reason_key: Vec<String>,
    /// "Wards Affected"; not stated when omitted.
    pub wards_affected: Option<WardsAffectedInput>,
    /// "Details of the Committee".
    pub committee_details: Option<String>,
    /// "Representations should be made by".
    pub representations_by: Option<Date>,
    /// "Other reasons / organisations consulted".
    pub other_consulted: Option<String>,
    /// "Consultees".
    pub consultees: Option<String>,
    /// "Contact".
    pub contact: Option<ContactInput>,
    /// "Report author".
    pub report_author: Option<String>,
    /// "Date of decision".
    pub date_of_decision: Date,
    /// "Decided: date - body": the body that took it, from the council's list.
    pub decided_by_body_id: Uuid,
    /// That body's name as the page shows it.
    pub decided_by_name: String,
    /// Declared interests and dispensations.
    #[graphql(default)]
    pub interests: Vec<InterestInput>,
    /// "Accompanying Documents".
    #[graphql(default)]
    pub documents: Vec<DocumentInput>,
    /// Fields withheld from the public, and why.
    #[graphql(default)]
    pub field_restrictions: Vec<FieldRestrictionInput>,
    /// The forward-plan entry that gave notice of it.
    pub forward_plan_entry: Option<Uuid>,
}

impl DecisionDetailsInput {
    /// The domain's raw form; `default_scheme` fills restrictions that name no scheme.
    pub fn raw(&self, default_scheme: DomainScheme) -> RawDetails {
        RawDetails {
            title: self.title.clone(),
            decision_maker_body_id: self.decision_maker_body_id.to_string(),
            decision_maker_name: self.decision_maker_name.clone(),
            status_label: self.status_label.clone(),
            outcome: self.outcome.into(),
            key_decision: self.key_decision,
            subject_to_call_in: self.subject_to_call_in,
            purpose: self.purpose.clone(),
            resolutions: self
                .resolutions
                .iter()
                .map(|r| RawResolution {
                    number: r.number,
                    text: r.text.clone(),
                })
                .collect(),
            reasons: self.reasons.clone(),
            alternative_options: self.alternative_options.clone(),
            reason_key: self.reason_key.clone(),
            wards_affected: match &self.wards_affected {
                None => RawWards::NotStated,
                Some(w) => match w.kind {
                    WardsAffectedKind::All => RawWards::All,
                    WardsAffectedKind::NotStated => RawWards::NotStated,
                    WardsAffectedKind::Listed => {
                        RawWards::Listed(w.ward_ids.iter().map(Uuid::to_string).collect())
                    }
                },
            },
            committee_details: self.committee_details.clone(),
            representations_by: self.representations_by.map(iso),
            other_consulted: self.other_consulted.clone(),
            consultees: self.consultees.clone(),
            contact: self.contact.as_ref().map(|c| RawContact {
                name: c.name.clone(),
                email: c.email.clone(),
                phone: c.phone.clone(),
                as_given: c.as_given.clone(),
            }),
            report_author: self.report_author.clone(),
            date_of_decision: iso(self.date_of_decision),
            decided_by_body_id: self.decided_by_body_id.to_string(),
            decided_by_name: self.decided_by_name.clone(),
            interests: self
                .interests
                .iter()
                .map(|i| RawInterest {
                    member: i.member.clone(),
                    interest: i.interest.clone(),
                    dispensation: i.dispensation.clone(),
                })
                .collect(),
            documents: self
                .documents
                .iter()
                .map(|d| RawDocument {
                    title: d.title.clone(),
                    url: d.url.clone(),
                    sha256: d.sha256.clone(),
                    restriction: d.restriction.as_ref().map(RestrictionInput::raw),
                })
                .collect(),
            field_restrictions: self
                .field_restrictions
                .iter()
                .map(|f| (f.field.into(), f.restriction.raw()))
                .collect(),
            forward_plan_entry: self.forward_plan_entry.map(|id| id.to_string()),
            default_scheme,
        }
    }

    /// Validates the record, with `default_scheme` for restrictions naming none.
    pub fn details(&self, default_scheme: DomainScheme) -> Result<DecisionDetails, InputError> {
        if self
            .wards_affected
            .as_ref()
            .is_some_and(|w| (w.kind == WardsAffectedKind::Listed) == w.ward_ids.is_empty())
        {
            return Err(malformed(
                "wardsAffected.wardIds",
                "wards affected",
                "list ward ids exactly when the kind is LISTED",
            ));
        }
        DecisionDetails::try_from(&self.raw(default_scheme))
    }
}

/// A decision record with the exemption scheme of its council: what `recordDecision` converts.
impl TryFrom<With<'_, DecisionDetailsInput, DomainScheme>> for DecisionCommand {
    type Error = InputError;
    fn try_from(
        With {
            input,
            with: scheme,
        }: With<'_, DecisionDetailsInput, DomainScheme>,
    ) -> Result<Self, Self::Error> {
        Ok(DecisionCommand::Record {
            details: input.details(scheme)?,
        })
    }
}

/// Publication of the decision notice.
#[derive(InputObject, Debug, Clone)]
pub struct PublishDecisionInput {
    /// The day the notice was published.
    pub publication_date: Date,
    /// The last day for call-in as published elsewhere, to record rather than compute.
    pub call_in_deadline: Option<Date>,
    /// The effective date as published elsewhere, to record rather than compute.
    pub effective_from: Option<Date>,
    /// Why explicit dates differ from the council's rule (a deliberate override).
    pub override_reason: Option<String>,
}

impl TryFrom<&PublishDecisionInput> for DecisionCommand {
    type Error = InputError;
    fn try_from(input: &PublishDecisionInput) -> Result<Self, Self::Error> {
        Ok(DecisionCommand::Publish {
            publication_date: input.publication_date.into(),
            call_in_deadline: input.call_in_deadline.map(Into::into),
            effective_from: input.effective_from.map(Into::into),
            override_reason: optional(
                "overrideReason",
                input.override_reason.as_deref(),
                Reason::parse,
            )?,
        })
    }
}

/// Members calling the decision in for scrutiny.
#[derive(InputObject, Debug, Clone)]
pub struct CallInDecisionInput {
    /// The members, each named once.
    pub members: Vec<String>,
    /// Why.
    pub reason: String,
    /// When.
    pub date: Date,
}

impl TryFrom<&CallInDecisionInput> for DecisionCommand {
    type Error = InputError;
    fn try_from(input: &CallInDecisionInput) -> Result<Self, Self::Error> {
        let names = input
            .members
            .iter()
            .enumerate()
            .map(|(n, member)| at(&format!("members[{n}]"), Name::parse(member)))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(DecisionCommand::CallIn {
            members: at("members", CallInMembers::parse(names))?,
            reason: at("reason", Reason::parse(&input.reason))?,
            date: input.date.into(),
        })
    }
}

/// The scrutiny committee's result on a call-in.
#[derive(InputObject, Debug, Clone)]
pub struct ResolveCallInInput {
    /// The result.
    pub outcome: crate::graphql::enums::CallInOutcome,
    /// The day of the result.
    pub date: Date,
}

impl TryFrom<&ResolveCallInInput> for DecisionCommand {
    type Error = InputError;
    fn try_from(input: &ResolveCallInInput) -> Result<Self, Self::Error> {
        Ok(DecisionCommand::ResolveCallIn {
            outcome: input.outcome.into(),
            date: input.date.into(),
        })
    }
}

/// What the decision maker did on reconsidering a referred decision.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReconsiderationKind {
    /// The original decision stands.
    Confirmed,
    /// The decision was amended: `resolutions` replace the old ones.
    Amended,
}

/// The reconsideration of a referred decision.
#[derive(InputObject, Debug, Clone)]
pub struct ReconsiderDecisionInput {
    /// Confirmed or amended.
    pub result: ReconsiderationKind,
    /// The new resolutions, when amended.
    #[graphql(default)]
    pub resolutions: Vec<ResolutionInput>,
    /// When.
    pub date: Date,
}

impl TryFrom<&ReconsiderDecisionInput> for DecisionCommand {
    type Error = InputError;
    fn try_from(input: &ReconsiderDecisionInput) -> Result<Self, Self::Error> {
        let result = match input.result {
            ReconsiderationKind::Confirmed if input.resolutions.is_empty() => {
                Reconsideration::Confirmed
            }
            ReconsiderationKind::Confirmed => {
                return Err(malformed(
                    "resolutions",
                    "reconsideration",
                    "a confirmed decision keeps its resolutions; give new ones only when AMENDED",
                ));
            }
            ReconsiderationKind::Amended => {
                let resolutions = input
                    .resolutions
                    .iter()
                    .enumerate()
                    .map(|(n, r)| {
                        Ok(Resolution {
                            number: r.number,
                            text: at(&format!("resolutions[{n}].text"), LongText::parse(&r.text))?,
                        })
                    })
                    .collect::<Result<Vec<_>, InputError>>()?;
                Reconsideration::Amended(at("resolutions", Resolutions::parse(resolutions))?)
            }
        };
        Ok(DecisionCommand::Reconsider {
            result,
            date: input.date.into(),
        })
    }
}

/// An urgency exemption from call-in, agreed by the chair of scrutiny.
#[derive(InputObject, Debug, Clone)]
pub struct ExemptDecisionFromCallInInput {
    /// Who agreed, e.g. "Chair of Overview and Scrutiny".
    pub agreed_by: String,
    /// Why it is urgent.
    pub reason: String,
}

impl TryFrom<&ExemptDecisionFromCallInInput> for DecisionCommand {
    type Error = InputError;
    fn try_from(input: &ExemptDecisionFromCallInInput) -> Result<Self, Self::Error> {
        Ok(DecisionCommand::ExemptFromCallIn {
            agreed_by: at("agreedBy", Name::parse(&input.agreed_by))?,
            reason: at("reason", Reason::parse(&input.reason))?,
        })
    }
}

/// The day a published decision took effect.
#[derive(InputObject, Debug, Clone)]
pub struct TakeEffectInput {
    /// The day.
    pub on: Date,
}

impl TryFrom<&TakeEffectInput> for DecisionCommand {
    type Error = InputError;
    fn try_from(input: &TakeEffectInput) -> Result<Self, Self::Error> {
        Ok(DecisionCommand::TakeEffect {
            on: input.on.into(),
        })
    }
}

/// The implementation of an effective decision.
#[derive(InputObject, Debug, Clone)]
pub struct ImplementDecisionInput {
    /// The day.
    pub on: Date,
    /// What was done, if worth saying.
    pub note: Option<String>,
}

impl TryFrom<&ImplementDecisionInput> for DecisionCommand {
    type Error = InputError;
    fn try_from(input: &ImplementDecisionInput) -> Result<Self, Self::Error> {
        Ok(DecisionCommand::Implement {
            on: input.on.into(),
            note: optional("note", input.note.as_deref(), LongText::parse)?,
        })
    }
}

/// A deferral before publication.
#[derive(InputObject, Debug, Clone)]
pub struct DeferDecisionInput {
    /// Why.
    pub reason: String,
    /// Until when, if said.
    pub until: Option<Date>,
}

impl TryFrom<&DeferDecisionInput> for DecisionCommand {
    type Error = InputError;
    fn try_from(input: &DeferDecisionInput) -> Result<Self, Self::Error> {
        Ok(DecisionCommand::Defer {
            reason: at("reason", Reason::parse(&input.reason))?,
            until: input.until.map(Into::into),
        })
    }
}

/// Withdrawal before the decision takes effect.
#[derive(InputObject, Debug, Clone)]
pub struct WithdrawDecisionInput {
    /// Why.
    pub reason: String,
}

impl TryFrom<&WithdrawDecisionInput> for DecisionCommand {
    type Error = InputError;
    fn try_from(input: &WithdrawDecisionInput) -> Result<Self, Self::Error> {
        Ok(DecisionCommand::Withdraw {
            reason: at("reason", Reason::parse(&input.reason))?,
        })
    }
}

/// Abandonment: the decision will not go ahead.
#[derive(InputObject, Debug, Clone)]
pub struct AbandonDecisionInput {
    /// Why.
    pub reason: String,
}

impl TryFrom<&AbandonDecisionInput> for DecisionCommand {
    type Error = InputError;
    fn try_from(input: &AbandonDecisionInput) -> Result<Self, Self::Error> {
        Ok(DecisionCommand::Abandon {
            reason: at("reason", Reason::parse(&input.reason))?,
        })
    }
}

/// A correction: the whole record again, and why the old one was wrong.
#[derive(InputObject, Debug, Clone)]
pub struct CorrectDecisionInput {
    /// The corrected record (all of it).
    pub details: DecisionDetailsInput,
    /// Why the record was wrong.
    pub reason: String,
}

impl TryFrom<With<'_, CorrectDecisionInput, DomainScheme>> for DecisionCommand {
    type Error = InputError;
    fn try_from(
        With {
            input,
            with: scheme,
        }: With<'_, CorrectDecisionInput, DomainScheme>,
    ) -> Result<Self, Self::Error> {
        let details = input.details.details(scheme).map_err(|error| InputError {
            field: format!("details.{}", error.field),
            problem: error.problem,
        })?;
        Ok(DecisionCommand::Correct {
            details,
            reason: at("reason", Reason::parse(&input.reason))?,
        })
    }
}
