//! ModernGov forward plans: one forward-plan item or issue (`mgIssueHistoryHome.aspx`, "Issue
//! details"), as HTML or as its text rendering, and a forward plan listing several
//! (`mgListPlanItems.aspx`).
//!
//! An item is read like a decision's details (see [`super::decision_text`]): heading, title,
//! labelled fields. Its labels are re-mapped first ([`remap`]): "Status:" and "Decision status:"
//! are the entry's own status here, and a "Decisions" section lists the meetings that took the
//! issue, which is no field's text. The HTML adds what text cannot show: the subtitle heading
//! as title, the `IId=` from the page's address, meeting links.
//!
//! A list has one block per item, opened by a title link to the item's page: each block is
//! rendered to lines and read with the same rules.

use super::decision_text::read_record;
use super::dom::{elements, form_action_to, links_to, query_value};
use super::labels::{Label, lookup, normalise};
use super::moderngov::{content_block, content_lines, dom_documents, record_links, subtitle};
use super::render::{inline_text, lines};
use crate::page::{Field, LinkKind, PageKind, RawField, RawRecord, ReadError, RecordKind};
use scraper::{ElementRef, Html};

/// The pages that show one forward-plan item; their `IId=` is the entry's id.
const ITEM_PAGES: &[&str] = &[
    "mgIssueHistoryHome.aspx",
    "mgIssueHistoryChronology.aspx",
    "mgForwardPlanItem.aspx",
    "ieIssueDetails.aspx",
];

/// The forward plan's own page.
const LIST_PAGE: &str = "mgListPlanItems.aspx";

/// What a label names on a forward-plan page. The table's "Status" (a meeting's) and "Decision
/// status" (a decision's) are the entry's status here; a "Decisions" heading opens the list of
/// meetings that took the issue, read past so it does not run on as the text of the field
/// before it.
pub(crate) fn remap(label: Label, shown: &str) -> Option<Label> {
    Some(match label {
        Label::Field(Field::MeetingStatus | Field::DecisionStatus) => {
            Label::Field(Field::EntryStatus)
        }
        Label::Field(Field::Decision) if lists_meetings(shown) => Label::Ignored,
        other => other,
    })
}

/// Whether a label is the plural "Decisions" heading (either half of a bilingual one), not a
/// "Decision:" field.
fn lists_meetings(shown: &str) -> bool {
    normalise(shown)
        .split('/')
        .any(|half| matches!(normalise(half).as_str(), "decisions" | "penderfyniadau"))
}

/// Whether the page's address, or the form ModernGov posts it back with, names one of `pages`.
fn address_names(doc: &Html, url: Option<&str>, pages: &[&str]) -> bool {
    url.is_some_and(|u| pages.iter().any(|p| links_to(u, p)))
        || pages.iter().any(|p| form_action_to(doc, p).is_some())
}

/// Whether the page's address (or form action) names a forward-plan item's page.
pub(crate) fn is_item_address(doc: &Html, url: Option<&str>) -> bool {
    address_names(doc, url, ITEM_PAGES)
}

/// Whether the document is a forward plan listing items: its address says so, or (another
/// theme, an address not saved) a top heading names a forward plan and it links to at least two
/// items.
pub(crate) fn is_list(doc: &Html, url: Option<&str>) -> bool {
    if address_names(doc, url, &[LIST_PAGE]) {
        return true;
    }
    if is_item_address(doc, url) {
        return false;
    }
    let root = doc.root_element();
    let headed = elements(root)
        .filter(|e| matches!(e.value().name(), "h1" | "h2"))
        .any(|h| is_list_heading(&inline_text(h, None)));
    // Two, because a decision's or an item's page links to its own issue once.
    headed && item_starts(root).len() >= 2
}

/// "Forward plan", "Forward plan - June 2026 to September 2026", "Plan items": but not an
/// item's "Forward plan item".
fn is_list_heading(text: &str) -> bool {
    let key = normalise(text);
    (key.starts_with("forward plan") || key.contains("plan items"))
        && lookup(text) != Some(Label::ForwardPlanHeading)
}

