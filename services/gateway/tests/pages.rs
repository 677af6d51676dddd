#![allow(clippy::unwrap_used, missing_docs)]
//! The pages a browser gets: GraphiQL served entirely from the binary (nothing from a CDN), and
//! the home page listing the councils, their names escaped.

mod common;

use std::time::Duration;

use common::{Backend, TestApp, spawn};
use reqwest::StatusCode;

const MAIDSTONE: &str = "/councils/maidstone/graphql";
const BROWSER_ACCEPT: &str = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

/// The values of every `name="…"` attribute in `html`.
fn attributes<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let marker = format!(" {name}=\"");
    html.match_indices(&marker)
        .filter_map(|(at, _)| {
            let value = &html[at + marker.len()..];
            value.find('"').map(|end| &value[..end])
        })
        .collect()
}

async fn page(app: &TestApp, path: &str) -> common::Answer {
    app.send(
        app.client
            .get(app.url(path))
            .header("accept", BROWSER_ACCEPT),
    )
    .await
}

async fn graphiql_loads_only_assets_the_server_serves_itself(backend: Backend) {
    let Some(app) = spawn(backend, "pages_graphiql_offline").await else {
        return;
    };
    for endpoint in ["/graphql", MAIDSTONE] {
        let page = page(&app, endpoint).await;
        assert_eq!(page.status, StatusCode::OK);
        assert_eq!(page.content_type, "text/html; charset=utf-8");
        assert!(
            attributes(&page.text, "data-endpoint").contains(&endpoint),
            "{}",
            page.text
        );
        let scripts = attributes(&page.text, "src");
        let links = attributes(&page.text, "href");
        assert_eq!(scripts.len(), 4, "{}", page.text);
        for url in scripts.iter().chain(&links) {
            assert!(
                !url.contains("//") && !url.starts_with("http"),
                "{endpoint} refers to {url} elsewhere"
            );
        }
        for url in scripts.iter().chain(&links).filter(|url| **url != "data:,") {
            assert!(url.starts_with("/assets/graphiql/"), "{url}");
            let asset = app.send(app.client.get(app.url(url))).await;
            assert_eq!(asset.status, StatusCode::OK, "{url}");
            let expected = if url.contains(".js?") {
                "text/javascript; charset=utf-8"
            } else {
                "text/css; charset=utf-8"
            };
            assert_eq!(asset.content_type, expected, "{url}");
            assert!(!asset.text.is_empty(), "{url}");
        }
        let cached = app.client.get(app.url(scripts[0])).send().await.unwrap();
        assert_eq!(
            cached.headers()["cache-control"],
            "public, max-age=31536000, immutable"
        );
        let policy = app
            .client
            .get(app.url(endpoint))
            .header("accept", BROWSER_ACCEPT)
            .send()
            .await
            .unwrap();
        let policy = policy.headers()["content-security-policy"]
            .to_str()
            .unwrap();
        assert!(policy.contains("script-src 'self'"), "{policy}");
        assert!(policy.contains("connect-src 'self'"), "{policy}");
    }
    let unknown = app
        .send(app.client.get(app.url("/assets/graphiql/secret.txt")))
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    let unversioned = app
        .client
        .get(app.url("/assets/graphiql/start.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(unversioned.headers()["cache-control"], "no-cache");
}

async fn the_home_page_lists_each_council_with_a_link_to_its_graphiql(backend: Backend) {
    let Some(app) = spawn(backend, "pages_home").await else {
        return;
    };
    app.register_council("tricky", "<script>alert(\"x\")</script> & Sons")
        .await;
    let home = page(&app, "/").await;
    assert_eq!(home.status, StatusCode::OK);
    assert_eq!(home.content_type, "text/html; charset=utf-8");
    assert!(
        home.text
            .contains(">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Sons</th>"),
        "{}",
        home.text
    );
    assert!(!home.text.contains("<script"), "{}", home.text);
    assert!(home.text.contains(">Maidstone Borough Council</th>"));
    assert!(
        home.text
            .contains("<h1 class=\"govuk-heading-xl\">Civic Register</h1>"),
        "{}",
        home.text
    );
    let links = attributes(&home.text, "href");
    for link in [
        "/councils/maidstone/graphql",
        "/councils/tricky/graphql",
        "/graphql",
        "/README.md",
    ] {
        assert!(links.contains(&link), "{link} in {links:?}");
    }
    let readme = app.send(app.client.get(app.url("/README.md"))).await;
    assert_eq!(readme.status, StatusCode::OK);
    assert_eq!(readme.content_type, "text/plain; charset=utf-8");
    assert!(readme.text.starts_with("# Civic Register"));
}

/// Renders GraphiQL in headless Chromium, offline but for this server, when
/// `CIVIC_BROWSER_TESTS=1` and a `chromium` is installed (CI does not install one). The page
/// does not depend on the database, so one backend is enough.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn graphiql_renders_its_editor_in_a_headless_browser() {
    if std::env::var("CIVIC_BROWSER_TESTS").as_deref() != Ok("1") {
        eprintln!("skipped: set CIVIC_BROWSER_TESTS=1 (and install chromium) to run it");
        return;
    }
    let Some(app) = spawn(Backend::Sqlite, "pages_browser").await else {
        return;
    };
    let profile = std::env::temp_dir().join(format!("civic-chromium-{}", uuid::Uuid::now_v7()));
    let url = app.url(MAIDSTONE);
    let args = [
        "--headless".to_owned(),
        "--no-sandbox".to_owned(),
        "--disable-gpu".to_owned(),
        format!("--user-data-dir={}", profile.display()),
        "--virtual-time-budget=15000".to_owned(),
        "--dump-dom".to_owned(),
        url,
    ];
    let run = tokio::task::spawn_blocking(move || {
        std::process::Command::new("chromium").args(args).output()
    });
    let output = tokio::time::timeout(Duration::from_secs(120), run)
        .await
        .expect("chromium did not finish")
        .unwrap()
        .expect("CIVIC_BROWSER_TESTS=1 needs chromium on the PATH");
    let _ = std::fs::remove_dir_all(&profile);
    let dom = String::from_utf8_lossy(&output.stdout);
    assert!(dom.contains("graphiql-container"), "{dom}");
    assert!(dom.contains("graphiql-editor"), "{dom}");
    assert!(!dom.contains("Loading GraphiQL"), "{dom}");
}

both_backends!(
    graphiql_loads_only_assets_the_server_serves_itself,
    the_home_page_lists_each_council_with_a_link_to_its_graphiql,
);
