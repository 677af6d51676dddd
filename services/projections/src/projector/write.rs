//! Folding one affected stream and replacing its read-model rows. Rows are deleted and inserted
//! rather than updated in place: a view is always a fresh fold, never a patch of the last one.

use civic_app::codec::from_recorded;
use civic_domain::stream::StreamKind;
use civic_domain::{
    Council, Decision, Event, ForwardPlanEntry, Meeting, StrategyDocument, StreamId,
};
use civic_eventstore::{RecordedEvent, TenantId};
use uuid::Uuid;

use crate::db::{Dialect, Param, Tx, int, serde_name};
use crate::error::ProjectionError;
use crate::views::{
    CouncilView, DecisionView, ForwardPlanView, MeetingView, StrategyDocumentView,
    WardsAffectedView,
};

/// The rows of one aggregate in one generation.
struct Target {
    tenant: TenantId,
    generation: u64,
}

impl Target {
    fn key(&self) -> [Param; 2] {
        [Param::Uuid(self.tenant.as_uuid()), int(self.generation)]
    }
}

/// Re-folds one stream from its events (its whole history up to the batch's end) and replaces
/// the read-model rows of its aggregate. Streams that are not one of the domain's are not
/// projected.
pub(super) async fn project_stream(
    tx: &mut Tx,
    tenant: TenantId,
    generation: u64,
    stream: &str,
    recorded: &[RecordedEvent],
) -> Result<(), ProjectionError> {
    let Ok(stream_id) = StreamId::parse(stream) else {
        tracing::debug!(%tenant, stream, "not a domain stream; nothing to project");
        return Ok(());
    };
    let events = recorded
        .iter()
        .map(from_recorded)
        .collect::<Result<Vec<Event>, _>>()
        .map_err(ProjectionError::Decode)?;
    let last_position = recorded.last().map_or(0, |e| e.position);
    let target = Target { tenant, generation };
    match stream_id.kind() {
        StreamKind::Council => {
            let view = Council::from_history(&events)
                .map(|c| CouncilView::from_council(tenant, &c, last_position));
            write_council(tx, &target, view.as_ref()).await
        }
        StreamKind::Decision(id) => {
            delete(tx, "decisions", &target, id.as_uuid()).await?;
            if let Some(decision) = Decision::from_history(&events) {
                let full = DecisionView::from_decision(tenant, &decision, last_position);
                if let Some(public) = full.public() {
                    insert_decision(tx, &target, &public).await?;
                }
                insert_decision(tx, &target, &full).await?;
            }
            Ok(())
        }
        StreamKind::ForwardPlan(id) => {
            delete(tx, "forward_plan_entries", &target, id.as_uuid()).await?;
            delete_listings(tx, &target, id.as_uuid()).await?;
            match ForwardPlanEntry::from_history(&events) {
                Some(entry) => {
                    let view = ForwardPlanView::from_entry(tenant, &entry, last_position);
                    insert_forward_plan(tx, &target, &view).await?;
                    insert_listings(tx, &target, &view).await
                }
                None => Ok(()),
            }
        }
        StreamKind::Strategy(id) => {
            delete(tx, "strategy_documents", &target, id.as_uuid()).await?;
            match StrategyDocument::from_history(&events) {
                Some(doc) => {
                    let view = StrategyDocumentView::from_document(tenant, &doc, last_position);
                    insert_strategy(tx, &target, &view).await
                }
                None => Ok(()),
            }
        }
        StreamKind::Meeting(id) => {
            delete(tx, "meetings", &target, id.as_uuid()).await?;
            match Meeting::from_history(&events) {
                Some(meeting) => {
                    let view = MeetingView::from_meeting(tenant, &meeting, last_position);
                    insert_meeting(tx, &target, &view).await
                }
                None => Ok(()),
            }
        }
    }
}

fn document<T: serde::Serialize>(view: &T) -> Result<Param, ProjectionError> {
    serde_json::to_value(view)
        .map(Param::Json)
        .map_err(|e| ProjectionError::corrupt("view", e))
}

async fn delete(
    tx: &mut Tx,
    table: &str,
    target: &Target,
    id: Uuid,
) -> Result<(), ProjectionError> {
    let [tenant, generation] = target.key();
    tx.execute(
        &format!("DELETE FROM {table} WHERE tenant_id = ? AND generation = ? AND id = ?"),
        &[tenant, generation, Param::Uuid(id)],
    )
    .await?;
    Ok(())
}

async fn write_council(
    tx: &mut Tx,
    target: &Target,
    view: Option<&CouncilView>,
) -> Result<(), ProjectionError> {
    tx.execute(
        "DELETE FROM councils WHERE tenant_id = ? AND generation = ?",
        &target.key(),
    )
    .await?;
    let Some(view) = view else { return Ok(()) };
    let [tenant, generation] = target.key();
    tx.execute(
        "INSERT INTO councils (tenant_id, generation, slug, name, kind, nation, version, \
         last_position, document) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        &[
            tenant,
            generation,
            Param::Text(view.slug.as_str().to_owned()),
            Param::Text(view.name.as_str().to_owned()),
            Param::Text(serde_name(&view.kind)),
            Param::Text(serde_name(&view.nation)),
            int(view.version),
            int(view.last_position),
            document(view)?,
        ],
    )
    .await?;
    Ok(())
}

const INSERT_DECISION: &str = "INSERT INTO decisions (tenant_id, generation, audience, id, \
     version, last_position, title, decision_maker_id, decision_maker_name, status, outcome, \
     status_label, key_decision, subject_to_call_in, date_of_decision, sort_date, \
     publication_date, call_in_deadline, effective_from, wards_all, ward_ids, restricted, \
     {search_column}, document, summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, \
     ?, ?, ?, ?, ?, ?, {search_value}, ?, ?)";

