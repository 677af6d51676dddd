//! Database work that runs to its end even when the caller stops waiting for it.
//!
//! A request's future is dropped at whatever await point it has reached when its client
//! disconnects (axum drops the handler), when a timeout fires or when its task is aborted.
//! sqlx 0.9.0 is not safe to drop everywhere: a future dropped while PostgreSQL's `BEGIN` round
//! trip is in flight leaves the session inside a transaction that nothing rolls back, and the
//! pool hands that connection to the next caller, whose reads then see an old snapshot and whose
//! writes fail or are never committed (transact-rs/sqlx#4393). See
//! `docs/reliability/cancellation.md`.
//!
//! [`run_to_completion`] moves the work onto a task of its own: dropping the caller's future
//! only stops the caller waiting, never the work, which finishes (committing or rolling back)
//! and returns its connection to the pool in a clean state. Every operation of the store, the
//! read models and the projector goes through it.

use std::future::Future;

use tracing::Instrument as _;

/// Runs `work` on its own Tokio task and waits for its result. If the caller's future is
/// dropped, `work` still runs to its end; only its result is lost.
///
/// The task fails only if `work` panics or the runtime shuts down under it; the caller then gets
/// [`sqlx::Error::WorkerCrashed`] (as the error type's database variant), and the failure is
/// logged: the edge reports INTERNAL, as for any database failure. Must be called inside a
/// Tokio runtime, as all database work is.
pub async fn run_to_completion<T, E>(
    work: impl Future<Output = Result<T, E>> + Send + 'static,
) -> Result<T, E>
where
    T: Send + 'static,
    E: From<sqlx::Error> + Send + 'static,
{
    // The task goes on in the caller's span, so its spans (a projector batch, a query) are the
    // caller's children in a trace.
    match tokio::spawn(work.in_current_span()).await {
        Ok(result) => result,
        Err(failure) => {
            tracing::error!(%failure, "database work ended without a result");
            Err(E::from(sqlx::Error::WorkerCrashed))
        }
    }
}

/// [`run_to_completion`] of the future `make` returns, made on the task itself: the caller's
/// future then holds only `make` (its captures), not the work's whole state, so the callers'
/// futures stay small and are not copied around at each `await` of a hot path (a register page
/// moved about 9 K instructions' worth of bytes per read before).
pub async fn run_to_completion_with<T, E, Work>(
    make: impl FnOnce() -> Work + Send + 'static,
) -> Result<T, E>
where
    Work: Future<Output = Result<T, E>> + Send + 'static,
    T: Send + 'static,
    E: From<sqlx::Error> + Send + 'static,
{
    match tokio::spawn(async move { make().await }.in_current_span()).await {
        Ok(result) => result,
        Err(failure) => {
            tracing::error!(%failure, "database work ended without a result");
            Err(E::from(sqlx::Error::WorkerCrashed))
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::time::Duration;

    use tokio::sync::oneshot;

    use super::*;
    use crate::StoreError;

    #[tokio::test]
    async fn work_whose_caller_is_dropped_still_runs_to_its_end() {
        let finished = Arc::new(AtomicBool::new(false));
        let (started, on_start) = oneshot::channel();
        let (release, on_release) = oneshot::channel::<()>();
        let (done, on_done) = oneshot::channel();
        let work = {
            let finished = finished.clone();
            async move {
                let _ = started.send(());
                let _ = on_release.await;
                finished.store(true, Ordering::SeqCst);
                let _ = done.send(());
                Ok::<_, StoreError>(())
            }
        };
        let caller = tokio::spawn(run_to_completion(work));
        on_start.await.unwrap();
        caller.abort();
        assert!(caller.await.unwrap_err().is_cancelled());

        release.send(()).unwrap();
        tokio::time::timeout(Duration::from_secs(60), on_done)
            .await
            .unwrap()
            .unwrap();
        assert!(finished.load(Ordering::SeqCst));
    }

    #[tokio::test]
    async fn work_that_panics_is_an_error_not_a_panic_of_the_caller() {
        let outcome = run_to_completion(async {
            if std::hint::black_box(true) {
                panic!("a bug in the work");
            }
            Ok::<(), StoreError>(())
        })
        .await;
        assert!(matches!(
            outcome,
            Err(StoreError::Database(sqlx::Error::WorkerCrashed))
        ));
    }
}
