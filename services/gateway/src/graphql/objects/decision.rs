//! A decision as the register shows it: every field of the council's "Decision details" page, the
//! lifecycle around it, and what is withheld from the public. Thin wrappers over the read
//! model's [`DecisionView`]; in the public view withheld values are null and listed in
//! `withheld`.

use async_graphql::{Context, Enum, ID, Object, SimpleObject};
use civic_domain::decision::{
    CallInTerms as DomainTerms, Contact as DomainContact, DateBasis, DeclaredInterest,
};
use civic_projections::views::{
    CallInView, CorrectionView, DecisionView, DeferralView, DocumentView, WardsAffectedView,
    WithheldField as ViewWithheldField,
};

use super::council::CallInRule;
use uuid::Uuid;

use super::common::{BodyRef, WardRef, WithheldNotice};
use super::forward_plan::ForwardPlanEntry;
use super::history::HistoryEvent;
use super::record::{DecisionRecord, RecordFields};
use super::source::RecordSource;
use crate::error::ApiError;
use crate::graphql::context::RequestContext;
use crate::graphql::enums::{
    BodyKind, CallInEndKind, CallInOutcome, CountedFrom, DecisionField, DecisionStatus, Outcome,
    TakesEffect, WardsAffectedKind,
};
use crate::graphql::global_id::{self, NodeKind};
use crate::graphql::query::as_of::record_history;
use crate::graphql::scalars::{Date, Time};

/// One decision of the council's register.
pub struct Decision(pub DecisionView);

#[Object]
impl Decision {
    /// The decision's global id, for `node(id:)`.
    pub async fn id(&self) -> ID {
        global_id::id(NodeKind::Decision, self.0.tenant, self.0.id.as_uuid())
    }

    /// The decision's own id, as mutations take it.
    async fn uuid(&self) -> Uuid {
        self.0.id.as_uuid()
    }

