//! GraphQL subscriptions over WebSocket at a council's endpoint (`GET /councils/{slug}/graphql`
//! with `Upgrade: websocket`), in the graphql-ws protocol (subprotocol `graphql-transport-ws`;
//! the legacy `graphql-ws` of subscriptions-transport-ws too, as async-graphql speaks both).
//! See `docs/subscriptions.md`.
//!
//! The token comes in the `connection_init` payload (`{"authorization": "Bearer <token>"}` or
//! `{"token": "<token>"}`; none: the public), is checked as a request's `Authorization` header
//! is, and decides the subscriber's [`Access`] to this council for the whole connection. A bad
//! token, or a token for another council, closes the socket with 4403.
//!
//! A subscriber cannot exhaust the server: [`MAX_SOCKETS`] sockets per process, at most
//! [`crate::feed::MAX_SUBSCRIPTIONS`] subscriptions per socket, messages of at most
//! [`MAX_MESSAGE_BYTES`], no `connection_init` within [`INIT_TIMEOUT`] closes with 4408, a
//! client that does not take a message within [`SEND_TIMEOUT`] is dropped, and a socket with no
//! subscription for [`IDLE_TIMEOUT`] is closed. Each subscription reads the log a bounded batch
//! at a time, and only as fast as the client takes its messages.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use async_graphql::Data;
use async_graphql::futures_util::Sink;
use async_graphql::futures_util::{SinkExt as _, StreamExt as _, future};
use async_graphql::http::{
    ALL_WEBSOCKET_PROTOCOLS, WebSocket as GraphQLWebSocket, WebSocketProtocols as Protocols,
    WsMessage,
};
use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade};
use axum::http::header::SEC_WEBSOCKET_PROTOCOL;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use super::AppState;
use crate::auth::{Access, AuthError};
use crate::feed::SubscriptionSlots;
use crate::graphql::CouncilScope;

/// Sockets one process serves at once; the next is refused with 503 until one closes.
pub const MAX_SOCKETS: usize = 1_000;

/// The largest message a client may send (a subscription document and its variables).
pub const MAX_MESSAGE_BYTES: usize = 64 * 1024;

/// How long a client has, once connected, to send `connection_init`.
pub const INIT_TIMEOUT: Duration = Duration::from_secs(10);

/// How long a client has to take one message before it is dropped as too slow.
pub const SEND_TIMEOUT: Duration = Duration::from_secs(30);

/// How long a socket may hold no subscription before it is closed.
pub const IDLE_TIMEOUT: Duration = Duration::from_secs(60);

/// The sockets being served, shared by the process.
#[derive(Debug, Clone)]
pub struct Sockets(Arc<Semaphore>);

impl Default for Sockets {
    fn default() -> Self {
        Self(Arc::new(Semaphore::new(MAX_SOCKETS)))
    }
}

/// The graphql-ws subprotocol the client asked for, the first this server speaks.
fn protocol(headers: &HeaderMap) -> Option<Protocols> {
    headers
        .get(SEC_WEBSOCKET_PROTOCOL)?
        .to_str()
        .ok()?
        .split(',')
        .find_map(|name| name.trim().parse().ok())
}

/// Upgrades a request for the council `tenant` (reached as `slug`) to a subscription socket.
pub(crate) fn upgrade(
    state: AppState,
    scope: CouncilScope,
    headers: &HeaderMap,
    upgrade: WebSocketUpgrade,
) -> Response {
    let Some(protocol) = protocol(headers) else {
        return (
            StatusCode::BAD_REQUEST,
            "ask for the subprotocol graphql-transport-ws (Sec-WebSocket-Protocol)",
        )
            .into_response();
    };
    let Ok(socket) = state.sockets.0.clone().try_acquire_owned() else {
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            "too many subscribers; retry later",
        )
            .into_response();
    };
    upgrade
        .protocols(ALL_WEBSOCKET_PROTOCOLS)
        .max_message_size(MAX_MESSAGE_BYTES)
        .max_frame_size(MAX_MESSAGE_BYTES)
        .on_upgrade(move |ws| serve(ws, state, scope, protocol, socket))
}

