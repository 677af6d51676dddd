//! A decision's record: the fields of the council's page. [`RecordFields`] resolves the fields
//! that read the same on a decision and on a correction's previous version, once, over the read
//! model's [`RecordView`]; [`super::decision::Decision`] and [`DecisionRecord`] both flatten it.

use async_graphql::Object;
use civic_domain::decision::{DecisionDetails, Interests, WardsAffected};
use civic_projections::views::RecordView;
use uuid::Uuid;

use super::common::{BodyRef, Resolution};
use super::decision::Contact;
use super::people::{DecisionLink, MeetingItem, MemberRef, References, Vote};
use crate::graphql::enums::{DecisionField, InterestsStatement, Outcome, WardsAffectedKind};
use crate::graphql::scalars::Date;

/// The shared fields of a decision record, for the audience its view was built for.
pub struct RecordFields<'a>(pub &'a RecordView);

#[Object]
impl RecordFields<'_> {
    /// The title, e.g. "Information Strategy 2010 - 13" (the withheld notice if it is withheld).
    async fn title(&self) -> &str {
        &self.0.title
    }

    /// "Is Key decision?"; null when not stated (or withheld).
    async fn key_decision(&self) -> Option<bool> {
        self.0.key_decision
    }

    /// "Is subject to call in?"; null when not stated (or withheld).
    async fn subject_to_call_in(&self) -> Option<bool> {
        self.0.subject_to_call_in
    }

    /// "Purpose".
    async fn purpose(&self) -> Option<&str> {
        self.0.purpose.as_ref().map(|t| t.as_str())
    }

    /// "Decision": the resolutions in page order, with the council's labels (on a decision, as
    /// amended on reconsideration).
    async fn resolutions(&self) -> Vec<Resolution> {
        Resolution::list(&self.0.resolutions)
    }

    /// "Reasons for the decision".
    async fn reasons(&self) -> Option<&str> {
        self.0.reasons.as_ref().map(|t| t.as_str())
    }

    /// "Alternative options considered".
    async fn alternative_options(&self) -> Option<&str> {
        self.0.alternative_options.as_ref().map(|t| t.as_str())
    }

    /// "Reason Key" categories, e.g. "Policies, Plans, Strategies".
    async fn reason_key(&self) -> Vec<&str> {
        self.0.reason_key.iter().map(|n| n.as_str()).collect()
    }

    /// "Details of the Committee".
    async fn committee_details(&self) -> Option<&str> {
        self.0.committee_details.as_ref().map(|t| t.as_str())
    }

    /// "Representations should be made by".
    async fn representations_by(&self) -> Option<Date> {
        self.0.representations_by.map(Date)
    }

    /// "Other reasons / organisations consulted".
    async fn other_consulted(&self) -> Option<&str> {
        self.0.other_consulted.as_ref().map(|t| t.as_str())
    }

    /// "Consultees".
    async fn consultees(&self) -> Option<&str> {
        self.0.consultees.as_ref().map(|t| t.as_str())
    }

    /// "Contact".
    async fn contact(&self) -> Option<Contact> {
        self.0.contact.clone().map(Contact)
    }

    /// "Report author".
    async fn report_author(&self) -> Option<&str> {
        self.0.report_author.as_ref().map(|n| n.as_str())
    }

    /// The id of the forward-plan entry that gave notice of it.
    async fn forward_plan_entry_id(&self) -> Option<Uuid> {
        self.0.forward_plan_entry.map(|id| id.as_uuid())
    }

    /// What the record says about declarations of interest ("None" is NONE_DECLARED); null when
    /// withheld.
    async fn interests_statement(&self) -> Option<InterestsStatement> {
        self.0.interests.as_ref().map(|interests| match interests {
            Interests::NotStated => InterestsStatement::NotStated,
            Interests::NoneDeclared => InterestsStatement::NoneDeclared,
            Interests::Declared { .. } => InterestsStatement::Declared,
        })
    }

    /// The council's and the source's identifiers for the record; null when withheld.
    async fn references(&self) -> Option<References> {
        self.0.references.as_ref().map(References::from)
    }

    /// Other decisions this one reconsiders, replaces, amends...
    async fn links(&self) -> Vec<DecisionLink> {
        self.0.links.iter().map(DecisionLink::from).collect()
    }

    /// The meeting (and agenda item) where it was taken; null for decisions taken outside a
    /// meeting or not stated.
    async fn meeting(&self) -> Option<MeetingItem> {
        self.0.meeting.as_ref().map(MeetingItem::from)
    }

    /// "Lead member": the portfolio holder responsible.
    async fn lead_member(&self) -> Option<MemberRef> {
        self.0.lead_member.clone().map(MemberRef)
    }

    /// "Lead officer", as given.
    async fn lead_officer(&self) -> Option<&str> {
        self.0.lead_officer.as_ref().map(|n| n.as_str())
    }

    /// "Department" or directorate.
    async fn department(&self) -> Option<&str> {
        self.0.department.as_ref().map(|n| n.as_str())
    }

    /// The vote on the motion, as recorded.
    async fn vote(&self) -> Option<Vote> {
        self.0.vote.clone().map(Vote)
    }

    /// The fields such a record normally states that the council's page leaves out: the record
    /// is kept and shown as the council showed it.
    async fn not_stated(&self) -> Vec<DecisionField> {
        self.0.not_stated.iter().map(|&f| f.into()).collect()
    }
}

