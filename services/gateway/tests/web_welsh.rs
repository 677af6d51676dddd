#![allow(clippy::unwrap_used, missing_docs)]
//! The public pages in Welsh: a council of Wales (registered with `nation: WALES`) has its
//! register, its decisions (and their history) and its forward plan in Welsh by default, in English on `?lang=en`;
//! an English council's pages are in Welsh on `?lang=cy`. The council's own words (titles,
//! statuses it states, purposes) are never translated; links keep the reader's choice; each
//! language has its own tag. HTML is parsed, not matched as text.

mod common;

use common::html::{Page, assert_links_resolve, assert_page, get, select, text_of};
use common::{Backend, TestApp, spawn};
use reqwest::StatusCode;
use reqwest::header::CONTENT_LANGUAGE;
use serde_json::{Value, json};
use uuid::Uuid;

const SLUG: &str = "ceredigion";
const COUNCIL: &str = "Cyngor Sir Ceredigion";
const TITLE: &str = "Information Strategy 2024";

/// A council of Wales with a published decision (decided 6 March 2024, published 8 March, its
/// status "Recommendations Approved" in its own words) and a forward-plan entry due 9 June 2026.
async fn welsh_council(backend: Backend, test: &str) -> Option<(TestApp, Uuid)> {
    let app = spawn(backend, test).await?;
    app.register_council_in(SLUG, COUNCIL, "WALES").await;
    let cabinet = app.add_body(SLUG, "Cabinet", "CABINET").await;
    let decision = common::record_draft(&app, SLUG, &cabinet, TITLE).await;
    common::publish(&app, SLUG, decision).await;
    let plan = Uuid::now_v7();
    clerk(
        &app,
        "mutation($key: UUID!, $input: PublishForwardPlanInput!) { \
         publishForwardPlan(idempotencyKey: $key, input: $input) { council { slug } } }",
        json!({"key": plan, "input": {
            "title": "Forward Plan: June 2026", "periodFrom": "2026-06-01",
            "periodTo": "2026-09-30", "publishedBy": cabinet, "publishedOn": "2026-05-01",
            "nextUpdateDue": "2026-05-29", "keyDecisionCriteria": "Expenditure of £1,000,000 or more."
        }}),
    )
    .await;
    clerk(
        &app,
        "mutation($key: UUID!, $input: EnterForwardPlanEntryInput!) { \
         enterForwardPlanEntry(idempotencyKey: $key, input: $input) { entry { title } } }",
        json!({"key": Uuid::now_v7(), "input": {
            "details": {"title": "School Transport Review", "decisionMaker": cabinet,
                        "keyDecision": true, "reference": "26/001"},
            "due": {"kind": "DAY", "date": "2026-06-09"},
            "notice": {"kind": "STANDARD"},
            "status": "PLANNED",
            "planIds": [plan]
        }}),
    )
    .await;
    Some((app, decision))
}

async fn clerk(app: &TestApp, query: &str, variables: Value) {
    let answer = app
        .post(
            &TestApp::council(SLUG),
            Some(&app.clerk(SLUG)),
            query,
            variables,
        )
        .await;
    assert!(answer.body.get("errors").is_none(), "{}", answer.text);
}

/// The page's language: `<html lang>` and `Content-Language`, which agree.
fn language(page: &Page) -> String {
    let lang = select(&page.html, "html")[0]
        .value()
        .attr("lang")
        .unwrap()
        .to_owned();
    assert_eq!(page.headers[CONTENT_LANGUAGE].to_str().unwrap(), lang);
    lang
}

fn texts(page: &Page, selector: &str) -> Vec<String> {
    select(&page.html, selector).iter().map(text_of).collect()
}

fn hrefs(page: &Page, selector: &str) -> Vec<String> {
    select(&page.html, selector)
        .iter()
        .map(|a| a.value().attr("href").unwrap().to_owned())
        .collect()
}

/// The link to the page in the other language: its text, address and language.
fn toggle(page: &Page) -> Option<(String, String, String)> {
    let links = select(&page.html, "a[hreflang]");
    assert!(links.len() <= 1, "{}", page.text);
    links.first().map(|a| {
        let lang = a.value().attr("lang").unwrap();
        assert_eq!(a.value().attr("hreflang"), Some(lang));
        (
            text_of(a),
            a.value().attr("href").unwrap().to_owned(),
            lang.to_owned(),
        )
    })
}

/// The summary list of a record's page, key by value.
fn summary(page: &Page) -> Vec<(String, String)> {
    let keys = texts(page, ".govuk-summary-list__key");
    let values = texts(page, ".govuk-summary-list__value");
    keys.into_iter().zip(values).collect()
}

