//! A forward-plan entry: the public notice of a decision to come. Notices are public by law,
//! including the basis on which a decision is expected to be taken in private, so every viewer
//! sees the same entry.

use chrono::NaiveDate;
use civic_domain::ForwardPlanEntry;
use civic_domain::forward_plan::{
    AnticipatedRestriction, DateDue, EntryContact, ForwardPlanStatus, NoticeKind, Representations,
    Wards,
};
use civic_domain::provenance::Provenance;
use civic_domain::values::{
    DecisionId, EmailAddress, ForwardPlanEntryId, LongText, Name, PhoneNumber, Reason, Source,
    Title,
};
use civic_eventstore::TenantId;
use serde::{Deserialize, Deserializer, Serialize};

use super::council::CouncilView;
use super::plan_document::PlanRef;
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
    /// The wards concerned; `None` when the plan does not say.
    pub wards: Option<WardsView>,
    /// Who will be consulted.
    pub consultees: Option<LongText>,
    /// How and by when to make representations.
    pub representations: Option<Representations>,
    /// Whether it is expected to be decided in private, and on what basis.
    pub anticipated_restriction: AnticipatedRestrictionView,
    /// When it is now due to be decided, as the plan states it (views stored before issue 13
    /// hold a bare day, read as a "day" date due).
    #[serde(deserialize_with = "optional_due")]
    pub date_due: Option<DateDue>,
    /// When it was first due.
    #[serde(deserialize_with = "optional_due")]
    pub original_date_due: Option<DateDue>,
    /// When notice was published, if the plan says.
    pub notice_date: Option<NaiveDate>,
    /// How notice was given (standard, general exception, special urgency).
    pub notice: NoticeKind,
    /// Clear days between the notice and the date due, when both are days.
    pub clear_days_notice: Option<i64>,
    /// Every change of date due, oldest first.
    pub reschedulings: Vec<ReschedulingView>,
    /// Where the entry is in its life.
    pub status: ForwardPlanStatusView,
    /// The status in the plan's own words, if given.
    #[serde(default)]
    pub status_label: Option<Name>,
    /// Every change of status after entry, oldest first.
    #[serde(default)]
    pub status_changes: Vec<StatusChangeView>,
    /// The council's own reference for the entry, if shown.
    #[serde(default)]
    pub reference: Option<Name>,
    /// The people the plan names for the matter.
    #[serde(default)]
    pub contacts: Vec<EntryContactView>,
    /// The page and publishing system the entry was taken from.
    #[serde(default)]
    pub source: Source,
    /// The plan documents it appears on (titles resolved when read).
    #[serde(default)]
    pub plans: Vec<PlanRef>,
    /// The decision that resulted, once linked.
    pub decision: Option<DecisionId>,
    /// Why it was withdrawn or abandoned.
    pub closing_reason: Option<Reason>,
    /// Corrections of what the entry says, oldest first.
    #[serde(default)]
    pub corrections: Vec<EntryCorrectionView>,
    /// The pages the entry was imported from, each as last read (a forward plan is public, and
    /// so is what its pages said).
    #[serde(default)]
    pub sources: Vec<Provenance>,
}

/// A correction of an entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryCorrectionView {
    /// Why.
    pub reason: Reason,
    /// When.
    pub corrected_on: NaiveDate,
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
    /// On the plan, awaiting decision ("for determination").
    #[serde(rename = "planned")]
    Planned,
    /// On hold.
    #[serde(rename = "on_hold")]
    OnHold,
    /// Deferred.
    #[serde(rename = "deferred")]
    Deferred,
    /// Decided (the decision linked once known).
    #[serde(rename = "decided")]
    Decided,
    /// Implemented.
    #[serde(rename = "implemented")]
    Implemented,
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
            Self::OnHold => "on_hold",
            Self::Deferred => "deferred",
            Self::Decided => "decided",
            Self::Implemented => "implemented",
            Self::Withdrawn => "withdrawn",
            Self::Abandoned => "abandoned",
        }
    }
}

impl From<ForwardPlanStatus> for ForwardPlanStatusView {
    fn from(status: ForwardPlanStatus) -> Self {
        match status {
            ForwardPlanStatus::Planned => Self::Planned,
            ForwardPlanStatus::OnHold => Self::OnHold,
            ForwardPlanStatus::Deferred => Self::Deferred,
            ForwardPlanStatus::Decided => Self::Decided,
            ForwardPlanStatus::Implemented => Self::Implemented,
            ForwardPlanStatus::Withdrawn => Self::Withdrawn,
            ForwardPlanStatus::Abandoned => Self::Abandoned,
        }
    }
}

/// A date due as stored in a view: a bare day (views written before issue 13) or the tagged
/// form.
#[derive(Deserialize)]
#[serde(untagged)]
enum StoredDue {
    Day(NaiveDate),
    Tagged(DateDue),
}

impl From<StoredDue> for DateDue {
    fn from(stored: StoredDue) -> Self {
        match stored {
            StoredDue::Day(date) => DateDue::Day { date },
            StoredDue::Tagged(due) => due,
        }
    }
}

fn optional_due<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateDue>, D::Error> {
    Ok(Option::<StoredDue>::deserialize(d)?.map(Into::into))
}

