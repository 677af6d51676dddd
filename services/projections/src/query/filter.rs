//! A [`DecisionFilter`] as SQL: the conditions and parameters of the decisions list, for either
//! dialect. Built here as text so the exact SQL is unit-tested; values only ever travel as
//! parameters.

use civic_eventstore::TenantId;

use super::DecisionFilter;
use super::cursor::{Cursor, List, RankedCursor};
use super::{DecisionOrder, SearchQuery};
use crate::db::{Dialect, Param, int, serde_name};
use crate::error::ProjectionError;
use crate::views::{Audience, Detail};

/// A statement and its parameters, in placeholder order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Sql {
    pub text: String,
    pub params: Vec<Param>,
}

impl Sql {
    fn new(text: &str) -> Self {
        Self {
            text: text.to_owned(),
            params: Vec::new(),
        }
    }

    /// Appends a condition with its parameters.
    fn and(&mut self, condition: &str, params: impl IntoIterator<Item = Param>) {
        self.text.push_str(" AND ");
        self.text.push_str(condition);
        self.params.extend(params);
    }
}

/// The rows of a tenant's active generation that an audience may read.
const FROM_DECISIONS: &str = " FROM decisions d WHERE d.tenant_id = ? AND d.generation = \
     (SELECT g.active_generation FROM projection_generations g WHERE g.tenant_id = ?) \
     AND d.audience = ?";

fn scope(select: &str, tenant: TenantId, audience: Audience) -> Sql {
    let mut sql = Sql::new(&format!("{select}{FROM_DECISIONS}"));
    sql.params = vec![
        Param::Uuid(tenant.as_uuid()),
        Param::Uuid(tenant.as_uuid()),
        Param::Text(audience.as_str().to_owned()),
    ];
    sql
}

fn add_conditions(sql: &mut Sql, dialect: Dialect, filter: &DecisionFilter) {
    if let Some(search) = &filter.text {
        match dialect {
            Dialect::Postgres => sql.and(
                "d.search @@ to_tsquery('english', ?)",
                [Param::Text(search.to_tsquery())],
            ),
            Dialect::Sqlite => sql.and(
                "d.row_id IN (SELECT rowid FROM decisions_fts WHERE decisions_fts MATCH ?)",
                [Param::Text(search.to_fts5())],
            ),
        }
    }
    if !filter.statuses.is_empty() {
        let placeholders = vec!["?"; filter.statuses.len()].join(", ");
        sql.and(
            &format!("d.status IN ({placeholders})"),
            filter.statuses.iter().map(|s| Param::Text(serde_name(s))),
        );
    }
    if let Some(body) = filter.decision_maker {
        sql.and("d.decision_maker_id = ?", [Param::Uuid(body.as_uuid())]);
    }
    if let Some(ward) = filter.ward {
        let condition = match dialect {
            Dialect::Postgres => "(d.wards_all OR ? = ANY(d.ward_ids))",
            Dialect::Sqlite => {
                "(d.wards_all OR EXISTS (SELECT 1 FROM json_each(d.ward_ids) w WHERE w.value = ?))"
            }
        };
        sql.and(condition, [Param::Uuid(ward.as_uuid())]);
    }
    if let Some(key) = filter.key_decision {
        sql.and("d.key_decision = ?", [Param::Bool(key)]);
    }
    if let Some(subject) = filter.subject_to_call_in {
        sql.and("d.subject_to_call_in = ?", [Param::Bool(subject)]);
    }
    if let Some(day) = filter.call_in_open_on {
        // Published by `day` (and still only published: not called in, withdrawn or in
        // effect) with its window open on `day`; only decisions with a window have a deadline.
        sql.and(
            "d.status = 'published' AND d.publication_date <= ? AND d.call_in_deadline >= ?",
            [Param::Date(day), Param::Date(day)],
        );
    }
    let dates = [
        ("d.date_of_decision >= ?", filter.decided_from),
        ("d.date_of_decision <= ?", filter.decided_to),
        ("d.publication_date >= ?", filter.published_from),
        ("d.publication_date <= ?", filter.published_to),
    ];
    for (condition, date) in dates {
        if let Some(date) = date {
            sql.and(condition, [Param::Date(date)]);
        }
    }
}

