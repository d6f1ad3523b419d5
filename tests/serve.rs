//! `statchart serve`: the real binary on 127.0.0.1, spoken to over real HTTP; feeds served
//! by a real (misbehaving on purpose) HTTP server in the test.

#![cfg(feature = "serve")]

#[path = "support/examples.rs"]
mod examples;
#[path = "support/http.rs"]
mod http;

use base64::{engine::general_purpose::URL_SAFE, Engine};
use http::{get, post, request, Reply};
use statchart::serve::options::encode_spec;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_statchart");
const GAUGE: &str = include_str!("../examples/prakerja-nps-gauge-en.json");
const GAUGE_TITLE: &str = "Kartu Prakerja training: Net Promoter Score";

/// A running `statchart serve`, stopped when dropped.
struct Server {
    child: Child,
    addr: SocketAddr,
}

impl Server {
    /// Starts the binary on port 0 with `config` (JSON) and reads the address it prints.
    fn start(config: &str) -> Server {
        Server::with_file(&temp_file("config.json", config))
    }
    fn with_file(path: &std::path::Path) -> Server {
        let mut child = Command::new(BIN)
            .args(["serve", "--listen", "127.0.0.1:0", "--config"])
            .arg(path)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let addr = line
            .trim()
            .rsplit("http://")
            .next()
            .and_then(|a| a.parse().ok())
            .unwrap_or_else(|| panic!("no address in {line:?}"));
        Server { child, addr }
    }
    fn alive(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none() && get(self.addr, "/healthz").status == 200
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn temp_file(name: &str, text: &str) -> PathBuf {
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("statchart-serve-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn default_server() -> Server {
    Server::start("{}")
}

fn assert_error(reply: &Reply, status: u16, message: &str) {
    assert_eq!(reply.status, status, "{:?} {}", reply.headers, reply.text());
    assert_eq!(reply.header("content-type"), Some("application/json"));
    assert_eq!(reply.error(), message);
}

/// Width and height of a PNG, after checking its signature.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    assert_eq!(&bytes[12..16], b"IHDR");
    let be = |i: usize| u32::from_be_bytes(bytes[i..i + 4].try_into().unwrap());
    (be(16), be(20))
}

/// A well-formed SVG document: one root, every tag closed in order, the chart's title in it.
fn assert_svg(body: &str, title: &str) {
    assert!(
        body.starts_with("<svg "),
        "{}",
        &body[..body.len().min(200)]
    );
    let mut open: Vec<String> = Vec::new();
    let mut rest = body;
    while let Some(i) = rest.find('<') {
        let end = rest[i..].find('>').expect("an unclosed tag") + i;
        let tag = &rest[i + 1..end];
        rest = &rest[end + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(open.pop().as_deref(), Some(name), "tags out of order");
        } else if !tag.ends_with('/') && !tag.starts_with('?') && !tag.starts_with('!') {
            open.push(tag.split_whitespace().next().unwrap().to_string());
        }
    }
    assert!(open.is_empty(), "unclosed: {open:?}");
    assert!(body.contains(title), "the title is missing");
}

/// What `statchart render` writes for the same spec and options.
fn cli_render(spec: &str, ext: &str, args: &[&str]) -> Vec<u8> {
    let input = temp_file("spec.json", spec);
    let output = input.with_file_name(format!("out.{ext}"));
    let status = Command::new(BIN)
        .arg("render")
        .arg(&input)
        .arg("-o")
        .arg(&output)
        .args(args)
        .status()
        .unwrap();
    assert!(status.success());
    std::fs::read(output).unwrap()
}

#[test]
fn healthz_and_unknown_endpoints() {
    let s = default_server();
    let r = get(s.addr, "/healthz");
    assert_eq!(r.status, 200);
    let v: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(v["status"], "ok");
    assert_eq!(v["version"], env!("CARGO_PKG_VERSION"));
    assert_error(&get(s.addr, "/nope"), 404, "no such endpoint: GET /nope");
    assert_error(
        &get(s.addr, "/render.svg"),
        405,
        "GET is not allowed on /render.svg",
    );
}

#[test]
fn post_render_matches_the_cli_byte_for_byte() {
    let s = default_server();
    let svg = post(s.addr, "/render.svg?width=360", GAUGE);
    assert_eq!(svg.status, 200);
    assert_eq!(svg.header("content-type"), Some("image/svg+xml"));
    assert_svg(&svg.text(), GAUGE_TITLE);
    assert_eq!(svg.body, cli_render(GAUGE, "svg", &["--width", "360"]));

    let png = post(s.addr, "/render.png?width=1200&scale=1", GAUGE);
    assert_eq!(png.status, 200);
    assert_eq!(png.header("content-type"), Some("image/png"));
    assert_eq!(png_size(&png.body).0, 1200);
    assert_eq!(
        png.body,
        cli_render(GAUGE, "png", &["--width", "1200", "--scale", "1"])
    );

    // Defaults as the CLI's: 640 wide, scale 2 for PNG, the natural height.
    let png = post(s.addr, "/render.png", GAUGE);
    let (w, h) = png_size(&png.body);
    assert_eq!(w, 1280);
    let natural = png_size(&cli_render(GAUGE, "png", &[])).1;
    assert_eq!(h, natural);
    let png = post(s.addr, "/render.png?width=400&height=300&scale=1.5", GAUGE);
    assert_eq!(png_size(&png.body), (600, 450));
}

#[test]
fn theme_in_the_query_overrides_the_spec() {
    let s = default_server();
    let light = post(s.addr, "/render.svg?width=360", GAUGE).text();
    let dark = post(s.addr, "/render.svg?width=360&theme=dark", GAUGE).text();
    assert_ne!(light, dark);
    let dark_spec = GAUGE.replacen('{', r#"{"theme":"dark","#, 1);
    assert_eq!(
        dark,
        String::from_utf8(cli_render(&dark_spec, "svg", &["--width", "360"])).unwrap()
    );
}

#[test]
fn bad_specs_get_400_with_the_cli_message() {
    let s = default_server();
    let bad = r#"{"type":"nps","data":{"promoters":-3,"passives":1,"detractors":1}}"#;
    let input = temp_file("bad.json", bad);
    let cli = Command::new(BIN).arg("check").arg(&input).output().unwrap();
    let message = String::from_utf8(cli.stderr).unwrap().trim().to_string();
    assert_eq!(
        message,
        "data.promoters: expected a non-negative number, got -3"
    );
    for target in ["/render.svg", "/render.png"] {
        assert_error(&post(s.addr, target, bad), 400, &message);
    }
    assert_error(
        &get(s.addr, &format!("/chart.png?spec={}", encode_spec(bad))),
        400,
        &message,
    );
    let r = post(s.addr, "/render.svg", "{\"type\":");
    assert_eq!(r.status, 400);
    assert!(r.error().starts_with("invalid JSON: "), "{}", r.error());
    let r = request(s.addr, "POST", "/render.svg", &[], b"\xff\xfe{}").unwrap();
    assert_error(&r, 400, "invalid JSON: the spec is not UTF-8 text");
}

#[test]
fn bad_query_values_get_400_naming_the_parameter() {
    let s = default_server();
    let cases = [
        ("width=abc", "width: expected a number, got \"abc\""),
        ("width=100", "width: expected 200 to 4096 pixels, got 100"),
        ("width=NaN", "width: expected a number, got \"NaN\""),
        ("height=5000", "height: expected 200 to 4096 pixels, got 5000"),
        ("scale=9", "scale: expected more than 0 and at most 4, got 9"),
        ("scale=0", "scale: expected more than 0 and at most 4, got 0"),
        ("theme=blue", "theme: expected one of light, dark, got \"blue\""),
        (
            "colour=red",
            "query: unknown parameter \"colour\"; expected one of width, height, scale, theme",
        ),
        ("width=300&width=400", "width: given more than once"),
        (
            "width=1111111111111111111111111111111111111",
            "width: expected at most 32 characters",
        ),
        (
            "width=4096&height=4096&scale=4",
            "scale: the PNG would be 16384 × 16384 device pixels, more than this service's limit of 33554432; lower width, height or scale",
        ),
    ];
    for (query, message) in cases {
        assert_error(
            &post(s.addr, &format!("/render.png?{query}"), GAUGE),
            400,
            message,
        );
    }
    // The CLI says the same about the same values.
    let input = temp_file("gauge.json", GAUGE);
    let out = Command::new(BIN)
        .arg("render")
        .arg(&input)
        .args(["-o", "/dev/null.png", "--width", "100"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stderr).unwrap().trim(),
        "width: expected 200 to 4096 pixels, got 100"
    );
    let long = format!("/chart.svg?spec={}", "A".repeat(40_000));
    assert_error(
        &get(s.addr, &long),
        414,
        "the URL is longer than the limit of 32768 bytes; POST large specs",
    );
}

#[test]
fn get_chart_is_content_addressed_with_etag_and_304() {
    let s = default_server();
    let target = format!("/chart.svg?width=360&spec={}", encode_spec(GAUGE));
    let first = get(s.addr, &target);
    assert_eq!(first.status, 200);
    assert_svg(&first.text(), GAUGE_TITLE);
    assert_eq!(first.body, cli_render(GAUGE, "svg", &["--width", "360"]));
    assert_eq!(
        first.header("cache-control"),
        Some("public, immutable, max-age=31536000")
    );
    let etag = first.header("etag").unwrap().to_string();
    assert!(etag.starts_with('"') && etag.len() == 34, "{etag}");

    // The same request gets the same tag; a client that has it gets 304 without a body.
    assert_eq!(get(s.addr, &target).header("etag"), Some(etag.as_str()));
    let again = request(s.addr, "GET", &target, &[("If-None-Match", &etag)], b"").unwrap();
    assert_eq!(again.status, 304);
    assert!(again.body.is_empty());
    assert_eq!(again.header("etag"), Some(etag.as_str()));
    let listed = format!("\"0000\", W/{etag}");
    let again = request(s.addr, "GET", &target, &[("If-None-Match", &listed)], b"").unwrap();
    assert_eq!(again.status, 304);
    let other = request(
        s.addr,
        "GET",
        &target,
        &[("If-None-Match", "\"0000\"")],
        b"",
    )
    .unwrap();
    assert_eq!(other.status, 200);

    // Canonical: padding and spelled-out defaults do not change the tag; any real change does.
    let tag = |t: &str| get(s.addr, t).header("etag").map(str::to_string);
    let padded = format!(
        "/chart.svg?spec={}&width=360",
        URL_SAFE.encode(GAUGE).replace('=', "%3D")
    );
    assert!(padded.contains("%3D"), "the example's base64 needs padding");
    assert_eq!(tag(&padded), Some(etag.clone()));
    let defaults = format!("/chart.svg?spec={}&width=640&scale=1", encode_spec(GAUGE));
    let bare = format!("/chart.svg?spec={}", encode_spec(GAUGE));
    assert_eq!(tag(&defaults), tag(&bare));
    assert_ne!(tag(&bare), Some(etag.clone()));
    let png = format!("/chart.png?width=360&spec={}", encode_spec(GAUGE));
    let png_reply = get(s.addr, &png);
    assert_eq!(
        png_size(&png_reply.body),
        (720, png_size(&png_reply.body).1)
    );
    assert_ne!(png_reply.header("etag"), Some(etag.as_str()));
    let dark = format!("{target}&theme=dark");
    assert_ne!(tag(&dark), Some(etag.clone()));
}

#[test]
fn get_chart_rejects_bad_base64_and_missing_specs() {
    let s = default_server();
    let r = get(s.addr, "/chart.svg?spec=***");
    assert_eq!(r.status, 400);
    assert!(
        r.error()
            .starts_with("spec: expected base64url-encoded JSON: Invalid"),
        "{}",
        r.error()
    );
    assert_error(
        &get(s.addr, "/chart.svg?width=360"),
        400,
        "spec: missing: give the spec as base64url JSON",
    );
    // Standard base64's + and / are not base64url.
    let r = get(s.addr, "/chart.svg?spec=ab+/");
    assert_eq!(r.status, 400);
    let not_utf8 = URL_SAFE.encode(b"\xff\xfe");
    assert_error(
        &get(s.addr, &format!("/chart.svg?spec={not_utf8}")),
        400,
        "spec: the decoded spec is not UTF-8 text",
    );
    assert_error(
        &get(s.addr, &format!("/chart.svg?spec={}", encode_spec("[]"))),
        400,
        "expected an object, got a list",
    );
}

#[test]
fn oversized_bodies_get_413() {
    let s = default_server();
    // A declared length over the limit is refused before the body is read: a client that
    // asks `Expect: 100-continue` gets 413 without sending it.
    let mut stream = TcpStream::connect(s.addr).unwrap();
    write!(
        stream,
        "POST /render.svg HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 1000001\r\nExpect: 100-continue\r\n\r\n"
    )
    .unwrap();
    let r = http::read_reply(&mut stream).unwrap();
    assert_error(&r, 413, "spec is larger than the limit of 1000000 bytes");
    // Without a Content-Length: a chunked body is cut off at the limit.
    let mut stream = TcpStream::connect(s.addr).unwrap();
    write!(
        stream,
        "POST /render.svg HTTP/1.1\r\nHost: x\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n"
    )
    .unwrap();
    let chunk = vec![b' '; 100_000];
    for _ in 0..11 {
        if write!(stream, "{:x}\r\n", chunk.len()).is_err()
            || stream.write_all(&chunk).is_err()
            || stream.write_all(b"\r\n").is_err()
        {
            break;
        }
    }
    let _ = stream.write_all(b"0\r\n\r\n");
    let r = http::read_reply(&mut stream).unwrap();
    assert_error(&r, 413, "spec is larger than the limit of 1000000 bytes");
}

/// A PNG that takes a while to draw (many device pixels), for the render limits.
fn slow_png() -> &'static str {
    "/render.png?width=1400&height=1400&scale=4"
}

#[test]
fn concurrent_renders_beyond_the_limit_get_503_with_retry_after() {
    let mut s = Server::start(r#"{"limits":{"max_renders":1,"max_queued":0}}"#);
    let addr = s.addr;
    let replies: Vec<Reply> = std::thread::scope(|scope| {
        let threads: Vec<_> = (0..8)
            .map(|_| scope.spawn(move || post(addr, slow_png(), GAUGE)))
            .collect();
        threads.into_iter().map(|t| t.join().unwrap()).collect()
    });
    let ok = replies.iter().filter(|r| r.status == 200).count();
    let busy: Vec<&Reply> = replies.iter().filter(|r| r.status == 503).collect();
    assert_eq!(ok + busy.len(), 8, "only 200 and 503");
    assert!(
        ok >= 1 && !busy.is_empty(),
        "{ok} rendered, {} refused",
        busy.len()
    );
    for r in busy {
        assert_eq!(r.header("retry-after"), Some("1"));
        assert_eq!(
            r.error(),
            "the server is busy: too many renders at once; try again shortly"
        );
    }
    assert!(s.alive());
}

#[test]
fn renders_past_the_time_limit_get_503_and_the_server_carries_on() {
    let mut s = Server::start(r#"{"limits":{"render_timeout_ms":1}}"#);
    assert_error(
        &post(s.addr, slow_png(), GAUGE),
        503,
        "rendering took longer than the limit of 1 ms",
    );
    assert!(s.alive());
}

#[test]
fn slow_clients_are_cut_off() {
    let mut s = Server::start(r#"{"limits":{"header_timeout_ms":300,"body_timeout_ms":300}}"#);
    // Headers that never end: the connection is closed after the header timeout.
    let mut stream = TcpStream::connect(s.addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let start = Instant::now();
    stream
        .write_all(b"POST /render.svg HTTP/1.1\r\nHost: x\r\n")
        .unwrap();
    let mut rest = Vec::new();
    let read = stream.read_to_end(&mut rest);
    let waited = start.elapsed();
    assert!(
        read.is_ok(),
        "closed by the server, not by our timeout: {read:?}"
    );
    assert!(
        waited >= Duration::from_millis(250) && waited < Duration::from_secs(3),
        "{waited:?}"
    );
    assert!(
        rest.is_empty() || rest.starts_with(b"HTTP/1.1 408"),
        "{rest:?}"
    );

    // A body that never arrives in full: 408 with a JSON error.
    let mut stream = TcpStream::connect(s.addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    stream
        .write_all(b"POST /render.svg HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"type\":")
        .unwrap();
    let r = http::read_reply(&mut stream).unwrap();
    assert_error(&r, 408, "the request body did not arrive within 300 ms");
    assert!(s.alive());
}

/// How the test's feed server answers.
#[derive(Clone)]
enum Feed {
    Spec(String),
    Garbage,
    Hang,
    Huge { declared: bool },
    Status500,
}

/// A real HTTP server for feeds: each path's behaviour is set by the test; counts requests.
struct FeedServer {
    addr: SocketAddr,
    routes: Arc<Mutex<Vec<(String, Feed)>>>,
    hits: Arc<Mutex<usize>>,
}

impl FeedServer {
    fn start(routes: Vec<(&str, Feed)>) -> FeedServer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let routes = Arc::new(Mutex::new(
            routes
                .into_iter()
                .map(|(p, f)| (p.to_string(), f))
                .collect::<Vec<_>>(),
        ));
        let hits = Arc::new(Mutex::new(0));
        let (r, h) = (routes.clone(), hits.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (r, h) = (r.clone(), h.clone());
                std::thread::spawn(move || answer_feed(stream, &r, &h));
            }
        });
        FeedServer { addr, routes, hits }
    }
    fn set(&self, path: &str, feed: Feed) {
        let mut routes = self.routes.lock().unwrap();
        routes.iter_mut().find(|(p, _)| p == path).unwrap().1 = feed;
    }
    fn hits(&self) -> usize {
        *self.hits.lock().unwrap()
    }
    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }
}

fn answer_feed(mut stream: TcpStream, routes: &Mutex<Vec<(String, Feed)>>, hits: &Mutex<usize>) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut line = String::new();
    reader.read_line(&mut line).unwrap();
    let path = line.split(' ').nth(1).unwrap_or("").to_string();
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).unwrap_or(0) == 0 || header == "\r\n" {
            break;
        }
    }
    *hits.lock().unwrap() += 1;
    let feed = routes
        .lock()
        .unwrap()
        .iter()
        .find(|(p, _)| *p == path)
        .map(|(_, f)| f.clone());
    let reply = |stream: &mut TcpStream, status: &str, body: &[u8]| {
        let head = format!(
            "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        );
        let _ = stream.write_all(head.as_bytes());
        let _ = stream.write_all(body);
    };
    match feed {
        Some(Feed::Spec(json)) => reply(&mut stream, "200 OK", json.as_bytes()),
        Some(Feed::Garbage) => reply(&mut stream, "200 OK", b"<html>gateway says hello</html>"),
        Some(Feed::Hang) => std::thread::sleep(Duration::from_secs(5)),
        Some(Feed::Huge { declared: true }) => reply(&mut stream, "200 OK", &vec![b' '; 1_500_000]),
        Some(Feed::Huge { declared: false }) => {
            let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n");
            for _ in 0..30 {
                if stream.write_all(&[b' '; 100_000]).is_err() {
                    break;
                }
            }
        }
        Some(Feed::Status500) | None => reply(&mut stream, "500 Internal Server Error", b"{}"),
    }
}

#[test]
fn feeds_are_fetched_cached_and_kept_when_a_refresh_fails() {
    let feeds = FeedServer::start(vec![
        ("/nps.json", Feed::Spec(GAUGE.to_string())),
        ("/garbage.json", Feed::Garbage),
        ("/hang.json", Feed::Hang),
        ("/huge.json", Feed::Huge { declared: true }),
        ("/stream.json", Feed::Huge { declared: false }),
        ("/down.json", Feed::Status500),
    ]);
    let names = ["nps", "garbage", "hang", "huge", "stream", "down"];
    let config: serde_json::Map<String, serde_json::Value> = names
        .iter()
        .map(|n| {
            let url = feeds.url(&format!("/{n}.json"));
            (n.to_string(), serde_json::json!({"url": url, "refresh": 2}))
        })
        .collect();
    let config = serde_json::json!({"feeds": config, "limits": {"fetch_timeout_ms": 300}});
    let mut s = Server::start(&config.to_string());

    let r = get(s.addr, "/feeds/nps.svg?width=360");
    assert_eq!(r.status, 200, "{}", r.text());
    assert_svg(&r.text(), GAUGE_TITLE);
    assert_eq!(r.body, cli_render(GAUGE, "svg", &["--width", "360"]));
    assert_eq!(r.header("x-statchart-feed-age"), Some("0"));
    assert!(r.header("x-statchart-feed-stale").is_none());
    let cache = r.header("cache-control").unwrap();
    assert!(
        cache == "public, max-age=2" || cache == "public, max-age=1",
        "{cache}"
    );
    let png = get(s.addr, "/feeds/nps.png?width=360&scale=1");
    assert_eq!(png_size(&png.body).0, 360);

    // Within the refresh interval the feed is not asked again, even if it has gone bad.
    let hits = feeds.hits();
    feeds.set("/nps.json", Feed::Garbage);
    assert_eq!(get(s.addr, "/feeds/nps.svg").status, 200);
    assert_eq!(feeds.hits(), hits);
    // After it, the refresh fails and the last good chart is served, saying how stale.
    std::thread::sleep(Duration::from_millis(2100));
    let stale = get(s.addr, "/feeds/nps.svg?width=360");
    assert_eq!(feeds.hits(), hits + 1);
    assert_eq!(stale.status, 200);
    assert_eq!(stale.body, r.body);
    assert_eq!(stale.header("x-statchart-feed-stale"), Some("2"));
    let why = stale.header("x-statchart-feed-error").unwrap();
    assert!(
        why.starts_with("feed nps: not a valid spec: invalid JSON"),
        "{why}"
    );
    // Once the feed is good again, so is the chart.
    feeds.set(
        "/nps.json",
        Feed::Spec(GAUGE.replace("Normal scheme", "Latest")),
    );
    std::thread::sleep(Duration::from_millis(2100));
    let fresh = get(s.addr, "/feeds/nps.svg?width=360");
    assert!(fresh.text().contains("Latest"));
    assert!(fresh.header("x-statchart-feed-stale").is_none());

    // Feeds that never gave a good spec: 502 with the reason.
    let start = Instant::now();
    assert_error(
        &get(s.addr, "/feeds/hang.svg"),
        502,
        "feed hang: no full answer within 300 ms",
    );
    assert!(start.elapsed() < Duration::from_secs(2));
    let r = get(s.addr, "/feeds/garbage.svg");
    assert_eq!(r.status, 502);
    assert!(
        r.error()
            .starts_with("feed garbage: not a valid spec: invalid JSON"),
        "{}",
        r.error()
    );
    for name in ["huge", "stream"] {
        assert_error(
            &get(s.addr, &format!("/feeds/{name}.png")),
            502,
            &format!("feed {name}: answer is larger than the limit of 1000000 bytes"),
        );
    }
    assert_error(
        &get(s.addr, "/feeds/down.svg"),
        502,
        "feed down: answered HTTP 500 Internal Server Error",
    );

    // Only configured names; never a URL from the request.
    let refused = [
        (
            "/feeds/other.svg",
            404,
            "no feed named \"other\" in this service's configuration",
        ),
        (
            "/feeds/nps.gif",
            404,
            "a feed's chart is /feeds/nps.svg or /feeds/nps.png",
        ),
        (
            "/feeds/nps.svg?url=http://example.com/",
            400,
            "query: unknown parameter \"url\"; expected one of width, height, scale, theme",
        ),
    ];
    for (target, status, message) in refused {
        assert_error(&get(s.addr, target), status, message);
    }
    assert!(s.alive());
}

#[test]
fn bad_configurations_stop_the_service_at_start_with_the_field_named() {
    let cases = [
        (
            "c.json",
            r#"{"feeds":{"a":{"url":"ftp://example.org/a.json"}}}"#,
            "feeds.a.url: expected an http:// or https:// URL, got \"ftp://example.org/a.json\"",
        ),
        (
            "c.json",
            r#"{"ca_file":"missing.pem"}"#,
            "missing.pem: I/O error: No such file or directory",
        ),
        (
            "c.json",
            r#"{"feeds":{"A b":{"url":"http://x/"}}}"#,
            "feeds.A b: a feed name is 1 to 64 of a-z, 0-9, - and _",
        ),
        (
            "c.json",
            r#"{"feeds":{"a":{"url":"http://x/","refresh":0}}}"#,
            "feeds.a.refresh: expected 1 to 86400 seconds, got 0",
        ),
        (
            "c.json",
            r#"{"limits":{"max_renders":0}}"#,
            "limits.max_renders: expected more than 0",
        ),
        (
            "c.toml",
            "[feeds.a]\nurl = \"http://x/\"\ncolour = 1\n",
            "unknown field `colour`",
        ),
    ];
    for (name, text, message) in cases {
        let path = temp_file(name, text);
        let out = Command::new(BIN)
            .args(["serve", "--listen", "127.0.0.1:0", "--config"])
            .arg(&path)
            .output()
            .unwrap();
        assert!(!out.status.success());
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains(message), "{err}");
        assert!(err.starts_with(&path.display().to_string()), "{err}");
    }
}

