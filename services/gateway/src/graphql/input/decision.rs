//! Inputs of the decision commands: the record (every field of a decision page) and each step of
//! its lifecycle. Field names follow the domain's raw input, so a validation error's `field`
//! names the GraphQL field.

use async_graphql::{Enum, InputObject};
use civic_domain::decision::{
    BodyRef, CallInMembers, Contact, DecisionCommand, DecisionDetails, Document, FieldRestriction,
    Interests, Reconsideration, Resolution, Resolutions, WardList, WardsAffected,
};
use civic_domain::restriction::RestrictionDraft;
use civic_domain::values::{
    BodyId, EmailAddress, ForwardPlanEntryId, HttpUrl, LongText, Name, PhoneNumber, Reason,
    ResolutionLabel, Sha256Digest, StatusLabel, Title, WardId,
};
use uuid::Uuid;

use super::record_parts::{
    DecisionLinkInput, InterestInput, MemberRefInput, ReferencesInput, VoteInput, meeting,
};
use super::restriction::RestrictionInput;
use super::{Checks, InputError, InputErrors, all, at, malformed, optional};
use crate::graphql::enums::{DecisionField, InterestsStatement, Outcome, WardsAffectedKind};
use crate::graphql::scalars::{Date, Time};

/// One resolution of "The decision", in page order.
#[derive(InputObject, Debug, Clone)]
pub struct ResolutionInput {
    /// Its label as the council wrote it: "1", "(i)", "a)", "1.1"; omit for unnumbered prose.
    pub label: Option<String>,
    /// A plain number as its label (the earlier form of `label`; give one or the other).
    pub number: Option<u32>,
    /// Its text.
    pub text: String,
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
    /// "Decision Maker": the body, from the council's list; omit (with the name) when the page
    /// names none.
    pub decision_maker_body_id: Option<Uuid>,
    /// The decision maker's name as the page shows it.
    pub decision_maker_name: Option<String>,
    /// "Decision status" in the council's words, e.g. "Recommendations Approved"; omit when the
    /// page shows none.
    pub status_label: Option<String>,
    /// The canonical outcome; omit when the record states none.
    pub outcome: Option<Outcome>,
    /// "Is Key decision?"; null when the source left it blank.
    pub key_decision: Option<bool>,
    /// "Is subject to call in?"; null when the source left it blank.
    pub subject_to_call_in: Option<bool>,
    /// "Purpose".
    pub purpose: Option<String>,
    /// "Decision": the resolutions, in page order.
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
    /// "Decided: date - body": the body that took it, from the council's list; omit (with the
    /// name) when not stated.
    pub decided_by_body_id: Option<Uuid>,
    /// That body's name as the page shows it.
    pub decided_by_name: Option<String>,
    /// What the record says about declarations of interest; by default DECLARED when
    /// `interests` lists any, NOT_STATED otherwise. NONE_DECLARED is a page saying "None".
    pub interests_statement: Option<InterestsStatement>,
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
    /// The council's and the source's identifiers for the record.
    pub references: Option<ReferencesInput>,
    /// Other decisions this one reconsiders, replaces, amends...
    #[graphql(default)]
    pub links: Vec<DecisionLinkInput>,
    /// The meeting where it was taken (omit for decisions outside a meeting).
    pub meeting_id: Option<Uuid>,
    /// The agenda item, with `meetingId`.
    pub agenda_item_id: Option<Uuid>,
    /// "Lead member": the portfolio holder responsible.
    pub lead_member: Option<MemberRefInput>,
    /// "Lead officer", as given.
    pub lead_officer: Option<String>,
    /// "Department" or directorate.
    pub department: Option<String>,
    /// The vote on the motion, as recorded.
    pub vote: Option<VoteInput>,
}

