//! The thin layer that lets one SQL text serve both backends.
//!
//! Statements are written once with `?` placeholders (turned into `$1, $2…` for PostgreSQL) and
//! typed [`Param`]s (bound as `uuid`/`date`/text on PostgreSQL and as text on SQLite, which
//! stores them so). Reads select every column `CAST(… AS TEXT)`, so a row reads back the same way
//! on both and is parsed here, once. Where the dialects really differ (full-text search, locking,
//! arrays), callers pick the text by [`Dialect`].

use chrono::NaiveDate;
use sqlx::{AssertSqlSafe, Postgres, Row, Sqlite, Transaction};
use uuid::Uuid;

use crate::error::ProjectionError;

/// Which SQL dialect a statement is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dialect {
    Postgres,
    Sqlite,
}

/// A value bound to a `?` placeholder.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Param {
    Uuid(Uuid),
    Text(String),
    Int(i64),
    Bool(bool),
    Date(NaiveDate),
    /// A list of ids: `uuid[]` on PostgreSQL, a JSON array (read with `json_each`) on SQLite.
    UuidList(Vec<Uuid>),
    /// A list of texts: `text[]` on PostgreSQL, a JSON array on SQLite.
    TextList(Vec<String>),
}

/// Positions and versions are `u64` in Rust and `bigint` in SQL; neither gets near `i64::MAX`.
pub(crate) fn int(value: u64) -> Param {
    Param::Int(i64::try_from(value).unwrap_or(i64::MAX))
}

/// Rewrites `?` placeholders as `$1, $2…` for PostgreSQL. Statements never contain a literal `?`.
pub(crate) fn numbered(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 16);
    let mut n = 0;
    for c in sql.chars() {
        if c == '?' {
            n += 1;
            out.push('$');
            out.push_str(&n.to_string());
        } else {
            out.push(c);
        }
    }
    out
}

/// The stable serde name of a unit enum value (e.g. a status), as stored in a column.
pub(crate) fn serde_name<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(name)) => name,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

fn date_text(date: NaiveDate) -> String {
    // `Display` is `%Y-%m-%d`, without parsing a format string on every call.
    date.to_string()
}

fn json_array<T: serde::Serialize>(items: &[T]) -> String {
    serde_json::to_string(items).unwrap_or_else(|_| "[]".to_owned())
}

type PgQuery<'q> = sqlx::query::Query<'q, Postgres, sqlx::postgres::PgArguments>;
type SqliteQuery<'q> = sqlx::query::Query<'q, Sqlite, sqlx::sqlite::SqliteArguments>;

fn bind_pg<'q>(mut query: PgQuery<'q>, params: &[Param]) -> PgQuery<'q> {
    for param in params {
        query = match param {
            Param::Uuid(v) => query.bind(*v),
            Param::Text(v) => query.bind(v.clone()),
            Param::Int(v) => query.bind(*v),
            Param::Bool(v) => query.bind(*v),
            Param::Date(v) => query.bind(*v),
            Param::UuidList(v) => query.bind(v.clone()),
            Param::TextList(v) => query.bind(v.clone()),
        };
    }
    query
}

fn bind_sqlite<'q>(mut query: SqliteQuery<'q>, params: &[Param]) -> SqliteQuery<'q> {
    for param in params {
        query = match param {
            Param::Uuid(v) => query.bind(v.to_string()),
            Param::Text(v) => query.bind(v.clone()),
            Param::Int(v) => query.bind(*v),
            Param::Bool(v) => query.bind(*v),
            Param::Date(v) => query.bind(date_text(*v)),
            Param::UuidList(v) => query.bind(json_array(v)),
            Param::TextList(v) => query.bind(json_array(v)),
        };
    }
    query
}

