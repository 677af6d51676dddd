//! HTML to text lines, the way a text-mode browser shows a page: block elements start new
//! lines, paragraphs are set apart by a blank line, table cells sit side by side, and what a
//! reader never sees (scripts, styles, the head, comments, ModernGov's screen-reader-only
//! `mgHide` spans) is left out. The decision reader then reads these lines exactly as it reads
//! a saved text rendering, so HTML and text pages go through one set of rules.

use ego_tree::NodeRef;
use ego_tree::iter::Edge;
use scraper::{CaseSensitivity, ElementRef, Node};

/// Elements set apart from their neighbours by a blank line (a paragraph break).
const PARAGRAPH: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "ul",
    "ol",
    "dl",
    "blockquote",
    "pre",
    "section",
    "article",
    "header",
    "footer",
    "nav",
    "main",
    "aside",
    "form",
    "fieldset",
    "figure",
    "hr",
    "address",
    "details",
];

/// Elements that start and end a line but are not paragraphs of their own.
const LINE: &[&str] = &[
    "div", "li", "tr", "br", "dt", "dd", "caption", "legend", "summary", "center", "option",
    "body", "html",
];

/// Elements whose content a reader never sees.
const SKIPPED: &[&str] = &[
    "script", "style", "head", "noscript", "template", "iframe", "object", "svg", "select", "title",
];

/// Characters that make a line that holds nothing else a mere spacer (Word's bullets, the
/// Symbol font's private-use bullet).
const BULLETS: &[char] = &[
    '\u{b7}', '\u{2022}', '\u{25e6}', '\u{25aa}', '\u{2023}', '\u{f0b7}', '\u{f0a7}',
];

/// Whether the element is one a reader never sees.
pub(crate) fn is_hidden(node: NodeRef<'_, Node>) -> bool {
    let Some(el) = node.value().as_element() else {
        return false;
    };
    SKIPPED.contains(&el.name())
        || el.has_class("mgHide", CaseSensitivity::AsciiCaseInsensitive)
        || el.attr("hidden").is_some()
}

/// Whether a line holds nothing a reader would read: only whitespace (non-breaking spaces
/// included) and bullets.
pub(crate) fn is_blank(line: &str) -> bool {
    line.chars()
        .all(|c| c.is_whitespace() || BULLETS.contains(&c))
}

/// Folds whitespace runs (non-breaking spaces included) to single spaces and trims.
pub(crate) fn fold(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The element rendered as lines; an empty string marks a paragraph break. No line has
/// leading or trailing whitespace, no two paragraph breaks follow each other, and none
/// starts or ends the list.
pub(crate) fn lines(root: ElementRef<'_>) -> Vec<String> {
    lines_skipping(root, |_| false)
}

/// As [`lines`], also leaving out the elements `skip` picks (a theme's navigation, say).
pub(crate) fn lines_skipping(
    root: ElementRef<'_>,
    skip: impl Fn(ElementRef<'_>) -> bool,
) -> Vec<String> {
    let mut out = Builder::default();
    // The node whose subtree is being skipped, if any: traversal is iterative (no recursion,
    // so no stack overflow on deeply nested markup), so skipping means waiting for its Close.
    let mut skipping: Option<NodeRef<'_, Node>> = None;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => {
                if skipping.is_some() {
                    continue;
                }
                if is_hidden(node) || ElementRef::wrap(node).is_some_and(&skip) {
                    skipping = Some(node);
                    continue;
                }
                match node.value() {
                    Node::Text(text) => out.text(text),
                    Node::Element(el) => out.open(el.name()),
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if let Some(skipped) = skipping {
                    if skipped == node {
                        skipping = None;
                    }
                    continue;
                }
                if let Node::Element(el) = node.value() {
                    out.close(el.name());
                }
            }
        }
    }
    out.finish()
}

