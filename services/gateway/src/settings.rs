//! What the gateway needs to start: a plain struct the `civic` binary fills from its flags and
//! `CIVIC_*`/`DATABASE_URL` environment variables. Secrets are wrapped in [`Secret`], whose
//! `Debug` never shows them, so logging the settings is safe.

use civic_eventstore::checkpoint::LogKey;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

/// A value that must never be logged: a database URL with its password, a signing secret.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The secret itself, for the one place that needs it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret([redacted])")
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Self(value)
    }
}

/// Everything [`crate::Application::build`] needs.
#[derive(Debug, Clone)]
pub struct Settings {
    /// `sqlite:…` or `postgres://…`; may hold a password, so it is a [`Secret`].
    pub database_url: Secret,
    /// The most connections the pool opens (PostgreSQL; SQLite manages its own).
    pub database_max_connections: u32,
    /// Where to listen; port 0 picks a free port (tests), reported by
    /// [`crate::Application::port`].
    pub listen: SocketAddr,
    /// How bearer tokens are verified.
    pub jwt: JwtSettings,
    /// Load the demo council ("maidstone") at start if it is not there yet.
    pub demo: bool,
    /// Run the projector in this process, so read models follow the log without a separate
    /// worker. On by default; turn off when a dedicated projector process runs.
    pub run_projector: bool,
    /// Limits on what one request may ask for.
    pub limits: Limits,
    /// How the HTTP edge guards itself against slow, stalled or too many clients, how long a
    /// stop may take, and which browser origins may call it.
    pub http: HttpSettings,
    /// The platform's key for signing the councils' log checkpoints; without one the log's
    /// checkpoint and key routes answer 503 (proofs still work).
    pub log_key: Option<LogKey>,
    /// How often a subscription reads its council's log when nothing woke it (appends in this
    /// process, and on PostgreSQL in any, wake it at once; this only covers a lost
    /// notification, or other processes on SQLite). 2 s by default.
    pub subscription_poll: Duration,
    /// The bounds of the response cache of public answers ([`crate::cache`]).
    pub response_cache: CacheSettings,
    /// A PostgreSQL read replica (a streaming standby of `database_url`) that public reads are
    /// answered from; writers' reads stay on the primary ([`crate::Services::reads_in`]).
    pub read_replica_url: Option<Secret>,
    /// Further council databases by name, beside `database_url` (the directory's, also a
    /// council database): each new council goes to the one with fewest councils
    /// ([`civic_runtime::Directory`]). Empty: every council lives in `database_url`'s.
    pub council_databases: Vec<(String, Secret)>,
    /// `/readyz` answers 503 while some council's oldest event not yet in its read models was
    /// recorded longer ago than this; `None` leaves projector lag out of readiness.
    pub ready_max_lag: Option<Duration>,
}

/// Connections a gateway opens to its database at most, by default.
pub const DEFAULT_DATABASE_MAX_CONNECTIONS: u32 = 10;

/// How far behind a council's read models may be before `/readyz` says not ready, by default:
/// long enough that a burst of imports or a projector restarting never takes gateways out of
/// service, short enough that a stopped projector does (docs/operations.md).
pub const DEFAULT_READY_MAX_LAG: Duration = Duration::from_secs(300);

/// How much the response cache of public answers may hold; 0 entries turns it off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CacheSettings {
    /// Entries at most.
    pub max_entries: usize,
    /// Bytes (keys and bodies) at most.
    pub max_bytes: usize,
}

impl Default for CacheSettings {
    fn default() -> Self {
        Self {
            max_entries: crate::cache::store::DEFAULT_MAX_ENTRIES,
            max_bytes: crate::cache::store::DEFAULT_MAX_BYTES,
        }
    }
}

impl Settings {
    /// Defaults for everything but the database: listen on 127.0.0.1:8080, no token keys (every
    /// request is anonymous), no demo, projector in-process, default limits.
    pub fn new(database_url: impl Into<String>) -> Self {
        Self {
            database_url: Secret::new(database_url),
            database_max_connections: DEFAULT_DATABASE_MAX_CONNECTIONS,
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            jwt: JwtSettings::default(),
            demo: false,
            run_projector: true,
            limits: Limits::default(),
            http: HttpSettings::default(),
            log_key: None,
            subscription_poll: crate::feed::POLL_INTERVAL,
            response_cache: CacheSettings::default(),
            ready_max_lag: Some(DEFAULT_READY_MAX_LAG),
            read_replica_url: None,
            council_databases: Vec::new(),
        }
    }
}

