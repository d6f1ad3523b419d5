//! Thousands of mutated specs, on stable and in CI: the examples with fields replaced,
//! removed, added and retyped, lists emptied and pushed past their limits, and numbers
//! and text at and beyond every edge. Each must give a clear error or a spec that every
//! output can draw; never a panic. (`fuzz/` runs the same checks coverage-guided.)

#![cfg(feature = "native")]

#[path = "support/examples.rs"]
mod examples;
#[path = "support/exercise.rs"]
mod exercise;

use serde_json::{json, Value};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Deterministic xorshift: the same cases on every run, so a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<T: Clone>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())].clone()
    }
}

const KEYS: &[&str] = &[
    "type",
    "view",
    "title",
    "subtitle",
    "source",
    "note",
    "locale",
    "theme",
    "data",
    "zones",
    "promoters",
    "passives",
    "detractors",
    "scores",
    "promoters_pct",
    "passives_pct",
    "detractors_pct",
    "respondents",
    "nps",
    "period",
    "label",
    "employed",
    "total",
    "rate",
    "categories",
    "groups",
    "values",
    "unit",
    "mode",
    "value",
    "prefix",
    "suffix",
];

const WORDS: &[&str] = &[
    "nps",
    "nps-trend",
    "employment",
    "bar",
    "line",
    "donut",
    "kpi",
    "gauge",
    "breakdown",
    "distribution",
    "trend",
    "count",
    "percent",
    "stacked",
    "grouped",
    "en-US",
    "id-ID",
    "light",
    "dark",
    "",
    "x",
    "2023-05",
    "2023-Q2",
    "2023-13",
    "2023-Q5",
    "Q2 2023",
    "<b>x</b>",
    "a\u{0}b",
    "line\nbreak",
    "🙂🙂",
    "مرحبا",
    "e\u{301}\u{301}\u{301}",
];

fn number(rng: &mut Rng) -> Value {
    let pool = [
        json!(0),
        json!(-0.0),
        json!(1),
        json!(-1),
        json!(0.5),
        json!(33),
        json!(99.99),
        json!(100),
        json!(100.5),
        json!(-100),
        json!(-100.5),
        json!(1_000_000_000u64),
        json!(1_000_000_001u64),
        json!(1e15),
        json!(1e16),
        json!(1e300),
        json!(-1e300),
        json!(9_007_199_254_740_993u64),
        json!(u64::MAX),
        json!(3.0e-9),
    ];
    rng.pick(&pool)
}

fn text(rng: &mut Rng) -> Value {
    match rng.below(6) {
        0 => Value::String("W".repeat(rng.pick(&[79, 80, 81, 299, 300, 301, 2000]))),
        1 => Value::String("word ".repeat(rng.below(80))),
        _ => Value::String(rng.pick(WORDS).to_string()),
    }
}

/// Any JSON value, nested a little.
fn value(rng: &mut Rng, depth: usize) -> Value {
    match rng.below(if depth > 2 { 4 } else { 6 }) {
        0 => Value::Null,
        1 => Value::Bool(rng.below(2) == 0),
        2 => number(rng),
        3 => text(rng),
        4 => Value::Array((0..rng.below(5)).map(|_| value(rng, depth + 1)).collect()),
        _ => {
            let mut map = serde_json::Map::new();
            for _ in 0..rng.below(4) {
                map.insert(rng.pick(KEYS).to_string(), value(rng, depth + 1));
            }
            Value::Object(map)
        }
    }
}

/// Every node of `v`, as JSON pointers.
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                pointers(child, format!("{at}/{k}"), out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                pointers(child, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
    out.push(at);
}

/// Changes one node of `spec` the way a mistyped or hostile spec would.
fn mutate(rng: &mut Rng, spec: &mut Value) {
    let mut all = Vec::new();
    pointers(spec, String::new(), &mut all);
    // The chart type stays: changing it only tests one line of the parser, many times.
    all.retain(|p| p != "/type");
    // Half the time a number or text keeps its type but takes an edge value: those specs
    // often still parse, and exercise drawing rather than validation.
    if rng.below(2) == 0 {
        let leaves: Vec<_> = all
            .iter()
            .filter(|p| matches!(spec.pointer(p), Some(Value::Number(_) | Value::String(_))))
            .cloned()
            .collect();
        if !leaves.is_empty() {
            let node = spec.pointer_mut(&rng.pick(&leaves)).unwrap();
            *node = if node.is_number() {
                number(rng)
            } else {
                text(rng)
            };
            return;
        }
    }
    let at = rng.pick(&all);
    let node = spec.pointer_mut(&at).unwrap();
    match (rng.below(4), node) {
        (0, Value::Object(map)) if !map.is_empty() => {
            let key = map.keys().nth(rng.below(map.len())).unwrap().clone();
            map.remove(&key);
        }
        (1, Value::Object(map)) => {
            map.insert(rng.pick(KEYS).to_string(), value(rng, 1));
        }
        (0, Value::Array(items)) => items.truncate(rng.below(items.len() + 1)),
        (1, Value::Array(items)) if !items.is_empty() => {
            let copies = rng.pick(&[1, 2, 10, 60, 500]);
            let item = items[rng.below(items.len())].clone();
            items.extend(std::iter::repeat_n(item, copies));
        }
        (_, node) => *node = value(rng, 1),
    }
}

#[test]
fn mutated_examples_give_an_error_or_a_chart_never_a_panic() {
    let examples: Vec<Value> = examples::examples()
        .iter()
        .map(|(_, json)| serde_json::from_str(json).unwrap())
        .collect();
    let mut rng = Rng(0x5eed_cafe_f00d_1234);
    let (mut drawn, mut refused) = (0, 0);
    for case in 0..4000 {
        let mut spec = examples[case % examples.len()].clone();
        for _ in 0..1 + rng.below(2) {
            mutate(&mut rng, &mut spec);
        }
        let text = spec.to_string();
        let outcome = catch_unwind(AssertUnwindSafe(|| match statchart::parse_spec(&text) {
            Ok(parsed) => {
                exercise::exercise(&parsed);
                true
            }
            Err(e) => {
                assert!(!e.to_string().is_empty());
                false
            }
        }));
        match outcome {
            Ok(true) => drawn += 1,
            Ok(false) => refused += 1,
            Err(_) => panic!("case {case} panicked; the spec was:\n{text}"),
        }
    }
    // Both sides must be well exercised, or the mutations have stopped doing their job.
    assert!(
        drawn >= 800 && refused >= 800,
        "{drawn} drawn, {refused} refused"
    );
}
