//! A forward-plan entry: the public notice of a decision to come. Notices are public by law,
//! so every viewer sees the same entry.

use async_graphql::{Context, ID, Object, SimpleObject};
use civic_domain::forward_plan::{DateDue as DomainDateDue, NoticeKind};
use civic_projections::views::{
    EntryContactView, ForwardPlanDocumentView, ForwardPlanView, StatusChangeView, WardsView,
};
use uuid::Uuid;

use super::common::{BodyName, WardRef, WithheldNotice};
use super::decision::Decision;
use super::history::HistoryEvent;
use super::source::RecordSource;
use crate::error::ApiError;
use crate::graphql::context::RequestContext;
use crate::graphql::enums::{
    AnticipatedRestrictionKind, DateDueKind, ForwardPlanStatus, NoticeKindName, PlannedWardsKind,
};
use crate::graphql::global_id::{self, NodeKind};
use crate::graphql::query::as_of::record_history;
use crate::graphql::scalars::Date;

/// One entry of the forward plan.
pub struct ForwardPlanEntry(pub ForwardPlanView);

#[Object]
impl ForwardPlanEntry {
    /// The entry's global id, for `node(id:)`.
    pub async fn id(&self) -> ID {
        global_id::id(
            NodeKind::ForwardPlanEntry,
            self.0.tenant,
            self.0.id.as_uuid(),
        )
    }

    /// The entry's own id, as mutations take it.
    async fn uuid(&self) -> Uuid {
        self.0.id.as_uuid()
    }

    /// The entry stream's version: the `expectedVersion` for the next command on it.
    async fn version(&self) -> u64 {
        self.0.version
    }

    /// The matter's title.
    async fn title(&self) -> &str {
        self.0.title.as_str()
    }

    /// What is to be decided.
    async fn description(&self) -> Option<&str> {
        self.0.description.as_ref().map(|t| t.as_str())
    }

    /// The body that will decide.
    async fn decision_maker(&self) -> BodyName {
        BodyName(self.0.decision_maker.clone())
    }

    /// Whether it is a key decision (28 clear days' notice).
    async fn key_decision(&self) -> bool {
        self.0.key_decision
    }

    /// "Reason Key" categories.
    async fn reason_key(&self) -> Vec<&str> {
        self.0.reason_key.iter().map(|n| n.as_str()).collect()
    }

    /// The wards concerned; null when the plan does not say.
    async fn wards(&self) -> Option<PlannedWards> {
        self.0.wards.as_ref().map(|wards| match wards {
            WardsView::All => PlannedWards {
                kind: PlannedWardsKind::All,
                wards: Vec::new(),
            },
            WardsView::Listed { wards } => PlannedWards {
                kind: PlannedWardsKind::Listed,
                wards: wards.iter().cloned().map(WardRef).collect(),
            },
        })
    }

    /// The council's own reference for the entry, e.g. "FP/2026/014".
    async fn reference(&self) -> Option<&str> {
        self.0.reference.as_ref().map(|n| n.as_str())
    }

    /// The page the record was taken from, if known.
    async fn source_url(&self) -> Option<&str> {
        self.0.source.url.as_ref().map(|u| u.as_str())
    }

    /// The record's id in the system that published it, if known.
    async fn source_id(&self) -> Option<&str> {
        self.0.source.system_id.as_ref().map(|r| r.as_str())
    }

