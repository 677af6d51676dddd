#![allow(clippy::unwrap_used, missing_docs)]
//! `/metrics` after real requests: the answer parses with a Prometheus parser and counts what
//! was done (HTTP requests by route template and status, GraphQL operations, commands by
//! outcome, the response cache and the pool).

mod common;

use common::{Backend, TestApp, spawn};
use openmetrics_parser::openmetrics::parse_openmetrics;
use openmetrics_parser::{MetricsExposition, OpenMetricsType, OpenMetricsValue};
use reqwest::StatusCode;
use serde_json::json;

type Exposition = MetricsExposition<OpenMetricsType, OpenMetricsValue>;

const MAIDSTONE: &str = "/councils/maidstone/graphql";

/// `/metrics`, parsed by an OpenMetrics parser (a grammar of the format: it refuses what a
/// Prometheus server would).
async fn scrape(app: &TestApp) -> Exposition {
    let response = app.client.get(app.url("/metrics")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let media = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(media.starts_with("application/openmetrics-text"), "{media}");
    let text = response.text().await.unwrap();
    parse_openmetrics(&text).unwrap_or_else(|error| panic!("{error:?}\n{text}"))
}

/// The value of family `name`'s sample whose labels include every one of `labels`: a counter's
/// or a gauge's value, a histogram's count.
fn value(scrape: &Exposition, name: &str, labels: &[(&str, &str)]) -> Option<f64> {
    let family = scrape.families.get(name)?;
    let sample = family.iter_samples().find(|sample| {
        let set = sample.get_labelset().unwrap();
        labels
            .iter()
            .all(|(label, value)| set.get_label_value(label) == Some(*value))
    })?;
    Some(match &sample.value {
        OpenMetricsValue::Counter(counter) => counter.value.as_f64(),
        OpenMetricsValue::Gauge(value) | OpenMetricsValue::Unknown(value) => value.as_f64(),
        OpenMetricsValue::Histogram(histogram) => histogram.count.unwrap() as f64,
        other => panic!("{name}: {other:?}"),
    })
}

/// Every label value of every sample.
fn label_values(scrape: &Exposition) -> Vec<String> {
    scrape
        .families
        .values()
        .flat_map(|family| family.iter_samples())
        .flat_map(|sample| {
            let set = sample.get_labelset().unwrap();
            set.iter_values().cloned().collect::<Vec<_>>()
        })
        .collect()
}

async fn the_metrics_count_requests_operations_commands_and_the_cache(backend: Backend) {
    let Some(app) = spawn(backend, "metrics").await else {
        return;
    };
    app.register_council("leeds", "Leeds City Council").await;
    let page = "{ decisions(first: 1) { totalCount } }";
    for _ in 0..3 {
        let answer = app.post(MAIDSTONE, None, page, json!({})).await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    }
    // Admitted (it parses and is cheap), then refused by validation: `$unused` is not used.
    let unused = "query($unused: Int) { decisions(first: 1) { totalCount } }";
    let broken = app.post(MAIDSTONE, None, unused, json!({})).await;
    assert_eq!(broken.status, StatusCode::BAD_REQUEST);
    let missing = app
        .client
        .get(app.url("/no/such/page"))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);

    let scrape = scrape(&app).await;
    let council_route = [
        ("route", "/councils/{slug}/graphql"),
        ("method", "POST"),
        ("status", "200"),
    ];
    let pages = value(
        &scrape,
        "civic_http_request_duration_seconds",
        &council_route,
    );
    assert!(pages.unwrap() >= 3.0, "{pages:?}");
    let refused = value(
        &scrape,
        "civic_http_request_duration_seconds",
        &[("route", "/councils/{slug}/graphql"), ("status", "400")],
    );
    assert_eq!(refused, Some(1.0));
    let unmatched = value(
        &scrape,
        "civic_http_request_duration_seconds",
        &[("route", "unmatched"), ("status", "404")],
    );
    assert_eq!(unmatched, Some(1.0));
    // No path a client asked for becomes a label.
    assert!(!label_values(&scrape).iter().any(|v| v.contains("no/such")));

    // The first page ran (the cache answered the next two); the other query was refused in
    // validation.
    let queries = value(
        &scrape,
        "civic_graphql_operations",
        &[("type", "query"), ("outcome", "ok")],
    );
    assert!(queries.unwrap() >= 1.0, "{queries:?}");
    let errors = value(
        &scrape,
        "civic_graphql_operations",
        &[("type", "query"), ("outcome", "error")],
    );
    assert_eq!(errors, Some(1.0));
    let registrations = value(
        &scrape,
        "civic_graphql_operations",
        &[("type", "mutation"), ("outcome", "ok")],
    );
    assert!(registrations.unwrap() >= 1.0);

    // Registering Leeds appended a council command (the demo council's were counted too).
    let appended = value(
        &scrape,
        "civic_commands",
        &[("record", "council"), ("outcome", "appended")],
    );
    assert!(appended.unwrap() >= 1.0, "{appended:?}");
    assert!(value(&scrape, "civic_events_appended", &[]).unwrap() >= 1.0);

    let hits = value(
        &scrape,
        "civic_response_cache_requests",
        &[("result", "hit")],
    );
    let misses = value(
        &scrape,
        "civic_response_cache_requests",
        &[("result", "miss")],
    );
    // The first page ran and was kept, the next two were answered from the cache; the
    // refused document ran and was not kept.
    assert_eq!(hits, Some(2.0), "{misses:?}");
    assert_eq!(misses, Some(2.0));
    let max = value(&scrape, "civic_db_pool_connections", &[("state", "max")]);
    assert!(max.unwrap() >= 1.0);
    // PostgreSQL's appends went through the group-commit writers (SQLite has none).
    let statements = value(&scrape, "civic_append_statements", &[]);
    let appends = value(&scrape, "civic_append_statement_appends", &[]);
    let split = value(&scrape, "civic_append_groups_split", &[]);
    match backend {
        Backend::Postgres => {
            assert!(statements.unwrap() >= 1.0, "{statements:?}");
            assert!(appends.unwrap() >= statements.unwrap(), "{appends:?}");
            // One process, and no command retried: nothing lost a race.
            assert_eq!(split, Some(0.0));
        }
        Backend::Sqlite => assert_eq!((statements, appends, split), (None, None, None)),
    }
    // A command returns once its council's read models show it: nothing is behind.
    for council in ["leeds", "maidstone"] {
        let labels = [("council", council)];
        assert_eq!(
            value(&scrape, "civic_projector_lag_events", &labels),
            Some(0.0)
        );
        assert_eq!(
            value(&scrape, "civic_projector_lag_seconds", &labels),
            Some(0.0)
        );
    }
}