#[test]
fn a_toml_configuration_names_feeds() {
    let feeds = FeedServer::start(vec![("/nps.json", Feed::Spec(GAUGE.to_string()))]);
    let toml = format!(
        "[feeds.programme]\nurl = \"{}\"\nrefresh = 60\n\n[limits]\nmax_renders = 2\n",
        feeds.url("/nps.json")
    );
    let s = Server::with_file(&temp_file("serve.toml", &toml));
    let r = get(s.addr, "/feeds/programme.svg");
    assert_eq!(r.status, 200, "{}", r.text());
    assert_svg(&r.text(), GAUGE_TITLE);
}

/// A panic in a job ends that request with 500, not the server: the guard around every
/// render, checked with an endpoint added the way `POST /embed` will be.
#[test]
fn a_panicking_render_answers_500_and_the_server_carries_on() {
    use statchart::serve::{post_spec, routes, serve_router, AppState};
    let config = statchart::serve::config::Config::default();
    let app = routes()
        .route(
            "/panics",
            post_spec(&[], |_, _, _| panic!("a bug in a renderer")),
        )
        .route(
            "/echo",
            post_spec(&["x"], |json, q, _| {
                Ok((
                    format!("{json}{}", q.get("x").unwrap_or("")).into_bytes(),
                    "text/plain",
                ))
            }),
        )
        .with_state(Arc::new(AppState::new(&config).unwrap()));
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = runtime.spawn(async move {
        serve_router(listener, app, &config.limits, async {
            let _ = stopped.await;
        })
        .await
    });
    for _ in 0..3 {
        assert_error(
            &post(addr, "/panics", "{}"),
            500,
            "rendering failed unexpectedly; the error is logged",
        );
    }
    let echo = post(addr, "/echo?x=!", "hi");
    assert_eq!((echo.status, echo.text().as_str()), (200, "hi!"));
    assert_eq!(post(addr, "/render.svg", GAUGE).status, 200);
    stop.send(()).unwrap();
    runtime.block_on(server).unwrap().unwrap();
}

