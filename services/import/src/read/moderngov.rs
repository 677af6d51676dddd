//! ModernGov HTML: a decision's details page (`ieDecisionDetails.aspx`) and the lists of
//! decisions (`mgDelegatedDecisions.aspx`, `mgListOfficerDecisions.aspx`).
//!
//! A details page is read from its rendered text (see [`super::decision_text`]), so themes and
//! versions that move the markup about but keep the words still read; the DOM adds what text
//! cannot show: the title's heading element, document and record links, the page's id.
//! A list is read from its `table.mgTabTable`, columns found by their header words.

use super::decision_text::read_decision;
use super::dom::{elements, first, form_action_to, has_class, is, links_to, query_value};
use super::labels::{Label, lookup};
use super::render::{fold, inline_text, lines, lines_skipping};
use crate::page::{
    Field, LinkKind, PageKind, RawDocument, RawField, RawLink, RawRecord, ReadError, RecordKind,
};
use scraper::{ElementRef, Html};

const DETAILS_PAGE: &str = "ieDecisionDetails.aspx";
const ISSUE_PAGE: &str = "mgIssueHistoryHome.aspx";
const MEETING_PAGE: &str = "ieListDocuments.aspx";

/// Whether the document is a ModernGov list of decisions: an `mgTabTable` linking to decision
/// details.
pub(crate) fn is_decision_list(doc: &Html) -> bool {
    elements(doc.root_element())
        .filter(|e| is(*e, Some("table"), Some("mgTabTable")))
        .any(|t| elements(t).any(|a| a.attr("href").is_some_and(|h| links_to(h, DETAILS_PAGE))))
}

/// Whether a page address is a decision's details page (`ieDecisionDetails.aspx`).
pub(crate) fn is_details_address(url: &str) -> bool {
    links_to(url, DETAILS_PAGE)
}

/// Whether the document looks like a ModernGov decision's details: its subtitle and content
/// blocks, or the page's address.
pub(crate) fn is_decision_details(doc: &Html, url: Option<&str>) -> bool {
    let root = doc.root_element();
    url.is_some_and(|u| links_to(u, DETAILS_PAGE))
        || (first(root, Some("h2"), Some("mgSubTitleTxt")).is_some()
            && first(root, None, Some("mgContent")).is_some())
}

/// Reads a decision's details page.
pub(crate) fn read_details(doc: &Html, url: Option<&str>) -> Result<RawRecord, ReadError> {
    let root = doc.root_element();
    let block = content_block(doc);
    let mut record = read_decision(&content_lines(doc, block));

    let title = subtitle(doc).or_else(|| {
        // Only when nothing better: the document title less its " - Council" tail.
        let from_text = record.get(Field::Title).is_some();
        (!from_text).then(|| head_title(doc)).flatten()
    });
    if let Some(title) = title {
        match record.fields.iter_mut().find(|f| f.field == Field::Title) {
            Some(f) => f.text = title,
            None => record.fields.insert(
                0,
                RawField {
                    field: Field::Title,
                    label: String::new(),
                    text: title,
                },
            ),
        }
    }

    let scope = block.unwrap_or(root);
    let documents = dom_documents(scope, true);
    if !documents.is_empty() {
        record.documents = documents;
    }
    record.links = record_links(scope);
    record.url = url.map(str::to_owned);
    record.system_id = url
        .map(str::to_owned)
        .or_else(|| form_action_to(doc, DETAILS_PAGE))
        .filter(|u| links_to(u, DETAILS_PAGE))
        .and_then(|u| query_value(&u, "ID"));

    if record.get(Field::Title).is_none() && record.get(Field::DateOfDecision).is_none() {
        return Err(ReadError::NoRecords(PageKind::DecisionDetails));
    }
    Ok(record)
}