fn value_of<'a>(summary: &'a [(String, String)], key: &str) -> &'a str {
    summary
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
        .unwrap_or_else(|| panic!("no {key:?} in {summary:?}"))
}

async fn a_council_of_wales_has_its_pages_in_welsh_with_a_link_to_english(backend: Backend) {
    let Some((app, decision)) = welsh_council(backend, "web_welsh").await else {
        return;
    };
    let register = get(&app, "/councils/ceredigion").await;
    assert_page(&register);
    assert_eq!(language(&register), "cy");
    assert_eq!(
        texts(&register, "h1"),
        [format!("{COUNCIL} Cofrestr penderfyniadau")]
    );
    assert_eq!(
        texts(&register, "nav[aria-label=\"Cofrestr y cyngor hwn\"] a"),
        [
            "Penderfyniadau",
            "Blaenraglen",
            "Cyfarfodydd",
            "Strategaethau"
        ]
    );
    assert_eq!(
        texts(&register, "thead th[scope=col]"),
        [
            "Penderfyniad",
            "Dyddiad y penderfyniad",
            "Gwneuthurwr y penderfyniad",
            "Statws",
            "Penderfyniad allweddol"
        ]
    );
    // The council's words stay its own: the title, the decision maker, the status it states.
    assert_eq!(
        texts(&register, "tbody tr"),
        [format!(
            "{TITLE} 6 Mawrth 2024 Cabinet Recommendations Approved Na"
        )]
    );
    assert_eq!(texts(&register, "label[for=q]"), ["Chwilio penderfyniadau"]);
    assert_eq!(texts(&register, "button"), ["Chwilio", "Cymhwyso hidlwyr"]);
    assert_eq!(
        texts(&register, "legend"),
        [
            "Statws",
            "Penderfyniad allweddol",
            "Galw i mewn",
            "Yn agored i'w alw i mewn?",
            "Dyddiad y penderfyniad",
            "Dyddiad cyhoeddi"
        ]
    );
    assert!(texts(&register, "[role=status]")[0].starts_with("1 penderfyniad"));
    assert_eq!(
        toggle(&register),
        Some((
            "English".to_owned(),
            "/councils/ceredigion?lang=en".to_owned(),
            "en".to_owned()
        ))
    );
    // In the council's own language, its links need no `lang=`.
    assert!(
        hrefs(&register, "main a")
            .iter()
            .all(|href| !href.contains("lang=")),
        "{}",
        register.text
    );
    assert_links_resolve(&app, &register).await;

    let page = get(&app, &format!("/councils/ceredigion/decisions/{decision}")).await;
    assert_page(&page);
    assert_eq!(language(&page), "cy");
    let fields = summary(&page);
    assert_eq!(value_of(&fields, "Gwneuthurwr y penderfyniad"), "Cabinet");
    assert_eq!(value_of(&fields, "Dyddiad y penderfyniad"), "6 Mawrth 2024");
    assert_eq!(value_of(&fields, "Dyddiad cyhoeddi"), "8 Mawrth 2024");
    assert_eq!(value_of(&fields, "Penderfyniad allweddol?"), "Na");
    assert_eq!(value_of(&fields, "Yn agored i'w alw i mewn?"), "Ie");
    assert_eq!(value_of(&fields, "Diben"), "To decide.");
    assert_eq!(value_of(&fields, "Cam"), "Wedi'i gyhoeddi");
    assert_eq!(
        toggle(&page).map(|(text, href, _)| (text, href)),
        Some((
            "English".to_owned(),
            format!("/councils/ceredigion/decisions/{decision}?lang=en")
        ))
    );

    let history = get(
        &app,
        &format!("/councils/ceredigion/decisions/{decision}/history"),
    )
    .await;
    assert_page(&history);
    assert_eq!(language(&history), "cy");
    assert_eq!(texts(&history, "h1"), [format!("{COUNCIL} Hanes {TITLE}")]);
    assert_eq!(
        texts(&history, "main h2").first().map(String::as_str),
        Some("Penderfyniad wedi'i gyhoeddi")
    );

    let plan = get(&app, "/councils/ceredigion/forward-plan?from=2026-06-01").await;
    assert_page(&plan);
    assert_eq!(language(&plan), "cy");
    assert_eq!(
        texts(&plan, "thead th[scope=col]"),
        [
            "Mater",
            "Gwneuthurwr y penderfyniad",
            "Dyddiad disgwyliedig",
            "Penderfyniad allweddol",
            "Statws",
            "Yn breifat"
        ]
    );
    let cells = texts(&plan, "tbody td");
    assert_eq!(
        cells,
        ["Cabinet", "9 Mehefin 2026", "Ie", "Wedi'i gynllunio", "Na"]
    );
    assert!(
        texts(&plan, "[role=status]")[0].contains("1 Mehefin 2026"),
        "{}",
        plan.text
    );
    // The other language keeps the page's own query.
    assert_eq!(
        toggle(&plan).map(|(_, href, _)| href),
        Some("/councils/ceredigion/forward-plan?from=2026-06-01&lang=en".to_owned())
    );

    let missing = get(&app, "/councils/ceredigion/decisions/not-a-decision").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(language(&missing), "cy");
    assert_eq!(texts(&missing, "h1"), ["Heb ddod o hyd i'r dudalen"]);
}