async fn insert_decision(
    tx: &mut Tx,
    target: &Target,
    view: &DecisionView,
) -> Result<(), ProjectionError> {
    let (column, value) = match tx.dialect() {
        Dialect::Postgres => ("search", "to_tsvector('english', ?)"),
        Dialect::Sqlite => ("search_text", "?"),
    };
    let sql = INSERT_DECISION
        .replace("{search_column}", column)
        .replace("{search_value}", value);
    let [tenant, generation] = target.key();
    tx.execute(
        &sql,
        &[
            tenant,
            generation,
            Param::Text(view.audience.as_str().to_owned()),
            Param::Uuid(view.id.as_uuid()),
            int(view.version),
            int(view.last_position),
            Param::Text(view.record.title.clone()),
            Param::OptUuid(
                view.record
                    .decision_maker
                    .as_ref()
                    .map(|b| b.body_id.as_uuid()),
            ),
            Param::OptText(
                view.record
                    .decision_maker
                    .as_ref()
                    .map(|b| b.name_as_shown.as_str().to_owned()),
            ),
            Param::Text(serde_name(&view.status)),
            Param::OptText(view.record.outcome.as_ref().map(serde_name)),
            Param::OptText(
                view.record
                    .status_label
                    .as_ref()
                    .map(|l| l.as_str().to_owned()),
            ),
            Param::OptBool(view.record.key_decision),
            Param::OptBool(view.record.subject_to_call_in),
            Param::OptDate(view.record.date_of_decision),
            Param::Date(view.sort_date()),
            Param::OptDate(view.publication_date),
            Param::OptDate(view.call_in_deadline),
            Param::OptDate(view.effective_from),
            Param::Bool(matches!(
                view.record.wards_affected,
                Some(WardsAffectedView::All)
            )),
            Param::UuidList(view.ward_ids()),
            Param::Bool(view.record.restricted),
            Param::Text(view.search_text()),
            document(view)?,
            // The summary of this row's own view: a public row's summary is the public view's.
            document(&view.summary())?,
        ],
    )
    .await?;
    Ok(())
}

async fn insert_forward_plan(
    tx: &mut Tx,
    target: &Target,
    view: &ForwardPlanView,
) -> Result<(), ProjectionError> {
    let [tenant, generation] = target.key();
    tx.execute(
        "INSERT INTO forward_plan_entries (tenant_id, generation, id, version, last_position, \
         title, date_due, status, key_decision, decision_maker_id, decision_id, document) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        &[
            tenant,
            generation,
            Param::Uuid(view.id.as_uuid()),
            int(view.version),
            int(view.last_position),
            Param::Text(view.title.as_str().to_owned()),
            Param::Date(view.sort_date()),
            Param::Text(view.status.as_str().to_owned()),
            Param::Bool(view.key_decision),
            Param::Uuid(view.decision_maker.id.as_uuid()),
            Param::OptUuid(view.decision.map(|d| d.as_uuid())),
            document(view)?,
        ],
    )
    .await?;
    Ok(())
}

async fn delete_listings(tx: &mut Tx, target: &Target, entry: Uuid) -> Result<(), ProjectionError> {
    let [tenant, generation] = target.key();
    tx.execute(
        "DELETE FROM forward_plan_listings WHERE tenant_id = ? AND generation = ? AND entry_id = ?",
        &[tenant, generation, Param::Uuid(entry)],
    )
    .await?;
    Ok(())
}

/// One row per plan document the entry appears on: the index a plan's entries are read by.
async fn insert_listings(
    tx: &mut Tx,
    target: &Target,
    view: &ForwardPlanView,
) -> Result<(), ProjectionError> {
    for plan in &view.plans {
        let [tenant, generation] = target.key();
        tx.execute(
            "INSERT INTO forward_plan_listings (tenant_id, generation, plan_id, entry_id) \
             VALUES (?, ?, ?, ?)",
            &[
                tenant,
                generation,
                Param::Uuid(plan.id.as_uuid()),
                Param::Uuid(view.id.as_uuid()),
            ],
        )
        .await?;
    }
    Ok(())
}

async fn insert_strategy(
    tx: &mut Tx,
    target: &Target,
    view: &StrategyDocumentView,
) -> Result<(), ProjectionError> {
    let [tenant, generation] = target.key();
    tx.execute(
        "INSERT INTO strategy_documents (tenant_id, generation, id, version, last_position, \
         title, document) VALUES (?, ?, ?, ?, ?, ?, ?)",
        &[
            tenant,
            generation,
            Param::Uuid(view.id.as_uuid()),
            int(view.version),
            int(view.last_position),
            Param::Text(view.title.as_str().to_owned()),
            document(view)?,
        ],
    )
    .await?;
    Ok(())
}

async fn insert_meeting(
    tx: &mut Tx,
    target: &Target,
    view: &MeetingView,
) -> Result<(), ProjectionError> {
    let [tenant, generation] = target.key();
    tx.execute(
        "INSERT INTO meetings (tenant_id, generation, id, version, last_position, body_id, \
         meeting_date, status, document, public_document) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        &[
            tenant,
            generation,
            Param::Uuid(view.id.as_uuid()),
            int(view.version),
            int(view.last_position),
            Param::Uuid(view.record.body.body_id.as_uuid()),
            Param::Date(view.record.date),
            Param::OptText(view.record.status.map(|s| s.as_str().to_owned())),
            document(view)?,
            document(&view.public())?,
        ],
    )
    .await?;
    Ok(())
}