/// How bearer tokens are checked. With neither an HS256 secret nor a JWKS, every token is
/// refused (UNAUTHENTICATED) and only anonymous reads work. `exp` is always required and `nbf`
/// checked when present. The rules and their reasons: `docs/reliability/tokens.md`.
#[derive(Debug, Clone)]
pub struct JwtSettings {
    /// The shared secret of HS256 tokens (as minted by `civic token`). HS256 tokens are accepted
    /// only when it is set: `civic` sets it by default without a JWKS, and with one only when
    /// asked (`CIVIC_JWT_HS256=1`), so a deployment behind an identity provider does not keep a
    /// second, shared-secret way in by accident.
    pub hs256_secret: Option<Secret>,
    /// Where the public keys of RS256/ES256 tokens are published. Requires both `issuer` and
    /// `audience`: the gateway refuses to start without them.
    pub jwks: Option<JwksSource>,
    /// The `iss` every token must carry, if set (required with a JWKS).
    pub issuer: Option<String>,
    /// The `aud` every token must carry, if set (required with a JWKS).
    pub audience: Option<String>,
    /// Clock skew tolerated on `exp` and `nbf` (30 seconds by default).
    pub leeway: Duration,
    /// The shortest time between two fetches of the JWKS when tokens name unknown key ids, so
    /// that a stream of forged `kid`s cannot make the gateway hammer the key server.
    pub jwks_min_refresh: Duration,
}

impl Default for JwtSettings {
    fn default() -> Self {
        Self {
            hs256_secret: None,
            jwks: None,
            issuer: None,
            audience: None,
            leeway: Duration::from_secs(30),
            jwks_min_refresh: Duration::from_secs(30),
        }
    }
}

/// Where a JSON Web Key Set is read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JwksSource {
    /// A file holding the set (keys distributed with the deployment).
    File(PathBuf),
    /// An `https://` (or, for local identity providers, `http://`) URL serving the set.
    Url(String),
}

impl JwksSource {
    /// `http://` and `https://` values are URLs; anything else is a file path.
    pub fn parse(value: &str) -> Self {
        if value.starts_with("https://") || value.starts_with("http://") {
            Self::Url(value.to_owned())
        } else {
            Self::File(PathBuf::from(value))
        }
    }
}

/// Limits on one request, refused before anything runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The deepest selection set nesting a query may have. The default, 16, admits GraphiQL's
    /// introspection query (which nests `ofType` nine deep) and every real query of the schema.
    pub max_depth: usize,
    /// The largest complexity (fields, multiplied by page sizes on connections).
    pub max_complexity: usize,
    /// The largest `first` a connection accepts (at most 100).
    pub max_page_size: u32,
    /// The largest request body, in bytes.
    pub max_body_bytes: usize,
    /// What one GraphQL document may cost, checked before it is validated or run.
    pub cost: CostLimits,
}

impl Limits {
    /// The hard ceiling on `first`, whatever the configuration says.
    pub const PAGE_SIZE_CEILING: u32 = 100;
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_depth: 16,
            max_complexity: 5_000,
            max_page_size: Self::PAGE_SIZE_CEILING,
            max_body_bytes: 256 * 1024,
            cost: CostLimits::default(),
        }
    }
}

/// What one GraphQL document may cost. [`crate::graphql::cost::admit`] checks the first three in
/// this order, each step bounding the work of the next, and refuses a document over any of them
/// with `extensions.code` QUERY_TOO_EXPENSIVE before validation, authentication or any read: its
/// size before it is parsed, then its cost once parsed. The last bounds the answer while it is
/// resolved. `docs/reliability/query-cost.md` has the model, the attacks it answers and the
/// measurements behind these defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CostLimits {
    /// The longest document text, in bytes (variables are bounded by `max_body_bytes`): the
    /// parser's work also grows with the bytes it skips (comments, long strings), about 50 ns a
    /// byte. The default, 64 KiB (about 3.5 ms), is sixty times GraphiQL's introspection query.
    pub max_bytes: usize,
    /// The most lexical tokens (names, punctuation, values) a document may have: parsing and
    /// validating cost about 0.6 µs a token (release build), and a refusal for cost comes after
    /// parsing, so this bounds what any refusal costs. The default, 8,192, is about 5 ms, some
    /// forty times GraphiQL's introspection query.
    pub max_tokens: usize,
    /// The highest cost a document may have, in the units of [`crate::graphql::cost::model`]: 1
    /// per field, 100 per read, 1,000 per write, lists counted once per item. The default,
    /// 20,000, admits GraphiQL's introspection query (10,237), the demo's strategy documents
    /// (15,729) and a page of 50 decisions with every field (12,250); it admits at most 198
    /// lookups by id of one field each.
    pub max_cost: u64,
    /// The most values (fields and list items) one answer may hold, counted while it is
    /// resolved: the bound on work the model underestimates (long lists, nested). The default,
    /// 24,000, keeps a third to spare over GraphiQL's introspection answer (15,284 values once
    /// issue 13's records joined the schema; 10,102 before). A document cut at 15,000 values took
    /// 19 ms (`docs/reliability/query-cost.md`); 24,000 was measured only beside other clients
    /// (`docs/benchmarks.md`).
    pub max_values: usize,
}