impl DecisionDetailsInput {
    /// The record as typed, validated into domain values. Restrictions naming no scheme are left
    /// for the domain, which knows the council's nation.
    pub fn details(&self) -> Result<DecisionDetails<RestrictionDraft>, InputErrors> {
        let DecisionDetailsInput {
            title,
            decision_maker_body_id,
            decision_maker_name,
            status_label,
            outcome,
            key_decision,
            subject_to_call_in,
            purpose,
            resolutions,
            reasons,
            alternative_options,
            reason_key,
            wards_affected,
            committee_details,
            representations_by,
            other_consulted,
            consultees,
            contact,
            report_author,
            date_of_decision,
            decided_by_body_id,
            decided_by_name,
            interests_statement,
            interests,
            documents,
            field_restrictions,
            forward_plan_entry,
            references,
            links,
            meeting_id,
            agenda_item_id,
            lead_member,
            lead_officer,
            department,
            vote,
        } = self;
        let mut c = Checks::default();
        let title = c.check(at("title", Title::parse(title)));
        let decision_maker = c.check(body(
            "decisionMaker",
            *decision_maker_body_id,
            decision_maker_name.as_deref(),
        ));
        let status_label = c.check(optional(
            "statusLabel",
            status_label.as_deref(),
            StatusLabel::parse,
        ));
        let purpose = c.check(optional("purpose", purpose.as_deref(), LongText::parse));
        let resolutions = c.check(numbered("resolutions", resolutions));
        let reasons = c.check(optional("reasons", reasons.as_deref(), LongText::parse));
        let alternative_options = c.check(optional(
            "alternativeOptions",
            alternative_options.as_deref(),
            LongText::parse,
        ));
        let reason_key = c.check(all(reason_key
            .iter()
            .filter(|k| !k.trim().is_empty())
            .enumerate()
            .map(|(n, k)| at(&format!("reasonKey[{n}]"), Name::parse(k)))));
        let wards_affected = c.check(wards(wards_affected.as_ref()));
        let committee_details = c.check(optional(
            "committeeDetails",
            committee_details.as_deref(),
            LongText::parse,
        ));
        let other_consulted = c.check(optional(
            "otherConsulted",
            other_consulted.as_deref(),
            LongText::parse,
        ));
        let consultees = c.check(optional(
            "consultees",
            consultees.as_deref(),
            LongText::parse,
        ));
        let contact = c.check(contact.as_ref().map(ContactInput::contact).transpose());
        let report_author = c.check(optional(
            "reportAuthor",
            report_author.as_deref(),
            Name::parse,
        ));
        let decided_by = c.check(body(
            "decidedBy",
            *decided_by_body_id,
            decided_by_name.as_deref(),
        ));
        let declared = c
            .check(all(interests.iter().enumerate().map(|(n, interest)| {
                interest.interest(&format!("interests[{n}]"))
            })));
        let interests =
            declared.and_then(|declared| c.check(interests_stated(*interests_statement, declared)));
        let references = c.check(
            references
                .as_ref()
                .map(ReferencesInput::references)
                .transpose(),
        );
        let meeting = c.check(meeting(*meeting_id, *agenda_item_id));
        let lead_member = c.check(
            lead_member
                .as_ref()
                .map(|m| m.member("leadMember"))
                .transpose(),
        );
        let lead_officer = c.check(optional(
            "leadOfficer",
            lead_officer.as_deref(),
            Name::parse,
        ));
        let department = c.check(optional("department", department.as_deref(), Name::parse));
        let vote = c.check(vote.as_ref().map(|v| v.vote("vote")).transpose());
        let documents = c
            .check(all(documents.iter().enumerate().map(|(n, document)| {
                document.document(&format!("documents[{n}]"))
            })));
        let field_restrictions =
            c.check(all(field_restrictions.iter().enumerate().map(|(n, f)| {
                Ok(FieldRestriction {
                    field: f.field.into(),
                    restriction: f
                        .restriction
                        .draft(&format!("fieldRestrictions[{n}].restriction"))?,
                })
            })));
        c.finish(|| {
            Some(DecisionDetails {
                title: title?,
                decision_maker: decision_maker?,
                status_label: status_label?,
                outcome: outcome.map(Into::into),
                key_decision: *key_decision,
                subject_to_call_in: *subject_to_call_in,
                purpose: purpose?,
                resolutions: resolutions?,
                reasons: reasons?,
                alternative_options: alternative_options?,
                reason_key: reason_key?,
                wards_affected: wards_affected?,
                committee_details: committee_details?,
                representations_by: representations_by.map(Into::into),
                other_consulted: other_consulted?,
                consultees: consultees?,
                contact: contact?,
                report_author: report_author?,
                date_of_decision: (*date_of_decision).into(),
                decided_by: decided_by?,
                interests: interests?,
                documents: documents?,
                field_restrictions: field_restrictions?,
                forward_plan_entry: forward_plan_entry.map(ForwardPlanEntryId::from_uuid),
                references: references?.unwrap_or_default(),
                links: links.iter().map(Into::into).collect(),
                meeting: meeting?,
                lead_member: lead_member?,
                lead_officer: lead_officer?,
                department: department?,
                vote: vote?,
            })
        })
    }
}