/// How relevant a row is to `search`, higher first, as a whole number (its score): PostgreSQL's
/// `ts_rank`; on SQLite FTS5's BM25 score of the row, negated (BM25 is better the lower it is);
/// either times 10^9, rounded. A whole number is written and compared exactly in both databases
/// (a real is not: SQLite writes 15 digits of it as text), so a page's cursor can hold the
/// last score seen and the next page start strictly after it; ranks closer than 10^-9 are
/// equal, and the newest comes first among equals.
fn relevance(dialect: Dialect, search: &SearchQuery) -> (&'static str, Param) {
    match dialect {
        Dialect::Postgres => (
            "CAST(round(CAST(ts_rank(d.search, to_tsquery('english', ?)) AS numeric) \
             * 1000000000) AS bigint)",
            Param::Text(search.to_tsquery()),
        ),
        Dialect::Sqlite => (
            "CAST(round(-(SELECT bm25(decisions_fts) FROM decisions_fts \
             WHERE decisions_fts MATCH ? AND decisions_fts.rowid = d.row_id) \
             * 1000000000) AS INTEGER)",
            Param::Text(search.to_fts5()),
        ),
    }
}

/// Where a page of the decisions list starts: after the last item seen, in the list's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum After {
    /// Newest first: after this date and id.
    Newest(Cursor),
    /// By relevance: after this score, then date and id.
    Ranked(RankedCursor),
}

impl After {
    /// `text` read as a cursor of the order `filter` lists in; a cursor of the other order (or
    /// of another list) is refused.
    pub(crate) fn decode(filter: &DecisionFilter, text: &str) -> Result<Self, ProjectionError> {
        if filter.ranked() {
            RankedCursor::decode(text).map(After::Ranked)
        } else {
            Cursor::decode(List::Decisions, text).map(After::Newest)
        }
    }
}

/// One page of the decisions list: document (the whole view, or its summary), sort date and id
/// of up to `limit` rows after `after`, in list order (date descending, then id descending).
///
/// Ordered by relevance (a text search and [`DecisionOrder::Relevance`]), each row also has its
/// score, named `rank` (the others `document`, `sort_date` and `id`), and the rows are in score
/// order. `after` is of the list's order ([`After::decode`]); one of the other order would be
/// ignored.
pub(crate) fn decisions_page(
    dialect: Dialect,
    tenant: TenantId,
    audience: Audience,
    filter: &DecisionFilter,
    after: Option<After>,
    limit: u32,
    detail: Detail,
) -> Sql {
    let column = match detail {
        Detail::Summary => "summary",
        Detail::Full => "document",
    };
    let ranked = match (&filter.text, filter.order) {
        (Some(search), DecisionOrder::Relevance) => Some(relevance(dialect, search)),
        _ => None,
    };
    let select = match &ranked {
        None => format!(
            "SELECT CAST(d.{column} AS TEXT), CAST(d.sort_date AS TEXT), CAST(d.id AS TEXT)"
        ),
        Some((rank, _)) => format!(
            "SELECT CAST(d.{column} AS TEXT) AS document, CAST(d.sort_date AS TEXT) AS sort_date, \
             CAST(d.id AS TEXT) AS id, {rank} AS rank"
        ),
    };
    let mut sql = scope(&select, tenant, audience);
    if let Some((_, param)) = &ranked {
        // The rank's parameter comes first: its placeholder is in the select list.
        sql.params.insert(0, param.clone());
    }
    add_conditions(&mut sql, dialect, filter);
    if let Some((rank, param)) = ranked {
        if let Some(After::Ranked(after)) = after {
            sql.and(
                &format!("({rank}, d.sort_date, d.id) < (?, ?, ?)"),
                [
                    param,
                    Param::Int(after.score),
                    Param::Date(after.key.date),
                    Param::Uuid(after.key.id),
                ],
            );
        }
        sql.text
            .push_str(" ORDER BY rank DESC, d.sort_date DESC, d.id DESC LIMIT ?");
        sql.params.push(int(u64::from(limit)));
        return sql;
    }
    if let Some(After::Newest(after)) = after {
        sql.and(
            "(d.sort_date, d.id) < (?, ?)",
            [Param::Date(after.date), Param::Uuid(after.id)],
        );
    }
    sql.text
        .push_str(" ORDER BY d.sort_date DESC, d.id DESC LIMIT ?");
    sql.params.push(int(u64::from(limit)));
    sql
}

