//! `statchart serve`: the native renderer behind HTTP, for CMSs that cannot run a binary
//! at publish time.
//!
//! Stateless: every answer depends only on the request (and, for feeds, on the feed), so
//! any number of copies can stand behind a load balancer or a CDN. Each copy bounds what a
//! request can cost: body size, render time, renders at once (503 beyond a short queue),
//! slow clients, and the life of a connection. Renders run on tokio's blocking pool under
//! `catch_unwind`, so even a panic in a render answers 500 and the server carries on.

pub mod config;
pub mod feeds;
pub mod options;

use crate::native::{output_size, render_png, render_svg};
use crate::spec::limits::MAX_SPEC_BYTES;
use crate::{parse_spec, Error, SpecError};
use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, MethodRouter};
use axum::Router;
use config::{Config, Limits};
use http_body_util::{BodyExt, Limited};
use options::{Format, Query, RenderOptions, MAX_URI_BYTES};
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// What the handlers share: the limits, the render slots and the feed cache.
pub struct AppState {
    limits: Limits,
    /// Renders running plus waiting: full means 503 at once, so nothing queues without bound.
    admission: Arc<Semaphore>,
    /// Renders running.
    renders: Arc<Semaphore>,
    feeds: feeds::Feeds,
}

impl AppState {
    /// Fails only on an unreadable `ca_file`.
    pub fn new(config: &Config) -> Result<AppState, String> {
        let l = config.limits.clone();
        let roots = feeds::tls_roots(config.ca_file.as_deref())?;
        Ok(AppState {
            admission: Arc::new(Semaphore::new(l.max_renders + l.max_queued)),
            renders: Arc::new(Semaphore::new(l.max_renders)),
            feeds: feeds::Feeds::new(&config.feeds, Limits::ms(l.fetch_timeout_ms), roots),
            limits: l,
        })
    }
}

pub type Shared = Arc<AppState>;

/// A body and its content type, as a job makes it.
pub type Made = (Vec<u8>, &'static str);

/// The work of a POST endpoint: the spec's JSON text, the query and the limits in, a body out.
/// `POST /embed` is one more of these (see [`router`]).
pub type Job = fn(&str, &Query, &Limits) -> Result<Made, Error>;

/// Every endpoint. A POST endpoint that turns a spec into a body is one `post_spec` route
/// whose job reads its options from the query (as `/embed` does).
pub fn router(state: Shared) -> Router {
    routes().with_state(state)
}

/// The endpoints before the shared state is attached: add routes here, or to its result.
pub fn routes() -> Router<Shared> {
    Router::new()
        .route("/healthz", get(healthz))
        .route(
            "/render.svg",
            post_spec(options::RENDER_KEYS, |json, q, limits| {
                render(json, &RenderOptions::from_query(q, Format::Svg)?, limits)
            }),
        )
        .route(
            "/render.png",
            post_spec(options::RENDER_KEYS, |json, q, limits| {
                render(json, &RenderOptions::from_query(q, Format::Png)?, limits)
            }),
        )
        .route(
            "/embed",
            post_spec(options::EMBED_KEYS, |json, q, limits| {
                embed(json, &options::embed_options(q)?, limits)
            }),
        )
        .route("/chart.svg", get(|s, h, u| chart(s, h, u, Format::Svg)))
        .route("/chart.png", get(|s, h, u| chart(s, h, u, Format::Png)))
        .route("/feeds/{file}", get(feed))
        .fallback(|method: Method, uri: Uri| async move {
            let path = uri.path().chars().take(200).collect::<String>();
            Refusal::new(
                StatusCode::NOT_FOUND,
                format!("no such endpoint: {method} {path}"),
            )
        })
        .method_not_allowed_fallback(|method: Method, uri: Uri| async move {
            let path = uri.path().chars().take(200).collect::<String>();
            Refusal::new(
                StatusCode::METHOD_NOT_ALLOWED,
                format!("{method} is not allowed on {path}"),
            )
        })
}

/// A POST endpoint whose body is a spec and whose query has `keys`.
pub fn post_spec(keys: &'static [&'static str], job: Job) -> MethodRouter<Shared> {
    post(
        move |State(state): State<Shared>, uri: Uri, headers: HeaderMap, body: Body| async move {
            let query = query(&uri, keys)?;
            let json = read_body(&state.limits, &headers, body).await?;
            let limits = state.limits.clone();
            run(&state, move || job(&json, &query, &limits)).await
        },
    )
}