    /// The record's fields that read the same on a decision and on a correction's previous
    /// version.
    #[graphql(flatten)]
    async fn record(&self) -> RecordFields<'_> {
        RecordFields(&self.0.record)
    }

    /// The decision stream's version: the `expectedVersion` for the next command on it.
    async fn version(&self) -> u64 {
        self.0.version
    }

    /// "Decision Maker": the body whose decision it is, as named on the record.
    async fn decision_maker(&self) -> Option<BodyRef> {
        self.0.record.decision_maker.clone().map(BodyRef)
    }

    /// Where the decision is in its lifecycle, whatever the council's words.
    async fn status(&self) -> DecisionStatus {
        self.0.status.into()
    }

    /// "Decision status" in the council's words, e.g. "Recommendations Approved".
    async fn status_label(&self) -> Option<&str> {
        self.0.record.status_label.as_ref().map(|s| s.as_str())
    }

    /// The canonical outcome.
    async fn outcome(&self) -> Option<Outcome> {
        self.0.record.outcome.map(Into::into)
    }

    /// "Wards Affected".
    async fn wards_affected(&self) -> Option<WardsAffectedObject> {
        self.0
            .record
            .wards_affected
            .clone()
            .map(WardsAffectedObject::from_view)
    }

    /// "Publication date"; null until published.
    async fn publication_date(&self) -> Option<Date> {
        self.0.publication_date.map(Date)
    }

    /// "Date of decision".
    async fn date_of_decision(&self) -> Option<Date> {
        self.0.record.date_of_decision.map(Date)
    }

    /// "Decided: date - body": when, and by the body that actually took it.
    async fn decided(&self) -> Option<Decided> {
        match (self.0.record.date_of_decision, &self.0.record.decided_by) {
            (Some(date), Some(body)) => Some(Decided {
                date: Date(date),
                body: BodyRef(body.clone()),
            }),
            _ => None,
        }
    }

    /// "Effective from": while published, the day it takes effect unless called in.
    async fn effective_from(&self) -> Option<Date> {
        self.0.effective_from.map(Date)
    }

    /// The day an explicit take-effect was recorded.
    async fn took_effect_on(&self) -> Option<Date> {
        self.0.took_effect_on.map(Date)
    }

    /// The last day it can be called in, if it has a call-in window.
    async fn call_in_deadline(&self) -> Option<Date> {
        self.0.call_in_deadline.map(Date)
    }

    /// The time on the last day by which it must be called in, if stated (e.g. 17:00).
    async fn call_in_deadline_time(&self) -> Option<Time> {
        self.0.call_in_deadline_time.map(Time)
    }

    /// The recommendation to full council, if the record is one rather than a decision (it
    /// does not take effect on its own).
    async fn recommendation(&self) -> Option<Recommendation> {
        self.0.recommendation.as_ref().map(|r| Recommendation {
            full_council_meeting_on: r.full_council_meeting_on.map(Date),
            full_council_decision_id: r.full_council_decision.map(|d| d.as_uuid()),
        })
    }

    /// Declared interests and dispensations.
    async fn interests(&self) -> Vec<Interest> {
        self.0
            .record
            .interests
            .iter()
            .flat_map(|i| i.declared())
            .cloned()
            .map(Interest)
            .collect()
    }

    /// "Accompanying Documents".
    async fn documents(&self) -> Vec<Document> {
        self.0
            .record
            .documents
            .iter()
            .cloned()
            .map(Document)
            .collect()
    }

    /// The forward-plan entry that gave notice of it.
    async fn forward_plan_entry(
        &self,
        ctx: &Context<'_>,
    ) -> Result<Option<ForwardPlanEntry>, ApiError> {
        let Some(id) = self.0.record.forward_plan_entry else {
            return Ok(None);
        };
        let request = RequestContext::of(ctx)?;
        Ok(request.loader()?.load_one(id).await?.map(ForwardPlanEntry))
    }

    /// The call-in side: terms, dates, exemption, call-in, scrutiny, reconsideration.
    async fn call_in(&self) -> Option<CallIn> {
        self.0.call_in.clone().map(CallIn)
    }

    /// Deferrals, oldest first.
    async fn deferrals(&self) -> Vec<Deferral> {
        self.0.deferrals.iter().cloned().map(Deferral).collect()
    }

    /// The implementation, once recorded.
    async fn implementation(&self) -> Option<Implementation> {
        self.0.implementation.as_ref().map(|i| Implementation {
            on: Date(i.on),
            note: i.note.as_ref().map(|n| n.as_str().to_owned()),
        })
    }

    /// Why it was withdrawn or abandoned.
    async fn closing_reason(&self) -> Option<&str> {
        self.0.closing_reason.as_ref().map(|r| r.as_str())
    }

    /// Corrections of the record, oldest first.
    async fn corrections(&self) -> Vec<Correction> {
        self.0.corrections.iter().cloned().map(Correction).collect()
    }

    /// The pages the record was imported from, each as last read, with each field as the page
    /// gave it; empty when it was not imported, and for the public.
    async fn sources(&self) -> Vec<RecordSource<'_>> {
        self.0.sources.iter().map(RecordSource).collect()
    }

    /// Every event of the record, oldest first, with what it changed. The public sees the events
    /// from the one that made the record public, what they changed in the public record, and
    /// not who recorded them.
    async fn history(&self, ctx: &Context<'_>) -> Result<Vec<HistoryEvent>, ApiError> {
        record_history::<DecisionView>(ctx, self.0.id).await
    }

    /// The fields withheld from the public, and what the public is told instead.
    async fn withheld(&self) -> Vec<WithheldField> {
        self.0
            .record
            .withheld
            .iter()
            .cloned()
            .map(WithheldField)
            .collect()
    }

    /// Whether any field or document is withheld from the public.
    async fn restricted(&self) -> bool {
        self.0.record.restricted
    }
}

/// "Decided: date - body".
#[derive(SimpleObject)]
pub struct Decided {
    /// The date of decision.
    pub date: Date,
    /// The body that took it.
    pub body: BodyRef,
}

/// "Wards Affected".
#[derive(SimpleObject)]
#[graphql(name = "WardsAffected")]
pub struct WardsAffectedObject {
    /// All wards, listed wards, or not stated.
    pub kind: WardsAffectedKind,
    /// The wards, when listed.
    pub wards: Vec<WardRef>,
}

impl WardsAffectedObject {
    fn from_view(view: WardsAffectedView) -> Self {
        match view {
            WardsAffectedView::All => Self {
                kind: WardsAffectedKind::All,
                wards: Vec::new(),
            },
            WardsAffectedView::NotStated => Self {
                kind: WardsAffectedKind::NotStated,
                wards: Vec::new(),
            },
            WardsAffectedView::Listed { wards } => Self {
                kind: WardsAffectedKind::Listed,
                wards: wards.into_iter().map(WardRef).collect(),
            },
        }
    }
}

