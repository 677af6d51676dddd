//! Decision details from text lines: a saved text rendering of `ieDecisionDetails.aspx`, or
//! the lines [`super::render`] makes of the HTML. A forward-plan item ("Issue details") has the
//! same shape and is read by the same rules ([`read_record`]), its labels re-mapped.
//!
//! The shape: noise, then the "Decision details" heading, then the title, then fields. A
//! field's label is either followed by its value on the same line ("Decision status:
//! Recommendations Approved"; the value goes on over the lines of its paragraph) or stands on a
//! line of its own ("Purpose:"), its value then being the following paragraphs up to the next
//! known label. Blank lines (whitespace, non-breaking spaces, lone bullets) break paragraphs.

use super::labels::{Label, split_labelled};
use super::render::{fold, is_blank};
use crate::page::{Field, RawDocument, RawField, RawRecord, RecordKind};

/// Reads one decision from the lines of its page. The record has no system id, url or links:
/// text does not show them (the HTML reader adds them). It may have no fields at all.
pub(crate) fn read_decision(lines: &[String]) -> RawRecord {
    read_record(lines, RecordKind::Decision, on_decision_page)
}

/// The fields only forward-plan pages show.
const FORWARD_PLAN_ONLY: &[Field] = &[
    Field::DateDue,
    Field::NoticePublished,
    Field::ExemptInformation,
    Field::Description,
    Field::EntryStatus,
    Field::Reference,
];

/// What a label names on a decision's page: the forward-plan labels are no labels there, so a
/// "Summary:" or "Reference:" line inside a decision's text stays its text, as it was before
/// the table learnt them.
fn on_decision_page(label: Label, _shown: &str) -> Option<Label> {
    match label {
        Label::ForwardPlanHeading | Label::Ignored => None,
        Label::Field(f) if FORWARD_PLAN_ONLY.contains(&f) => None,
        other => Some(other),
    }
}

/// Reads one record of `kind` from the lines of its page, as [`read_decision`] does a
/// decision. `remap` says what a label names on this kind of page (`None`: no label, the
/// line is text): it gets the label as the table reads it and as the page shows it
/// ("Status:" is a meeting's in the table but a forward-plan entry's on a plan item).
pub(crate) fn read_record(
    lines: &[String],
    kind: RecordKind,
    remap: impl Fn(Label, &str) -> Option<Label>,
) -> RawRecord {
    let lines: Vec<String> = lines
        .iter()
        .map(|l| if is_blank(l) { String::new() } else { fold(l) })
        .collect();
    let mut record = RawRecord {
        kind,
        system_id: None,
        url: None,
        fields: Vec::new(),
        documents: Vec::new(),
        links: Vec::new(),
    };

    // Everything above the heading is the site's noise ("Contact your Parish Council" must not
    // open a Contact field); without a heading, read from the top.
    let heading = lines
        .iter()
        .position(|l| relabelled(l, &remap).is_some_and(|(label, _, v)| is_heading(label, v)));
    let mut start = 0;
    if let Some(h) = heading {
        start = h + 1;
        let title_at = lines
            .iter()
            .enumerate()
            .skip(start)
            .find(|(_, l)| !l.is_empty());
        // A labelled line right after the heading means the page has no title line.
        if let Some((i, title)) = title_at.filter(|(_, l)| relabelled(l, &remap).is_none()) {
            let shown = lines.get(h).cloned().unwrap_or_default();
            record.fields.push(RawField {
                field: Field::Title,
                label: shown,
                text: title.clone(),
            });
            start = i + 1;
        }
    }

    let mut open: Option<Open> = None;
    for line in lines.iter().skip(start) {
        if line.is_empty() {
            if let Some(o) = open.as_mut() {
                o.paragraph_break();
                if o.ended() {
                    close(&mut record, open.take());
                }
            }
            continue;
        }
        if let Some((label, shown, value)) = relabelled(line, &remap) {
            close(&mut record, open.take());
            if is_heading(label, value) {
                continue;
            }
            let mut o = Open::new(label, shown, value.is_empty());
            if !value.is_empty() {
                o.push(value);
            }
            open = Some(o);
            continue;
        }
        if let Some(o) = open.as_mut() {
            o.push(line);
        }
    }
    close(&mut record, open.take());
    record
}

