//! Replacing a batch's read-model rows in bulk: per table, one statement deletes the rows of
//! every aggregate the batch touched and one inserts their fresh rows. Rows are deleted and
//! inserted rather than updated in place: a view is always a fresh fold, never a patch of the
//! last one.
//!
//! The rows travel as one JSON array per table (`json_to_recordset` on PostgreSQL, `json_each`
//! on SQLite), so a batch costs the same few statements whether it touched one aggregate or a
//! thousand. On PostgreSQL each document column (views of 2 to 5 KB) travels beside them as a
//! `text[]`, zipped with the rows by `ROWS FROM`: inside the JSON, PostgreSQL would unescape every
//! document character by character, and the client escape it first. On PostgreSQL a decision's
//! search vector is computed once per distinct text: the public and full rows of a decision with
//! nothing withheld share it, and `to_tsvector` is most of a row's cost.

use civic_eventstore::TenantId;
use serde_json::{Value, json};
use uuid::Uuid;

use super::fold::{Folded, Replaced};
use crate::db::{Dialect, Param, Tx, int, serde_name};
use crate::error::ProjectionError;
use crate::read_models::among;
use crate::views::{
    CouncilView, DecisionView, ForwardPlanView, MeetingView, StrategyDocumentView,
    WardsAffectedView,
};

/// A column a batch's rows carry: its name and its PostgreSQL type (what `json_to_recordset`
/// reads the JSON value as). `tenant_id` and `generation` are bound once per statement instead.
type Column = (&'static str, &'static str);

const COUNCIL_COLUMNS: &[Column] = &[
    ("slug", "text"),
    ("name", "text"),
    ("kind", "text"),
    ("nation", "text"),
    ("version", "bigint"),
    ("last_position", "bigint"),
];

const COUNCIL_DOCUMENTS: &[&str] = &["document"];

const DECISION_COLUMNS: &[Column] = &[
    ("audience", "text"),
    ("id", "uuid"),
    ("version", "bigint"),
    ("last_position", "bigint"),
    ("title", "text"),
    ("decision_maker_id", "uuid"),
    ("decision_maker_name", "text"),
    ("status", "text"),
    ("outcome", "text"),
    ("status_label", "text"),
    ("key_decision", "boolean"),
    ("subject_to_call_in", "boolean"),
    ("date_of_decision", "date"),
    ("sort_date", "date"),
    ("publication_date", "date"),
    ("call_in_deadline", "date"),
    ("effective_from", "date"),
    ("wards_all", "boolean"),
    ("ward_ids", "uuid[]"),
    ("restricted", "boolean"),
];

const DECISION_DOCUMENTS: &[&str] = &["document", "summary"];

const FORWARD_PLAN_COLUMNS: &[Column] = &[
    ("id", "uuid"),
    ("version", "bigint"),
    ("last_position", "bigint"),
    ("title", "text"),
    ("date_due", "date"),
    ("status", "text"),
    ("key_decision", "boolean"),
    ("decision_maker_id", "uuid"),
    ("decision_id", "uuid"),
];

const FORWARD_PLAN_DOCUMENTS: &[&str] = &["document"];

const LISTING_COLUMNS: &[Column] = &[("plan_id", "uuid"), ("entry_id", "uuid")];

const STRATEGY_COLUMNS: &[Column] = &[
    ("id", "uuid"),
    ("version", "bigint"),
    ("last_position", "bigint"),
    ("title", "text"),
];

const STRATEGY_DOCUMENTS: &[&str] = &["document"];

const MEETING_COLUMNS: &[Column] = &[
    ("id", "uuid"),
    ("version", "bigint"),
    ("last_position", "bigint"),
    ("body_id", "uuid"),
    ("meeting_date", "date"),
    ("status", "text"),
];

const MEETING_DOCUMENTS: &[&str] = &["document", "public_document"];

/// The rows of one generation of one tenant.
struct Target {
    tenant: TenantId,
    generation: u64,
}

