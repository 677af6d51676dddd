//! The decision page: every field of a council's "decision details" page, the lifecycle around
//! it, and what is withheld from the public.

use chrono::{NaiveDate, NaiveTime};
use civic_domain::Decision;
use civic_domain::decision::{
    CallInEnd, CallInOutcome, CallInTerms, DateBasis, DecisionCallInResolved, DecisionCalledIn,
    DecisionDetails, DecisionField, DecisionStatus, ReconsiderationResult,
};
use civic_domain::provenance::Provenance;
use civic_domain::values::{DecisionId, LongText, Name, Reason};
use civic_eventstore::TenantId;
use serde::{Deserialize, Serialize};

use super::council::CouncilView;
use super::record::RecordView;

/// Who a stored view was written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Audience {
    /// Anyone: only published decisions, with withheld fields and documents replaced by notices.
    #[serde(rename = "public")]
    Public,
    /// Clerks and auditors: everything recorded.
    #[serde(rename = "full")]
    Full,
}

impl Audience {
    /// The value stored in the `audience` column.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Audience::Public => "public",
            Audience::Full => "full",
        }
    }
}

/// How much of a decision a stored view or a query carries.
///
/// Each decision row stores its view twice: the whole view (`document`) and a summary
/// (`summary`, built by [`DecisionView::summary`]) for list pages, which usually show only short
/// fields. A summary empties the long fields, listed at [`DecisionView::summary`]: read from a
/// summary they are `None` or empty whatever the record says, so a caller that needs any of them
/// must ask for [`Detail::Full`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Detail {
    /// The long fields emptied (see [`DecisionView::summary`]).
    #[serde(rename = "summary")]
    Summary,
    /// Every field.
    #[default]
    #[serde(rename = "full")]
    Full,
}

/// One decision as the register shows it.
///
/// [`DecisionView::detail`] says whether this is the whole view or a summary whose long fields
/// are emptied (see [`DecisionView::summary`]).
///
/// In the public view a withheld value is absent (`None` or empty) and listed in
/// [`DecisionView::withheld`] with its notice; a withheld title is replaced by the notice's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionView {
    /// The council whose log holds the decision.
    pub tenant: TenantId,
    /// The decision.
    pub id: DecisionId,
    /// The decision stream's version: the `expected_version` for the next command on it.
    pub version: u64,
    /// Position of the stream's last event in the tenant's log: how fresh this view is.
    pub last_position: u64,
    /// Whether this is the public or the full view.
    pub audience: Audience,
    /// Whether this is the whole view or a summary with its long fields emptied.
    #[serde(default)]
    pub detail: Detail,
    /// The record: every field of the council's page, as this audience may see it. Stored as
    /// its own object, not flattened: serde reads a flattened struct through a buffer of every
    /// key, which made decoding a page's rows a third of the gateway's work per page.
    pub record: RecordView,
    /// Where the decision is in its lifecycle (canonical, whatever the council's words).
    pub status: DecisionStatus,
    /// "Publication date"; `None` until published.
    pub publication_date: Option<NaiveDate>,
    /// "Effective from" (while published, the day it will take effect unless called in).
    pub effective_from: Option<NaiveDate>,
    /// The day an explicit take-effect was recorded.
    pub took_effect_on: Option<NaiveDate>,
    /// The last day it can be called in, if it has a call-in window.
    pub call_in_deadline: Option<NaiveDate>,
    /// The time on that day by which a call-in must be made, if stated.
    #[serde(default)]
    pub call_in_deadline_time: Option<NaiveTime>,
    /// Call-in terms and history, once published or exempted.
    pub call_in: Option<CallInView>,
    /// The recommendation to full council, if the record is one rather than a decision.
    #[serde(default)]
    pub recommendation: Option<RecommendationView>,
    /// Deferrals, oldest first.
    pub deferrals: Vec<DeferralView>,
    /// Implementation, once recorded.
    pub implementation: Option<ImplementationView>,
    /// Why it was withdrawn or abandoned.
    pub closing_reason: Option<Reason>,
    /// Corrections of the record, oldest first.
    pub corrections: Vec<CorrectionView>,
    /// The pages the record was imported from, each as last read, with each field as the page
    /// gave it (full
    /// view only: the page's text may hold what the public view withholds).
    #[serde(default)]
    pub sources: Vec<Provenance>,
}