/// A body as the record names it (`field` + "BodyId" / "Name"): both given, or neither when the
/// record does not state it.
fn body(
    field: &str,
    id: Option<Uuid>,
    name_as_shown: Option<&str>,
) -> Result<Option<BodyRef>, InputError> {
    let name_as_shown = name_as_shown.filter(|n| !n.trim().is_empty());
    match (id, name_as_shown) {
        (Some(id), Some(name)) => Ok(Some(BodyRef {
            body_id: BodyId::from_uuid(id),
            name_as_shown: at(&format!("{field}Name"), Name::parse(name))?,
        })),
        (None, None) => Ok(None),
        _ => Err(malformed(
            &format!("{field}Name"),
            "body",
            "give the body's id and its name as shown together, or neither",
        )),
    }
}

/// What the record says about interests, from the statement and the list.
fn interests_stated(
    statement: Option<InterestsStatement>,
    declared: Vec<civic_domain::decision::DeclaredInterest>,
) -> Result<Interests, InputError> {
    match (statement, declared.is_empty()) {
        (None, true) | (Some(InterestsStatement::NotStated), true) => Ok(Interests::NotStated),
        (Some(InterestsStatement::NoneDeclared), true) => Ok(Interests::NoneDeclared),
        (None, false) | (Some(InterestsStatement::Declared), _) => Ok(Interests::Declared {
            interests: declared,
        }),
        (Some(_), false) => Err(malformed(
            "interestsStatement",
            "interests",
            "interests are listed, so the statement must be DECLARED",
        )),
    }
}

/// Resolutions in page order, each with its label (or number) as written.
fn numbered(field: &str, resolutions: &[ResolutionInput]) -> Result<Resolutions, InputError> {
    resolutions
        .iter()
        .enumerate()
        .map(|(n, r)| {
            let label = match (&r.label, r.number) {
                (Some(label), None) => optional(
                    &format!("{field}[{n}].label"),
                    Some(label),
                    ResolutionLabel::parse,
                )?,
                (None, Some(number)) => Some(at(
                    &format!("{field}[{n}].number"),
                    ResolutionLabel::parse(&number.to_string()),
                )?),
                (None, None) => None,
                (Some(label), Some(number)) if label.trim() == number.to_string() => Some(at(
                    &format!("{field}[{n}].label"),
                    ResolutionLabel::parse(label),
                )?),
                (Some(_), Some(_)) => {
                    return Err(malformed(
                        &format!("{field}[{n}].label"),
                        "resolution",
                        "give the label or the number, not two different ones",
                    ));
                }
            };
            Ok(Resolution {
                label,
                text: at(&format!("{field}[{n}].text"), LongText::parse(&r.text))?,
            })
        })
        .collect::<Result<Vec<_>, InputError>>()
        .map(Resolutions::new)
}

