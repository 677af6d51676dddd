//! A decision's record: the fields of the council's page. [`RecordFields`] resolves the fields
//! that read the same on a decision and on a correction's previous version, once, over the read
//! model's [`RecordView`]; [`super::decision::Decision`] and [`DecisionRecord`] both flatten it.

use async_graphql::Object;
use civic_domain::decision::{DecisionDetails, WardsAffected};
use civic_projections::views::RecordView;
use uuid::Uuid;

use super::common::{BodyRef, Resolution};
use super::decision::Contact;
use crate::graphql::enums::{DecisionField, Outcome, WardsAffectedKind};
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

    /// "Decision": the numbered resolutions (on a decision, as amended on reconsideration).
    async fn resolutions(&self) -> Vec<Resolution> {
        self.0.resolutions.iter().cloned().map(Resolution).collect()
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

    /// The decision maker.
    async fn decision_maker(&self) -> BodyRef {
        BodyRef(self.details.decision_maker.clone())
    }

    /// The status in the council's words.
    async fn status_label(&self) -> &str {
        self.details.status_label.as_str()
    }

    /// The canonical outcome.
    async fn outcome(&self) -> Outcome {
        self.details.outcome.into()
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

    /// The body that took it.
    async fn decided_by(&self) -> BodyRef {
        BodyRef(self.details.decided_by.clone())
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