/// One transaction on either backend.
pub(crate) enum Tx {
    Postgres(Transaction<'static, Postgres>),
    Sqlite(Transaction<'static, Sqlite>),
}

impl Tx {
    pub(crate) fn dialect(&self) -> Dialect {
        match self {
            Tx::Postgres(_) => Dialect::Postgres,
            Tx::Sqlite(_) => Dialect::Sqlite,
        }
    }

    /// Runs a statement; returns the rows it affected.
    pub(crate) async fn execute(
        &mut self,
        sql: &str,
        params: &[Param],
    ) -> Result<u64, sqlx::Error> {
        match self {
            Tx::Postgres(tx) => {
                let query = sqlx::query(AssertSqlSafe(numbered(sql)));
                Ok(bind_pg(query, params)
                    .execute(&mut **tx)
                    .await?
                    .rows_affected())
            }
            Tx::Sqlite(tx) => {
                let query = sqlx::query(AssertSqlSafe(sql.to_owned()));
                Ok(bind_sqlite(query, params)
                    .execute(&mut **tx)
                    .await?
                    .rows_affected())
            }
        }
    }

    /// Runs a query whose columns are all text (or NULL) and returns its rows.
    pub(crate) async fn rows(
        &mut self,
        sql: &str,
        params: &[Param],
    ) -> Result<Vec<TextRow>, ProjectionError> {
        match self {
            Tx::Postgres(tx) => {
                let query = sqlx::query(AssertSqlSafe(numbered(sql)));
                let rows = bind_pg(query, params).fetch_all(&mut **tx).await?;
                rows.iter()
                    .map(|row| {
                        (0..row.len())
                            .map(|i| row.try_get::<Option<String>, _>(i))
                            .collect::<Result<Vec<_>, _>>()
                            .map(TextRow)
                            .map_err(ProjectionError::from)
                    })
                    .collect()
            }
            Tx::Sqlite(tx) => {
                let query = sqlx::query(AssertSqlSafe(sql.to_owned()));
                let rows = bind_sqlite(query, params).fetch_all(&mut **tx).await?;
                rows.iter()
                    .map(|row| {
                        (0..row.len())
                            .map(|i| row.try_get::<Option<String>, _>(i))
                            .collect::<Result<Vec<_>, _>>()
                            .map(TextRow)
                            .map_err(ProjectionError::from)
                    })
                    .collect()
            }
        }
    }

    /// The first row of a query, if any.
    pub(crate) async fn row(
        &mut self,
        sql: &str,
        params: &[Param],
    ) -> Result<Option<TextRow>, ProjectionError> {
        Ok(self.rows(sql, params).await?.into_iter().next())
    }

    pub(crate) async fn commit(self) -> Result<(), sqlx::Error> {
        match self {
            Tx::Postgres(tx) => tx.commit().await,
            Tx::Sqlite(tx) => tx.commit().await,
        }
    }
}

/// A row read as text columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TextRow(Vec<Option<String>>);

impl TextRow {
    /// Column `i`, which may be NULL.
    pub(crate) fn opt(&self, i: usize) -> Option<&str> {
        self.0.get(i).and_then(|c| c.as_deref())
    }

    /// Column `i`, which must not be NULL.
    pub(crate) fn text(&self, i: usize) -> Result<&str, ProjectionError> {
        self.opt(i)
            .ok_or_else(|| ProjectionError::corrupt("column", format!("{i} is NULL")))
    }

    pub(crate) fn u64(&self, i: usize) -> Result<u64, ProjectionError> {
        let text = self.text(i)?;
        text.parse()
            .map_err(|_| ProjectionError::corrupt("number", text))
    }

    pub(crate) fn uuid(&self, i: usize) -> Result<Uuid, ProjectionError> {
        let text = self.text(i)?;
        Uuid::try_parse(text).map_err(|_| ProjectionError::corrupt("uuid", text))
    }

    pub(crate) fn date(&self, i: usize) -> Result<NaiveDate, ProjectionError> {
        let text = self.text(i)?;
        // `FromStr` reads `%Y-%m-%d` without parsing a format string on every call.
        text.parse::<NaiveDate>()
            .map_err(|_| ProjectionError::corrupt("date", text))
    }

    /// A stored JSON document, deserialised.
    pub(crate) fn json<T: serde::de::DeserializeOwned>(
        &self,
        i: usize,
    ) -> Result<T, ProjectionError> {
        serde_json::from_str(self.text(i)?).map_err(|e| ProjectionError::corrupt("document", e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_numbered_in_order_for_postgres() {
        assert_eq!(
            numbered("SELECT 1 FROM t WHERE a = ? AND b IN (?, ?)"),
            "SELECT 1 FROM t WHERE a = $1 AND b IN ($2, $3)"
        );
        assert_eq!(numbered("SELECT 1"), "SELECT 1");
    }
}
