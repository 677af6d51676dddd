//! A forward-plan entry: the public notice of a decision to come. Notices are public by law,
//! including the basis on which a decision is expected to be taken in private, so every viewer
//! sees the same entry.

use chrono::NaiveDate;
use civic_domain::ForwardPlanEntry;
use civic_domain::forward_plan::{
    AnticipatedRestriction, ForwardPlanStatus, NoticeKind, Representations, Wards,
};
use civic_domain::values::{DecisionId, ForwardPlanEntryId, LongText, Name, Reason, Title};
use civic_eventstore::TenantId;
use serde::{Deserialize, Serialize};

use super::council::CouncilView;
use super::withheld::{BodyNameRef, WardRef, WithheldNotice};

/// One entry of the forward plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForwardPlanView {
    /// The council whose log holds the entry.
    pub tenant: TenantId,
    /// The entry.
    pub id: ForwardPlanEntryId,
    /// The entry stream's version, for optimistic concurrency.
    pub version: u64,
    /// Position of the stream's last event in the tenant's log.
    pub last_position: u64,
    /// The matter's title.
    pub title: Title,
    /// What is to be decided.
    pub description: Option<LongText>,
    /// The body that will decide (name resolved when read).
    pub decision_maker: BodyNameRef,
    /// Whether it is a key decision (28 clear days' notice).
    pub key_decision: bool,
    /// "Reason Key" categories.
    pub reason_key: Vec<Name>,
    /// The wards concerned.
    pub wards: WardsView,
    /// Who will be consulted.
    pub consultees: Option<LongText>,
    /// How and by when to make representations.
    pub representations: Option<Representations>,
    /// Whether it is expected to be decided in private, and on what basis.
    pub anticipated_restriction: AnticipatedRestrictionView,
    /// When it is now due to be decided.
    pub date_due: NaiveDate,
    /// When it was first due.
    pub original_date_due: NaiveDate,
    /// When notice was published.
    pub notice_date: NaiveDate,
    /// How notice was given (standard, general exception, special urgency).
    pub notice: NoticeKind,
    /// Clear days between the notice and the date due.
    pub clear_days_notice: i64,
    /// Every change of date due, oldest first.
    pub reschedulings: Vec<ReschedulingView>,
    /// Where the entry is in its life.
    pub status: ForwardPlanStatusView,
    /// The decision that resulted, once linked.
    pub decision: Option<DecisionId>,
    /// Why it was withdrawn or abandoned.
    pub closing_reason: Option<Reason>,
}

/// The wards a planned decision concerns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind")]
pub enum WardsView {
    /// All wards.
    #[serde(rename = "all")]
    All,
    /// Particular wards.
    #[serde(rename = "listed")]
    Listed {
        /// The wards.
        wards: Vec<WardRef>,
    },
}

/// Whether a decision is expected to be taken in private.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnticipatedRestrictionView {
    /// Open, part exempt or fully exempt.
    pub kind: AnticipatedRestrictionKind,
    /// The basis, as the public is told it, if stated yet.
    pub notice: Option<WithheldNotice>,
}

/// How much of the matter is expected to be private.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AnticipatedRestrictionKind {
    /// Open to the public.
    #[serde(rename = "open")]
    Open,
    /// Part of it exempt.
    #[serde(rename = "part_exempt")]
    PartExempt,
    /// All of it exempt.
    #[serde(rename = "fully_exempt")]
    FullyExempt,
}

/// Where an entry is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ForwardPlanStatusView {
    /// On the plan, awaiting decision.
    #[serde(rename = "planned")]
    Planned,
    /// Decided, and the decision linked.
    #[serde(rename = "decided")]
    Decided,
    /// Taken off the plan.
    #[serde(rename = "withdrawn")]
    Withdrawn,
    /// Will not be decided.
    #[serde(rename = "abandoned")]
    Abandoned,
}

impl ForwardPlanStatusView {
    /// The value stored in the `status` column.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Planned => "planned",
            Self::Decided => "decided",
            Self::Withdrawn => "withdrawn",
            Self::Abandoned => "abandoned",
        }
    }
}

/// One change of date due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReschedulingView {
    /// The previous date due.
    pub from: NaiveDate,
    /// The new date due.
    pub to: NaiveDate,
    /// Why.
    pub reason: Reason,
}

impl ForwardPlanView {
    /// The view of a folded forward-plan stream whose last event is at `last_position`. Names
    /// are left to [`ForwardPlanView::resolve_names`].
    pub fn from_entry(tenant: TenantId, entry: &ForwardPlanEntry, last_position: u64) -> Self {
        let details = entry.details();
        let restriction = &details.anticipated_restriction;
        Self {
            tenant,
            id: entry.id(),
            version: entry.version(),
            last_position,
            title: details.title.clone(),
            description: details.description.clone(),
            decision_maker: BodyNameRef::unresolved(details.decision_maker),
            key_decision: details.key_decision,
            reason_key: details.reason_key.clone(),
            wards: match &details.wards {
                Wards::All => WardsView::All,
                Wards::Listed { ward_ids } => WardsView::Listed {
                    wards: ward_ids
                        .as_slice()
                        .iter()
                        .map(|id| WardRef::unresolved(*id))
                        .collect(),
                },
            },
            consultees: details.consultees.clone(),
            representations: details.representations.clone(),
            anticipated_restriction: AnticipatedRestrictionView {
                kind: match restriction {
                    AnticipatedRestriction::Open => AnticipatedRestrictionKind::Open,
                    AnticipatedRestriction::PartExempt { .. } => {
                        AnticipatedRestrictionKind::PartExempt
                    }
                    AnticipatedRestriction::FullyExempt { .. } => {
                        AnticipatedRestrictionKind::FullyExempt
                    }
                },
                notice: restriction.restriction().map(WithheldNotice::of),
            },
            date_due: entry.date_due(),
            original_date_due: entry.original_date_due(),
            notice_date: entry.notice_date(),
            notice: entry.notice().clone(),
            clear_days_notice: entry.clear_days_notice(),
            reschedulings: entry
                .reschedulings()
                .iter()
                .map(|r| ReschedulingView {
                    from: r.from,
                    to: r.to,
                    reason: r.reason.clone(),
                })
                .collect(),
            status: match entry.status() {
                ForwardPlanStatus::Planned => ForwardPlanStatusView::Planned,
                ForwardPlanStatus::Decided => ForwardPlanStatusView::Decided,
                ForwardPlanStatus::Withdrawn => ForwardPlanStatusView::Withdrawn,
                ForwardPlanStatus::Abandoned => ForwardPlanStatusView::Abandoned,
            },
            decision: entry.decision(),
            closing_reason: entry.closing_reason().cloned(),
        }
    }

    /// Fills in the decision maker's and wards' names from the council's reference data.
    pub fn resolve_names(&mut self, council: &CouncilView) {
        self.decision_maker.resolve(council);
        if let WardsView::Listed { wards } = &mut self.wards {
            for ward in wards {
                ward.resolve(council);
            }
        }
    }
}
