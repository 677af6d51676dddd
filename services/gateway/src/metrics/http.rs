//! HTTP requests by method, route and status, and how long each took.

use axum::http::Method;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;

/// Request durations: 14 buckets from 1 ms to 8 s, doubling.
fn durations() -> Histogram {
    Histogram::new(exponential_buckets(0.001, 2.0, 14))
}

/// One histogram per method, route and status; its count is the number of requests.
#[derive(Debug, Clone)]
pub struct HttpMetrics {
    requests: Family<RequestLabels, Histogram, fn() -> Histogram>,
}

impl Default for HttpMetrics {
    fn default() -> Self {
        Self {
            requests: Family::new_with_constructor(durations),
        }
    }
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    method: &'static str,
    route: String,
    status: u16,
}

impl HttpMetrics {
    /// Adds the family to `registry`, as `civic_http_request_duration_seconds`.
    pub fn register(&self, registry: &mut Registry) {
        registry.register(
            "civic_http_request_duration_seconds",
            "HTTP requests by method, route template and status, and how long each took to answer",
            self.requests.clone(),
        );
    }

    fn observe(&self, labels: RequestLabels, seconds: f64) {
        self.requests.get_or_create(&labels).observe(seconds);
    }
}

impl HttpMetrics {
    /// Counts one request of `method` to `route` (its template, or `unmatched`) answered with
    /// `status` after `seconds`. Called by the outermost middleware ([`crate::http::trace`]),
    /// so refusals by the other layers (a deadline passed, a body too large) are counted too.
    pub(crate) fn record(&self, method: &'static str, route: &str, status: u16, seconds: f64) {
        let labels = RequestLabels {
            method,
            route: route.to_owned(),
            status,
        };
        self.observe(labels, seconds);
    }
}

/// The method, from a fixed set (a client may send any token as a method).
pub(crate) fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::POST => "POST",
        Method::HEAD => "HEAD",
        Method::OPTIONS => "OPTIONS",
        Method::PUT => "PUT",
        Method::DELETE => "DELETE",
        Method::PATCH => "PATCH",
        _ => "other",
    }
}