fn due<'de, D: Deserializer<'de>>(d: D) -> Result<DateDue, D::Error> {
    Ok(StoredDue::deserialize(d)?.into())
}

/// One change of date due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReschedulingView {
    /// The previous date due (`None`: none was stated).
    #[serde(deserialize_with = "optional_due")]
    pub from: Option<DateDue>,
    /// The new date due.
    #[serde(deserialize_with = "due")]
    pub to: DateDue,
    /// Why.
    pub reason: Reason,
}

/// One change of status after entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusChangeView {
    /// The new status.
    pub status: ForwardPlanStatusView,
    /// In the plan's own words.
    pub label: Option<Name>,
    /// From when, if stated.
    pub on: Option<NaiveDate>,
    /// Why, if stated.
    pub reason: Option<Reason>,
}

/// Someone the plan names for the matter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryContactView {
    /// Their role, e.g. "Lead officer".
    pub role: Option<Name>,
    /// Their name.
    pub name: Option<Name>,
    /// Email.
    pub email: Option<EmailAddress>,
    /// Telephone.
    pub phone: Option<PhoneNumber>,
    /// The text as published.
    pub as_given: Option<LongText>,
}

impl From<&EntryContact> for EntryContactView {
    fn from(c: &EntryContact) -> Self {
        let EntryContact {
            role,
            name,
            email,
            phone,
            as_given,
        } = c.clone();
        Self {
            role,
            name,
            email,
            phone,
            as_given,
        }
    }
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
            wards: details.wards.as_ref().map(|wards| match wards {
                Wards::All => WardsView::All,
                Wards::Listed { ward_ids } => WardsView::Listed {
                    wards: ward_ids
                        .as_slice()
                        .iter()
                        .map(|id| WardRef::unresolved(*id))
                        .collect(),
                },
            }),
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
            status: entry.status().into(),
            status_label: entry.status_label().cloned(),
            status_changes: entry
                .status_changes()
                .iter()
                .map(|c| StatusChangeView {
                    status: c.status.into(),
                    label: c.label.clone(),
                    on: c.on,
                    reason: c.reason.clone(),
                })
                .collect(),
            reference: details.reference.clone(),
            contacts: details.contacts.iter().map(Into::into).collect(),
            source: details.source.clone(),
            plans: entry
                .plans()
                .iter()
                .map(|id| PlanRef {
                    id: *id,
                    title: None,
                })
                .collect(),
            decision: entry.decision(),
            closing_reason: entry.closing_reason().cloned(),
            corrections: entry
                .corrections()
                .iter()
                .map(|c| EntryCorrectionView {
                    reason: c.reason.clone(),
                    corrected_on: c.corrected_on,
                })
                .collect(),
            sources: entry.sources().to_vec(),
        }
    }

    /// Fills in the decision maker's, wards' and plans' names from the council's reference
    /// data.
    pub fn resolve_names(&mut self, council: &CouncilView) {
        self.decision_maker.resolve(council);
        for plan in &mut self.plans {
            plan.title = council
                .forward_plans
                .iter()
                .find(|p| p.id == plan.id)
                .map(|p| p.title.clone());
        }
        if let Some(WardsView::Listed { wards }) = &mut self.wards {
            for ward in wards {
                ward.resolve(council);
            }
        }
    }
}

impl ForwardPlanView {
    /// Drops the link to a decision the viewer may not see.
    pub(crate) fn keep_decisions(&mut self, visible: &[DecisionId]) {
        self.decision = self.decision.filter(|id| visible.contains(id));
    }

    /// The day the entry sorts and filters by in the `forward_plan_entries.date_due` column: the
    /// day due; for a month, its last day (the entry is still to come until the month ends); for
    /// "not before", that day; for a date not known or not stated, the last representable day,
    /// so such entries list after every dated one. Only the column holds this key; the view
    /// keeps the date as the plan stated it.
    pub(crate) fn sort_date(&self) -> NaiveDate {
        match self.date_due {
            Some(DateDue::Day { date }) | Some(DateDue::NotBefore { date }) => date,
            Some(DateDue::Month { month }) => month.last_day(),
            Some(DateDue::NotKnown) | None => undated(),
        }
    }
}

/// The sort key of entries with no date due: 31 December 9999, the last day written with four
/// digits, so it still sorts as text in SQLite and as a date in PostgreSQL.
fn undated() -> NaiveDate {
    NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or(NaiveDate::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_view_stored_with_bare_days_reads_them_as_day_dates_due() {
        let old = serde_json::json!({
            "from": "2010-06-09", "to": "2010-07-07", "reason": "Later."
        });
        let view: ReschedulingView = serde_json::from_value(old).unwrap();
        let day = |m, d| DateDue::Day {
            date: NaiveDate::from_ymd_opt(2010, m, d).unwrap(),
        };
        assert_eq!(view.from, Some(day(6, 9)));
        assert_eq!(view.to, day(7, 7));
        let new = serde_json::to_value(&view).unwrap();
        assert_eq!(
            new["to"],
            serde_json::json!({"kind": "day", "date": "2010-07-07"})
        );
        assert_eq!(
            serde_json::from_value::<ReschedulingView>(new).unwrap(),
            view
        );
    }
}