/// GET /chart.svg|png?spec=…: content-addressed, so answered with a strong ETag, cached for
/// a year, and 304 without rendering when the client (or CDN) has it.
async fn chart(
    State(state): State<Shared>,
    headers: HeaderMap,
    uri: Uri,
    format: Format,
) -> Result<Response, Refusal> {
    let q = query(&uri, options::CHART_KEYS)?;
    let spec = options::decode_spec(&q)?;
    let opts = RenderOptions::from_query(&q, format)?;
    let json = String::from_utf8(spec)
        .map_err(|_| SpecError::at("spec", "the decoded spec is not UTF-8 text"))?;
    let cache = "public, immutable, max-age=31536000";
    tagged_render(&state, &headers, json.into(), opts, cache).await
}

/// GET /feeds/NAME.svg|png: the live chart of a configured feed.
async fn feed(
    State(state): State<Shared>,
    headers: HeaderMap,
    uri: Uri,
) -> Result<Response, Refusal> {
    // The raw path: feed names need no percent-decoding (they are a-z, 0-9, - and _).
    let file = uri.path().trim_start_matches("/feeds/");
    let (name, format) = match file.rsplit_once('.') {
        Some((name, ext)) => (name, Format::from_ext(ext)),
        None => (file, None),
    };
    if !state.feeds.has(name) {
        let name: String = name.chars().take(64).collect();
        return Err(Refusal::new(
            StatusCode::NOT_FOUND,
            format!("no feed named {name:?} in this service's configuration"),
        ));
    }
    let format = format.ok_or_else(|| {
        Refusal::new(
            StatusCode::NOT_FOUND,
            format!("a feed's chart is /feeds/{name}.svg or /feeds/{name}.png"),
        )
    })?;
    let opts = RenderOptions::from_query(&query(&uri, options::RENDER_KEYS)?, format)?;
    let current = state
        .feeds
        .current(name)
        .await
        .map_err(|e| Refusal::new(StatusCode::BAD_GATEWAY, e))?;
    let cache = format!("public, max-age={}", current.fresh_for.as_secs());
    let mut response = tagged_render(&state, &headers, current.spec, opts, &cache).await?;
    let age = current.age.as_secs().to_string();
    set(&mut response, "x-statchart-feed-age", &age);
    if let Some(why) = &current.stale_because {
        set(&mut response, "x-statchart-feed-stale", &age);
        set(&mut response, "x-statchart-feed-error", &header_text(why));
    }
    Ok(response)
}

/// A render answered with its strong ETag and `cache`, or 304 without rendering when the
/// client already has that ETag.
async fn tagged_render(
    state: &AppState,
    headers: &HeaderMap,
    json: Arc<str>,
    opts: RenderOptions,
    cache: &str,
) -> Result<Response, Refusal> {
    let etag = opts.etag(json.as_bytes());
    let mut response = if matches_etag(headers, &etag) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let limits = state.limits.clone();
        run(state, move || render(&json, &opts, &limits)).await?
    };
    set(&mut response, header::ETAG, &etag);
    set(&mut response, header::CACHE_CONTROL, cache);
    Ok(response)
}

async fn healthz() -> Response {
    let body = serde_json::json!({"status": "ok", "version": env!("CARGO_PKG_VERSION")});
    json_response(StatusCode::OK, &body)
}

/// Draws one chart: the spec, then the theme asked for, then the size, as the CLI does.
pub fn render(json: &str, opts: &RenderOptions, limits: &Limits) -> Result<Made, Error> {
    let max_png_pixels = limits.max_png_pixels;
    let mut spec = parse_spec(json)?;
    if let Some(theme) = opts.theme {
        spec.theme = theme;
    }
    let size = output_size(&spec, Some(opts.width), opts.height, opts.scale)?;
    match opts.format {
        Format::Svg => Ok((
            render_svg(&spec, size)?.into_bytes(),
            Format::Svg.content_type(),
        )),
        Format::Png => {
            within_png_limit(size, max_png_pixels)?;
            Ok((render_png(&spec, size)?, Format::Png.content_type()))
        }
    }
}