/// How many decisions the whole filtered list has.
pub(crate) fn decisions_count(
    dialect: Dialect,
    tenant: TenantId,
    audience: Audience,
    filter: &DecisionFilter,
) -> Sql {
    let mut sql = scope("SELECT CAST(count(*) AS TEXT)", tenant, audience);
    add_conditions(&mut sql, dialect, filter);
    sql
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use chrono::NaiveDate;
    use civic_domain::decision::DecisionStatus;
    use civic_domain::values::WardId;
    use uuid::Uuid;

    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn no_filter_reads_the_audiences_rows_of_the_active_generation_in_list_order() {
        let tenant = TenantId::new();
        let sql = decisions_page(
            Dialect::Postgres,
            tenant,
            Audience::Public,
            &DecisionFilter::default(),
            None,
            21,
            Detail::Full,
        );
        assert_eq!(
            sql.text,
            format!(
                "SELECT CAST(d.document AS TEXT), CAST(d.sort_date AS TEXT), CAST(d.id AS TEXT)\
                 {FROM_DECISIONS} ORDER BY d.sort_date DESC, d.id DESC LIMIT ?"
            )
        );
        assert_eq!(
            sql.params,
            vec![
                Param::Uuid(tenant.as_uuid()),
                Param::Uuid(tenant.as_uuid()),
                Param::Text("public".to_owned()),
                Param::Int(21),
            ]
        );
    }

    #[test]
    fn a_summary_page_reads_the_summary_column() {
        let sql = decisions_page(
            Dialect::Sqlite,
            TenantId::new(),
            Audience::Public,
            &DecisionFilter::default(),
            None,
            21,
            Detail::Summary,
        );
        assert!(
            sql.text
                .starts_with("SELECT CAST(d.summary AS TEXT), CAST(d.sort_date")
        );
        assert!(!sql.text.contains("d.document"));
    }

    #[test]
    fn every_condition_becomes_a_parameterised_clause() {
        let ward = WardId::new();
        let filter = DecisionFilter {
            text: SearchQuery::parse("  information strategy ").unwrap(),
            statuses: vec![DecisionStatus::Published, DecisionStatus::CalledIn],
            ward: Some(ward),
            key_decision: Some(true),
            call_in_open_on: Some(d(2010, 6, 14)),
            decided_from: Some(d(2010, 1, 1)),
            published_to: Some(d(2010, 12, 31)),
            ..DecisionFilter::default()
        };
        let sql = decisions_count(Dialect::Postgres, TenantId::new(), Audience::Full, &filter);
        let conditions = sql.text.split_once("d.audience = ?").unwrap().1;
        assert_eq!(
            conditions,
            " AND d.search @@ to_tsquery('english', ?) \
             AND d.status IN (?, ?) AND (d.wards_all OR ? = ANY(d.ward_ids)) \
             AND d.key_decision = ? AND d.status = 'published' AND d.publication_date <= ? \
             AND d.call_in_deadline >= ? \
             AND d.date_of_decision >= ? AND d.publication_date <= ?"
        );
        assert_eq!(
            sql.params[3..],
            [
                Param::Text("( 'information' ) & ( 'strategy' )".to_owned()),
                Param::Text("published".to_owned()),
                Param::Text("called_in".to_owned()),
                Param::Uuid(ward.as_uuid()),
                Param::Bool(true),
                Param::Date(d(2010, 6, 14)),
                Param::Date(d(2010, 6, 14)),
                Param::Date(d(2010, 1, 1)),
                Param::Date(d(2010, 12, 31)),
            ]
        );
    }

    #[test]
    fn sqlite_searches_its_fts_table_and_reads_ward_lists_with_json_each() {
        let filter = DecisionFilter {
            text: SearchQuery::parse("ICT \"strategy\" or*").unwrap(),
            ward: Some(WardId::new()),
            ..DecisionFilter::default()
        };
        let sql = decisions_count(Dialect::Sqlite, TenantId::new(), Audience::Public, &filter);
        assert!(
            sql.text.contains(
                "d.row_id IN (SELECT rowid FROM decisions_fts WHERE decisions_fts MATCH ?)"
            )
        );
        assert!(sql.text.contains("json_each(d.ward_ids)"));
        assert_eq!(
            sql.params[3],
            Param::Text("((\"ict\") AND (\"strategy\") AND (\"or\"*))".to_owned())
        );
    }

    #[test]
    fn a_cursor_continues_strictly_after_the_last_item() {
        let id = Uuid::now_v7();
        let cursor = Cursor {
            date: d(2010, 6, 9),
            id,
        };
        let sql = decisions_page(
            Dialect::Sqlite,
            TenantId::new(),
            Audience::Full,
            &DecisionFilter::default(),
            Some(After::Newest(cursor)),
            10,
            Detail::Full,
        );
        assert!(sql.text.ends_with(
            "AND (d.sort_date, d.id) < (?, ?) ORDER BY d.sort_date DESC, d.id DESC LIMIT ?"
        ));
        assert_eq!(
            sql.params[3..],
            [Param::Date(d(2010, 6, 9)), Param::Uuid(id), Param::Int(10)]
        );
    }

    #[test]
    fn a_relevance_order_ranks_the_rows_of_a_text_search_by_a_whole_score() {
        let filter = DecisionFilter {
            text: SearchQuery::parse("highway").unwrap(),
            order: DecisionOrder::Relevance,
            ..DecisionFilter::default()
        };
        let tenant = TenantId::new();
        let postgres = decisions_page(
            Dialect::Postgres,
            tenant,
            Audience::Public,
            &filter,
            None,
            21,
            Detail::Summary,
        );
        let score = "CAST(round(CAST(ts_rank(d.search, to_tsquery('english', ?)) AS numeric) \
                     * 1000000000) AS bigint)";
        assert!(postgres.text.starts_with(&format!(
            "SELECT CAST(d.summary AS TEXT) AS document, CAST(d.sort_date AS TEXT) AS sort_date, \
             CAST(d.id AS TEXT) AS id, {score} AS rank FROM"
        )));
        assert!(postgres.text.ends_with(
            "AND d.search @@ to_tsquery('english', ?) \
             ORDER BY rank DESC, d.sort_date DESC, d.id DESC LIMIT ?"
        ));
        let tsquery = Param::Text("( 'highway' )".to_owned());
        assert_eq!(
            postgres.params,
            vec![
                tsquery.clone(),
                Param::Uuid(tenant.as_uuid()),
                Param::Uuid(tenant.as_uuid()),
                Param::Text("public".to_owned()),
                tsquery.clone(),
                Param::Int(21),
            ]
        );
        let sqlite = decisions_page(
            Dialect::Sqlite,
            tenant,
            Audience::Public,
            &filter,
            None,
            21,
            Detail::Summary,
        );
        assert!(sqlite.text.contains(
            "CAST(round(-(SELECT bm25(decisions_fts) FROM decisions_fts \
             WHERE decisions_fts MATCH ? AND decisions_fts.rowid = d.row_id) \
             * 1000000000) AS INTEGER) AS rank"
        ));
        assert_eq!(sqlite.params[0], Param::Text("((\"highway\"))".to_owned()));

        // The next page: strictly after the last score, then date and id, seen.
        let id = Uuid::now_v7();
        let after = RankedCursor {
            score: 60_792_712,
            key: Cursor {
                date: d(2010, 6, 9),
                id,
            },
        };
        let next = decisions_page(
            Dialect::Postgres,
            tenant,
            Audience::Public,
            &filter,
            Some(After::Ranked(after)),
            21,
            Detail::Summary,
        );
        assert!(next.text.ends_with(&format!(
            "AND d.search @@ to_tsquery('english', ?) AND ({score}, d.sort_date, d.id) < (?, ?, ?) \
             ORDER BY rank DESC, d.sort_date DESC, d.id DESC LIMIT ?"
        )));
        assert_eq!(
            next.params[4..],
            [
                tsquery.clone(),
                tsquery,
                Param::Int(60_792_712),
                Param::Date(d(2010, 6, 9)),
                Param::Uuid(id),
                Param::Int(21),
            ]
        );
    }

    #[test]
    fn a_cursor_is_read_in_the_lists_order() {
        let ranked = DecisionFilter {
            text: SearchQuery::parse("highway").unwrap(),
            order: DecisionOrder::Relevance,
            ..DecisionFilter::default()
        };
        let key = Cursor {
            date: d(2010, 6, 9),
            id: Uuid::now_v7(),
        };
        let newest = key.encode(List::Decisions);
        let scored = RankedCursor { score: 5, key }.encode();
        assert_eq!(
            After::decode(&DecisionFilter::default(), &newest).unwrap(),
            After::Newest(key)
        );
        assert_eq!(
            After::decode(&ranked, &scored).unwrap(),
            After::Ranked(RankedCursor { score: 5, key })
        );
        assert!(After::decode(&ranked, &newest).is_err());
        assert!(After::decode(&DecisionFilter::default(), &scored).is_err());
    }

    #[test]
    fn a_relevance_order_without_a_text_search_is_the_newest_first_list() {
        let filter = DecisionFilter {
            order: DecisionOrder::Relevance,
            ..DecisionFilter::default()
        };
        let tenant = TenantId::new();
        let page = |filter: &DecisionFilter| {
            decisions_page(
                Dialect::Postgres,
                tenant,
                Audience::Public,
                filter,
                None,
                21,
                Detail::Full,
            )
        };
        assert_eq!(page(&filter), page(&DecisionFilter::default()));
    }
}
