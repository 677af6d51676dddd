//! The published record of a decision: every field of a ModernGov "decision
//! details" page, typed.

use super::links::{DecisionLink, MeetingItemRef, References};
use super::people::{Interests, MemberRef, Vote};
use super::resolutions::Resolutions;
use crate::restriction::{ExemptionScheme, Restriction, RestrictionAt, RestrictionDraft};
use crate::values::{
    BodyId, EmailAddress, ForwardPlanEntryId, HttpUrl, LongText, Name, PhoneNumber, Sha256Digest,
    StatusLabel, Title, ValueError, WardId,
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The canonical outcome of a decision, whatever words the council used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Outcome {
    /// The recommendations were approved as put.
    #[serde(rename = "approved")]
    Approved,
    /// Approved with amendments.
    #[serde(rename = "approved_with_amendments")]
    ApprovedWithAmendments,
    /// Rejected or refused.
    #[serde(rename = "rejected")]
    Rejected,
    /// Noted: a report received with nothing decided.
    #[serde(rename = "noted")]
    Noted,
    /// Awaiting determination (recorded before the outcome is known).
    #[serde(rename = "for_determination")]
    ForDetermination,
}

impl Outcome {
    /// Whether this outcome decides something, so the record would normally
    /// carry at least one resolution.
    pub fn expects_resolutions(self) -> bool {
        matches!(
            self,
            Outcome::Approved | Outcome::ApprovedWithAmendments | Outcome::Rejected
        )
    }
}

/// A body as named on the record: its id in the council's list and the name
/// the page showed (which may be an old name of the body).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct BodyRef {
    /// The body in the council's list.
    #[serde(rename = "body_id")]
    pub body_id: BodyId,
    /// The name as shown on the record, e.g. "Cabinet".
    #[serde(rename = "name_as_shown")]
    pub name_as_shown: Name,
}

/// A non-empty list of distinct wards, sorted, so that "listed" always lists
/// something and equal lists compare equal.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "Vec<WardId>", into = "Vec<WardId>")]
pub struct WardList(Vec<WardId>);

impl WardList {
    /// Accepts one or more ward ids; duplicates are dropped.
    pub fn parse(wards: Vec<WardId>) -> Result<Self, ValueError> {
        let mut wards = wards;
        wards.sort();
        wards.dedup();
        if wards.is_empty() {
            return Err(ValueError::Blank { what: "ward list" });
        }
        Ok(Self(wards))
    }

    /// The wards, sorted by id.
    pub fn as_slice(&self) -> &[WardId] {
        &self.0
    }
}

impl TryFrom<Vec<WardId>> for WardList {
    type Error = ValueError;
    fn try_from(value: Vec<WardId>) -> Result<Self, Self::Error> {
        Self::parse(value)
    }
}

impl From<WardList> for Vec<WardId> {
    fn from(value: WardList) -> Self {
        value.0
    }
}

/// "Wards Affected" as published.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind")]
pub enum WardsAffected {
    /// "(All Wards)".
    #[serde(rename = "all")]
    All,
    /// Particular wards.
    #[serde(rename = "listed")]
    Listed {
        /// The wards.
        #[serde(rename = "ward_ids")]
        ward_ids: WardList,
    },
    /// The source left the field blank.
    #[serde(rename = "not_stated")]
    NotStated,
}

/// The contact for a decision: what could be picked out of it, and the text
/// exactly as the council gave it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Contact {
    /// The contact's name, if given.
    #[serde(rename = "name")]
    pub name: Option<Name>,
    /// Email, if given.
    #[serde(rename = "email")]
    pub email: Option<EmailAddress>,
    /// Telephone, if given.
    #[serde(rename = "phone")]
    pub phone: Option<PhoneNumber>,
    /// The contact text as published, e.g. "Email:
    /// Paultaylor@maidstone.gov.uk Tel: 01622 602068."
    #[serde(rename = "as_given")]
    pub as_given: Option<LongText>,
}

/// An accompanying document.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Document<R = Restriction> {
    /// Its title.
    #[serde(rename = "title")]
    pub title: Title,
    /// Where it is published, if it is.
    #[serde(rename = "url")]
    pub url: Option<HttpUrl>,
    /// The digest of its bytes, if captured.
    #[serde(rename = "sha256")]
    pub sha256: Option<Sha256Digest>,
    /// Why it is withheld, if it is.
    #[serde(rename = "restriction")]
    pub restriction: Option<R>,
}

/// A field of the record that is withheld, and why.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FieldRestriction<R = Restriction> {
    /// The field withheld.
    #[serde(rename = "field")]
    pub field: DecisionField,
    /// The basis.
    #[serde(rename = "restriction")]
    pub restriction: R,
}

