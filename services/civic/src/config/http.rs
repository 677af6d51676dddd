//! The HTTP edge's options of `civic serve`: timeouts, the connection cap, the shutdown deadline
//! and CORS origins.

use std::time::Duration;

use anyhow::Context as _;
use civic_gateway::{CorsOrigins, HttpSettings};

/// The HTTP edge's options of `civic serve`: each flag, else its `CIVIC_*` variable, else the
/// default (clap reads the variables, so a flag always wins).
#[derive(Debug, clap::Args)]
pub struct HttpArgs {
    /// Seconds a client may take to send a request's headers; also how long an idle
    /// keep-alive connection is kept.
    #[arg(
        long, env = "CIVIC_HEADER_READ_TIMEOUT", value_name = "SECONDS",
        default_value_t = HttpSettings::DEFAULT_HEADER_READ_TIMEOUT.as_secs(),
        value_parser = clap::value_parser!(u64).range(1..)
    )]
    header_read_timeout: u64,
    /// Seconds a client may take to send a whole request body (408 past it).
    #[arg(
        long, env = "CIVIC_BODY_READ_TIMEOUT", value_name = "SECONDS",
        default_value_t = HttpSettings::DEFAULT_BODY_READ_TIMEOUT.as_secs(),
        value_parser = clap::value_parser!(u64).range(1..)
    )]
    body_read_timeout: u64,
    /// Seconds one request may take, body included (503 past it).
    #[arg(
        long, env = "CIVIC_REQUEST_TIMEOUT", value_name = "SECONDS",
        default_value_t = HttpSettings::DEFAULT_REQUEST_TIMEOUT.as_secs(),
        value_parser = clap::value_parser!(u64).range(1..)
    )]
    request_timeout: u64,
    /// The most connections served at once; more wait to be accepted.
    #[arg(
        long, env = "CIVIC_MAX_CONNECTIONS", value_name = "N",
        default_value_t = HttpSettings::DEFAULT_MAX_CONNECTIONS as u64,
        value_parser = clap::value_parser!(u64).range(1..=1_000_000)
    )]
    max_connections: u64,
    /// Seconds the requests in flight get to finish after SIGTERM or Ctrl-C.
    #[arg(
        long, env = "CIVIC_SHUTDOWN_TIMEOUT", value_name = "SECONDS",
        default_value_t = HttpSettings::DEFAULT_SHUTDOWN_TIMEOUT.as_secs(),
        value_parser = clap::value_parser!(u64).range(0..=3_600)
    )]
    shutdown_timeout: u64,
    /// Browser origins allowed to call the gateway from scripts, comma-separated
    /// (`https://register.example.gov.uk`, with `Authorization`); `*` lets any other origin read
    /// anonymously. Unset: no CORS headers.
    #[arg(long, env = "CIVIC_CORS_ORIGINS", value_name = "ORIGINS")]
    cors_origins: Option<String>,
}

impl HttpArgs {
    /// The gateway's HTTP settings.
    pub fn settings(&self) -> anyhow::Result<HttpSettings> {
        let cors = match &self.cors_origins {
            Some(origins) => CorsOrigins::parse(origins).context("CIVIC_CORS_ORIGINS")?,
            None => CorsOrigins::none(),
        };
        Ok(HttpSettings {
            header_read_timeout: Duration::from_secs(self.header_read_timeout),
            body_read_timeout: Duration::from_secs(self.body_read_timeout),
            request_timeout: Duration::from_secs(self.request_timeout),
            max_connections: usize::try_from(self.max_connections)
                .context("CIVIC_MAX_CONNECTIONS is too large")?,
            shutdown_timeout: Duration::from_secs(self.shutdown_timeout),
            cors,
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[derive(Debug, clap::Parser)]
    struct ServeFlags {
        #[command(flatten)]
        http: HttpArgs,
    }

    fn http(flags: &[&str]) -> anyhow::Result<HttpSettings> {
        use clap::Parser as _;
        let flags =
            ServeFlags::try_parse_from(std::iter::once("serve").chain(flags.iter().copied()))?;
        flags.http.settings()
    }

    #[test]
    fn the_http_edge_flags_set_the_gateway_settings() {
        let settings = http(&[
            "--header-read-timeout",
            "3",
            "--body-read-timeout",
            "4",
            "--request-timeout",
            "5",
            "--max-connections",
            "6",
            "--shutdown-timeout",
            "0",
            "--cors-origins",
            "https://register.example.gov.uk,*",
        ])
        .unwrap();
        assert_eq!(settings.header_read_timeout, Duration::from_secs(3));
        assert_eq!(settings.body_read_timeout, Duration::from_secs(4));
        assert_eq!(settings.request_timeout, Duration::from_secs(5));
        assert_eq!(settings.max_connections, 6);
        assert_eq!(settings.shutdown_timeout, Duration::ZERO);
        assert!(settings.cors.anonymous_from_anywhere());
        assert_eq!(settings.cors.trusted().len(), 1);
    }

    #[test]
    fn bad_http_edge_values_are_refused_before_serving() {
        assert!(http(&["--request-timeout", "0"]).is_err());
        assert!(http(&["--max-connections", "0"]).is_err());
        assert!(http(&["--cors-origins", "register.example.gov.uk"]).is_err());
    }
}
