// A plain HTTP/1.1 client over std's TcpStream (one request per connection), and a bounded
// load generator on it. Shared by tests/serve.rs and examples/loadtest.rs, which include
// this file by path: both speak real HTTP to a real `statchart serve`.

#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

/// An answer: status, headers (names in lower case) and body.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    /// The message of a `{"error": …}` body.
    pub fn error(&self) -> String {
        let v: serde_json::Value = serde_json::from_slice(&self.body)
            .unwrap_or_else(|_| panic!("not JSON: {}", self.text()));
        v["error"].as_str().expect("an error field").to_string()
    }
}

/// Sends one request (with `Connection: close`) and reads the whole answer.
pub fn request(
    addr: SocketAddr,
    method: &str,
    target: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> std::io::Result<Reply> {
    let mut stream = TcpStream::connect(addr)?;
    stream.set_read_timeout(Some(Duration::from_secs(60)))?;
    let mut head = format!("{method} {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    if method == "POST" {
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    // The server may answer (413) and close before the body is all sent: read its answer anyway.
    let sent = stream.write_all(body);
    read_reply(&mut stream).or_else(|e| sent.and(Err(e)))
}

pub fn get(addr: SocketAddr, target: &str) -> Reply {
    request(addr, "GET", target, &[], b"").unwrap()
}

pub fn post(addr: SocketAddr, target: &str, body: &str) -> Reply {
    request(addr, "POST", target, &[], body.as_bytes()).unwrap()
}

/// Reads an answer to the end of the connection (the server closes it after `Connection: close`).
pub fn read_reply(stream: &mut TcpStream) -> std::io::Result<Reply> {
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    parse_reply(&raw).ok_or_else(|| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("not an HTTP answer: {:?}", String::from_utf8_lossy(&raw)),
        )
    })
}

fn parse_reply(raw: &[u8]) -> Option<Reply> {
    let end = raw.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = std::str::from_utf8(&raw[..end]).ok()?;
    let mut lines = head.split("\r\n");
    let status = lines.next()?.split(' ').nth(1)?.parse().ok()?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let mut body = raw[end + 4..].to_vec();
    let chunked = headers
        .iter()
        .any(|(k, v)| k == "transfer-encoding" && v.contains("chunked"));
    if chunked {
        body = dechunk(&body)?;
    }
    Some(Reply {
        status,
        headers,
        body,
    })
}

fn dechunk(mut data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let line_end = data.windows(2).position(|w| w == b"\r\n")?;
        let size_text = std::str::from_utf8(&data[..line_end]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        data = &data[line_end + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(data.get(..size)?);
        data = data.get(size + 2..)?;
    }
}

/// One kind of request in a load test and the status it must get.
#[derive(Clone)]
pub struct Case {
    pub method: &'static str,
    pub target: String,
    pub body: String,
    pub expect: u16,
}

/// What a load test measured.
#[derive(Debug)]
pub struct LoadReport {
    pub requests: usize,
    pub clients: usize,
    pub elapsed: Duration,
    pub latencies: Vec<Duration>,
    /// Answers with a status other than the case's: (case index, status), status 0 for I/O errors.
    pub unexpected: Vec<(usize, u16)>,
    /// Answers per status.
    pub statuses: std::collections::BTreeMap<u16, usize>,
}

impl LoadReport {
    pub fn percentile(&self, p: f64) -> Duration {
        let mut sorted = self.latencies.clone();
        sorted.sort();
        let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
        sorted.get(i).copied().unwrap_or_default()
    }
    pub fn throughput(&self) -> f64 {
        self.requests as f64 / self.elapsed.as_secs_f64()
    }
}

/// Sends `requests` requests from `clients` threads, cycling through `cases`.
pub fn load(addr: SocketAddr, cases: &[Case], requests: usize, clients: usize) -> LoadReport {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let start = Instant::now();
    let results: Vec<(usize, u16, Duration)> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..clients)
            .map(|_| {
                s.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        if i >= requests {
                            return mine;
                        }
                        let case = &cases[i % cases.len()];
                        let t = Instant::now();
                        let status =
                            request(addr, case.method, &case.target, &[], case.body.as_bytes())
                                .map_or(0, |r| r.status);
                        mine.push((i % cases.len(), status, t.elapsed()));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap())
            .collect()
    });
    let elapsed = start.elapsed();
    let mut statuses = std::collections::BTreeMap::new();
    let mut unexpected = Vec::new();
    for &(case, status, _) in &results {
        *statuses.entry(status).or_insert(0) += 1;
        if status != cases[case].expect {
            unexpected.push((case, status));
        }
    }
    LoadReport {
        requests,
        clients,
        elapsed,
        latencies: results.iter().map(|r| r.2).collect(),
        unexpected,
        statuses,
    }
}

/// The mixed workload: every example as SVG (POST and GET) and PNG, and invalid specs
/// and queries, in a fixed order.
pub fn mixed_cases(examples: &[(String, String)]) -> Vec<Case> {
    let mut cases = Vec::new();
    for (i, (_, json)) in examples.iter().enumerate() {
        let width = [360, 640, 1200][i % 3];
        cases.push(Case {
            method: "POST",
            target: format!("/render.svg?width={width}"),
            body: json.clone(),
            expect: 200,
        });
        cases.push(Case {
            method: "GET",
            target: format!(
                "/chart.svg?width={width}&spec={}",
                statchart::serve::options::encode_spec(json)
            ),
            body: String::new(),
            expect: 200,
        });
        if i % 4 == 0 {
            cases.push(Case {
                method: "POST",
                target: "/render.png?width=360&scale=1".into(),
                body: json.clone(),
                expect: 200,
            });
        }
    }
    let invalid = [
        (
            "/render.svg",
            r#"{"type":"nps","data":{"promoters":-3,"passives":1,"detractors":1}}"#,
        ),
        ("/render.svg", "{not json"),
        (
            "/render.png?width=10",
            r#"{"type":"nps","data":{"nps":33}}"#,
        ),
        (
            "/render.svg?theme=blue",
            r#"{"type":"nps","data":{"nps":33}}"#,
        ),
    ];
    for (target, body) in invalid {
        cases.push(Case {
            method: "POST",
            target: target.into(),
            body: body.into(),
            expect: 400,
        });
    }
    cases.push(Case {
        method: "GET",
        target: "/chart.svg?spec=***".into(),
        body: String::new(),
        expect: 400,
    });
    cases
}