    /// The people the plan names for the matter, in its order.
    async fn contacts(&self) -> Vec<EntryContact<'_>> {
        self.0.contacts.iter().map(EntryContact).collect()
    }

    /// The plan documents it appears on, in order.
    async fn plans(&self) -> Vec<ForwardPlanRef> {
        self.0
            .plans
            .iter()
            .map(|p| ForwardPlanRef {
                plan_id: p.id.as_uuid(),
                title: p.title.as_ref().map(|t| t.as_str().to_owned()),
            })
            .collect()
    }

    /// Who will be consulted.
    async fn consultees(&self) -> Option<&str> {
        self.0.consultees.as_ref().map(|t| t.as_str())
    }

    /// How and by when to make representations.
    async fn representations(&self) -> Option<RepresentationsObject> {
        self.0
            .representations
            .as_ref()
            .map(|r| RepresentationsObject {
                how: r.how.as_str().to_owned(),
                by: r.by.map(Date),
            })
    }

    /// Whether it is expected to be decided in private, and on what basis.
    async fn anticipated_restriction(&self) -> AnticipatedRestriction {
        AnticipatedRestriction {
            kind: self.0.anticipated_restriction.kind.into(),
            notice: self
                .0
                .anticipated_restriction
                .notice
                .clone()
                .map(WithheldNotice),
        }
    }

    /// The day it is now due to be decided, when the plan gives a day (see `due` for a month,
    /// "not before" or not yet known); null otherwise.
    async fn date_due(&self) -> Option<Date> {
        self.0.date_due.and_then(|d| d.day()).map(Date)
    }

    /// When it is now due to be decided, as the plan states it; null when it states nothing.
    async fn due(&self) -> Option<DateDue> {
        self.0.date_due.map(DateDue::from)
    }

    /// The day it was first due, when that was a day.
    async fn original_date_due(&self) -> Option<Date> {
        self.0.original_date_due.and_then(|d| d.day()).map(Date)
    }

    /// When it was first due, as the plan stated it.
    async fn original_due(&self) -> Option<DateDue> {
        self.0.original_date_due.map(DateDue::from)
    }

    /// When notice was published; null when the plan does not say.
    async fn notice_date(&self) -> Option<Date> {
        self.0.notice_date.map(Date)
    }

    /// How notice was given.
    async fn notice(&self) -> Notice {
        match &self.0.notice {
            NoticeKind::Standard => Notice {
                kind: NoticeKindName::Standard,
                reason: None,
                agreed_by: None,
                chair_informed: None,
            },
            NoticeKind::GeneralException {
                reason,
                chair_informed,
            } => Notice {
                kind: NoticeKindName::GeneralException,
                reason: Some(reason.as_str().to_owned()),
                agreed_by: None,
                chair_informed: chair_informed.as_ref().map(|n| n.as_str().to_owned()),
            },
            NoticeKind::SpecialUrgency { agreed_by, reason } => Notice {
                kind: NoticeKindName::SpecialUrgency,
                reason: Some(reason.as_str().to_owned()),
                agreed_by: Some(agreed_by.as_str().to_owned()),
                chair_informed: None,
            },
        }
    }

    /// Clear days between the notice and the date due, when both are days.
    async fn clear_days_notice(&self) -> Option<i64> {
        self.0.clear_days_notice
    }

    /// Every change of date due, oldest first.
    async fn reschedulings(&self) -> Vec<Rescheduling> {
        self.0
            .reschedulings
            .iter()
            .map(|r| Rescheduling {
                from: r.from.and_then(|d| d.day()).map(Date),
                to: r.to.day().map(Date),
                from_due: r.from.map(DateDue::from),
                to_due: r.to.into(),
                reason: r.reason.as_str().to_owned(),
            })
            .collect()
    }

    /// Where the entry is in its life.
    async fn status(&self) -> ForwardPlanStatus {
        self.0.status.into()
    }

    /// The status in the plan's own words, if given.
    async fn status_label(&self) -> Option<&str> {
        self.0.status_label.as_ref().map(|n| n.as_str())
    }

    /// Every change of status after entry, oldest first.
    async fn status_changes(&self) -> Vec<ForwardPlanStatusChange<'_>> {
        self.0
            .status_changes
            .iter()
            .map(ForwardPlanStatusChange)
            .collect()
    }

    /// The id of the decision that resulted, once linked.
    async fn decision_id(&self) -> Option<Uuid> {
        self.0.decision.map(|id| id.as_uuid())
    }

    /// The decision that resulted, if linked and visible to the caller.
    async fn decision(&self, ctx: &Context<'_>) -> Result<Option<Decision>, ApiError> {
        let Some(id) = self.0.decision else {
            return Ok(None);
        };
        let request = RequestContext::of(ctx)?;
        Ok(request.loader()?.load_one(id).await?.map(Decision))
    }

    /// Why it was withdrawn or abandoned.
    async fn closing_reason(&self) -> Option<&str> {
        self.0.closing_reason.as_ref().map(|r| r.as_str())
    }

    /// Corrections of what the entry says, oldest first.
    async fn corrections(&self) -> Vec<EntryCorrection> {
        self.0
            .corrections
            .iter()
            .map(|c| EntryCorrection {
                reason: c.reason.as_str().to_owned(),
                corrected_on: Date(c.corrected_on),
            })
            .collect()
    }

    /// The pages the entry was imported from, each as last read, with each field as the page
    /// gave it; empty when it was not imported.
    async fn sources(&self) -> Vec<RecordSource<'_>> {
        self.0.sources.iter().map(RecordSource).collect()
    }

    /// Every event of the entry, oldest first, with what it changed. Notices are public, so the
    /// public sees every event, but not who recorded them, and links only to decisions it may
    /// see.
    async fn history(&self, ctx: &Context<'_>) -> Result<Vec<HistoryEvent>, ApiError> {
        record_history::<ForwardPlanView>(ctx, self.0.id).await
    }
}

