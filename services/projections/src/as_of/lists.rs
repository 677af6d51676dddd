//! The register's lists as they stood at a moment: the live lists' conditions, order, cursors
//! and pages, over the views of a [`RegisterAt`] as the viewer would have seen them then.
//!
//! Supported: every condition of the meetings list and the forward plan, and every condition of
//! the decisions list but its text search (refused with [`ProjectionError::NotAsOf`], never
//! ignored). Cursors are the live lists' own, so paging works the same way.

use chrono::NaiveDate;

use super::RegisterAt;
use crate::error::ProjectionError;
use crate::query::cursor::{Cursor, List};
use crate::query::{DecisionFilter, MeetingFilter, Page, PageRequest, Viewer};
use crate::views::history::{Historic, Reader};
use crate::views::{
    DecisionView, ForwardPlanStatusView, ForwardPlanView, MeetingView, StrategyDocumentView,
};

/// Which way a list runs by its sort key (date, then id).
#[derive(Clone, Copy)]
enum Order {
    Ascending,
    Descending,
}

impl RegisterAt {
    /// The decisions list as it stood: those `viewer` could see then that `filter` selects,
    /// newest first. A text search is refused.
    pub fn decisions(
        &self,
        viewer: Viewer,
        filter: &DecisionFilter,
        page: &PageRequest,
    ) -> Result<Page<DecisionView>, ProjectionError> {
        filter.check_as_of()?;
        let items = self
            .seen(&self.decisions, viewer)
            .filter(|view| filter.matches(view))
            .map(|view| (key(view.sort_date(), view.id.as_uuid()), view));
        paged(items, List::Decisions, Order::Descending, page)
    }

    /// The forward plan as it stood: entries then awaiting decision, due on or after `from`
    /// (default: the moment's day), soonest first.
    pub fn forward_plan(
        &self,
        viewer: Viewer,
        from: Option<NaiveDate>,
        page: &PageRequest,
    ) -> Result<Page<ForwardPlanView>, ProjectionError> {
        let from = from.unwrap_or(self.day);
        let items = self
            .seen(&self.entries, viewer)
            .filter(|entry| {
                matches!(
                    entry.status,
                    ForwardPlanStatusView::Planned
                        | ForwardPlanStatusView::OnHold
                        | ForwardPlanStatusView::Deferred
                ) && entry.sort_date() >= from
            })
            .map(|entry| (key(entry.sort_date(), entry.id.as_uuid()), entry));
        paged(items, List::ForwardPlan, Order::Ascending, page)
    }

    /// The meetings list as it stood, newest first.
    pub fn meetings(
        &self,
        viewer: Viewer,
        filter: &MeetingFilter,
        page: &PageRequest,
    ) -> Result<Page<MeetingView>, ProjectionError> {
        let items = self
            .seen(&self.meetings, viewer)
            .filter(|meeting| {
                let date = meeting.record.date;
                filter
                    .body
                    .is_none_or(|body| meeting.record.body.body_id == body)
                    && filter.from.is_none_or(|from| date >= from)
                    && filter.to.is_none_or(|to| date <= to)
            })
            .map(|meeting| (key(meeting.record.date, meeting.id.as_uuid()), meeting));
        paged(items, List::Meetings, Order::Descending, page)
    }

    /// The strategy documents as they stood, by title then id.
    pub fn strategy_documents(&self, viewer: Viewer) -> Vec<StrategyDocumentView> {
        let mut documents: Vec<_> = self.seen(&self.strategies, viewer).collect();
        documents.sort_by(|a, b| {
            (a.title.as_str(), a.id.as_uuid()).cmp(&(b.title.as_str(), b.id.as_uuid()))
        });
        documents
    }

    /// `views` as `viewer` would have seen them then (for the public: public records only, with
    /// links only to decisions public then).
    fn seen<'a, V: Historic>(
        &'a self,
        views: &'a [V],
        viewer: Viewer,
    ) -> impl Iterator<Item = V> + 'a {
        let reader = match viewer {
            Viewer::Public => Reader::Public(&self.public_decisions),
            Viewer::Clerk | Viewer::Auditor => Reader::Full,
        };
        views
            .iter()
            .filter_map(move |view| reader.sees(view.clone()))
    }
}

fn key(date: NaiveDate, id: uuid::Uuid) -> Cursor {
    Cursor { date, id }
}