async fn english_is_a_link_away_and_the_links_keep_it(backend: Backend) {
    let Some((app, decision)) = welsh_council(backend, "web_welsh_en").await else {
        return;
    };
    let register = get(&app, "/councils/ceredigion?lang=en").await;
    assert_page(&register);
    assert_eq!(language(&register), "en");
    assert_eq!(
        texts(&register, "thead th[scope=col]"),
        [
            "Decision",
            "Date of decision",
            "Decision maker",
            "Status",
            "Key decision"
        ]
    );
    assert_eq!(
        texts(&register, "tbody tr"),
        [format!(
            "{TITLE} 6 March 2024 Cabinet Recommendations Approved No"
        )]
    );
    assert_eq!(
        toggle(&register),
        Some((
            "Cymraeg".to_owned(),
            "/councils/ceredigion".to_owned(),
            "cy".to_owned()
        ))
    );
    // Every link between the council's pages stays in English, and the search keeps it too.
    let council_links: Vec<String> = hrefs(&register, "main a")
        .into_iter()
        .filter(|href| href.starts_with("/councils/ceredigion") && !href.contains('.'))
        .collect();
    assert!(council_links.len() >= 5, "{council_links:?}");
    for href in &council_links {
        assert!(href.ends_with("lang=en"), "{href}");
    }
    let kept = select(&register.html, "form input[name=lang]");
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].value().attr("value"), Some("en"));
    assert_links_resolve(&app, &register).await;

    let link = format!("/councils/ceredigion/decisions/{decision}?lang=en");
    assert!(council_links.contains(&link), "{council_links:?}");
    let page = get(&app, &link).await;
    assert_eq!(language(&page), "en");
    let fields = summary(&page);
    assert_eq!(value_of(&fields, "Date of decision"), "6 March 2024");
    assert_eq!(value_of(&fields, "Is key decision?"), "No");

    let plan = get(
        &app,
        "/councils/ceredigion/forward-plan?from=2026-06-01&lang=en",
    )
    .await;
    assert_eq!(language(&plan), "en");
    assert_eq!(
        texts(&plan, "tbody td"),
        ["Cabinet", "9 June 2026", "Yes", "Planned", "No"]
    );

    // Each language is its own page, with its own tag.
    let welsh = get(&app, "/councils/ceredigion").await;
    let asked_welsh = get(&app, "/councils/ceredigion?lang=cy").await;
    assert_eq!(language(&asked_welsh), "cy");
    let tags = [welsh.etag(), asked_welsh.etag(), register.etag()];
    assert!(tags.iter().all(Option::is_some), "{tags:?}");
    assert_ne!(tags[0], tags[2]);
    assert_ne!(tags[1], tags[2]);
}