/// "Contact": what could be picked out of it, and the text as the council gave it.
pub struct Contact(pub DomainContact);

#[Object]
impl Contact {
    /// The contact's name.
    async fn name(&self) -> Option<&str> {
        self.0.name.as_ref().map(|n| n.as_str())
    }

    /// Email.
    async fn email(&self) -> Option<&str> {
        self.0.email.as_ref().map(|e| e.as_str())
    }

    /// Telephone.
    async fn phone(&self) -> Option<&str> {
        self.0.phone.as_ref().map(|p| p.as_str())
    }

    /// The contact text as published, e.g. "Email: Paultaylor@maidstone.gov.uk Tel: 01622 602068."
    async fn as_given(&self) -> Option<&str> {
        self.0.as_given.as_ref().map(|t| t.as_str())
    }
}

/// A member's declared interest.
pub struct Interest(pub DeclaredInterest);

#[Object]
impl Interest {
    /// The member, as the record names them.
    async fn member(&self) -> &str {
        self.0.member.name_as_shown.as_str()
    }

    /// The member in the council's list, if identified.
    async fn member_id(&self) -> Option<Uuid> {
        self.0.member.member_id.map(|id| id.as_uuid())
    }

    /// The interest as recorded.
    async fn interest(&self) -> &str {
        self.0.interest.as_str()
    }

    /// The dispensation granted, if any.
    async fn dispensation(&self) -> Option<&str> {
        self.0.dispensation.as_ref().map(|t| t.as_str())
    }
}

/// An accompanying document.
pub struct Document(pub DocumentView);

#[Object]
impl Document {
    /// Its title (null in the public view when the document is withheld).
    async fn title(&self) -> Option<&str> {
        self.0.title.as_ref().map(|t| t.as_str())
    }

    /// Where it is published.
    async fn url(&self) -> Option<&str> {
        self.0.url.as_ref().map(|u| u.as_str())
    }

    /// The SHA-256 of its bytes, if captured.
    async fn sha256(&self) -> Option<&str> {
        self.0.sha256.as_ref().map(|d| d.as_str())
    }

    /// Why it is withheld from the public, if it is.
    async fn withheld(&self) -> Option<WithheldNotice> {
        self.0.withheld.clone().map(WithheldNotice)
    }
}

/// A field withheld from the public.
pub struct WithheldField(pub ViewWithheldField);

#[Object]
impl WithheldField {
    /// The field.
    async fn field(&self) -> DecisionField {
        self.0.field.into()
    }

    /// What the public is told instead.
    async fn notice(&self) -> WithheldNotice {
        WithheldNotice(self.0.notice.clone())
    }
}

/// The kind of call-in terms a decision was published under.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallInTermsKind {
    /// A call-in window under the council's policy.
    Window,
    /// Not subject to call-in: it takes effect at once.
    NotSubjectToCallIn,
    /// The record does not say; the council's policy makes its kind of decision maker not
    /// subject to call-in: it takes effect at once.
    NotSubjectUnderPolicy,
    /// Exempted from call-in for urgency: it takes effect at once.
    ExemptedForUrgency,
}

/// The call-in terms a decision was published under.
#[derive(SimpleObject)]
pub struct CallInTerms {
    /// Window, not subject, not subject under the council's policy, or exempted for urgency.
    pub kind: CallInTermsKind,
    /// The rule that gave the window.
    pub rule: Option<CallInRule>,
    /// The kind of decision maker whose own arrangement applied (null: the council-wide rule,
    /// or no window).
    pub decision_maker_kind: Option<BodyKind>,
    /// The window's length in working days (null unless a number of working days).
    #[graphql(deprecation = "use rule.periodWorkingDays")]
    pub period_working_days: Option<u8>,
    /// What the window was counted from.
    #[graphql(deprecation = "use rule.countedFrom")]
    pub counted_from: Option<CountedFrom>,
    /// When it takes effect relative to the last day.
    #[graphql(deprecation = "use rule.takesEffect")]
    pub takes_effect: Option<TakesEffect>,
}

