//! A forward-plan entry: the public notice of a decision to come. Notices are public by law,
//! so every viewer sees the same entry.

use async_graphql::{Context, ID, Object, SimpleObject};
use civic_domain::forward_plan::NoticeKind;
use civic_projections::views::{ForwardPlanView, WardsView};
use uuid::Uuid;

use super::common::{BodyName, WardRef, WithheldNotice};
use super::decision::Decision;
use crate::error::ApiError;
use crate::graphql::context::RequestContext;
use crate::graphql::enums::{
    AnticipatedRestrictionKind, ForwardPlanStatus, NoticeKindName, PlannedWardsKind,
};
use crate::graphql::global_id::{self, NodeKind};
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

    /// The wards concerned.
    async fn wards(&self) -> PlannedWards {
        match &self.0.wards {
            WardsView::All => PlannedWards {
                kind: PlannedWardsKind::All,
                wards: Vec::new(),
            },
            WardsView::Listed { wards } => PlannedWards {
                kind: PlannedWardsKind::Listed,
                wards: wards.iter().cloned().map(WardRef).collect(),
            },
        }
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

    /// When it is now due to be decided.
    async fn date_due(&self) -> Date {
        Date(self.0.date_due)
    }

    /// When it was first due.
    async fn original_date_due(&self) -> Date {
        Date(self.0.original_date_due)
    }

    /// When notice was published.
    async fn notice_date(&self) -> Date {
        Date(self.0.notice_date)
    }

    /// How notice was given.
    async fn notice(&self) -> Notice {
        match &self.0.notice {
            NoticeKind::Standard => Notice {
                kind: NoticeKindName::Standard,
                reason: None,
                agreed_by: None,
            },
            NoticeKind::GeneralException { reason } => Notice {
                kind: NoticeKindName::GeneralException,
                reason: Some(reason.as_str().to_owned()),
                agreed_by: None,
            },
            NoticeKind::SpecialUrgency { agreed_by, reason } => Notice {
                kind: NoticeKindName::SpecialUrgency,
                reason: Some(reason.as_str().to_owned()),
                agreed_by: Some(agreed_by.as_str().to_owned()),
            },
        }
    }

    /// Clear days between the notice and the date due.
    async fn clear_days_notice(&self) -> i64 {
        self.0.clear_days_notice
    }

    /// Every change of date due, oldest first.
    async fn reschedulings(&self) -> Vec<Rescheduling> {
        self.0
            .reschedulings
            .iter()
            .map(|r| Rescheduling {
                from: Date(r.from),
                to: Date(r.to),
                reason: r.reason.as_str().to_owned(),
            })
            .collect()
    }

    /// Where the entry is in its life.
    async fn status(&self) -> ForwardPlanStatus {
        self.0.status.into()
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
    /// Who agreed special urgency.
    pub agreed_by: Option<String>,
}

/// One change of date due.
#[derive(SimpleObject)]
pub struct Rescheduling {
    /// The previous date due.
    pub from: Date,
    /// The new date due.
    pub to: Date,
    /// Why.
    pub reason: String,
}
