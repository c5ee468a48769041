//! `stance serve`: the classifier over HTTP, for people (a page at `/`
//! that shows the same view as `classify --html`) and programs (a JSON API).
//!
//! Safe by default: the body size is limited, every request has a deadline,
//! at most `workers` classifications run at once and at most `queue`
//! requests wait or run (more get 503 at once), no request names a file on
//! the server, and errors are JSON without paths or backtraces.
//! Classification runs on blocking threads so the runtime keeps answering.
//!
//! [`error`] maps failures to responses, [`input`] reads what a request
//! asks to classify, [`api`] holds the handlers and [`home`] the page.

pub mod api;
pub mod error;
pub mod home;
pub mod input;

use crate::article::analysis::Models;
use crate::model::card::model_card;
use crate::text::Language;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

/// The limits a server runs with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServeConfig {
    /// Largest request body, in bytes.
    pub max_body: usize,
    /// Deadline of each request, waiting for a worker included.
    pub timeout: Duration,
    /// Classifications that run at once.
    pub workers: usize,
    /// Requests that may run or wait for a worker; more are turned away with 503.
    pub queue: usize,
}

impl Default for ServeConfig {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        ServeConfig { max_body: 5 * 1024 * 1024, timeout: Duration::from_secs(30), workers: cores, queue: 256 }
    }
}

/// What every handler shares: the models, loaded once, and the limits.
pub struct AppState {
    pub models: Models,
    pub language: Language,
    pub config: ServeConfig,
    /// `GET /api/models`, rendered once at start.
    pub models_json: String,
    admitted: Arc<Semaphore>,
    workers: Arc<Semaphore>,
}

impl AppState {
    pub fn new(models: Models, config: ServeConfig) -> Self {
        let language = models.stance.artifact().meta.text.language;
        let card = |classifier: &crate::model::classifier::Classifier| {
            let mut card = model_card(classifier.artifact(), 10);
            // The training file's name tells what the model learned from; its directory is the server's business.
            card.meta.data_file = input::base_name(&card.meta.data_file);
            card
        };
        let cards = serde_json::json!({ "stance": card(&models.stance), "sentiment": card(&models.sentiment) });
        AppState {
            language,
            models_json: cards.to_string(),
            admitted: Arc::new(Semaphore::new(config.queue.min(Semaphore::MAX_PERMITS))),
            workers: Arc::new(Semaphore::new(config.workers.clamp(1, Semaphore::MAX_PERMITS))),
            models,
            config,
        }
    }
}

/// Every route, with the body limit.
pub fn router(state: Arc<AppState>) -> Router {
    let limit = state.config.max_body;
    Router::new()
        .route("/", get(home::page))
        .route("/healthz", get(api::health))
        .route("/api/models", get(api::models))
        .route("/api/classify", post(api::classify))
        .route("/api/render", post(api::render))
        .route("/api/predict", post(api::predict))
        .fallback(api::not_found)
        .method_not_allowed_fallback(api::method_not_allowed)
        .layer(DefaultBodyLimit::max(limit))
        .layer(middleware::from_fn_with_state(state.clone(), deadline))
        .with_state(state)
}

/// The whole request, reading a slowly sent body and waiting for a worker
/// included, must finish within `--timeout`.
async fn deadline(State(state): State<Arc<AppState>>, request: Request, next: Next) -> Response {
    let timeout = state.config.timeout;
    match tokio::time::timeout(timeout, next.run(request)).await {
        Ok(response) => response,
        Err(_) => error::ApiError::Timeout(timeout).into_response(),
    }
}

/// Serves on `listener` until `shutdown` completes, then lets running requests finish.
pub async fn serve(
    listener: TcpListener,
    state: Arc<AppState>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(state)).with_graceful_shutdown(shutdown).await
}

/// Binds `addr`, prints the address, and serves until Ctrl-C or SIGTERM.
pub fn run(models: Models, config: ServeConfig, addr: SocketAddr) -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(async move {
        let state = Arc::new(AppState::new(models, config));
        let shutdown = shutdown_signal()?;
        let listener = TcpListener::bind(addr).await?;
        let bound = listener.local_addr()?;
        if !bound.ip().is_loopback() {
            eprintln!(
                "warning: listening on {bound}, reachable from other machines; anyone who can reach it can use it"
            );
        }
        eprintln!("listening on http://{bound}/ (Ctrl-C stops)");
        serve(listener, state, shutdown).await?;
        eprintln!("stopped");
        Ok(())
    })
}

/// A future that completes on Ctrl-C, or on SIGTERM where there are signals.
/// The handlers are installed here, before the server says it is listening,
/// so a signal sent right after start stops it gracefully too.
#[cfg(unix)]
pub fn shutdown_signal() -> std::io::Result<impl Future<Output = ()> + Send + 'static> {
    use tokio::signal::unix::{signal, SignalKind};
    let (mut interrupt, mut terminate) = (signal(SignalKind::interrupt())?, signal(SignalKind::terminate())?);
    Ok(async move {
        tokio::select! {
            _ = interrupt.recv() => {}
            _ = terminate.recv() => {}
        }
    })
}

/// A future that completes on Ctrl-C.
#[cfg(not(unix))]
pub fn shutdown_signal() -> std::io::Result<impl Future<Output = ()> + Send + 'static> {
    Ok(async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    })
}

/// Runs `work` on a blocking thread once a worker is free; 503 at once
/// when the queue is full.
pub(crate) async fn limited<T: Send + 'static>(
    state: &Arc<AppState>,
    work: impl FnOnce(&AppState) -> Result<T, error::ApiError> + Send + 'static,
) -> Result<T, error::ApiError> {
    let admitted = state.admitted.clone().try_acquire_owned().map_err(|_| error::ApiError::Busy)?;
    let worker = state.workers.clone().acquire_owned().await.map_err(|_| error::ApiError::Internal)?;
    let shared = state.clone();
    // The permits go with the work: a request past its deadline still holds them until its thread is done.
    let job = tokio::task::spawn_blocking(move || {
        let _held = (worker, admitted);
        work(&shared)
    });
    job.await.map_err(|cause| {
        eprintln!("error: a request failed inside the server: {cause}");
        error::ApiError::Internal
    })?
}
