//! The baseline of `civic-bench rebuild`: the same final rows written by hand-written SQL.
//!
//! Untimed, the rebuilt rows are copied into staging tables, the decisions with the text their
//! search vectors come from (`DecisionView::search_text`) in place of the vectors, and the
//! documents stored uncompressed: the reference must compress them as any writer of new rows
//! does, not copy bytes the rebuild already compressed. Timed, one
//! transaction writes every row into empty tables shaped like the read models (same columns and
//! indexes, `LIKE … INCLUDING ALL`) with `INSERT … SELECT`, computing each distinct search text's
//! vector once, as the best bulk load could. Then the two are checked equal, vectors included.

use std::time::{Duration, Instant};

use anyhow::{Context as _, bail};
use civic_projections::DecisionView;
use sqlx::{AssertSqlSafe, PgPool};

/// The read-model tables the rebuild writes.
const TABLES: [&str; 6] = [
    "councils",
    "decisions",
    "forward_plan_entries",
    "forward_plan_listings",
    "strategy_documents",
    "meetings",
];

/// The staged columns that hold documents, which the reference must compress as it writes.
const DOCUMENTS: [(&str, &str); 6] = [
    ("councils", "document"),
    ("decisions", "document"),
    ("decisions", "summary"),
    ("forward_plan_entries", "document"),
    ("strategy_documents", "document"),
    ("meetings", "document, public_document"),
];

/// How many decision rows are staged per statement.
const STAGE_CHUNK: usize = 2_000;

/// Stages the rows the rebuild wrote; returns the decision rows staged.
pub async fn stage(pool: &PgPool) -> anyhow::Result<usize> {
    for table in TABLES {
        exec(
            pool,
            &format!("CREATE TABLE ref_{table} (LIKE {table} INCLUDING ALL)"),
        )
        .await?;
        if table != "decisions" {
            exec(
                pool,
                &format!("CREATE TABLE stage_{table} AS TABLE {table}"),
            )
            .await?;
        }
    }
    let columns = decision_columns(pool).await?;
    exec(
        pool,
        &format!(
            "CREATE TABLE stage_decisions AS SELECT {}, ''::text AS search_text FROM decisions \
             WITH NO DATA",
            columns.join(", ")
        ),
    )
    .await?;
    let rows: Vec<(uuid::Uuid, i64, String, String)> = sqlx::query_as(
        "SELECT id, generation, audience, document FROM decisions ORDER BY tenant_id, id",
    )
    .fetch_all(pool)
    .await?;
    for chunk in rows.chunks(STAGE_CHUNK) {
        let mut ids = Vec::with_capacity(chunk.len());
        let mut generations = Vec::with_capacity(chunk.len());
        let mut audiences = Vec::with_capacity(chunk.len());
        let mut texts = Vec::with_capacity(chunk.len());
        for (id, generation, audience, document) in chunk {
            let view: DecisionView =
                serde_json::from_str(document).context("a stored decision view")?;
            ids.push(*id);
            generations.push(*generation);
            audiences.push(audience.clone());
            texts.push(view.search_text());
        }
        let select: Vec<String> = columns.iter().map(|c| format!("d.{c}")).collect();
        sqlx::query(AssertSqlSafe(format!(
            "INSERT INTO stage_decisions SELECT {}, s.t FROM decisions d \
             JOIN unnest($1::uuid[], $2::bigint[], $3::text[], $4::text[]) s(id, g, a, t) \
             ON d.id = s.id AND d.generation = s.g AND d.audience = s.a",
            select.join(", ")
        )))
        .bind(ids)
        .bind(generations)
        .bind(audiences)
        .bind(texts)
        .execute(pool)
        .await?;
    }
    for (table, columns) in DOCUMENTS {
        for column in columns.split(", ") {
            exec(
                pool,
                &format!("ALTER TABLE stage_{table} ALTER COLUMN {column} SET STORAGE EXTERNAL"),
            )
            .await?;
            // A new value (not the copied, compressed one), stored as the storage now says.
            exec(
                pool,
                &format!("UPDATE stage_{table} SET {column} = {column} || ''"),
            )
            .await?;
        }
    }
    exec(pool, "VACUUM ANALYZE").await?;
    exec(pool, "CHECKPOINT").await?;
    Ok(rows.len())
}

/// Writes every staged row into the reference tables in one transaction; returns how long it
/// took.
pub async fn write(pool: &PgPool) -> anyhow::Result<Duration> {
    let columns = decision_columns(pool).await?;
    let mut tx = pool.begin().await?;
    let started = Instant::now();
    for table in TABLES {
        if table != "decisions" {
            sqlx::query(AssertSqlSafe(format!(
                "INSERT INTO ref_{table} SELECT * FROM stage_{table}"
            )))
            .execute(&mut *tx)
            .await?;
        }
    }
    let select: Vec<String> = columns.iter().map(|c| format!("d.{c}")).collect();
    sqlx::query(AssertSqlSafe(format!(
        "WITH v AS MATERIALIZED ( \
           SELECT t, to_tsvector('english', t) AS search \
           FROM (SELECT DISTINCT search_text AS t FROM stage_decisions) s) \
         INSERT INTO ref_decisions ({}, search) SELECT {}, v.search \
         FROM stage_decisions d JOIN v ON v.t = d.search_text",
        columns.join(", "),
        select.join(", ")
    )))
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(started.elapsed())
}

/// Fails unless every reference table holds exactly the rows the rebuild wrote.
pub async fn check(pool: &PgPool) -> anyhow::Result<()> {
    for table in TABLES {
        let differ: i64 = sqlx::query_scalar(AssertSqlSafe(format!(
            "SELECT (SELECT count(*) FROM (TABLE {table} EXCEPT ALL TABLE ref_{table}) a) + \
                    (SELECT count(*) FROM (TABLE ref_{table} EXCEPT ALL TABLE {table}) b)"
        )))
        .fetch_one(pool)
        .await?;
        if differ != 0 {
            bail!("{differ} rows of {table} differ between the rebuild and the reference");
        }
    }
    Ok(())
}

/// The decisions' columns other than the search vector, in table order.
async fn decision_columns(pool: &PgPool) -> anyhow::Result<Vec<String>> {
    Ok(sqlx::query_scalar(
        "SELECT CAST(column_name AS TEXT) FROM information_schema.columns \
         WHERE table_schema = current_schema() AND table_name = 'decisions' \
           AND column_name <> 'search' ORDER BY ordinal_position",
    )
    .fetch_all(pool)
    .await?)
}

async fn exec(pool: &PgPool, sql: &str) -> anyhow::Result<()> {
    sqlx::query(AssertSqlSafe(sql.to_owned()))
        .execute(pool)
        .await
        .with_context(|| format!("run {sql}"))?;
    Ok(())
}
