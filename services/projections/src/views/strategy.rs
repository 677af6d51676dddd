//! A strategy document over time: its names, its versions and the decisions that approved or
//! noted them.

use chrono::NaiveDate;
use civic_domain::StrategyDocument;
use civic_domain::strategy::{
    StrategyPeriod, StrategySpan, StrategyStatus, VersionDecisionRole, VersionStatus,
};
use civic_domain::values::{DecisionId, Name, StrategyDocumentId, Title, VersionLabel};
use civic_eventstore::TenantId;
use serde::{Deserialize, Deserializer, Serialize};

/// One strategy document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StrategyDocumentView {
    /// The council whose log holds it.
    pub tenant: TenantId,
    /// The document.
    pub id: StrategyDocumentId,
    /// The stream's version, for optimistic concurrency.
    pub version: u64,
    /// Position of the stream's last event in the tenant's log.
    pub last_position: u64,
    /// The title now, e.g. "Information Strategy".
    pub title: Title,
    /// Every title it has had, oldest first, with the day each took over.
    pub titles: Vec<TitleView>,
    /// The span now covered (the approved version's, once there is one), if stated. Views
    /// stored before issue 13 hold calendar years without a kind; they read as such.
    #[serde(deserialize_with = "optional_span")]
    pub period: Option<StrategySpan>,
    /// Every version, in drafting order.
    pub versions: Vec<StrategyVersionView>,
    /// The strategy's current standing, if the register gives one.
    #[serde(default)]
    pub status: Option<StrategyStatus>,
    /// The standing in the council's own words.
    #[serde(default)]
    pub status_label: Option<Name>,
    /// Every change of standing, oldest first.
    #[serde(default)]
    pub status_history: Vec<StrategyStatusView>,
}

/// One change of a strategy's standing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StrategyStatusView {
    /// The status.
    pub status: StrategyStatus,
    /// In the council's words.
    pub label: Option<Name>,
    /// From when, if stated.
    pub on: Option<NaiveDate>,
    /// The decision that made the change (dropped for the public if it may not see it).
    pub decision: Option<DecisionId>,
}

/// A span as stored in a view: tagged, or the calendar years of views written before.
#[derive(Deserialize)]
#[serde(untagged)]
enum StoredSpan {
    Tagged(StrategySpan),
    Years(StrategyPeriod),
}

fn optional_span<'de, D: Deserializer<'de>>(d: D) -> Result<Option<StrategySpan>, D::Error> {
    Ok(
        Option::<StoredSpan>::deserialize(d)?.map(|stored| match stored {
            StoredSpan::Tagged(span) => span,
            StoredSpan::Years(years) => StrategySpan::Years(years),
        }),
    )
}

/// A title the document has had.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TitleView {
    /// The title.
    pub title: Title,
    /// From when (`None` for the title it was created with).
    pub from: Option<NaiveDate>,
    /// The decision that noted the rename.
    pub noted_by: Option<DecisionId>,
}

/// One version of the document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StrategyVersionView {
    /// Its label, e.g. "2010-2013".
    pub label: VersionLabel,
    /// The span it covers, if stated.
    #[serde(deserialize_with = "optional_span")]
    pub period: Option<StrategySpan>,
    /// The review that produced it.
    pub review_date: Option<NaiveDate>,
    /// Draft, approved or superseded.
    pub status: VersionStatusView,
    /// When it was approved.
    pub approved_on: Option<NaiveDate>,
    /// The decisions that approved or noted it, in order.
    pub decisions: Vec<VersionDecisionView>,
}

/// A version's standing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum VersionStatusView {
    /// Drafted, not yet approved.
    #[serde(rename = "draft")]
    Draft,
    /// The approved version in force.
    #[serde(rename = "approved")]
    Approved,
    /// Replaced by a later approved version.
    #[serde(rename = "superseded")]
    Superseded,
}

/// A decision linked to a version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionDecisionView {
    /// The decision.
    pub decision: DecisionId,
    /// Whether it approved or noted the version.
    pub role: VersionRoleView,
}

/// How a decision relates to a version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum VersionRoleView {
    /// It approved the version.
    #[serde(rename = "approved")]
    Approved,
    /// It noted the version.
    #[serde(rename = "noted")]
    Noted,
}

impl StrategyDocumentView {
    /// The view of a folded strategy stream whose last event is at `last_position`.
    pub fn from_document(tenant: TenantId, doc: &StrategyDocument, last_position: u64) -> Self {
        Self {
            tenant,
            id: doc.id(),
            version: doc.version(),
            last_position,
            title: doc.title().clone(),
            titles: doc
                .titles()
                .iter()
                .map(|t| TitleView {
                    title: t.title.clone(),
                    from: t.from,
                    noted_by: t.noted_by,
                })
                .collect(),
            period: doc.period(),
            versions: doc
                .versions()
                .iter()
                .map(|v| StrategyVersionView {
                    label: v.label.clone(),
                    period: v.period,
                    review_date: v.review_date,
                    status: match v.status {
                        VersionStatus::Draft => VersionStatusView::Draft,
                        VersionStatus::Approved => VersionStatusView::Approved,
                        VersionStatus::Superseded => VersionStatusView::Superseded,
                    },
                    approved_on: v.approved_on,
                    decisions: v
                        .decisions
                        .iter()
                        .map(|(decision, role)| VersionDecisionView {
                            decision: *decision,
                            role: match role {
                                VersionDecisionRole::Approved => VersionRoleView::Approved,
                                VersionDecisionRole::Noted => VersionRoleView::Noted,
                            },
                        })
                        .collect(),
                })
                .collect(),
            status: doc.status(),
            status_label: doc.status_label().cloned(),
            status_history: doc
                .status_history()
                .iter()
                .map(|s| StrategyStatusView {
                    status: s.status,
                    label: s.label.clone(),
                    on: s.on,
                    decision: s.decision,
                })
                .collect(),
        }
    }

    /// Every decision the document refers to.
    pub(crate) fn decision_ids(&self) -> Vec<DecisionId> {
        let mut ids: Vec<DecisionId> = self.titles.iter().filter_map(|t| t.noted_by).collect();
        ids.extend(
            self.versions
                .iter()
                .flat_map(|v| v.decisions.iter().map(|d| d.decision)),
        );
        ids.extend(self.status_history.iter().filter_map(|s| s.decision));
        ids
    }

    /// Drops references to decisions the viewer may not see.
    pub(crate) fn keep_decisions(&mut self, visible: &[DecisionId]) {
        for title in &mut self.titles {
            title.noted_by = title.noted_by.filter(|id| visible.contains(id));
        }
        for version in &mut self.versions {
            version.decisions.retain(|d| visible.contains(&d.decision));
        }
        for change in &mut self.status_history {
            change.decision = change.decision.filter(|id| visible.contains(id));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_period_stored_without_a_kind_reads_as_calendar_years() {
        #[derive(Deserialize)]
        struct Holder {
            #[serde(deserialize_with = "optional_span")]
            period: Option<StrategySpan>,
        }
        let old: Holder = serde_json::from_value(
            serde_json::json!({"period": {"start_year": 2010, "end_year": 2013, "rolling": true}}),
        )
        .unwrap();
        assert_eq!(
            old.period,
            Some(StrategySpan::Years(
                StrategyPeriod::parse(2010, 2013, true).unwrap()
            ))
        );
        let none: Holder = serde_json::from_value(serde_json::json!({"period": null})).unwrap();
        assert_eq!(none.period, None);
    }
}
