//! `carebook serve`: build, serve the site on 127.0.0.1 under the production base path, watch
//! the content, theme and book.toml, rebuild on every save, and tell open pages to reload (or
//! show the new build's errors over the page). Built on axum, tokio and notify.

mod http;
mod state;
mod watch;

use crate::build::BuildOptions;
use crate::codes::Code;
use crate::diagnostics::Diagnostic;
use state::{Message, Shared, announce, attempt};
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

/// Where the live-reload endpoints sit, under the base path.
pub const ENDPOINT: &str = "__carebook";

/// The start of a preview folder's name in the system's temporary folder; the server's process
/// id follows.
const PREVIEW_STEM: &str = "carebook-serve-";

/// How long open connections get to finish once the server is asked to stop.
const GRACE: Duration = Duration::from_millis(500);

/// This server's preview folder, owned while the value lives. Preview folders that servers
/// no longer running left behind (killed, or the machine stopped) are removed first.
pub fn claim_preview() -> Result<crate::output::Preview, Diagnostic> {
    crate::output::claim_preview(&std::env::temp_dir(), PREVIEW_STEM).map_err(|e| {
        Diagnostic::error(Code::Io, format!("cannot make a preview folder: {e}"))
            .help("check that the system's temporary folder can be written (TMPDIR)")
    })
}

pub struct ServeOptions {
    pub build: BuildOptions,
    pub bind: IpAddr,
    pub port: u16,
    pub open: bool,
    pub quiet: bool,
}

/// Run the server until Ctrl-C. Only usage and I/O problems end it early. However its
/// clients behave, it stops within a second of being asked.
pub fn serve(options: ServeOptions) -> Result<(), Diagnostic> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Diagnostic::error(Code::Io, format!("cannot start the server: {e}")))?;
    let result = runtime.block_on(run(options));
    // Connections still open (a client that never finishes its request) are dropped.
    runtime.shutdown_timeout(GRACE);
    result
}

async fn run(options: ServeOptions) -> Result<(), Diagnostic> {
    let first = attempt(&options.build);
    // Without settings there is nothing to serve or watch.
    let Some(config) = first.config().cloned() else {
        return Err(first.into_problem());
    };
    let problems = announce(&first, options.quiet);
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
        root.join(crate::signoff::FILE),
        root.join(&config.build.content_dir),
        root.join("themes").join(&config.build.theme),
    ];
    let shared = Arc::new(Shared::new(problems));
    let site = http::Site {
        base: base.clone(),
        dest: options.build.dest.clone().unwrap_or_default(),
        language: config.book.language.clone(),
    };
    let app = http::router(site, shared.clone());
    let listener = bind(options.bind, options.port, options.quiet).await?;
    let address = listener
        .local_addr()
        .map_err(|e| Diagnostic::error(Code::Io, e.to_string()))?;
    let url = format!("http://{address}{base}");
    let stop = stop_signal();
    // Watching starts before the server says it is ready, so no save after that is missed.
    let watcher = watch::start(&options.build, &watched, shared.clone(), options.quiet)?;
    eprintln!("Serving the guide at {url} (Ctrl-C to stop)");
    if options.open {
        open_browser(&url);
    }
    serve_until_stopped(listener, app, stop, &shared).await?;
    drop(watcher);
    if let Some(dest) = options.build.dest.as_deref() {
        remove_preview(dest);
    }
    Ok(())
}

/// Serve until `stop`; then let open connections finish for at most [`GRACE`].
async fn serve_until_stopped(
    listener: tokio::net::TcpListener,
    app: axum::Router,
    stop: impl std::future::Future<Output = ()> + Send + 'static,
    shared: &Arc<Shared>,
) -> Result<(), Diagnostic> {
    let (stopped, mut told) = tokio::sync::watch::channel(false);
    let stopping = shared.clone();
    let server = axum::serve(listener, app).with_graceful_shutdown(async move {
        stop.await;
        let _ = stopping.sender.send(Message::Shutdown);
        let _ = stopped.send(true);
        eprintln!("Stopped.");
    });
    let deadline = async move {
        let _ = told.wait_for(|stopped| *stopped).await;
        tokio::time::sleep(GRACE).await;
    };
    tokio::select! {
        done = server => done.map_err(|e| Diagnostic::error(Code::Io, format!("the server stopped: {e}"))),
        () = deadline => Ok(()),
    }
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
                    Code::Io,
                    format!("cannot listen on {ip}:{candidate}: {e}"),
                ));
            }
        }
    }
    Err(Diagnostic::error(
        Code::Io,
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
