//! Paging of the lists (decisions, forward plan, meetings): each page's URL, the list's own
//! settings kept (the search and filters, the day), and the links to the next page and back to
//! the first. The read models page forwards only: "Previous" is the browser's back button.

use civic_projections::Page;
use maud::{Markup, html};
use url::form_urlencoded;

use super::locale::{ListNames, Locale};

/// The URL of a page of the list at `base`: the settings `kept` (names and values, in order; an
/// `Option` of one is a list of none or one) and, for any page but the first, the cursor it
/// starts after.
pub(crate) fn link<'a>(
    base: &str,
    kept: impl IntoIterator<Item = (&'a str, &'a str)>,
    cursor: Option<&str>,
) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (name, value) in kept {
        query.append_pair(name, value);
    }
    if let Some(cursor) = cursor {
        query.append_pair("after", cursor);
    }
    let query = query.finish();
    if query.is_empty() {
        base.to_owned()
    } else {
        format!("{base}?{query}")
    }
}

/// The cursor the next page starts after, when there is a next page.
pub(crate) fn next_cursor<T>(page: &Page<T>) -> Option<&str> {
    page.has_next_page
        .then(|| page.items.last())
        .flatten()
        .map(|(cursor, _)| cursor.as_str())
}

/// Links to the next page and back to the first, in the page's language (`names` are the list's
/// in it); nothing on a list of one page. `link` gives a page's address; the page's language
/// is kept in it.
pub(crate) fn pagination(
    locale: &Locale,
    names: &ListNames,
    next: Option<&str>,
    after_given: bool,
    link: impl Fn(Option<&str>) -> String,
) -> Markup {
    let link = |cursor| locale.href(&link(cursor));
    let next = next.map(|cursor| link(Some(cursor)));
    if next.is_none() && !after_given {
        return html! {};
    }
    html! {
        nav class="govuk-pagination" aria-label=(names.pages) {
            @if after_given {
                div class="govuk-pagination__prev" {
                    a class="govuk-link govuk-pagination__link" href=(link(None)) rel="first" {
                        span class="govuk-pagination__link-title" { (names.first) }
                    }
                }
            }
            @if let Some(next) = next {
                div class="govuk-pagination__next" {
                    a class="govuk-link govuk-pagination__link" href=(next) rel="next" {
                        span class="govuk-pagination__link-title" {
                            (locale.labels().next)
                            span class="govuk-visually-hidden" { (names.next_of) }
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_link_keeps_the_lists_setting_and_encodes_it() {
        assert_eq!(link("/councils/x", None, None), "/councils/x");
        assert_eq!(
            link("/councils/x", Some(("q", "land & depot")), Some("c1")),
            "/councils/x?q=land+%26+depot&after=c1"
        );
        assert_eq!(
            link(
                "/councils/x/forward-plan",
                Some(("from", "2010-06-01")),
                None
            ),
            "/councils/x/forward-plan?from=2010-06-01"
        );
        assert_eq!(
            link(
                "/councils/x",
                [
                    ("q", "land"),
                    ("status", "called_in"),
                    ("status", "effective")
                ],
                Some("c1")
            ),
            "/councils/x?q=land&status=called_in&status=effective&after=c1"
        );
    }
}