/// POST /embed: `statchart embed`'s snippet; its `<img>` PNG is held to the PNG limit.
pub fn embed(
    json: &str,
    opts: &crate::embed::EmbedOptions,
    limits: &Limits,
) -> Result<Made, Error> {
    if opts.image {
        let spec = parse_spec(json)?;
        within_png_limit(
            output_size(&spec, Some(opts.width), None, opts.scale)?,
            limits.max_png_pixels,
        )?;
    }
    let html = crate::embed::embed_html(json, opts)?;
    Ok((html.into_bytes(), "text/html; charset=utf-8"))
}

/// Refuses a PNG of more device pixels than the service allows (memory is bounded by it).
fn within_png_limit(size: crate::render::Size, max_png_pixels: u64) -> Result<(), Error> {
    let (w, h) = size.device();
    if w as u64 * h as u64 > max_png_pixels {
        return Err(Error::Spec(SpecError::at(
            "scale",
            format!(
                "the PNG would be {w} × {h} device pixels, more than this service's \
                 limit of {max_png_pixels}; lower width, height or scale"
            ),
        )));
    }
    Ok(())
}

/// Runs a job on the blocking pool within the limits: a render slot (503 when none comes
/// soon), the render timeout (503), and `catch_unwind` (500). The slot is held by the job
/// itself, so a render that outlives its timeout still counts until it really ends.
async fn run<F>(state: &AppState, job: F) -> Result<Response, Refusal>
where
    F: FnOnce() -> Result<Made, Error> + Send + 'static,
{
    let l = &state.limits;
    let busy = || {
        Refusal::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "the server is busy: too many renders at once; try again shortly",
        )
        .retry()
    };
    let admitted: OwnedSemaphorePermit = state
        .admission
        .clone()
        .try_acquire_owned()
        .map_err(|_| busy())?;
    let slot = tokio::time::timeout(
        Limits::ms(l.queue_timeout_ms),
        state.renders.clone().acquire_owned(),
    )
    .await
    .map_err(|_| busy())?
    .map_err(|_| busy())?;
    let task = tokio::task::spawn_blocking(move || {
        let _permits = (admitted, slot);
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(job))
    });
    let outcome = tokio::time::timeout(Limits::ms(l.render_timeout_ms), task)
        .await
        .map_err(|_| {
            let message = format!(
                "rendering took longer than the limit of {} ms",
                l.render_timeout_ms
            );
            Refusal::new(StatusCode::SERVICE_UNAVAILABLE, message).retry()
        })?;
    match outcome {
        Ok(Ok(Ok((bytes, content_type)))) => {
            let mut r = Response::new(Body::from(bytes));
            set(&mut r, header::CONTENT_TYPE, content_type);
            Ok(r)
        }
        Ok(Ok(Err(Error::Spec(e)))) => Err(e.into()),
        Ok(Ok(Err(e @ Error::Render(_)))) => Err(Refusal::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            e.to_string(),
        )),
        // A panic (caught here, or escaping to the join handle) ends only this request.
        Ok(Err(_)) | Err(_) => Err(Refusal::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "rendering failed unexpectedly; the error is logged",
        )),
    }
}

/// The query of a request, checked against the endpoint's keys.
fn query(uri: &Uri, keys: &[&str]) -> Result<Query, Refusal> {
    if uri.to_string().len() > MAX_URI_BYTES {
        return Err(Refusal::new(
            StatusCode::URI_TOO_LONG,
            format!("the URL is longer than the limit of {MAX_URI_BYTES} bytes; POST large specs"),
        ));
    }
    Ok(Query::parse(uri.query(), keys)?)
}

/// The body as UTF-8 text: at most the spec limit (413), within the body timeout (408).
/// Both refusals close the connection, as the rest of the body was not read.
async fn read_body(limits: &Limits, headers: &HeaderMap, body: Body) -> Result<String, Refusal> {
    let too_large = || {
        Refusal::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("spec is larger than the limit of {MAX_SPEC_BYTES} bytes"),
        )
        .close()
    };
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    if declared.is_some_and(|n| n > MAX_SPEC_BYTES as u64) {
        return Err(too_large());
    }
    let wait = Limits::ms(limits.body_timeout_ms);
    let collected = tokio::time::timeout(wait, Limited::new(body, MAX_SPEC_BYTES).collect())
        .await
        .map_err(|_| {
            let message = format!(
                "the request body did not arrive within {} ms",
                limits.body_timeout_ms
            );
            Refusal::new(StatusCode::REQUEST_TIMEOUT, message).close()
        })?
        .map_err(|e| {
            if e.is::<http_body_util::LengthLimitError>() {
                too_large()
            } else {
                let message = format!("the request body could not be read: {e}");
                Refusal::new(StatusCode::BAD_REQUEST, message).close()
            }
        })?;
    String::from_utf8(collected.to_bytes().to_vec()).map_err(|_| {
        Refusal::new(
            StatusCode::BAD_REQUEST,
            "invalid JSON: the spec is not UTF-8 text",
        )
    })
}