async fn a_conflict_is_counted_as_one(backend: Backend) {
    let Some(app) = spawn(backend, "metrics_conflict").await else {
        return;
    };
    app.register_council("leeds", "Leeds City Council").await;
    let before = value(
        &scrape(&app).await,
        "civic_commands",
        &[("record", "council"), ("outcome", "conflict")],
    );
    assert_eq!(before, None, "no conflict yet");
    // A rename decided on a version of the council stream that has moved on (registration
    // made it version 1).
    let clerk = app.clerk("leeds");
    let answer = app
        .post(
            "/councils/leeds/graphql",
            Some(&clerk),
            "mutation($key: UUID!) {
               renameCouncil(idempotencyKey: $key, expectedVersion: 0, input: {name: \"X\"}) {
                 version
               }
             }",
            json!({"key": uuid::Uuid::now_v7()}),
        )
        .await;
    assert_eq!(answer.code(), Some("CONFLICT"), "{}", answer.text);
    let conflicts = value(
        &scrape(&app).await,
        "civic_commands",
        &[("record", "council"), ("outcome", "conflict")],
    );
    assert_eq!(conflicts, Some(1.0));
}

both_backends!(
    the_metrics_count_requests_operations_commands_and_the_cache,
    a_conflict_is_counted_as_one,
);
