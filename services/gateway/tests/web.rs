#![allow(clippy::unwrap_used, missing_docs)]
//! The public register on the web: the demo council's register page and decision pages, read as
//! the public reads them (drafts absent, withheld values only as notices), the 404 page, search,
//! paging, `ETag`s, and the GOV.UK styles the pages link to. HTML is parsed, not matched as text,
//! where its structure matters.

mod common;

use std::collections::HashMap;

use common::html::{Page, get, select, text_of};
use common::{Backend, TestApp, spawn, spawn_with};
use reqwest::StatusCode;
use reqwest::header::{CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE, ETAG, IF_NONE_MATCH};
use scraper::{ElementRef, Selector};
use serde_json::json;

const EXAMPLE: &str = "Information Strategy 2010 - 13";
const RESTRICTED: &str = "Disposal of land at the former depot";
const OFFICER: &str = "Purchase of grounds maintenance equipment";

/// The register's rows: (title, link).
fn rows(page: &Page) -> Vec<(String, String)> {
    select(&page.html, "table.govuk-table tbody tr th[scope=row] a")
        .iter()
        .map(|a| (text_of(a), a.value().attr("href").unwrap().to_owned()))
        .collect()
}

/// A decision page's summary list: key -> value text.
fn summary(page: &Page) -> HashMap<String, String> {
    select(&page.html, ".govuk-summary-list__row")
        .iter()
        .map(|row| {
            let key = select_in(row, "dt");
            let value = select_in(row, "dd");
            (key, value)
        })
        .collect()
}

fn select_in(element: &ElementRef<'_>, selector: &str) -> String {
    text_of(
        &element
            .select(&Selector::parse(selector).unwrap())
            .next()
            .unwrap(),
    )
}

