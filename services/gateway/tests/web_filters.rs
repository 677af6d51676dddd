#![allow(clippy::unwrap_used, missing_docs)]
//! The register page's filters (status, decision maker, ward, key decision, "can still be
//! called in", date of decision): each narrows the list to what it names, they combine with
//! the search, every link of the page keeps them, a bad value is a 400 page saying what is
//! wrong, and a value withheld from the public matches no filter. Over a council of five
//! published decisions that differ in each. HTML is parsed, not matched as text.

mod common;

use common::html::{Page, assert_page, get, select, text_of};
use common::{Backend, TestApp, spawn, spawn_with};
use reqwest::StatusCode;
use serde_json::{Value, json};
use uuid::Uuid;

const SLUG: &str = "kent";
const REGISTER: &str = "/councils/kent";
/// Cabinet, key, Bridge ward, decided 6 March 2024; published.
const PARKING: &str = "Car park charges review";
/// Cabinet, not key, Heath ward, decided 1 April 2024; called in.
const LIBRARY: &str = "Library opening hours";
/// Cabinet (withheld), key (withheld), Bridge ward, decided 6 May 2024; published.
const SECRET: &str = "Sale of the market hall";
/// The officer, not key, all wards, decided 1 July 2024; withdrawn.
const GRASS: &str = "Grass cutting contract";
/// Cabinet, not key, wards not stated, decided and published today: its call-in is open.
const OPEN: &str = "Bus shelter repairs";

/// The council, its bodies and wards.
struct Kent {
    app: TestApp,
    cabinet: String,
    officer: String,
    bridge: String,
    heath: String,
}

async fn clerk(app: &TestApp, query: &str, variables: Value) -> Value {
    let answer = app
        .post(
            &TestApp::council(SLUG),
            Some(&app.clerk(SLUG)),
            query,
            variables,
        )
        .await;
    assert!(answer.body["errors"].is_null(), "{}", answer.text);
    answer.body["data"].clone()
}

async fn add_ward(app: &TestApp, name: &str) -> String {
    let ward = Uuid::now_v7();
    clerk(
        app,
        "mutation($key: UUID!, $input: AddWardInput!) { \
         addWard(idempotencyKey: $key, input: $input) { council { name } } }",
        json!({"key": ward, "input": {"name": name}}),
    )
    .await;
    ward.to_string()
}

/// Records and publishes a decision; its id.
async fn decision(app: &TestApp, input: Value, published: &str) -> Uuid {
    let id = Uuid::now_v7();
    clerk(
        app,
        "mutation($key: UUID!, $input: DecisionDetailsInput!) { \
         recordDecision(idempotencyKey: $key, input: $input) { decision { uuid } } }",
        json!({"key": id, "input": input}),
    )
    .await;
    clerk(
        app,
        "mutation($key: UUID!, $d: UUID!, $on: Date!) { publishDecision(idempotencyKey: $key, \
         decisionId: $d, input: {publicationDate: $on}) { decision { status } } }",
        json!({"key": Uuid::now_v7(), "d": id, "on": published}),
    )
    .await;
    id
}

fn record(body: &str, title: &str, decided: &str, key: bool, wards: Value) -> Value {
    let mut input = common::details(body, title);
    input["dateOfDecision"] = json!(decided);
    input["keyDecision"] = json!(key);
    input["wardsAffected"] = wards;
    input
}

fn listed(ward: &str) -> Value {
    json!({"kind": "LISTED", "wardIds": [ward]})
}

