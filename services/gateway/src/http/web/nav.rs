//! The links between a council's pages (register, forward plan, meetings, strategies), under each page's
//! heading. No GOV.UK service navigation: its styles are not among those the binary serves, so a
//! plain list of links, the current page marked for assistive technology with `aria-current`.

use maud::{Markup, html};

use super::locale::{Labels, Locale};
use super::{Crumb, home_crumb};

/// One of a council's pages the navigation links.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Section {
    /// `/councils/{slug}`: the register of decisions.
    Register,
    /// `/councils/{slug}/forward-plan`.
    ForwardPlan,
    /// `/councils/{slug}/meetings` and each meeting's page.
    Meetings,
    /// `/councils/{slug}/strategies` and each strategy document's page.
    Strategies,
}

impl Section {
    const ALL: [Section; 4] = [
        Section::Register,
        Section::ForwardPlan,
        Section::Meetings,
        Section::Strategies,
    ];

    fn text(self, labels: &Labels) -> &'static str {
        match self {
            Section::Register => labels.decisions,
            Section::ForwardPlan => labels.forward_plan,
            Section::Meetings => labels.meetings,
            Section::Strategies => labels.strategies,
        }
    }

    /// The section's address for the council `slug`.
    pub(crate) fn href(self, slug: &str) -> String {
        match self {
            Section::Register => format!("/councils/{slug}"),
            Section::ForwardPlan => format!("/councils/{slug}/forward-plan"),
            Section::Meetings => format!("/councils/{slug}/meetings"),
            Section::Strategies => format!("/councils/{slug}/strategies"),
        }
    }
}

/// The breadcrumbs above a page of one of the council's records: the councils, the council (its
/// register), and the list of `section` the record belongs to (none for the register's own).
pub(crate) fn record_crumbs(
    locale: &Locale,
    slug: &str,
    council: &str,
    section: Section,
) -> Vec<Crumb> {
    let mut crumbs = vec![
        home_crumb(locale),
        Crumb {
            text: council.to_owned(),
            href: locale.href(&Section::Register.href(slug)),
        },
    ];
    if section != Section::Register {
        crumbs.push(Crumb {
            text: section.text(locale.labels()).to_owned(),
            href: locale.href(&section.href(slug)),
        });
    }
    crumbs
}

/// The council's pages as links, in the page's language; `current` is the section the page
/// belongs to.
pub(crate) fn council_nav(locale: &Locale, slug: &str, current: Section) -> Markup {
    let labels = locale.labels();
    html! {
        nav class="govuk-!-margin-bottom-6" aria-label=(labels.council_pages) {
            ul class="govuk-list" {
                @for section in Section::ALL {
                    @let href = locale.href(&section.href(slug));
                    li {
                        @if section == current {
                            a class="govuk-link govuk-link--no-visited-state" href=(href)
                                aria-current="page" { strong { (section.text(labels)) } }
                        } @else {
                            a class="govuk-link govuk-link--no-visited-state" href=(href) {
                                (section.text(labels))
                            }
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
    fn the_current_section_is_marked_and_every_section_is_linked() {
        let html = council_nav(&Locale::english(), "maidstone", Section::Meetings).into_string();
        for href in [
            "/councils/maidstone\"",
            "/councils/maidstone/forward-plan\"",
            "/councils/maidstone/meetings\"",
            "/councils/maidstone/strategies\"",
        ] {
            assert!(html.contains(href), "{href} in {html}");
        }
        assert_eq!(html.matches("aria-current=\"page\"").count(), 1);
        assert!(html.contains("href=\"/councils/maidstone/meetings\" aria-current=\"page\""));
    }
}