/// The element's visible text on one line, whitespace folded (a title, a table cell, a link).
/// Spans of class `skip_class` (a file-size note) are left out too.
pub(crate) fn inline_text(el: ElementRef<'_>, skip_class: Option<&str>) -> String {
    let lines = lines_skipping(el, |e| {
        skip_class.is_some_and(|c| {
            e.value()
                .has_class(c, CaseSensitivity::AsciiCaseInsensitive)
        })
    });
    fold(&lines.join(" "))
}

/// Lines being built.
#[derive(Default)]
struct Builder {
    lines: Vec<String>,
    current: String,
    /// Whitespace was seen since the last character put on the current line.
    space: bool,
}

impl Builder {
    fn text(&mut self, text: &str) {
        for c in text.chars() {
            if c.is_whitespace() {
                self.space = true;
            } else {
                if self.space && !self.current.is_empty() {
                    self.current.push(' ');
                }
                self.space = false;
                self.current.push(c);
            }
        }
    }

    fn open(&mut self, name: &str) {
        if PARAGRAPH.contains(&name) {
            self.paragraph_break();
        } else if LINE.contains(&name) {
            self.line_break();
        } else if name == "td" || name == "th" {
            // Cells sit side by side, a space apart ("Label:" in one, its value in the next).
            self.space = true;
        }
    }

    fn close(&mut self, name: &str) {
        if PARAGRAPH.contains(&name) {
            self.paragraph_break();
        } else if LINE.contains(&name) && name != "br" {
            self.line_break();
        } else if name == "td" || name == "th" {
            self.space = true;
        }
    }

    fn line_break(&mut self) {
        let line = std::mem::take(&mut self.current);
        self.space = false;
        if !is_blank(&line) {
            self.lines.push(line);
        }
    }

    fn paragraph_break(&mut self) {
        self.line_break();
        if self.lines.last().is_some_and(|l| !l.is_empty()) {
            self.lines.push(String::new());
        }
    }

    fn finish(mut self) -> Vec<String> {
        self.line_break();
        if self.lines.last().is_some_and(String::is_empty) {
            self.lines.pop();
        }
        self.lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Html;

    fn render(html: &str) -> Vec<String> {
        let doc = Html::parse_document(html);
        lines(doc.root_element())
    }

    #[test]
    fn blocks_break_lines_and_paragraphs_are_set_apart() {
        let got = render(
            "<div>One<br>Two</div><p>Three <b>bold</b>\n  wrapped</p><ul><li>A</li><li>B</li></ul>",
        );
        assert_eq!(got, ["One", "Two", "", "Three bold wrapped", "", "A", "B"]);
    }

    #[test]
    fn hidden_things_are_left_out() {
        let got = render(
            "<html><head><title>T</title><style>p{}</style></head><body><script>x()</script>\
             <!-- a comment --><p>Seen<span class=\"mgHide\"> ref: 1</span></p>\
             <noscript>no</noscript></body></html>",
        );
        assert_eq!(got, ["Seen"]);
    }

    #[test]
    fn nbsp_and_bullet_only_lines_are_breaks_but_bulleted_text_stays() {
        let got = render(
            "<p>One</p><p>&nbsp;</p><p>&#183;&nbsp;</p><p>&#183;&nbsp;&nbsp; continue to promote</p>",
        );
        assert_eq!(got, ["One", "", "\u{b7} continue to promote"]);
    }

    #[test]
    fn table_cells_sit_side_by_side() {
        let got = render("<table><tr><td>Decision status:</td><td>Approved</td></tr></table>");
        assert_eq!(got, ["Decision status: Approved"]);
    }

    #[test]
    fn inline_text_leaves_out_a_class() {
        let doc = Html::parse_fragment(
            "<a href=\"x.pdf\">polc2\n<span class=\"mgFileSize\">PDF 119 KB</span> </a>",
        );
        let a = doc.root_element();
        assert_eq!(inline_text(a, Some("mgFileSize")), "polc2");
        assert_eq!(inline_text(a, None), "polc2 PDF 119 KB");
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let html = "<div>".repeat(20_000) + "deep";
        assert_eq!(render(&html), ["deep"]);
    }
}
