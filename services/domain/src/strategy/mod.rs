//! The strategy document aggregate: stream `strategy/{uuid}`. A council
//! strategy over time: its names, its versions from annual reviews, and the
//! decisions that approved or noted them.

mod commands;
mod errors;
mod events;
mod period;
mod span;

pub use commands::StrategyCommand;
pub use errors::StrategyError;
pub use events::*;
pub use period::StrategyPeriod;
pub use span::{FinancialYears, StrategySpan};

use crate::Decided;
use crate::event::Event;
use crate::values::{DecisionId, Name, StrategyDocumentId, Title, VersionLabel};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The standing of a strategy as councils' registers word it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum StrategyStatus {
    /// Being drafted.
    #[serde(rename = "draft")]
    Draft,
    /// Out for public consultation.
    #[serde(rename = "for_consultation")]
    ForConsultation,
    /// Recommended (e.g. by cabinet) for adoption by full council.
    #[serde(rename = "recommended_for_adoption")]
    RecommendedForAdoption,
    /// Adopted: in force.
    #[serde(rename = "adopted")]
    Adopted,
    /// Work on it, or its application, paused.
    #[serde(rename = "paused")]
    Paused,
    /// Replaced by another strategy.
    #[serde(rename = "superseded")]
    Superseded,
    /// Withdrawn.
    #[serde(rename = "withdrawn")]
    Withdrawn,
}

/// One change of the strategy's standing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatusRecord {
    /// The status.
    pub status: StrategyStatus,
    /// In the council's words.
    pub label: Option<Name>,
    /// From when, if stated.
    pub on: Option<NaiveDate>,
    /// The decision that made the change, if any.
    pub decision: Option<DecisionId>,
}

/// A version's standing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum VersionStatus {
    /// Drafted, not yet approved.
    Draft,
    /// The approved version in force.
    Approved,
    /// Replaced by a later approved version.
    Superseded,
}

/// How a decision relates to a version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum VersionDecisionRole {
    /// The decision approved the version.
    Approved,
    /// The decision noted it.
    Noted,
}

/// A title the strategy has had.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TitleRecord {
    /// The title.
    pub title: Title,
    /// From when (`None` for the title it was created with).
    pub from: Option<NaiveDate>,
    /// The decision that noted the rename.
    pub noted_by: Option<DecisionId>,
}

/// One version of the strategy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StrategyVersion {
    /// Its label.
    pub label: VersionLabel,
    /// Its span, if it states one.
    pub period: Option<StrategySpan>,
    /// The review that produced it.
    pub review_date: Option<NaiveDate>,
    /// Its standing.
    pub status: VersionStatus,
    /// When it was approved.
    pub approved_on: Option<NaiveDate>,
    /// The decisions that approved or noted it, in order.
    pub decisions: Vec<(DecisionId, VersionDecisionRole)>,
}

/// The folded state of a strategy stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StrategyDocument {
    id: StrategyDocumentId,
    current_title: Title,
    titles: Vec<TitleRecord>,
    period: Option<StrategySpan>,
    status: Option<StrategyStatus>,
    status_label: Option<Name>,
    status_history: Vec<StatusRecord>,
    versions: Vec<StrategyVersion>,
    version: u64,
}

impl StrategyDocument {
    /// Folds a strategy stream; `None` if nothing was created.
    pub fn from_history(events: &[Event]) -> Option<StrategyDocument> {
        events.iter().fold(None, |state, event| match event {
            Event::Strategy(e) => StrategyDocument::evolve(state, e),
            _ => state,
        })
    }