/// The token of a `connection_init` payload, as an `Authorization` header value.
fn authorization(payload: &serde_json::Value) -> Option<String> {
    let field = |name: &str| payload.get(name).and_then(serde_json::Value::as_str);
    field("authorization")
        .or_else(|| field("Authorization"))
        .map(str::to_owned)
        .or_else(|| field("token").map(|token| format!("Bearer {token}")))
}

/// The subscriber's access to the council `slug`, from its `connection_init` payload.
async fn authorise(
    state: &AppState,
    slug: &str,
    payload: &serde_json::Value,
) -> Result<Access, AuthError> {
    let header = authorization(payload);
    let principal = state.authenticator.authenticate(header.as_deref()).await?;
    Access::for_council(&principal, slug)
}

/// Sends a close frame, however slow the client.
async fn close(sink: &mut (impl Sink<Message> + Unpin), code: u16, reason: &str) {
    let frame = CloseFrame {
        code,
        reason: reason.into(),
    };
    let _ = tokio::time::timeout(SEND_TIMEOUT, sink.send(Message::Close(Some(frame)))).await;
}

async fn serve(
    socket: WebSocket,
    state: AppState,
    scope: CouncilScope,
    protocol: Protocols,
    _held: OwnedSemaphorePermit,
) {
    let (mut sink, source) = socket.split();
    // Frames until the first error; a graphql-ws message is a text (or binary) frame.
    let source = source
        .scan((), |(), frame| future::ready(frame.ok()))
        .filter_map(|frame| {
            future::ready(match frame {
                Message::Text(_) | Message::Binary(_) => Some(frame.into_data()),
                _ => None,
            })
        });
    let slots = SubscriptionSlots::default();
    let initialised = Arc::new(AtomicBool::new(false));
    let refused = Arc::new(AtomicBool::new(false));
    let on_init = {
        let (state, scope, slots) = (state.clone(), scope.clone(), slots.clone());
        let (initialised, refused) = (initialised.clone(), refused.clone());
        move |payload: serde_json::Value| async move {
            match authorise(&state, &scope.slug, &payload).await {
                Ok(access) => {
                    initialised.store(true, Ordering::SeqCst);
                    let mut data = Data::default();
                    data.insert(scope);
                    data.insert(access);
                    data.insert(slots);
                    Ok(data)
                }
                Err(error) => {
                    refused.store(true, Ordering::SeqCst);
                    Err(async_graphql::Error::new(error.message()))
                }
            }
        }
    };
    let mut messages = GraphQLWebSocket::new(state.council_schema.clone(), source, protocol)
        .on_connection_init(on_init);
    let init_deadline = tokio::time::sleep(INIT_TIMEOUT);
    tokio::pin!(init_deadline);
    let mut idle =
        tokio::time::interval_at(tokio::time::Instant::now() + IDLE_TIMEOUT, IDLE_TIMEOUT);
    loop {
        let message = tokio::select! {
            message = messages.next() => message,
            () = &mut init_deadline, if !initialised.load(Ordering::SeqCst) => {
                close(&mut sink, 4408, "Connection initialisation timeout").await;
                return;
            }
            _ = idle.tick() => {
                if slots.idle() {
                    close(&mut sink, 1000, "no subscription").await;
                    return;
                }
                continue;
            }
        };
        match message {
            Some(WsMessage::Text(text)) => {
                let sent =
                    tokio::time::timeout(SEND_TIMEOUT, sink.send(Message::Text(text.into()))).await;
                if !matches!(sent, Ok(Ok(()))) {
                    tracing::debug!(tenant = %scope.tenant, "a subscriber was too slow or went away");
                    return;
                }
            }
            Some(WsMessage::Close(code, reason)) => {
                if refused.load(Ordering::SeqCst) {
                    close(&mut sink, 4403, "Forbidden").await;
                } else {
                    close(&mut sink, code, &reason).await;
                }
                return;
            }
            None => {
                if refused.load(Ordering::SeqCst) {
                    close(&mut sink, 4403, "Forbidden").await;
                }
                return;
            }
        }
    }
}

/// For [`crate::http::graphql::council`]: whether `headers` ask for a WebSocket.
pub(crate) fn wants_websocket(headers: &HeaderMap) -> bool {
    headers
        .get(axum::http::header::UPGRADE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("websocket"))
}
