//! A decision's record as the register shows it: every field of the council's "Decision details"
//! page, with what the audience may not see removed. One type for the current record and for a
//! correction's previous version, so a field of the record is carried over in one place.

use chrono::NaiveDate;
use civic_domain::decision::{
    BodyRef, Contact, DecisionDetails, DecisionField, DecisionLink, Document, FieldRestriction,
    Interests, MeetingItemRef, MemberRef, Outcome, References, Resolution, Vote, WardsAffected,
};
use civic_domain::values::{
    ForwardPlanEntryId, HttpUrl, LongText, Name, Sha256Digest, StatusLabel, Title,
};
use serde::{Deserialize, Serialize};

use super::council::CouncilView;
use super::withheld::{WardRef, WithheldNotice};

/// The record of a decision for one audience.
///
/// In a public view a withheld value is absent (`None` or empty) and listed in
/// [`RecordView::withheld`] with its notice; a withheld title is replaced by the notice's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordView {
    /// "Information Strategy 2010 - 13"; the withheld notice's text if the title is withheld.
    pub title: String,
    /// "Decision Maker": the body whose decision it is, as named on the record.
    pub decision_maker: Option<BodyRef>,
    /// The canonical outcome.
    pub outcome: Option<Outcome>,
    /// "Decision status" in the council's words, e.g. "Recommendations Approved".
    pub status_label: Option<StatusLabel>,
    /// "Is Key decision?"; `None` when not stated (or withheld).
    pub key_decision: Option<bool>,
    /// "Is subject to call in?"; `None` when not stated (or withheld).
    pub subject_to_call_in: Option<bool>,
    /// "Purpose".
    pub purpose: Option<LongText>,
    /// "Decision": the numbered resolutions, as amended on reconsideration.
    pub resolutions: Vec<Resolution>,
    /// "Reasons for the decision".
    pub reasons: Option<LongText>,
    /// "Alternative options considered".
    pub alternative_options: Option<LongText>,
    /// "Reason Key" categories.
    pub reason_key: Vec<Name>,
    /// "Wards Affected".
    pub wards_affected: Option<WardsAffectedView>,
    /// "Details of the Committee".
    pub committee_details: Option<LongText>,
    /// "Representations should be made by".
    pub representations_by: Option<NaiveDate>,
    /// "Other reasons / organisations consulted".
    pub other_consulted: Option<LongText>,
    /// "Consultees".
    pub consultees: Option<LongText>,
    /// "Contact".
    pub contact: Option<Contact>,
    /// "Report author".
    pub report_author: Option<Name>,
    /// "Date of decision".
    pub date_of_decision: Option<NaiveDate>,
    /// "Decided: date - body": the body that actually took it.
    pub decided_by: Option<BodyRef>,
    /// Declared interests and dispensations ("None" is a value); `None` when withheld.
    pub interests: Option<Interests>,
    /// "Accompanying Documents".
    pub documents: Vec<DocumentView>,
    /// The forward-plan entry that gave notice of it.
    pub forward_plan_entry: Option<ForwardPlanEntryId>,
    /// The council's and the source's identifiers; `None` when withheld.
    #[serde(default)]
    pub references: Option<References>,
    /// Other decisions this one reconsiders, replaces, amends...
    #[serde(default)]
    pub links: Vec<DecisionLink>,
    /// The meeting (and agenda item) where it was taken.
    #[serde(default)]
    pub meeting: Option<MeetingItemRef>,
    /// "Lead member".
    #[serde(default)]
    pub lead_member: Option<MemberRef>,
    /// "Lead officer", as given.
    #[serde(default)]
    pub lead_officer: Option<Name>,
    /// "Department".
    #[serde(default)]
    pub department: Option<Name>,
    /// The vote on the motion, as recorded.
    #[serde(default)]
    pub vote: Option<Vote>,
    /// The fields such a record normally states that the council's page leaves out (flagged,
    /// shown as not stated).
    #[serde(default)]
    pub not_stated: Vec<DecisionField>,
    /// The fields withheld from the public and why (in the full view too, so clerks see what the
    /// public is told).
    pub withheld: Vec<WithheldField>,
    /// Whether any field or document is withheld from the public.
    pub restricted: bool,
}

