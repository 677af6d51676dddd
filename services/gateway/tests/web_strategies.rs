#![allow(clippy::unwrap_used, missing_docs)]
//! Strategy documents on the web: the demo council's strategies list and the page of its
//! renamed Information Strategy, read as the public reads them (the anonymous GraphQL answers are
//! the oracle): names over time with their dates, versions in order, its JSON-LD, the links resolving, the
//! 304 of an unchanged page, and the 404 page for a document that does not exist. HTML is
//! parsed, not matched as text.

mod common;

use chrono::NaiveDate;
use common::html::{
    assert_links_resolve, assert_page, get, graphql, linked_data, nav, select, select_in, text_of,
};
use common::{Backend, spawn};
use reqwest::StatusCode;
use reqwest::header::IF_NONE_MATCH;
use serde_json::Value;

const STRATEGIES_QUERY: &str = "{ strategyDocuments { uuid title status statusLabel
    period { label }
    titles { title from notedBy { uuid title } }
    versions { label status approvedOn reviewDate period { label }
      decisions { role decision { uuid title } } } } }";

/// A GraphQL date as the pages write it: "9 June 2010".
fn long_date(date: &Value) -> String {
    NaiveDate::parse_from_str(date.as_str().unwrap(), "%Y-%m-%d")
        .unwrap()
        .format("%-d %B %Y")
        .to_string()
}

/// A GraphQL `StrategyStatus` or `VersionStatus` as the pages write it.
fn status_words(status: &Value) -> String {
    let words = status.as_str().unwrap().to_lowercase().replace('_', " ");
    let mut chars = words.chars();
    let first = chars.next().unwrap().to_uppercase();
    format!("{first}{}", chars.as_str())
}

/// The standing the pages show: the council's words, else the status, else "Not stated".
fn standing(document: &Value) -> String {
    match (document["statusLabel"].as_str(), &document["status"]) {
        (Some(label), _) => label.to_owned(),
        (None, Value::Null) => "Not stated".to_owned(),
        (None, status) => status_words(status),
    }
}