/// The public decisions as anonymous GraphQL lists them: title -> uuid.
async fn public_decisions(app: &TestApp) -> HashMap<String, String> {
    let answer = app
        .post(
            &TestApp::council("maidstone"),
            None,
            "{ decisions { edges { node { title uuid } } } }",
            json!({}),
        )
        .await;
    answer.body["data"]["decisions"]["edges"]
        .as_array()
        .unwrap_or_else(|| panic!("{}", answer.text))
        .iter()
        .map(|e| {
            (
                e["node"]["title"].as_str().unwrap().to_owned(),
                e["node"]["uuid"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn assert_html(page: &Page) {
    assert_eq!(page.content_type, "text/html; charset=utf-8");
    let policy = page.headers[CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(policy.contains("default-src 'none'") && policy.contains("style-src 'self'"));
    let html = select(&page.html, "html");
    assert_eq!(html[0].value().attr("lang"), Some("en"));
    assert_eq!(select(&page.html, "h1").len(), 1, "one h1: {}", page.text);
    assert!(common::html::scripts(page).is_empty());
    let skip = select(&page.html, "a.govuk-skip-link");
    assert_eq!(skip[0].value().attr("href"), Some("#main-content"));
    assert_eq!(select(&page.html, "main#main-content").len(), 1);
}

async fn the_register_lists_the_public_decisions_newest_first_with_links_that_resolve(
    backend: Backend,
) {
    let Some(app) = spawn(backend, "web_register").await else {
        return;
    };
    let page = get(&app, "/councils/maidstone").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    assert_html(&page);
    assert_eq!(
        text_of(&select(&page.html, "title")[0]),
        "Decisions – Maidstone Borough Council – Civic Register"
    );
    // Column headers carry their scope; the search box has its label.
    let headers: Vec<String> = select(&page.html, "thead th[scope=col]")
        .iter()
        .map(text_of)
        .collect();
    assert_eq!(
        headers,
        [
            "Decision",
            "Date of decision",
            "Decision maker",
            "Status",
            "Key decision"
        ]
    );
    assert_eq!(select(&page.html, "label[for=q]").len(), 1);
    assert_eq!(
        select(&page.html, "form[method=get] input#q[name=q]").len(),
        1
    );

    let public = public_decisions(&app).await;
    let rows = rows(&page);
    assert_eq!(rows.len(), public.len(), "{}", page.text);
    // Newest first: the example (June 2010) before the demo's May 2010 records.
    assert_eq!(rows[0].0, EXAMPLE);
    for (title, href) in &rows {
        assert_eq!(
            href,
            &format!("/councils/maidstone/decisions/{}", public[title])
        );
        let decision = get(&app, href).await;
        assert_eq!(decision.status, StatusCode::OK, "{href}");
        assert_html(&decision);
        assert!(text_of(&select(&decision.html, "h1")[0]).ends_with(title.as_str()));
    }
    // The home page links the register beside GraphiQL.
    let home = get(&app, "/").await;
    let links: Vec<&str> = select(&home.html, "a")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert!(links.contains(&"/councils/maidstone"), "{}", home.text);
    assert!(links.contains(&"/councils/maidstone/graphql"));
}

async fn the_example_decision_page_shows_the_fields_of_the_councils_page(backend: Backend) {
    let Some(app) = spawn(backend, "web_example").await else {
        return;
    };
    let id = &public_decisions(&app).await[EXAMPLE];
    let page = get(&app, &format!("/councils/maidstone/decisions/{id}")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    assert_eq!(
        text_of(&select(&page.html, "h1")[0]),
        format!("Maidstone Borough Council {EXAMPLE}")
    );
    let fields = summary(&page);
    let expected = [
        ("Decision maker", "Cabinet"),
        ("Decision status", "Recommendations Approved"),
        ("Stage", "In effect"),
        ("Is key decision?", "Yes"),
        ("Is subject to call in?", "Yes"),
        ("Purpose", civic_domain::example::PURPOSE),
        ("Reason key", "Policies, Plans, Strategies"),
        ("Wards affected", "All wards"),
        ("Details of the committee", "None"),
        ("Representations should be made by", "21 May 2010"),
        ("Other reasons / organisations consulted", "Email"),
        ("Consultees", "Finance, Assistant Directors."),
        (
            "Contact",
            "Email: Paultaylor@maidstone.gov.uk Tel: 01622 602068.",
        ),
        ("Report author", "Paul Taylor"),
        ("Publication date", "11 June 2010"),
        ("Date of decision", "9 June 2010"),
        ("Decided by", "Cabinet"),
        ("Effective from", "19 June 2010"),
        ("Call-in deadline", "18 June 2010"),
    ];
    for (key, value) in expected {
        assert_eq!(
            fields.get(key).map(String::as_str),
            Some(value),
            "{key}: {fields:?}"
        );
    }
    let decision = &fields["Decision"];
    for resolution in [
        civic_domain::example::RESOLUTION_1,
        civic_domain::example::RESOLUTION_2,
        civic_domain::example::RESOLUTION_3,
    ] {
        let words = resolution.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(decision.contains(&words), "{decision}");
    }
    assert!(fields["Reasons for the decision"].starts_with("Citizens want to see better value"));
}

async fn a_withheld_field_shows_its_notice_and_never_the_exempt_text(backend: Backend) {
    let Some(app) = spawn(backend, "web_withheld").await else {
        return;
    };
    let id = &public_decisions(&app).await[RESTRICTED];
    let page = get(&app, &format!("/councils/maidstone/decisions/{id}")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    let fields = summary(&page);
    let notice = "Withheld as exempt information under Local Government Act 1972, Schedule 12A, \
                  Part 1 paragraph 3: The information relates to the financial affairs of the \
                  Council and the bidders.";
    assert_eq!(fields["Decision"], notice);
    assert_eq!(fields["Reasons for the decision"], notice);
    // What is not withheld is shown.
    assert_eq!(
        fields["Purpose"],
        "To consider the disposal of surplus land at the former depot."
    );
    assert!(
        fields["Accompanying documents"].starts_with("A document withheld: Withheld as exempt"),
        "{fields:?}"
    );
    assert_eq!(fields["Minute number"], "38.");
    assert_eq!(fields["Lead member"], "Cllr A. Example");
    assert_eq!(
        fields["Vote"],
        "Carried: 5 for, 1 against Proposed by Cllr A. Example Seconded by Cllr B. Sample"
    );
    // Fields the record leaves out that not every council's page has: no row at all.
    assert!(!fields.contains_key("Reference") && !fields.contains_key("Department"));

    let officer = &public_decisions(&app).await["Purchase of grounds maintenance equipment"];
    let officer = summary(&get(&app, &format!("/councils/maidstone/decisions/{officer}")).await);
    assert_eq!(officer["Reference"], "ODN/2010/014");
    assert_eq!(officer["Lead officer"], "Head of Parks and Open Spaces");
    assert_eq!(officer["Department"], "Regeneration");
    assert_eq!(officer["Decision status"], "Not stated");
    // The exempt text is nowhere in the page, nor in the register's list.
    let register = get(&app, "/councils/maidstone").await;
    for exempt in [
        "That the land be sold to the preferred bidder.",
        "That the Director of Regeneration complete the sale.",
        "The offer is the best consideration reasonably obtainable.",
        "Valuation report",
    ] {
        assert!(!page.text.contains(exempt), "{exempt}");
        assert!(!register.text.contains(exempt), "{exempt}");
    }
}

async fn a_draft_is_absent_from_the_register_and_not_found_by_id(backend: Backend) {
    let Some(app) = spawn(backend, "web_draft").await else {
        return;
    };
    let council = app
        .post(
            &TestApp::council("maidstone"),
            None,
            "{ council { bodies { bodyId name } } }",
            json!({}),
        )
        .await;
    let body = council.body["data"]["council"]["bodies"][0]["bodyId"]
        .as_str()
        .unwrap()
        .to_owned();
    let title = "Draft: closure of the leisure centre";
    let answer = app
        .post(
            &TestApp::council("maidstone"),
            Some(&app.clerk("maidstone")),
            "mutation($key: UUID!, $input: DecisionDetailsInput!) {
               recordDecision(idempotencyKey: $key, input: $input) { decision { uuid } } }",
            json!({"key": uuid::Uuid::now_v7(), "input": common::details(&body, title)}),
        )
        .await;
    let id = answer.body["data"]["recordDecision"]["decision"]["uuid"]
        .as_str()
        .unwrap_or_else(|| panic!("{}", answer.text))
        .to_owned();
    // The clerk sees the draft: the id is a real decision's.
    let clerk = app
        .post(
            &TestApp::council("maidstone"),
            Some(&app.clerk("maidstone")),
            "query($id: UUID!) { decision(id: $id) { title } }",
            json!({"id": id}),
        )
        .await;
    assert_eq!(
        clerk.body["data"]["decision"]["title"], title,
        "{}",
        clerk.text
    );

    let register = get(&app, "/councils/maidstone").await;
    assert!(rows(&register).iter().all(|(t, _)| t != title));
    assert!(!register.text.contains(title));
    let page = get(&app, &format!("/councils/maidstone/decisions/{id}")).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(!page.text.contains(title));
    assert_eq!(text_of(&select(&page.html, "h1")[0]), "Page not found");
}

async fn an_unknown_council_or_decision_is_a_404_page(backend: Backend) {
    let Some(app) = spawn(backend, "web_404").await else {
        return;
    };
    let unknown = uuid::Uuid::now_v7();
    for path in [
        "/councils/nowhere".to_owned(),
        "/councils/NOT%20A%20SLUG".to_owned(),
        "/councils/nowhere/decisions/0195d2c1-6f0e-7000-8000-000000000000".to_owned(),
        format!("/councils/maidstone/decisions/{unknown}"),
        "/councils/maidstone/decisions/not-a-uuid".to_owned(),
    ] {
        let page = get(&app, &path).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{path}");
        assert_html(&page);
        assert_eq!(text_of(&select(&page.html, "h1")[0]), "Page not found");
    }
    // A cursor that is not one of ours is the caller's mistake, said so.
    for path in [
        "/councils/maidstone?after=garbage",
        "/councils/maidstone?q=a&q=b",
        &format!("/councils/maidstone?q={}", "x".repeat(501)),
    ] {
        let page = get(&app, path).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{}", page.text);
        assert_html(&page);
    }
}

async fn search_finds_the_example_by_a_word_of_its_title(backend: Backend) {
    let Some(app) = spawn(backend, "web_search").await else {
        return;
    };
    let page = get(&app, "/councils/maidstone?q=Information").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    let titles: Vec<String> = rows(&page).into_iter().map(|(t, _)| t).collect();
    assert!(titles.contains(&EXAMPLE.to_owned()), "{titles:?}");
    assert!(!titles.contains(&RESTRICTED.to_owned()), "{titles:?}");
    // The box keeps the words searched for.
    let input = select(&page.html, "input#q");
    assert_eq!(input[0].value().attr("value"), Some("Information"));

    let none = get(&app, "/councils/maidstone?q=zebracrossingxyz").await;
    assert_eq!(none.status, StatusCode::OK);
    assert!(rows(&none).is_empty());
    assert!(none.text.contains("0 decisions matching"));
}

async fn pages_follow_by_cursor_and_keep_the_search(backend: Backend) {
    let Some(app) = spawn_with(backend, "web_pages", |settings| {
        settings.limits.max_page_size = 2;
    })
    .await
    else {
        return;
    };
    let first = get(&app, "/councils/maidstone").await;
    let first_rows = rows(&first);
    assert_eq!(first_rows.len(), 2, "{}", first.text);
    assert!(select(&first.html, "a[rel=first]").is_empty());
    let next = select(&first.html, ".govuk-pagination a[rel=next]");
    let href = next[0].value().attr("href").unwrap().to_owned();
    assert!(href.starts_with("/councils/maidstone?after="), "{href}");

    let second = get(&app, &href).await;
    let second_rows = rows(&second);
    assert_eq!(second_rows.len(), 1, "{}", second.text);
    assert!(first_rows.iter().all(|row| row != &second_rows[0]));
    assert!(select(&second.html, "a[rel=next]").is_empty());
    let back = select(&second.html, "a[rel=first]");
    assert_eq!(back[0].value().attr("href"), Some("/councils/maidstone"));
    // The same URL is the same page: bookmarkable.
    assert_eq!(rows(&get(&app, &href).await), second_rows);
}

async fn an_unchanged_page_is_answered_304_by_its_etag(backend: Backend) {
    let Some(app) = spawn(backend, "web_etag").await else {
        return;
    };
    let page = get(&app, "/councils/maidstone").await;
    assert_eq!(page.headers[CACHE_CONTROL], "no-cache");
    let etag = page.headers[ETAG].to_str().unwrap().to_owned();
    let again = app
        .client
        .get(app.url("/councils/maidstone"))
        .header(IF_NONE_MATCH, &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    // Another page of the same council has another tag.
    let search = get(&app, "/councils/maidstone?q=land").await;
    assert_ne!(search.headers[ETAG].to_str().unwrap(), etag);
}

async fn the_pages_styles_are_served_as_css_for_a_year(backend: Backend) {
    let Some(app) = spawn(backend, "web_css").await else {
        return;
    };
    let page = get(&app, "/councils/maidstone").await;
    let links = select(&page.html, "link[rel=stylesheet]");
    let href = links[0].value().attr("href").unwrap();
    assert!(
        href.starts_with("/assets/govuk/govuk-register.min.css?v="),
        "{href}"
    );
    let css = app.client.get(app.url(href)).send().await.unwrap();
    assert_eq!(css.status(), StatusCode::OK);
    assert_eq!(css.headers()[CONTENT_TYPE], "text/css; charset=utf-8");
    assert_eq!(
        css.headers()[CACHE_CONTROL],
        "public, max-age=31536000, immutable"
    );
    assert!(css.text().await.unwrap().contains(".govuk-summary-list"));
    let missing = app
        .client
        .get(app.url("/assets/govuk/nothing.css"))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
}

fn titles(page: &Page) -> Vec<String> {
    rows(page).into_iter().map(|(title, _)| title).collect()
}

async fn search_reads_phrases_or_prefixes_exclusions_and_the_public_fields(backend: Backend) {
    let Some(app) = spawn(backend, "web_search_language").await else {
        return;
    };
    let search = async |q: &str| {
        let query: String = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("q", q)
            .finish();
        let page = get(&app, &format!("/councils/maidstone?{query}")).await;
        assert_eq!(page.status, StatusCode::OK, "{q}: {}", page.text);
        titles(&page)
    };
    // The council's reference, the report author: public fields searched as words.
    assert_eq!(search("ODN/2010/014").await, [OFFICER]);
    assert_eq!(search("\"Paul Taylor\"").await, [EXAMPLE]);
    assert_eq!(search("\"grounds maintenance\"").await, [OFFICER]);
    assert!(search("\"maintenance grounds\"").await.is_empty());
    // A prefix meets stemmed words: "equipment" is indexed as "equip", which equip* finds.
    assert_eq!(search("equip*").await, [OFFICER]);
    assert_eq!(
        search("depot OR \"grounds maintenance\"").await,
        [OFFICER, RESTRICTED]
    );
    assert_eq!(search("equipment -budget").await, Vec::<String>::new());
    // The withheld reasons of the land disposal are found by no public search.
    assert!(search("\"best consideration\"").await.is_empty());
    assert_eq!(search("depot -consideration").await, [RESTRICTED]);
}

async fn bad_search_syntax_is_a_400_page_saying_what_is_wrong(backend: Backend) {
    let Some(app) = spawn(backend, "web_search_syntax").await else {
        return;
    };
    for (path, says) in [
        (
            "/councils/maidstone?q=%22call+in",
            "quoted phrase is not closed",
        ),
        ("/councils/maidstone?q=OR", "OR needs a term on each side"),
        ("/councils/maidstone?q=-land", "at least one word to find"),
        (
            "/councils/maidstone?q=land&sort=cheapest",
            "newest or by relevance",
        ),
    ] {
        let page = get(&app, path).await;
        assert_eq!(
            page.status,
            StatusCode::BAD_REQUEST,
            "{path}: {}",
            page.text
        );
        assert_html(&page);
        assert!(page.text.contains(says), "{path}: {}", page.text);
    }
}

async fn a_search_sorts_by_relevance_and_pages_in_that_order(backend: Backend) {
    let Some(app) = spawn_with(backend, "web_search_sort", |settings| {
        settings.limits.max_page_size = 2;
    })
    .await
    else {
        return;
    };
    // "depot" twice in the older disposal's public text, "life" once in the officer decision's.
    let newest = get(&app, "/councils/maidstone?q=depot+OR+life").await;
    assert_eq!(titles(&newest), [OFFICER, RESTRICTED]);
    let control = select(&newest.html, "#sort a");
    assert_eq!(
        control[0].value().attr("href"),
        Some("/councils/maidstone?q=depot+OR+life&sort=relevance")
    );
    assert_eq!(text_of(&select(&newest.html, "#sort strong")[0]), "newest");

    let relevant = get(&app, "/councils/maidstone?q=depot+OR+life&sort=relevance").await;
    assert_eq!(relevant.status, StatusCode::OK, "{}", relevant.text);
    assert_eq!(titles(&relevant), [RESTRICTED, OFFICER]);
    assert_eq!(
        text_of(&select(&relevant.html, "#sort strong")[0]),
        "relevance"
    );
    let kept = select(&relevant.html, "form[role=search] input[name=sort]");
    assert_eq!(kept[0].value().attr("value"), Some("relevance"));

    // More matches than a page: the most relevant first, then page by page in that order, each
    // match once; the next page's link keeps the order.
    let query = "q=information+OR+land+OR+equipment";
    let whole = get(&app, &format!("/councils/maidstone?{query}")).await;
    let count = text_of(&select(&whole.html, "p[role=status]")[0]);
    let mut seen = Vec::new();
    let mut page = get(&app, &format!("/councils/maidstone?{query}&sort=relevance")).await;
    loop {
        assert_eq!(page.status, StatusCode::OK, "{}", page.text);
        assert!(rows(&page).len() <= 2);
        seen.extend(titles(&page));
        let Some(next) = select(&page.html, ".govuk-pagination a[rel=next]")
            .first()
            .map(|a| a.value().attr("href").unwrap().to_owned())
        else {
            break;
        };
        assert!(next.contains("sort=relevance"), "{next}");
        assert!(seen.len() < 20, "paging does not end");
        page = get(&app, &next).await;
    }
    assert!(seen.len() > 2, "{seen:?}");
    assert!(
        count.starts_with(&format!("{} ", seen.len())),
        "{count}: {seen:?}"
    );
    let mut unique = seen.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), seen.len(), "{seen:?}");
    // A cursor of the newest-first list does not page the list by relevance.
    let href = select(&whole.html, ".govuk-pagination a[rel=next]")[0]
        .value()
        .attr("href")
        .unwrap()
        .to_owned();
    let refused = get(&app, &format!("{href}&sort=relevance")).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{}", refused.text);
    // Without a search there is nothing to rank: the register, newest first, without the control.
    let plain = get(&app, "/councils/maidstone?sort=relevance").await;
    assert_eq!(plain.status, StatusCode::OK);
    assert!(select(&plain.html, "#sort").is_empty());
}

async fn graphql_searches_with_the_same_language_and_orders_by_relevance(backend: Backend) {
    let Some(app) = spawn(backend, "graphql_search").await else {
        return;
    };
    const QUERY: &str = "query($filter: DecisionFilterInput, $order: DecisionOrder, \
        $after: String) { decisions(filter: $filter, orderBy: $order, after: $after) { \
        totalCount edges { cursor node { title } } } }";
    let ask = async |variables: serde_json::Value| {
        app.post(&TestApp::council("maidstone"), None, QUERY, variables)
            .await
    };
    let titles = |answer: &common::Answer| -> Vec<String> {
        answer.body["data"]["decisions"]["edges"]
            .as_array()
            .unwrap_or_else(|| panic!("{}", answer.text))
            .iter()
            .map(|e| e["node"]["title"].as_str().unwrap().to_owned())
            .collect()
    };
    let found = ask(json!({"filter": {"text": "\"grounds maintenance\" OR ODN/2010/014"}})).await;
    assert_eq!(titles(&found), [OFFICER]);
    let newest = ask(json!({"filter": {"text": "depot OR life"}})).await;
    assert_eq!(titles(&newest), [OFFICER, RESTRICTED]);
    let relevant = ask(json!({"filter": {"text": "depot OR life"}, "order": "RELEVANCE"})).await;
    assert_eq!(titles(&relevant), [RESTRICTED, OFFICER]);
    assert_eq!(relevant.body["data"]["decisions"]["totalCount"], 2);
    // Withheld text matches nothing for the public.
    let withheld = ask(json!({"filter": {"text": "\"best consideration\""}})).await;
    assert_eq!(titles(&withheld), Vec::<String>::new());

    let cursor = relevant.body["data"]["decisions"]["edges"][0]["cursor"].clone();
    let paged = ask(json!({
        "filter": {"text": "depot OR life"}, "order": "RELEVANCE", "after": cursor
    }))
    .await;
    // The next page by relevance continues after the first's last decision.
    assert_eq!(titles(&paged), [OFFICER], "{}", paged.text);
    // A cursor of the newest-first list does not page the list by relevance.
    let newest_cursor = newest.body["data"]["decisions"]["edges"][0]["cursor"].clone();
    let mixed = ask(json!({
        "filter": {"text": "depot OR life"}, "order": "RELEVANCE", "after": newest_cursor
    }))
    .await;
    assert_eq!(mixed.code(), Some("BAD_USER_INPUT"), "{}", mixed.text);

    for (text, says) in [
        ("\"call in", "quoted phrase is not closed"),
        ("parking OR", "OR needs a term on each side"),
        ("parking OR -highways", "cannot be joined with OR"),
    ] {
        let refused = ask(json!({"filter": {"text": text}})).await;
        assert_eq!(
            refused.code(),
            Some("BAD_USER_INPUT"),
            "{text}: {}",
            refused.text
        );
        assert_eq!(
            refused.body["errors"][0]["extensions"]["field"], "filter.text",
            "{}",
            refused.text
        );
        assert!(refused.text.contains(says), "{text}: {}", refused.text);
    }
}

both_backends!(
    the_register_lists_the_public_decisions_newest_first_with_links_that_resolve,
    the_example_decision_page_shows_the_fields_of_the_councils_page,
    a_withheld_field_shows_its_notice_and_never_the_exempt_text,
    a_draft_is_absent_from_the_register_and_not_found_by_id,
    an_unknown_council_or_decision_is_a_404_page,
    search_finds_the_example_by_a_word_of_its_title,
    pages_follow_by_cursor_and_keep_the_search,
    an_unchanged_page_is_answered_304_by_its_etag,
    the_pages_styles_are_served_as_css_for_a_year,
    search_reads_phrases_or_prefixes_exclusions_and_the_public_fields,
    bad_search_syntax_is_a_400_page_saying_what_is_wrong,
    a_search_sorts_by_relevance_and_pages_in_that_order,
    graphql_searches_with_the_same_language_and_orders_by_relevance,
);