/// Whether If-None-Match names `etag` (or is `*`); weak validators compare equal, as RFC 9110 says.
fn matches_etag(headers: &HeaderMap, etag: &str) -> bool {
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|t| t.trim())
        .any(|t| t == "*" || t.trim_start_matches("W/") == etag)
}

/// A request the service will not answer with a chart: `{"error": "<one line>"}` and a status.
#[derive(Debug)]
pub struct Refusal {
    status: StatusCode,
    message: String,
    /// Send `Retry-After: 1` (the service is busy, not the request wrong).
    retry: bool,
    /// Close the connection after the answer (the request body was not read in full).
    close: bool,
}

impl Refusal {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Refusal {
        Refusal {
            status,
            message: message.into(),
            retry: false,
            close: false,
        }
    }
    fn retry(mut self) -> Refusal {
        self.retry = true;
        self
    }
    fn close(mut self) -> Refusal {
        self.close = true;
        self
    }
}

/// A bad spec or query value: 400 with the CLI's message.
impl From<SpecError> for Refusal {
    fn from(e: SpecError) -> Refusal {
        Refusal::new(StatusCode::BAD_REQUEST, e.to_string())
    }
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        let mut r = json_response(self.status, &serde_json::json!({ "error": self.message }));
        if self.retry {
            set(&mut r, header::RETRY_AFTER, "1");
        }
        if self.close {
            set(&mut r, header::CONNECTION, "close");
        }
        r
    }
}

fn json_response(status: StatusCode, body: &serde_json::Value) -> Response {
    let mut r = (status, body.to_string()).into_response();
    set(&mut r, header::CONTENT_TYPE, "application/json");
    r
}

fn set<K: axum::http::header::IntoHeaderName>(r: &mut Response, name: K, value: &str) {
    if let Ok(v) = HeaderValue::from_str(value) {
        r.headers_mut().insert(name, v);
    }
}

/// A message made safe for a header value: printable ASCII, one short line.
fn header_text(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_graphic() || c == ' ' {
                c
            } else {
                '?'
            }
        })
        .take(300)
        .collect()
}

/// Serves `listener` until `shutdown` resolves, then lets open requests finish (up to 10 s).
pub async fn serve(
    listener: TcpListener,
    config: Config,
    shutdown: impl Future<Output = ()>,
) -> std::io::Result<()> {
    let state = AppState::new(&config)
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))?;
    let app = router(Arc::new(state));
    serve_router(listener, app, &config.limits, shutdown).await
}

/// Serves any router (the service's, or one with more routes) with the connection limits.
pub async fn serve_router(
    listener: TcpListener,
    app: Router,
    limits: &Limits,
    shutdown: impl Future<Output = ()>,
) -> std::io::Result<()> {
    use hyper_util::rt::{TokioIo, TokioTimer};
    use hyper_util::server::graceful::GracefulShutdown;
    use hyper_util::service::TowerToHyperService;

    let connections = Arc::new(Semaphore::new(limits.max_connections));
    let graceful = GracefulShutdown::new();
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(Limits::ms(limits.header_timeout_ms))
        .keep_alive(true);
    let life = Limits::ms(limits.connection_timeout_ms);
    tokio::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            p = connections.clone().acquire_owned() => p.expect("the semaphore is never closed"),
            _ = &mut shutdown => break,
        };
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(e) => {
                    // Out of file descriptors and the like: wait rather than spin.
                    eprintln!("statchart serve: accept failed: {e}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let connection =
            http.serve_connection(TokioIo::new(stream), TowerToHyperService::new(app.clone()));
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            let _permit = permit;
            let _ = tokio::time::timeout(life, connection).await;
        });
    }
    drop(listener);
    tokio::select! {
        _ = graceful.shutdown() => {},
        _ = tokio::time::sleep(Duration::from_secs(10)) => {},
    }
    Ok(())
}