/// The load test in small: valid and invalid requests mixed from 16 clients, every answer
/// the expected one (examples/loadtest.rs is the full-size run).
#[test]
fn a_bounded_mixed_load_gets_only_expected_answers() {
    let mut s = default_server();
    let cases = http::mixed_cases(&examples::examples());
    let report = http::load(s.addr, &cases, 400, 16);
    assert!(report.unexpected.is_empty(), "{:?}", report.statuses);
    assert!(report.statuses[&400] > 0 && report.statuses[&200] > 0);
    assert!(s.alive());
}

/// Open connections are capped; one that sends nothing is closed after the header timeout,
/// so idle clients cannot hold the service's connections for ever.
#[test]
fn connections_are_capped_and_idle_ones_released() {
    let mut s = Server::start(r#"{"limits":{"max_connections":1,"header_timeout_ms":500}}"#);
    let idle = TcpStream::connect(s.addr).unwrap();
    std::thread::sleep(Duration::from_millis(50));
    let start = Instant::now();
    let r = get(s.addr, "/healthz");
    let waited = start.elapsed();
    assert_eq!(r.status, 200);
    assert!(
        waited >= Duration::from_millis(400) && waited < Duration::from_secs(5),
        "{waited:?}"
    );
    drop(idle);
    assert!(s.alive());
}

/// A CA and a certificate for 127.0.0.1 signed by it, made with the openssl command:
/// (directory, CA certificate path).
fn test_ca() -> (PathBuf, PathBuf) {
    let dir = temp_file(
        "ext.cnf",
        "basicConstraints=CA:FALSE\nsubjectAltName=IP:127.0.0.1\n",
    )
    .parent()
    .unwrap()
    .to_path_buf();
    let openssl = |args: &str| {
        let status = Command::new("openssl")
            .args(args.split_whitespace())
            .current_dir(&dir)
            .stderr(Stdio::null())
            .status()
            .expect("the openssl command (scripts/setup.sh installs it)");
        assert!(status.success(), "openssl {args}");
    };
    openssl("req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout ca.key -out ca.pem -days 2 -subj /CN=statchart-test-ca");
    openssl("req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout leaf.key -out leaf.csr -subj /CN=127.0.0.1");
    openssl("x509 -req -in leaf.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out leaf.pem -days 2 -extfile ext.cnf");
    let ca = dir.join("ca.pem");
    (dir, ca)
}

/// An https server on 127.0.0.1 that answers every request with `body`.
fn https_feed(dir: &std::path::Path, body: &'static str) -> SocketAddr {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio_rustls::rustls::pki_types::{pem::PemObject, CertificateDer, PrivateKeyDer};
    let certs = CertificateDer::pem_file_iter(dir.join("leaf.pem"))
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    let key = PrivateKeyDer::from_pem_file(dir.join("leaf.key")).unwrap();
    let provider = Arc::new(tokio_rustls::rustls::crypto::ring::default_provider());
    let config = tokio_rustls::rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).unwrap();
            loop {
                let (stream, _) = listener.accept().await.unwrap();
                let acceptor = acceptor.clone();
                tokio::spawn(async move {
                    let Ok(mut tls) = acceptor.accept(stream).await else {
                        return;
                    };
                    let mut request = Vec::new();
                    let mut buf = [0u8; 1024];
                    while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                        match tls.read(&mut buf).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => request.extend_from_slice(&buf[..n]),
                        }
                    }
                    let head = format!(
                        "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                        body.len()
                    );
                    let _ = tls.write_all(head.as_bytes()).await;
                    let _ = tls.write_all(body.as_bytes()).await;
                    let _ = tls.shutdown().await;
                });
            }
        });
    });
    addr
}

