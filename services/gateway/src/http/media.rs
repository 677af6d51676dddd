//! Content negotiation: which media type a GraphQL response is sent as, whether a browser asked
//! for the GraphiQL page, and which form of a public page ([`preferred`]: HTML, JSON or Atom) a
//! client asks for.

use axum::http::HeaderMap;
use axum::http::header::ACCEPT;

/// The response media types of GraphQL over HTTP.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Media {
    /// `application/graphql-response+json`: status codes say whether the request was valid
    /// (400 for a request that does not parse or validate).
    GraphqlResponseJson,
    /// `application/json`, the legacy type: 200 for every well-formed request, errors in the
    /// body.
    Json,
}

impl Media {
    /// The `Content-Type` of a response.
    pub fn content_type(self) -> &'static str {
        match self {
            Media::GraphqlResponseJson => "application/graphql-response+json; charset=utf-8",
            Media::Json => "application/json; charset=utf-8",
        }
    }
}

/// One media range of an `Accept` header and its weight.
fn ranges(accept: &str) -> impl Iterator<Item = (String, f32)> + '_ {
    accept.split(',').filter_map(|range| {
        let mut parts = range.split(';');
        let media = parts.next()?.trim().to_ascii_lowercase();
        if media.is_empty() {
            return None;
        }
        let q = parts
            .filter_map(|p| p.trim().strip_prefix("q="))
            .find_map(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        Some((media, q))
    })
}

/// The response media type for `headers`; `None` when the client accepts neither JSON type
/// (the server then answers 406). Without an `Accept` header, or for `*/*`, `application/json`
/// is used, as the spec advises for clients that predate `application/graphql-response+json`.
pub fn negotiate(headers: &HeaderMap) -> Option<Media> {
    let Some(accept) = headers.get(ACCEPT) else {
        return Some(Media::Json);
    };
    let Ok(accept) = accept.to_str() else {
        return Some(Media::Json);
    };
    let mut best: Option<(Media, f32)> = None;
    for (media, q) in ranges(accept) {
        let candidate = match media.as_str() {
            "application/graphql-response+json" => Media::GraphqlResponseJson,
            "application/json" | "application/*" | "*/*" => Media::Json,
            _ => continue,
        };
        if q <= 0.0 {
            continue;
        }
        let better = match best {
            None => true,
            Some((current, best_q)) => {
                q > best_q
                    || (q == best_q
                        && candidate == Media::GraphqlResponseJson
                        && current != Media::GraphqlResponseJson)
            }
        };
        if better {
            best = Some((candidate, q));
        }
    }
    best.map(|(media, _)| media)
}

/// Whether the client asked for HTML: a browser opening the endpoint, which gets GraphiQL.
pub fn wants_html(headers: &HeaderMap) -> bool {
    headers
        .get(ACCEPT)
        .and_then(|accept| accept.to_str().ok())
        .is_some_and(|accept| ranges(accept).any(|(media, q)| media == "text/html" && q > 0.0))
}

/// The form of a resource the client prefers among `default` and `others` (media types, lower
/// case), by its `Accept` header as RFC 9110 12.5.1 weighs it: each offer takes the weight of the
/// most specific range that matches it (`text/html`, then `text/*`, then `*/*`); the highest
/// weight above zero wins, an earlier offer on a tie. `default` is answered when the header is
/// missing or unreadable, or accepts none of the offers: a page is better than a 406.
pub fn preferred<'a>(headers: &HeaderMap, default: &'a str, others: &[&'a str]) -> &'a str {
    let Some(accept) = headers.get(ACCEPT).and_then(|accept| accept.to_str().ok()) else {
        return default;
    };
    let weight = |offer: &str| {
        let kind = offer.split('/').next().unwrap_or_default();
        ranges(accept)
            .filter_map(|(range, q)| {
                let specificity = if range == offer {
                    3
                } else if range.strip_suffix("/*") == Some(kind) {
                    2
                } else if range == "*/*" {
                    1
                } else {
                    return None;
                };
                Some((specificity, q))
            })
            .max_by_key(|(specificity, _)| *specificity)
            .map_or(0.0, |(_, q)| q)
    };
    let mut best = (default, weight(default));
    for &offer in others {
        let q = weight(offer);
        if q > best.1 {
            best = (offer, q);
        }
    }
    if best.1 > 0.0 { best.0 } else { default }
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    fn accept(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT, HeaderValue::from_str(value).unwrap());
        headers
    }

    #[test]
    fn the_graphql_response_type_is_preferred_when_accepted() {
        assert_eq!(
            negotiate(&accept(
                "application/graphql-response+json, application/json;q=0.9"
            )),
            Some(Media::GraphqlResponseJson)
        );
        assert_eq!(
            negotiate(&accept(
                "application/json, application/graphql-response+json"
            )),
            Some(Media::GraphqlResponseJson)
        );
        assert_eq!(negotiate(&accept("application/json")), Some(Media::Json));
        assert_eq!(negotiate(&HeaderMap::new()), Some(Media::Json));
        assert_eq!(negotiate(&accept("*/*")), Some(Media::Json));
    }

    #[test]
    fn a_client_accepting_neither_json_type_is_not_served() {
        assert_eq!(negotiate(&accept("text/plain")), None);
        assert_eq!(negotiate(&accept("application/json;q=0")), None);
    }

    #[test]
    fn a_page_is_html_unless_the_client_prefers_another_form() {
        let page = |value: &str| {
            preferred(
                &accept(value),
                "text/html",
                &["application/json", "application/atom+xml"],
            )
        };
        assert_eq!(
            preferred(&HeaderMap::new(), "text/html", &["application/json"]),
            "text/html"
        );
        assert_eq!(
            page("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"),
            "text/html"
        );
        assert_eq!(page("*/*"), "text/html");
        assert_eq!(page("application/json"), "application/json");
        assert_eq!(page("Application/JSON; charset=utf-8"), "application/json");
        assert_eq!(
            page("application/json;q=0.5, application/atom+xml"),
            "application/atom+xml"
        );
        assert_eq!(page("application/*, text/html;q=0.1"), "application/json");
        assert_eq!(
            page("text/html;q=0, application/json;q=0.1"),
            "application/json"
        );
        assert_eq!(page("image/png"), "text/html");
        assert_eq!(page("application/json;q=0"), "text/html");
    }

    #[test]
    fn browsers_ask_for_html() {
        assert!(wants_html(&accept(
            "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
        )));
        assert!(!wants_html(&accept("application/json")));
    }
}
