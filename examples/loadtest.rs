//! A bounded load test of `statchart serve` on 127.0.0.1: valid and invalid specs mixed.
//!
//! `cargo run --profile server --example loadtest -- [--requests 5000] [--clients 64] [--addr HOST:PORT]`
//!
//! Without `--addr` it starts the service in this process on a free port, with the default
//! limits. Each request is a new connection (`Connection: close`), as a CDN miss would be.
//! Prints a Markdown table (docs/benchmarks.md keeps one) and exits 1 on any unexpected answer.

#[path = "../tests/support/examples.rs"]
mod examples;
#[path = "../tests/support/http.rs"]
mod http;

use std::net::SocketAddr;

fn main() {
    let mut requests = 5_000;
    let mut clients = 64;
    let mut addr: Option<SocketAddr> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let value = args.next().unwrap_or_else(|| panic!("{a} needs a value"));
        match a.as_str() {
            "--requests" => requests = value.parse().expect("--requests: a number"),
            "--clients" => clients = value.parse().expect("--clients: a number"),
            "--addr" => addr = Some(value.parse().expect("--addr: HOST:PORT")),
            _ => panic!("unknown argument {a}"),
        }
    }
    let addr = addr.unwrap_or_else(start_in_process);
    let cases = http::mixed_cases(&examples::examples());
    let invalid = cases.iter().filter(|c| c.expect != 200).count();
    // Warm up: one of each, so the table measures the steady state.
    http::load(addr, &cases, cases.len(), 1);
    let r = http::load(addr, &cases, requests, clients);
    let ms = |d: std::time::Duration| format!("{:.1}", d.as_secs_f64() * 1000.0);
    let count = |status: u16| r.statuses.get(&status).copied().unwrap_or(0);
    let others: usize = r
        .statuses
        .iter()
        .filter(|(s, _)| **s != 200 && **s != 400)
        .map(|(_, n)| n)
        .sum();
    println!(
        "{} requests from {} clients; the mix: {} request kinds, {} of them invalid",
        r.requests,
        r.clients,
        cases.len(),
        invalid
    );
    println!();
    println!("| figure | value |");
    println!("|---|---|");
    println!("| wall time (s) | {:.2} |", r.elapsed.as_secs_f64());
    println!("| throughput (requests/s) | {:.0} |", r.throughput());
    println!("| latency p50 (ms) | {} |", ms(r.percentile(0.50)));
    println!("| latency p99 (ms) | {} |", ms(r.percentile(0.99)));
    println!("| latency max (ms) | {} |", ms(r.percentile(1.0)));
    println!("| 200 (charts) | {} |", count(200));
    println!(
        "| 400 (invalid specs and queries, as expected) | {} |",
        count(400)
    );
    println!("| other answers and connection errors | {others} |");
    println!("| answers other than expected | {} |", r.unexpected.len());
    if !r.unexpected.is_empty() {
        eprintln!(
            "unexpected: {:?}",
            &r.unexpected[..r.unexpected.len().min(20)]
        );
        std::process::exit(1);
    }
}

/// The service with its default limits on a free port, on its own runtime thread.
fn start_in_process() -> SocketAddr {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        runtime.block_on(async {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            tx.send(listener.local_addr().unwrap()).unwrap();
            let config = statchart::serve::config::Config::default();
            statchart::serve::serve(listener, config, std::future::pending())
                .await
                .unwrap();
        });
    });
    rx.recv().unwrap()
}
