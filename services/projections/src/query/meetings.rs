//! Which meetings to list, and the SQL conditions that say so.

use chrono::NaiveDate;
use civic_domain::values::BodyId;

use crate::db::Param;

/// Which meetings to list. Every condition given must hold; the default lists them all. Only
/// what the public may see is filtered on (body and date), so a filter reveals nothing withheld.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MeetingFilter {
    /// Meetings of this body.
    pub body: Option<BodyId>,
    /// Meetings on or after this day.
    pub from: Option<NaiveDate>,
    /// Meetings on or before this day.
    pub to: Option<NaiveDate>,
}

impl MeetingFilter {
    /// The conditions on the `meetings m` table, each beginning with ` AND`, and their
    /// parameters in order.
    pub(crate) fn conditions(&self) -> (String, Vec<Param>) {
        let MeetingFilter { body, from, to } = self;
        let mut sql = String::new();
        let mut params = Vec::new();
        if let Some(body) = body {
            sql.push_str(" AND m.body_id = ?");
            params.push(Param::Uuid(body.as_uuid()));
        }
        if let Some(from) = from {
            sql.push_str(" AND m.meeting_date >= ?");
            params.push(Param::Date(*from));
        }
        if let Some(to) = to {
            sql.push_str(" AND m.meeting_date <= ?");
            params.push(Param::Date(*to));
        }
        (sql, params)
    }
}
