//! The queries of a council's endpoint (`/councils/{slug}/graphql`). Every query reads this
//! council's tenant only, as the caller's viewer.

use async_graphql::{Context, ID, Lookahead, Object};
use civic_domain::values::{BodyId, DecisionId, ForwardPlanEntryId, MeetingId, StrategyDocumentId};
use civic_projections::{DecisionFilter, Detail, MeetingFilter};
use uuid::Uuid;

use super::filter::DecisionFilterInput;
use super::log::log_page;
use super::node::Node;
use super::page::{complexity, page_request};
use crate::error::ApiError;
use crate::graphql::context::RequestContext;
use crate::graphql::enums::DecisionOrder;
use crate::graphql::global_id::{GlobalId, NodeKind};
use crate::graphql::objects::connection::{ConnectionOf, connection};
use crate::graphql::objects::council::Council;
use crate::graphql::objects::decision::Decision;
use crate::graphql::objects::forward_plan::ForwardPlanEntry;
use crate::graphql::objects::history::AsOf;
use crate::graphql::objects::log::LogConnection;
use crate::graphql::objects::meeting::Meeting;
use crate::graphql::objects::strategy::StrategyDocument;
use crate::graphql::query::as_of::{record_now_or_at, register_at};
use crate::graphql::scalars::Date;
use crate::proofs::{self, ConsistencyProof, InclusionProof, SignedCheckpoint};
use chrono::{DateTime, Utc};

/// The `Decision` fields that a summary ([`civic_projections::DecisionView::summary`]) empties:
/// selecting any of them under a list's `edges { node }` reads the whole documents.
const LONG_FIELDS: [&str; 13] = [
    "purpose",
    "resolutions",
    "reasons",
    "alternativeOptions",
    "committeeDetails",
    "otherConsulted",
    "consultees",
    "interests",
    "interestsStatement",
    "documents",
    "corrections",
    "sources",
    "callIn",
];

/// Sub-fields of short `Decision` fields that a summary empties: (field, sub-field).
const LONG_SUB_FIELDS: [(&str, &str); 2] = [("contact", "asGiven"), ("implementation", "note")];

/// What a list must read for the selection under its `edges { node }`: the summaries, unless a
/// field the summary empties is selected (directly or through fragments, under any alias).
fn list_detail(node: &Lookahead<'_>) -> Detail {
    let long = LONG_FIELDS.iter().any(|f| node.field(f).exists())
        || LONG_SUB_FIELDS
            .iter()
            .any(|(f, sub)| node.field(f).field(sub).exists());
    if long { Detail::Full } else { Detail::Summary }
}

/// The register of one council.
#[derive(Default)]
pub struct CouncilQuery;

#[Object(name = "Query")]
impl CouncilQuery {
    /// The council: names, wards, bodies, call-in policy. Null only in the moment between a
    /// council's registration and its first projection.
    async fn council(&self, ctx: &Context<'_>) -> Result<Option<Council>, ApiError> {
        let request = RequestContext::of(ctx)?;
        Ok(request
            .reads()?
            .council(request.tenant()?)
            .await?
            .map(Council))
    }