/// The line split as [`split_labelled`] does, its label passed through `remap`.
fn relabelled<'a>(
    line: &'a str,
    remap: &impl Fn(Label, &str) -> Option<Label>,
) -> Option<(Label, &'a str, &'a str)> {
    split_labelled(line)
        .and_then(|(label, shown, value)| Some((remap(label, shown)?, shown, value)))
}

/// Whether a labelled line is the page heading (a heading has no value after it).
fn is_heading(label: Label, value: &str) -> bool {
    matches!(label, Label::DecisionHeading | Label::ForwardPlanHeading) && value.is_empty()
}

/// The field (or document list) being read.
struct Open {
    label: Label,
    shown: String,
    /// Whether the label stood alone, so its value runs over paragraphs.
    section: bool,
    paragraphs: Vec<Vec<String>>,
    /// A paragraph break was seen since the last line.
    broken: bool,
}

impl Open {
    fn new(label: Label, shown: &str, section: bool) -> Self {
        Open {
            label,
            shown: shown.to_owned(),
            section,
            paragraphs: Vec::new(),
            broken: false,
        }
    }

    fn push(&mut self, line: &str) {
        match self.paragraphs.last_mut() {
            Some(p) if !self.broken => p.push(line.to_owned()),
            _ => self.paragraphs.push(vec![line.to_owned()]),
        }
        self.broken = false;
    }

    fn paragraph_break(&mut self) {
        if !self.paragraphs.is_empty() {
            self.broken = true;
        }
    }

    /// Whether a paragraph break ends it: a value on its label's line ends with its paragraph,
    /// and a document list with its run of lines (what follows is the page's footer).
    fn ended(&self) -> bool {
        self.broken && (!self.section || self.label == Label::Documents)
    }
}

fn close(record: &mut RawRecord, open: Option<Open>) {
    let Some(open) = open else { return };
    match open.label {
        Label::Field(field) => {
            let text = open
                .paragraphs
                .iter()
                .map(|p| p.join("\n"))
                .collect::<Vec<_>>()
                .join("\n\n");
            if !text.is_empty() {
                record.fields.push(RawField {
                    field,
                    label: open.shown,
                    text,
                });
            }
        }
        Label::Documents => {
            for line in open.paragraphs.iter().flatten() {
                let title = strip_file_size(line);
                if !title.is_empty() {
                    record.documents.push(RawDocument {
                        title: title.to_owned(),
                        href: None,
                    });
                }
            }
        }
        // Headings give no field; an ignored label's value is read past on purpose.
        Label::DecisionHeading | Label::ForwardPlanHeading | Label::Ignored => {}
    }
}

/// A document line without its trailing file-size note: "polc2 PDF 119 KB" is "polc2",
/// "Minutes (156Kb)" is "Minutes".
pub(crate) fn strip_file_size(line: &str) -> &str {
    let line = line.trim();
    let is_size_unit = |w: &str| {
        let w = w.to_ascii_lowercase();
        ["kb", "mb", "gb", "bytes"].contains(&w.as_str())
    };
    let is_size = |w: &str| {
        let lower = w.to_ascii_lowercase();
        let digits = lower.trim_end_matches(char::is_alphabetic);
        !digits.is_empty()
            && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
            && is_size_unit(lower.get(digits.len()..).unwrap_or(""))
    };
    // "(156Kb)" or "(2 MB)".
    if let Some(open) = line.rfind('(').filter(|_| line.ends_with(')')) {
        let inner = line.get(open + 1..line.len() - 1).unwrap_or("");
        let words: Vec<&str> = inner.split_whitespace().collect();
        let sized = match words.as_slice() {
            [one] => is_size(one),
            [number, unit] => is_size(&format!("{number}{unit}")),
            _ => false,
        };
        if sized {
            return line.get(..open).unwrap_or(line).trim_end();
        }
    }
    // "PDF 119 KB", "Word 45 KB", "PDF 2MB".
    let words: Vec<&str> = line.split_whitespace().collect();
    let cut = match words.as_slice() {
        [.., kind, number, unit] if is_file_kind(kind) && is_size(&format!("{number}{unit}")) => {
            Some(3)
        }
        [.., kind, size] if is_file_kind(kind) && is_size(size) => Some(2),
        _ => None,
    };
    match cut {
        Some(n) if words.len() > n => {
            let keep = words.len() - n;
            // Cut at the start of the first dropped word, so the title keeps its own spacing.
            let mut at = line.len();
            let mut seen = 0;
            for (i, _) in line.match_indices(|c: char| c.is_whitespace()) {
                seen += 1;
                if seen == keep {
                    at = i;
                    break;
                }
            }
            line.get(..at).unwrap_or(line).trim_end()
        }
        _ => line,
    }
}

