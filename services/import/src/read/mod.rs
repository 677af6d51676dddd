//! Reading saved council pages into [`Page`]s: pure functions from bytes to records of raw,
//! labelled fields. No IO, nothing typed: dates, bodies and wards are the planner's to judge.
//!
//! The steps: decode the bytes (UTF-8, else Windows-1252; a byte-order mark dropped), tell
//! HTML from a text rendering, tell the kind of page, and hand it to its reader:
//! - `decision_text`: a decision's details from text lines (a text page, or rendered HTML);
//! - `moderngov`: ModernGov HTML, decision details and decision lists;
//! - `forward_plan`: ModernGov forward-plan items (HTML or text) and forward plans;
//! - `cmis`: CMIS meeting summaries and list views;
//! - `render`: HTML to text lines; `labels`: the label table; `dom`: DOM helpers.
//!
//! Each field keeps the label the page showed. A title has none of its own: a decision's title
//! (or a forward-plan item's) carries the page heading above it ("Decision details", "Manylion
//! y penderfyniad", "Issue details"), or is
//! unlabelled (empty) when the page has no heading; a list row's carries its column header.

mod cmis;
mod decision_text;
mod dom;
mod forward_plan;
mod labels;
mod moderngov;
mod render;

use crate::page::{Page, PageKind, ReadError};
use cmis::CmisPage;
use labels::{Label, split_labelled};
use scraper::Html;

/// Reads one saved page. `name` is the file name, used only as a hint (to tell HTML from text
/// when the bytes leave it open).
pub fn read_page(bytes: &[u8], name: &str) -> Result<Page, ReadError> {
    let text = decode(bytes)?;
    if is_html(&text, name) {
        read_html(&text)
    } else {
        read_text(&text)
    }
}

/// The bytes as text: UTF-8 (or UTF-16 with its byte-order mark), else Windows-1252, which
/// older council systems still send. Bytes that decode only to control characters are not
/// text.
fn decode(bytes: &[u8]) -> Result<String, ReadError> {
    let text = match encoding_rs::Encoding::for_bom(bytes) {
        Some((encoding, _)) => encoding.decode_with_bom_removal(bytes).0.into_owned(),
        None => match std::str::from_utf8(bytes) {
            Ok(s) => s.to_owned(),
            Err(_) => encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0
                .into_owned(),
        },
    };
    let controls = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}'))
        .count();
    // Real pages have next to none; binary files are full of them (and NULs).
    if text.contains('\0') || controls * 20 > text.chars().count() {
        return Err(ReadError::NotText);
    }
    Ok(text)
}

/// Whether the text is HTML: markup from its first character, else the file name's say, else
/// whether it opens any of the elements every saved page has.
fn is_html(text: &str, name: &str) -> bool {
    let trimmed = text.trim_start();
    if trimmed.starts_with('<') {
        return true;
    }
    if !text.contains('<') {
        return false;
    }
    let lower_name = name.to_ascii_lowercase();
    if [".html", ".htm", ".aspx", ".xhtml"]
        .iter()
        .any(|ext| lower_name.ends_with(ext))
    {
        return true;
    }
    if lower_name.ends_with(".txt") {
        return false;
    }
    let lower = text.to_ascii_lowercase();
    ["<html", "<body", "<div", "<table", "<p>", "<p "]
        .iter()
        .any(|tag| lower.contains(tag))
}