/// The call-in side of a decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallInView {
    /// The terms it was published under (`None` before publication). Views stored before
    /// deadline forms hold v1 terms, read through the same lift as the v1 events.
    #[serde(default, deserialize_with = "terms_any_version")]
    pub terms: Option<CallInTerms>,
    /// The last day for call-in that applies.
    pub deadline: Option<NaiveDate>,
    /// The time on the last day by which a call-in must be made, if stated.
    #[serde(default)]
    pub deadline_time: Option<NaiveTime>,
    /// The last day for call-in by the council's rule.
    pub computed_deadline: Option<NaiveDate>,
    /// The effective date by the council's rule.
    pub computed_effective_from: Option<NaiveDate>,
    /// Where the applied dates came from (rule, override, as published).
    pub basis: Option<DateBasis>,
    /// An urgency exemption from call-in.
    pub exemption: Option<ExemptionView>,
    /// The latest call-in request, if members called it in. (Views stored before call-ins
    /// could leave the decision in effect lack `suspends_decision`: every call-in suspended.)
    #[serde(default, deserialize_with = "called_in_any_version")]
    pub called_in: Option<DecisionCalledIn>,
    /// What scrutiny decided on the latest call-in request.
    pub resolution: Option<DecisionCallInResolved>,
    /// Every call-in request, oldest first, with how each ended.
    #[serde(default)]
    pub requests: Vec<CallInRequestView>,
    /// The reconsideration after a referral.
    pub reconsideration: Option<ReconsiderationView>,
    /// The day full council, to which the call-in referred the decision, referred it back to
    /// the decision maker, if it did.
    #[serde(default)]
    pub full_council_referred_back_on: Option<NaiveDate>,
}

/// One call-in request and how it ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallInRequestView {
    /// The request.
    pub called_in: DecisionCalledIn,
    /// How it ended; `None` while open.
    pub ended: Option<CallInEndView>,
}

/// How a call-in request ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CallInEndKind {
    /// The members withdrew it.
    #[serde(rename = "withdrawn")]
    Withdrawn,
    /// It was ruled invalid.
    #[serde(rename = "ruled_invalid")]
    RuledInvalid,
    /// Scrutiny reached a result.
    #[serde(rename = "resolved")]
    Resolved,
}

/// The end of a call-in request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallInEndView {
    /// Withdrawn, ruled invalid or resolved.
    pub kind: CallInEndKind,
    /// When.
    pub date: NaiveDate,
    /// Why, if the record says (withdrawn or ruled invalid).
    pub reason: Option<Reason>,
    /// Who ruled it invalid, if the record says.
    pub ruled_by: Option<Name>,
    /// Scrutiny's result (resolved).
    pub outcome: Option<CallInOutcome>,
}

impl From<&CallInEnd> for CallInEndView {
    fn from(end: &CallInEnd) -> Self {
        match end {
            CallInEnd::Withdrawn(e) => Self {
                kind: CallInEndKind::Withdrawn,
                date: e.date,
                reason: e.reason.clone(),
                ruled_by: None,
                outcome: None,
            },
            CallInEnd::RuledInvalid(e) => Self {
                kind: CallInEndKind::RuledInvalid,
                date: e.date,
                reason: e.reason.clone(),
                ruled_by: e.ruled_by.clone(),
                outcome: None,
            },
            CallInEnd::Resolved(e) => Self {
                kind: CallInEndKind::Resolved,
                date: e.date,
                reason: None,
                ruled_by: None,
                outcome: Some(e.outcome),
            },
        }
    }
}

/// A recommendation to full council rather than a decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecommendationView {
    /// The day of the full council meeting it goes to, if the record says.
    pub full_council_meeting_on: Option<NaiveDate>,
    /// Full council's decision on it, once linked.
    pub full_council_decision: Option<DecisionId>,
}

/// Reads stored call-in terms in today's shape or the v1 shape.
fn terms_any_version<'de, D>(deserializer: D) -> Result<Option<CallInTerms>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    use serde::de::Error;
    let value = Option::<serde_json::Value>::deserialize(deserializer)?;
    value
        .map(|v| {
            let lifted =
                civic_domain::decision::lift_call_in_terms_v1(&v).map_err(D::Error::custom)?;
            serde_json::from_value(lifted).map_err(D::Error::custom)
        })
        .transpose()
}