async fn an_english_councils_pages_are_in_welsh_on_request(backend: Backend) {
    let Some(app) = spawn(backend, "web_welsh_asked").await else {
        return;
    };
    let english = get(&app, "/councils/maidstone").await;
    assert_eq!(language(&english), "en");
    assert_eq!(toggle(&english), None);

    let register = get(&app, "/councils/maidstone?lang=cy").await;
    assert_page(&register);
    assert_eq!(language(&register), "cy");
    assert_eq!(
        texts(&register, "h1"),
        ["Maidstone Borough Council Cofrestr penderfyniadau"]
    );
    assert_eq!(
        toggle(&register),
        Some((
            "English".to_owned(),
            "/councils/maidstone".to_owned(),
            "en".to_owned()
        ))
    );
    assert_ne!(english.etag(), register.etag());
    let nav = hrefs(&register, "nav[aria-label=\"Cofrestr y cyngor hwn\"] a");
    assert_eq!(
        nav,
        [
            "/councils/maidstone?lang=cy",
            "/councils/maidstone/forward-plan?lang=cy",
            "/councils/maidstone/meetings?lang=cy",
            "/councils/maidstone/strategies?lang=cy"
        ]
    );
    // Following the links stays in Welsh, page after page.
    for href in &nav[1..] {
        let page = get(&app, href).await;
        assert_page(&page);
        assert_eq!(language(&page), "cy", "{href}");
        assert_links_resolve(&app, &page).await;
    }
    let example = select(&register.html, "tbody th a")
        .into_iter()
        .find(|a| text_of(a) == "Information Strategy 2010 - 13")
        .map(|a| a.value().attr("href").unwrap().to_owned())
        .unwrap();
    assert!(example.ends_with("?lang=cy"), "{example}");
    let page = get(&app, &example).await;
    assert_eq!(language(&page), "cy");
    let fields = summary(&page);
    assert_eq!(
        value_of(&fields, "Dyddiad y penderfyniad"),
        "9 Mehefin 2010"
    );
    // The search keeps the language.
    let searched = get(&app, "/councils/maidstone?q=strategy&lang=cy").await;
    assert_eq!(language(&searched), "cy");
    assert!(
        texts(&searched, "[role=status]")[0].contains("yn cyfateb i “strategy”"),
        "{}",
        searched.text
    );
}

/// The rows of a history page's tables of changes: field, before, after.
fn changed(page: &Page) -> Vec<[String; 3]> {
    select(&page.html, "main table tbody tr")
        .iter()
        .map(|row| {
            let th = text_of(&common::html::select_in(row, "th")[0]);
            let cells: Vec<String> = common::html::select_in(row, "td")
                .iter()
                .map(text_of)
                .collect();
            [th, cells[0].clone(), cells[1].clone()]
        })
        .collect()
}

async fn a_welsh_councils_history_names_the_fields_and_values_in_welsh(backend: Backend) {
    let Some((app, decision)) = welsh_council(backend, "web_welsh_history").await else {
        return;
    };
    clerk(
        &app,
        "mutation($key: UUID!, $d: UUID!) { takeEffect(idempotencyKey: $key, decisionId: $d, \
         input: {on: \"2024-03-20\"}) { decision { status } } }",
        json!({"key": Uuid::now_v7(), "d": decision}),
    )
    .await;
    let path = format!("/councils/ceredigion/decisions/{decision}/history");
    let history = get(&app, &path).await;
    assert_page(&history);
    assert_eq!(language(&history), "cy");
    assert!(
        texts(&history, "main h2").contains(&"Daeth i rym".to_owned()),
        "{}",
        history.text
    );
    let rows = changed(&history);
    for row in [
        ["Cam", "Wedi'i gyhoeddi", "Mewn grym"],
        ["Daeth i rym ar", "Heb ei nodi", "20 Mawrth 2024"],
    ] {
        assert!(
            rows.contains(&row.map(str::to_owned)),
            "{row:?} in {rows:?}"
        );
    }
    assert_eq!(texts(&history, "main thead th"), ["Maes", "Cynt", "Wedyn"]);

    let english = get(&app, &format!("{path}?lang=en")).await;
    assert_eq!(language(&english), "en");
    let rows = changed(&english);
    for row in [
        ["Stage", "Published", "In effect"],
        ["Took effect on", "Not stated", "20 March 2024"],
    ] {
        assert!(
            rows.contains(&row.map(str::to_owned)),
            "{row:?} in {rows:?}"
        );
    }
}