/// The entry's id: the `IId=` of the page's address, or of its form action, when either
/// names an item's page.
fn item_id(doc: &Html, url: Option<&str>) -> Option<String> {
    url.filter(|u| ITEM_PAGES.iter().any(|p| links_to(u, p)))
        .map(str::to_owned)
        .or_else(|| ITEM_PAGES.iter().find_map(|p| form_action_to(doc, p)))
        .and_then(|u| query_value(&u, "IId"))
}

/// Reads a forward-plan item from text lines (a saved text rendering). Text shows no address,
/// so the record has no id.
pub(crate) fn read_item_text(lines: &[String]) -> Result<RawRecord, ReadError> {
    let record = read_record(lines, RecordKind::ForwardPlanEntry, remap);
    if record.get(Field::Title).is_none() {
        return Err(ReadError::NoRecords(PageKind::ForwardPlanItem));
    }
    Ok(record)
}

/// Reads a forward-plan item's HTML page.
pub(crate) fn read_item(doc: &Html, url: Option<&str>) -> Result<RawRecord, ReadError> {
    let block = content_block(doc);
    let mut record = read_record(
        &content_lines(doc, block),
        RecordKind::ForwardPlanEntry,
        remap,
    );
    // The subtitle heading is the title as the page marks it up; the text's guess (the line
    // after the heading) keeps its label.
    if let Some(title) = subtitle(doc) {
        set_title(&mut record, title, String::new());
    }
    let scope = block.unwrap_or_else(|| doc.root_element());
    // Only labelled document lists: the item's other lists are of meetings.
    record.documents = dom_documents(scope, false);
    record.system_id = item_id(doc, url);
    record.url = url.map(str::to_owned);
    let own = record.system_id.clone();
    // The page's links to itself (its history tabs) are not links to another record.
    record.links = record_links(scope)
        .into_iter()
        .filter(|l| !(l.kind == LinkKind::Issue && Some(&l.system_id) == own.as_ref()))
        .collect();
    if record.get(Field::Title).is_none() {
        return Err(ReadError::NoRecords(PageKind::ForwardPlanItem));
    }
    Ok(record)
}

/// Sets the record's title, keeping the label of one already read (a heading), else giving
/// it `label` at the front.
fn set_title(record: &mut RawRecord, title: String, label: String) {
    match record.fields.iter_mut().find(|f| f.field == Field::Title) {
        Some(f) => f.text = title,
        None => record.fields.insert(
            0,
            RawField {
                field: Field::Title,
                label,
                text: title,
            },
        ),
    }
}

/// An item link (to an item's page with an `IId=`) and that id.
fn item_link(el: ElementRef<'_>) -> Option<(&str, String)> {
    if el.value().name() != "a" {
        return None;
    }
    let href = el.attr("href")?;
    if !ITEM_PAGES.iter().any(|p| links_to(href, p)) {
        return None;
    }
    Some((href, query_value(href, "IId")?))
}

