//! The public pages as a browser gets them, parsed (`scraper`), for the web tests.

use reqwest::StatusCode;
use reqwest::header::{CONTENT_TYPE, ETAG, HeaderMap};
use scraper::{ElementRef, Html, Selector};

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