fn read_html(text: &str) -> Result<Page, ReadError> {
    let doc = Html::parse_document(text);
    let url = dom::page_url(&doc);
    let page = |kind, records| Page {
        kind,
        url: url.clone(),
        records,
    };
    // A list page may carry ModernGov's subtitle and content blocks too: only its own address
    // can say it is a decision's details instead.
    let details_address = url.as_deref().is_some_and(moderngov::is_details_address);
    let all_lines = render::lines(doc.root_element());
    // Forward-plan pages first: an item has the subtitle and content blocks, and the decision
    // labels, that make a page look like a decision's details, and may list its decisions.
    if !details_address {
        if forward_plan::is_list(&doc, url.as_deref()) {
            return Ok(page(
                PageKind::ForwardPlanList,
                forward_plan::read_list(&doc)?,
            ));
        }
        if forward_plan::is_item_address(&doc, url.as_deref())
            || classify(&all_lines) == Some(PageKind::ForwardPlanItem)
        {
            let record = forward_plan::read_item(&doc, url.as_deref())?;
            return Ok(page(PageKind::ForwardPlanItem, vec![record]));
        }
    }
    if moderngov::is_decision_list(&doc) && !details_address {
        return Ok(page(PageKind::DecisionList, moderngov::read_list(&doc)?));
    }
    match cmis::detect(&doc) {
        Some(CmisPage::Meeting) => {
            let record = cmis::read_meeting(&doc, url.as_deref())?;
            return Ok(page(PageKind::CmisMeeting, vec![record]));
        }
        Some(CmisPage::MeetingList) => {
            return Ok(page(
                PageKind::CmisMeetingList,
                cmis::read_meeting_list(&doc)?,
            ));
        }
        Some(CmisPage::MonthCalendar) => {
            return Err(ReadError::Unsupported {
                kind: "CMIS month calendar",
                why: "its days carry no year",
            });
        }
        Some(CmisPage::Documents) => {
            return Err(ReadError::Unsupported {
                kind: "CMIS meeting documents",
                why: "it names neither the committee nor the date; import the meeting's summary page",
            });
        }
        None => {}
    }
    // Decision details: by markup or address, or (another theme) by what its text says.
    if moderngov::is_decision_details(&doc, url.as_deref())
        || classify(&all_lines) == Some(PageKind::DecisionDetails)
    {
        let record = moderngov::read_details(&doc, url.as_deref())?;
        return Ok(page(PageKind::DecisionDetails, vec![record]));
    }
    Err(ReadError::UnknownKind)
}

fn read_text(text: &str) -> Result<Page, ReadError> {
    let lines: Vec<String> = text.lines().map(str::to_owned).collect();
    match classify(&lines) {
        Some(PageKind::DecisionDetails) => {}
        Some(PageKind::ForwardPlanItem) => {
            return Ok(Page {
                kind: PageKind::ForwardPlanItem,
                url: None,
                records: vec![forward_plan::read_item_text(&lines)?],
            });
        }
        _ => return Err(ReadError::UnknownKind),
    }
    let record = decision_text::read_decision(&lines);
    if record.get(crate::page::Field::Title).is_none()
        && record.get(crate::page::Field::DateOfDecision).is_none()
    {
        return Err(ReadError::NoRecords(PageKind::DecisionDetails));
    }
    Ok(Page {
        kind: PageKind::DecisionDetails,
        url: None,
        records: vec![record],
    })
}