/// A council of England with the five decisions above.
async fn kent(app: TestApp) -> Kent {
    app.register_council(SLUG, "Kent County Council").await;
    let cabinet = app.add_body(SLUG, "Cabinet", "CABINET").await;
    let officer = app.add_body(SLUG, "Head of Parks", "OFFICER").await;
    let bridge = add_ward(&app, "Bridge").await;
    let heath = add_ward(&app, "Heath").await;

    decision(
        &app,
        record(&cabinet, PARKING, "2024-03-06", true, listed(&bridge)),
        "2024-03-08",
    )
    .await;

    let library = decision(
        &app,
        record(&cabinet, LIBRARY, "2024-04-01", false, listed(&heath)),
        "2024-04-03",
    )
    .await;
    clerk(
        &app,
        "mutation($key: UUID!, $d: UUID!) { callInDecision(idempotencyKey: $key, decisionId: $d, \
         input: {members: [\"Cllr A\", \"Cllr B\"], reason: \"Consultation\", date: \"2024-04-05\"}) \
         { decision { status } } }",
        json!({"key": Uuid::now_v7(), "d": library}),
    )
    .await;

    let mut secret = record(&cabinet, SECRET, "2024-05-06", true, listed(&bridge));
    secret["decisionMakerName"] = json!("Cabinet");
    let restriction = json!({"category": "EXEMPT", "paragraphs": [3],
        "reason": "The information relates to the bidders."});
    secret["fieldRestrictions"] = json!([
        {"field": "DECISION_MAKER", "restriction": restriction},
        {"field": "KEY_DECISION", "restriction": restriction},
    ]);
    decision(&app, secret, "2024-05-08").await;

    let mut grass = record(&officer, GRASS, "2024-07-01", false, json!({"kind": "ALL"}));
    grass["decisionMakerName"] = json!("Head of Parks");
    grass["decidedByName"] = json!("Head of Parks");
    grass["subjectToCallIn"] = json!(false);
    grass["statusLabel"] = Value::Null;
    let grass = decision(&app, grass, "2024-07-03").await;
    clerk(
        &app,
        "mutation($key: UUID!, $d: UUID!) { withdrawDecision(idempotencyKey: $key, decisionId: $d, \
         input: {reason: \"Retendered\"}) { position } }",
        json!({"key": Uuid::now_v7(), "d": grass}),
    )
    .await;

    let today = app.services.today().to_string();
    let mut open = record(&cabinet, OPEN, &today, false, Value::Null);
    open.as_object_mut().unwrap().remove("wardsAffected");
    decision(&app, open, &today).await;

    Kent {
        app,
        cabinet,
        officer,
        bridge,
        heath,
    }
}

async fn seeded(backend: Backend, test: &str) -> Option<Kent> {
    Some(kent(spawn(backend, test).await?).await)
}

/// The register's rows' titles, in order.
fn titles(page: &Page) -> Vec<String> {
    select(&page.html, "table.govuk-table tbody tr th[scope=row] a")
        .iter()
        .map(text_of)
        .collect()
}

fn status_line(page: &Page) -> String {
    text_of(&select(&page.html, "p[role=status]")[0])
}

fn title(page: &Page) -> String {
    text_of(&select(&page.html, "title")[0])
}

fn href(page: &Page, selector: &str) -> String {
    let links = select(&page.html, selector);
    assert_eq!(links.len(), 1, "{selector}: {}", page.text);
    links[0].value().attr("href").unwrap().to_owned()
}

/// The register with `query`, which must answer 200.
async fn listed_by(app: &TestApp, query: &str) -> Vec<String> {
    let page = get(app, &format!("{REGISTER}?{query}")).await;
    assert_page(&page);
    titles(&page)
}

async fn each_filter_narrows_the_register_to_the_decisions_that_match(backend: Backend) {
    let Some(kent) = seeded(backend, "web_filters_each").await else {
        return;
    };
    let app = &kent.app;
    let all = get(app, REGISTER).await;
    assert_page(&all);
    assert_eq!(titles(&all), [OPEN, GRASS, SECRET, LIBRARY, PARKING]);
    assert_eq!(status_line(&all), "5 decisions published.");

    let cases: Vec<(String, Vec<&str>)> = vec![
        ("status=called_in".into(), vec![LIBRARY]),
        (
            "status=called_in&status=withdrawn".into(),
            vec![GRASS, LIBRARY],
        ),
        ("status=published".into(), vec![OPEN, SECRET, PARKING]),
        (format!("maker={}", kent.officer), vec![GRASS]),
        // The ward's own decisions and those affecting all wards; not those that do not say.
        (
            format!("ward={}", kent.bridge),
            vec![GRASS, SECRET, PARKING],
        ),
        (format!("ward={}", kent.heath), vec![GRASS, LIBRARY]),
        ("key=no".into(), vec![OPEN, GRASS, LIBRARY]),
        ("call_in_open=yes".into(), vec![OPEN]),
        // Both ends are days included.
        (
            "from=2024-04-01&to=2024-05-06".into(),
            vec![SECRET, LIBRARY],
        ),
        ("to=2024-03-06".into(), vec![PARKING]),
        ("from=2024-07-01".into(), vec![OPEN, GRASS]),
        // Subject to call-in, and the date of publication (both ends included).
        ("subject=no".into(), vec![GRASS]),
        ("subject=yes".into(), vec![OPEN, SECRET, LIBRARY, PARKING]),
        (
            "published_from=2024-04-03&published_to=2024-05-08".into(),
            vec![SECRET, LIBRARY],
        ),
        ("published_to=2024-03-08".into(), vec![PARKING]),
        // Conditions combine: every one must hold.
        (
            format!("maker={}&key=no&status=published", kent.cabinet),
            vec![OPEN],
        ),
        (
            format!("ward={}&status=published&to=2024-12-31", kent.bridge),
            vec![SECRET, PARKING],
        ),
        // Empty values, as a form sends them, are no condition.
        (
            "q=&status=&maker=&ward=&key=&call_in_open=&from=&to=&subject=&published_from=\
             &published_to="
                .into(),
            vec![OPEN, GRASS, SECRET, LIBRARY, PARKING],
        ),
    ];
    for (query, expected) in cases {
        assert_eq!(listed_by(app, &query).await, expected, "{query}");
    }

    let page = get(app, &format!("{REGISTER}?key=no")).await;
    assert_eq!(status_line(&page), "3 decisions match your filters.");
    assert_eq!(
        title(&page),
        "Decisions matching your filters – Kent County Council – Civic Register"
    );
    let one = get(app, &format!("{REGISTER}?status=called_in")).await;
    assert_eq!(status_line(&one), "1 decision matches your filters.");
}