    /// Applies one event. Never fails; events that do not fit are ignored.
    pub fn evolve(
        state: Option<StrategyDocument>,
        event: &StrategyEvent,
    ) -> Option<StrategyDocument> {
        match (state, event) {
            (None, StrategyEvent::Created(e)) => Some(StrategyDocument {
                id: e.document_id,
                current_title: e.title.clone(),
                titles: vec![TitleRecord {
                    title: e.title.clone(),
                    from: None,
                    noted_by: None,
                }],
                period: e.period,
                status: e.status,
                status_label: e.status_label.clone(),
                status_history: Vec::new(),
                versions: Vec::new(),
                version: 1,
            }),
            (None, _) => None,
            (Some(mut doc), event) => {
                doc.version += 1;
                match event {
                    StrategyEvent::Created(_) => {}
                    StrategyEvent::Renamed(e) => {
                        doc.current_title = e.title.clone();
                        doc.titles.push(TitleRecord {
                            title: e.title.clone(),
                            from: Some(e.on),
                            noted_by: e.noted_by,
                        });
                    }
                    StrategyEvent::VersionDrafted(e) => doc.versions.push(StrategyVersion {
                        label: e.label.clone(),
                        period: e.period,
                        review_date: e.review_date,
                        status: VersionStatus::Draft,
                        approved_on: None,
                        decisions: Vec::new(),
                    }),
                    StrategyEvent::VersionApproved(e) => {
                        for v in &mut doc.versions {
                            if v.label == e.label {
                                v.status = VersionStatus::Approved;
                                v.approved_on = Some(e.on);
                                v.decisions
                                    .push((e.decision_id, VersionDecisionRole::Approved));
                                if v.period.is_some() {
                                    doc.period = v.period;
                                }
                            } else if v.status == VersionStatus::Approved {
                                v.status = VersionStatus::Superseded;
                            }
                        }
                    }
                    StrategyEvent::VersionNoted(e) => {
                        if let Some(v) = doc.versions.iter_mut().find(|v| v.label == e.label) {
                            v.decisions
                                .push((e.decision_id, VersionDecisionRole::Noted));
                        }
                    }
                    StrategyEvent::StatusChanged(e) => {
                        doc.status = Some(e.status);
                        doc.status_label = e.label.clone();
                        doc.status_history.push(StatusRecord {
                            status: e.status,
                            label: e.label.clone(),
                            on: e.on,
                            decision: e.decision_id,
                        });
                    }
                }
                Some(doc)
            }
        }
    }

    /// Decides a strategy command. All rules live here.
    pub fn handle(
        state: Option<&StrategyDocument>,
        id: StrategyDocumentId,
        command: &StrategyCommand,
    ) -> Result<Decided, StrategyError> {
        let event = match (state, command) {
            (
                None,
                StrategyCommand::Create {
                    title,
                    period,
                    status,
                    status_label,
                },
            ) => StrategyEvent::Created(StrategyDocumentCreated {
                document_id: id,
                title: title.clone(),
                period: *period,
                status: *status,
                status_label: status_label.clone(),
            }),
            (Some(_), StrategyCommand::Create { .. }) => return Err(StrategyError::AlreadyCreated),
            (None, _) => return Err(StrategyError::NotFound),
            (Some(doc), command) => doc.decide_change(command)?,
        };
        Ok(Decided::from_events(vec![Event::Strategy(event)]))
    }