/// What one record's lines are, by what they say: the first page heading decides ("Decision
/// details" a decision's, "Issue details" a forward-plan item's); without one, a "Decision
/// due" label and no "Date of decision" make a forward-plan item, and at least two decision
/// labels a decision. `None` when they are neither.
fn classify(lines: &[String]) -> Option<PageKind> {
    use crate::page::Field;
    const DECISION_FIELDS: &[Field] = &[
        Field::DecisionMaker,
        Field::DecisionStatus,
        Field::KeyDecision,
        Field::SubjectToCallIn,
        Field::DateOfDecision,
        Field::DecidedAt,
        Field::PublicationDate,
        Field::EffectiveFrom,
    ];
    let mut labelled = 0;
    let (mut due, mut decided) = (false, false);
    for line in lines {
        match split_labelled(line.trim()) {
            Some((Label::DecisionHeading, _, "")) => return Some(PageKind::DecisionDetails),
            Some((Label::ForwardPlanHeading, _, "")) => return Some(PageKind::ForwardPlanItem),
            Some((Label::Field(Field::DateDue), _, _)) => due = true,
            Some((Label::Field(f), _, _)) if DECISION_FIELDS.contains(&f) => {
                labelled += 1;
                decided |= f == Field::DateOfDecision;
            }
            _ => {}
        }
    }
    if due && !decided {
        Some(PageKind::ForwardPlanItem)
    } else if labelled >= 2 {
        Some(PageKind::DecisionDetails)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page::Field;

    #[test]
    fn windows_1252_is_read_and_binary_is_not_text() {
        let page = read_page(
            b"Decision details\n\nCaf\xe9 r\xf4le\n\nDate of decision: 01/02/2020\n",
            "x.txt",
        )
        .unwrap();
        assert_eq!(
            page.records[0].get(crate::page::Field::Title),
            Some("Caf\u{e9} r\u{f4}le")
        );
        assert_eq!(
            read_page(b"\0\x01\x02\x03", "x.bin"),
            Err(ReadError::NotText)
        );
    }

    #[test]
    fn a_bom_is_dropped_and_html_is_told_from_text() {
        assert!(is_html("\u{feff}<div>".trim_start_matches('\u{feff}'), "x"));
        assert!(!is_html("Decision details\n", "x.html"));
        assert!(is_html("junk <html><body>", "x"));
        assert!(!is_html("a < b", "x.txt"));
        let page = read_page(b"\xef\xbb\xbfDecision details\n\nT\n", "x").unwrap();
        assert_eq!(page.records[0].get(crate::page::Field::Title), Some("T"));
    }

    #[test]
    fn unknown_and_empty_pages_are_refused() {
        assert_eq!(read_page(b"", "x"), Err(ReadError::UnknownKind));
        assert_eq!(read_page(b"<p>Hello</p>", "x"), Err(ReadError::UnknownKind));
        assert_eq!(
            read_page(b"Decision details\n\nPurpose:\n", "x"),
            Err(ReadError::NoRecords(PageKind::DecisionDetails))
        );
    }

    #[test]
    fn a_theme_with_labels_in_table_cells_and_no_modgov_block_still_reads() {
        let html = "<html><head><title>Decision - Car parks review - Anytown Council</title>\
            </head><body><nav><p>Decision status: Nav noise</p></nav>\
            <table><tr><td>Decision Maker:</td><td>Cabinet</td></tr>\
            <tr><td>Date of decision:</td><td>01&#47;02&#47;2024</td></tr></table>\
            <footer>Contact: webmaster</footer></body></html>";
        let page = read_page(html.as_bytes(), "x.html").unwrap();
        let r = &page.records[0];
        assert_eq!(page.kind, PageKind::DecisionDetails);
        assert_eq!(r.get(Field::DecisionMaker), Some("Cabinet"));
        assert_eq!(r.get(Field::DateOfDecision), Some("01/02/2024"));
        assert_eq!(r.get(Field::DecisionStatus), None);
        assert_eq!(r.get(Field::Contact), None);
        // Nothing better than the document title, less its council.
        assert_eq!(r.get(Field::Title), Some("Decision - Car parks review"));
    }

    #[test]
    fn a_whole_list_page_with_modgov_blocks_is_a_list() {
        let html = "<div id=\"modgov\"><div class=\"mgSubTitle\"><h2 class=\"mgSubTitleTxt\">\
            Delegated decisions</h2></div><div class=\"mgContent\"><table class=\"mgTabTable\">\
            <tr><th>Title</th><th>Decision date</th></tr><tr><td><a href=\"ieDecisionDetails.aspx?id=7\">\
            A</a></td><td>1/2/2024</td></tr></table></div></div>";
        let page = read_page(html.as_bytes(), "x.html").unwrap();
        assert_eq!(page.kind, PageKind::DecisionList);
        assert_eq!(page.records[0].system_id.as_deref(), Some("7"));
        assert_eq!(page.records[0].get(Field::DateOfDecision), Some("1/2/2024"));
    }

    #[test]
    fn the_first_heading_or_a_due_date_tells_a_forward_plan_item() {
        let lines = |text: &str| text.lines().map(str::to_owned).collect::<Vec<_>>();
        assert_eq!(
            classify(&lines(
                "Issue details
T
Decision maker: Cabinet
Date of decision: 1/2/2026"
            )),
            Some(PageKind::ForwardPlanItem)
        );
        assert_eq!(
            classify(&lines(
                "Decision details
T
Issue details
Decision due: July 2026"
            )),
            Some(PageKind::DecisionDetails)
        );
        assert_eq!(
            classify(&lines(
                "Decision maker: Cabinet
Key decision: Yes
Decision due: July 2026"
            )),
            Some(PageKind::ForwardPlanItem)
        );
        assert_eq!(
            classify(&lines(
                "Decision due: July 2026
Date of decision: 1/7/2026
Decision maker: Cabinet"
            )),
            Some(PageKind::DecisionDetails)
        );
        assert_eq!(classify(&lines("Decision maker: Cabinet")), None);
        assert_eq!(
            classify(&lines("Manylion y mater")),
            Some(PageKind::ForwardPlanItem)
        );
    }

    #[test]
    fn a_forward_plan_item_s_statuses_and_meetings_are_its_own() {
        let text = "Issue details\n\nCar parks review\n\nDecision status: For determination\n\
            Decision due: 21 Jul 2026\nOriginally due: 30 Jun 2026\n\nDecisions\n\n\
            21 Jul 2026 - Cabinet\n";
        let page = read_page(text.as_bytes(), "x.txt").unwrap();
        assert_eq!(page.kind, PageKind::ForwardPlanItem);
        let r = &page.records[0];
        let got: Vec<(Field, &str)> = r
            .fields
            .iter()
            .map(|f| (f.field, f.text.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (Field::Title, "Car parks review"),
                (Field::EntryStatus, "For determination"),
                (Field::DateDue, "21 Jul 2026"),
            ]
        );
        assert_eq!(r.kind, crate::page::RecordKind::ForwardPlanEntry);
        // The same words on a decision page stay a decision's.
        let decision =
            read_page(b"Decision details\n\nT\n\nDecision status: Approved\n", "x").unwrap();
        assert_eq!(
            decision.records[0].get(Field::DecisionStatus),
            Some("Approved")
        );
    }

    #[test]
    fn an_html_page_at_an_issue_address_is_a_forward_plan_item() {
        let html = "<form action=\"mgIssueHistoryHome.aspx?IId=77&amp;Opt=0\"><div id=\"modgov\">\
            <h2 class=\"mgSubTitleTxt\">Bins</h2><div class=\"mgContent\">\
            <p><span class=\"mgLabel\">Decision maker: </span>Cabinet</p>\
            <p><span class=\"mgLabel\">Key decision: </span>Yes</p></div></div></form>";
        let page = read_page(html.as_bytes(), "x.html").unwrap();
        assert_eq!(page.kind, PageKind::ForwardPlanItem);
        assert_eq!(page.records[0].system_id.as_deref(), Some("77"));
        assert_eq!(page.records[0].get(Field::Title), Some("Bins"));
        assert_eq!(
            read_page(
                b"<form action=\"mgIssueHistoryHome.aspx?IId=7\"><p>x</p></form>",
                "x.html"
            ),
            Err(ReadError::NoRecords(PageKind::ForwardPlanItem))
        );
    }

    #[test]
    fn a_text_page_with_bilingual_labels_reads() {
        let text = "Manylion y penderfyniad\n\nTeitl\n\nDecision status / Statws y penderfyniad: \
            Approved\nPenderfyniad allweddol? Yes\n\nDiben\n\nOne.\n\nDyddiad y penderfyniad: 1/2/2024\n";
        let page = read_page(text.as_bytes(), "x.txt").unwrap();
        let r = &page.records[0];
        assert_eq!(r.get(Field::Title), Some("Teitl"));
        assert_eq!(r.get(Field::DecisionStatus), Some("Approved"));
        assert_eq!(r.get(Field::KeyDecision), Some("Yes"));
        assert_eq!(r.get(Field::Purpose), Some("One."));
        assert_eq!(r.get(Field::DateOfDecision), Some("1/2/2024"));
    }
}