/// A table's columns: those carried in each row's JSON object, then its document columns (whole
/// views as text), carried apart on PostgreSQL.
type Shape = (&'static [Column], &'static [&'static str]);

/// One row to insert: its JSON object of `Shape`'s columns and its documents, in `Shape`'s order.
struct Row {
    fields: Value,
    documents: Vec<String>,
}

/// Replaces the rows of every aggregate in `folded` in `generation`, in the caller's transaction.
pub(super) async fn write(
    tx: &mut Tx,
    tenant: TenantId,
    generation: u64,
    folded: &Folded,
) -> Result<(), ProjectionError> {
    let target = Target { tenant, generation };
    if let Some(council) = &folded.council {
        tx.execute(
            "DELETE FROM councils WHERE tenant_id = ? AND generation = ?",
            &[Param::Uuid(tenant.as_uuid()), int(generation)],
        )
        .await?;
        let rows = council.iter().map(council_row).collect::<Result<_, _>>()?;
        insert(
            tx,
            &target,
            "councils",
            (COUNCIL_COLUMNS, COUNCIL_DOCUMENTS),
            rows,
            false,
        )
        .await?;
    }

    // Naming both audiences lets the primary key (tenant, generation, audience, id) find the rows.
    replace(
        tx,
        &target,
        ("decisions", "id", " AND audience IN ('public', 'full')"),
        &folded.decisions,
        (DECISION_COLUMNS, DECISION_DOCUMENTS),
        decision_row,
        true,
    )
    .await?;

    let entries = &folded.forward_plan;
    delete(
        tx,
        &target,
        ("forward_plan_listings", "entry_id", ""),
        &entries.ids,
    )
    .await?;
    let listings = entries
        .views
        .iter()
        .flat_map(|view| {
            view.plans.iter().map(|plan| Row {
                fields: json!({"plan_id": plan.id, "entry_id": view.id}),
                documents: Vec::new(),
            })
        })
        .collect();
    insert(
        tx,
        &target,
        "forward_plan_listings",
        (LISTING_COLUMNS, &[]),
        listings,
        false,
    )
    .await?;
    replace(
        tx,
        &target,
        ("forward_plan_entries", "id", ""),
        entries,
        (FORWARD_PLAN_COLUMNS, FORWARD_PLAN_DOCUMENTS),
        forward_plan_row,
        false,
    )
    .await?;

    replace(
        tx,
        &target,
        ("strategy_documents", "id", ""),
        &folded.strategies,
        (STRATEGY_COLUMNS, STRATEGY_DOCUMENTS),
        strategy_row,
        false,
    )
    .await?;
    replace(
        tx,
        &target,
        ("meetings", "id", ""),
        &folded.meetings,
        (MEETING_COLUMNS, MEETING_DOCUMENTS),
        meeting_row,
        false,
    )
    .await
}

/// A table, the column its aggregates' ids are in, and any condition that helps its index find
/// them.
type Keyed = (&'static str, &'static str, &'static str);

/// Deletes the rows of `replaced`'s ids and inserts its views' rows.
async fn replace<V>(
    tx: &mut Tx,
    target: &Target,
    table: Keyed,
    replaced: &Replaced<V>,
    shape: Shape,
    row: fn(&V) -> Result<Row, ProjectionError>,
    search: bool,
) -> Result<(), ProjectionError> {
    delete(tx, target, table, &replaced.ids).await?;
    let rows = replaced.views.iter().map(row).collect::<Result<_, _>>()?;
    insert(tx, target, table.0, shape, rows, search).await
}

async fn delete(
    tx: &mut Tx,
    target: &Target,
    (table, id_column, condition): Keyed,
    ids: &[Uuid],
) -> Result<(), ProjectionError> {
    if ids.is_empty() {
        return Ok(());
    }
    let among = among(tx.dialect(), id_column);
    tx.execute(
        &format!(
            "DELETE FROM {table} WHERE tenant_id = ? AND generation = ?{condition} AND {among}"
        ),
        &[
            Param::Uuid(target.tenant.as_uuid()),
            int(target.generation),
            Param::UuidList(ids.to_vec()),
        ],
    )
    .await?;
    Ok(())
}

/// Inserts `rows` into `table` in one statement. With `search`, each row's object also holds
/// `search_text`: stored as it is on SQLite (whose full-text index reads it), turned into the
/// `search` vector on PostgreSQL, once per distinct text.
///
/// On PostgreSQL the documents are bound as one `text[]` per document column; on SQLite, which
/// has no arrays, they join the other columns in each row's object.
async fn insert(
    tx: &mut Tx,
    target: &Target,
    table: &str,
    shape: Shape,
    rows: Vec<Row>,
    search: bool,
) -> Result<(), ProjectionError> {
    if rows.is_empty() {
        return Ok(());
    }
    let dialect = tx.dialect();
    let sql = insert_sql(dialect, table, shape, search);
    let (_, names) = shape;
    let mut objects = Vec::with_capacity(rows.len());
    let mut documents: Vec<Vec<String>> = names
        .iter()
        .map(|_| Vec::with_capacity(rows.len()))
        .collect();
    for Row {
        mut fields,
        documents: texts,
    } in rows
    {
        match dialect {
            Dialect::Postgres => {
                for (column, text) in documents.iter_mut().zip(texts) {
                    column.push(text);
                }
            }
            Dialect::Sqlite => {
                if let Value::Object(object) = &mut fields {
                    for (name, text) in names.iter().zip(texts) {
                        object.insert((*name).to_owned(), Value::String(text));
                    }
                }
            }
        }
        objects.push(fields);
    }
    let mut params = vec![Param::Text(Value::Array(objects).to_string())];
    if dialect == Dialect::Postgres {
        params.extend(documents.into_iter().map(Param::TextList));
    }
    params.extend([Param::Uuid(target.tenant.as_uuid()), int(target.generation)]);
    tx.execute(&sql, &params).await?;
    Ok(())
}

/// The statement [`insert`] runs; its parameters are the rows, on PostgreSQL each document
/// column's texts, then the tenant and the generation.
fn insert_sql(dialect: Dialect, table: &str, (columns, documents): Shape, search: bool) -> String {
    let mut names: Vec<&str> = columns.iter().map(|(name, _)| *name).collect();
    names.extend(documents);
    let picked: Vec<String> = names.iter().map(|name| format!("r.{name}")).collect();
    let picked = picked.join(", ");
    let names = names.join(", ");
    match dialect {
        Dialect::Postgres => {
            let mut types: Vec<String> = columns
                .iter()
                .map(|(name, kind)| format!("{name} {kind}"))
                .collect();
            let mut aliases: Vec<&str> = columns.iter().map(|(name, _)| *name).collect();
            if search {
                types.push("search_text text".to_owned());
                aliases.push("search_text");
            }
            aliases.extend(documents);
            // `ROWS FROM` zips the JSON rows with each document array, row for row (all have
            // one element per row).
            let mut functions = vec![format!(
                "json_to_recordset(CAST(? AS json)) AS ({})",
                types.join(", ")
            )];
            functions.extend(
                documents
                    .iter()
                    .map(|_| "unnest(CAST(? AS text[]))".to_owned()),
            );
            let rows = format!(
                "r AS MATERIALIZED (SELECT * FROM ROWS FROM ({}) AS r({}))",
                functions.join(", "),
                aliases.join(", ")
            );
            if search {
                format!(
                    "WITH {rows}, v AS MATERIALIZED (SELECT t, to_tsvector('english', t) AS search \
                       FROM (SELECT DISTINCT search_text AS t FROM r) s) \
                     INSERT INTO {table} (tenant_id, generation, {names}, search) \
                     SELECT ?, ?, {picked}, v.search FROM r JOIN v ON v.t = r.search_text"
                )
            } else {
                format!(
                    "WITH {rows} INSERT INTO {table} (tenant_id, generation, {names}) \
                     SELECT ?, ?, {picked} FROM r"
                )
            }
        }
        Dialect::Sqlite => {
            let mut names = names;
            let mut picked: Vec<String> = columns
                .iter()
                .map(|(name, _)| *name)
                .chain(documents.iter().copied())
                .map(|name| format!("json_extract(r.value, '$.{name}')"))
                .collect();
            if search {
                names.push_str(", search_text");
                picked.push("json_extract(r.value, '$.search_text')".to_owned());
            }
            format!(
                "WITH r AS (SELECT value FROM json_each(?)) \
                 INSERT INTO {table} (tenant_id, generation, {names}) SELECT ?, ?, {} FROM r",
                picked.join(", ")
            )
        }
    }
}

/// A view stored whole, as text, serialised as it always was (through a JSON value, whose keys
/// are sorted), so rows written before and after this code compare equal.
fn document<T: serde::Serialize>(view: &T) -> Result<String, ProjectionError> {
    serde_json::to_value(view)
        .map(|value| value.to_string())
        .map_err(|e| ProjectionError::corrupt("view", e))
}

fn council_row(view: &CouncilView) -> Result<Row, ProjectionError> {
    Ok(Row {
        fields: json!({
            "slug": view.slug.as_str(),
            "name": view.name.as_str(),
            "kind": serde_name(&view.kind),
            "nation": serde_name(&view.nation),
            "version": view.version,
            "last_position": view.last_position,
        }),
        documents: vec![document(view)?],
    })
}

fn decision_row(view: &DecisionView) -> Result<Row, ProjectionError> {
    let record = &view.record;
    Ok(Row {
        fields: json!({
            "audience": view.audience.as_str(),
            "id": view.id.as_uuid(),
            "version": view.version,
            "last_position": view.last_position,
            "title": record.title,
            "decision_maker_id": record.decision_maker.as_ref().map(|b| b.body_id.as_uuid()),
            "decision_maker_name": record.decision_maker.as_ref().map(|b| b.name_as_shown.as_str()),
            "status": serde_name(&view.status),
            "outcome": record.outcome.as_ref().map(serde_name),
            "status_label": record.status_label.as_ref().map(|l| l.as_str()),
            "key_decision": record.key_decision,
            "subject_to_call_in": record.subject_to_call_in,
            "date_of_decision": record.date_of_decision,
            "sort_date": view.sort_date(),
            "publication_date": view.publication_date,
            "call_in_deadline": view.call_in_deadline,
            "effective_from": view.effective_from,
            "wards_all": matches!(record.wards_affected, Some(WardsAffectedView::All)),
            "ward_ids": view.ward_ids(),
            "restricted": record.restricted,
            "search_text": view.search_text(),
        }),
        // The summary of this row's own view: a public row's summary is the public view's.
        documents: vec![document(view)?, document(&view.summary())?],
    })
}

fn forward_plan_row(view: &ForwardPlanView) -> Result<Row, ProjectionError> {
    Ok(Row {
        fields: json!({
            "id": view.id.as_uuid(),
            "version": view.version,
            "last_position": view.last_position,
            "title": view.title.as_str(),
            "date_due": view.sort_date(),
            "status": view.status.as_str(),
            "key_decision": view.key_decision,
            "decision_maker_id": view.decision_maker.id.as_uuid(),
            "decision_id": view.decision.map(|d| d.as_uuid()),
        }),
        documents: vec![document(view)?],
    })
}

fn strategy_row(view: &StrategyDocumentView) -> Result<Row, ProjectionError> {
    Ok(Row {
        fields: json!({
            "id": view.id.as_uuid(),
            "version": view.version,
            "last_position": view.last_position,
            "title": view.title.as_str(),
        }),
        documents: vec![document(view)?],
    })
}

fn meeting_row(view: &MeetingView) -> Result<Row, ProjectionError> {
    Ok(Row {
        fields: json!({
            "id": view.id.as_uuid(),
            "version": view.version,
            "last_position": view.last_position,
            "body_id": view.record.body.body_id.as_uuid(),
            "meeting_date": view.record.date,
            "status": view.record.status.map(|s| s.as_str()),
        }),
        documents: vec![document(view)?, document(&view.public())?],
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    const DECISIONS: Shape = (DECISION_COLUMNS, DECISION_DOCUMENTS);

    #[test]
    fn an_insert_takes_the_rows_then_the_tenant_and_generation_on_both_backends() {
        for (dialect, params) in [(Dialect::Postgres, 5), (Dialect::Sqlite, 3)] {
            for search in [false, true] {
                let sql = insert_sql(dialect, "decisions", DECISIONS, search);
                // PostgreSQL binds the two document columns as arrays after the rows.
                assert_eq!(sql.matches('?').count(), params, "{sql}");
                let rows = sql.find("json_").unwrap();
                let key = sql.find("SELECT ?, ?").unwrap();
                assert!(sql.find('?').unwrap() > rows && rows < key, "{sql}");
                assert_eq!(sql[key..].matches('?').count(), 2, "{sql}");
                assert!(sql.contains("document, summary"), "{sql}");
            }
        }
    }

    #[test]
    fn postgres_binds_documents_as_arrays_zipped_with_the_rows() {
        let sql = insert_sql(
            Dialect::Postgres,
            "meetings",
            (MEETING_COLUMNS, MEETING_DOCUMENTS),
            false,
        );
        assert_eq!(sql.matches("unnest(CAST(? AS text[]))").count(), 2, "{sql}");
        assert!(sql.contains("ROWS FROM (json_to_recordset"), "{sql}");
        assert!(!sql.contains("document text"), "{sql}");
        let sqlite = insert_sql(
            Dialect::Sqlite,
            "meetings",
            (MEETING_COLUMNS, MEETING_DOCUMENTS),
            false,
        );
        assert!(
            sqlite.contains("json_extract(r.value, '$.public_document')"),
            "{sqlite}"
        );
        assert!(!sqlite.contains("unnest"), "{sqlite}");
    }

    #[test]
    fn postgres_computes_one_search_vector_per_distinct_text() {
        let sql = insert_sql(Dialect::Postgres, "decisions", DECISIONS, true);
        assert_eq!(sql.matches("to_tsvector").count(), 1);
        assert!(
            sql.contains("to_tsvector('english', t) AS search FROM (SELECT DISTINCT search_text")
        );
        let sqlite = insert_sql(Dialect::Sqlite, "decisions", DECISIONS, true);
        assert!(sqlite.contains("search_text) SELECT"));
    }
}