/// Names a field of [`DecisionDetails`]: used for field restrictions and for
/// the list of fields a correction changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum DecisionField {
    /// [`DecisionDetails::title`].
    #[serde(rename = "title")]
    Title,
    /// [`DecisionDetails::decision_maker`].
    #[serde(rename = "decision_maker")]
    DecisionMaker,
    /// [`DecisionDetails::status_label`].
    #[serde(rename = "status_label")]
    StatusLabel,
    /// [`DecisionDetails::outcome`].
    #[serde(rename = "outcome")]
    Outcome,
    /// [`DecisionDetails::key_decision`].
    #[serde(rename = "key_decision")]
    KeyDecision,
    /// [`DecisionDetails::subject_to_call_in`].
    #[serde(rename = "subject_to_call_in")]
    SubjectToCallIn,
    /// [`DecisionDetails::purpose`].
    #[serde(rename = "purpose")]
    Purpose,
    /// [`DecisionDetails::resolutions`].
    #[serde(rename = "resolutions")]
    Resolutions,
    /// [`DecisionDetails::reasons`].
    #[serde(rename = "reasons")]
    Reasons,
    /// [`DecisionDetails::alternative_options`].
    #[serde(rename = "alternative_options")]
    AlternativeOptions,
    /// [`DecisionDetails::reason_key`].
    #[serde(rename = "reason_key")]
    ReasonKey,
    /// [`DecisionDetails::wards_affected`].
    #[serde(rename = "wards_affected")]
    WardsAffected,
    /// [`DecisionDetails::committee_details`].
    #[serde(rename = "committee_details")]
    CommitteeDetails,
    /// [`DecisionDetails::representations_by`].
    #[serde(rename = "representations_by")]
    RepresentationsBy,
    /// [`DecisionDetails::other_consulted`].
    #[serde(rename = "other_consulted")]
    OtherConsulted,
    /// [`DecisionDetails::consultees`].
    #[serde(rename = "consultees")]
    Consultees,
    /// [`DecisionDetails::contact`].
    #[serde(rename = "contact")]
    Contact,
    /// [`DecisionDetails::report_author`].
    #[serde(rename = "report_author")]
    ReportAuthor,
    /// [`DecisionDetails::date_of_decision`].
    #[serde(rename = "date_of_decision")]
    DateOfDecision,
    /// [`DecisionDetails::decided_by`].
    #[serde(rename = "decided_by")]
    DecidedBy,
    /// [`DecisionDetails::interests`].
    #[serde(rename = "interests")]
    Interests,
    /// [`DecisionDetails::documents`].
    #[serde(rename = "documents")]
    Documents,
    /// [`DecisionDetails::field_restrictions`].
    #[serde(rename = "field_restrictions")]
    FieldRestrictions,
    /// [`DecisionDetails::forward_plan_entry`].
    #[serde(rename = "forward_plan_entry")]
    ForwardPlanEntry,
    /// [`DecisionDetails::references`].
    #[serde(rename = "references")]
    References,
    /// [`DecisionDetails::links`].
    #[serde(rename = "links")]
    Links,
    /// [`DecisionDetails::meeting`].
    #[serde(rename = "meeting")]
    Meeting,
    /// [`DecisionDetails::lead_member`].
    #[serde(rename = "lead_member")]
    LeadMember,
    /// [`DecisionDetails::lead_officer`].
    #[serde(rename = "lead_officer")]
    LeadOfficer,
    /// [`DecisionDetails::department`].
    #[serde(rename = "department")]
    Department,
    /// [`DecisionDetails::vote`].
    #[serde(rename = "vote")]
    Vote,
}