    /// Decisions, newest first. Anonymous callers see published decisions, with withheld
    /// information replaced by notices.
    ///
    /// With `asOf`, the list as it stood then, folded from the log: a decision published later
    /// is absent, one withdrawn later is listed as it was, a later correction is not seen.
    /// Every filter applies as it would have then (`callInOpen` on that day) except the text
    /// search, which is refused.
    #[graphql(complexity = "complexity(first, child_complexity)")]
    async fn decisions(
        &self,
        ctx: &Context<'_>,
        filter: Option<DecisionFilterInput>,
        #[graphql(desc = "How many, 1 to 100 (default 20).")] first: Option<i32>,
        #[graphql(desc = "The cursor of the last decision already seen.")] after: Option<String>,
        #[graphql(desc = "The list as it stood at this moment of the log.")] as_of: Option<AsOf>,
        #[graphql(
            desc = "Newest first (the default, and when null), or by relevance to \
                    `filter.text` (a cursor continues the order it came from)."
        )]
        order_by: Option<DecisionOrder>,
    ) -> Result<ConnectionOf<Decision>, ApiError> {
        let request = RequestContext::of(ctx)?;
        let services = request.services;
        let after_given = after.is_some();
        let page = page_request(&services.limits, first, after)?;
        let input = filter.unwrap_or_default();
        let filter = DecisionFilter {
            order: order_by.unwrap_or_default().into(),
            ..input.to_filter(services.today())?
        };
        if let Some(as_of) = as_of {
            // Refused before the log is read, not after.
            filter.check_as_of()?;
            let register = register_at(&request, as_of.moment()?).await?;
            // "Call-in open" on the moment's day, not today's.
            let filter = input.to_filter(register.day())?;
            let page = register.decisions(request.access.viewer(), &filter, &page)?;
            return Ok(connection(page, after_given, Decision));
        }
        let detail = list_detail(&ctx.look_ahead().field("edges").field("node"));
        let page = request
            .reads()?
            .decisions(
                request.tenant()?,
                request.access.viewer(),
                &filter,
                &page,
                detail,
            )
            .await?;
        Ok(connection(page, after_given, Decision))
    }

    /// One decision by its id; null if there is none the caller may see.
    async fn decision(
        &self,
        ctx: &Context<'_>,
        id: Uuid,
        #[graphql(
            desc = "The decision as it stood at this moment of the log, not as it stands now."
        )]
        as_of: Option<AsOf>,
    ) -> Result<Option<Decision>, ApiError> {
        let id = DecisionId::from_uuid(id);
        Ok(record_now_or_at(ctx, id, as_of).await?.map(Decision))
    }

    /// Any object of this council by its global id; null for another council's id, or one the
    /// caller may not see.
    async fn node(&self, ctx: &Context<'_>, id: ID) -> Result<Option<Node>, ApiError> {
        let request = RequestContext::of(ctx)?;
        let tenant = request.tenant()?;
        let global = GlobalId::decode(&id)
            .ok_or_else(|| ApiError::invalid("id", "not an id issued by this register"))?;
        if global.tenant != tenant {
            return Ok(None);
        }
        let loader = request.loader()?;
        Ok(match global.kind {
            NodeKind::Council if global.id == tenant.as_uuid() => request
                .reads()?
                .council(tenant)
                .await?
                .map(|c| Node::Council(Council(c))),
            NodeKind::Council => None,
            NodeKind::Decision => loader
                .load_one(DecisionId::from_uuid(global.id))
                .await?
                .map(|d| Node::Decision(Decision(d))),
            NodeKind::ForwardPlanEntry => loader
                .load_one(ForwardPlanEntryId::from_uuid(global.id))
                .await?
                .map(|e| Node::ForwardPlanEntry(ForwardPlanEntry(e))),
            NodeKind::StrategyDocument => loader
                .load_one(StrategyDocumentId::from_uuid(global.id))
                .await?
                .map(|s| Node::StrategyDocument(StrategyDocument(s))),
            NodeKind::Meeting => loader
                .load_one(MeetingId::from_uuid(global.id))
                .await?
                .map(|m| Node::Meeting(Meeting(m))),
        })
    }

    /// The forward plan: decisions to come, by date due, from `from` (default today).
    ///
    /// With `asOf`, the plan as it stood then, folded from the log: entries then awaiting
    /// decision, as they then read, from `from` (default: the moment's day, UK).
    #[graphql(complexity = "complexity(first, child_complexity)")]
    async fn forward_plan(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The first date due to list (default: today, UK).")] from: Option<Date>,
        #[graphql(desc = "How many, 1 to 100 (default 20).")] first: Option<i32>,
        #[graphql(desc = "The cursor of the last entry already seen.")] after: Option<String>,
        #[graphql(desc = "The plan as it stood at this moment of the log.")] as_of: Option<AsOf>,
    ) -> Result<ConnectionOf<ForwardPlanEntry>, ApiError> {
        let request = RequestContext::of(ctx)?;
        let services = request.services;
        let after_given = after.is_some();
        let page = page_request(&services.limits, first, after)?;
        if let Some(as_of) = as_of {
            let register = register_at(&request, as_of.moment()?).await?;
            let page = register.forward_plan(request.access.viewer(), from.map(|d| d.0), &page)?;
            return Ok(connection(page, after_given, ForwardPlanEntry));
        }
        let from = from.map_or_else(|| services.today(), |d| d.0);
        let page = request
            .reads()?
            .forward_plan(request.tenant()?, request.access.viewer(), from, &page)
            .await?;
        Ok(connection(page, after_given, ForwardPlanEntry))
    }

    /// One forward-plan entry by its id.
    async fn forward_plan_entry(
        &self,
        ctx: &Context<'_>,
        id: Uuid,
        #[graphql(desc = "The entry as it stood at this moment of the log, not as it stands now.")]
        as_of: Option<AsOf>,
    ) -> Result<Option<ForwardPlanEntry>, ApiError> {
        let id = ForwardPlanEntryId::from_uuid(id);
        Ok(record_now_or_at(ctx, id, as_of)
            .await?
            .map(ForwardPlanEntry))
    }

    /// The council's strategy documents, with their names and versions over time. With `asOf`,
    /// the documents as they stood then, folded from the log.
    async fn strategy_documents(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The documents as they stood at this moment of the log.")] as_of: Option<
            AsOf,
        >,
    ) -> Result<Vec<StrategyDocument>, ApiError> {
        let request = RequestContext::of(ctx)?;
        let viewer = request.access.viewer();
        let documents = match as_of {
            Some(as_of) => register_at(&request, as_of.moment()?)
                .await?
                .strategy_documents(viewer),
            None => {
                let read_models = request.reads()?;
                read_models
                    .strategy_documents(request.tenant()?, viewer)
                    .await?
            }
        };
        Ok(documents.into_iter().map(StrategyDocument).collect())
    }

    /// One strategy document by its id.
    async fn strategy_document(
        &self,
        ctx: &Context<'_>,
        id: Uuid,
        #[graphql(
            desc = "The document as it stood at this moment of the log, not as it stands now."
        )]
        as_of: Option<AsOf>,
    ) -> Result<Option<StrategyDocument>, ApiError> {
        let id = StrategyDocumentId::from_uuid(id);
        Ok(record_now_or_at(ctx, id, as_of)
            .await?
            .map(StrategyDocument))
    }

    /// Meetings of the council's bodies, newest first. Anyone sees every meeting; the minutes of
    /// an item withheld from the public are replaced, for the public, by the withheld notice.
    /// With `asOf`, the meetings as they stood then, folded from the log, with the same filters.
    #[graphql(complexity = "complexity(first, child_complexity)")]
    #[allow(
        clippy::too_many_arguments,
        reason = "each is one of the schema's arguments of `meetings`; grouping them would change the schema"
    )]
    async fn meetings(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only meetings of this body.")] body_id: Option<Uuid>,
        #[graphql(desc = "Only meetings on or after this day.")] from: Option<Date>,
        #[graphql(desc = "Only meetings on or before this day.")] to: Option<Date>,
        #[graphql(desc = "How many, 1 to 100 (default 20).")] first: Option<i32>,
        #[graphql(desc = "The cursor of the last meeting already seen.")] after: Option<String>,
        #[graphql(desc = "The meetings as they stood at this moment of the log.")] as_of: Option<
            AsOf,
        >,
    ) -> Result<ConnectionOf<Meeting>, ApiError> {
        let request = RequestContext::of(ctx)?;
        let services = request.services;
        let filter = MeetingFilter {
            body: body_id.map(BodyId::from_uuid),
            from: from.map(Into::into),
            to: to.map(Into::into),
        };
        let after_given = after.is_some();
        let page = page_request(&services.limits, first, after)?;
        let viewer = request.access.viewer();
        let page = match as_of {
            Some(as_of) => register_at(&request, as_of.moment()?)
                .await?
                .meetings(viewer, &filter, &page)?,
            None => {
                let read_models = request.reads()?;
                read_models
                    .meetings(request.tenant()?, viewer, &filter, &page)
                    .await?
            }
        };
        Ok(connection(page, after_given, Meeting))
    }

    /// One meeting by its id; null if there is none.
    async fn meeting(
        &self,
        ctx: &Context<'_>,
        id: Uuid,
        #[graphql(
            desc = "The meeting as it stood at this moment of the log, not as it stands now."
        )]
        as_of: Option<AsOf>,
    ) -> Result<Option<Meeting>, ApiError> {
        let id = MeetingId::from_uuid(id);
        Ok(record_now_or_at(ctx, id, as_of).await?.map(Meeting))
    }

    /// The council's whole log in position order, every event with its stream, who, when and
    /// under which command: for its clerks and auditors (FORBIDDEN for the public, who read the
    /// `history` of public records). Cursors are positions.
    #[graphql(complexity = "complexity(first, child_complexity)")]
    async fn log(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "How many, 1 to 100 (default 20).")] first: Option<i32>,
        #[graphql(desc = "The position (cursor) of the last event already seen.")] after: Option<
            String,
        >,
        #[graphql(desc = "Only events recorded at or after this instant.")] from: Option<
            DateTime<Utc>,
        >,
        #[graphql(desc = "Only events recorded at or before this instant.")] to: Option<
            DateTime<Utc>,
        >,
    ) -> Result<LogConnection, ApiError> {
        log_page(&RequestContext::of(ctx)?, after, first, from, to).await
    }

    /// The log's latest checkpoint, signed with the platform's key (as
    /// `GET /councils/{slug}/log/checkpoint` serves it). Public: hashes only.
    async fn log_checkpoint(&self, ctx: &Context<'_>) -> Result<SignedCheckpoint, ApiError> {
        let request = RequestContext::of(ctx)?;
        let scope = request.scope()?;
        Ok(proofs::checkpoint(
            request.services.log_key.as_ref(),
            &scope.runtime,
            scope.tenant,
            &scope.slug,
        )
        .await?)
    }

    /// The proof that the event at leaf `index` (its position minus one) is in the tree of the
    /// log's first `size` events (RFC 9162). Public: hashes only.
    async fn log_inclusion_proof(
        &self,
        ctx: &Context<'_>,
        index: u64,
        size: u64,
    ) -> Result<InclusionProof, ApiError> {
        let request = RequestContext::of(ctx)?;
        Ok(proofs::inclusion(request.runtime()?, request.tenant()?, index, size).await?)
    }

    /// The proof that the tree of the log's first `to` events extends that of its first `from`
    /// (RFC 9162). Public: hashes only.
    async fn log_consistency_proof(
        &self,
        ctx: &Context<'_>,
        from: u64,
        to: u64,
    ) -> Result<ConsistencyProof, ApiError> {
        let request = RequestContext::of(ctx)?;
        Ok(proofs::consistency(request.runtime()?, request.tenant()?, from, to).await?)
    }
}
