//! A strategy document over time: its names, its versions and the decisions that approved or
//! noted them.

use async_graphql::{Context, ID, Object};
use civic_projections::views::{
    StrategyDocumentView, StrategyStatusView, StrategyVersionView, TitleView, VersionDecisionView,
};
use uuid::Uuid;

use super::common::Period;
use super::decision::Decision;
use super::history::HistoryEvent;
use crate::error::ApiError;
use crate::graphql::context::RequestContext;
use crate::graphql::enums::{StrategyStatus, VersionDecisionRole, VersionStatus};
use crate::graphql::global_id::{self, NodeKind};
use crate::graphql::query::as_of::record_history;
use crate::graphql::scalars::Date;

/// A strategy document, e.g. Maidstone's "Information Strategy" (formerly "ICT Strategy").
pub struct StrategyDocument(pub StrategyDocumentView);

#[Object]
impl StrategyDocument {
    /// The document's global id, for `node(id:)`.
    pub async fn id(&self) -> ID {
        global_id::id(
            NodeKind::StrategyDocument,
            self.0.tenant,
            self.0.id.as_uuid(),
        )
    }

    /// The document's own id, as mutations take it.
    async fn uuid(&self) -> Uuid {
        self.0.id.as_uuid()
    }

    /// The stream's version: the `expectedVersion` for the next command on it.
    async fn version(&self) -> u64 {
        self.0.version
    }

    /// The title now.
    async fn title(&self) -> &str {
        self.0.title.as_str()
    }

    /// Every title it has had, oldest first, with the day each took over: its names over time.
    async fn titles(&self) -> Vec<StrategyTitle<'_>> {
        self.0.titles.iter().map(StrategyTitle).collect()
    }

    /// The period now covered (the approved version's, once there is one); null when none is
    /// stated.
    async fn period(&self) -> Option<Period> {
        self.0.period.map(Into::into)
    }

    /// Its standing (for consultation, adopted, superseded...), if the register gives one.
    async fn status(&self) -> Option<StrategyStatus> {
        self.0.status.map(Into::into)
    }

    /// The standing in the council's own words.
    async fn status_label(&self) -> Option<&str> {
        self.0.status_label.as_ref().map(|n| n.as_str())
    }

    /// Every change of standing, oldest first.
    async fn status_history(&self) -> Vec<StrategyStatusChange<'_>> {
        self.0
            .status_history
            .iter()
            .map(StrategyStatusChange)
            .collect()
    }

    /// Every version, in drafting order.
    async fn versions(&self) -> Vec<StrategyVersion<'_>> {
        self.0.versions.iter().map(StrategyVersion).collect()
    }

    /// Every event of the document, oldest first, with what it changed. Strategy documents are
    /// public, so the public sees every event, but not who recorded them, and links only to
    /// decisions it may see.
    async fn history(&self, ctx: &Context<'_>) -> Result<Vec<HistoryEvent>, ApiError> {
        record_history::<StrategyDocumentView>(ctx, self.0.id).await
    }
}

/// A title a strategy document has had.
pub struct StrategyTitle<'a>(&'a TitleView);

#[Object]
impl StrategyTitle<'_> {
    /// The title.
    async fn title(&self) -> &str {
        self.0.title.as_str()
    }

    /// From when (null for the title it was created with).
    async fn from(&self) -> Option<Date> {
        self.0.from.map(Date)
    }

    /// The id of the decision that noted the rename.
    async fn noted_by_id(&self) -> Option<Uuid> {
        self.0.noted_by.map(|id| id.as_uuid())
    }

    /// The decision that noted the rename, if visible to the caller.
    async fn noted_by(&self, ctx: &Context<'_>) -> Result<Option<Decision>, ApiError> {
        match self.0.noted_by {
            Some(id) => decision(ctx, id).await,
            None => Ok(None),
        }
    }
}

/// One version of a strategy document.
pub struct StrategyVersion<'a>(&'a StrategyVersionView);

#[Object]
impl StrategyVersion<'_> {
    /// Its label, e.g. "2010-2013".
    async fn label(&self) -> &str {
        self.0.label.as_str()
    }

    /// The years it covers; null when none are stated.
    async fn period(&self) -> Option<Period> {
        self.0.period.map(Into::into)
    }

    /// The review that produced it.
    async fn review_date(&self) -> Option<Date> {
        self.0.review_date.map(Date)
    }

    /// Draft, approved or superseded.
    async fn status(&self) -> VersionStatus {
        self.0.status.into()
    }

    /// When it was approved.
    async fn approved_on(&self) -> Option<Date> {
        self.0.approved_on.map(Date)
    }

    /// The decisions that approved or noted it, in order.
    async fn decisions(&self) -> Vec<VersionDecision<'_>> {
        self.0.decisions.iter().map(VersionDecision).collect()
    }
}

/// A decision linked to a strategy version.
pub struct VersionDecision<'a>(&'a VersionDecisionView);

#[Object]
impl VersionDecision<'_> {
    /// Whether it approved or noted the version.
    async fn role(&self) -> VersionDecisionRole {
        self.0.role.into()
    }

    /// The decision's id.
    async fn decision_id(&self) -> Uuid {
        self.0.decision.as_uuid()
    }

    /// The decision, if visible to the caller.
    async fn decision(&self, ctx: &Context<'_>) -> Result<Option<Decision>, ApiError> {
        decision(ctx, self.0.decision).await
    }
}

/// One change of a strategy's standing.
pub struct StrategyStatusChange<'a>(&'a StrategyStatusView);

#[Object]
impl StrategyStatusChange<'_> {
    /// The status.
    async fn status(&self) -> StrategyStatus {
        self.0.status.into()
    }

    /// In the council's own words.
    async fn label(&self) -> Option<&str> {
        self.0.label.as_ref().map(|n| n.as_str())
    }

    /// From when, if stated.
    async fn on(&self) -> Option<Date> {
        self.0.on.map(Date)
    }

    /// The id of the decision that made the change, if visible to the caller.
    async fn decision_id(&self) -> Option<Uuid> {
        self.0.decision.map(|id| id.as_uuid())
    }

    /// The decision that made the change, if visible to the caller.
    async fn decision(&self, ctx: &Context<'_>) -> Result<Option<Decision>, ApiError> {
        match self.0.decision {
            Some(id) => decision(ctx, id).await,
            None => Ok(None),
        }
    }
}

/// A linked decision, through the request's loader (lookups of one request are read together).
async fn decision(
    ctx: &Context<'_>,
    id: civic_domain::DecisionId,
) -> Result<Option<Decision>, ApiError> {
    let request = RequestContext::of(ctx)?;
    Ok(request.loader()?.load_one(id).await?.map(Decision))
}