async fn the_form_offers_the_councils_choices_and_shows_those_made(backend: Backend) {
    let Some(kent) = seeded(backend, "web_filters_form").await else {
        return;
    };
    let app = &kent.app;
    let blank = get(app, REGISTER).await;
    // Every control has its label; the selects list the council's bodies and wards.
    for input in select(
        &blank.html,
        "form[role=search] input:not([type=hidden]), form select",
    ) {
        let id = input.value().attr("id").unwrap();
        assert_eq!(
            select(&blank.html, &format!("label[for=\"{id}\"]")).len(),
            1,
            "{id}"
        );
    }
    let options = |page: &Page, id: &str| -> Vec<String> {
        select(&page.html, &format!("select#{id} option"))
            .iter()
            .map(text_of)
            .collect()
    };
    assert_eq!(
        options(&blank, "maker"),
        ["Any decision maker", "Cabinet", "Head of Parks"]
    );
    assert_eq!(options(&blank, "ward"), ["Any ward", "Bridge", "Heath"]);
    // The statuses the public can see: made and deferred decisions are never published.
    let offered: Vec<&str> = select(&blank.html, "input[name=status][type=checkbox]")
        .iter()
        .map(|input| input.value().attr("value").unwrap())
        .collect();
    assert_eq!(
        offered,
        [
            "published",
            "called_in",
            "awaiting_reconsideration",
            "effective",
            "implemented",
            "withdrawn",
            "abandoned",
            "recommended_to_full_council"
        ]
    );
    // A URL may still name one: it is shown, ticked, and matches nothing the public sees.
    let made = get(app, &format!("{REGISTER}?status=made")).await;
    assert_page(&made);
    assert!(titles(&made).is_empty());
    assert_eq!(
        select(&made.html, "input#status-made[checked]").len(),
        1,
        "{}",
        made.text
    );
    assert!(
        select(
            &blank.html,
            "input[checked]:not(#key-any):not(#subject-any)"
        )
        .is_empty()
    );
    // Nothing chosen, nothing to clear.
    assert!(
        select(&blank.html, "a.govuk-link")
            .iter()
            .all(|a| text_of(a) != "Clear filters")
    );

    let query = format!(
        "status=called_in&status=withdrawn&maker={}&ward={}&key=no&call_in_open=yes\
         &from=2024-01-01&to=2024-12-31&subject=yes&published_from=2024-01-02",
        kent.cabinet, kent.heath
    );
    let page = get(app, &format!("{REGISTER}?{query}")).await;
    assert_page(&page);
    let checked: Vec<&str> = select(&page.html, "input[checked]")
        .iter()
        .map(|input| input.value().attr("id").unwrap())
        .collect();
    assert_eq!(
        checked,
        [
            "status-called_in",
            "status-withdrawn",
            "key-no",
            "call_in_open",
            "subject-yes"
        ]
    );
    let selected = |id: &str| -> String {
        select(&page.html, &format!("select#{id} option[selected]"))[0]
            .value()
            .attr("value")
            .unwrap()
            .to_owned()
    };
    assert_eq!(selected("maker"), kent.cabinet);
    assert_eq!(selected("ward"), kent.heath);
    let value = |id: &str| {
        select(&page.html, &format!("input#{id}"))[0]
            .value()
            .attr("value")
            .map(str::to_owned)
    };
    assert_eq!(value("from").as_deref(), Some("2024-01-01"));
    assert_eq!(value("to").as_deref(), Some("2024-12-31"));
    assert_eq!(value("published_from").as_deref(), Some("2024-01-02"));
    assert_eq!(value("published_to"), None);
    assert_eq!(
        select(&page.html, "input#from")[0].value().attr("type"),
        Some("date")
    );
    assert!(titles(&page).is_empty(), "{}", page.text);
    assert_eq!(status_line(&page), "0 decisions match your filters.");
    assert_eq!(
        href(&page, "form[role=search] .govuk-button-group a"),
        REGISTER
    );
}