/// A correction of a forward-plan entry.
#[derive(SimpleObject)]
#[graphql(name = "ForwardPlanEntryCorrection")]
pub struct EntryCorrection {
    /// Why.
    pub reason: String,
    /// When.
    pub corrected_on: Date,
}

/// The wards a planned decision concerns.
#[derive(SimpleObject)]
pub struct PlannedWards {
    /// All or listed.
    pub kind: PlannedWardsKind,
    /// The wards, when listed.
    pub wards: Vec<WardRef>,
}

/// How and by when the public can make representations.
#[derive(SimpleObject)]
#[graphql(name = "Representations")]
pub struct RepresentationsObject {
    /// How, e.g. "in writing to the contact officer".
    pub how: String,
    /// By when, if a date is given.
    pub by: Option<Date>,
}

/// Whether a decision is expected to be taken in private.
#[derive(SimpleObject)]
pub struct AnticipatedRestriction {
    /// Open, part exempt or fully exempt.
    pub kind: AnticipatedRestrictionKind,
    /// The basis as the public is told it, if stated yet.
    pub notice: Option<WithheldNotice>,
}

/// How notice of a decision was given.
#[derive(SimpleObject)]
pub struct Notice {
    /// Standard, general exception or special urgency.
    pub kind: NoticeKindName,
    /// Why the usual notice was impracticable (exceptions).
    pub reason: Option<String>,
    /// Who agreed special urgency (reg 11).
    pub agreed_by: Option<String>,
    /// Who was informed of a general exception (reg 10), if the notice says.
    pub chair_informed: Option<String>,
}

/// One change of date due.
#[derive(SimpleObject)]
pub struct Rescheduling {
    /// The previous day due, when it was a day.
    pub from: Option<Date>,
    /// The new day due, when it is a day.
    pub to: Option<Date>,
    /// The previous date due as stated; null when none was.
    pub from_due: Option<DateDue>,
    /// The new date due as stated.
    pub to_due: DateDue,
    /// Why.
    pub reason: String,
}

/// When a planned decision is due, as the plan states it.
#[derive(SimpleObject)]
pub struct DateDue {
    /// A day, a month, not before a day, or not yet known.
    pub kind: DateDueKind,
    /// The day (DAY and NOT_BEFORE).
    pub date: Option<Date>,
    /// The month as YYYY-MM (MONTH).
    pub month: Option<String>,
}

