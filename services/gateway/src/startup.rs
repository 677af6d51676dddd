//! Building and running the gateway. `Application::build` connects, loads the demo if asked,
//! binds the listener and reports its port; `main` (the `civic serve` command) and the tests
//! share it.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context as _;
use axum::Router;
use civic_runtime::DEMO_SLUG;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::auth::Authenticator;
use crate::http::AppState;
use crate::http::server::{self, Stopped};
use crate::routes::router;
use crate::services::Services;
use crate::settings::{HttpSettings, Settings};

/// The gateway, bound and ready to serve.
pub struct Application {
    listener: TcpListener,
    address: SocketAddr,
    router: Router,
    http: HttpSettings,
    services: Arc<Services>,
    projector: Option<(oneshot::Sender<()>, JoinHandle<()>)>,
}

impl std::fmt::Debug for Application {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Application")
            .field("address", &self.address)
            .finish_non_exhaustive()
    }
}

impl Application {
    /// Connects to the database (applying migrations), reads the token keys, loads the demo
    /// council if `settings.demo`, starts the projector (unless turned off) and binds the
    /// listener.
    pub async fn build(settings: Settings) -> anyhow::Result<Self> {
        let services = Services::connect(&settings)
            .await
            .context("connecting to the database and applying migrations")?;
        Self::build_with(settings, services).await
    }

    /// As [`Application::build`], over services already connected (tests fix their clock).
    pub async fn build_with(settings: Settings, services: Services) -> anyhow::Result<Self> {
        let services = Arc::new(services);
        let authenticator = Authenticator::from_settings(&settings.jwt)
            .await
            .context("reading the JWKS for token verification")?;
        let demo = if settings.demo {
            Some(
                services
                    .directory
                    .home()
                    .ensure_demo()
                    .await
                    .context("loading the demo council")?,
            )
        } else {
            None
        };
        let listener = TcpListener::bind(settings.listen)
            .await
            .with_context(|| format!("binding {}", settings.listen))?;
        let address = listener.local_addr().context("reading the bound address")?;
        let projector = settings.run_projector.then(|| {
            let (stop, stopped) = oneshot::channel::<()>();
            let services = services.clone();
            let task = tokio::spawn(async move {
                services
                    .directory
                    .run_projectors(async move {
                        let _ = stopped.await;
                    })
                    .await;
            });
            (stop, task)
        });
        match demo {
            Some(_) => tracing::info!(
                "GraphiQL: http://{address}/councils/{DEMO_SLUG}/graphql (demo council loaded)"
            ),
            None => tracing::info!("GraphiQL: http://{address}/graphql"),
        }
        let router = router(
            AppState::new(services.clone(), authenticator),
            &settings.http,
        );
        Ok(Self {
            listener,
            address,
            router,
            http: settings.http,
            services,
            projector,
        })
    }

    /// The port the listener is bound to (the one picked, when the settings said 0).
    pub fn port(&self) -> u16 {
        self.address.port()
    }

    /// The bound address.
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// The shared services (for tests and embedding).
    pub fn services(&self) -> Arc<Services> {
        self.services.clone()
    }

    /// Serves until the process gets Ctrl-C or SIGTERM, then finishes the requests in flight
    /// (for at most the shutdown timeout).
    pub async fn run_until_stopped(self) -> anyhow::Result<()> {
        self.run_until(shutdown_signal()).await
    }

    /// Serves until `signal` completes, then stops accepting connections, lets the requests in
    /// flight finish for at most `http.shutdown_timeout`, closes the connections still open
    /// (however their clients stall), stops the projector and returns.
    pub async fn run_until(
        self,
        signal: impl Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        match server::serve(self.listener, self.router, &self.http, signal).await {
            Stopped::Drained => tracing::info!("stopped: every request in flight finished"),
            Stopped::DeadlinePassed { closed } => tracing::warn!(
                closed,
                "stopped: connections still open at the shutdown deadline were closed"
            ),
        }
        if let Some((stop, task)) = self.projector {
            let _ = stop.send(());
            let _ = task.await;
        }
        Ok(())
    }
}

/// Completes on Ctrl-C (SIGINT) or SIGTERM, the signals a terminal and an orchestrator send:
/// what `civic serve` and `civic project` stop on.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
    tracing::info!("stop signal received");
}
