//! Live charts: the specs of the configured feeds, fetched with a timeout and a size cap,
//! kept for each feed's refresh interval, and kept past it when a refresh fails.

use super::config::{feed_uri, Feed};
use crate::parse_spec;
use crate::spec::limits::MAX_SPEC_BYTES;
use http_body_util::{BodyExt, Empty, Limited};
use hyper::body::Bytes;
use hyper::{header, Request, Uri};
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::{connect::HttpConnector, Client};
use hyper_util::rt::TokioExecutor;
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::Mutex;

/// After a failed fetch, the next try waits at most this long (or the refresh interval, if shorter).
const RETRY_AFTER_FAILURE: Duration = Duration::from_secs(30);

/// Every configured feed and what was last fetched for it. Per process: a cache, not state
/// that copies of the service must share.
pub struct Feeds {
    client: Client<HttpsConnector<HttpConnector>, Empty<Bytes>>,
    timeout: Duration,
    slots: BTreeMap<String, Slot>,
}

struct Slot {
    uri: Uri,
    refresh: Duration,
    /// Held across a fetch, so one fetch per feed is in flight and the others wait for it.
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    good: Option<(Arc<str>, Instant)>,
    checked: Option<Instant>,
    error: Option<String>,
}

/// A feed's current spec, as served.
pub struct Current {
    /// The spec's JSON, validated when it was fetched.
    pub spec: Arc<str>,
    /// Time since this spec was fetched.
    pub age: Duration,
    /// Time until the next fetch: how long a cache may keep the chart.
    pub fresh_for: Duration,
    /// Why the last refresh failed, when this spec is older than the feed's interval.
    pub stale_because: Option<String>,
}

impl Slot {
    /// How long after the last fetch the next one is due: sooner after a failure.
    fn wait(&self, state: &State) -> Duration {
        match state.error {
            None => self.refresh,
            Some(_) => self.refresh.min(RETRY_AFTER_FAILURE),
        }
    }
}

impl Feeds {
    /// `roots`: the certificates https feeds are checked against (see [`tls_roots`]).
    pub fn new(
        feeds: &BTreeMap<String, Feed>,
        timeout: Duration,
        roots: rustls::RootCertStore,
    ) -> Feeds {
        let slots = feeds
            .iter()
            .filter_map(|(name, feed)| {
                // Config::check has accepted every URL already.
                let uri = feed_uri(&feed.url).ok()?;
                let slot = Slot {
                    uri,
                    refresh: Duration::from_secs(feed.refresh),
                    state: Mutex::new(State::default()),
                };
                Some((name.clone(), slot))
            })
            .collect();
        let mut http = HttpConnector::new();
        http.set_connect_timeout(Some(timeout));
        http.enforce_http(false);
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let tls = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .expect("ring supports TLS 1.2 and 1.3")
            .with_root_certificates(roots)
            .with_no_client_auth();
        let connector = hyper_rustls::HttpsConnectorBuilder::new()
            .with_tls_config(tls)
            .https_or_http()
            .enable_http1()
            .wrap_connector(http);
        Feeds {
            client: Client::builder(TokioExecutor::new()).build(connector),
            timeout,
            slots,
        }
    }

    pub fn has(&self, name: &str) -> bool {
        self.slots.contains_key(name)
    }

    /// The feed's spec: cached while fresh, fetched otherwise; the last good one when a
    /// fetch fails; an error naming the feed when there never was a good one.
    pub async fn current(&self, name: &str) -> Result<Current, String> {
        let slot = self
            .slots
            .get(name)
            .ok_or_else(|| format!("no feed named {name:?}"))?;
        let mut state = slot.state.lock().await;
        let due = state
            .checked
            .is_none_or(|t| t.elapsed() >= slot.wait(&state));
        if due {
            match self.fetch(&slot.uri).await {
                Ok(spec) => {
                    state.good = Some((spec.into(), Instant::now()));
                    state.error = None;
                }
                Err(e) => state.error = Some(format!("feed {name}: {e}")),
            }
            state.checked = Some(Instant::now());
        }
        let checked = state.checked.unwrap_or_else(Instant::now);
        let wait = slot.wait(&state);
        match &state.good {
            Some((spec, fetched)) => Ok(Current {
                spec: spec.clone(),
                age: fetched.elapsed(),
                fresh_for: wait.saturating_sub(checked.elapsed()),
                stale_because: state.error.clone(),
            }),
            None => Err(state.error.clone().unwrap_or_default()),
        }
    }

    /// One GET of the feed, in full within the timeout and the size cap, and a valid spec.
    async fn fetch(&self, uri: &Uri) -> Result<String, String> {
        let get = async {
            let request = Request::get(uri.clone())
                .header(header::ACCEPT, "application/json")
                .header(
                    header::USER_AGENT,
                    concat!("statchart/", env!("CARGO_PKG_VERSION")),
                )
                .body(Empty::new())
                .map_err(|e| e.to_string())?;
            let response = self
                .client
                .request(request)
                .await
                .map_err(|e| format!("request failed: {}", chain(&e)))?;
            if !response.status().is_success() {
                return Err(format!("answered HTTP {}", response.status()));
            }
            let too_big = || format!("answer is larger than the limit of {MAX_SPEC_BYTES} bytes");
            let declared = response
                .headers()
                .get(header::CONTENT_LENGTH)
                .and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
            if declared.is_some_and(|n| n > MAX_SPEC_BYTES as u64) {
                return Err(too_big());
            }
            let body = Limited::new(response.into_body(), MAX_SPEC_BYTES)
                .collect()
                .await
                .map_err(|e| {
                    if e.is::<http_body_util::LengthLimitError>() {
                        too_big()
                    } else {
                        format!("reading the answer failed: {e}")
                    }
                })?;
            Ok(body.to_bytes().to_vec())
        };
        let bytes = tokio::time::timeout(self.timeout, get)
            .await
            .map_err(|_| format!("no full answer within {} ms", self.timeout.as_millis()))??;
        let text = String::from_utf8(bytes).map_err(|_| "answer is not UTF-8 text")?;
        parse_spec(&text).map_err(|e| format!("not a valid spec: {e}"))?;
        Ok(text)
    }
}

/// The Mozilla roots (webpki-roots), plus the certificates of a PEM file (an internal CA).
pub fn tls_roots(extra: Option<&std::path::Path>) -> Result<rustls::RootCertStore, String> {
    use rustls::pki_types::{pem::PemObject, CertificateDer};
    let mut roots = rustls::RootCertStore {
        roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
    };
    if let Some(path) = extra {
        let shown = path.display();
        let certs = CertificateDer::pem_file_iter(path)
            .map_err(|e| format!("{shown}: {e}"))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| format!("{shown}: {e}"))?;
        if certs.is_empty() {
            return Err(format!("{shown}: no PEM certificate in it"));
        }
        for cert in certs {
            roots.add(cert).map_err(|e| format!("{shown}: {e}"))?;
        }
    }
    Ok(roots)
}

/// An error and its causes on one line ("client error (Connect): tcp connect error: ...").
fn chain(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        out.push_str(": ");
        out.push_str(&s.to_string());
        source = s.source();
    }
    out
}