async fn the_strategies_list_shows_each_document_as_graphql_does(backend: Backend) {
    let Some(app) = spawn(backend, "web_strategies").await else {
        return;
    };
    let data = graphql(&app, STRATEGIES_QUERY).await;
    let documents = data["strategyDocuments"].as_array().unwrap();
    assert!(documents.len() >= 2, "{data}");
    let list = get(&app, "/councils/maidstone/strategies").await;
    assert_page(&list);
    let (_, current) = nav(&list);
    assert_eq!(current, ["/councils/maidstone/strategies"]);
    let rows = select(&list.html, "table.govuk-table tbody tr");
    assert_eq!(rows.len(), documents.len(), "{}", list.text);
    for (row, document) in rows.iter().zip(documents) {
        let cells: Vec<String> = select_in(row, "th, td").iter().map(text_of).collect();
        let latest = match document["versions"].as_array().unwrap().last() {
            Some(version) => format!(
                "{}, approved {}",
                version["label"].as_str().unwrap(),
                long_date(&version["approvedOn"])
            ),
            None => "None recorded".to_owned(),
        };
        assert_eq!(
            cells,
            [
                document["title"].as_str().unwrap().to_owned(),
                standing(document),
                latest
            ]
        );
        let href = select_in(row, "th a")[0].value().attr("href").unwrap();
        assert_eq!(
            href,
            format!(
                "/councils/maidstone/strategies/{}",
                document["uuid"].as_str().unwrap()
            )
        );
    }
    let etag = list.etag().unwrap();
    let again = app
        .client
        .get(app.url("/councils/maidstone/strategies"))
        .header(IF_NONE_MATCH, &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    assert_links_resolve(&app, &list).await;
}

async fn the_renamed_strategy_shows_its_former_names_and_versions_as_graphql_does(
    backend: Backend,
) {
    let Some(app) = spawn(backend, "web_strategy").await else {
        return;
    };
    let data = graphql(&app, STRATEGIES_QUERY).await;
    let document = data["strategyDocuments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["title"] == "Information Strategy")
        .unwrap();
    let href = format!(
        "/councils/maidstone/strategies/{}",
        document["uuid"].as_str().unwrap()
    );
    // The detail query by id answers the same document (the page's oracle).
    let by_id = graphql(
        &app,
        &STRATEGIES_QUERY.replace(
            "strategyDocuments {",
            &format!(
                "strategyDocument(id: \"{}\") {{",
                document["uuid"].as_str().unwrap()
            ),
        ),
    )
    .await;
    assert_eq!(&by_id["strategyDocument"], document);

    let page = get(&app, &href).await;
    assert_page(&page);
    assert_eq!(
        text_of(&select(&page.html, "h1")[0]),
        "Maidstone Borough Council Information Strategy"
    );
    let (_, current) = nav(&page);
    assert_eq!(current, ["/councils/maidstone/strategies"]);
    let tables = select(&page.html, "main table.govuk-table");
    assert_eq!(tables.len(), 2, "{}", page.text);

    // Its names, oldest first: the former one until the day of the rename, the current one
    // from it, each with the decision that noted the rename, linked.
    let names: Vec<Vec<String>> = select_in(&tables[0], "tbody tr")
        .iter()
        .map(|row| select_in(row, "th, td").iter().map(text_of).collect())
        .collect();
    assert_eq!(
        names,
        [
            ["ICT Strategy", "Until 9 June 2010", "Not recorded"],
            [
                "Information Strategy",
                "From 9 June 2010 (current name)",
                "Information Strategy 2010 - 13"
            ],
        ]
    );
    let titles = document["titles"].as_array().unwrap();
    let expected_names: Vec<&str> = titles
        .iter()
        .map(|t| t["title"].as_str().unwrap())
        .collect();
    let shown_names: Vec<&str> = names.iter().map(|row| row[0].as_str()).collect();
    assert_eq!(shown_names, expected_names);
    assert!(names[1][1].contains(&long_date(&titles[1]["from"])));
    let noted = select_in(&tables[0], "tbody tr td a");
    assert_eq!(noted.len(), 1);
    assert_eq!(
        noted[0].value().attr("href").unwrap(),
        format!(
            "/councils/maidstone/decisions/{}",
            titles[1]["notedBy"]["uuid"].as_str().unwrap()
        )
    );

    // Its versions in drafting order, as GraphQL lists them.
    let versions: Vec<Vec<String>> = select_in(&tables[1], "tbody tr")
        .iter()
        .map(|row| select_in(row, "th, td").iter().map(text_of).collect())
        .collect();
    let expected: Vec<Vec<String>> = document["versions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            let decisions: Vec<String> = v["decisions"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| {
                    format!(
                        "{} by {}",
                        status_words(&d["role"]),
                        d["decision"]["title"].as_str().unwrap()
                    )
                })
                .collect();
            vec![
                v["label"].as_str().unwrap().to_owned(),
                v["period"]["label"].as_str().unwrap().to_owned(),
                status_words(&v["status"]),
                long_date(&v["approvedOn"]),
                decisions.join(" "),
            ]
        })
        .collect();
    assert_eq!(versions, expected);
    assert_eq!(
        versions,
        [[
            "2010-2013",
            "2010-2013",
            "Approved",
            "9 June 2010",
            "Approved by Information Strategy 2010 - 13"
        ]]
    );

    // Its JSON-LD: a CreativeWork under its current name, its former name an alternate, its
    // approved version and the day it was approved; the rename the latest day it states.
    let data = linked_data(&page);
    assert_eq!(data.len(), 1);
    let data = &data[0];
    assert_eq!(data["@type"], "CreativeWork");
    assert_eq!(data["@id"], href);
    assert_eq!(data["name"], "Information Strategy");
    assert_eq!(data["alternateName"], serde_json::json!(["ICT Strategy"]));
    assert_eq!(data["version"], "2010-2013");
    assert_eq!(data["datePublished"], "2010-06-09");
    assert_eq!(data["dateModified"], "2010-06-09");
    assert_eq!(data["publisher"]["name"], "Maidstone Borough Council");
    // The register gives it no standing: none is claimed.
    assert!(data.get("creativeWorkStatus").is_none(), "{data}");

    let etag = page.etag().unwrap();
    let again = app
        .client
        .get(app.url(&href))
        .header(IF_NONE_MATCH, &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    assert_links_resolve(&app, &page).await;
}

async fn an_unknown_strategy_is_a_404_page(backend: Backend) {
    let Some(app) = spawn(backend, "web_strategy_404").await else {
        return;
    };
    for path in [
        "/councils/maidstone/strategies/00000000-0000-0000-0000-000000000000",
        "/councils/maidstone/strategies/not-a-strategy",
        "/councils/nowhere/strategies",
    ] {
        let page = get(&app, path).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(page.content_type, "text/html; charset=utf-8");
        assert_eq!(text_of(&select(&page.html, "h1")[0]), "Page not found");
    }
}

both_backends!(
    the_strategies_list_shows_each_document_as_graphql_does,
    the_renamed_strategy_shows_its_former_names_and_versions_as_graphql_does,
    an_unknown_strategy_is_a_404_page,
);
