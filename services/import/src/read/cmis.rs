//! CMIS (DotNetNuke) meeting pages: a meeting's summary and the meeting list view. The month
//! calendar (days without a year) and a meeting's documents tab (no committee, no date) are
//! recognised and refused, saying why.

use super::decision_text::strip_file_size;
use super::dom::{contains_ignore_case, elements, has_class, is};
use super::labels::{Label, lookup};
use super::render::inline_text;
use crate::page::{Field, PageKind, RawDocument, RawField, RawRecord, ReadError, RecordKind};
use ego_tree::NodeId;
use scraper::{ElementRef, Html};

/// The CMIS pages told apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CmisPage {
    /// A meeting's summary: labelled committee, date/time, status, venue.
    Meeting,
    /// The list view: a grid row per meeting.
    MeetingList,
    /// The month calendar (printer view).
    MonthCalendar,
    /// A meeting's documents tab.
    Documents,
}

/// Which CMIS page this is, if it is one.
pub(crate) fn detect(doc: &Html) -> Option<CmisPage> {
    let root = doc.root_element();
    if !is_cmis(root) {
        return None;
    }
    let id_has = |part: &str| {
        elements(root).any(|e| {
            e.value()
                .id()
                .is_some_and(|id| contains_ignore_case(id, part))
        })
    };
    let class_is = |class: &str| elements(root).any(|e| has_class(e, class));
    if !summary_labels(root).is_empty() {
        Some(CmisPage::Meeting)
    } else if class_is("SimpleCalendarDate") || id_has("MeetingCalendarPublicPrinter") {
        Some(CmisPage::MonthCalendar)
    } else if class_is("MeetingCalendarListView")
        || id_has("MeetingCalendarPublicList")
        || !grid_rows(root).is_empty()
    {
        Some(CmisPage::MeetingList)
    } else if class_is("CmisDocumentList") || id_has("ViewMeetingPublic") {
        Some(CmisPage::Documents)
    } else {
        None
    }
}

/// Whether the markup is CMIS's (DotNetNuke's modules, CMIS's own classes or addresses): a
/// `label` saying "Status" on some other site's form must not make it a meeting.
fn is_cmis(root: ElementRef<'_>) -> bool {
    elements(root).any(|e| {
        e.value().classes().any(|c| {
            let c = c.to_ascii_lowercase();
            c.starts_with("dnn") || c.starts_with("cmis") || c.contains("_cmis")
        }) || e.value().id().is_some_and(|id| id.starts_with("dnn_"))
            || e.attr("href")
                .is_some_and(|h| contains_ignore_case(h, "cmis"))
    })
}

/// The summary's label elements with the field each names: the outermost `DNNLabel` blocks, or
/// bare `label`s on pages without them.
fn summary_labels(root: ElementRef<'_>) -> Vec<(ElementRef<'_>, Field, String)> {
    let blocks: Vec<ElementRef<'_>> = elements(root).filter(|e| is_label(*e)).collect();
    blocks
        .into_iter()
        .filter(|b| !b.ancestors().filter_map(ElementRef::wrap).any(is_label))
        .filter_map(|b| {
            let shown = inline_text(b, None);
            match lookup(&shown) {
                Some(Label::Field(f)) => Some((b, f, shown)),
                _ => None,
            }
        })
        .collect()
}

fn is_label(e: ElementRef<'_>) -> bool {
    has_class(e, "DNNLabel") || e.value().name() == "label"
}

/// Reads a meeting's summary page. Each label is paired with the nearest value element that
/// follows it in document order and is not inside another label: the class names cannot be
/// trusted (Birmingham's Status value has class `Value Venue`, and its Venue block sits inside
/// the Status block).
pub(crate) fn read_meeting(doc: &Html, url: Option<&str>) -> Result<RawRecord, ReadError> {
    let root = doc.root_element();
    let labels = summary_labels(root);
    let order: Vec<ElementRef<'_>> = elements(root).collect();
    let label_ids: Vec<NodeId> = labels.iter().map(|(l, _, _)| l.id()).collect();
    let inside_label = |e: ElementRef<'_>| {
        label_ids.contains(&e.id()) || e.ancestors().any(|a| label_ids.contains(&a.id()))
    };
    let mut fields = Vec::new();
    for (label, field, shown) in &labels {
        let Some(at) = order.iter().position(|e| e.id() == label.id()) else {
            continue;
        };
        // Past the label's own subtree, up to the next label.
        let after = order
            .iter()
            .skip(at + 1)
            .filter(|e| !e.ancestors().any(|a| a.id() == label.id()));
        let mut value = None;
        for e in after {
            if label_ids.contains(&e.id()) {
                break;
            }
            if inside_label(*e) {
                continue;
            }
            if has_class(*e, "Value") {
                value = Some(inline_text(*e, None));
                break;
            }
        }
        if let Some(text) = value.filter(|t| !t.is_empty()) {
            fields.push(RawField {
                field: *field,
                label: shown.clone(),
                text,
            });
        }
    }
    if fields.is_empty() {
        return Err(ReadError::NoRecords(PageKind::CmisMeeting));
    }
    let documents = elements(root)
        .filter(|e| has_class(*e, "DocumentListItem"))
        .filter_map(|li| elements(li).find(|a| a.value().name() == "a" && a.attr("href").is_some()))
        .filter_map(|a| {
            let title = strip_file_size(&inline_text(a, Some("FileSize"))).to_owned();
            (!title.is_empty()).then(|| RawDocument {
                title,
                href: a.attr("href").map(str::to_owned),
            })
        })
        .collect();
    let system_id = url.and_then(meeting_id).or_else(|| {
        elements(root)
            .filter_map(|a| a.attr("href"))
            .find_map(meeting_id)
    });
    Ok(RawRecord {
        kind: RecordKind::Meeting,
        system_id,
        url: url.map(str::to_owned),
        fields,
        documents,
        links: Vec::new(),
    })
}

