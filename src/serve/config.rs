//! The service's configuration file: the named feeds it may fetch, and its limits.
//!
//! JSON or TOML (by the file's extension). Feeds are named here and only here: a request
//! names a feed, never a URL, so the service cannot be made to fetch arbitrary addresses.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

/// Shortest and longest refresh interval of a feed, in seconds.
pub const MIN_REFRESH: u64 = 1;
pub const MAX_REFRESH: u64 = 86_400;

/// The whole configuration; every field may be left out.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default)]
    pub feeds: BTreeMap<String, Feed>,
    #[serde(default)]
    pub limits: Limits,
    /// A PEM file of certificates that https feeds may also chain to (an internal CA), besides
    /// the Mozilla roots; relative to the configuration file.
    #[serde(default)]
    pub ca_file: Option<std::path::PathBuf>,
}

/// A live chart: the URL of its spec JSON and how long a fetched spec stays current.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Feed {
    pub url: String,
    /// Seconds; default 300.
    #[serde(default = "default_refresh")]
    pub refresh: u64,
}

fn default_refresh() -> u64 {
    300
}

/// What one copy of the service allows; the defaults suit a small machine.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Limits {
    /// Renders running at once (default: the number of CPUs).
    pub max_renders: usize,
    /// Requests waiting for a render slot; beyond this the answer is 503 at once.
    pub max_queued: usize,
    /// Longest wait for a render slot, then 503.
    pub queue_timeout_ms: u64,
    /// Longest render (parse, layout, draw, encode), then 503.
    pub render_timeout_ms: u64,
    /// Device pixels of one PNG (width × height × scale²): bounds the memory of a render.
    pub max_png_pixels: u64,
    /// Time a client has to send a request's headers.
    pub header_timeout_ms: u64,
    /// Time a client has to send a request's body.
    pub body_timeout_ms: u64,
    /// Time a feed has to answer in full.
    pub fetch_timeout_ms: u64,
    /// Open connections; further clients wait in the listen backlog.
    pub max_connections: usize,
    /// Longest life of one connection, however busy: a client that never reads its answer
    /// cannot hold a connection for ever.
    pub connection_timeout_ms: u64,
}

impl Default for Limits {
    fn default() -> Self {
        let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
        Limits {
            max_renders: cpus,
            max_queued: 256,
            queue_timeout_ms: 10_000,
            render_timeout_ms: 10_000,
            max_png_pixels: 32 * 1024 * 1024,
            header_timeout_ms: 5_000,
            body_timeout_ms: 10_000,
            fetch_timeout_ms: 5_000,
            max_connections: 1_024,
            connection_timeout_ms: 120_000,
        }
    }
}

impl Limits {
    pub fn ms(v: u64) -> Duration {
        Duration::from_millis(v)
    }
}

impl Config {
    /// Reads and checks a configuration file; the error names the file and the field.
    pub fn load(path: &Path) -> Result<Config, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let toml = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("toml"));
        let config: Config = if toml {
            toml::from_str(&text).map_err(|e| format!("{}: {}", path.display(), e.message()))?
        } else {
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?
        };
        let mut config = config;
        if let Some(ca) = &config.ca_file {
            let dir = path.parent().unwrap_or(Path::new("."));
            config.ca_file = Some(dir.join(ca));
        }
        config
            .check()
            .map_err(|e| format!("{}: {e}", path.display()))?;
        super::feeds::tls_roots(config.ca_file.as_deref())
            .map_err(|e| format!("{}: ca_file: {e}", path.display()))?;
        Ok(config)
    }

    /// Feed names, URLs and limits that the service can work with.
    pub fn check(&self) -> Result<(), String> {
        for (name, feed) in &self.feeds {
            let valid = !name.is_empty()
                && name.len() <= 64
                && name.bytes().all(|b| {
                    b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_'
                });
            if !valid {
                return Err(format!(
                    "feeds.{name}: a feed name is 1 to 64 of a-z, 0-9, - and _"
                ));
            }
            feed_uri(&feed.url).map_err(|e| format!("feeds.{name}.url: {e}"))?;
            if !(MIN_REFRESH..=MAX_REFRESH).contains(&feed.refresh) {
                return Err(format!(
                    "feeds.{name}.refresh: expected {MIN_REFRESH} to {MAX_REFRESH} seconds, got {}",
                    feed.refresh
                ));
            }
        }
        let l = &self.limits;
        for (name, v) in [
            ("max_renders", l.max_renders as u64),
            ("queue_timeout_ms", l.queue_timeout_ms),
            ("render_timeout_ms", l.render_timeout_ms),
            ("max_png_pixels", l.max_png_pixels),
            ("header_timeout_ms", l.header_timeout_ms),
            ("body_timeout_ms", l.body_timeout_ms),
            ("fetch_timeout_ms", l.fetch_timeout_ms),
            ("max_connections", l.max_connections as u64),
            ("connection_timeout_ms", l.connection_timeout_ms),
        ] {
            if v == 0 {
                return Err(format!("limits.{name}: expected more than 0"));
            }
        }
        Ok(())
    }
}

/// A feed's URL as a request target: `http://` or `https://` with a host.
pub fn feed_uri(url: &str) -> Result<hyper::Uri, String> {
    let uri: hyper::Uri = url
        .parse()
        .map_err(|e| format!("not a URL ({e}): {url:?}"))?;
    match uri.scheme_str() {
        Some("http" | "https") if uri.host().is_some() => Ok(uri),
        _ => Err(format!("expected an http:// or https:// URL, got {url:?}")),
    }
}