/// The register's own block (`div#modgov`, else `div.mgContent`), so a theme's header,
/// navigation and footer stay out.
pub(crate) fn content_block(doc: &Html) -> Option<ElementRef<'_>> {
    let root = doc.root_element();
    elements(root)
        .find(|e| e.value().id() == Some("modgov"))
        .or_else(|| first(root, None, Some("mgContent")))
}

/// The lines of the register's block, or of the whole page less its landmarks when it has
/// none.
pub(crate) fn content_lines(doc: &Html, block: Option<ElementRef<'_>>) -> Vec<String> {
    match block {
        Some(b) => lines(b),
        None => lines_skipping(doc.root_element(), |e| {
            ["nav", "header", "footer"].contains(&e.value().name())
        }),
    }
}

/// The text of ModernGov's subtitle heading (`h2.mgSubTitleTxt`), the record's title.
pub(crate) fn subtitle(doc: &Html) -> Option<String> {
    first(doc.root_element(), Some("h2"), Some("mgSubTitleTxt"))
        .map(|h| inline_text(h, None))
        .filter(|t| !t.is_empty())
}

/// The `<title>`, less a trailing " - Council name".
fn head_title(doc: &Html) -> Option<String> {
    let title = first(doc.root_element(), Some("title"), None)?;
    let text = fold(&title.text().collect::<String>());
    let text = match text.rsplit_once(" - ") {
        Some((before, _)) => before.trim().to_owned(),
        None => text,
    };
    Some(text).filter(|t| !t.is_empty())
}

/// The accompanying documents: the links of the `ul.mgBulletList` that follows an
/// "Accompanying Documents:" label, or failing that (if `any_list`) of any `ul.mgBulletList`
/// in the content. A forward-plan item passes `false`: its other lists are of meetings.
pub(crate) fn dom_documents(scope: ElementRef<'_>, any_list: bool) -> Vec<RawDocument> {
    let lists: Vec<ElementRef<'_>> = elements(scope)
        .filter(|e| is(*e, Some("ul"), Some("mgBulletList")))
        .collect();
    let labelled: Vec<ElementRef<'_>> = lists
        .iter()
        .copied()
        .filter(|ul| {
            ul.prev_siblings()
                .find_map(ElementRef::wrap)
                .is_some_and(|p| lookup(&inline_text(p, None)) == Some(Label::Documents))
        })
        .collect();
    let chosen = if labelled.is_empty() && any_list {
        lists
            .into_iter()
            .filter(|ul| {
                ul.ancestors()
                    .filter_map(ElementRef::wrap)
                    .any(|a| has_class(a, "mgContent"))
            })
            .collect()
    } else {
        labelled
    };
    chosen
        .into_iter()
        .flat_map(elements)
        .filter(|e| e.value().name() == "a")
        .filter_map(|a| {
            let title = inline_text(a, Some("mgFileSize"));
            (!title.is_empty()).then(|| RawDocument {
                title,
                href: a.attr("href").map(str::to_owned),
            })
        })
        .collect()
}

/// Links to the decision's issue and meeting, each once, in page order.
pub(crate) fn record_links(scope: ElementRef<'_>) -> Vec<RawLink> {
    let mut links: Vec<RawLink> = Vec::new();
    for a in elements(scope).filter(|e| e.value().name() == "a") {
        let Some(href) = a.attr("href") else { continue };
        let found = if links_to(href, ISSUE_PAGE) {
            query_value(href, "IId").map(|id| (LinkKind::Issue, id))
        } else if links_to(href, MEETING_PAGE) {
            query_value(href, "MId").map(|id| (LinkKind::Meeting, id))
        } else {
            None
        };
        let Some((kind, system_id)) = found else {
            continue;
        };
        if !links
            .iter()
            .any(|l| l.kind == kind && l.system_id == system_id)
        {
            links.push(RawLink {
                kind,
                system_id,
                href: href.to_owned(),
            });
        }
    }
    links
}