/// The Telerik grid's data rows.
fn grid_rows(root: ElementRef<'_>) -> Vec<ElementRef<'_>> {
    elements(root)
        .filter(|e| is(*e, Some("tr"), Some("rgRow")) || is(*e, Some("tr"), Some("rgAltRow")))
        .collect()
}

/// Reads the list view: one meeting per grid row. The link text "9 Jul 2026 11:00 - Planning
/// Committee" gives the date and time and the committee; the venue is the "Venue" column (the
/// second cell when no header says).
pub(crate) fn read_meeting_list(doc: &Html) -> Result<Vec<RawRecord>, ReadError> {
    let root = doc.root_element();
    let headers: Vec<String> = elements(root)
        .filter(|e| e.value().name() == "th")
        .map(|th| inline_text(th, None))
        .collect();
    let venue_col = headers
        .iter()
        .position(|h| lookup(h) == Some(Label::Field(Field::Venue)))
        .unwrap_or(1);
    let when_label = headers.first().cloned().unwrap_or_default();
    let venue_label = headers.get(venue_col).cloned().unwrap_or_default();

    let mut records = Vec::new();
    for row in grid_rows(root) {
        let cells: Vec<ElementRef<'_>> = row
            .child_elements()
            .filter(|c| c.value().name() == "td")
            .collect();
        let Some(link) =
            elements(row).find(|a| a.value().name() == "a" && a.attr("href").is_some())
        else {
            continue;
        };
        let href = link.attr("href").unwrap_or_default();
        let text = inline_text(link, None);
        let (when, committee) = match text.split_once(" - ") {
            Some((w, c)) => (w.trim(), c.trim()),
            None => (text.as_str(), ""),
        };
        let mut fields = Vec::new();
        for (field, label, value) in [
            (Field::MeetingDateTime, &when_label, when.to_owned()),
            (Field::Committee, &when_label, committee.to_owned()),
            (
                Field::Venue,
                &venue_label,
                cells
                    .get(venue_col)
                    .map(|c| inline_text(*c, None))
                    .unwrap_or_default(),
            ),
        ] {
            if !value.is_empty() {
                fields.push(RawField {
                    field,
                    label: label.clone(),
                    text: value,
                });
            }
        }
        if fields.is_empty() {
            continue;
        }
        records.push(RawRecord {
            kind: RecordKind::Meeting,
            system_id: meeting_id(href),
            url: Some(href.to_owned()),
            fields,
            documents: Vec::new(),
            links: Vec::new(),
        });
    }
    if records.is_empty() {
        return Err(ReadError::NoRecords(PageKind::CmisMeetingList));
    }
    Ok(records)
}

/// The meeting id in a CMIS address: the path segment after `/Meeting/`.
fn meeting_id(href: &str) -> Option<String> {
    let path = href.split(['?', '#']).next().unwrap_or("");
    let mut segments = path.split('/');
    while let Some(s) = segments.next() {
        if s.eq_ignore_ascii_case("Meeting") {
            let id = segments.next()?;
            if !id.is_empty() && id.chars().all(|c| c.is_ascii_digit()) {
                return Some(id.to_owned());
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meeting_ids_come_from_the_path() {
        assert_eq!(
            meeting_id("https://x/Meetings/tabid/70/ctl/ViewMeetingPublic/mid/397/Meeting/15042/Committee/4/Default.aspx")
                .as_deref(),
            Some("15042")
        );
        assert_eq!(meeting_id("https://x/VenueID/13/Default.aspx"), None);
        assert_eq!(meeting_id("/Meeting/"), None);
    }

    #[test]
    fn a_label_takes_the_next_value_outside_other_labels() {
        let doc = Html::parse_document(
            "<div class=\"holder\"><div class=\"DNNLabel\"><label>Status:</label></div>\
             <div class=\"Value Venue\">Scheduled</div>\
             <div class=\"holder\"><div class=\"DNNLabel\"><label><span>Venue:</span></label></div>\
             <div class=\"Value\">Room 1</div></div></div>",
        );
        assert_eq!(detect(&doc), Some(CmisPage::Meeting));
        let r = read_meeting(&doc, None).unwrap();
        assert_eq!(r.get(Field::MeetingStatus), Some("Scheduled"));
        assert_eq!(r.get(Field::Venue), Some("Room 1"));
    }

    #[test]
    fn a_label_with_no_value_before_the_next_label_has_none() {
        let doc = Html::parse_document(
            "<div class=\"DNNLabel\"><label>Status:</label></div>\
             <div class=\"DNNLabel\"><label>Venue:</label></div><div class=\"Value\">Room</div>",
        );
        let r = read_meeting(&doc, None).unwrap();
        assert_eq!(r.get(Field::MeetingStatus), None);
        assert_eq!(r.get(Field::Venue), Some("Room"));
    }
}
