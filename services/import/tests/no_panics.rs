//! No text makes the readers of published values panic, and no bytes make the page readers
//! panic: arbitrary bytes, and every fixture cut short or with a byte changed.

use civic_import::read::read_page;
use civic_import::text::{PublishedContact, parse_uk_date};
use proptest::prelude::*;
use std::path::Path;

/// Every saved page under tests/fixtures, with its name.
fn fixtures() -> Vec<(String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut out = Vec::new();
    let mut dirs = vec![root];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("fixtures folder").flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "html" || e == "txt") {
                let bytes = std::fs::read(&path).expect("fixture");
                out.push((path.to_string_lossy().into_owned(), bytes));
            }
        }
    }
    out.sort();
    out
}

proptest! {
    #[test]
    fn reading_arbitrary_text_never_panics(s in "\\PC{0,80}") {
        let _ = parse_uk_date(&s);
        let _ = PublishedContact::from_text(&s);
    }

    #[test]
    fn reading_arbitrary_bytes_never_panics(
        bytes in proptest::collection::vec(any::<u8>(), 0..400),
        name in prop::sample::select(vec!["x.html", "x.txt", "x"]),
    ) {
        let _ = read_page(&bytes, name);
    }

    #[test]
    fn reading_markup_soup_never_panics(
        parts in proptest::collection::vec(prop::sample::select(vec![
            "<div id=\"modgov\">", "<h1 class=\"mgMainTitleTxt\">Decision details</h1>",
            "<h2 class=\"mgSubTitleTxt\">", "<p>", "</p>", "<span class=\"mgLabel\">",
            "Decision status: ", "Date of decision: ", "Purpose:", "</span>", "<table class=\"mgTabTable\">",
            "<tr>", "<th>Title</th>", "<td>", "</td>", "<a href=\"ieDecisionDetails.aspx?ID=1\">",
            "</a>", "<div class=\"DNNLabel\"><label>Status:</label></div>", "<div class=\"Value\">",
            "</div>", "<tr class=\"rgRow\">", "<ul class=\"mgBulletList\">", "<li>", "&nbsp;", "\u{b7}",
            "Accompanying Documents:", "<!--", "-->", "\n", " / ", "?", ":",
            "<h1>Forward plan</h1>", "Issue details", "Decision due: ", "Decisions", "Status: ",
            "Originally due: ", "<a href=\"mgIssueHistoryHome.aspx?IId=1\">",
            "<a href=\"mgIssueHistoryHome.aspx?IId=2\">", "<form action=\"mgListPlanItems.aspx\">",
        ]), 0..60),
    ) {
        let _ = read_page(parts.concat().as_bytes(), "x.html");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn every_fixture_cut_short_or_changed_never_panics(
        which in any::<prop::sample::Index>(),
        cut in any::<prop::sample::Index>(),
        flip in any::<prop::sample::Index>(),
        byte in any::<u8>(),
    ) {
        let all = fixtures();
        let (name, bytes) = &all[which.index(all.len())];
        let at = cut.index(bytes.len() + 1);
        let _ = read_page(&bytes[..at], name);
        let mut changed = bytes.clone();
        if !changed.is_empty() {
            let i = flip.index(changed.len());
            changed[i] = byte;
        }
        let _ = read_page(&changed, name);
    }
}

#[test]
fn every_fixture_cut_at_every_line_never_panics() {
    for (name, bytes) in fixtures() {
        for (at, _) in bytes.iter().enumerate().filter(|(_, b)| **b == b'\n') {
            let _ = read_page(&bytes[..at], &name);
        }
    }
}