fn is_file_kind(word: &str) -> bool {
    let w = word.to_ascii_lowercase();
    [
        "pdf",
        "word",
        "doc",
        "docx",
        "excel",
        "xls",
        "xlsx",
        "html",
        "htm",
        "rtf",
        "powerpoint",
        "ppt",
        "pptx",
        "zip",
        "odt",
        "txt",
        "csv",
    ]
    .contains(&w.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<String> {
        text.lines().map(str::to_owned).collect()
    }

    #[test]
    fn noise_before_the_heading_is_ignored_and_the_title_follows_it() {
        let r = read_decision(&lines(
            "Contact\n\nDecision details\n\nA title\n\nDecision status: Approved\n",
        ));
        assert_eq!(r.get(Field::Title), Some("A title"));
        assert_eq!(r.get(Field::DecisionStatus), Some("Approved"));
        assert_eq!(r.get(Field::Contact), None);
    }

    #[test]
    fn a_section_runs_over_paragraphs_to_the_next_label() {
        let r = read_decision(&lines(
            "Decision:\n\nOne\n\u{a0}\nTwo\nstill two\n\nWards Affected: All;\nnot wards\n\nstray\nPurpose:\n",
        ));
        assert_eq!(r.get(Field::Decision), Some("One\n\nTwo\nstill two"));
        assert_eq!(r.get(Field::WardsAffected), Some("All;\nnot wards"));
        // A label with nothing after it gives no field.
        assert_eq!(r.get(Field::Purpose), None);
    }

    #[test]
    fn forward_plan_labels_are_text_on_a_decision_page() {
        let r = read_decision(&lines(
            "Decision:\n\nOne\n\nSummary:\n\nTwo\nReference: 3\n\nIssue details\n",
        ));
        assert_eq!(
            r.get(Field::Decision),
            Some("One\n\nSummary:\n\nTwo\nReference: 3\n\nIssue details")
        );
        assert_eq!(r.get(Field::Description), None);
    }

    #[test]
    fn documents_run_to_the_first_break() {
        let r = read_decision(&lines(
            "Accompanying Documents:\n\npolc2 - 23.09.2015 PDF 119 KB\nAppendix (2Mb)\n\nFooter\n",
        ));
        let titles: Vec<&str> = r.documents.iter().map(|d| d.title.as_str()).collect();
        assert_eq!(titles, ["polc2 - 23.09.2015", "Appendix"]);
    }

    #[test]
    fn file_size_notes_are_stripped() {
        assert_eq!(strip_file_size("polc2 PDF 119 KB"), "polc2");
        assert_eq!(
            strip_file_size("Minutes 16042026 (156Kb)"),
            "Minutes 16042026"
        );
        assert_eq!(strip_file_size("Report PDF 2MB"), "Report");
        assert_eq!(strip_file_size("Agenda (2 MB)"), "Agenda");
        assert_eq!(strip_file_size("PDF 2 MB"), "PDF 2 MB");
        assert_eq!(strip_file_size("Plan (2026)"), "Plan (2026)");
        assert_eq!(strip_file_size("()"), "()");
    }
}
