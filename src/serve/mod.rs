//! `carebook serve`: build, serve the site on 127.0.0.1 under the production base path, watch
//! the content, theme and book.toml, rebuild on every save, and tell open pages to reload (or
//! show the new build's errors over the page). Built on axum, tokio and notify.

mod watch;

use crate::build::{BuildOptions, BuildOutcome, Failure, build};
use crate::diagnostics::{Diagnostic, Report};
use axum::Router;
use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Redirect};
use axum::routing::get;
use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use tokio::sync::broadcast;
use tokio_stream::StreamExt;
use tokio_stream::wrappers::BroadcastStream;
use tower_http::services::ServeDir;

const LIVE_JS: &str = include_str!("live.js");

/// Where the live-reload endpoints sit, under the base path.
pub const ENDPOINT: &str = "__carebook";

/// The start of a preview folder's name in the system's temporary folder; the server's process
/// id follows.
const PREVIEW_STEM: &str = "carebook-serve-";

/// This server's preview folder. Preview folders that servers which are no longer running left
/// behind (killed, or the machine stopped) are removed first.
pub fn preview_dir() -> PathBuf {
    let temp = std::env::temp_dir();
    crate::output::clear_dead_previews(&temp, PREVIEW_STEM);
    temp.join(format!("{PREVIEW_STEM}{}", std::process::id()))
}

pub struct ServeOptions {
    pub build: BuildOptions,
    pub bind: IpAddr,
    pub port: u16,
    pub open: bool,
    pub quiet: bool,
}

/// What the last build said, sent to every open page.
#[derive(Debug, Clone)]
enum Message {
    Reload,
    Errors(String),
    /// The server is stopping: end every event stream so shutdown does not wait for them.
    Shutdown,
}

struct Shared {
    sender: broadcast::Sender<Message>,
    /// The errors of the last build, if it failed, for pages that connect later.
    last_errors: Mutex<Option<String>>,
}

/// Run the server until Ctrl-C. Only usage and I/O problems end it early.
pub fn serve(options: ServeOptions) -> Result<(), Diagnostic> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Diagnostic::error("io", format!("cannot start the server: {e}")))?;
    runtime.block_on(run(options))
}

async fn run(options: ServeOptions) -> Result<(), Diagnostic> {
    let first = build_once(&options.build, options.quiet).map_err(first_failure)?;
    let config = crate::config::Config::load(&options.build.root).map_err(|mut p| p.remove(0))?;
    let url = options
        .build
        .base_url
        .as_deref()
        .or(config.site.url.as_deref());
    let base = url
        .and_then(|u| crate::config::base_path_of(u).ok())
        .unwrap_or_else(|| "/".into());
    let root = &options.build.root;
    let watched = vec![
        root.join(crate::config::CONFIG_FILE),
        root.join(&config.build.content_dir),
        root.join("themes").join(&config.build.theme),
    ];
    let (sender, _) = broadcast::channel(16);
    let shared = Arc::new(Shared {
        sender,
        last_errors: Mutex::new(first),
    });
    let dest = options.build.dest.clone().unwrap_or_default();
    let app = router(&base, dest, shared.clone());
    let listener = bind(options.bind, options.port, options.quiet).await?;
    let address = listener
        .local_addr()
        .map_err(|e| Diagnostic::error("io", e.to_string()))?;
    let url = format!("http://{address}{base}");
    let stop = stop_signal();
    let stopping = shared.clone();
    eprintln!("Serving the guide at {url} (Ctrl-C to stop)");
    if options.open {
        open_browser(&url);
    }
    let watcher = watch::start(&options.build, &watched, shared.clone(), options.quiet)?;
    axum::serve(listener, app)
        .with_graceful_shutdown(async move {
            stop.await;
            let _ = stopping.sender.send(Message::Shutdown);
            eprintln!("Stopped.");
        })
        .await
        .map_err(|e| Diagnostic::error("io", format!("the server stopped: {e}")))?;
    drop(watcher);
    if let Some(dest) = options.build.dest.as_deref() {
        remove_preview(dest);
    }
    Ok(())
}

/// Remove the preview folder, the spare that rebuilds write into and the lock, once a rebuild
/// that may still be running has finished.
fn remove_preview(dest: &std::path::Path) {
    let Ok(layout) = crate::output::Layout::of(dest) else {
        return;
    };
    if let Ok(lock) = crate::output::OutputLock::acquire(&layout.lock(), dest) {
        let _ = std::fs::remove_dir_all(dest);
        if let Some(spare) = layout.spare() {
            let _ = std::fs::remove_dir_all(spare);
        }
        drop(lock);
    }
    let _ = std::fs::remove_file(layout.lock());
}