impl DecisionField {
    /// The field in plain words, as a warning names it.
    pub fn words(self) -> &'static str {
        match self {
            DecisionField::Title => "title",
            DecisionField::DecisionMaker => "decision maker",
            DecisionField::StatusLabel => "decision status",
            DecisionField::Outcome => "outcome",
            DecisionField::KeyDecision => "whether it is a key decision",
            DecisionField::SubjectToCallIn => "whether it is subject to call-in",
            DecisionField::Purpose => "purpose",
            DecisionField::Resolutions => "the decision",
            DecisionField::Reasons => "reasons for the decision",
            DecisionField::AlternativeOptions => "alternative options considered",
            DecisionField::ReasonKey => "reason key",
            DecisionField::WardsAffected => "wards affected",
            DecisionField::CommitteeDetails => "details of the committee",
            DecisionField::RepresentationsBy => "when representations should be made by",
            DecisionField::OtherConsulted => "other reasons or organisations consulted",
            DecisionField::Consultees => "consultees",
            DecisionField::Contact => "contact",
            DecisionField::ReportAuthor => "report author",
            DecisionField::DateOfDecision => "date of decision",
            DecisionField::DecidedBy => "decided by",
            DecisionField::Interests => "declarations of interest",
            DecisionField::Documents => "accompanying documents",
            DecisionField::FieldRestrictions => "withheld fields",
            DecisionField::ForwardPlanEntry => "forward-plan entry",
            DecisionField::References => "references",
            DecisionField::Links => "related decisions",
            DecisionField::Meeting => "meeting",
            DecisionField::LeadMember => "lead member",
            DecisionField::LeadOfficer => "lead officer",
            DecisionField::Department => "department",
            DecisionField::Vote => "vote",
        }
    }
}

/// Everything the published record of a decision says, apart from the dates
/// its lifecycle produces (publication, effective from).
///
/// Fields are public because each is already a validated type; the rules
/// that relate fields to each other and to the council (dates, bodies, wards)
/// are checked when a command carrying the details is decided.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DecisionDetails<R = Restriction> {
    /// The decision's title, e.g. "Information Strategy 2010 - 13".
    #[serde(rename = "title")]
    pub title: Title,
    /// "Decision Maker": the body whose decision it is; `None` when the page names none (many
    /// officer and individual-member decisions).
    #[serde(rename = "decision_maker")]
    pub decision_maker: Option<BodyRef>,
    /// "Decision status" in the council's words; `None` when the page shows none (records of
    /// decision, issue histories).
    #[serde(rename = "status_label")]
    pub status_label: Option<StatusLabel>,
    /// The canonical outcome; `None` when the record does not state one.
    #[serde(rename = "outcome")]
    pub outcome: Option<Outcome>,
    /// "Is Key decision?"; `None` when the source left it blank.
    #[serde(rename = "key_decision")]
    pub key_decision: Option<bool>,
    /// "Is subject to call in?"; `None` when the source left it blank (then
    /// the decision is treated as callable in, the cautious reading).
    #[serde(rename = "subject_to_call_in")]
    pub subject_to_call_in: Option<bool>,
    /// "Purpose".
    #[serde(rename = "purpose")]
    pub purpose: Option<LongText>,
    /// "Decision": the resolutions, in page order, with the council's labels.
    #[serde(rename = "resolutions")]
    pub resolutions: Resolutions,
    /// "Reasons for the decision".
    #[serde(rename = "reasons")]
    pub reasons: Option<LongText>,
    /// "Alternative options considered".
    #[serde(rename = "alternative_options")]
    pub alternative_options: Option<LongText>,
    /// "Reason Key" categories, e.g. "Policies, Plans, Strategies".
    #[serde(rename = "reason_key")]
    pub reason_key: Vec<Name>,
    /// "Wards Affected".
    #[serde(rename = "wards_affected")]
    pub wards_affected: WardsAffected,
    /// "Details of the Committee", as given (often literally "None").
    #[serde(rename = "committee_details")]
    pub committee_details: Option<LongText>,
    /// "Representations should be made by".
    #[serde(rename = "representations_by")]
    pub representations_by: Option<NaiveDate>,
    /// "Other reasons / organisations consulted".
    #[serde(rename = "other_consulted")]
    pub other_consulted: Option<LongText>,
    /// "Consultees".
    #[serde(rename = "consultees")]
    pub consultees: Option<LongText>,
    /// "Contact".
    #[serde(rename = "contact")]
    pub contact: Option<Contact>,
    /// "Report author".
    #[serde(rename = "report_author")]
    pub report_author: Option<Name>,
    /// "Date of decision" (UK civil date).
    #[serde(rename = "date_of_decision")]
    pub date_of_decision: NaiveDate,
    /// "Decided: date - body": the body that actually took it; `None` when not stated.
    #[serde(rename = "decided_by")]
    pub decided_by: Option<BodyRef>,
    /// "Declarations of interest" and dispensations ("None" is a value).
    #[serde(rename = "interests")]
    pub interests: Interests,
    /// "Accompanying Documents".
    #[serde(rename = "documents")]
    pub documents: Vec<Document<R>>,
    /// Fields withheld from the public, and why.
    #[serde(rename = "field_restrictions")]
    pub field_restrictions: Vec<FieldRestriction<R>>,
    /// The forward-plan entry that gave notice of it, if any.
    #[serde(rename = "forward_plan_entry")]
    pub forward_plan_entry: Option<ForwardPlanEntryId>,
    /// The council's and the source's identifiers for the record (v2).
    #[serde(rename = "references")]
    pub references: References,
    /// Other decisions this one reconsiders, replaces, amends... (v2).
    #[serde(rename = "links")]
    pub links: Vec<DecisionLink>,
    /// The meeting (and agenda item) where it was taken; `None` for decisions taken outside a
    /// meeting (officers, individual members) or not stated (v2).
    #[serde(rename = "meeting")]
    pub meeting: Option<MeetingItemRef>,
    /// "Lead member": the portfolio holder responsible (v2).
    #[serde(rename = "lead_member")]
    pub lead_member: Option<MemberRef>,
    /// "Lead officer", as given, e.g. "Mark Green, Director of Finance" (v2).
    #[serde(rename = "lead_officer")]
    pub lead_officer: Option<Name>,
    /// "Department" or directorate responsible (v2).
    #[serde(rename = "department")]
    pub department: Option<Name>,
    /// The vote on the motion, as recorded (v2).
    #[serde(rename = "vote")]
    pub vote: Option<Vote>,
}

