//! Serving the router over HTTP/1.1 on a TCP listener, so that no client can stall the server:
//! a header read timeout, a cap on connections, and a stop that finishes the requests in flight
//! within a deadline and then returns whatever the clients do.
//!
//! Hand-written over hyper and hyper-util rather than `axum::serve`, which sets no header read
//! timeout (it gives hyper no timer), has no connection cap, and on a stop waits for every
//! connection however long a client stalls. What is here is the accept loop of `axum::serve` with
//! those three added; the HTTP itself is hyper's.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::{Semaphore, watch};
use tokio::task::JoinSet;

use crate::settings::HttpSettings;

/// How long to wait before accepting again after the operating system refused (e.g. out of file
/// descriptors), as hyper and axum do.
const ACCEPT_ERROR_PAUSE: Duration = Duration::from_secs(1);

/// How a server stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stopped {
    /// Every connection finished its requests within the shutdown deadline.
    Drained,
    /// The deadline passed; this many connections were still open and were closed.
    DeadlinePassed {
        /// The connections closed at the deadline.
        closed: usize,
    },
}

/// Serves `router` on `listener` until `signal` completes, then stops accepting, lets the
/// requests in flight finish for at most `settings.shutdown_timeout`, closes what is left and
/// returns.
///
/// At most `settings.max_connections` connections are served at once: the next connection is
/// accepted only when one closes, so excess clients wait in the listen queue of the operating
/// system (and connect once a slot frees, or time out on their side). Idle and slow connections
/// free their slot within `settings.header_read_timeout`, so a crowd of idle clients delays
/// others for at most that long. Accept errors are logged and never stop the server.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    settings: &HttpSettings,
    signal: impl Future<Output = ()>,
) -> Stopped {
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(settings.header_read_timeout);
    let slots = Arc::new(Semaphore::new(settings.max_connections.max(1)));
    // Tells every connection to finish its request in flight and close (hyper-util's
    // GracefulShutdown does not take a connection with upgrades).
    let (stop, stopping) = watch::channel(false);
    let mut connections = JoinSet::new();
    let mut signal = std::pin::pin!(signal);

    loop {
        let slot = tokio::select! {
            () = &mut signal => break,
            slot = slots.clone().acquire_owned() => match slot {
                Ok(slot) => slot,
                Err(_closed) => break,
            },
        };
        let (stream, peer) = tokio::select! {
            () = &mut signal => break,
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    if !is_connection_error(&error) {
                        tracing::error!(%error, "accepting a connection failed; pausing");
                        tokio::select! {
                            () = &mut signal => break,
                            () = tokio::time::sleep(ACCEPT_ERROR_PAUSE) => {}
                        }
                    }
                    continue;
                }
            },
        };
        // Forget the connections that have finished, so the set holds only open ones.
        while connections.try_join_next().is_some() {}
        // With upgrades: a council's subscriptions are WebSockets. An upgraded connection leaves
        // this loop (and its slot) for the socket's own task and limits
        // ([`crate::http::subscriptions`]).
        let connection = http
            .serve_connection(
                TokioIo::new(stream),
                TowerToHyperService::new(router.clone()),
            )
            .with_upgrades();
        let mut stopping = stopping.clone();
        connections.spawn(async move {
            let mut connection = std::pin::pin!(connection);
            let stop = async {
                let _ = stopping.wait_for(|stop| *stop).await;
            };
            let ended = tokio::select! {
                ended = connection.as_mut() => ended,
                () = stop => {
                    connection.as_mut().graceful_shutdown();
                    connection.await
                }
            };
            if let Err(error) = ended {
                tracing::debug!(%peer, %error, "a connection ended with an error");
            }
            drop(slot);
        });
    }

    // No new connections: those waiting in the listen queue are refused by the system.
    drop(listener);
    while connections.try_join_next().is_some() {}
    tracing::info!(
        open = connections.len(),
        deadline = ?settings.shutdown_timeout,
        "stopping: finishing the requests in flight"
    );
    let _ = stop.send(true);
    let drained = async { while connections.join_next().await.is_some() {} };
    let stopped = match tokio::time::timeout(settings.shutdown_timeout, drained).await {
        Ok(()) => Stopped::Drained,
        Err(_) => {
            while connections.try_join_next().is_some() {}
            let closed = connections.len();
            tracing::warn!(
                closed,
                "the shutdown deadline passed; closing the connections still open"
            );
            Stopped::DeadlinePassed { closed }
        }
    };
    // Aborts whatever is left (nothing, once drained) and waits for it to go.
    connections.shutdown().await;
    stopped
}

/// Errors of one connection (the client gave up before it was accepted), not of the listener.
fn is_connection_error(error: &std::io::Error) -> bool {
    matches!(
        error.kind(),
        std::io::ErrorKind::ConnectionRefused
            | std::io::ErrorKind::ConnectionAborted
            | std::io::ErrorKind::ConnectionReset
    )
}