impl Default for CostLimits {
    fn default() -> Self {
        Self {
            max_bytes: 64 * 1024,
            max_tokens: 8 * 1024,
            max_cost: 20_000,
            max_values: 24_000,
        }
    }
}

// ---- The HTTP edge: timeouts, connections, shutdown, CORS -------------------------------------

/// What keeps one client from stalling the server, and which browser origins may call it.
///
/// Every limit is enforced by the server itself, so the gateway is safe to expose without a
/// reverse proxy in front; see `docs/reliability/http.md` for the attacks each one answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpSettings {
    /// How long a client may take to send a request's headers, counted from when the server
    /// starts waiting for them (so also how long an idle keep-alive connection is kept). A client
    /// that has not sent them all by then is disconnected without an answer.
    pub header_read_timeout: Duration,
    /// How long a client may take to send a whole request body once its headers are in; a body
    /// still incomplete then is answered 408 and the connection closed.
    pub body_read_timeout: Duration,
    /// How long one request may take from its headers to its answer (body read included); a
    /// request still running then is stopped and answered 503.
    pub request_timeout: Duration,
    /// The most connections served at once. Further connections wait in the listen queue of the
    /// operating system until a connection closes; they are never refused by the server.
    pub max_connections: usize,
    /// After a stop signal, how long the requests in flight get to finish before the
    /// connections still open are closed and the server returns.
    pub shutdown_timeout: Duration,
    /// Which browser origins may call the gateway from scripts (CORS); none by default.
    pub cors: crate::http::cors::CorsOrigins,
}

impl HttpSettings {
    /// Headers: a browser sends them at once; 10 s is ample on a slow mobile link and reaps idle
    /// keep-alive connections.
    pub const DEFAULT_HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);
    /// Bodies are at most [`Limits::max_body_bytes`] (256 KiB by default): 10 s is ample.
    pub const DEFAULT_BODY_READ_TIMEOUT: Duration = Duration::from_secs(10);
    /// A request: no query of the schema takes near this long.
    pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
    /// Stays well under the usual limit of 1024 open files per process, which also has to hold
    /// the database connections.
    pub const DEFAULT_MAX_CONNECTIONS: usize = 512;
    /// Under the 30 s that orchestrators (Kubernetes, systemd's default) wait before SIGKILL.
    pub const DEFAULT_SHUTDOWN_TIMEOUT: Duration = Duration::from_secs(10);
}

impl Default for HttpSettings {
    fn default() -> Self {
        Self {
            header_read_timeout: Self::DEFAULT_HEADER_READ_TIMEOUT,
            body_read_timeout: Self::DEFAULT_BODY_READ_TIMEOUT,
            request_timeout: Self::DEFAULT_REQUEST_TIMEOUT,
            max_connections: Self::DEFAULT_MAX_CONNECTIONS,
            shutdown_timeout: Self::DEFAULT_SHUTDOWN_TIMEOUT,
            cors: crate::http::cors::CorsOrigins::none(),
        }
    }
}

// ---- end of the HTTP edge ----------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_never_show_in_debug_output() {
        let mut settings = Settings::new("postgres://civic:hunter2@db/civic");
        settings.jwt.hs256_secret = Some(Secret::new("s3cret-signing-key"));
        let shown = format!("{settings:?}");
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(!shown.contains("s3cret"), "{shown}");
    }

    #[test]
    fn a_jwks_source_is_a_url_only_when_it_says_http() {
        assert_eq!(
            JwksSource::parse("https://id.example/jwks.json"),
            JwksSource::Url("https://id.example/jwks.json".into())
        );
        assert_eq!(
            JwksSource::parse("/etc/civic/jwks.json"),
            JwksSource::File(PathBuf::from("/etc/civic/jwks.json"))
        );
    }
}
