//! Golden texts: everything a reader is told in words, for every example in its own
//! language and in the other one, and for specs that reach the cases the examples do
//! not (published figures, no variation, shares without a sample size, units, signs).
//! Per spec: the screen-reader summary, the data table, each tooltip, and the chart's
//! text as laid out at 640 px. `UPDATE_GOLDEN=1 cargo test --test texts` rewrites
//! tests/golden/texts.txt; a change to it is a change readers see, and the commit says why.

#![cfg(feature = "native")]

use statchart::parse_spec;
use statchart::render::{layout, Item, Measure};
use statchart::summary::{summary, table};
use std::fmt::Write;

#[path = "support/examples.rs"]
mod support;
use support::examples;

/// Fixed metrics, so that the laid-out text does not hang on a font.
struct Monospace;

impl Measure for Monospace {
    fn text_width(&self, text: &str, size: f64, bold: bool) -> f64 {
        text.chars().count() as f64 * size * if bold { 0.62 } else { 0.56 }
    }
}

/// Specs for the cases the examples do not reach.
const CASES: &[(&str, &str)] = &[
    (
        "nps-shares-published",
        r#"{"type":"nps","view":"breakdown","data":{"promoters_pct":50,"passives_pct":30,"detractors_pct":20}}"#,
    ),
    (
        "nps-breakdown-no-detractors",
        r#"{"type":"nps","view":"breakdown","data":{"promoters":30,"passives":10,"detractors":0}}"#,
    ),
    (
        "nps-published-id",
        r#"{"type":"nps","view":"gauge","locale":"id-ID","data":{"nps":-12.5}}"#,
    ),
    (
        "nps-gauge-unanimous",
        r#"{"type":"nps","data":{"promoters":40,"passives":0,"detractors":0}}"#,
    ),
    (
        "nps-gauge-zones",
        r#"{"type":"nps","zones":[-20,20],"data":{"promoters":12,"passives":30,"detractors":58}}"#,
    ),
    (
        "nps-gauge-scores",
        r#"{"type":"nps","view":"gauge","data":{"scores":[1,0,0,0,0,2,0,3,4,5,6]}}"#,
    ),
    (
        "nps-distribution-id",
        r#"{"type":"nps","view":"distribution","locale":"id-ID","data":{"scores":[1200,0,0,0,0,2,0,3,4,5,6]}}"#,
    ),
    (
        "nps-trend-published",
        r#"{"type":"nps-trend","data":[{"period":"2023-Q1","nps":20},{"period":"2023-Q2","promoters":50,"passives":30,"detractors":20},{"period":"2023-Q3","promoters":60,"passives":30,"detractors":10}]}"#,
    ),
    (
        "nps-trend-unanimous",
        r#"{"type":"nps-trend","locale":"id-ID","data":[{"period":"2023-05","promoters":10,"passives":0,"detractors":0},{"period":"2023-06","promoters":20,"passives":0,"detractors":0}]}"#,
    ),
    (
        "nps-trend-one",
        r#"{"type":"nps-trend","data":[{"period":"2023-06","promoters":10,"passives":5,"detractors":5}]}"#,
    ),
    (
        "nps-trend-one-published",
        r#"{"type":"nps-trend","data":[{"period":"2023-06","nps":5}]}"#,
    ),
    (
        "nps-trend-shares",
        r#"{"type":"nps-trend","data":[{"period":"A","promoters_pct":40,"passives_pct":40,"detractors_pct":20},{"period":"B","promoters_pct":45,"passives_pct":35,"detractors_pct":20,"respondents":300}]}"#,
    ),
    (
        "rate-published-nolabel",
        r#"{"type":"employment","data":{"rate":24.25}}"#,
    ),
    (
        "rate-counts-noperiod-id",
        r#"{"type":"employment","locale":"id-ID","data":{"employed":1234,"total":5678}}"#,
    ),
    (
        "rate-trend-published",
        r#"{"type":"employment","view":"trend","data":[{"period":"2022","rate":24},{"period":"2023","employed":30,"total":100}]}"#,
    ),
    (
        "rate-trend-zero",
        r#"{"type":"employment","view":"trend","locale":"id-ID","data":[{"period":"2022","employed":0,"total":50},{"period":"2023","employed":0,"total":60}]}"#,
    ),
    (
        "rate-trend-one",
        r#"{"type":"employment","view":"trend","data":[{"period":"2023","employed":3,"total":10}]}"#,
    ),
    (
        "rate-trend-one-published",
        r#"{"type":"employment","view":"trend","data":[{"period":"2023","rate":30}]}"#,
    ),
    (
        "breakdown-counts-grouped-zero",
        r#"{"type":"employment","view":"breakdown","data":{"mode":"grouped","categories":["Employed","Self-employed","Still looking"],"groups":[{"label":"2023","values":[0,10,20]},{"label":"2024","values":[5,5,5]}]}}"#,
    ),
    (
        "breakdown-percent-stacked-id",
        r#"{"type":"employment","view":"breakdown","locale":"id-ID","data":{"unit":"percent","categories":["Bekerja","Lainnya"],"groups":[{"label":"A","values":[33.33,66.67]}]}}"#,
    ),
    (
        "bar-negative-percent",
        r#"{"type":"bar","unit":"%","data":[{"label":"Loss","value":-5000},{"label":"Gain","value":5000.125}]}"#,
    ),
    (
        "bar-huge-unit-id",
        r#"{"type":"bar","unit":"kg","locale":"id-ID","data":[{"label":"A","value":1500000},{"label":"B","value":2.5}]}"#,
    ),
    (
        "line-percent",
        r#"{"type":"line","unit":"%","data":[{"label":"a","value":1.5},{"label":"b","value":-2},{"label":"c","value":3.25}]}"#,
    ),
    (
        "line-plain",
        r#"{"type":"line","data":[{"label":"a","value":10},{"label":"b","value":12}]}"#,
    ),
    (
        "donut-unit-id",
        r#"{"type":"donut","unit":"orang","locale":"id-ID","data":[{"label":"A","value":1},{"label":"B","value":2},{"label":"C","value":0}]}"#,
    ),
    (
        "donut-percent",
        r#"{"type":"donut","unit":"%","data":[{"label":"A","value":60},{"label":"B","value":40}]}"#,
    ),
    (
        "kpi-prefix-nolabel",
        r#"{"type":"kpi","locale":"id-ID","data":{"value":-1234.567,"prefix":"Rp "}}"#,
    ),
    (
        "kpi-label-suffix",
        r#"{"type":"kpi","title":"Done!","source":"Us.","data":{"value":0.5,"suffix":" M","label":"things"}}"#,
    ),
];