async fn a_bad_search_on_a_welsh_page_says_what_to_do_in_welsh(backend: Backend) {
    let Some((app, _)) = welsh_council(backend, "web_welsh_bad").await else {
        return;
    };
    for (query, welsh) in [
        ("q=%22call+in", "Nid oes modd darllen y chwiliad."),
        ("to=2026-02-30", "Rhowch y dyddiad “Hyd at”"),
        ("key=maybe", "Dewiswch Ie, Na neu Unrhyw un"),
    ] {
        let page = get(&app, &format!("/councils/ceredigion?{query}")).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{query}");
        assert_eq!(language(&page), "cy");
        assert_eq!(texts(&page, "h1"), ["Mae problem gyda'r chwiliad"]);
        let said = texts(&page, "main p");
        assert!(said[0].starts_with(welsh), "{query}: {said:?}");
    }
    // The forward plan's date, and a page of meetings whose address cannot be read.
    let plan = get(&app, "/councils/ceredigion/forward-plan?from=soon").await;
    assert_eq!(plan.status, StatusCode::BAD_REQUEST);
    assert!(texts(&plan, "main p")[0].starts_with("Rhowch y dyddiad fel blwyddyn"));
    let meetings = get(&app, "/councils/ceredigion/meetings?after=a&after=b").await;
    assert_eq!(meetings.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        texts(&meetings, "main p")[0],
        "Nid yw cyfeiriad y dudalen hon yn ddilys."
    );
    // In English, the page's own sentence, which quotes what was wrong.
    let english = get(&app, "/councils/ceredigion?q=%22call+in&lang=en").await;
    assert_eq!(english.status, StatusCode::BAD_REQUEST);
    assert_eq!(language(&english), "en");
    assert_eq!(
        texts(&english, "h1"),
        ["There is a problem with the search"]
    );
    assert!(
        texts(&english, "main p")[0].contains("a quoted phrase is not closed"),
        "{}",
        english.text
    );
    // Every council link is in the page's language.
    assert_eq!(hrefs(&english, "main a"), ["/"]);
    let welsh = get(&app, "/councils/ceredigion?key=maybe").await;
    assert_eq!(hrefs(&welsh, "main a"), ["/?lang=cy"]);
}

async fn the_home_page_is_in_welsh_on_request(backend: Backend) {
    let Some((app, _)) = welsh_council(backend, "web_welsh_home").await else {
        return;
    };
    let english = get(&app, "/").await;
    assert_page(&english);
    assert_eq!(language(&english), "en");
    assert_eq!(toggle(&english), None);
    assert_eq!(texts(&english, "h1"), ["Civic Register"]);
    assert_eq!(
        texts(&english, "thead th"),
        ["Council", "Slug", "Register", "GraphQL"]
    );
    // Each register in its own language: no `lang=` from the English page to either.
    let links = hrefs(&english, "tbody a");
    assert!(
        links.contains(&"/councils/ceredigion".to_owned()),
        "{links:?}"
    );
    assert!(
        links.contains(&"/councils/maidstone".to_owned()),
        "{links:?}"
    );
    // The pages' own policy: the GOV.UK styles the binary serves, no inline styles.
    let policy = english.headers["content-security-policy"].to_str().unwrap();
    assert!(policy.contains("style-src 'self'"), "{policy}");
    assert!(!policy.contains("unsafe-inline"), "{policy}");
    assert!(
        hrefs(&english, "link[rel=stylesheet]")[0].starts_with("/assets/govuk/"),
        "{}",
        english.text
    );

    let welsh = get(&app, "/?lang=cy").await;
    assert_page(&welsh);
    assert_eq!(language(&welsh), "cy");
    assert_eq!(texts(&welsh, "h1"), ["Civic Register"]);
    assert_eq!(texts(&welsh, "main h2")[0], "Cynghorau");
    assert_eq!(
        texts(&welsh, "thead th"),
        ["Cyngor", "Enw byr", "Cofrestr", "GraphQL"]
    );
    assert_eq!(
        texts(&welsh, "tbody th"),
        [COUNCIL, "Maidstone Borough Council"]
    );
    // The Welsh council's register is Welsh already; the English council's is asked in Welsh.
    let links = hrefs(&welsh, "tbody a");
    assert!(
        links.contains(&"/councils/ceredigion".to_owned()),
        "{links:?}"
    );
    assert!(
        links.contains(&"/councils/maidstone?lang=cy".to_owned()),
        "{links:?}"
    );
    assert_eq!(
        toggle(&welsh),
        Some(("English".to_owned(), "/".to_owned(), "en".to_owned()))
    );
    // Followed, each register is in Welsh (GraphQL's endpoints answer a browser's `Accept`).
    for href in links.iter().filter(|href| !href.ends_with("/graphql")) {
        let register = get(&app, href).await;
        assert_page(&register);
        assert_eq!(language(&register), "cy", "{href}");
    }
    // A Welsh page's breadcrumbs lead back to the Welsh home page.
    let register = get(&app, "/councils/ceredigion").await;
    assert_eq!(hrefs(&register, ".govuk-breadcrumbs a"), ["/?lang=cy"]);
}

both_backends!(
    a_council_of_wales_has_its_pages_in_welsh_with_a_link_to_english,
    english_is_a_link_away_and_the_links_keep_it,
    an_english_councils_pages_are_in_welsh_on_request,
    a_welsh_councils_history_names_the_fields_and_values_in_welsh,
    a_bad_search_on_a_welsh_page_says_what_to_do_in_welsh,
    the_home_page_is_in_welsh_on_request,
);