/// One page of `items` in `order`, after the request's cursor (of `list`), with the whole
/// list's count, as the live lists page.
fn paged<V>(
    items: impl Iterator<Item = (Cursor, V)>,
    list: List,
    order: Order,
    request: &PageRequest,
) -> Result<Page<V>, ProjectionError> {
    let size = request.size()? as usize;
    let after = request
        .after
        .as_deref()
        .map(|text| Cursor::decode(list, text))
        .transpose()?;
    let sort = |c: &Cursor| (c.date, c.id);
    let mut items: Vec<(Cursor, V)> = items.collect();
    items.sort_by(|(a, _), (b, _)| match order {
        Order::Ascending => sort(a).cmp(&sort(b)),
        Order::Descending => sort(b).cmp(&sort(a)),
    });
    let total_count = items.len() as u64;
    let rest: Vec<(Cursor, V)> = items
        .into_iter()
        .filter(|(cursor, _)| {
            after.is_none_or(|after| match order {
                Order::Ascending => sort(cursor) > sort(&after),
                Order::Descending => sort(cursor) < sort(&after),
            })
        })
        .collect();
    Ok(Page {
        has_next_page: rest.len() > size,
        items: rest
            .into_iter()
            .take(size)
            .map(|(cursor, view)| (cursor.encode(list), view))
            .collect(),
        total_count,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn item(day: u32, id: u128) -> (Cursor, u128) {
        let date = NaiveDate::from_ymd_opt(2010, 6, day).unwrap();
        (key(date, uuid::Uuid::from_u128(id)), id)
    }

    fn request(first: u32, after: Option<String>) -> PageRequest {
        PageRequest { first, after }
    }

    #[test]
    fn a_past_list_pages_by_the_live_lists_cursors_newest_first() {
        let items = || [item(9, 1), item(11, 2), item(9, 3), item(1, 4)].into_iter();
        let first = paged(
            items(),
            List::Decisions,
            Order::Descending,
            &request(2, None),
        )
        .unwrap();
        assert_eq!(first.total_count, 4);
        assert!(first.has_next_page);
        let ids: Vec<u128> = first.items.iter().map(|(_, id)| *id).collect();
        assert_eq!(ids, [2, 3]);
        let after = first.items.last().unwrap().0.clone();
        let rest = paged(
            items(),
            List::Decisions,
            Order::Descending,
            &request(2, Some(after)),
        );
        let rest = rest.unwrap();
        assert_eq!(
            rest.total_count, 4,
            "the whole list's count, as the live list gives it"
        );
        assert!(!rest.has_next_page);
        let ids: Vec<u128> = rest.items.iter().map(|(_, id)| *id).collect();
        assert_eq!(ids, [1, 4]);
    }

    #[test]
    fn a_past_list_runs_soonest_first_when_the_live_list_does() {
        let items = [item(9, 3), item(1, 4), item(9, 1)].into_iter();
        let page = paged(
            items,
            List::ForwardPlan,
            Order::Ascending,
            &request(5, None),
        )
        .unwrap();
        let ids: Vec<u128> = page.items.iter().map(|(_, id)| *id).collect();
        assert_eq!(ids, [4, 1, 3]);
    }

    #[test]
    fn another_lists_cursor_and_a_bad_page_size_are_refused() {
        let (cursor, _) = item(9, 1);
        let meetings = cursor.encode(List::Meetings);
        let refused = paged(
            [item(9, 1)].into_iter(),
            List::Decisions,
            Order::Descending,
            &request(1, Some(meetings)),
        );
        assert!(matches!(refused, Err(ProjectionError::InvalidCursor)));
        let refused = paged(
            [item(9, 1)].into_iter(),
            List::Decisions,
            Order::Descending,
            &request(0, None),
        );
        assert!(matches!(refused, Err(ProjectionError::InvalidPage(_))));
    }

    #[test]
    fn a_text_search_is_refused_as_of_a_moment_and_blank_text_is_no_condition() {
        let filter = |text: &str| DecisionFilter {
            text: crate::query::SearchQuery::parse(text).unwrap(),
            ..DecisionFilter::default()
        };
        assert!(matches!(
            filter("strategy").check_as_of(),
            Err(ProjectionError::NotAsOf {
                field: "filter.text",
                ..
            })
        ));
        assert!(filter("  ").check_as_of().is_ok());
        assert!(DecisionFilter::default().check_as_of().is_ok());
    }
}