/// "Wards Affected"; not stated when omitted.
fn wards(input: Option<&WardsAffectedInput>) -> Result<WardsAffected, InputError> {
    let Some(input) = input else {
        return Ok(WardsAffected::NotStated);
    };
    match (input.kind, input.ward_ids.is_empty()) {
        (WardsAffectedKind::All, true) => Ok(WardsAffected::All),
        (WardsAffectedKind::NotStated, true) => Ok(WardsAffected::NotStated),
        (WardsAffectedKind::Listed, false) => Ok(WardsAffected::Listed {
            ward_ids: at(
                "wardsAffected",
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
        _ => Err(malformed(
            "wardsAffected.wardIds",
            "wards affected",
            "list ward ids exactly when the kind is LISTED",
        )),
    }
}

impl ContactInput {
    fn contact(&self) -> Result<Contact, InputError> {
        Ok(Contact {
            name: optional("contact.name", self.name.as_deref(), Name::parse)?,
            email: optional("contact.email", self.email.as_deref(), EmailAddress::parse)?,
            phone: optional("contact.phone", self.phone.as_deref(), PhoneNumber::parse)?,
            as_given: optional("contact.asGiven", self.as_given.as_deref(), LongText::parse)?,
        })
    }
}

impl DocumentInput {
    fn document(&self, field: &str) -> Result<Document<RestrictionDraft>, InputError> {
        Ok(Document {
            title: at(&format!("{field}.title"), Title::parse(&self.title))?,
            url: optional(&format!("{field}.url"), self.url.as_deref(), HttpUrl::parse)?,
            sha256: optional(
                &format!("{field}.sha256"),
                self.sha256.as_deref(),
                Sha256Digest::parse,
            )?,
            restriction: self
                .restriction
                .as_ref()
                .map(|r| r.draft(&format!("{field}.restriction")))
                .transpose()?,
        })
    }
}

impl TryFrom<&DecisionDetailsInput> for DecisionCommand {
    type Error = InputErrors;
    fn try_from(input: &DecisionDetailsInput) -> Result<Self, Self::Error> {
        Ok(DecisionCommand::Record {
            details: input.details()?,
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
    /// The time on that day as published ("17:00"), to record rather than take from the rule.
    pub call_in_deadline_time: Option<Time>,
    /// The effective date as published elsewhere, to record rather than compute.
    pub effective_from: Option<Date>,
    /// Why explicit dates differ from the council's rule (a deliberate override).
    pub override_reason: Option<String>,
}

impl TryFrom<&PublishDecisionInput> for DecisionCommand {
    type Error = InputErrors;
    fn try_from(input: &PublishDecisionInput) -> Result<Self, Self::Error> {
        Ok(DecisionCommand::Publish {
            publication_date: input.publication_date.into(),
            call_in_deadline: input.call_in_deadline.map(Into::into),
            call_in_deadline_time: input.call_in_deadline_time.map(Into::into),
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
    /// Whether the call-in suspends the decision (usually it does; false records a call-in
    /// the constitution lets run while the decision stands).
    #[graphql(default = true)]
    pub suspends_decision: bool,
}

impl TryFrom<&CallInDecisionInput> for DecisionCommand {
    type Error = InputErrors;
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
            suspends: input.suspends_decision,
        })
    }
}

/// Members withdrawing their call-in request.
#[derive(InputObject, Debug, Clone)]
pub struct WithdrawCallInInput {
    /// When.
    pub date: Date,
    /// Why, if the record says.
    pub reason: Option<String>,
}

impl TryFrom<&WithdrawCallInInput> for DecisionCommand {
    type Error = InputErrors;
    fn try_from(input: &WithdrawCallInInput) -> Result<Self, Self::Error> {
        Ok(DecisionCommand::WithdrawCallIn {
            date: input.date.into(),
            reason: optional("reason", input.reason.as_deref(), Reason::parse)?,
        })
    }
}

/// A ruling that a call-in request is invalid (e.g. too few members, out of time).
#[derive(InputObject, Debug, Clone)]
pub struct RuleCallInInvalidInput {
    /// When.
    pub date: Date,
    /// Who ruled, e.g. "Monitoring Officer", if the record says.
    pub ruled_by: Option<String>,
    /// Why, if the record says.
    pub reason: Option<String>,
}

impl TryFrom<&RuleCallInInvalidInput> for DecisionCommand {
    type Error = InputErrors;
    fn try_from(input: &RuleCallInInvalidInput) -> Result<Self, Self::Error> {
        Ok(DecisionCommand::RuleCallInInvalid {
            date: input.date.into(),
            ruled_by: optional("ruledBy", input.ruled_by.as_deref(), Name::parse)?,
            reason: optional("reason", input.reason.as_deref(), Reason::parse)?,
        })
    }
}

/// Marks the record as a recommendation to full council rather than a decision.
#[derive(InputObject, Debug, Clone)]
pub struct RecommendToFullCouncilInput {
    /// The day of the full council meeting it goes to, if the record says.
    pub full_council_meeting_on: Option<Date>,
}

impl TryFrom<&RecommendToFullCouncilInput> for DecisionCommand {
    type Error = InputErrors;
    fn try_from(input: &RecommendToFullCouncilInput) -> Result<Self, Self::Error> {
        Ok(DecisionCommand::RecommendToFullCouncil {
            full_council_meeting_on: input.full_council_meeting_on.map(Into::into),
        })
    }
}

/// Links a recommendation to full council's decision on it.
#[derive(InputObject, Debug, Clone)]
pub struct LinkFullCouncilDecisionInput {
    /// Full council's decision (its uuid).
    pub full_council_decision_id: Uuid,
}

impl TryFrom<&LinkFullCouncilDecisionInput> for DecisionCommand {
    type Error = InputErrors;
    fn try_from(input: &LinkFullCouncilDecisionInput) -> Result<Self, Self::Error> {
        Ok(DecisionCommand::LinkFullCouncilDecision {
            decision: civic_domain::values::DecisionId::from_uuid(input.full_council_decision_id),
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
    type Error = InputErrors;
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
    /// Full council, to which the call-in referred the decision, objected and referred it back
    /// to the decision maker (which then confirms or amends it).
    ReferredBackByFullCouncil,
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
    type Error = InputErrors;
    fn try_from(input: &ReconsiderDecisionInput) -> Result<Self, Self::Error> {
        let result = match input.result {
            ReconsiderationKind::Confirmed if input.resolutions.is_empty() => {
                Reconsideration::Confirmed
            }
            ReconsiderationKind::ReferredBackByFullCouncil if input.resolutions.is_empty() => {
                Reconsideration::ReferredBackByFullCouncil
            }
            ReconsiderationKind::Confirmed | ReconsiderationKind::ReferredBackByFullCouncil => {
                return Err(malformed(
                    "resolutions",
                    "reconsideration",
                    "a confirmed decision keeps its resolutions; give new ones only when AMENDED",
                )
                .into());
            }
            ReconsiderationKind::Amended => {
                Reconsideration::Amended(numbered("resolutions", &input.resolutions)?)
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
    type Error = InputErrors;
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
    type Error = InputErrors;
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
    type Error = InputErrors;
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
    type Error = InputErrors;
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
    type Error = InputErrors;
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
    type Error = InputErrors;
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

impl TryFrom<&CorrectDecisionInput> for DecisionCommand {
    type Error = InputErrors;
    fn try_from(input: &CorrectDecisionInput) -> Result<Self, Self::Error> {
        Ok(DecisionCommand::Correct {
            details: input
                .details
                .details()
                .map_err(|errors| errors.under("details"))?,
            reason: at("reason", Reason::parse(&input.reason))?,
        })
    }
}