impl<R> DecisionDetails<R> {
    /// The same record with each restriction converted by `convert`, which is given the
    /// restriction's field path (`documents[0].restriction`, `fieldRestrictions[1].restriction`).
    /// Destructured without `..`: a new field must be carried over here.
    pub fn map_restrictions<S, E>(
        self,
        mut convert: impl FnMut(String, R) -> Result<S, E>,
    ) -> Result<DecisionDetails<S>, E> {
        let DecisionDetails {
            title,
            decision_maker,
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
            decided_by,
            interests,
            documents,
            field_restrictions,
            forward_plan_entry,
            references,
            links,
            meeting,
            lead_member,
            lead_officer,
            department,
            vote,
        } = self;
        let documents = documents
            .into_iter()
            .enumerate()
            .map(|(n, document)| {
                let Document {
                    title,
                    url,
                    sha256,
                    restriction,
                } = document;
                let restriction = restriction
                    .map(|r| convert(format!("documents[{n}].restriction"), r))
                    .transpose()?;
                Ok(Document {
                    title,
                    url,
                    sha256,
                    restriction,
                })
            })
            .collect::<Result<_, E>>()?;
        let field_restrictions = field_restrictions
            .into_iter()
            .enumerate()
            .map(|(n, FieldRestriction { field, restriction })| {
                Ok(FieldRestriction {
                    field,
                    restriction: convert(
                        format!("fieldRestrictions[{n}].restriction"),
                        restriction,
                    )?,
                })
            })
            .collect::<Result<_, E>>()?;
        Ok(DecisionDetails {
            title,
            decision_maker,
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
            decided_by,
            interests,
            documents,
            field_restrictions,
            forward_plan_entry,
            references,
            links,
            meeting,
            lead_member,
            lead_officer,
            department,
            vote,
        })
    }
}

impl DecisionDetails<RestrictionDraft> {
    /// The record with every restriction resolved: a restriction naming no scheme takes
    /// `nation_default`, the current scheme of the council's nation.
    pub fn resolve(
        self,
        nation_default: ExemptionScheme,
    ) -> Result<DecisionDetails, RestrictionAt> {
        self.map_restrictions(|field, draft| {
            draft
                .resolve(nation_default)
                .map_err(|error| RestrictionAt { field, error })
        })
    }
}

/// A resolved record stated again as a draft (every scheme named): for importers and tests that
/// build records from resolved values.
impl From<DecisionDetails> for DecisionDetails<RestrictionDraft> {
    fn from(details: DecisionDetails) -> Self {
        match details.map_restrictions(|_, r| Ok::<_, std::convert::Infallible>(r.into())) {
            Ok(draft) => draft,
            Err(never) => match never {},
        }
    }
}

