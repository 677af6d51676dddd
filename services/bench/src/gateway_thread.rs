//! The real gateway, run on a runtime of its own whose threads are named [`THREAD_NAME`], so a
//! benchmark can charge the gateway's CPU time apart from its load generator's
//! ([`crate::cpu::CpuSample::threads`]).

use std::sync::Arc;
use std::thread::JoinHandle;

use anyhow::Context as _;
use civic_gateway::{Application, Services, Settings};
use tokio::sync::oneshot;

/// The name of every thread of the gateway's runtime (at most 15 bytes: Linux's `comm`).
pub const THREAD_NAME: &str = "civic-gateway";

/// A gateway serving on its own threads until stopped.
pub struct GatewayThread {
    pub port: u16,
    pub services: Arc<Services>,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<anyhow::Result<()>>>,
}

impl GatewayThread {
    /// Builds the application from `settings` on a new two-worker runtime and serves.
    pub async fn start(settings: Settings) -> anyhow::Result<Self> {
        let (ready_tx, ready_rx) = oneshot::channel();
        let (stop, stopped) = oneshot::channel::<()>();
        let thread = std::thread::Builder::new().name(THREAD_NAME.into()).spawn(
            move || -> anyhow::Result<()> {
                let runtime = tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(2)
                    .thread_name(THREAD_NAME)
                    .enable_all()
                    .build()?;
                runtime.block_on(async move {
                    let application = match Application::build(settings).await {
                        Ok(application) => application,
                        Err(error) => {
                            let _ = ready_tx.send(Err(error));
                            return Ok(());
                        }
                    };
                    let _ = ready_tx.send(Ok((application.port(), application.services())));
                    application
                        .run_until(async move {
                            let _ = stopped.await;
                        })
                        .await
                })
            },
        )?;
        let (port, services) = ready_rx
            .await
            .context("the gateway's thread ended before it served")??;
        Ok(Self {
            port,
            services,
            stop: Some(stop),
            thread: Some(thread),
        })
    }

    /// Stops serving and waits for the gateway's thread to end.
    pub async fn stop(mut self) -> anyhow::Result<()> {
        self.shut().await
    }

    async fn shut(&mut self) -> anyhow::Result<()> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            tokio::task::spawn_blocking(move || thread.join())
                .await?
                .map_err(|_| anyhow::anyhow!("the gateway's thread panicked"))??;
        }
        Ok(())
    }
}

impl Drop for GatewayThread {
    /// A gateway not stopped (a benchmark that failed half-way) is told to stop; its thread ends
    /// on its own.
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}