/// https feeds are checked against the Mozilla roots plus `ca_file`: a feed whose
/// certificate chains to neither is refused.
#[test]
fn https_feeds_are_verified() {
    let (dir, ca) = test_ca();
    let addr = https_feed(&dir, GAUGE);
    let feeds = serde_json::json!({
        "nps": {"url": format!("https://{addr}/nps.json"), "refresh": 60}
    });
    let trusted = Server::start(
        &serde_json::json!({"feeds": feeds, "ca_file": ca.to_str().unwrap()}).to_string(),
    );
    let r = get(trusted.addr, "/feeds/nps.svg?width=360");
    assert_eq!(r.status, 200, "{}", r.text());
    assert_svg(&r.text(), GAUGE_TITLE);

    let untrusted = Server::start(&serde_json::json!({ "feeds": feeds }).to_string());
    let r = get(untrusted.addr, "/feeds/nps.svg");
    assert_eq!(r.status, 502);
    assert!(
        r.error().starts_with("feed nps: request failed: ") && r.error().contains("UnknownIssuer"),
        "{}",
        r.error()
    );
}

/// However a client behaves, a connection ends after `connection_timeout_ms`.
#[test]
fn connections_end_after_their_lifetime() {
    let mut s =
        Server::start(r#"{"limits":{"connection_timeout_ms":300,"header_timeout_ms":10000}}"#);
    let mut stream = TcpStream::connect(s.addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let start = Instant::now();
    let mut rest = Vec::new();
    assert!(
        stream.read_to_end(&mut rest).is_ok(),
        "closed by the server"
    );
    let waited = start.elapsed();
    assert!(
        waited >= Duration::from_millis(250) && waited < Duration::from_secs(3),
        "{waited:?}"
    );
    assert!(s.alive());
}

/// `statchart embed` through the CLI, for comparing with POST /embed.
fn cli_embed(spec: &str, args: &[&str]) -> Vec<u8> {
    let input = temp_file("embed.json", spec);
    let out = Command::new(BIN)
        .arg("embed")
        .arg(&input)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[test]
fn post_embed_gives_the_cli_snippet_and_checks_its_options() {
    let s = default_server();
    let r = post(s.addr, "/embed", GAUGE);
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
    let html = r.text();
    assert!(
        html.starts_with("<stat-chart"),
        "{}",
        &html[..80.min(html.len())]
    );
    assert!(html.contains("<svg") && html.contains(GAUGE_TITLE));
    assert_eq!(r.body, cli_embed(GAUGE, &[]));

    let r = post(
        s.addr,
        "/embed?src=https%3A%2F%2Fexample.org%2Fnps.json&refresh=60&width=360&image=true&scale=1",
        GAUGE,
    );
    assert_eq!(r.status, 200);
    assert_eq!(
        r.body,
        cli_embed(
            GAUGE,
            &[
                "--src",
                "https://example.org/nps.json",
                "--refresh",
                "60",
                "--width",
                "360",
                "--image",
                "--scale",
                "1"
            ]
        )
    );
    let html = r.text();
    assert!(
        html.contains(r#"src="https://example.org/nps.json""#)
            && html.contains("data:image/png;base64,")
    );

    let bad = r#"{"type":"nps","data":{"promoters":-3,"passives":1,"detractors":1}}"#;
    assert_error(
        &post(s.addr, "/embed", bad),
        400,
        "data.promoters: expected a non-negative number, got -3",
    );
    assert_error(
        &post(s.addr, "/embed?refresh=1", GAUGE),
        400,
        "refresh: expected 5 to 86400 seconds, got 1",
    );
    assert_error(
        &post(s.addr, "/embed?image=maybe", GAUGE),
        400,
        "image: expected true or false, got \"maybe\"",
    );
    assert_error(
        &post(s.addr, "/embed?src=a%0Ab", GAUGE),
        400,
        "src: expected a URL of 1 to 2048 characters without control characters",
    );
    assert_error(
        &post(s.addr, "/embed?width=10", GAUGE),
        400,
        "width: expected 200 to 4096 pixels, got 10",
    );
    // The <img> PNG is held to the service's PNG limit, as /render.png is.
    let bars: Vec<String> = (0..60)
        .map(|i| format!(r#"{{"label":"Bar {i}","value":{i}}}"#))
        .collect();
    let tall = format!(r#"{{"type":"bar","data":[{}]}}"#, bars.join(","));
    let r = post(s.addr, "/embed?image=1&width=4096&scale=4", &tall);
    assert_eq!(r.status, 400);
    assert!(
        r.error().starts_with("scale: the PNG would be 16384 × "),
        "{}",
        r.error()
    );
}