impl From<DomainTerms> for CallInTerms {
    fn from(terms: DomainTerms) -> Self {
        match terms {
            DomainTerms::Window {
                rule,
                decision_maker_kind,
            } => {
                let rule: CallInRule = rule.into();
                Self {
                    kind: CallInTermsKind::Window,
                    period_working_days: rule.period_working_days,
                    counted_from: Some(rule.counted_from),
                    takes_effect: Some(rule.takes_effect),
                    decision_maker_kind: decision_maker_kind.map(Into::into),
                    rule: Some(rule),
                }
            }
            DomainTerms::NotSubjectToCallIn => Self::bare(CallInTermsKind::NotSubjectToCallIn),
            DomainTerms::NotSubjectUnderPolicy {
                decision_maker_kind,
            } => Self {
                decision_maker_kind: Some(decision_maker_kind.into()),
                ..Self::bare(CallInTermsKind::NotSubjectUnderPolicy)
            },
            DomainTerms::ExemptedForUrgency => Self::bare(CallInTermsKind::ExemptedForUrgency),
        }
    }
}

impl CallInTerms {
    fn bare(kind: CallInTermsKind) -> Self {
        Self {
            kind,
            rule: None,
            decision_maker_kind: None,
            period_working_days: None,
            counted_from: None,
            takes_effect: None,
        }
    }
}

/// A recommendation to full council rather than a decision.
#[derive(SimpleObject)]
pub struct Recommendation {
    /// The day of the full council meeting it goes to, if the record says.
    pub full_council_meeting_on: Option<Date>,
    /// Full council's decision on it, once linked (a decision's uuid).
    pub full_council_decision_id: Option<Uuid>,
}

/// Where a decision's call-in deadline and effective date came from.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateBasisKind {
    /// Computed from the council's policy and calendar.
    Computed,
    /// Given explicitly, with a reason: a deliberate override.
    Override,
    /// Given explicitly with no reason (e.g. imported), kept as published.
    AsPublished,
}

/// Where the dates came from, and why they differ from the rule if they do.
#[derive(SimpleObject)]
pub struct DatesBasis {
    /// Computed, override or as published.
    pub kind: DateBasisKind,
    /// The override's reason.
    pub reason: Option<String>,
}

/// The call-in side of a decision.
pub struct CallIn(pub CallInView);

#[Object]
impl CallIn {
    /// The terms it was published under (null before publication).
    async fn terms(&self) -> Option<CallInTerms> {
        self.0.terms.clone().map(Into::into)
    }

    /// The last day for call-in that applies.
    async fn deadline(&self) -> Option<Date> {
        self.0.deadline.map(Date)
    }

    /// The time on the last day by which a call-in must be made, if stated.
    async fn deadline_time(&self) -> Option<Time> {
        self.0.deadline_time.map(Time)
    }

    /// The last day for call-in by the council's rule.
    async fn computed_deadline(&self) -> Option<Date> {
        self.0.computed_deadline.map(Date)
    }

    /// The effective date by the council's rule.
    async fn computed_effective_from(&self) -> Option<Date> {
        self.0.computed_effective_from.map(Date)
    }

    /// Where the applied dates came from.
    async fn basis(&self) -> Option<DatesBasis> {
        self.0.basis.as_ref().map(|basis| match basis {
            DateBasis::Computed => DatesBasis {
                kind: DateBasisKind::Computed,
                reason: None,
            },
            DateBasis::Override { reason } => DatesBasis {
                kind: DateBasisKind::Override,
                reason: Some(reason.as_str().to_owned()),
            },
            DateBasis::AsPublished => DatesBasis {
                kind: DateBasisKind::AsPublished,
                reason: None,
            },
        })
    }

    /// An urgency exemption, agreed by the chair of scrutiny.
    async fn exemption(&self) -> Option<CallInExemption> {
        self.0.exemption.as_ref().map(|e| CallInExemption {
            agreed_by: e.agreed_by.as_str().to_owned(),
            reason: e.reason.as_str().to_owned(),
        })
    }

    /// The latest call-in request, if members called it in.
    async fn called_in(&self) -> Option<CalledIn> {
        self.0.called_in.as_ref().map(called_in)
    }

    /// Every call-in request, oldest first, with how each ended (withdrawn, ruled invalid or
    /// resolved; null while open).
    async fn requests(&self) -> Vec<CallInRequest> {
        self.0
            .requests
            .iter()
            .map(|r| CallInRequest {
                called_in: called_in(&r.called_in),
                ended: r.ended.as_ref().map(|e| CallInEnd {
                    kind: e.kind.into(),
                    date: Date(e.date),
                    reason: e.reason.as_ref().map(|r| r.as_str().to_owned()),
                    ruled_by: e.ruled_by.as_ref().map(|n| n.as_str().to_owned()),
                    outcome: e.outcome.map(Into::into),
                }),
            })
            .collect()
    }

