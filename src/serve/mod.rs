//! `claimdex serve`: the archive as a web page on this machine: search,
//! verify a quotation, cite a claim or an article, read an article with its
//! claims marked, and the same answers as JSON under `/api/`.
//!
//! The pages are server-rendered HTML (askama templates compiled into the
//! binary, every value escaped) with one small script for the copy buttons;
//! every asset is embedded, so the page works offline. Each page calls the
//! same library functions the CLI's commands call ([`crate::show`],
//! [`crate::related::syndication::search`], [`crate::verify::verify`],
//! [`crate::cite`]). The server is read-only: nothing it answers changes
//! the archive (ingest stays on the command line). [`guard`] says what else
//! keeps it safe.

pub mod api;
pub mod assets;
pub mod failure;
pub mod forms;
pub mod guard;
pub mod pages;
pub mod state;
pub mod view;

use crate::archive::Archive;
use anyhow::{Context, Result};
use axum::extract::DefaultBodyLimit;
use axum::routing::get;
use axum::Router;
use state::App;
use std::io::Write;
use std::net::SocketAddr;
use std::sync::Arc;

/// How to serve.
#[derive(Debug, Clone)]
pub struct Config {
    pub addr: SocketAddr,
    /// Serve on a non-loopback address and answer any host name.
    pub allow_remote: bool,
}

/// The routes, over a shared state.
pub fn router(app: Arc<App>, guard: guard::Guard) -> Router {
    let api = Router::new()
        .route("/", get(api::index))
        .route("/search", get(api::search))
        .route("/verify", get(api::verify_get).post(api::verify_post))
        .route("/cite", get(api::cite))
        .route("/show", get(api::show))
        .fallback(api::not_found);
    Router::new()
        .route("/", get(pages::home))
        .route("/search", get(pages::search::handler))
        .route("/verify", get(pages::verify::get).post(pages::verify::post))
        .route("/cite", get(pages::cite::handler))
        .route("/cite/download", get(pages::cite::download_handler))
        .route("/articles", get(pages::articles))
        .route("/article/{*id}", get(pages::article::handler))
        .route("/source/{*id}", get(pages::article::source_handler))
        .route("/static/style.css", get(assets::style))
        .route("/static/app.js", get(assets::script))
        .nest("/api", api)
        .fallback(pages::not_found)
        .layer(DefaultBodyLimit::max(guard::MAX_BODY_BYTES))
        .layer(axum::middleware::from_fn_with_state(
            Arc::new(guard),
            guard::screen,
        ))
        .with_state(app)
}

/// Serve the archive until Ctrl-C or SIGTERM.
pub fn run(archive: Archive, config: &Config) -> Result<()> {
    guard::check_addr(config.addr, config.allow_remote)?;
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    // Index work runs on blocking threads; this many at once, the rest queue.
    let workers = (cores * 2).max(4);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(cores.min(4))
        .max_blocking_threads(workers + 2)
        .enable_all()
        .build()
        .context("cannot start the server's runtime")?;
    let app = Arc::new(App::open(archive, workers)?);
    runtime.block_on(serve(app, config))
}

async fn serve(app: Arc<App>, config: &Config) -> Result<()> {
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|err| {
            crate::error::Error::Usage(format!("cannot listen on {}: {err}", config.addr))
        })?;
    let bound = listener
        .local_addr()
        .context("cannot read the address listened on")?;
    if !bound.ip().is_loopback() {
        crate::render::warn(&format!(
            "serving on {bound}, which is not loopback: anyone who can reach it can read the \
             whole archive (there is no login)"
        ));
    }
    let guard = guard::Guard {
        any_host: config.allow_remote,
        bound,
    };
    eprintln!(
        "claimdex: serving {} read-only (Ctrl-C stops)",
        app.archive.root.display()
    );
    // The address on stdout, alone on its line: what a script (or a test
    // that asked for port 0) reads.
    {
        let stdout = std::io::stdout();
        let mut out = stdout.lock();
        writeln!(out, "http://{bound}/")?;
        out.flush()?;
    }
    axum::serve(listener, router(Arc::clone(&app), guard))
        .with_graceful_shutdown(shutdown())
        .await
        .context("the server failed")?;
    eprintln!("claimdex: serve: stopped");
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM.
async fn shutdown() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
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
        () = interrupt => {}
        () = terminate => {}
    }
}
