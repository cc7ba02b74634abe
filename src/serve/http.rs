//! The preview's HTTP side: the built site under its base path, the live-reload script and
//! event stream, a page listing the problems while no build has worked yet, and a 404 (never
//! an empty 500) for an address no file could have.

use super::ENDPOINT;
use super::state::{Message, Shared};
use axum::Router;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use std::convert::Infallible;
use std::path::PathBuf;
use std::sync::Arc;
use tokio_stream::StreamExt;
use tokio_stream::wrappers::BroadcastStream;
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

const LIVE_JS: &str = include_str!("live.js");

/// Longest file or folder name a file system has (in bytes, once decoded).
const MAX_NAME: usize = 255;
/// More folders deep than any guide's output.
const MAX_DEPTH: usize = 64;
/// Longest address path served.
const MAX_PATH: usize = 4096;

/// What the file handler needs.
struct Files {
    dest: PathBuf,
    base: String,
    /// The guide's language, for the page shown while it does not build.
    language: String,
    shared: Arc<Shared>,
}

/// Where the site is served from: its base path, the built folder and the guide's language.
pub(super) struct Site {
    pub(super) base: String,
    pub(super) dest: PathBuf,
    pub(super) language: String,
}

pub(super) fn router(site: Site, shared: Arc<Shared>) -> Router {
    routes(site, shared).layer(axum::middleware::map_response(no_store))
}

fn routes(site: Site, shared: Arc<Shared>) -> Router {
    let base = site.base.clone();
    let base = base.as_str();
    let live = Router::new()
        .route("/events", get(events))
        .route(
            "/live.js",
            get(|| async { ([(header::CONTENT_TYPE, "text/javascript")], LIVE_JS) }),
        )
        .with_state(shared.clone());
    let files = Arc::new(Files {
        dest: site.dest,
        base: site.base,
        language: site.language,
        shared,
    });
    let site = Router::new()
        .nest(&format!("/{ENDPOINT}"), live)
        .fallback(file)
        .with_state(files);
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

/// A file of the built site; the problems while no build has worked; a 404 for an address
/// that cannot be a file.
async fn file(State(files): State<Arc<Files>>, request: Request) -> Response {
    let path = request.uri().path();
    if path.len() > MAX_PATH {
        return (StatusCode::URI_TOO_LONG, "This address is too long.\n").into_response();
    }
    let not_found = files.dest.join("404.html");
    if !not_found.is_file() {
        return waiting(&files);
    }
    if impossible(path) {
        return missing(&not_found, request).await;
    }
    let serve = ServeDir::new(&files.dest)
        .append_index_html_on_directories(true)
        .not_found_service(ServeFile::new(not_found));
    match serve.oneshot(request).await {
        Ok(response) => response.into_response(),
        Err(never) => match never {},
    }
}

/// An address with a name longer than any file system allows, or deeper than any guide.
fn impossible(path: &str) -> bool {
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    segments.len() > MAX_DEPTH
        || segments
            .iter()
            .any(|s| percent_encoding::percent_decode_str(s).count() > MAX_NAME)
}

async fn missing(not_found: &std::path::Path, request: Request) -> Response {
    match ServeFile::new(not_found).oneshot(request).await {
        Ok(response) => (StatusCode::NOT_FOUND, response).into_response(),
        Err(never) => match never {},
    }
}

/// The page shown at every address until a build works: what is wrong, and the live-reload
/// script, which shows the problems over the page and loads the guide once it builds.
fn waiting(files: &Files) -> Response {
    let list = files
        .shared
        .last()
        .map(|p| p.html)
        .unwrap_or_else(|| "<p>The first build has not finished yet.</p>".into());
    let page = format!(
        "<!doctype html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>The guide does not build yet</title>\n</head>\n<body>\n<main>\n<h1>The guide does not build yet</h1>\n<p>Fix these problems and save: this page loads the guide as soon as it builds.</p>\n{list}\n</main>\n<script src=\"{}{ENDPOINT}/live.js\"></script>\n</body>\n</html>\n",
        crate::markdown::escape(&files.language),
        files.base
    );
    (StatusCode::SERVICE_UNAVAILABLE, Html(page)).into_response()
}

/// Pages change on every save, often within the same second, and Last-Modified has one-second
/// resolution: without this a reload could be answered "304 Not Modified" with the old page.
async fn no_store(mut response: Response) -> Response {
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    response
}

async fn events(
    State(shared): State<Arc<Shared>>,
) -> Sse<impl tokio_stream::Stream<Item = Result<Event, Infallible>>> {
    let pending = shared.last().map(|p| p.json);
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
