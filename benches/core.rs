//! Native benchmarks of the core: `cargo bench`. Parsing a spec, the statistics,
//! and drawing every example to SVG (layout, text measurement, SVG writing).

use criterion::{criterion_group, criterion_main, Criterion};
use statchart::native::{output_size, render_svg};
use statchart::spec::{NpsData, NpsPoint};
use statchart::stats::{nps_stats, nps_trend_stats, wilson95};
use std::hint::black_box;

#[path = "../tests/support/examples.rs"]
mod support;
use support::examples;

fn parse(c: &mut Criterion) {
    let all = examples();
    let trend = &all
        .iter()
        .find(|(n, _)| n == "illustrative-nps-trend")
        .unwrap()
        .1;
    c.bench_function("parse/nps-trend", |b| {
        b.iter(|| statchart::parse_spec(black_box(trend)).unwrap())
    });
    c.bench_function("parse/all examples", |b| {
        b.iter(|| {
            for (_, json) in &all {
                statchart::parse_spec(black_box(json)).unwrap();
            }
        })
    });
}

fn statistics(c: &mut Criterion) {
    let counts = NpsData::Counts {
        promoters: 500,
        passives: 330,
        detractors: 170,
    };
    c.bench_function("stats/nps from counts", |b| {
        b.iter(|| nps_stats(black_box(&counts)))
    });
    let points: Vec<NpsPoint> = (0..24)
        .map(|i| NpsPoint {
            period: format!("P{i}"),
            label: None,
            data: NpsData::Counts {
                promoters: 400 + i,
                passives: 300,
                detractors: 200 - i,
            },
        })
        .collect();
    c.bench_function("stats/trend of 24 periods", |b| {
        b.iter(|| nps_trend_stats(black_box(&points)))
    });
    c.bench_function("stats/wilson", |b| {
        b.iter(|| wilson95(black_box(245.0), black_box(1020.0)))
    });
}

fn render(c: &mut Criterion) {
    let mut group = c.benchmark_group("render svg");
    for (name, json) in examples() {
        let spec = statchart::parse_spec(&json).unwrap();
        let size = output_size(&spec, None, None, 1.0).unwrap();
        group.bench_function(&name, |b| {
            b.iter(|| render_svg(black_box(&spec), size).unwrap())
        });
    }
    group.finish();
}

criterion_group!(benches, parse, statistics, render);
criterion_main!(benches);
