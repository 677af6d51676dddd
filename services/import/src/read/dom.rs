//! Small DOM helpers shared by the HTML readers: finding elements by name and class (plain
//! iteration, so no selector can fail to parse), a link's query values, and the page's own
//! address.

use scraper::{CaseSensitivity, ElementRef, Html, Node};

/// The element and everything inside it, elements only, in document order.
pub(crate) fn elements<'a>(root: ElementRef<'a>) -> impl Iterator<Item = ElementRef<'a>> + 'a {
    root.descendent_elements()
}

/// Whether the element is a `name` (lower case) with class `class`, if one is given.
pub(crate) fn is(el: ElementRef<'_>, name: Option<&str>, class: Option<&str>) -> bool {
    name.is_none_or(|n| el.value().name() == n) && class.is_none_or(|c| has_class(el, c))
}

/// Whether the element has the class, whatever its case.
pub(crate) fn has_class(el: ElementRef<'_>, class: &str) -> bool {
    el.value()
        .has_class(class, CaseSensitivity::AsciiCaseInsensitive)
}

/// The first element inside `root` (or `root` itself) that [`is`] a `name` with `class`.
pub(crate) fn first<'a>(
    root: ElementRef<'a>,
    name: Option<&str>,
    class: Option<&str>,
) -> Option<ElementRef<'a>> {
    elements(root).find(|e| is(*e, name, class))
}

/// Whether `haystack` contains `needle`, ASCII case ignored.
pub(crate) fn contains_ignore_case(haystack: &str, needle: &str) -> bool {
    haystack
        .to_ascii_lowercase()
        .contains(&needle.to_ascii_lowercase())
}

/// The value of query parameter `key` (case ignored) in a link's target, e.g. `IId` in
/// `mgIssueHistoryHome.aspx?IId=6535&Opt=0`. Only a non-empty value counts.
pub(crate) fn query_value(href: &str, key: &str) -> Option<String> {
    let (_, query) = href.split_once('?')?;
    let query = query.split('#').next().unwrap_or("");
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case(key))
        .map(|(_, v)| v.trim().to_owned())
        .filter(|v| !v.is_empty())
}

/// Whether the link's path (before any query) ends in `page` (say `ieDecisionDetails.aspx`),
/// case ignored.
pub(crate) fn links_to(href: &str, page: &str) -> bool {
    let path = href.split(['?', '#']).next().unwrap_or("");
    path.to_ascii_lowercase()
        .ends_with(&page.to_ascii_lowercase())
}

/// The page's own address: a canonical link, an `og:url`, a browser's "saved from url"
/// comment, or an absolute form action, in that order.
pub(crate) fn page_url(doc: &Html) -> Option<String> {
    let root = doc.root_element();
    let absolute = |s: &str| {
        let lower = s.trim().to_ascii_lowercase();
        lower.starts_with("http://") || lower.starts_with("https://")
    };
    let canonical = elements(root).find_map(|e| {
        let rel = e.attr("rel")?;
        (e.value().name() == "link" && rel.eq_ignore_ascii_case("canonical"))
            .then(|| e.attr("href"))
            .flatten()
    });
    let og = || {
        elements(root).find_map(|e| {
            (e.value().name() == "meta" && e.attr("property") == Some("og:url"))
                .then(|| e.attr("content"))
                .flatten()
        })
    };
    let saved = || {
        doc.tree.root().descendants().find_map(|n| match n.value() {
            Node::Comment(c) => saved_from(c),
            _ => None,
        })
    };
    let form = || {
        elements(root).find_map(|e| {
            (e.value().name() == "form")
                .then(|| e.attr("action"))
                .flatten()
                .filter(|a| absolute(a))
        })
    };
    canonical
        .or_else(og)
        .or_else(saved)
        .or_else(form)
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
}

/// The address in a browser's `saved from url=(0063)https://...` comment.
fn saved_from(comment: &str) -> Option<&str> {
    let rest = comment.trim().strip_prefix("saved from url=")?;
    let rest = match rest.strip_prefix('(') {
        Some(counted) => counted.split_once(')').map(|(_, url)| url)?,
        None => rest,
    };
    Some(rest.trim()).filter(|s| !s.is_empty())
}

/// A relative form action pointing at `page`: ModernGov posts its pages back to themselves, so
/// the action names the page (and its `ID=`) even when it is not absolute.
pub(crate) fn form_action_to(doc: &Html, page: &str) -> Option<String> {
    elements(doc.root_element()).find_map(|e| {
        (e.value().name() == "form")
            .then(|| e.attr("action"))
            .flatten()
            .filter(|a| links_to(a, page))
            .map(str::to_owned)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_values_ignore_key_case() {
        assert_eq!(
            query_value("ieListDocuments.aspx?CId=151&MID=4832", "MId").as_deref(),
            Some("4832")
        );
        assert_eq!(query_value("a.aspx?ID=", "ID"), None);
        assert_eq!(query_value("a.aspx", "ID"), None);
        assert_eq!(query_value("a.aspx?x=1#ID=2", "ID"), None);
    }

    #[test]
    fn page_urls_come_from_the_head_a_comment_or_a_form() {
        let url = |html: &str| page_url(&Html::parse_document(html));
        assert_eq!(
            url("<!-- saved from url=(0022)https://a.gov.uk/x -->\n<html><body></body></html>"),
            Some("https://a.gov.uk/x".to_owned())
        );
        assert_eq!(
            url(
                "<link rel=\"Canonical\" href=\"https://c/\"><meta property=\"og:url\" content=\"https://o/\">"
            ),
            Some("https://c/".to_owned())
        );
        assert_eq!(
            url("<meta property=\"og:url\" content=\"https://o/\">"),
            Some("https://o/".to_owned())
        );
        assert_eq!(
            url("<form action=\"https://f/ieDecisionDetails.aspx?ID=1\"></form>"),
            Some("https://f/ieDecisionDetails.aspx?ID=1".to_owned())
        );
        assert_eq!(
            url("<form action=\"ieDecisionDetails.aspx?ID=1\"></form>"),
            None
        );
    }
}