/// The first link to each item, in page order: an item may link to itself more than once (a
/// title and a "more" link), and only its first opens its block.
fn item_starts(scope: ElementRef<'_>) -> Vec<(ElementRef<'_>, String)> {
    let mut out: Vec<(ElementRef<'_>, String)> = Vec::new();
    for el in elements(scope) {
        if let Some((_, id)) = item_link(el)
            && !out.iter().any(|(_, seen)| *seen == id)
        {
            out.push((el, id));
        }
    }
    out
}

/// Whether `el` holds a link to an item other than `id`.
fn holds_other_item(el: ElementRef<'_>, id: &str) -> bool {
    elements(el).any(|e| item_link(e).is_some_and(|(_, other)| other != id))
}

/// The elements of one item's block: the widest element around its link that holds no other
/// item (a wrapper `div`, a table row), then the siblings after it up to the next item (when
/// items are not wrapped, a title paragraph and the lines after it).
fn item_block<'a>(link: ElementRef<'a>, id: &str, scope: ElementRef<'a>) -> Vec<ElementRef<'a>> {
    let mut block = link;
    while let Some(parent) = block.parent().and_then(ElementRef::wrap) {
        if parent == scope || holds_other_item(parent, id) {
            break;
        }
        block = parent;
    }
    let mut parts = vec![block];
    for sibling in block.next_siblings().filter_map(ElementRef::wrap) {
        if holds_other_item(sibling, id) {
            break;
        }
        parts.push(sibling);
    }
    parts
}

/// The fields of an item that is one row of a table with a header row (a plan set out as a
/// grid, "Title | Decision due | Decision maker"): each cell under a header the label table
/// knows. `None` when the item is not such a row, so its lines are read instead.
fn row_fields(row: ElementRef<'_>) -> Option<Vec<RawField>> {
    if row.value().name() != "tr" {
        return None;
    }
    let table = row
        .ancestors()
        .filter_map(ElementRef::wrap)
        .find(|a| a.value().name() == "table")?;
    // A header row is all `th`: a row of "th label, td value" is a field, not headers.
    let header = elements(table)
        .filter(|e| e.value().name() == "tr")
        .find(|tr| {
            let c = cells(*tr);
            !c.is_empty() && c.iter().all(|c| c.value().name() == "th")
        })?;
    if header == row {
        return None;
    }
    let headers: Vec<String> = cells(header)
        .into_iter()
        .map(|th| inline_text(th, None))
        .collect();
    let mut fields = Vec::new();
    for (cell, shown) in cells(row).into_iter().zip(&headers) {
        let Some(Label::Field(field)) = lookup(shown).and_then(|l| remap(l, shown)) else {
            continue;
        };
        let text = inline_text(cell, None);
        if field != Field::Title && !text.is_empty() {
            fields.push(RawField {
                field,
                label: shown.clone(),
                text,
            });
        }
    }
    Some(fields)
}

/// A table row's cells.
fn cells(tr: ElementRef<'_>) -> Vec<ElementRef<'_>> {
    tr.child_elements()
        .filter(|c| matches!(c.value().name(), "td" | "th"))
        .collect()
}

/// Reads every item of a forward plan, in page order.
pub(crate) fn read_list(doc: &Html) -> Result<Vec<RawRecord>, ReadError> {
    let scope = content_block(doc).unwrap_or_else(|| doc.root_element());
    let mut records = Vec::new();
    for (link, id) in item_starts(scope) {
        let title = inline_text(link, None);
        if title.is_empty() {
            continue;
        }
        let parts = item_block(link, &id, scope);
        let mut text: Vec<String> = Vec::new();
        for part in &parts {
            if !text.is_empty() {
                text.push(String::new());
            }
            text.extend(lines(*part));
        }
        // No heading in a block: its title line is unlabelled and read past, so the fields
        // are what follows it.
        let mut record = read_record(&text, RecordKind::ForwardPlanEntry, remap);
        record.fields.retain(|f| f.field != Field::Title);
        if let Some(fields) = parts.first().and_then(|row| row_fields(*row)) {
            record.fields = fields;
        }
        set_title(&mut record, title, String::new());
        record.documents = parts
            .iter()
            .flat_map(|p| dom_documents(*p, false))
            .collect();
        record.url = item_link(link).map(|(href, _)| href.to_owned());
        record.system_id = Some(id);
        records.push(record);
    }
    if records.is_empty() {
        return Err(ReadError::NoRecords(PageKind::ForwardPlanList));
    }
    Ok(records)
}

#[cfg(test)]
mod tests {
    use super::super::labels::split_labelled;
    use super::*;

    fn remapped(line: &str) -> Option<Label> {
        split_labelled(line).and_then(|(label, shown, _)| remap(label, shown))
    }

    #[test]
    fn statuses_are_the_entry_s_and_decisions_are_read_past() {
        assert_eq!(
            remapped("Status: For determination"),
            Some(Label::Field(Field::EntryStatus))
        );
        assert_eq!(
            remapped("Decision status: Deferred"),
            Some(Label::Field(Field::EntryStatus))
        );
        assert_eq!(remapped("Decisions"), Some(Label::Ignored));
        assert_eq!(remapped("Decisions / Penderfyniadau"), Some(Label::Ignored));
        // A singular "Decision:" is still the decision's text.
        assert_eq!(remapped("Decision: x"), Some(Label::Field(Field::Decision)));
        assert_eq!(
            remapped("Decision due: 1 Jul 2026"),
            Some(Label::Field(Field::DateDue))
        );
    }

    #[test]
    fn addresses_and_headings_tell_items_from_lists() {
        let doc = Html::parse_document("<form action=\"mgIssueHistoryHome.aspx?IId=9\"></form>");
        assert!(is_item_address(&doc, None));
        assert!(!is_list(&doc, None));
        assert_eq!(item_id(&doc, None).as_deref(), Some("9"));
        let doc = Html::parse_document("<p>x</p>");
        assert!(is_list(&doc, Some("https://a/mgListPlanItems.aspx?RP=1")));
        assert!(is_item_address(
            &doc,
            Some("https://a/ieIssueDetails.aspx?IId=3")
        ));
        assert!(is_list_heading(
            "Forward plan - 1 June 2026 to 30 September 2026"
        ));
        assert!(is_list_heading("Plan items"));
        assert!(!is_list_heading("Forward plan item"));
        let two = "<h1>Forward plan</h1><p><a href=\"mgIssueHistoryHome.aspx?IId=1\">A</a></p>\
                   <p><a href=\"mgIssueHistoryHome.aspx?IId=2\">B</a></p>";
        assert!(is_list(&Html::parse_document(two), None));
        let one = "<h1>Forward plan</h1><p><a href=\"mgIssueHistoryHome.aspx?IId=1\">A</a></p>";
        assert!(!is_list(&Html::parse_document(one), None));
    }

    #[test]
    fn unwrapped_list_items_run_to_the_next_item() {
        let html = "<div id=\"modgov\"><h1>Forward plan</h1>\
            <h3><a href=\"mgIssueHistoryHome.aspx?IId=1\">First</a></h3>\
            <p>Decision due: 1 Jul 2026</p><p>Status: Deferred</p>\
            <h3><a href=\"mgIssueHistoryHome.aspx?IId=2\">Second</a></h3>\
            <p>Decision due: August 2026</p><p><a href=\"mgIssueHistoryHome.aspx?IId=2\">More</a></p></div>";
        let records = read_list(&Html::parse_document(html)).unwrap();
        let got: Vec<Vec<(Field, &str)>> = records
            .iter()
            .map(|r| {
                r.fields
                    .iter()
                    .map(|f| (f.field, f.text.as_str()))
                    .collect()
            })
            .collect();
        assert_eq!(
            got,
            [
                vec![
                    (Field::Title, "First"),
                    (Field::DateDue, "1 Jul 2026"),
                    (Field::EntryStatus, "Deferred"),
                ],
                vec![(Field::Title, "Second"), (Field::DateDue, "August 2026")],
            ]
        );
        assert_eq!(records[1].system_id.as_deref(), Some("2"));
    }

    #[test]
    fn a_plan_set_out_as_a_grid_reads_fields_by_column() {
        let html = "<h1>Forward plan</h1><table><tr><th>Title</th><th>Decision due</th>\
            <th>Status</th></tr><tr><td><a href=\"mgIssueHistoryHome.aspx?IId=1\">First</a></td>\
            <td>July 2026</td><td>Deferred</td></tr><tr><td><a href=\"mgIssueHistoryHome.aspx?IId=2\">\
            Second</a></td><td></td><td>For determination</td></tr></table>";
        let doc = Html::parse_document(html);
        assert!(is_list(&doc, None));
        let records = read_list(&doc).unwrap();
        let got: Vec<Vec<(Field, &str, &str)>> = records
            .iter()
            .map(|r| {
                r.fields
                    .iter()
                    .map(|f| (f.field, f.label.as_str(), f.text.as_str()))
                    .collect()
            })
            .collect();
        assert_eq!(
            got,
            [
                vec![
                    (Field::Title, "", "First"),
                    (Field::DateDue, "Decision due", "July 2026"),
                    (Field::EntryStatus, "Status", "Deferred"),
                ],
                vec![
                    (Field::Title, "", "Second"),
                    (Field::EntryStatus, "Status", "For determination"),
                ],
            ]
        );
    }

    #[test]
    fn an_item_without_a_title_is_no_record() {
        let lines: Vec<String> = ["Issue details", "", "Decision due: 1 Jul 2026"]
            .map(String::from)
            .to_vec();
        assert_eq!(
            read_item_text(&lines),
            Err(ReadError::NoRecords(PageKind::ForwardPlanItem))
        );
    }
}