    fn decide_change(&self, command: &StrategyCommand) -> Result<StrategyEvent, StrategyError> {
        Ok(match command {
            StrategyCommand::Create { .. } => return Err(StrategyError::AlreadyCreated),
            StrategyCommand::Rename {
                title,
                on,
                noted_by,
            } => {
                if title == self.title() {
                    return Err(StrategyError::TitleUnchanged);
                }
                if let Some(previous) = self.titles.iter().filter_map(|t| t.from).max()
                    && *on < previous
                {
                    return Err(StrategyError::RenameOutOfOrder { on: *on, previous });
                }
                StrategyEvent::Renamed(StrategyDocumentRenamed {
                    title: title.clone(),
                    on: *on,
                    noted_by: *noted_by,
                })
            }
            StrategyCommand::DraftVersion {
                label,
                period,
                review_date,
            } => {
                if self.version_labelled(label).is_some() {
                    return Err(StrategyError::VersionAlreadyExists(label.clone()));
                }
                StrategyEvent::VersionDrafted(StrategyVersionDrafted {
                    label: label.clone(),
                    period: *period,
                    review_date: *review_date,
                })
            }
            StrategyCommand::ApproveVersion {
                label,
                decision,
                on,
            } => {
                let version = self
                    .version_labelled(label)
                    .ok_or_else(|| StrategyError::VersionNotFound(label.clone()))?;
                if version.status != VersionStatus::Draft {
                    return Err(StrategyError::VersionNotDraft {
                        label: label.clone(),
                        status: version.status,
                    });
                }
                StrategyEvent::VersionApproved(StrategyVersionApproved {
                    label: label.clone(),
                    decision_id: *decision,
                    on: *on,
                    supersedes: self.approved_version().map(|v| v.label.clone()),
                })
            }
            StrategyCommand::ChangeStatus {
                status,
                label,
                on,
                decision,
            } => {
                if self.status == Some(*status) && self.status_label == *label {
                    return Err(StrategyError::StatusUnchanged(*status));
                }
                StrategyEvent::StatusChanged(StrategyStatusChanged {
                    status: *status,
                    label: label.clone(),
                    on: *on,
                    decision_id: *decision,
                })
            }
            StrategyCommand::NoteVersion { label, decision } => {
                let version = self
                    .version_labelled(label)
                    .ok_or_else(|| StrategyError::VersionNotFound(label.clone()))?;
                if version.decisions.iter().any(|(d, _)| d == decision) {
                    return Err(StrategyError::DecisionAlreadyLinked {
                        label: label.clone(),
                        decision: *decision,
                    });
                }
                StrategyEvent::VersionNoted(StrategyVersionNoted {
                    label: label.clone(),
                    decision_id: *decision,
                })
            }
        })
    }

    /// The document's id.
    pub fn id(&self) -> StrategyDocumentId {
        self.id
    }

    /// The current title.
    pub fn title(&self) -> &Title {
        &self.current_title
    }

    /// Every title, oldest first, with when each took over.
    pub fn titles(&self) -> &[TitleRecord] {
        &self.titles
    }

    /// The title in use on `date`.
    pub fn title_on(&self, date: NaiveDate) -> &Title {
        self.titles
            .iter()
            .rev()
            .find(|t| t.from.is_none_or(|from| from <= date))
            .or_else(|| self.titles.first())
            .map_or(&self.current_title, |t| &t.title)
    }

    /// The current span (of the approved version, once there is one), if stated.
    pub fn period(&self) -> Option<StrategySpan> {
        self.period
    }

    /// The current status, if the register gives one.
    pub fn status(&self) -> Option<StrategyStatus> {
        self.status
    }

    /// The current status in the council's own words, if given.
    pub fn status_label(&self) -> Option<&Name> {
        self.status_label.as_ref()
    }

    /// Every change of status after creation, oldest first.
    pub fn status_history(&self) -> &[StatusRecord] {
        &self.status_history
    }

    /// Every version, in drafting order.
    pub fn versions(&self) -> &[StrategyVersion] {
        &self.versions
    }

    /// A version by label.
    pub fn version_labelled(&self, label: &VersionLabel) -> Option<&StrategyVersion> {
        self.versions.iter().find(|v| &v.label == label)
    }

    /// The approved version in force.
    pub fn approved_version(&self) -> Option<&StrategyVersion> {
        self.versions
            .iter()
            .find(|v| v.status == VersionStatus::Approved)
    }

    /// Every decision linked to any version or rename.
    pub fn decisions(&self) -> Vec<DecisionId> {
        let mut ids: Vec<DecisionId> = self.titles.iter().filter_map(|t| t.noted_by).collect();
        for (id, _) in self.versions.iter().flat_map(|v| v.decisions.iter()) {
            if !ids.contains(id) {
                ids.push(*id);
            }
        }
        ids
    }

    /// How many events have been applied.
    pub fn version(&self) -> u64 {
        self.version
    }
}

#[cfg(test)]
mod tests;