    /// What scrutiny decided on the latest call-in request.
    async fn resolution(&self) -> Option<CallInResolution> {
        self.0.resolution.as_ref().map(|r| CallInResolution {
            outcome: r.outcome.into(),
            date: Date(r.date),
        })
    }

    /// The day full council, to which the call-in referred the decision, referred it back to
    /// the decision maker, if it did.
    async fn full_council_referred_back_on(&self) -> Option<Date> {
        self.0.full_council_referred_back_on.map(Date)
    }

    /// The reconsideration after a referral.
    async fn reconsideration(&self) -> Option<Reconsideration> {
        self.0.reconsideration.as_ref().map(|r| Reconsideration {
            date: Date(r.date),
            amended: r.amended,
        })
    }
}

/// An urgency exemption from call-in.
#[derive(SimpleObject)]
pub struct CallInExemption {
    /// Who agreed it, e.g. "Chair of Overview and Scrutiny".
    pub agreed_by: String,
    /// Why it was urgent.
    pub reason: String,
}

/// Members calling a decision in.
#[derive(SimpleObject)]
pub struct CalledIn {
    /// Who.
    pub members: Vec<String>,
    /// Why.
    pub reason: String,
    /// When.
    pub date: Date,
    /// Whether the call-in suspends the decision (usually it does).
    pub suspends_decision: bool,
}

fn called_in(c: &civic_domain::decision::DecisionCalledIn) -> CalledIn {
    CalledIn {
        members: c
            .members
            .as_slice()
            .iter()
            .map(|m| m.as_str().to_owned())
            .collect(),
        reason: c.reason.as_str().to_owned(),
        date: Date(c.date),
        suspends_decision: c.suspends_decision,
    }
}

/// One call-in request and how it ended.
#[derive(SimpleObject)]
pub struct CallInRequest {
    /// The request.
    pub called_in: CalledIn,
    /// How it ended; null while open.
    pub ended: Option<CallInEnd>,
}

/// How a call-in request ended.
#[derive(SimpleObject)]
pub struct CallInEnd {
    /// Withdrawn, ruled invalid, or resolved by scrutiny.
    pub kind: CallInEndKind,
    /// When.
    pub date: Date,
    /// Why, if the record says (withdrawn or ruled invalid).
    pub reason: Option<String>,
    /// Who ruled it invalid, if the record says.
    pub ruled_by: Option<String>,
    /// Scrutiny's result, when resolved.
    pub outcome: Option<CallInOutcome>,
}

/// Scrutiny's result on a call-in.
#[derive(SimpleObject)]
pub struct CallInResolution {
    /// The result.
    pub outcome: CallInOutcome,
    /// When.
    pub date: Date,
}

/// A reconsideration; amended resolutions already replace the decision's.
#[derive(SimpleObject)]
pub struct Reconsideration {
    /// When; the decision is effective from this day.
    pub date: Date,
    /// Whether it was amended (rather than confirmed).
    pub amended: bool,
}

/// A deferral.
pub struct Deferral(pub DeferralView);

#[Object]
impl Deferral {
    /// Why.
    async fn reason(&self) -> &str {
        self.0.reason.as_str()
    }

    /// Until when, if said.
    async fn until(&self) -> Option<Date> {
        self.0.until.map(Date)
    }

    /// Whether it has been resumed since.
    async fn resumed(&self) -> bool {
        self.0.resumed
    }
}

/// The implementation of a decision.
#[derive(SimpleObject)]
pub struct Implementation {
    /// The day.
    pub on: Date,
    /// What was done.
    pub note: Option<String>,
}

/// A correction of the record.
pub struct Correction(pub CorrectionView);

#[Object]
impl Correction {
    /// The fields it changed.
    async fn corrected_fields(&self) -> Vec<DecisionField> {
        self.0
            .corrected_fields
            .iter()
            .map(|f| (*f).into())
            .collect()
    }

    /// Why the record was wrong.
    async fn reason(&self) -> &str {
        self.0.reason.as_str()
    }

    /// When.
    async fn corrected_on(&self) -> Date {
        Date(self.0.corrected_on)
    }

    /// The whole record before the correction (clerks and auditors only: it may hold withheld
    /// values).
    async fn previous(&self) -> Option<DecisionRecord> {
        self.0.previous.clone().map(DecisionRecord::new)
    }
}