impl DecisionDetails {
    /// The fields whose values differ between `self` and `other`, in field order: what a
    /// correction changed. Destructured without `..`, so a new field cannot be missed.
    pub fn changed_fields(&self, other: &DecisionDetails) -> Vec<DecisionField> {
        use DecisionField as F;
        let DecisionDetails {
            title,
            decision_maker,
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
            decided_by,
            interests,
            documents,
            field_restrictions,
            forward_plan_entry,
            references,
            links,
            meeting,
            lead_member,
            lead_officer,
            department,
            vote,
        } = self;
        [
            (title != &other.title, F::Title),
            (decision_maker != &other.decision_maker, F::DecisionMaker),
            (status_label != &other.status_label, F::StatusLabel),
            (outcome != &other.outcome, F::Outcome),
            (key_decision != &other.key_decision, F::KeyDecision),
            (
                subject_to_call_in != &other.subject_to_call_in,
                F::SubjectToCallIn,
            ),
            (purpose != &other.purpose, F::Purpose),
            (resolutions != &other.resolutions, F::Resolutions),
            (reasons != &other.reasons, F::Reasons),
            (
                alternative_options != &other.alternative_options,
                F::AlternativeOptions,
            ),
            (reason_key != &other.reason_key, F::ReasonKey),
            (wards_affected != &other.wards_affected, F::WardsAffected),
            (
                committee_details != &other.committee_details,
                F::CommitteeDetails,
            ),
            (
                representations_by != &other.representations_by,
                F::RepresentationsBy,
            ),
            (other_consulted != &other.other_consulted, F::OtherConsulted),
            (consultees != &other.consultees, F::Consultees),
            (contact != &other.contact, F::Contact),
            (report_author != &other.report_author, F::ReportAuthor),
            (
                date_of_decision != &other.date_of_decision,
                F::DateOfDecision,
            ),
            (decided_by != &other.decided_by, F::DecidedBy),
            (interests != &other.interests, F::Interests),
            (documents != &other.documents, F::Documents),
            (
                field_restrictions != &other.field_restrictions,
                F::FieldRestrictions,
            ),
            (
                forward_plan_entry != &other.forward_plan_entry,
                F::ForwardPlanEntry,
            ),
            (references != &other.references, F::References),
            (links != &other.links, F::Links),
            (meeting != &other.meeting, F::Meeting),
            (lead_member != &other.lead_member, F::LeadMember),
            (lead_officer != &other.lead_officer, F::LeadOfficer),
            (department != &other.department, F::Department),
            (vote != &other.vote, F::Vote),
        ]
        .into_iter()
        .filter_map(|(differs, field)| differs.then_some(field))
        .collect()
    }

    /// The fields such a record normally states that this one leaves out: it is kept and shown
    /// as the council showed it, and flagged. (Whether it is subject to call-in has its own
    /// warning, since the rules then assume it is.)
    pub fn not_stated(&self) -> Vec<DecisionField> {
        [
            (self.decision_maker.is_none(), DecisionField::DecisionMaker),
            (self.status_label.is_none(), DecisionField::StatusLabel),
            (self.outcome.is_none(), DecisionField::Outcome),
            (self.key_decision.is_none(), DecisionField::KeyDecision),
        ]
        .into_iter()
        .filter_map(|(missing, field)| missing.then_some(field))
        .collect()
    }

    /// Every member the record names by id: lead member, declarations, the vote.
    pub fn members(&self) -> impl Iterator<Item = &MemberRef> {
        self.lead_member
            .iter()
            .chain(self.interests.declared().iter().map(|i| &i.member))
            .chain(self.vote.iter().flat_map(|v| v.members()))
    }

    /// Whether the decision can be called in, as far as the record says:
    /// anything but an explicit "No".
    pub fn callable_in(&self) -> bool {
        self.subject_to_call_in != Some(false)
    }

    /// Every restriction in the record (documents and fields).
    pub fn restrictions(&self) -> impl Iterator<Item = &Restriction> {
        self.documents
            .iter()
            .filter_map(|d| d.restriction.as_ref())
            .chain(self.field_restrictions.iter().map(|f| &f.restriction))
    }

    /// The restriction on a field, if it is withheld.
    pub fn restriction_on(&self, field: DecisionField) -> Option<&Restriction> {
        self.field_restrictions
            .iter()
            .find(|f| f.field == field)
            .map(|f| &f.restriction)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ward_list_must_list_something_and_drops_duplicates() {
        assert!(WardList::parse(vec![]).is_err());
        let w = WardId::new();
        assert_eq!(WardList::parse(vec![w, w]).unwrap().as_slice(), &[w]);
    }

    #[test]
    fn wards_affected_serialise_with_a_kind_tag() {
        assert_eq!(
            serde_json::to_value(WardsAffected::All).unwrap(),
            serde_json::json!({"kind": "all"})
        );
        assert_eq!(
            serde_json::to_value(WardsAffected::NotStated).unwrap(),
            serde_json::json!({"kind": "not_stated"})
        );
    }

    #[test]
    fn only_deciding_outcomes_expect_resolutions() {
        assert!(Outcome::Approved.expects_resolutions());
        assert!(Outcome::Rejected.expects_resolutions());
        assert!(!Outcome::Noted.expects_resolutions());
        assert!(!Outcome::ForDetermination.expects_resolutions());
    }
}