/// Reads a stored call-in in today's shape, or without `suspends_decision` (every call-in
/// before it suspended the decision).
fn called_in_any_version<'de, D>(deserializer: D) -> Result<Option<DecisionCalledIn>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    use serde::de::Error;
    let value = Option::<serde_json::Value>::deserialize(deserializer)?;
    value
        .map(|mut v| {
            if let Some(obj) = v.as_object_mut() {
                obj.entry("suspends_decision")
                    .or_insert(serde_json::Value::Bool(true));
            }
            serde_json::from_value(v).map_err(D::Error::custom)
        })
        .transpose()
}

/// An urgency exemption from call-in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExemptionView {
    /// Who agreed it.
    pub agreed_by: Name,
    /// Why.
    pub reason: Reason,
}

/// A reconsideration; amended resolutions already replace [`RecordView::resolutions`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReconsiderationView {
    /// When; the decision is effective from this day.
    pub date: NaiveDate,
    /// Whether the decision was amended (rather than confirmed).
    pub amended: bool,
}

/// A deferral.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeferralView {
    /// Why.
    pub reason: Reason,
    /// Until when, if said.
    pub until: Option<NaiveDate>,
    /// Whether it has been resumed since.
    pub resumed: bool,
}

/// The implementation of a decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImplementationView {
    /// The day.
    pub on: NaiveDate,
    /// What was done.
    pub note: Option<LongText>,
}

/// A correction of the record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorrectionView {
    /// The fields it changed.
    pub corrected_fields: Vec<DecisionField>,
    /// Why.
    pub reason: Reason,
    /// When.
    pub corrected_on: NaiveDate,
    /// The whole record before it (full view only: it may hold withheld values).
    pub previous: Option<DecisionDetails>,
}

impl DecisionView {
    /// The full view (clerks, auditors) of a folded decision stream whose last event is at
    /// `last_position`. Ward names are left to [`DecisionView::resolve_names`].
    pub fn from_decision(tenant: TenantId, decision: &Decision, last_position: u64) -> Self {
        let publication = decision.publication();
        let call_in =
            (publication.is_some() || decision.exemption().is_some()).then(|| CallInView {
                terms: publication.map(|p| p.call_in.clone()),
                deadline: publication.and_then(|p| p.call_in_deadline),
                deadline_time: publication.and_then(|p| p.call_in_deadline_time),
                computed_deadline: publication.and_then(|p| p.computed_call_in_deadline),
                computed_effective_from: publication.map(|p| p.computed_effective_from),
                basis: publication.map(|p| p.basis.clone()),
                exemption: decision.exemption().map(|e| ExemptionView {
                    agreed_by: e.agreed_by.clone(),
                    reason: e.reason.clone(),
                }),
                called_in: decision.call_in().cloned(),
                resolution: decision.call_in_resolution().cloned(),
                requests: decision
                    .call_in_requests()
                    .iter()
                    .map(|r| CallInRequestView {
                        called_in: r.called_in.clone(),
                        ended: r.end.as_ref().map(Into::into),
                    })
                    .collect(),
                reconsideration: decision.reconsideration().map(|r| ReconsiderationView {
                    date: r.date,
                    amended: matches!(r.result, ReconsiderationResult::Amended { .. }),
                }),
                full_council_referred_back_on: decision.full_council_referral(),
            });
        Self {
            tenant,
            id: decision.id(),
            version: decision.version(),
            last_position,
            audience: Audience::Full,
            detail: Detail::Full,
            record: RecordView::full(decision.details()),
            status: decision.status(),
            publication_date: decision.publication_date(),
            effective_from: decision.effective_from(),
            took_effect_on: decision.took_effect_on(),
            call_in_deadline: publication.and_then(|p| p.call_in_deadline),
            call_in_deadline_time: publication.and_then(|p| p.call_in_deadline_time),
            call_in,
            recommendation: decision.recommendation().map(|r| RecommendationView {
                full_council_meeting_on: r.full_council_meeting_on,
                full_council_decision: r.full_council_decision,
            }),
            deferrals: decision
                .deferrals()
                .iter()
                .map(|d| DeferralView {
                    reason: d.reason.clone(),
                    until: d.until,
                    resumed: d.resumed,
                })
                .collect(),
            implementation: decision.implementation().map(|i| ImplementationView {
                on: i.on,
                note: i.note.clone(),
            }),
            closing_reason: decision.closing_reason().cloned(),
            corrections: decision
                .corrections()
                .iter()
                .map(|c| CorrectionView {
                    corrected_fields: c.corrected_fields.clone(),
                    reason: c.reason.clone(),
                    corrected_on: c.corrected_on,
                    previous: Some(c.previous.clone()),
                })
                .collect(),
            sources: decision.sources().to_vec(),
        }
    }