/// A decision record as it stood before a correction (clerks and auditors only). Its fields are
/// those of the record as recorded, so the ones a decision shows as nullable are always present
/// here.
pub struct DecisionRecord {
    details: DecisionDetails,
    view: RecordView,
}

impl DecisionRecord {
    /// The record as recorded.
    pub fn new(details: DecisionDetails) -> Self {
        let view = RecordView::full(&details);
        Self { details, view }
    }
}

#[Object]
impl DecisionRecord {
    /// The fields shared with a decision.
    #[graphql(flatten)]
    async fn record(&self) -> RecordFields<'_> {
        RecordFields(&self.view)
    }

    /// The decision maker; null when the record names none.
    async fn decision_maker(&self) -> Option<BodyRef> {
        self.details.decision_maker.clone().map(BodyRef)
    }

    /// The status in the council's words; null when the record shows none.
    async fn status_label(&self) -> Option<&str> {
        self.details.status_label.as_ref().map(|l| l.as_str())
    }

    /// The canonical outcome; null when the record states none.
    async fn outcome(&self) -> Option<Outcome> {
        self.details.outcome.map(Into::into)
    }

    /// "Wards Affected" (ids only, as recorded).
    async fn wards_affected_kind(&self) -> WardsAffectedKind {
        match self.details.wards_affected {
            WardsAffected::All => WardsAffectedKind::All,
            WardsAffected::Listed { .. } => WardsAffectedKind::Listed,
            WardsAffected::NotStated => WardsAffectedKind::NotStated,
        }
    }

    /// The listed wards' ids.
    async fn ward_ids(&self) -> Vec<Uuid> {
        match &self.details.wards_affected {
            WardsAffected::Listed { ward_ids } => {
                ward_ids.as_slice().iter().map(|w| w.as_uuid()).collect()
            }
            _ => Vec::new(),
        }
    }

    /// "Date of decision".
    async fn date_of_decision(&self) -> Date {
        Date(self.details.date_of_decision)
    }

    /// The body that took it; null when not stated.
    async fn decided_by(&self) -> Option<BodyRef> {
        self.details.decided_by.clone().map(BodyRef)
    }

    /// The accompanying documents' titles.
    async fn document_titles(&self) -> Vec<&str> {
        self.details
            .documents
            .iter()
            .map(|d| d.title.as_str())
            .collect()
    }

    /// The fields that were withheld.
    async fn withheld_fields(&self) -> Vec<DecisionField> {
        self.view.withheld.iter().map(|f| f.field.into()).collect()
    }
}
