//! The published record of a decision: every field of a ModernGov "decision
//! details" page, typed.

use crate::restriction::{ExemptionScheme, Restriction, RestrictionAt, RestrictionDraft};
use crate::values::{
    BodyId, EmailAddress, ForwardPlanEntryId, HttpUrl, LongText, Name, PhoneNumber, Sha256Digest,
    StatusLabel, Title, ValueError, WardId,
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use thiserror::Error;

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

/// One numbered resolution of "The decision".
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Resolution {
    /// Its number as published (1, 2, 3...).
    #[serde(rename = "number")]
    pub number: u32,
    /// Its text.
    #[serde(rename = "text")]
    pub text: LongText,
}

/// Why a list of resolutions was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ResolutionsError {
    /// Resolution numbers start at 1. Edge: invalid input.
    #[error("resolution numbers start at 1")]
    NumberZero,
    /// Two resolutions share a number. Edge: invalid input.
    #[error("resolution number {0} appears more than once")]
    DuplicateNumber(u32),
    /// Numbers must be given in ascending order, as published. Edge: invalid
    /// input.
    #[error("resolution {later} comes after {earlier}; numbers must ascend")]
    NotAscending {
        /// The number given first.
        earlier: u32,
        /// The smaller number given after it.
        later: u32,
    },
}

/// The decision's resolutions, numbers unique and ascending. May be empty: a
/// "Noted" item often has none, and imported records sometimes omit the text
/// (recording proceeds with a warning rather than losing the record).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(try_from = "Vec<Resolution>", into = "Vec<Resolution>")]
pub struct Resolutions(Vec<Resolution>);

impl Resolutions {
    /// Accepts resolutions numbered from 1 upwards, unique and ascending
    /// (gaps allowed: a published list may skip a withdrawn recommendation).
    pub fn parse(resolutions: Vec<Resolution>) -> Result<Self, ResolutionsError> {
        for (i, r) in resolutions.iter().enumerate() {
            if r.number == 0 {
                return Err(ResolutionsError::NumberZero);
            }
            if resolutions[..i]
                .iter()
                .any(|earlier| earlier.number == r.number)
            {
                return Err(ResolutionsError::DuplicateNumber(r.number));
            }
            if let Some(prev) = i.checked_sub(1).and_then(|p| resolutions.get(p))
                && prev.number > r.number
            {
                return Err(ResolutionsError::NotAscending {
                    earlier: prev.number,
                    later: r.number,
                });
            }
        }
        Ok(Self(resolutions))
    }

    /// The resolutions in order.
    pub fn as_slice(&self) -> &[Resolution] {
        &self.0
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl TryFrom<Vec<Resolution>> for Resolutions {
    type Error = ResolutionsError;
    fn try_from(value: Vec<Resolution>) -> Result<Self, Self::Error> {
        Self::parse(value)
    }
}

impl From<Resolutions> for Vec<Resolution> {
    fn from(value: Resolutions) -> Self {
        value.0
    }
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

/// A member's declared interest, and any dispensation granted.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DeclaredInterest {
    /// The member who declared it.
    #[serde(rename = "member")]
    pub member: Name,
    /// The interest as recorded.
    #[serde(rename = "interest")]
    pub interest: LongText,
    /// The dispensation granted, if any.
    #[serde(rename = "dispensation")]
    pub dispensation: Option<LongText>,
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
    /// "Decision Maker": the body whose decision it is.
    #[serde(rename = "decision_maker")]
    pub decision_maker: BodyRef,
    /// "Decision status" in the council's words.
    #[serde(rename = "status_label")]
    pub status_label: StatusLabel,
    /// The canonical outcome.
    #[serde(rename = "outcome")]
    pub outcome: Outcome,
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
    /// "Decision": the numbered resolutions.
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
    /// "Decided: date - body": the body that actually took it.
    #[serde(rename = "decided_by")]
    pub decided_by: BodyRef,
    /// Declared interests and dispensations.
    #[serde(rename = "interests")]
    pub interests: Vec<DeclaredInterest>,
    /// "Accompanying Documents".
    #[serde(rename = "documents")]
    pub documents: Vec<Document<R>>,
    /// Fields withheld from the public, and why.
    #[serde(rename = "field_restrictions")]
    pub field_restrictions: Vec<FieldRestriction<R>>,
    /// The forward-plan entry that gave notice of it, if any.
    #[serde(rename = "forward_plan_entry")]
    pub forward_plan_entry: Option<ForwardPlanEntryId>,
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
        ]
        .into_iter()
        .filter_map(|(differs, field)| differs.then_some(field))
        .collect()
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

    fn r(number: u32) -> Resolution {
        Resolution {
            number,
            text: LongText::parse("That it be approved.").unwrap(),
        }
    }

    #[test]
    fn resolutions_numbered_upwards_are_accepted_even_with_gaps() {
        assert!(Resolutions::parse(vec![r(1), r(2), r(4)]).is_ok());
        assert!(Resolutions::parse(vec![]).unwrap().is_empty());
    }

    #[test]
    fn duplicate_resolution_numbers_are_refused() {
        assert_eq!(
            Resolutions::parse(vec![r(1), r(2), r(2)]),
            Err(ResolutionsError::DuplicateNumber(2))
        );
    }

    #[test]
    fn descending_resolution_numbers_are_refused() {
        assert_eq!(
            Resolutions::parse(vec![r(2), r(1)]),
            Err(ResolutionsError::NotAscending {
                earlier: 2,
                later: 1
            })
        );
    }

    #[test]
    fn resolution_zero_is_refused() {
        assert_eq!(
            Resolutions::parse(vec![r(0)]),
            Err(ResolutionsError::NumberZero)
        );
    }

    #[test]
    fn stored_resolutions_are_revalidated_when_read() {
        let json = serde_json::json!([{"number": 1, "text": "a"}, {"number": 1, "text": "b"}]);
        assert!(serde_json::from_value::<Resolutions>(json).is_err());
    }

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