/// Reads every decision row of every `mgTabTable` on the page.
pub(crate) fn read_list(doc: &Html) -> Result<Vec<RawRecord>, ReadError> {
    let records: Vec<RawRecord> = elements(doc.root_element())
        .filter(|e| is(*e, Some("table"), Some("mgTabTable")))
        .flat_map(read_table)
        .collect();
    if records.is_empty() {
        return Err(ReadError::NoRecords(PageKind::DecisionList));
    }
    Ok(records)
}

/// A column of a decision list: the field it holds and its header as shown.
struct Column {
    field: Option<Field>,
    header: String,
}

fn read_table(table: ElementRef<'_>) -> Vec<RawRecord> {
    // Rows of this table only, not of a table nested in a cell.
    let rows: Vec<ElementRef<'_>> = elements(table)
        .filter(|e| e.value().name() == "tr")
        .filter(|tr| nearest_table(*tr) == Some(table))
        .collect();
    let columns: Vec<Column> = rows
        .iter()
        .find(|tr| cells(**tr).iter().any(|c| c.value().name() == "th"))
        .map(|tr| {
            cells(*tr)
                .into_iter()
                .map(|th| {
                    let header = inline_text(th, None);
                    Column {
                        field: column_field(&header),
                        header,
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    rows.into_iter()
        .filter_map(|tr| read_row(tr, &columns))
        .collect()
}

/// The field a list column holds, from its header words.
fn column_field(header: &str) -> Option<Field> {
    let key = super::labels::normalise(header);
    match key.as_str() {
        "title" | "decision" => Some(Field::Title),
        "date" => Some(Field::DateOfDecision),
        _ => match lookup(header) {
            Some(Label::Field(f)) => Some(f),
            _ => None,
        },
    }
}

fn nearest_table<'a>(el: ElementRef<'a>) -> Option<ElementRef<'a>> {
    el.ancestors()
        .filter_map(ElementRef::wrap)
        .find(|a| a.value().name() == "table")
}

fn cells<'a>(tr: ElementRef<'a>) -> Vec<ElementRef<'a>> {
    tr.child_elements()
        .filter(|c| matches!(c.value().name(), "td" | "th"))
        .collect()
}

/// One row as a decision, or `None` for a header row, an empty row or a row that is not a
/// decision (an issue history's).
fn read_row(tr: ElementRef<'_>, columns: &[Column]) -> Option<RawRecord> {
    let cells = cells(tr);
    if cells.iter().any(|c| c.value().name() == "th") || cells.is_empty() {
        return None;
    }
    let title_col = columns
        .iter()
        .position(|c| c.field == Some(Field::Title))
        .or_else(|| {
            cells
                .iter()
                .position(|c| first(*c, Some("a"), None).is_some())
        })
        .unwrap_or(0);
    let title_cell = cells.get(title_col)?;
    let link = elements(*title_cell).find(|e| e.value().name() == "a" && e.attr("href").is_some());
    let href = link.and_then(|a| a.attr("href"));
    if href.is_some_and(|h| !links_to(h, DETAILS_PAGE)) {
        return None;
    }
    let title = inline_text(link.unwrap_or(*title_cell), None);
    if title.is_empty() {
        return None;
    }
    let title_header = columns
        .get(title_col)
        .map(|c| c.header.clone())
        .unwrap_or_default();
    let mut fields = vec![RawField {
        field: Field::Title,
        label: title_header,
        text: title,
    }];
    for (i, cell) in cells.iter().enumerate() {
        let Some(column) = columns.get(i).filter(|_| i != title_col) else {
            continue;
        };
        let Some(field) = column.field else { continue };
        let text = inline_text(*cell, None);
        if !text.is_empty() {
            fields.push(RawField {
                field,
                label: column.header.clone(),
                text,
            });
        }
    }
    Some(RawRecord {
        kind: RecordKind::Decision,
        system_id: href.and_then(|h| query_value(h, "ID")),
        url: href.map(str::to_owned),
        fields,
        documents: Vec::new(),
        links: Vec::new(),
    })
}
