//! The public pages as a browser gets them, parsed (`scraper`), for the web tests.

use reqwest::StatusCode;
use reqwest::header::{CONTENT_TYPE, ETAG, HeaderMap};
use scraper::{ElementRef, Html, Selector};

use serde_json::{Value, json};

use super::TestApp;

/// A page as the browser gets it.
pub struct Page {
    pub status: StatusCode,
    pub content_type: String,
    pub headers: HeaderMap,
    pub html: Html,
    pub text: String,
}

impl Page {
    /// Its `ETag`, if it has one.
    pub fn etag(&self) -> Option<String> {
        self.headers
            .get(ETAG)
            .map(|value| value.to_str().unwrap().to_owned())
    }
}

/// `GET path`, parsed.
pub async fn get(app: &TestApp, path: &str) -> Page {
    let response = app.client.get(app.url(path)).send().await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let content_type = headers
        .get(CONTENT_TYPE)
        .map(|value| value.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let text = response.text().await.unwrap();
    Page {
        status,
        content_type,
        headers,
        html: Html::parse_document(&text),
        text,
    }
}

/// The elements of `html` that `selector` matches.
pub fn select<'a>(html: &'a Html, selector: &str) -> Vec<ElementRef<'a>> {
    html.select(&Selector::parse(selector).unwrap()).collect()
}

/// The elements under `element` that `selector` matches.
pub fn select_in<'a>(element: &ElementRef<'a>, selector: &str) -> Vec<ElementRef<'a>> {
    element
        .select(&Selector::parse(selector).unwrap())
        .collect()
}

/// An element's text, its whitespace collapsed.
pub fn text_of(element: &ElementRef<'_>) -> String {
    element
        .text()
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// An HTML page of the register, with one h1 and no script (JSON-LD, data, aside).
pub fn assert_page(page: &Page) {
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    assert_eq!(page.content_type, "text/html; charset=utf-8");
    assert_eq!(select(&page.html, "h1").len(), 1, "{}", page.text);
    assert!(scripts(page).is_empty(), "{}", page.text);
}

/// The page's `script` elements other than JSON-LD data blocks: scripts a browser would run.
pub fn scripts<'a>(page: &'a Page) -> Vec<ElementRef<'a>> {
    select(&page.html, "script:not([type=\"application/ld+json\"])")
}

/// The page's schema.org JSON-LD: every `script type="application/ld+json"`, parsed, each in
/// the `head`.
pub fn linked_data(page: &Page) -> Vec<Value> {
    let all = select(&page.html, "script[type=\"application/ld+json\"]");
    assert_eq!(
        all.len(),
        select(&page.html, "head script[type=\"application/ld+json\"]").len(),
        "JSON-LD outside the head"
    );
    all.iter()
        .map(|script| {
            let text: String = script.text().collect();
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"))
        })
        .collect()
}

/// The council navigation's links, and the one marked current.
pub fn nav(page: &Page) -> (Vec<String>, Vec<String>) {
    let links = select(&page.html, "nav[aria-label=\"This council's register\"] a");
    let hrefs = links
        .iter()
        .map(|a| a.value().attr("href").unwrap().to_owned())
        .collect();
    let current = links
        .iter()
        .filter(|a| a.value().attr("aria-current") == Some("page"))
        .map(|a| a.value().attr("href").unwrap().to_owned())
        .collect();
    (hrefs, current)
}

/// Every link of `page` inside the site resolves (200).
pub async fn assert_links_resolve(app: &TestApp, page: &Page) {
    for a in select(&page.html, "main a, nav a") {
        let href = a.value().attr("href").unwrap();
        if href.starts_with('/') {
            let target = get(app, href).await;
            assert_eq!(target.status, StatusCode::OK, "{href}");
        }
    }
}

/// An anonymous GraphQL query to the demo council; its `data`.
pub async fn graphql(app: &TestApp, query: &str) -> Value {
    let answer = app
        .post(&TestApp::council("maidstone"), None, query, json!({}))
        .await;
    assert!(answer.body["errors"].is_null(), "{}", answer.text);
    answer.body["data"].clone()
}