async fn filters_combine_with_the_search_and_every_link_keeps_them(backend: Backend) {
    let Some(app) = spawn_with(backend, "web_filters_links", |settings| {
        settings.limits.max_page_size = 2;
    })
    .await
    else {
        return;
    };
    let kent = kent(app).await;
    let app = &kent.app;

    // The search and a filter: both must hold.
    let searched = get(app, &format!("{REGISTER}?q=charges+OR+hours")).await;
    assert_eq!(titles(&searched), [LIBRARY, PARKING]);
    let both = get(app, &format!("{REGISTER}?q=charges+OR+hours&key=no")).await;
    assert_page(&both);
    assert_eq!(titles(&both), [LIBRARY]);
    assert_eq!(
        status_line(&both),
        "1 decision matching “charges OR hours” and your filters. Clear the search"
    );
    assert_eq!(
        title(&both),
        "Decisions matching “charges OR hours” and your filters – Kent County Council – \
         Civic Register"
    );
    // Clearing the search keeps the filters; clearing the filters keeps the search.
    assert_eq!(href(&both, "p[role=status] a"), "/councils/kent?key=no");
    assert_eq!(
        href(&both, "form[role=search] .govuk-button-group a"),
        "/councils/kent?q=charges+OR+hours"
    );
    // The sort control keeps them.
    assert_eq!(
        href(&both, "#sort a"),
        "/councils/kent?q=charges+OR+hours&key=no&sort=relevance"
    );
    let relevant = get(app, &href(&both, "#sort a")).await;
    assert_eq!(titles(&relevant), [LIBRARY]);
    assert_eq!(
        href(&relevant, "#sort a"),
        "/councils/kent?q=charges+OR+hours&key=no"
    );
    assert_eq!(
        href(&relevant, "form[role=search] .govuk-button-group a"),
        "/councils/kent?q=charges+OR+hours&sort=relevance"
    );

    // Pages follow with the filters: three of Cabinet's, two a page.
    let first = get(
        app,
        &format!("{REGISTER}?from=2024-01-01&maker={}", kent.cabinet),
    )
    .await;
    // The Sale of the market hall's decision maker is withheld: it is not Cabinet's to the public.
    assert_eq!(titles(&first), [OPEN, LIBRARY]);
    let next = href(&first, ".govuk-pagination a[rel=next]");
    assert!(
        next.starts_with(&format!(
            "/councils/kent?maker={}&from=2024-01-01&after=",
            kent.cabinet
        )),
        "{next}"
    );
    let second = get(app, &next).await;
    assert_eq!(titles(&second), [PARKING]);
    assert_eq!(
        href(&second, ".govuk-pagination a[rel=first]"),
        format!("/councils/kent?maker={}&from=2024-01-01", kent.cabinet)
    );

    let statuses = get(
        app,
        &format!("{REGISTER}?status=published&status=withdrawn&q=&lang=cy"),
    )
    .await;
    assert_page(&statuses);
    assert_eq!(titles(&statuses), [OPEN, GRASS]);
    assert_eq!(
        href(&statuses, ".govuk-pagination a[rel=next]")
            .split("&after=")
            .next(),
        Some("/councils/kent?status=published&status=withdrawn")
    );
    // In Welsh, the words are Welsh and the links keep the language.
    assert_eq!(
        status_line(&statuses),
        "4 penderfyniad yn cyfateb i'ch hidlwyr."
    );
    assert!(title(&statuses).starts_with("Penderfyniadau yn cyfateb i'ch hidlwyr – "));
    assert!(
        href(&statuses, ".govuk-pagination a[rel=next]").ends_with("&lang=cy"),
        "{}",
        statuses.text
    );
    let button = select(
        &statuses.html,
        "form[role=search] button.govuk-button--secondary",
    );
    assert_eq!(text_of(&button[0]), "Cymhwyso hidlwyr");
}