/// The spec's texts, one per line, under headed blocks.
fn texts_of(out: &mut String, name: &str, json: &str) {
    let spec = parse_spec(json).unwrap_or_else(|e| panic!("{name}: {e}"));
    writeln!(out, "## {name}").unwrap();
    writeln!(out, "summary: {}", summary(&spec)).unwrap();
    let t = table(&spec);
    writeln!(out, "table: {} | {}", t.caption, t.headers.join(" | ")).unwrap();
    for row in &t.rows {
        writeln!(out, "  row: {}", row.join(" | ")).unwrap();
    }
    let scene = layout(&spec, 640.0, None, &Monospace);
    for m in &scene.marks {
        writeln!(out, "  tip: {}", m.text).unwrap();
    }
    for item in &scene.items {
        if let Item::Text { text, .. } = item {
            writeln!(out, "  text: {text}").unwrap();
        }
    }
}

/// The spec with its locale swapped for the other one.
fn other_locale(json: &str) -> String {
    let mut v: serde_json::Value = serde_json::from_str(json).unwrap();
    let id = v.get("locale").and_then(|l| l.as_str()) == Some("id-ID");
    v["locale"] = if id { "en-US" } else { "id-ID" }.into();
    v.to_string()
}

#[test]
fn every_text_a_reader_gets_matches_the_golden_file() {
    let mut out = String::new();
    for (name, json) in examples() {
        texts_of(&mut out, &name, &json);
        texts_of(
            &mut out,
            &format!("{name} (other locale)"),
            &other_locale(&json),
        );
    }
    for (name, json) in CASES {
        texts_of(&mut out, name, json);
    }
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden/texts.txt");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(path, &out).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(path).expect("UPDATE_GOLDEN=1 writes it");
    if expected != out {
        let (e, a): (Vec<_>, Vec<_>) = (expected.lines().collect(), out.lines().collect());
        let first = e
            .iter()
            .zip(&a)
            .position(|(x, y)| x != y)
            .unwrap_or(e.len().min(a.len()));
        panic!(
            "texts changed from line {}:\n  golden: {:?}\n  now:    {:?}",
            first + 1,
            e.get(first),
            a.get(first)
        );
    }
}