    /// The summary of this view, stored beside it for list pages: the same audience and every
    /// short field, with the long fields emptied. Emptied (`None` or empty, whatever the record
    /// says): `purpose`, `resolutions`, `reasons`, `alternative_options`, `committee_details`,
    /// `other_consulted`, `consultees`, `contact.as_given` (the contact's name, email and phone
    /// stay), `interests`, `documents`, `corrections`, `sources`, `call_in` (the whole object; the
    /// top-level `call_in_deadline` and its time stay) and `implementation.note` (its date
    /// stays). Everything else (title, bodies, status, outcome, label, flags, reason key, wards,
    /// dates, forward-plan entry, deferrals, closing reason, withheld notices, restricted) is
    /// kept as it is.
    ///
    /// Built from the view of the row it is stored in, so a public summary only ever holds what
    /// the public view holds.
    pub fn summary(&self) -> DecisionView {
        let mut view = self.clone();
        view.detail = Detail::Summary;
        let record = &mut view.record;
        record.purpose = None;
        record.resolutions = Vec::new();
        record.reasons = None;
        record.alternative_options = None;
        record.committee_details = None;
        record.other_consulted = None;
        record.consultees = None;
        if let Some(contact) = &mut record.contact {
            contact.as_given = None;
        }
        record.interests = None;
        record.documents = Vec::new();
        view.corrections = Vec::new();
        view.sources = Vec::new();
        view.call_in = None;
        if let Some(implementation) = &mut view.implementation {
            implementation.note = None;
        }
        view
    }

    /// Fills in ward names from the council's current reference data.
    pub fn resolve_names(&mut self, council: &CouncilView) {
        self.record.resolve_names(council);
    }

    /// The date the decisions list is ordered by: the date of decision, or the publication date
    /// when the date of decision is withheld from the public.
    pub(crate) fn sort_date(&self) -> NaiveDate {
        self.record
            .date_of_decision
            .or(self.publication_date)
            .or(self.took_effect_on)
            .or(self.implementation.as_ref().map(|i| i.on))
            .unwrap_or_default()
    }

    /// The text full-text search indexes, as far as this view shows it (public: a benchmark's
    /// reference load computes the same search vectors from it).
    pub fn search_text(&self) -> String {
        self.record.search_text()
    }

    /// The ward ids the record lists, for the ward filter.
    pub(crate) fn ward_ids(&self) -> Vec<uuid::Uuid> {
        self.record.ward_ids()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use civic_domain::council::CallInRule;
    use serde_json::json;

    #[test]
    fn a_call_in_view_stored_before_deadline_forms_reads_with_the_same_meaning() {
        let old = json!({
            "terms": {"kind": "window", "period_working_days": 5, "counted_from": "publication",
                      "takes_effect": "day_after_last_day"},
            "deadline": "2010-06-18", "computed_deadline": "2010-06-18",
            "computed_effective_from": "2010-06-19", "basis": {"kind": "computed"},
            "exemption": null,
            "called_in": {"members": ["Cllr A"], "reason": "Scrutiny.", "date": "2010-06-15"},
            "resolution": null, "reconsideration": null
        });
        let view: CallInView = serde_json::from_value(old).unwrap();
        assert_eq!(
            view.terms,
            Some(CallInTerms::Window {
                rule: CallInRule::default(),
                decision_maker_kind: None
            })
        );
        assert_eq!(view.deadline_time, None);
        assert!(view.called_in.as_ref().unwrap().suspends_decision);
        assert!(view.requests.is_empty());
        let again: CallInView =
            serde_json::from_value(serde_json::to_value(&view).unwrap()).unwrap();
        assert_eq!(again, view);
    }
}