async fn a_withheld_value_matches_no_filter_of_the_public(backend: Backend) {
    let Some(kent) = seeded(backend, "web_filters_withheld").await else {
        return;
    };
    let app = &kent.app;
    // The public sees the decision, its decision maker and key decision withheld...
    assert_eq!(
        listed_by(app, "from=2024-05-06&to=2024-05-06").await,
        [SECRET]
    );
    // ...and no filter on them finds it: neither value, nor its opposite.
    assert_eq!(listed_by(app, "key=yes").await, [PARKING]);
    assert_eq!(listed_by(app, "key=no").await, [OPEN, GRASS, LIBRARY]);
    assert_eq!(
        listed_by(app, &format!("maker={}", kent.cabinet)).await,
        [OPEN, LIBRARY, PARKING]
    );
    // A clerk's filter finds it by both: the page's are the public's conditions, not fewer
    // decisions.
    let clerk = clerk(
        app,
        "query($cabinet: UUID!) { decisions(filter: {decisionMaker: $cabinet, keyDecision: true}) \
         { edges { node { title } } } }",
        json!({"cabinet": kent.cabinet}),
    )
    .await;
    let found: Vec<&str> = clerk["decisions"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|edge| edge["node"]["title"].as_str().unwrap())
        .collect();
    assert_eq!(found, [SECRET, PARKING]);
}

async fn bad_filter_values_are_a_400_page_saying_what_is_wrong(backend: Backend) {
    let Some(kent) = seeded(backend, "web_filters_bad").await else {
        return;
    };
    let app = &kent.app;
    let unknown = Uuid::now_v7();
    for (query, says) in [
        (
            "status=CALLED_IN".to_owned(),
            "“CALLED_IN” is not a decision status. Choose statuses from the list.",
        ),
        (
            "maker=cabinet".to_owned(),
            "Choose the decision maker from the list.",
        ),
        (
            format!("maker={unknown}"),
            "This council lists no such decision maker.",
        ),
        (
            format!("ward={unknown}"),
            "This council lists no such ward.",
        ),
        // Another kind of id: a body is not a ward.
        (
            format!("ward={}", kent.cabinet),
            "This council lists no such ward.",
        ),
        (
            "key=maybe".to_owned(),
            "Key decision must be yes, no, or blank for any decision.",
        ),
        (
            "call_in_open=no".to_owned(),
            "“Can still be called in” must be yes, or left out",
        ),
        (
            "from=2024-13-01".to_owned(),
            "The date of decision “from” is not a date: there is no month 13",
        ),
        (
            "to=2024-02-30".to_owned(),
            "The date of decision “to” is not a date: February 2024 has 29 days, not 30.",
        ),
        (
            "from=2024-06-01&to=2024-05-31".to_owned(),
            "The date of decision “from” must be the same as or before the date “to”.",
        ),
        (
            "subject=maybe".to_owned(),
            "Subject to call-in must be yes, no, or blank for any decision.",
        ),
        (
            "published_from=2024-13-01".to_owned(),
            "The date of publication “from” is not a date: there is no month 13",
        ),
        (
            "published_from=2024-06-01&published_to=2024-05-31".to_owned(),
            "The date of publication “from” must be the same as or before the date “to”.",
        ),
        (
            "key=yes&key=no".to_owned(),
            "The address of this search is not valid.",
        ),
    ] {
        let page = get(app, &format!("{REGISTER}?{query}")).await;
        assert_eq!(
            page.status,
            StatusCode::BAD_REQUEST,
            "{query}: {}",
            page.text
        );
        assert_eq!(
            text_of(&select(&page.html, "h1")[0]),
            "There is a problem with the search"
        );
        let text = text_of(&select(&page.html, "main p")[0]);
        assert!(text.contains(says), "{query}: {text}");
    }
}

both_backends!(
    each_filter_narrows_the_register_to_the_decisions_that_match,
    the_form_offers_the_councils_choices_and_shows_those_made,
    filters_combine_with_the_search_and_every_link_keeps_them,
    a_withheld_value_matches_no_filter_of_the_public,
    bad_filter_values_are_a_400_page_saying_what_is_wrong,
);
