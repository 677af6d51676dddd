//! The links between a council's pages (register, forward plan, meetings, strategies), under each page's
//! heading. No GOV.UK service navigation: its styles are not among those the binary serves, so a
//! plain list of links, the current page marked for assistive technology with `aria-current`.

use maud::{Markup, html};

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

    fn text(self) -> &'static str {
        match self {
            Section::Register => "Decisions",
            Section::ForwardPlan => "Forward plan",
            Section::Meetings => "Meetings",
            Section::Strategies => "Strategies",
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

/// The council's pages as links; `current` is the section the page belongs to.
pub(crate) fn council_nav(slug: &str, current: Section) -> Markup {
    html! {
        nav class="govuk-!-margin-bottom-6" aria-label="This council's register" {
            ul class="govuk-list" {
                @for section in Section::ALL {
                    li {
                        @if section == current {
                            a class="govuk-link govuk-link--no-visited-state" href=(section.href(slug))
                                aria-current="page" { strong { (section.text()) } }
                        } @else {
                            a class="govuk-link govuk-link--no-visited-state" href=(section.href(slug)) {
                                (section.text())
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
        let html = council_nav("maidstone", Section::Meetings).into_string();
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
