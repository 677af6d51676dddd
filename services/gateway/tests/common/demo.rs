//! The demo council's records as the public tests know them, and an answer fetched as it comes
//! (feeds, downloads, the changes API: text, not HTML).

use reqwest::StatusCode;
use reqwest::header::{AsHeaderName, HeaderMap};
use serde_json::Value;

use super::TestApp;

/// The example decision's title.
pub const EXAMPLE: &str = "Information Strategy 2010 - 13";
/// The restricted decision's title.
pub const RESTRICTED: &str = "Disposal of land at the former depot";
/// The restricted decision's exempt values: never in anything the public gets.
pub const EXEMPT: [&str; 4] = [
    "That the land be sold to the preferred bidder.",
    "That the Director of Regeneration complete the sale.",
    "The offer is the best consideration reasonably obtainable.",
    "Valuation report",
];
/// How a withheld value's notice begins.
pub const NOTICE: &str = "Withheld as exempt information under Local Government Act 1972";
/// The draft decision's title: never in anything the public gets.
pub const DRAFT: &str = "Draft: closure of the leisure centre";

/// An answer as it came: status, headers and text.
pub struct Got {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub text: String,
}

impl Got {
    /// The text as JSON; a test failure when it is not.
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or_else(|_| panic!("not JSON: {}", self.text))
    }

    /// A header's value, empty when absent.
    pub fn header(&self, name: impl AsHeaderName) -> &str {
        self.headers
            .get(name)
            .map_or("", |value| value.to_str().unwrap())
    }
}

/// `GET path` with `headers`.
pub async fn fetch_with(app: &TestApp, path: &str, headers: &[(&str, &str)]) -> Got {
    let mut request = app.client.get(app.url(path));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = request.send().await.unwrap();
    Got {
        status: response.status(),
        headers: response.headers().clone(),
        text: response.text().await.unwrap(),
    }
}

/// `GET path`.
pub async fn fetch(app: &TestApp, path: &str) -> Got {
    fetch_with(app, path, &[]).await
}
