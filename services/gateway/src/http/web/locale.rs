//! The language of the public pages: English, or Welsh (`cy`) for the councils of Wales and for
//! anyone who asks (`?lang=cy`). Every fixed word of the pages is here, in [`Labels`], once per
//! language; the council's own words (titles, resolutions, statuses it states, withheld notices)
//! are the record and are never translated.
//!
//! A page's language is its address: `?lang=cy` or `?lang=en`, else the council's own (Welsh for
//! a council of Wales, else English). Links between a council's pages carry `lang=` only when
//! the reader chose the language the council does not default to ([`Locale::href`]), so the
//! reader stays in it and every page stays bookmarkable.

use axum::http::Uri;
use chrono::{Datelike, NaiveDate};
use civic_domain::nation::Nation;
use maud::{Markup, html};
use url::form_urlencoded;

/// A language the pages are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lang {
    /// English: the pages' default.
    En,
    /// Welsh (Cymraeg): the default of a council of Wales.
    Cy,
}

impl Lang {
    /// Its BCP 47 tag, as `lang=`, `<html lang>` and `Content-Language` write it.
    pub(crate) fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Cy => "cy",
        }
    }

    /// The language a `lang=` value names; any other value is not a choice.
    fn parse(value: &str) -> Option<Lang> {
        match value {
            "en" => Some(Lang::En),
            "cy" => Some(Lang::Cy),
            _ => None,
        }
    }

    /// The language a council's pages are in unless the reader asks for another.
    fn of_nation(nation: Nation) -> Lang {
        match nation {
            Nation::Wales => Lang::Cy,
            _ => Lang::En,
        }
    }

    /// Its fixed words.
    pub(crate) fn labels(self) -> &'static Labels {
        match self {
            Lang::En => &ENGLISH,
            Lang::Cy => &WELSH,
        }
    }
}

/// The language of one page request, and what its links need to stay in it.
#[derive(Debug, Clone)]
pub(crate) struct Locale {
    /// The language the page is written in.
    pub lang: Lang,
    /// The council's own language: links need `lang=` only when the page is in the other.
    default: Lang,
    /// The page's path, for the link to the other language.
    path: String,
    /// The page's query but `lang=`, kept by the link to the other language.
    query: Vec<(String, String)>,
}

impl Locale {
    /// The locale of the page at `uri` of a council of `nation` (`None`: the council is not
    /// known, so English unless `lang=` says otherwise).
    pub(crate) fn new(uri: &Uri, nation: Option<Nation>) -> Locale {
        let default = nation.map_or(Lang::En, Lang::of_nation);
        let mut asked = None;
        let mut query = Vec::new();
        for (name, value) in form_urlencoded::parse(uri.query().unwrap_or_default().as_bytes()) {
            if name == "lang" {
                asked = Lang::parse(&value).or(asked);
            } else {
                query.push((name.into_owned(), value.into_owned()));
            }
        }
        Locale {
            lang: asked.unwrap_or(default),
            default,
            path: uri.path().to_owned(),
            query,
        }
    }

    /// English with no page behind it: the error pages of the feeds and downloads.
    pub(crate) fn english() -> Locale {
        Locale {
            lang: Lang::En,
            default: Lang::En,
            path: "/".to_owned(),
            query: Vec::new(),
        }
    }

    /// The home page in the page's language: `/`, which is in English unless asked otherwise.
    pub(crate) fn home_href(&self) -> &'static str {
        match self.lang {
            Lang::En => "/",
            Lang::Cy => "/?lang=cy",
        }
    }

    /// The page's fixed words.
    pub(crate) fn labels(&self) -> &'static Labels {
        self.lang.labels()
    }

    /// `href` (a path of this site, with or without a query) in the page's language: with
    /// `lang=` when the reader chose the language the council does not default to.
    pub(crate) fn href(&self, href: &str) -> String {
        if self.lang == self.default {
            return href.to_owned();
        }
        let separator = if href.contains('?') { '&' } else { '?' };
        format!("{href}{separator}lang={}", self.lang.code())
    }

    /// The reader's choice of language as a form's hidden field, when it is not the council's
    /// own: a `GET` form's address loses its query, so a search keeps the language this way.
    pub(crate) fn form_field(&self) -> Markup {
        html! {
            @if self.lang != self.default {
                input type="hidden" name="lang" value=(self.lang.code());
            }
        }
    }

    /// The link to this page in the other language, GOV.UK's way: the language named in
    /// itself, marked with `lang` and `hreflang`. Every page of a council of Wales has it, and
    /// every page in Welsh (the way back to English).
    pub(crate) fn toggle(&self) -> Markup {
        if self.default == Lang::En && self.lang == Lang::En {
            return html! {};
        }
        let other = match self.lang {
            Lang::En => Lang::Cy,
            Lang::Cy => Lang::En,
        };
        let mut query = form_urlencoded::Serializer::new(String::new());
        for (name, value) in &self.query {
            query.append_pair(name, value);
        }
        if other != self.default {
            query.append_pair("lang", other.code());
        }
        let query = query.finish();
        let href = if query.is_empty() {
            self.path.clone()
        } else {
            format!("{}?{query}", self.path)
        };
        html! {
            nav class="govuk-!-margin-top-3" aria-label=(self.labels().language) {
                p class="govuk-body-s govuk-!-margin-bottom-0" {
                    a class="govuk-link" href=(href) hreflang=(other.code()) lang=(other.code())
                        rel="alternate" {
                        (other.labels().language_name)
                    }
                }
            }
        }
    }

    /// A date as GOV.UK writes it: "9 June 2010", "9 Mehefin 2010".
    pub(crate) fn date(&self, date: NaiveDate) -> String {
        format!("{} {}", date.day(), self.month_year(date))
    }

    /// A month: "August 2010", "Awst 2010".
    pub(crate) fn month_year(&self, date: NaiveDate) -> String {
        format!(
            "{} {}",
            self.labels().months[date.month0() as usize],
            date.year()
        )
    }

    /// Yes, No, or "Not stated" for a question the record leaves open.
    pub(crate) fn yes_no(&self, value: Option<bool>) -> &'static str {
        let labels = self.labels();
        match value {
            Some(true) => labels.yes,
            Some(false) => labels.no,
            None => labels.not_stated,
        }
    }

    /// A count and its noun: "1 decision", "3 decisions".
    pub(crate) fn count(&self, count: u64, nouns: Nouns) -> String {
        let noun = if count == 1 { nouns.0 } else { nouns.1 };
        format!("{count} {noun}")
    }
}

/// A noun, singular and plural (Welsh counts with the singular: "3 penderfyniad").
#[derive(Debug, Clone, Copy)]
pub(crate) struct Nouns(pub &'static str, pub &'static str);

/// How a list names its pages, for its pagination.
#[derive(Debug)]
pub(crate) struct ListNames {
    /// The pagination's label: "Pages of decisions".
    pub pages: &'static str,
    /// Said after "Next" to assistive technology: " page of decisions".
    pub next_of: &'static str,
    /// The link back to the first page: "Newest decisions".
    pub first: &'static str,
}