impl From<DomainDateDue> for DateDue {
    fn from(due: DomainDateDue) -> Self {
        match due {
            DomainDateDue::Day { date } => Self {
                kind: DateDueKind::Day,
                date: Some(Date(date)),
                month: None,
            },
            DomainDateDue::Month { month } => Self {
                kind: DateDueKind::Month,
                date: None,
                month: Some(month.to_string()),
            },
            DomainDateDue::NotBefore { date } => Self {
                kind: DateDueKind::NotBefore,
                date: Some(Date(date)),
                month: None,
            },
            DomainDateDue::NotKnown => Self {
                kind: DateDueKind::NotKnown,
                date: None,
                month: None,
            },
        }
    }
}

/// One change of an entry's status.
pub struct ForwardPlanStatusChange<'a>(&'a StatusChangeView);

#[Object]
impl ForwardPlanStatusChange<'_> {
    /// The new status.
    async fn status(&self) -> ForwardPlanStatus {
        self.0.status.into()
    }

    /// In the plan's own words.
    async fn label(&self) -> Option<&str> {
        self.0.label.as_ref().map(|n| n.as_str())
    }

    /// From when, if stated.
    async fn on(&self) -> Option<Date> {
        self.0.on.map(Date)
    }

    /// Why, if stated.
    async fn reason(&self) -> Option<&str> {
        self.0.reason.as_ref().map(|r| r.as_str())
    }
}

/// Someone a plan names for a matter.
pub struct EntryContact<'a>(&'a EntryContactView);

#[Object]
impl EntryContact<'_> {
    /// Their role, e.g. "Lead officer".
    async fn role(&self) -> Option<&str> {
        self.0.role.as_ref().map(|n| n.as_str())
    }

    /// Their name.
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

    /// The contact text as published.
    async fn as_given(&self) -> Option<&str> {
        self.0.as_given.as_ref().map(|t| t.as_str())
    }
}

/// A plan document an entry appears on.
#[derive(SimpleObject)]
pub struct ForwardPlanRef {
    /// The plan's id.
    pub plan_id: Uuid,
    /// Its heading.
    pub title: Option<String>,
}

/// A forward plan document as the council published it.
pub struct ForwardPlanDocument<'a>(pub &'a ForwardPlanDocumentView);

#[Object]
impl ForwardPlanDocument<'_> {
    /// The plan's id, as entries and mutations name it.
    async fn plan_id(&self) -> Uuid {
        self.0.id.as_uuid()
    }

    /// Its heading.
    async fn title(&self) -> &str {
        self.0.title.as_str()
    }

    /// The first day it covers, if stated.
    async fn period_from(&self) -> Option<Date> {
        self.0.period_from.map(Date)
    }

    /// The last day it covers, if stated.
    async fn period_to(&self) -> Option<Date> {
        self.0.period_to.map(Date)
    }

    /// The body whose plan it is, if stated.
    async fn published_by(&self) -> Option<BodyName> {
        self.0.published_by.clone().map(BodyName)
    }

    /// When it was published, if stated.
    async fn published_on(&self) -> Option<Date> {
        self.0.published_on.map(Date)
    }

    /// When it says it will next be updated, if stated.
    async fn next_update_due(&self) -> Option<Date> {
        self.0.next_update_due.map(Date)
    }

    /// Every refresh, oldest first.
    async fn refreshed_on(&self) -> Vec<Date> {
        self.0.refreshed_on.iter().copied().map(Date).collect()
    }

    /// The key-decision criteria it states, in its own words.
    async fn key_decision_criteria(&self) -> Option<&str> {
        self.0.key_decision_criteria.as_ref().map(|t| t.as_str())
    }

    /// The entries it lists, whatever their status now, by date due (undated last).
    async fn entries(&self, ctx: &Context<'_>) -> Result<Vec<ForwardPlanEntry>, ApiError> {
        let request = RequestContext::of(ctx)?;
        Ok(request
            .reads()?
            .forward_plan_entries_on_plan(request.tenant()?, request.access.viewer(), self.0.id)
            .await?
            .into_iter()
            .map(ForwardPlanEntry)
            .collect())
    }
}