/// Ctrl-C, or a polite request to stop from the system (SIGTERM). The handlers are installed
/// when this is called, before the server says it is ready, so an early Ctrl-C is not lost.
#[cfg(unix)]
fn stop_signal() -> impl std::future::Future<Output = ()> {
    use tokio::signal::unix::{SignalKind, signal};
    let interrupt = signal(SignalKind::interrupt());
    let terminate = signal(SignalKind::terminate());
    async move {
        match (interrupt, terminate) {
            (Ok(mut interrupt), Ok(mut terminate)) => {
                tokio::select! {
                    _ = interrupt.recv() => {}
                    _ = terminate.recv() => {}
                }
            }
            _ => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
}

#[cfg(not(unix))]
fn stop_signal() -> impl std::future::Future<Output = ()> {
    async {
        let _ = tokio::signal::ctrl_c().await;
    }
}

fn first_failure(failure: Failure) -> Diagnostic {
    match failure {
        Failure::Io(d) => d,
        Failure::Config(mut problems) => problems.remove(0),
    }
}

/// Build once; print diagnostics; return the errors as JSON for the browser when it failed.
fn build_once(options: &BuildOptions, quiet: bool) -> Result<Option<String>, Failure> {
    let started = std::time::Instant::now();
    let outcome = build(options)?;
    print(&outcome.report, quiet);
    if outcome.report.has_errors() {
        eprintln!(
            "{} error(s): the previous version is still being served",
            outcome.report.error_count()
        );
        return Ok(Some(errors_json(&outcome)));
    }
    if !quiet {
        eprintln!(
            "Built {} pages in {} ms",
            outcome.pages,
            started.elapsed().as_millis()
        );
    }
    Ok(None)
}

fn print(report: &Report, quiet: bool) {
    for d in report.diagnostics.iter().filter(|d| d.is_error() || !quiet) {
        eprintln!("{}", d.render_human());
    }
}

fn errors_json(outcome: &BuildOutcome) -> String {
    let items: Vec<String> = outcome
        .report
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(Diagnostic::render_json)
        .collect();
    format!("[{}]", items.join(","))
}

/// Pages change on every save, often within the same second, and Last-Modified has one-second
/// resolution: without this a reload could be answered "304 Not Modified" with the old page.
async fn no_store(mut response: axum::response::Response) -> axum::response::Response {
    response.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    response
}

fn router(base: &str, dest: PathBuf, shared: Arc<Shared>) -> Router {
    routes(base, dest, shared).layer(axum::middleware::map_response(no_store))
}

fn routes(base: &str, dest: PathBuf, shared: Arc<Shared>) -> Router {
    let live = Router::new()
        .route("/events", get(events))
        .route(
            "/live.js",
            get(|| async {
                (
                    [
                        ("content-type", "text/javascript"),
                        ("cache-control", "no-store"),
                    ],
                    LIVE_JS,
                )
            }),
        )
        .with_state(shared);
    let not_found = tower_http::services::ServeFile::new(dest.join("404.html"));
    let files = ServeDir::new(dest)
        .append_index_html_on_directories(true)
        .not_found_service(not_found);
    let site = Router::new()
        .nest(&format!("/{ENDPOINT}"), live)
        .fallback_service(files);
    if base == "/" {
        return site;
    }
    let index = format!("{base}index.html");
    let to_index = move || {
        let index = index.clone();
        async move { Redirect::temporary(&index).into_response() }
    };
    Router::new()
        .nest(base.trim_end_matches('/'), site)
        .route("/", get(to_index.clone()))
        .route(base, get(to_index))
}

async fn events(
    State(shared): State<Arc<Shared>>,
) -> Sse<impl tokio_stream::Stream<Item = Result<Event, Infallible>>> {
    let pending = shared.last_errors.lock().ok().and_then(|e| e.clone());
    let initial =
        tokio_stream::iter(pending.map(|json| Ok(Event::default().event("errors").data(json))));
    let updates = BroadcastStream::new(shared.sender.subscribe())
        .take_while(|message| !matches!(message, Ok(Message::Shutdown)))
        .filter_map(|message| match message {
            Ok(Message::Reload) => Some(Ok(Event::default().event("reload").data("reload"))),
            Ok(Message::Errors(json)) => Some(Ok(Event::default().event("errors").data(json))),
            Ok(Message::Shutdown) | Err(_) => None,
        });
    Sse::new(initial.chain(updates)).keep_alive(KeepAlive::default())
}

/// Bind the port asked for; if it is taken, try the next few and say which one is used.
async fn bind(ip: IpAddr, port: u16, quiet: bool) -> Result<tokio::net::TcpListener, Diagnostic> {
    let tries = if port == 0 { 1 } else { 10 };
    for offset in 0..tries {
        let candidate = port.saturating_add(offset);
        match tokio::net::TcpListener::bind(SocketAddr::new(ip, candidate)).await {
            Ok(listener) => {
                if offset > 0 && !quiet {
                    eprintln!(
                        "Port {port} is in use, so the guide is served on port {candidate} instead"
                    );
                }
                return Ok(listener);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => continue,
            Err(e) => {
                return Err(Diagnostic::error(
                    "io",
                    format!("cannot listen on {ip}:{candidate}: {e}"),
                ));
            }
        }
    }
    Err(Diagnostic::error(
        "io",
        format!(
            "ports {port} to {} on {ip} are all in use",
            port.saturating_add(tries - 1)
        ),
    )
    .help("stop the other server, or choose another port with --port"))
}

fn open_browser(url: &str) {
    let command = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(command)
        .arg(url)
        .spawn()
        .is_err()
    {
        eprintln!("Could not open a browser; open {url} yourself");
    }
}

impl Shared {
    fn publish(&self, result: Option<String>) {
        if let Ok(mut last) = self.last_errors.lock() {
            last.clone_from(&result);
        }
        let message = match result {
            Some(json) => Message::Errors(json),
            None => Message::Reload,
        };
        let _ = self.sender.send(message);
    }
}