/// "Wards Affected", with ward names resolved when read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind")]
pub enum WardsAffectedView {
    /// "(All Wards)".
    #[serde(rename = "all")]
    All,
    /// Particular wards.
    #[serde(rename = "listed")]
    Listed {
        /// The wards.
        wards: Vec<WardRef>,
    },
    /// The record left it blank.
    #[serde(rename = "not_stated")]
    NotStated,
}

/// An accompanying document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentView {
    /// Its title (`None` in the public view when the document is withheld).
    pub title: Option<Title>,
    /// Where it is published.
    pub url: Option<HttpUrl>,
    /// The digest of its bytes, if captured.
    pub sha256: Option<Sha256Digest>,
    /// Why it is withheld from the public, if it is.
    pub withheld: Option<WithheldNotice>,
}

/// A field of the record withheld from the public.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WithheldField {
    /// The field.
    pub field: DecisionField,
    /// What the public is told instead.
    pub notice: WithheldNotice,
}

impl RecordView {
    /// Everything the record holds (clerks, auditors). Ward names are left to
    /// [`RecordView::resolve_names`].
    ///
    /// Destructured without `..`: a new field of the record must be placed here.
    pub fn full(details: &DecisionDetails) -> Self {
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
        } = details;
        Self {
            title: title.as_str().to_owned(),
            decision_maker: decision_maker.clone(),
            outcome: *outcome,
            status_label: status_label.clone(),
            key_decision: *key_decision,
            subject_to_call_in: *subject_to_call_in,
            purpose: purpose.clone(),
            resolutions: resolutions.as_slice().to_vec(),
            reasons: reasons.clone(),
            alternative_options: alternative_options.clone(),
            reason_key: reason_key.clone(),
            wards_affected: Some(wards_view(wards_affected)),
            committee_details: committee_details.clone(),
            representations_by: *representations_by,
            other_consulted: other_consulted.clone(),
            consultees: consultees.clone(),
            contact: contact.clone(),
            report_author: report_author.clone(),
            date_of_decision: Some(*date_of_decision),
            decided_by: decided_by.clone(),
            interests: Some(interests.clone()),
            documents: documents.iter().map(document_view).collect(),
            forward_plan_entry: *forward_plan_entry,
            references: Some(references.clone()),
            links: links.clone(),
            meeting: meeting.clone(),
            lead_member: lead_member.clone(),
            lead_officer: lead_officer.clone(),
            department: department.clone(),
            vote: vote.clone(),
            not_stated: details.not_stated(),
            withheld: field_restrictions
                .iter()
                .map(|FieldRestriction { field, restriction }| WithheldField {
                    field: *field,
                    notice: WithheldNotice::of(restriction),
                })
                .collect(),
            restricted: details.restrictions().next().is_some(),
        }
    }

    /// Removes one withheld field's value (a withheld title becomes `notice`). The list of
    /// restrictions says why, never what: its notices stay.
    pub(crate) fn withhold(&mut self, field: DecisionField, notice: &str) {
        use DecisionField as F;
        // Whether a withheld field was stated is itself withheld.
        self.not_stated.retain(|&f| f != field);
        match field {
            F::Title => self.title = notice.to_owned(),
            F::DecisionMaker => self.decision_maker = None,
            F::StatusLabel => self.status_label = None,
            F::Outcome => self.outcome = None,
            F::KeyDecision => self.key_decision = None,
            F::SubjectToCallIn => self.subject_to_call_in = None,
            F::Purpose => self.purpose = None,
            F::Resolutions => self.resolutions.clear(),
            F::Reasons => self.reasons = None,
            F::AlternativeOptions => self.alternative_options = None,
            F::ReasonKey => self.reason_key.clear(),
            F::WardsAffected => self.wards_affected = None,
            F::CommitteeDetails => self.committee_details = None,
            F::RepresentationsBy => self.representations_by = None,
            F::OtherConsulted => self.other_consulted = None,
            F::Consultees => self.consultees = None,
            F::Contact => self.contact = None,
            F::ReportAuthor => self.report_author = None,
            F::DateOfDecision => self.date_of_decision = None,
            F::DecidedBy => self.decided_by = None,
            F::Interests => self.interests = None,
            F::Documents => self.documents.clear(),
            F::ForwardPlanEntry => self.forward_plan_entry = None,
            F::References => self.references = None,
            F::Links => self.links.clear(),
            F::Meeting => self.meeting = None,
            F::LeadMember => self.lead_member = None,
            F::LeadOfficer => self.lead_officer = None,
            F::Department => self.department = None,
            F::Vote => self.vote = None,
            F::FieldRestrictions => {}
        }
    }

    /// The record as the public sees it: each withheld field removed, each withheld document
    /// reduced to its notice.
    pub(crate) fn public(&self) -> RecordView {
        let mut record = self.clone();
        for withheld in &self.withheld {
            record.withhold(withheld.field, &withheld.notice.text);
        }
        for document in &mut record.documents {
            if document.withheld.is_some() {
                document.title = None;
                document.url = None;
                document.sha256 = None;
            }
        }
        record
    }

    /// Fills in ward names from the council's current reference data.
    pub fn resolve_names(&mut self, council: &CouncilView) {
        if let Some(WardsAffectedView::Listed { wards }) = &mut self.wards_affected {
            for ward in wards {
                ward.resolve(council);
            }
        }
    }

    /// The text full-text search indexes, as far as this record shows it (so withheld text is
    /// never indexed for the public): the title, purpose, resolutions, reasons, reason key,
    /// report author, consultees and the council's reference and minute number, written as the
    /// search language reads text ([`crate::query::search::index_text`]).
    pub(crate) fn search_text(&self) -> String {
        let mut parts: Vec<&str> = vec![&self.title];
        parts.extend(self.purpose.as_ref().map(LongText::as_str));
        parts.extend(self.resolutions.iter().map(|r| r.text.as_str()));
        parts.extend(self.reasons.as_ref().map(LongText::as_str));
        parts.extend(self.reason_key.iter().map(Name::as_str));
        parts.extend(self.report_author.as_ref().map(Name::as_str));
        parts.extend(self.consultees.as_ref().map(LongText::as_str));
        if let Some(references) = &self.references {
            parts.extend(references.reference.as_ref().map(|r| r.as_str()));
            parts.extend(references.minute_number.as_ref().map(|r| r.as_str()));
        }
        crate::query::search::index_text(&parts)
    }

    /// The ward ids the record lists, for the ward filter.
    pub(crate) fn ward_ids(&self) -> Vec<uuid::Uuid> {
        match &self.wards_affected {
            Some(WardsAffectedView::Listed { wards }) => {
                wards.iter().map(|w| w.id.as_uuid()).collect()
            }
            _ => Vec::new(),
        }
    }
}

fn document_view(document: &Document) -> DocumentView {
    let Document {
        title,
        url,
        sha256,
        restriction,
    } = document;
    DocumentView {
        title: Some(title.clone()),
        url: url.clone(),
        sha256: sha256.clone(),
        withheld: restriction.as_ref().map(WithheldNotice::of),
    }
}

fn wards_view(wards: &WardsAffected) -> WardsAffectedView {
    match wards {
        WardsAffected::All => WardsAffectedView::All,
        WardsAffected::NotStated => WardsAffectedView::NotStated,
        WardsAffected::Listed { ward_ids } => WardsAffectedView::Listed {
            wards: ward_ids
                .as_slice()
                .iter()
                .map(|id| WardRef::unresolved(*id))
                .collect(),
        },
    }
}