/// Every fixed word of the public pages, in one language. Sentences that hold a value are in
/// pieces around it, in the order the language puts them.
#[derive(Debug)]
pub(crate) struct Labels {
    // The page shell, navigation and paging.
    pub language: &'static str,
    pub language_name: &'static str,
    pub skip_link: &'static str,
    pub breadcrumb: &'static str,
    pub councils: &'static str,
    pub council_pages: &'static str,
    pub decisions: &'static str,
    pub forward_plan: &'static str,
    pub meetings: &'static str,
    pub strategies: &'static str,
    pub next: &'static str,
    pub months: [&'static str; 12],
    pub yes: &'static str,
    pub no: &'static str,
    pub not_stated: &'static str,
    pub withheld: &'static str,
    pub status: &'static str,
    pub decision_maker: &'static str,
    pub key_decision: &'static str,
    pub no_more_after: &'static str,
    pub decision_nouns: Nouns,

    // Error pages.
    pub not_found: &'static str,
    pub not_found_text: &'static str,
    pub bad_search: &'static str,
    pub bad_page_link: &'static str,
    pub bad_page_link_text: &'static str,
    pub unavailable: &'static str,
    pub unavailable_text: &'static str,
    pub every_council: &'static str,

    // The register.
    pub register_pages: ListNames,
    pub register_heading: &'static str,
    pub register_intro: [&'static str; 2],
    pub register_downloads: [&'static str; 4],
    pub spreadsheet: &'static str,
    pub search_label: &'static str,
    pub search_hint: &'static str,
    pub search_button: &'static str,
    pub matching: [&'static str; 2],
    pub clear_search: &'static str,
    pub published_count: [&'static str; 2],
    pub register_caption: &'static str,
    pub register_caption_relevant: &'static str,
    pub sort_by: &'static str,
    pub sort_newest: &'static str,
    pub sort_relevance: &'static str,
    pub relevant_pages: ListNames,
    pub decision: &'static str,
    pub date_of_decision: &'static str,

    // The register's filters.
    pub filters_heading: &'static str,
    pub status_hint: &'static str,
    pub any_maker: &'static str,
    pub ward: &'static str,
    pub ward_hint: &'static str,
    pub any_ward: &'static str,
    pub any: &'static str,
    pub call_in: &'static str,
    pub call_in_open: &'static str,
    pub call_in_open_hint: &'static str,
    pub decided_from: &'static str,
    pub decided_to: &'static str,
    pub date_hint: &'static str,
    pub apply_filters: &'static str,
    pub clear_filters: &'static str,
    /// After the count without a search: singular, plural.
    pub match_filters: [&'static str; 2],
    /// After a search's closing quote, in the summary and the title.
    pub and_filters: &'static str,
    /// After "Decisions" in the title, without a search.
    pub filtered_title: &'static str,

    // A decision.
    pub decision_status: &'static str,
    pub stage: &'static str,
    pub is_key_decision: &'static str,
    pub is_subject_to_call_in: &'static str,
    pub purpose: &'static str,
    pub reasons: &'static str,
    pub alternative_options: &'static str,
    pub reason_key: &'static str,
    pub wards_affected: &'static str,
    pub committee_details: &'static str,
    pub representations_by: &'static str,
    pub other_consulted: &'static str,
    pub consultees: &'static str,
    pub contact: &'static str,
    pub report_author: &'static str,
    pub publication_date: &'static str,
    pub decided_by: &'static str,
    pub effective_from: &'static str,
    pub call_in_deadline: &'static str,
    pub interests_declared: &'static str,
    pub documents: &'static str,
    pub reference: &'static str,
    pub minute_number: &'static str,
    pub lead_member: &'static str,
    pub lead_officer: &'static str,
    pub department: &'static str,
    pub vote: &'static str,
    pub votes: [&'static str; 3],
    pub proposed_by: &'static str,
    pub seconded_by: &'static str,
    pub all_wards: &'static str,
    pub unlisted_ward: &'static str,
    pub no_interests: &'static str,
    pub dispensation: &'static str,
    pub document_withheld: &'static str,
    pub paragraph: &'static str,
    pub untitled_document: &'static str,
    pub time_on: &'static str,
    pub decision_history: &'static str,
    pub all_decisions_of: &'static str,
    pub stages: Stages,

    // The forward plan.
    pub plan_pages: ListNames,
    pub plan_intro: [&'static str; 2],
    pub due_from_label: &'static str,
    pub due_from_hint: &'static str,
    pub show: &'static str,
    pub due_count: [&'static str; 2],
    pub plan_caption: &'static str,
    pub matter: &'static str,
    pub date_due: &'static str,
    pub in_private: &'static str,
    pub in_part: &'static str,
    pub the_decision: &'static str,
    pub unlisted_body: &'static str,
    pub general_exception: &'static str,
    pub special_urgency: &'static str,
    pub not_before: &'static str,
    pub not_yet_known: &'static str,
    pub plan_statuses: PlanStatuses,

    // A forward-plan entry's page and its history.
    pub plan_entry_description: &'static str,
    pub originally_due: &'static str,
    pub notice_given: &'static str,
    /// Standard notice, general exception, special urgency.
    pub notice_kinds: [&'static str; 3],
    pub notice_reason: &'static str,
    pub chair_informed: &'static str,
    pub agreed_by: &'static str,
    pub notice_published: &'static str,
    pub clear_days_notice: &'static str,
    pub expected_in_private: &'static str,
    pub representations: &'static str,
    pub by_day: &'static str,
    pub contacts: &'static str,
    pub listed_on: &'static str,
    pub unlisted_plan: &'static str,
    pub date_changes: &'static str,
    pub changed_from: &'static str,
    pub changed_to: &'static str,
    pub closing_reason: &'static str,
    pub corrections: &'static str,
    pub corrected_on: &'static str,
    pub resulting_decision: &'static str,
    pub view_the_decision: &'static str,
    pub no_decision_yet: &'static str,
    pub source_page: &'static str,
    pub the_councils_page: &'static str,
    pub entry_history: &'static str,
    pub whole_plan_of: &'static str,
    pub plan_entry_history_intro: &'static str,
    pub back_to_plan_entry: &'static str,
    pub bad_address: &'static str,
    /// What each kind of forward-plan event did, by its stable name.
    pub plan_events: &'static [(&'static str, &'static str)],

    // Meetings.
    pub meeting_pages: ListNames,
    pub meeting_nouns: Nouns,
    pub meetings_recorded: &'static str,
    pub no_more_meetings: &'static str,
    pub calendar_intro: [&'static str; 3],
    pub meetings_caption: &'static str,
    pub meeting: &'static str,
    pub time: &'static str,
    pub place: &'static str,
    pub time_to: &'static str,
    pub ended: &'static str,
    pub meeting_statuses: MeetingStatuses,

    // A meeting.
    pub body: &'static str,
    pub any_body: &'static str,
    pub meetings_from: &'static str,
    pub meetings_to: &'static str,
    pub date: &'static str,
    pub cancelled: &'static str,
    pub recorded_on: &'static str,
    pub meeting_minutes: &'static str,
    pub agenda: &'static str,
    pub no_agenda_items: &'static str,
    pub other_decisions: &'static str,
    pub exclusion: &'static str,
    pub excluded_from: [&'static str; 2],
    pub meeting_history: &'static str,
    pub all_meetings_of: &'static str,
    pub taken_in_private: &'static str,
    pub minutes_withheld: &'static str,
    pub no_minutes: &'static str,
    pub decision_link: &'static str,

    // Strategies.
    pub strategy_nouns: Nouns,
    pub strategies_recorded: &'static str,
    pub strategies_caption: &'static str,
    pub strategy: &'static str,
    pub latest_version: &'static str,
    pub none_recorded: &'static str,
    pub strategy_statuses: StrategyStatuses,
    pub version_statuses: [&'static str; 3],
    pub approved_on: &'static str,
    pub reviewed_on: &'static str,
    pub no_date_recorded: &'static str,

    // A strategy document.
    pub period_covered: &'static str,
    pub status_changes: &'static str,
    pub from_comma: &'static str,
    pub document_history: &'static str,
    pub all_strategies_of: &'static str,
    pub names: &'static str,
    pub not_renamed: &'static str,
    pub names_caption: &'static str,
    pub name: &'static str,
    pub used: &'static str,
    pub rename_noted_by: &'static str,
    pub not_recorded: &'static str,
    pub from_day: &'static str,
    pub until_day: &'static str,
    pub dates_not_recorded: &'static str,
    pub current_name: &'static str,
    pub versions: &'static str,
    pub no_versions: &'static str,
    pub versions_caption: &'static str,
    pub version: &'static str,
    pub period: &'static str,
    pub approved: &'static str,
    pub approved_by: &'static str,
    pub noted_by: &'static str,

    // A record's history: the intro and the link back are a decision's, a meeting's and a
    // strategy document's, in that order.
    pub history_of: &'static str,
    pub no_public_changes: &'static str,
    pub recorded: &'static str,
    pub first_version: &'static str,
    pub no_visible_change: &'static str,
    pub what_changed: &'static str,
    pub field: &'static str,
    pub before: &'static str,
    pub after: &'static str,
    pub at_time: &'static str,
    pub history_intros: [&'static str; 3],
    pub back_to: [&'static str; 3],
    /// What each kind of event did, by its stable name; another reads as its name in words.
    pub events: &'static [(&'static str, &'static str)],

    // The words a history's changes, the 400 pages and the home page add.
    /// A field of a record's history with no label on the record's own page, by the name its
    /// JSON gives it (`took_effect_on`); a field in neither reads as its name in words.
    pub history_fields: &'static [(&'static str, &'static str)],
    /// A 400 page's explanation in this language, by the field its error names (`from`, `q`,
    /// `filter.text`), for a page not in English: the English page shows the handler's own
    /// sentence, which may quote the value refused ([`super::bad_input_text`]).
    pub bad_inputs: &'static [(&'static str, &'static str)],
    /// A 400 page's explanation for a field [`Labels::bad_inputs`] does not name.
    pub bad_address_text: &'static str,
    pub home_intro: &'static str,
    /// Around `Authorization: Bearer …`.
    pub home_graphiql: [&'static str; 2],
    pub home_caption: &'static str,
    pub home_council: &'static str,
    pub home_slug: &'static str,
    pub home_register: &'static str,
    pub home_no_councils: &'static str,
    pub home_unavailable: &'static str,
    pub home_platform: &'static str,
    pub home_platform_text: &'static str,
    pub home_documentation: &'static str,
    pub home_readme_text: &'static str,
}

/// A strategy document's standing in words (`StrategyStatus`).
#[derive(Debug)]
pub(crate) struct StrategyStatuses {
    pub draft: &'static str,
    pub for_consultation: &'static str,
    pub recommended_for_adoption: &'static str,
    pub adopted: &'static str,
    pub paused: &'static str,
    pub superseded: &'static str,
    pub withdrawn: &'static str,
}

/// A decision's stage in words (`DecisionStatus`).
#[derive(Debug)]
pub(crate) struct Stages {
    pub made: &'static str,
    pub deferred: &'static str,
    pub published: &'static str,
    pub called_in: &'static str,
    pub awaiting_reconsideration: &'static str,
    pub effective: &'static str,
    pub implemented: &'static str,
    pub withdrawn: &'static str,
    pub abandoned: &'static str,
    pub recommended_to_full_council: &'static str,
}

/// A forward-plan entry's status in words, when the plan states none of its own.
#[derive(Debug)]
pub(crate) struct PlanStatuses {
    pub planned: &'static str,
    pub on_hold: &'static str,
    pub deferred: &'static str,
    pub decided: &'static str,
    pub implemented: &'static str,
    pub withdrawn: &'static str,
    pub abandoned: &'static str,
}

/// A meeting's status in words.
#[derive(Debug)]
pub(crate) struct MeetingStatuses {
    pub scheduled: &'static str,
    pub held: &'static str,
    pub cancelled: &'static str,
    pub postponed: &'static str,
}

/// English, the pages' first language.
pub(crate) const ENGLISH: Labels = Labels {
    language: "Language",
    language_name: "English",
    skip_link: "Skip to main content",
    breadcrumb: "Breadcrumb",
    councils: "Councils",
    council_pages: "This council's register",
    decisions: "Decisions",
    forward_plan: "Forward plan",
    meetings: "Meetings",
    strategies: "Strategies",
    next: "Next",
    months: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    yes: "Yes",
    no: "No",
    not_stated: "Not stated",
    withheld: "Withheld",
    status: "Status",
    decision_maker: "Decision maker",
    key_decision: "Key decision",
    no_more_after: " There are no more decisions after this page.",
    decision_nouns: Nouns("decision", "decisions"),

    not_found: "Page not found",
    not_found_text: "If you typed the web address, check it is correct. If you followed a link, \
                     the council, decision or meeting may not exist, or may not be published yet.",
    bad_search: "There is a problem with the search",
    bad_page_link: "There is a problem with the page link",
    bad_page_link_text: "The link to this page of results is not valid. Start again from the \
                         first page.",
    unavailable: "Sorry, there is a problem with the service",
    unavailable_text: "The register cannot be read just now. Try again shortly.",
    every_council: "See every council",

    register_pages: ListNames {
        pages: "Pages of decisions",
        next_of: " page of decisions",
        first: "Newest decisions",
    },
    register_heading: "Register of decisions",
    register_intro: [
        "Decisions published by ",
        ", newest first. Information the law allows the council to withhold is shown as a \
         notice saying why.",
    ],
    register_downloads: [
        "Follow new decisions with the ",
        "Atom feed",
        ", or download every decision as ",
        " or ",
    ],
    spreadsheet: " (spreadsheet)",
    search_label: "Search decisions",
    search_hint: "Words in the title, purpose, decision, reasons, reason key, report author, \
                  consultees or reference. Put a phrase in \"quotes\", use OR between \
                  alternatives, end a word with * to match its beginning (highw*), and put - \
                  before a word to leave it out.",
    search_button: "Search",
    matching: [" matching “", "”. "],
    clear_search: "Clear the search",
    published_count: [" published.", " published."],
    register_caption: "Decisions, newest first",
    register_caption_relevant: "Decisions, most relevant first",
    sort_by: "Sort by: ",
    sort_newest: "newest",
    sort_relevance: "relevance",
    relevant_pages: ListNames {
        pages: "Pages of the most relevant decisions",
        next_of: " page of the most relevant decisions",
        first: "Most relevant decisions",
    },
    decision: "Decision",
    date_of_decision: "Date of decision",

    filters_heading: "Filter decisions",
    status_hint: "Select all that apply.",
    any_maker: "Any decision maker",
    ward: "Ward",
    ward_hint: "Decisions affecting all wards are included.",
    any_ward: "Any ward",
    any: "Any",
    call_in: "Call-in",
    call_in_open: "Can still be called in",
    call_in_open_hint: "Published decisions whose call-in period has not ended.",
    decided_from: "From",
    decided_to: "To",
    date_hint: "For example, 2010-06-09.",
    apply_filters: "Apply filters",
    clear_filters: "Clear filters",
    match_filters: [" matches your filters. ", " match your filters. "],
    and_filters: " and your filters",
    filtered_title: " matching your filters",

    decision_status: "Decision status",
    stage: "Stage",
    is_key_decision: "Is key decision?",
    is_subject_to_call_in: "Is subject to call in?",
    purpose: "Purpose",
    reasons: "Reasons for the decision",
    alternative_options: "Alternative options considered",
    reason_key: "Reason key",
    wards_affected: "Wards affected",
    committee_details: "Details of the committee",
    representations_by: "Representations should be made by",
    other_consulted: "Other reasons / organisations consulted",
    consultees: "Consultees",
    contact: "Contact",
    report_author: "Report author",
    publication_date: "Publication date",
    decided_by: "Decided by",
    effective_from: "Effective from",
    call_in_deadline: "Call-in deadline",
    interests_declared: "Interests declared",
    documents: "Accompanying documents",
    reference: "Reference",
    minute_number: "Minute number",
    lead_member: "Lead member",
    lead_officer: "Lead officer",
    department: "Department",
    vote: "Vote",
    votes: ["for", "against", "abstained"],
    proposed_by: "Proposed by ",
    seconded_by: "Seconded by ",
    all_wards: "All wards",
    unlisted_ward: "A ward not in the council's list",
    no_interests: "None",
    dispensation: " (dispensation: ",
    document_withheld: "A document withheld: ",
    paragraph: "Paragraph ",
    untitled_document: "Untitled document",
    time_on: " on ",
    decision_history: "History of this decision",
    all_decisions_of: "All decisions of ",
    stages: Stages {
        made: "Made, not yet published",
        deferred: "Deferred",
        published: "Published",
        called_in: "Called in",
        awaiting_reconsideration: "Awaiting reconsideration",
        effective: "In effect",
        implemented: "Implemented",
        withdrawn: "Withdrawn",
        abandoned: "Abandoned",
        recommended_to_full_council: "Recommended to full council",
    },

    plan_pages: ListNames {
        pages: "Pages of the forward plan",
        next_of: " page of the forward plan",
        first: "First page",
    },
    plan_intro: [
        "Decisions ",
        " plans to take, by the date they are due. Where a decision is expected to be taken in \
         private, the plan says why.",
    ],
    due_from_label: "Show decisions due from",
    due_from_hint: "For example, 2026-06-30. Leave blank for today.",
    show: "Show",
    due_count: [" due from ", ", or not yet dated."],
    plan_caption: "Decisions to come, by date due",
    matter: "Matter",
    date_due: "Date due",
    in_private: "In private",
    in_part: "In part",
    the_decision: "The decision",
    unlisted_body: "A body the council does not list",
    general_exception: "General exception: ",
    special_urgency: "Special urgency, agreed by ",
    not_before: "Not before ",
    not_yet_known: "Not yet known",
    plan_statuses: PlanStatuses {
        planned: "Planned",
        on_hold: "On hold",
        deferred: "Deferred",
        decided: "Decided",
        implemented: "Implemented",
        withdrawn: "Withdrawn",
        abandoned: "Abandoned",
    },

    plan_entry_description: "What is to be decided",
    originally_due: "Originally due",
    notice_given: "Notice given",
    notice_kinds: ["Standard notice", "General exception", "Special urgency"],
    notice_reason: "Why: ",
    chair_informed: "Informed: ",
    agreed_by: "Agreed by: ",
    notice_published: "Notice published",
    clear_days_notice: "Clear days' notice",
    expected_in_private: "Expected to be decided in private",
    representations: "How to make representations",
    by_day: "By ",
    contacts: "Contacts",
    listed_on: "Listed on",
    unlisted_plan: "A plan the council does not list",
    date_changes: "Changes of date due",
    changed_from: "From ",
    changed_to: " to ",
    closing_reason: "Why it was taken off the plan",
    corrections: "Corrections",
    corrected_on: "Corrected ",
    resulting_decision: "Decision made",
    view_the_decision: "View the decision",
    no_decision_yet: "None published yet",
    source_page: "Source",
    the_councils_page: "The council's page for this entry",
    entry_history: "History of this entry",
    whole_plan_of: "The forward plan of ",
    plan_entry_history_intro: "Every change to this entry of the forward plan, oldest first, with the time it was recorded (UK time). Notices of decisions to come are public: where a decision is expected to be taken in private, the entry says why, never more.",
    back_to_plan_entry: "Back to the entry",
    bad_address: "There is a problem with the page address",
    plan_events: &[
        ("ForwardPlanEntryEntered", "Entered on the forward plan"),
        ("ForwardPlanEntryRescheduled", "Date due changed"),
        ("ForwardPlanEntryWithdrawn", "Withdrawn"),
        ("ForwardPlanEntryAbandoned", "Abandoned"),
        ("ForwardPlanEntryDecisionLinked", "Decision linked"),
        ("ForwardPlanEntryStatusChanged", "Status changed"),
        ("ForwardPlanEntryListedOnPlan", "Listed on a plan"),
        ("ForwardPlanEntryCorrected", "Entry corrected"),
        ("ForwardPlanEntrySourceNoted", "Source page noted"),
    ],

    meeting_pages: ListNames {
        pages: "Pages of meetings",
        next_of: " page of meetings",
        first: "Newest meetings",
    },
    meeting_nouns: Nouns("meeting", "meetings"),
    meetings_recorded: " recorded, newest first.",
    no_more_meetings: " There are no more meetings after this page.",
    calendar_intro: [
        "Add these meetings to your calendar app with the ",
        "iCalendar subscription",
        ".",
    ],
    meetings_caption: "Meetings, newest first",
    meeting: "Meeting",
    time: "Time",
    place: "Place",
    time_to: " to ",
    ended: "Ended ",
    meeting_statuses: MeetingStatuses {
        scheduled: "Scheduled",
        held: "Held",
        cancelled: "Cancelled",
        postponed: "Postponed",
    },

    body: "Body",
    any_body: "Any body",
    meetings_from: "From",
    meetings_to: "To",
    date: "Date",
    cancelled: "Cancelled",
    recorded_on: "Recorded on ",
    meeting_minutes: "Minutes of the meeting",
    agenda: "Agenda",
    no_agenda_items: "The record lists no agenda items.",
    other_decisions: "Other decisions taken at this meeting",
    exclusion: "Exclusion of the public",
    excluded_from: ["The public was excluded from items ", "."],
    meeting_history: "History of this meeting",
    all_meetings_of: "All meetings of ",
    taken_in_private: "Taken in private",
    minutes_withheld: "Minutes withheld. ",
    no_minutes: "No minutes recorded.",
    decision_link: "Decision: ",

    strategy_nouns: Nouns("strategy document", "strategy documents"),
    strategies_recorded: " recorded, by current name.",
    strategies_caption: "Strategy documents, by current name",
    strategy: "Strategy",
    latest_version: "Latest version",
    none_recorded: "None recorded",
    strategy_statuses: StrategyStatuses {
        draft: "Draft",
        for_consultation: "For consultation",
        recommended_for_adoption: "Recommended for adoption",
        adopted: "Adopted",
        paused: "Paused",
        superseded: "Superseded",
        withdrawn: "Withdrawn",
    },
    version_statuses: ["Draft", "Approved", "Superseded"],
    approved_on: ", approved ",
    reviewed_on: ", reviewed ",
    no_date_recorded: ", no date recorded",

    period_covered: "Period covered",
    status_changes: "Changes of status",
    from_comma: ", from ",
    document_history: "History of this document",
    all_strategies_of: "All strategies of ",
    names: "Names",
    not_renamed: "It has not been renamed.",
    names_caption: "Names of the document, oldest first",
    name: "Name",
    used: "Used",
    rename_noted_by: "Rename noted by",
    not_recorded: "Not recorded",
    from_day: "From ",
    until_day: "Until ",
    dates_not_recorded: "Dates not recorded",
    current_name: " (current name)",
    versions: "Versions",
    no_versions: "No versions recorded.",
    versions_caption: "Versions, in drafting order",
    version: "Version",
    period: "Period",
    approved: "Approved",
    approved_by: "Approved by ",
    noted_by: "Noted by ",

    history_of: "History of ",
    no_public_changes: "No public changes are recorded.",
    recorded: "Recorded ",
    first_version: "The first public version of the record.",
    no_visible_change: "No change to what the public sees.",
    what_changed: "What changed",
    field: "Field",
    before: "Before",
    after: "After",
    at_time: " at ",
    history_intros: [
        "Every change to this decision's public record, oldest first, with the time it was recorded (UK time). Information the law allows the council to withhold is never shown.",
        "Every change to this meeting's public record, oldest first, with the time it was recorded (UK time). Information the law allows the council to withhold is never shown.",
        "Every change to this strategy document's public record, oldest first, with the time it was recorded (UK time). Information the law allows the council to withhold is never shown.",
    ],
    back_to: [
        "Back to the decision",
        "Back to the meeting",
        "Back to the strategy document",
    ],
    events: &[
        ("DecisionRecorded", "Decision recorded"),
        ("DecisionPublished", "Decision published"),
        ("DecisionCalledIn", "Called in"),
        ("DecisionCallInWithdrawn", "Call-in withdrawn"),
        ("DecisionCallInRuledInvalid", "Call-in ruled invalid"),
        ("DecisionCallInResolved", "Call-in resolved"),
        (
            "DecisionRecommendedToFullCouncil",
            "Recommended to full council",
        ),
        (
            "DecisionFullCouncilDecisionLinked",
            "Full council's decision linked",
        ),
        ("DecisionReconsidered", "Reconsidered"),
        ("DecisionExemptedFromCallIn", "Exempted from call-in"),
        ("DecisionTookEffect", "Took effect"),
        ("DecisionImplemented", "Implemented"),
        ("DecisionDeferred", "Deferred"),
        ("DecisionResumed", "Resumed"),
        ("DecisionWithdrawn", "Withdrawn"),
        ("DecisionAbandoned", "Abandoned"),
        ("DecisionCorrected", "Record corrected"),
        ("DecisionSourceNoted", "Source page noted"),
        ("MeetingSourceNoted", "Source page noted"),
        ("MeetingRecorded", "Meeting recorded"),
        ("MeetingCorrected", "Record corrected"),
        ("MeetingCancelled", "Meeting cancelled"),
        ("StrategyDocumentCreated", "Document recorded"),
        ("StrategyDocumentRenamed", "Renamed"),
        ("StrategyVersionDrafted", "Version drafted"),
        ("StrategyVersionApproved", "Version approved"),
        ("StrategyVersionNoted", "Version noted"),
        ("StrategyStatusChanged", "Status changed"),
    ],
    history_fields: &[
        ("title", "Title"),
        ("outcome", "Outcome"),
        ("status_label", "Status in its own words"),
        ("took_effect_on", "Took effect on"),
        ("call_in_deadline_time", "Call-in deadline time"),
        ("call_in", "Call-in"),
        ("recommendation", "Recommendation to full council"),
        ("deferrals", "Deferrals"),
        ("implementation", "Implementation"),
        ("closing_reason", "Reason for withdrawal or abandonment"),
        ("corrections", "Corrections"),
        ("sources", "Source pages"),
        ("source", "Source page"),
        ("forward_plan_entry", "Forward plan entry"),
        ("links", "Linked decisions"),
        ("not_stated", "Fields not stated"),
        ("withheld", "Fields withheld"),
        ("restricted", "Restricted"),
        ("start_time", "Start time"),
        ("end_time", "End time"),
        ("description", "Description"),
        ("representations", "Representations"),
        ("anticipated_restriction", "Expected to be in private"),
        ("original_date_due", "Original date due"),
        ("notice_date", "Date of notice"),
        ("notice", "Notice"),
        ("clear_days_notice", "Clear days' notice"),
        ("reschedulings", "Reschedulings"),
        ("contacts", "Contacts"),
        ("plans", "Forward plans"),
    ],
    bad_inputs: &[],
    bad_address_text: "The address of this page is not valid.",
    home_intro: "The registers of decisions of the councils below: read each on the web, or \
                 query it over GraphQL.",
    home_graphiql: [
        "Open a council's GraphiQL to query its register from the browser; clerks add ",
        " under Headers.",
    ],
    home_caption: "Councils, by name",
    home_council: "Council",
    home_slug: "Slug",
    home_register: "Register",
    home_no_councils: "No council has been registered yet.",
    home_unavailable: "The list of councils cannot be read just now. Try again shortly.",
    home_platform: "Platform",
    home_platform_text: ": the councils on this platform, and their registration by platform \
                         administrators.",
    home_documentation: "Documentation",
    home_readme_text: ": running the register, its configuration and its HTTP routes.",
};

/// Welsh (Cymraeg), for the councils of Wales.
pub(crate) const WELSH: Labels = Labels {
    language: "Iaith",
    language_name: "Cymraeg",
    skip_link: "Neidio i'r prif gynnwys",
    breadcrumb: "Briwsion bara",
    councils: "Cynghorau",
    council_pages: "Cofrestr y cyngor hwn",
    decisions: "Penderfyniadau",
    forward_plan: "Blaenraglen",
    meetings: "Cyfarfodydd",
    strategies: "Strategaethau",
    next: "Nesaf",
    months: [
        "Ionawr",
        "Chwefror",
        "Mawrth",
        "Ebrill",
        "Mai",
        "Mehefin",
        "Gorffennaf",
        "Awst",
        "Medi",
        "Hydref",
        "Tachwedd",
        "Rhagfyr",
    ],
    yes: "Ie",
    no: "Na",
    not_stated: "Heb ei nodi",
    withheld: "Wedi'i atal",
    status: "Statws",
    decision_maker: "Gwneuthurwr y penderfyniad",
    key_decision: "Penderfyniad allweddol",
    no_more_after: " Nid oes rhagor o benderfyniadau ar ôl y dudalen hon.",
    decision_nouns: Nouns("penderfyniad", "penderfyniad"),

    not_found: "Heb ddod o hyd i'r dudalen",
    not_found_text: "Os teipioch chi'r cyfeiriad gwe, gwiriwch ei fod yn gywir. Os dilynoch chi \
                     ddolen, efallai nad yw'r cyngor, y penderfyniad neu'r cyfarfod yn bodoli, \
                     neu nad yw wedi'i gyhoeddi eto.",
    bad_search: "Mae problem gyda'r chwiliad",
    bad_page_link: "Mae problem gyda dolen y dudalen",
    bad_page_link_text: "Nid yw'r ddolen i'r dudalen hon o ganlyniadau yn ddilys. Dechreuwch eto \
                         o'r dudalen gyntaf.",
    unavailable: "Mae'n ddrwg gennym, mae problem gyda'r gwasanaeth",
    unavailable_text: "Nid oes modd darllen y gofrestr ar hyn o bryd. Rhowch gynnig arall arni \
                       cyn bo hir.",
    every_council: "Gweld pob cyngor",

    register_pages: ListNames {
        pages: "Tudalennau'r penderfyniadau",
        next_of: " (tudalen o benderfyniadau)",
        first: "Y penderfyniadau diweddaraf",
    },
    register_heading: "Cofrestr penderfyniadau",
    register_intro: [
        "Penderfyniadau a gyhoeddwyd gan ",
        ", y diweddaraf yn gyntaf. Dangosir gwybodaeth y mae'r gyfraith yn caniatáu i'r cyngor \
         ei hatal fel hysbysiad sy'n esbonio pam.",
    ],
    register_downloads: [
        "Dilynwch benderfyniadau newydd gyda'r ",
        "ffrwd Atom",
        ", neu lawrlwythwch bob penderfyniad fel ",
        " neu ",
    ],
    spreadsheet: " (taenlen)",
    search_label: "Chwilio penderfyniadau",
    search_hint: "Geiriau yn y teitl, y diben, y penderfyniad, y rhesymau, allwedd y rheswm, \
                  awdur yr adroddiad, yr ymgyngoreion neu'r cyfeirnod. Rhowch ymadrodd mewn \
                  \"dyfynodau\", defnyddiwch OR rhwng dewisiadau, gorffennwch air â * i \
                  gyfateb i'w ddechrau (priffyrdd*), a rhowch - o flaen gair i'w adael allan.",
    search_button: "Chwilio",
    matching: [" yn cyfateb i “", "”. "],
    clear_search: "Clirio'r chwiliad",
    published_count: [" wedi'i gyhoeddi.", " wedi'u cyhoeddi."],
    register_caption: "Penderfyniadau, y diweddaraf yn gyntaf",
    register_caption_relevant: "Penderfyniadau, y mwyaf perthnasol yn gyntaf",
    sort_by: "Trefnu yn ôl: ",
    sort_newest: "y diweddaraf",
    sort_relevance: "perthnasedd",
    relevant_pages: ListNames {
        pages: "Tudalennau'r penderfyniadau mwyaf perthnasol",
        next_of: " (tudalen o'r penderfyniadau mwyaf perthnasol)",
        first: "Y penderfyniadau mwyaf perthnasol",
    },
    decision: "Penderfyniad",
    date_of_decision: "Dyddiad y penderfyniad",

    filters_heading: "Hidlo penderfyniadau",
    status_hint: "Dewiswch bob un sy'n berthnasol.",
    any_maker: "Unrhyw wneuthurwr penderfyniad",
    ward: "Ward",
    ward_hint: "Mae penderfyniadau sy'n effeithio ar bob ward wedi'u cynnwys.",
    any_ward: "Unrhyw ward",
    any: "Unrhyw un",
    call_in: "Galw i mewn",
    call_in_open: "Gellir ei alw i mewn o hyd",
    call_in_open_hint: "Penderfyniadau a gyhoeddwyd nad yw eu cyfnod galw i mewn wedi dod i ben.",
    decided_from: "O",
    decided_to: "Hyd at",
    date_hint: "Er enghraifft, 2010-06-09.",
    apply_filters: "Cymhwyso hidlwyr",
    clear_filters: "Clirio'r hidlwyr",
    match_filters: [" yn cyfateb i'ch hidlwyr. ", " yn cyfateb i'ch hidlwyr. "],
    and_filters: " a'ch hidlwyr",
    filtered_title: " yn cyfateb i'ch hidlwyr",

    decision_status: "Statws y penderfyniad",
    stage: "Cam",
    is_key_decision: "Penderfyniad allweddol?",
    is_subject_to_call_in: "Yn agored i'w alw i mewn?",
    purpose: "Diben",
    reasons: "Rhesymau dros y penderfyniad",
    alternative_options: "Opsiynau eraill a ystyriwyd",
    reason_key: "Allwedd y rhesymau",
    wards_affected: "Wardiau yr effeithir arnynt",
    committee_details: "Manylion y pwyllgor",
    representations_by: "Dylid cyflwyno sylwadau erbyn",
    other_consulted: "Rhesymau eraill / sefydliadau yr ymgynghorwyd â hwy",
    consultees: "Ymgyngoreion",
    contact: "Cyswllt",
    report_author: "Awdur yr adroddiad",
    publication_date: "Dyddiad cyhoeddi",
    decided_by: "Penderfynwyd gan",
    effective_from: "Yn weithredol o",
    call_in_deadline: "Dyddiad cau galw i mewn",
    interests_declared: "Buddiannau a ddatganwyd",
    documents: "Dogfennau ategol",
    reference: "Cyfeirnod",
    minute_number: "Rhif y cofnod",
    lead_member: "Aelod arweiniol",
    lead_officer: "Swyddog arweiniol",
    department: "Adran",
    vote: "Pleidlais",
    votes: ["o blaid", "yn erbyn", "yn ymatal"],
    proposed_by: "Cynigiwyd gan ",
    seconded_by: "Eiliwyd gan ",
    all_wards: "Pob ward",
    unlisted_ward: "Ward nad yw ar restr y cyngor",
    no_interests: "Dim",
    dispensation: " (goddefeb: ",
    document_withheld: "Dogfen wedi'i hatal: ",
    paragraph: "Paragraff ",
    untitled_document: "Dogfen heb deitl",
    time_on: " ar ",
    decision_history: "Hanes y penderfyniad hwn",
    all_decisions_of: "Holl benderfyniadau ",
    stages: Stages {
        made: "Wedi'i wneud, heb ei gyhoeddi eto",
        deferred: "Wedi'i ohirio",
        published: "Wedi'i gyhoeddi",
        called_in: "Wedi'i alw i mewn",
        awaiting_reconsideration: "Yn aros i gael ei ailystyried",
        effective: "Mewn grym",
        implemented: "Wedi'i weithredu",
        withdrawn: "Wedi'i dynnu'n ôl",
        abandoned: "Wedi'i roi heibio",
        recommended_to_full_council: "Wedi'i argymell i'r cyngor llawn",
    },

    plan_pages: ListNames {
        pages: "Tudalennau'r flaenraglen",
        next_of: " (tudalen o'r flaenraglen)",
        first: "Y dudalen gyntaf",
    },
    plan_intro: [
        "Penderfyniadau y mae ",
        " yn bwriadu eu gwneud, yn ôl y dyddiad y maent i'w gwneud. Lle disgwylir i \
         benderfyniad gael ei wneud yn breifat, mae'r flaenraglen yn dweud pam.",
    ],
    due_from_label: "Dangos penderfyniadau i'w gwneud o",
    due_from_hint: "Er enghraifft, 2026-06-30. Gadewch yn wag ar gyfer heddiw.",
    show: "Dangos",
    due_count: [" i'w gwneud o ", ", neu heb ddyddiad eto."],
    plan_caption: "Penderfyniadau i ddod, yn ôl y dyddiad",
    matter: "Mater",
    date_due: "Dyddiad disgwyliedig",
    in_private: "Yn breifat",
    in_part: "Yn rhannol",
    the_decision: "Y penderfyniad",
    unlisted_body: "Corff nad yw'r cyngor yn ei restru",
    general_exception: "Eithriad cyffredinol: ",
    special_urgency: "Brys arbennig, cytunwyd gan ",
    not_before: "Dim cyn ",
    not_yet_known: "Ddim yn hysbys eto",
    plan_statuses: PlanStatuses {
        planned: "Wedi'i gynllunio",
        on_hold: "Wedi'i ohirio dros dro",
        deferred: "Wedi'i ohirio",
        decided: "Wedi'i benderfynu",
        implemented: "Wedi'i weithredu",
        withdrawn: "Wedi'i dynnu'n ôl",
        abandoned: "Wedi'i roi heibio",
    },

    plan_entry_description: "Beth sydd i'w benderfynu",
    originally_due: "Dyddiad disgwyliedig gwreiddiol",
    notice_given: "Hysbysiad a roddwyd",
    notice_kinds: ["Hysbysiad safonol", "Eithriad cyffredinol", "Brys arbennig"],
    notice_reason: "Pam: ",
    chair_informed: "Rhoddwyd gwybod i: ",
    agreed_by: "Cytunwyd gan: ",
    notice_published: "Hysbysiad wedi'i gyhoeddi",
    clear_days_notice: "Diwrnodau clir o rybudd",
    expected_in_private: "Disgwylir ei benderfynu'n breifat",
    representations: "Sut i gyflwyno sylwadau",
    by_day: "Erbyn ",
    contacts: "Cysylltiadau",
    listed_on: "Wedi'i restru ar",
    unlisted_plan: "Blaenraglen nad yw'r cyngor yn ei rhestru",
    date_changes: "Newidiadau i'r dyddiad disgwyliedig",
    changed_from: "O ",
    changed_to: " i ",
    closing_reason: "Pam y'i tynnwyd oddi ar y flaenraglen",
    corrections: "Cywiriadau",
    corrected_on: "Cywirwyd ",
    resulting_decision: "Penderfyniad a wnaed",
    view_the_decision: "Gweld y penderfyniad",
    no_decision_yet: "Dim wedi'i gyhoeddi eto",
    source_page: "Ffynhonnell",
    the_councils_page: "Tudalen y cyngor ar gyfer y cofnod hwn",
    entry_history: "Hanes y cofnod hwn",
    whole_plan_of: "Blaenraglen ",
    plan_entry_history_intro: "Pob newid i'r cofnod hwn yn y flaenraglen, yr hynaf yn gyntaf, gyda'r amser y'i cofnodwyd (amser y DU). Mae hysbysiadau o benderfyniadau i ddod yn gyhoeddus: lle disgwylir i benderfyniad gael ei wneud yn breifat, mae'r cofnod yn dweud pam, a dim mwy.",
    back_to_plan_entry: "Yn ôl i'r cofnod",
    bad_address: "Mae problem gyda chyfeiriad y dudalen",
    plan_events: &[
        ("ForwardPlanEntryEntered", "Wedi'i roi ar y flaenraglen"),
        (
            "ForwardPlanEntryRescheduled",
            "Dyddiad disgwyliedig wedi newid",
        ),
        ("ForwardPlanEntryWithdrawn", "Wedi'i dynnu'n ôl"),
        ("ForwardPlanEntryAbandoned", "Wedi'i roi heibio"),
        (
            "ForwardPlanEntryDecisionLinked",
            "Penderfyniad wedi'i gysylltu",
        ),
        ("ForwardPlanEntryStatusChanged", "Statws wedi newid"),
        (
            "ForwardPlanEntryListedOnPlan",
            "Wedi'i restru ar flaenraglen",
        ),
        ("ForwardPlanEntryCorrected", "Cofnod wedi'i gywiro"),
        (
            "ForwardPlanEntrySourceNoted",
            "Tudalen ffynhonnell wedi'i nodi",
        ),
    ],

    meeting_pages: ListNames {
        pages: "Tudalennau'r cyfarfodydd",
        next_of: " (tudalen o gyfarfodydd)",
        first: "Y cyfarfodydd diweddaraf",
    },
    meeting_nouns: Nouns("cyfarfod", "cyfarfod"),
    meetings_recorded: " wedi'u cofnodi, y diweddaraf yn gyntaf.",
    no_more_meetings: " Nid oes rhagor o gyfarfodydd ar ôl y dudalen hon.",
    calendar_intro: [
        "Ychwanegwch y cyfarfodydd hyn at eich ap calendr gyda'r ",
        "tanysgrifiad iCalendar",
        ".",
    ],
    meetings_caption: "Cyfarfodydd, y diweddaraf yn gyntaf",
    meeting: "Cyfarfod",
    time: "Amser",
    place: "Lle",
    time_to: " i ",
    ended: "Daeth i ben ",
    meeting_statuses: MeetingStatuses {
        scheduled: "Wedi'i drefnu",
        held: "Wedi'i gynnal",
        cancelled: "Wedi'i ganslo",
        postponed: "Wedi'i ohirio",
    },

    body: "Corff",
    any_body: "Unrhyw gorff",
    meetings_from: "O",
    meetings_to: "Hyd at",
    date: "Dyddiad",
    cancelled: "Wedi'i ganslo",
    recorded_on: "Cofnodwyd ar ",
    meeting_minutes: "Cofnodion y cyfarfod",
    agenda: "Agenda",
    no_agenda_items: "Nid yw'r cofnod yn rhestru unrhyw eitemau agenda.",
    other_decisions: "Penderfyniadau eraill a wnaed yn y cyfarfod hwn",
    exclusion: "Gwahardd y cyhoedd",
    excluded_from: ["Gwaharddwyd y cyhoedd o eitemau ", "."],
    meeting_history: "Hanes y cyfarfod hwn",
    all_meetings_of: "Holl gyfarfodydd ",
    taken_in_private: "Ymdriniwyd ag ef yn breifat",
    minutes_withheld: "Cofnodion wedi'u hatal. ",
    no_minutes: "Ni chofnodwyd unrhyw gofnodion.",
    decision_link: "Penderfyniad: ",

    strategy_nouns: Nouns("ddogfen strategaeth", "dogfen strategaeth"),
    strategies_recorded: " wedi'u cofnodi, yn ôl eu henw presennol.",
    strategies_caption: "Dogfennau strategaeth, yn ôl eu henw presennol",
    strategy: "Strategaeth",
    latest_version: "Y fersiwn ddiweddaraf",
    none_recorded: "Dim wedi'i gofnodi",
    strategy_statuses: StrategyStatuses {
        draft: "Drafft",
        for_consultation: "Ar gyfer ymgynghori",
        recommended_for_adoption: "Argymhellwyd i'w mabwysiadu",
        adopted: "Wedi'i mabwysiadu",
        paused: "Wedi'i hoedi",
        superseded: "Wedi'i disodli",
        withdrawn: "Wedi'i thynnu'n ôl",
    },
    version_statuses: ["Drafft", "Wedi'i chymeradwyo", "Wedi'i disodli"],
    approved_on: ", cymeradwywyd ",
    reviewed_on: ", adolygwyd ",
    no_date_recorded: ", dim dyddiad wedi'i gofnodi",

    period_covered: "Cyfnod dan sylw",
    status_changes: "Newidiadau i'r statws",
    from_comma: ", o ",
    document_history: "Hanes y ddogfen hon",
    all_strategies_of: "Holl strategaethau ",
    names: "Enwau",
    not_renamed: "Nid yw wedi cael ei hailenwi.",
    names_caption: "Enwau'r ddogfen, yr hynaf yn gyntaf",
    name: "Enw",
    used: "Defnyddiwyd",
    rename_noted_by: "Nodwyd yr ailenwi gan",
    not_recorded: "Heb ei gofnodi",
    from_day: "O ",
    until_day: "Hyd at ",
    dates_not_recorded: "Dyddiadau heb eu cofnodi",
    current_name: " (enw presennol)",
    versions: "Fersiynau",
    no_versions: "Ni chofnodwyd unrhyw fersiynau.",
    versions_caption: "Fersiynau, yn nhrefn eu drafftio",
    version: "Fersiwn",
    period: "Cyfnod",
    approved: "Cymeradwywyd",
    approved_by: "Cymeradwywyd gan ",
    noted_by: "Nodwyd gan ",

    history_of: "Hanes ",
    no_public_changes: "Ni chofnodwyd unrhyw newidiadau cyhoeddus.",
    recorded: "Cofnodwyd ",
    first_version: "Fersiwn gyhoeddus gyntaf y cofnod.",
    no_visible_change: "Dim newid i'r hyn y mae'r cyhoedd yn ei weld.",
    what_changed: "Beth a newidiodd",
    field: "Maes",
    before: "Cynt",
    after: "Wedyn",
    at_time: " am ",
    history_intros: [
        "Pob newid i gofnod cyhoeddus y penderfyniad hwn, yr hynaf yn gyntaf, gyda'r amser y'i cofnodwyd (amser y DU). Ni ddangosir byth wybodaeth y mae'r gyfraith yn caniatáu i'r cyngor ei hatal.",
        "Pob newid i gofnod cyhoeddus y cyfarfod hwn, yr hynaf yn gyntaf, gyda'r amser y'i cofnodwyd (amser y DU). Ni ddangosir byth wybodaeth y mae'r gyfraith yn caniatáu i'r cyngor ei hatal.",
        "Pob newid i gofnod cyhoeddus y ddogfen strategaeth hon, yr hynaf yn gyntaf, gyda'r amser y'i cofnodwyd (amser y DU). Ni ddangosir byth wybodaeth y mae'r gyfraith yn caniatáu i'r cyngor ei hatal.",
    ],
    back_to: [
        "Yn ôl i'r penderfyniad",
        "Yn ôl i'r cyfarfod",
        "Yn ôl i'r ddogfen strategaeth",
    ],
    events: &[
        ("DecisionRecorded", "Penderfyniad wedi'i gofnodi"),
        ("DecisionPublished", "Penderfyniad wedi'i gyhoeddi"),
        ("DecisionCalledIn", "Wedi'i alw i mewn"),
        ("DecisionCallInWithdrawn", "Galw i mewn wedi'i dynnu'n ôl"),
        (
            "DecisionCallInRuledInvalid",
            "Galw i mewn wedi'i ddyfarnu'n annilys",
        ),
        ("DecisionCallInResolved", "Galw i mewn wedi'i ddatrys"),
        (
            "DecisionRecommendedToFullCouncil",
            "Wedi'i argymell i'r cyngor llawn",
        ),
        (
            "DecisionFullCouncilDecisionLinked",
            "Penderfyniad y cyngor llawn wedi'i gysylltu",
        ),
        ("DecisionReconsidered", "Wedi'i ailystyried"),
        (
            "DecisionExemptedFromCallIn",
            "Wedi'i eithrio rhag galw i mewn",
        ),
        ("DecisionTookEffect", "Daeth i rym"),
        ("DecisionImplemented", "Wedi'i weithredu"),
        ("DecisionDeferred", "Wedi'i ohirio"),
        ("DecisionResumed", "Wedi ailddechrau"),
        ("DecisionWithdrawn", "Wedi'i dynnu'n ôl"),
        ("DecisionAbandoned", "Wedi'i roi heibio"),
        ("DecisionCorrected", "Cofnod wedi'i gywiro"),
        ("DecisionSourceNoted", "Tudalen ffynhonnell wedi'i nodi"),
        ("MeetingSourceNoted", "Tudalen ffynhonnell wedi'i nodi"),
        ("MeetingRecorded", "Cyfarfod wedi'i gofnodi"),
        ("MeetingCorrected", "Cofnod wedi'i gywiro"),
        ("MeetingCancelled", "Cyfarfod wedi'i ganslo"),
        ("StrategyDocumentCreated", "Dogfen wedi'i chofnodi"),
        ("StrategyDocumentRenamed", "Wedi'i hailenwi"),
        ("StrategyVersionDrafted", "Fersiwn wedi'i drafftio"),
        ("StrategyVersionApproved", "Fersiwn wedi'i chymeradwyo"),
        ("StrategyVersionNoted", "Fersiwn wedi'i nodi"),
        ("StrategyStatusChanged", "Statws wedi newid"),
    ],
    history_fields: &[
        ("title", "Teitl"),
        ("outcome", "Canlyniad"),
        ("status_label", "Statws yn ei eiriau ei hun"),
        ("took_effect_on", "Daeth i rym ar"),
        ("call_in_deadline_time", "Amser cau galw i mewn"),
        ("call_in", "Galw i mewn"),
        ("recommendation", "Argymhelliad i'r cyngor llawn"),
        ("deferrals", "Gohiriadau"),
        ("implementation", "Gweithredu"),
        (
            "closing_reason",
            "Rheswm dros ei dynnu'n ôl neu ei roi heibio",
        ),
        ("corrections", "Cywiriadau"),
        ("sources", "Tudalennau ffynhonnell"),
        ("source", "Tudalen ffynhonnell"),
        ("forward_plan_entry", "Cofnod yn y flaenraglen"),
        ("links", "Penderfyniadau cysylltiedig"),
        ("not_stated", "Meysydd heb eu nodi"),
        ("withheld", "Meysydd wedi'u hatal"),
        ("restricted", "Cyfyngedig"),
        ("start_time", "Amser dechrau"),
        ("end_time", "Amser gorffen"),
        ("description", "Disgrifiad"),
        ("representations", "Sylwadau"),
        ("anticipated_restriction", "Disgwylir iddo fod yn breifat"),
        ("original_date_due", "Dyddiad disgwyliedig gwreiddiol"),
        ("notice_date", "Dyddiad yr hysbysiad"),
        ("notice", "Hysbysiad"),
        ("clear_days_notice", "Diwrnodau clir o rybudd"),
        ("reschedulings", "Aildrefniadau"),
        ("contacts", "Cysylltiadau"),
        ("plans", "Blaenraglenni"),
    ],
    bad_inputs: &[
        (
            "q",
            "Nid oes modd darllen cyfeiriad y chwiliad hwn. Chwiliwch eto.",
        ),
        (
            "filter.text",
            "Nid oes modd darllen y chwiliad. Caewch bob ymadrodd mewn \"dyfynodau\", rhowch \
             air bob ochr i OR, peidiwch â rhoi gair i'w adael allan (-gair) gydag OR, chwiliwch \
             am o leiaf un gair, a defnyddiwch 500 nod ar y mwyaf.",
        ),
        (
            "sort",
            "Trefnwch y chwiliad yn ôl y diweddaraf neu yn ôl perthnasedd.",
        ),
        ("status", "Dewiswch statwsau o'r rhestr."),
        ("maker", "Dewiswch y gwneuthurwr penderfyniad o'r rhestr."),
        ("ward", "Dewiswch y ward o'r rhestr."),
        ("body", "Dewiswch y corff o'r rhestr."),
        (
            "subject",
            "Dewiswch Ie, Na neu Unrhyw un ar gyfer yn agored i'w alw i mewn.",
        ),
        (
            "published_from",
            "Rhowch y dyddiad cyhoeddi fel blwyddyn, mis a diwrnod, er enghraifft 2010-06-09, a \
             dim ar ôl y dyddiad “Hyd at” os rhowch un.",
        ),
        (
            "published_to",
            "Rhowch y dyddiad cyhoeddi fel blwyddyn, mis a diwrnod, er enghraifft 2010-06-09.",
        ),
        (
            "key",
            "Dewiswch Ie, Na neu Unrhyw un ar gyfer penderfyniad allweddol.",
        ),
        (
            "call_in_open",
            "Ticiwch “Gellir ei alw i mewn o hyd”, neu gadewch ef heb ei dicio ar gyfer pob \
             penderfyniad.",
        ),
        (
            "from",
            "Rhowch y dyddiad fel blwyddyn, mis a diwrnod, er enghraifft 2010-06-09, a dim ar \
             ôl y dyddiad “Hyd at” os rhowch un.",
        ),
        (
            "to",
            "Rhowch y dyddiad “Hyd at” fel blwyddyn, mis a diwrnod, er enghraifft 2010-06-09.",
        ),
    ],
    bad_address_text: "Nid yw cyfeiriad y dudalen hon yn ddilys.",
    home_intro: "Cofrestrau penderfyniadau'r cynghorau isod: darllenwch bob un ar y we, neu \
                 holwch hi dros GraphQL.",
    home_graphiql: [
        "Agorwch GraphiQL cyngor i holi ei gofrestr o'r porwr; mae clercod yn ychwanegu ",
        " o dan Headers.",
    ],
    home_caption: "Cynghorau, yn ôl eu henw",
    home_council: "Cyngor",
    home_slug: "Enw byr",
    home_register: "Cofrestr",
    home_no_councils: "Nid oes unrhyw gyngor wedi'i gofrestru eto.",
    home_unavailable: "Nid oes modd darllen y rhestr o gynghorau ar hyn o bryd. Rhowch gynnig \
                       arall arni cyn bo hir.",
    home_platform: "Platfform",
    home_platform_text: ": y cynghorau ar y platfform hwn, a'u cofrestru gan weinyddwyr y \
                         platfform.",
    home_documentation: "Dogfennaeth",
    home_readme_text: ": rhedeg y gofrestr, ei ffurfweddiad a'i llwybrau HTTP (yn Saesneg).",
};

#[cfg(test)]
mod tests {
    use super::*;

    fn locale(uri: &str, nation: Nation) -> Locale {
        Locale::new(&uri.parse().unwrap(), Some(nation))
    }

    #[test]
    fn a_council_of_wales_is_in_welsh_unless_the_reader_asks_for_english() {
        assert_eq!(locale("/councils/x", Nation::Wales).lang, Lang::Cy);
        assert_eq!(locale("/councils/x?lang=en", Nation::Wales).lang, Lang::En);
        assert_eq!(locale("/councils/x", Nation::England).lang, Lang::En);
        assert_eq!(
            locale("/councils/x?lang=cy", Nation::England).lang,
            Lang::Cy
        );
        assert_eq!(
            locale("/councils/x?lang=fr", Nation::England).lang,
            Lang::En
        );
    }

    #[test]
    fn links_carry_the_language_only_when_it_is_not_the_councils_own() {
        let welsh = locale("/councils/x?q=tir", Nation::Wales);
        assert_eq!(welsh.href("/councils/x/meetings"), "/councils/x/meetings");
        let chosen = locale("/councils/x?lang=cy", Nation::England);
        assert_eq!(chosen.href("/councils/x?q=a"), "/councils/x?q=a&lang=cy");
        assert_eq!(chosen.href("/councils/x"), "/councils/x?lang=cy");
    }

    #[test]
    fn the_toggle_keeps_the_query_and_names_the_other_language_in_itself() {
        let html = locale("/councils/x?q=tir&after=c1", Nation::Wales)
            .toggle()
            .into_string();
        assert!(html.contains("href=\"/councils/x?q=tir&amp;after=c1&amp;lang=en\""));
        assert!(html.contains("hreflang=\"en\" lang=\"en\""));
        assert!(html.contains(">English<"));
        let back = locale("/councils/x?lang=cy", Nation::England)
            .toggle()
            .into_string();
        assert!(back.contains("href=\"/councils/x\""));
        assert!(
            locale("/councils/x", Nation::England)
                .toggle()
                .into_string()
                .is_empty()
        );
    }

    #[test]
    fn dates_read_as_gov_uk_writes_them_in_each_language() {
        let day = NaiveDate::from_ymd_opt(2010, 6, 9).unwrap();
        assert_eq!(Locale::english().date(day), "9 June 2010");
        assert_eq!(locale("/", Nation::Wales).date(day), "9 Mehefin 2010");
        assert_eq!(locale("/", Nation::Wales).month_year(day), "Mehefin 2010");
    }
}
